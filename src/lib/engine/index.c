/*
 * index: the engine's compressed-row indexes, written into the rule set
 * being built (network.h).  Each index is counted, its offsets
 * summed, then filled; rows keep load order, which breaks every tie.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "engine/engine_internal.h"
#include "engine/network.h"
#include "ruleset/store.h"
#include "util/arena.h"

/* A compressed-row index under construction: nrows + 1 offsets. */
struct rows {
	size_t nrows;
	uint32_t *start;
	uint32_t *entries;
	size_t *fill;
};

static void rows_count(struct rows *r, size_t nrows)
{
	r->nrows = nrows;
	r->start = kw_xcalloc(nrows + 2, sizeof *r->start);
}

/* After every row has been counted in start[row + 1]. */
static void rows_sum(struct rows *r)
{
	for (size_t i = 0; i < r->nrows; i++)
		r->start[i + 1] += r->start[i];
	r->entries = kw_xcalloc(r->start[r->nrows] + 1, sizeof *r->entries);
	r->fill = kw_xcalloc(r->nrows + 1, sizeof *r->fill);
	for (size_t i = 0; i < r->nrows; i++)
		r->fill[i] = r->start[i];
}

static void rows_put(struct rows *r, size_t row, size_t entry)
{
	r->entries[r->fill[row]++] = (uint32_t)entry;
}

/* Into the u32 pool: where the offsets went, and where the entries. */
static void rows_store(struct rows *r, struct kw_store *st, uint32_t *start,
		       uint32_t *entries)
{
	*start = kw_store_add(st, KW_PART_U32, r->start, r->nrows + 1);
	*entries = kw_store_add(st, KW_PART_U32, r->entries, r->start[r->nrows]);
	free(r->start);
	free(r->entries);
	free(r->fill);
}

/* Rules by stratum, load order inside each. */
static void index_strata(struct kw_store *st, struct kw_network *net)
{
	const struct kw_kb *kb = st->kb;
	struct rows r;
	uint32_t nstrata = 0;

	for (size_t i = 0; i < kb->nrules; i++)
		if (kb->rules[i].stratum + 1 > nstrata)
			nstrata = kb->rules[i].stratum + 1;
	rows_count(&r, nstrata);
	for (size_t i = 0; i < kb->nrules; i++)
		r.start[kb->rules[i].stratum + 1]++;
	rows_sum(&r);
	for (size_t i = 0; i < kb->nrules; i++)
		rows_put(&r, kb->rules[i].stratum, i);
	net->nstrata = nstrata;
	rows_store(&r, st, &net->stratum_start, &net->by_stratum);
}

/* Positive testers per symbol: the rules a newly set fact may enable. */
static void index_testers(struct kw_store *st, const struct kw_graph *g,
			  struct kw_network *net)
{
	const struct kw_kb *kb = st->kb;
	struct rows r;

	rows_count(&r, kw_kb_nsymbols(kb));
	for (size_t v = g->nrules; v < g->n; v++)
		for (size_t e = g->start[v]; e < g->start[v + 1]; e++)
			r.start[kb->nquestions + v - g->nrules + 1] += !g->edges[e].negative;
	rows_sum(&r);
	for (size_t v = g->nrules; v < g->n; v++)
		for (size_t e = g->start[v]; e < g->start[v + 1]; e++)
			if (!g->edges[e].negative)
				rows_put(&r, kb->nquestions + v - g->nrules, g->edges[e].to);
	rows_store(&r, st, &net->tester_start, &net->testers);
}

static void index_knot_routines(struct kw_store *st, struct kw_network *net)
{
	const struct kw_kb *kb = st->kb;
	struct rows r;

	rows_count(&r, kb->nknots);
	for (size_t i = 0; i < kb->nroutines; i++)
		for (size_t k = 0; k < kb->routines[i].knots.n; k++)
			r.start[kw_u32(kb, kb->routines[i].knots, k) + 1]++;
	rows_sum(&r);
	for (size_t i = 0; i < kb->nroutines; i++)
		for (size_t k = 0; k < kb->routines[i].knots.n; k++)
			rows_put(&r, kw_u32(kb, kb->routines[i].knots, k), i);
	rows_store(&r, st, &net->knot_start, &net->knot_routines);
}

size_t kw_product_key(const struct kw_kb *kb, int action_kind, size_t target)
{
	switch ((enum kw_action_kind)action_kind) {
	case KW_ACT_SUSPECT: return target;
	case KW_ACT_RECOMMEND: return kb->nknots + target;
	case KW_ACT_TRIAGE: return (size_t)kb->nknots + kb->nroutines + target;
	case KW_ACT_AVOID: return (size_t)kb->nknots + kb->nroutines + 4 + target;
	default: return SIZE_MAX;
	}
}

size_t kw_product_keys(const struct kw_kb *kb)
{
	return (size_t)kb->nknots + kb->nroutines + 4 + kb->ntags;
}

/* Each rule once per key it produces, counted (or placed). */
static void each_product(const struct kw_kb *kb, struct rows *r, bool place)
{
	size_t *last = kw_xcalloc(kw_product_keys(kb) + 1, sizeof *last);

	memset(last, 0xff, kw_product_keys(kb) * sizeof *last);
	for (size_t i = 0; i < kb->nrules; i++)
		for (size_t a = 0; a < kb->rules[i].actions.n; a++) {
			const struct kw_action *act = kw_rule_action(kb, &kb->rules[i], a);
			size_t key = kw_product_key(kb, (int)act->kind, act->target);
			if (key == SIZE_MAX || last[key] == i)
				continue;
			last[key] = i;
			if (place)
				rows_put(r, key, i);
			else
				r->start[key + 1]++;
		}
	free(last);
}

static void index_producers(struct kw_store *st, struct kw_network *net)
{
	struct rows r;

	rows_count(&r, kw_product_keys(st->kb));
	each_product(st->kb, &r, false);
	rows_sum(&r);
	each_product(st->kb, &r, true);
	rows_store(&r, st, &net->producer_start, &net->producers);
}

static bool is_test(uint8_t op)
{
	return op != KW_E_OR && op != KW_E_AND && op != KW_E_NOT && op != KW_E_COUNT;
}

/* A test the program cannot hold without: the program itself when it is
 * one test, else an operand of its top `and`; a bare `id` (true needed)
 * rather than any other test of one id (known needed). */
static uint32_t gate_of(const struct kw_kb *kb, uint32_t prog)
{
	uint32_t gate = KW_NONE, n = 1, pc = prog;

	if (prog == KW_NONE)
		return KW_NONE;
	if (kb->code[prog].op == KW_E_AND)
		n = kb->code[prog].n, pc = prog + 1;
	for (uint32_t i = 0; i < n; i++, pc += kb->code[pc].size) {
		const struct kw_insn *in = &kb->code[pc];
		if (in->op == KW_E_TRUTHY)
			return in->sym * 2 + 1;
		if (gate == KW_NONE && is_test(in->op))
			gate = in->sym * 2;
	}
	return gate;
}

/* Each rule's gate: the engine skips a rule whose gate is closed without
 * evaluating its condition, which could not hold. */
static void index_gates(struct kw_store *st, struct kw_network *net)
{
	const struct kw_kb *kb = st->kb;

	net->gates = kw_store_add(st, KW_PART_U32, NULL, kb->nrules);
	for (size_t i = 0; i < kb->nrules; i++)
		*(uint32_t *)kw_store_at(st, KW_PART_U32, net->gates + i) =
			gate_of(kb, kb->rules[i].cond);
}

void kw_engine_index(struct kw_store *st, const struct kw_graph *g)
{
	struct kw_network net = {0};

	index_strata(st, &net);
	index_testers(st, g, &net);
	index_knot_routines(st, &net);
	index_producers(st, &net);
	index_gates(st, &net);
	*(struct kw_network *)kw_store_at(st, KW_PART_NETWORK, 0) = net;
}
