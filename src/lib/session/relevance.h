/*
 * relevance: what the questionnaire may still learn.  Given the answers so
 * far and which questions are still to come, it finds the rules that can
 * still fire (three-valued: a test of a question still to come, or of a
 * fact a live rule may still set, is "maybe"), and from them which of the
 * questions to come can still change the outcome, and whether an
 * emergency is already certain.  Once urgent care is certain no routine
 * will be given, and only what could still make it an emergency matters.
 * Required questions are always relevant.
 */
#ifndef KW_RELEVANCE_H
#define KW_RELEVANCE_H

#include <stdbool.h>

#include "expr/expr.h"
#include "knotwise/answers.h"

struct kw_relevance {
	bool *relevant;                 /* by question */
	bool emergency;                 /* certain whatever comes next */
	size_t to_go;                   /* relevant questions still to come */
	bool *live, *open;              /* by rule; by symbol (scratch) */
};

void kw_relevance_init(struct kw_relevance *rel, const struct kw_kb *kb);
void kw_relevance_free(struct kw_relevance *rel);
/* pending[q]: question q has not been asked yet. */
void kw_relevance_compute(struct kw_relevance *rel, const struct kw_kb *kb,
			  const struct kw_answers *a, const bool *pending);

#endif
