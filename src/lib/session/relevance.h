/*
 * relevance: what the questionnaire may still learn.  Given the answers so
 * far and which questions are still to come, it finds the rules that can
 * still fire (three-valued: a test of a question still to come, or of a
 * fact a live rule may still set, is "maybe"), and from them which of the
 * questions to come can still change the outcome, and whether an
 * emergency is already certain.  Once urgent care is certain no routine
 * will be given, and only what could still make it an emergency matters.
 * Required questions are always relevant.
 *
 * As answers come in, knowing more only ever settles a "maybe": a rule's
 * condition turns yes or no, a rule turned no stops being live, a fact
 * whose last live setter went is closed.  So kw_relevance_answered
 * re-evaluates only the rules that test what changed, and what they
 * close in turn.  Anything that takes knowledge back (`back`, a changed
 * answer) calls kw_relevance_reset, which starts again from the answers.
 */
#ifndef KW_RELEVANCE_H
#define KW_RELEVANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "expr/expr.h"
#include "knotwise/answers.h"

struct kw_relevance {
	bool *relevant;                 /* by question */
	bool emergency;                 /* certain whatever comes next */
	size_t to_go;                   /* relevant questions still to come */

	/* the state kept between answers */
	const struct kw_kb *kb;
	const struct kw_answers *answers;
	struct kw_value *values;        /* by symbol: answers, facts unknown */
	bool *open;                     /* by symbol: may still change */
	uint8_t *cond;                  /* by rule: enum kw_tri of its condition */
	uint32_t *live_setters;         /* by fact: live rules that set it */
	uint32_t *maybe_tests;          /* by question: tests in undecided live rules */
	bool *always;                   /* by question: a routine, a recheck_if or
	                                 * minutes_from uses it */
	uint32_t *users, *users_start;  /* symbol -> the rules that test it */
	uint32_t *work;                 /* symbols whose change is not yet spread */
	size_t nwork;
	enum kw_level certain;          /* raised by a rule whose condition holds */
};

void kw_relevance_init(struct kw_relevance *rel, const struct kw_kb *kb,
		       const struct kw_answers *answers);
void kw_relevance_free(struct kw_relevance *rel);
/* Start from the answers as they are; pending[q]: q is still to come. */
void kw_relevance_reset(struct kw_relevance *rel, const bool *pending);
/* Question q, pending until now, has its answer (or none, if skipped). */
void kw_relevance_answered(struct kw_relevance *rel, size_t q);

#endif
