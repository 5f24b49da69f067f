/*
 * dialogue: the questionnaire in a terminal (SPEC §4, interactive).
 * Prompts go to stderr so that `knotwise > routine.txt` still asks on
 * screen; only the result reaches stdout.
 */
#ifndef KW_DIALOGUE_H
#define KW_DIALOGUE_H

#include <stdbool.h>

#include "knotwise/answers.h"

/* Ask until done; an exit status (65 when the person quits). */
int kw_dialogue_run(const struct kw_kb *kb, struct kw_answers *answers, bool partial);

#endif
