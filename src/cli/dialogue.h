/*
 * dialogue: the questionnaire in a terminal (SPEC §4, interactive).
 * Prompts go to stderr so that `knotwise > routine.txt` still asks on
 * screen; only the result reaches stdout.
 */
#ifndef KW_DIALOGUE_H
#define KW_DIALOGUE_H

#include <stdbool.h>

#include "knotwise/answers.h"

/* Ask until done; an exit status (65 when the person quits).  ask_all
 * asks every question whose ask_if holds, even those that cannot matter. */
int kw_dialogue_run(const struct kw_kb *kb, struct kw_answers *answers, bool partial,
		    bool ask_all);

#endif
