/*
 * answers: one person's answers, checked against the questions of a kb
 * (SPEC §4).  Answers come from `ID = VALUE` text, a JSON object, --set
 * and the questionnaire; each source goes through kw_answer_parse, so a
 * value means the same whatever way it arrived.  kw_answers_finish then
 * applies ask_if in asking order and checks the required questions.
 */
#ifndef KNOTWISE_ANSWERS_H
#define KNOTWISE_ANSWERS_H

#include <stdbool.h>
#include <stddef.h>

#include "knotwise/kb.h"

#define KW_MAX_TEXT_ANSWER 4096
#define KW_MAX_ANSWER_LINE 8192
#define KW_MAX_ANSWERS_BYTES (16L * 1024 * 1024)

/* One person's answers to the questions of one kb. */
struct kw_answers;

struct kw_answers *kw_answers_new(const struct kw_kb *kb);
void kw_answers_free(struct kw_answers *a);
/* Forget every answer and warning, keeping the memory for the next set. */
void kw_answers_clear(const struct kw_kb *kb, struct kw_answers *a);

/* Record an answer (text form), `unsure` included; false with a diagnostic. */
bool kw_answers_put(const struct kw_kb *kb, struct kw_answers *a, size_t q,
		    const char *text, struct kw_loc loc, struct kw_diags *diags);

/* `ID = VALUE` lines, or a JSON object when the first non-blank is '{'. */
bool kw_answers_read(const struct kw_kb *kb, struct kw_answers *a,
		     const char *text, size_t len, const char *source,
		     struct kw_diags *diags);
/* A JSON object of answers.  With id (batch), an "id" member is not an
 * answer: its JSON text is returned in *id (malloc'd; left NULL when
 * absent or when the text is not a JSON object). */
bool kw_answers_read_json(const struct kw_kb *kb, struct kw_answers *a,
			  const char *text, size_t len, struct kw_loc loc, char **id,
			  struct kw_diags *diags);
/* One `ID=VALUE` from --set; replaces any earlier answer to ID. */
bool kw_answers_set(const struct kw_kb *kb, struct kw_answers *a,
		    const char *assignment, struct kw_diags *diags);
/* Apply ask_if in asking order and check required questions (unless
 * partial, which warns instead); a no to [settings] episode_from makes
 * the journal questions unknown from there on (SPEC §8).  False with
 * diagnostics when bad. */
bool kw_answers_finish(const struct kw_kb *kb, struct kw_answers *a,
		       bool partial, struct kw_diags *diags);

#endif
