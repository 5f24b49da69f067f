/*
 * network: the engine's indexes, written into the rule set once, at load,
 * in compressed-row form (offsets and entries in the u32 pool, found
 * through kb->network).  kw_engine_prepare, which the loader calls, finds
 * each rule's stratum from the graph of rules and facts (strata.c), then
 * writes the indexes (index.c): rules grouped by stratum; for every symbol
 * the rules that test it positively (the only ones a new fact can enable
 * within a stratum); for every knot the routines that treat it; and for
 * every knot, routine, level and tag the rules whose actions produce it;
 * and for every rule its gate, one test its condition needs.  The engine
 * runs on the first three and the gates; --why-not reads the producers.
 */
#ifndef KW_NETWORK_H
#define KW_NETWORK_H

#include <stdbool.h>
#include <stddef.h>

#include "ruleset/ruleset.h"

struct kw_store;
struct kw_diags;

/* Strata, cycle check and indexes, into the rule set being built; false
 * after reporting a cycle through negation, naming its rules. */
bool kw_engine_prepare(struct kw_store *st, struct kw_diags *diags);

/* The key of what an action produces: a knot (suspect), a routine
 * (recommend), a level (triage) or a tag (avoid); facts are not keyed. */
size_t kw_product_key(const struct kw_kb *kb, int action_kind, size_t target);
size_t kw_product_keys(const struct kw_kb *kb);

/* A row of a compressed-row index: entries [start[i], start[i + 1]). */
static inline const uint32_t *kw_net(const struct kw_kb *kb, uint32_t off)
{
	return kb->u32 + off;
}

#endif
