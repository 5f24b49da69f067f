/*
 * dialogue: the questionnaire in a terminal (SPEC §4, interactive).
 * Prompts go to stderr so that `knotwise > routine.txt` still asks on
 * screen; only the result reaches stdout.
 */
#ifndef KW_DIALOGUE_H
#define KW_DIALOGUE_H

#include <stdbool.h>
#include <stddef.h>

#include "knotwise/answers.h"

/* An answer offered for a question, which Enter keeps (answer-file text). */
struct kw_preset {
	size_t question;
	const char *text;
};

struct kw_dialogue_options {
	bool partial;                   /* required questions may stay unanswered */
	bool ask_all;                   /* also ask what cannot matter */
	const char *opening;            /* said after the welcome, or NULL */
	const struct kw_preset *presets;
	size_t npresets;
};

/* Ask until done; an exit status (65 when the person quits). */
int kw_dialogue_run(const struct kw_kb *kb, struct kw_answers *answers,
		    const struct kw_dialogue_options *opts);

#endif
