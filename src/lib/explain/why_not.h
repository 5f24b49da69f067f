/*
 * why_not: why a knot, routine, triage level or rule was not reached —
 * the rules that could have produced it, each with the first test that
 * failed and the actual answer, or the avoid, budget, ranking or triage
 * that removed it.  Built as data (JSON); the text form reads the data.
 */
#ifndef KW_WHY_NOT_H
#define KW_WHY_NOT_H

#include <jansson.h>
#include <stdbool.h>

#include "knotwise/engine.h"
#include "render/text_wrap.h"

/* Is id a knot, routine, triage level or rule of this kb? */
bool kw_why_not_known(const struct kw_kb *kb, const char *id);
/* {"id", "reached", "reasons": [{"text", ...}]} for each kind id names. */
json_t *kw_why_not(const struct kw_kb *kb, const struct kw_result *res,
		   const char *id);
/* The same as a section of the text output. */
void kw_why_not_text(struct kw_writer *out, const json_t *why_not);

#endif
