/*
 * engine_internal: what the engine's parts share and nobody else needs:
 * the graph of rules and facts that strata.c builds and index.c turns
 * into the indexes (network.h), and the selection of knots and routines
 * (select.c) that a run (engine.c) makes once the rules have run.
 */
#ifndef KW_ENGINE_INTERNAL_H
#define KW_ENGINE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

struct kw_store;
struct kw_result;
struct kw_eval;

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

/* Write the indexes of network.h for the graph, whose strata are known. */
void kw_engine_index(struct kw_store *st, const struct kw_graph *g);

/* Choose the knots and routines once the rules have run. */
void kw_select(struct kw_result *res, const struct kw_eval *ev);

#endif
