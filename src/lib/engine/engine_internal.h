/*
 * engine_internal: the indexes kw_engine_prepare builds once per kb, in
 * compressed-row form: rules grouped by stratum, and for every symbol the
 * rules that test it positively (the only ones a new fact can enable
 * within a stratum), for every knot the routines that treat it, and for
 * every knot, routine, level and tag the rules whose actions produce it
 * (what --why-not looks at when something did not happen).
 */
#ifndef KW_ENGINE_INTERNAL_H
#define KW_ENGINE_INTERNAL_H

#include <stddef.h>

struct kw_network {
	size_t nstrata;
	size_t *stratum_start;          /* nstrata + 1 offsets into by_stratum */
	size_t *by_stratum;             /* rule indices, load order per stratum */
	size_t *tester_start;           /* nsymbols + 1 offsets into testers */
	size_t *testers;
	size_t *knot_start;             /* nknots + 1 offsets into knot_routines */
	size_t *knot_routines;          /* routine indices, load order */
	size_t *producer_start;         /* by kw_product_key, offsets into producers */
	size_t *producers;              /* rule indices, load order */
};

struct kw_kb;

/* The key of what an action produces: a knot (suspect), a routine
 * (recommend), a level (triage) or a tag (avoid); facts are not keyed. */
size_t kw_product_key(const struct kw_kb *kb, int action_kind, size_t target);
size_t kw_product_keys(const struct kw_kb *kb);

void kw_network_free(struct kw_network *net);

#endif
