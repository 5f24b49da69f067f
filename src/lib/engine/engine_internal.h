/*
 * engine_internal: what the engine's parts share and nobody else needs.
 * kw_engine_prepare (strata.c) finds each rule's stratum from the graph of
 * rules and facts, then kw_engine_index (index.c) writes the indexes the
 * engine runs on into the rule set, in compressed-row form (offsets and
 * entries in the u32 pool, found through kb->network): rules grouped by
 * stratum; for every symbol the rules that test it positively (the only
 * ones a new fact can enable within a stratum); for every knot the
 * routines that treat it; and for every knot, routine, level and tag the
 * rules whose actions produce it (what --why-not looks at).
 */
#ifndef KW_ENGINE_INTERNAL_H
#define KW_ENGINE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "ruleset/ruleset.h"

struct kw_store;
struct kw_diags;

/* Rules and facts as nodes (rules first), an edge from a rule to each
 * fact it sets and from a fact to each rule that tests it. */
struct kw_edge {
	size_t from, to;
	bool negative;
};

struct kw_graph {
	size_t n, nrules;               /* nodes: rules, then facts */
	size_t *start;                  /* n + 1 offsets into edges, by source */
	struct kw_edge *edges;
	size_t nedges, cap;
};

/* Strata, cycle check and indexes, into the rule set being built; false
 * after reporting a cycle through negation, naming its rules. */
bool kw_engine_prepare(struct kw_store *st, struct kw_diags *diags);
void kw_engine_index(struct kw_store *st, const struct kw_graph *g);

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
