/*
 * strata: kw_engine_prepare.  Rules and facts form a graph — a rule points
 * to each fact it sets, a fact to each rule that tests it, the edge
 * weighing 1 when the test is negative.  A rule's stratum is the heaviest
 * path into it (SPEC §7), so a cycle through a negative edge has none:
 * such a cycle is found as a strongly connected component holding a
 * weight-1 edge and rejected, naming its rules.  Tarjan's algorithm runs
 * iteratively: a 100k-rule chain is a 100k-deep path.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "engine/engine_internal.h"
#include "engine/network.h"
#include "expr/expr.h"
#include "ruleset/store.h"
#include "util/arena.h"
#include "util/strbuf.h"


struct collect {
	struct kw_graph *g;
	const struct kw_kb *kb;
	size_t rule;
};

static void add_edge(struct kw_graph *g, size_t from, size_t to, bool negative)
{
	kw_grow(&g->edges, &g->cap, g->nedges + 1, sizeof *g->edges);
	g->edges[g->nedges++] = (struct kw_edge){ from, to, negative };
}

static void on_test(size_t sym, bool negative, void *data)
{
	struct collect *c = data;

	if (sym >= c->kb->nquestions)       /* answers never change: no edge */
		add_edge(c->g, c->g->nrules + sym - c->kb->nquestions, c->rule, negative);
}

/* Sort edges by source (counting sort) into compressed rows. */
static void compress(struct kw_graph *g)
{
	struct kw_edge *sorted = kw_xcalloc(g->nedges, sizeof *sorted);
	size_t *fill = kw_xcalloc(g->n + 1, sizeof *fill);

	g->start = kw_xcalloc(g->n + 1, sizeof *g->start);
	for (size_t i = 0; i < g->nedges; i++)
		g->start[g->edges[i].from + 1]++;
	for (size_t i = 0; i < g->n; i++)
		g->start[i + 1] += g->start[i];
	memcpy(fill, g->start, (g->n + 1) * sizeof *fill);
	for (size_t i = 0; i < g->nedges; i++)
		sorted[fill[g->edges[i].from]++] = g->edges[i];
	free(g->edges);
	free(fill);
	g->edges = sorted;
}

static void build_graph(const struct kw_kb *kb, struct kw_graph *g)
{
	g->nrules = kb->nrules;
	g->n = kb->nrules + kb->nfacts;
	for (size_t r = 0; r < kb->nrules; r++) {
		struct collect c = { g, kb, r };
		const struct kw_rule *rule = &kb->rules[r];

		for (size_t i = 0; i < rule->actions.n; i++)
			if (kw_rule_action(kb, rule, i)->kind == KW_ACT_SET)
				add_edge(g, r, g->nrules + kw_rule_action(kb, rule, i)->target -
					 kb->nquestions, false);
		kw_prog_visit(kb, rule->cond, on_test, &c);
	}
	compress(g);
}

struct tarjan {
	const struct kw_graph *g;
	size_t *index, *low, *comp, *stack, *calls, *next_edge;
	bool *on_stack;
	size_t counter, depth, ncomps, sp;
};

#define UNVISITED ((size_t)-1)

static void tarjan_visit(struct tarjan *t, size_t root)
{
	t->calls[t->depth++] = root;
	t->index[root] = t->low[root] = t->counter++;
	t->stack[t->sp++] = root;
	t->on_stack[root] = true;
	t->next_edge[root] = t->g->start[root];
	while (t->depth) {
		size_t v = t->calls[t->depth - 1];

		if (t->next_edge[v] < t->g->start[v + 1]) {
			size_t w = t->g->edges[t->next_edge[v]++].to;
			if (t->index[w] == UNVISITED) {
				t->index[w] = t->low[w] = t->counter++;
				t->stack[t->sp++] = w;
				t->on_stack[w] = true;
				t->next_edge[w] = t->g->start[w];
				t->calls[t->depth++] = w;
			} else if (t->on_stack[w] && t->index[w] < t->low[v]) {
				t->low[v] = t->index[w];
			}
			continue;
		}
		if (t->low[v] == t->index[v]) {         /* v roots a component */
			size_t w;
			do {
				w = t->stack[--t->sp];
				t->on_stack[w] = false;
				t->comp[w] = t->ncomps;
			} while (w != v);
			t->ncomps++;
		}
		if (--t->depth) {
			size_t parent = t->calls[t->depth - 1];
			if (t->low[v] < t->low[parent])
				t->low[parent] = t->low[v];
		}
	}
}

/* Components numbered so that every edge goes to an equal or lower one. */
static size_t find_components(const struct kw_graph *g, size_t *comp)
{
	struct tarjan t = { .g = g, .comp = comp };
	size_t n = g->n ? g->n : 1;

	t.index = kw_xmalloc(n * sizeof *t.index);
	t.low = kw_xmalloc(n * sizeof *t.low);
	t.stack = kw_xmalloc(n * sizeof *t.stack);
	t.calls = kw_xmalloc(n * sizeof *t.calls);
	t.next_edge = kw_xmalloc(n * sizeof *t.next_edge);
	t.on_stack = kw_xcalloc(n, sizeof *t.on_stack);
	memset(t.index, 0xff, n * sizeof *t.index);
	for (size_t v = 0; v < g->n; v++)
		if (t.index[v] == UNVISITED)
			tarjan_visit(&t, v);
	free(t.index);
	free(t.low);
	free(t.stack);
	free(t.calls);
	free(t.next_edge);
	free(t.on_stack);
	return t.ncomps;
}

static void report_cycle(const struct kw_kb *kb, const struct kw_graph *g,
			 const size_t *comp, size_t c, struct kw_diags *diags)
{
	struct kw_strbuf names = {0};
	struct kw_loc loc = {0};

	for (size_t r = 0; r < g->nrules; r++)
		if (comp[r] == c) {
			if (!names.len)
				loc = kw_kb_loc(kb, kb->rules[r].where);
			kw_sb_printf(&names, "%s'%s'", names.len ? ", " : "",
				     kw_s(kb, kb->rules[r].id));
		}
	kw_diag(diags, KW_ERROR, loc, "rules %s test each other's facts through "
		"'not' or count() in a cycle, so no order can settle them",
		kw_sb_str(&names));
	kw_sb_free(&names);
}

static bool check_cycles(const struct kw_kb *kb, const struct kw_graph *g,
			 const size_t *comp, size_t ncomps, struct kw_diags *diags)
{
	bool *bad = kw_xcalloc(ncomps + 1, sizeof *bad), ok = true;

	for (size_t v = 0; v < g->n; v++)
		for (size_t e = g->start[v]; e < g->start[v + 1]; e++)
			if (g->edges[e].negative && comp[g->edges[e].to] == comp[v])
				bad[comp[v]] = true;
	for (size_t c = 0; c < ncomps; c++)
		if (bad[c]) {
			report_cycle(kb, g, comp, c, diags);
			ok = false;
		}
	free(bad);
	return ok;
}

/* Nodes sorted by component, highest number (a source) first: Tarjan
 * numbers components so that every edge goes to an equal or lower one. */
static size_t *topological_order(const struct kw_graph *g, const size_t *comp,
				 size_t ncomps)
{
	size_t *order = kw_xcalloc(g->n + 1, sizeof *order);
	size_t *count = kw_xcalloc(ncomps + 2, sizeof *count);

	for (size_t v = 0; v < g->n; v++)
		count[ncomps - comp[v]]++;
	for (size_t c = 1; c <= ncomps; c++)
		count[c] += count[c - 1];
	for (size_t v = 0; v < g->n; v++)
		order[count[ncomps - 1 - comp[v]]++] = v;
	free(count);
	return order;
}

/* The heaviest path into each node; a component shares one stratum. */
static void assign_strata(const struct kw_graph *g, const size_t *comp,
			  size_t ncomps, size_t *stratum)
{
	size_t *level = kw_xcalloc(ncomps + 1, sizeof *level);
	size_t *order = topological_order(g, comp, ncomps);

	for (size_t i = 0; i < g->n; i++) {
		size_t v = order[i];
		stratum[v] = level[comp[v]];
		for (size_t e = g->start[v]; e < g->start[v + 1]; e++) {
			size_t w = g->edges[e].to, s = stratum[v] + g->edges[e].negative;
			if (comp[w] != comp[v] && s > level[comp[w]])
				level[comp[w]] = s;
		}
	}
	free(order);
	free(level);
}

bool kw_engine_prepare(struct kw_store *st, struct kw_diags *diags)
{
	const struct kw_kb *kb = st->kb;
	struct kw_graph g = {0};
	size_t *comp, *stratum, ncomps;
	bool ok;

	build_graph(kb, &g);
	comp = kw_xcalloc(g.n + 1, sizeof *comp);
	stratum = kw_xcalloc(g.n + 1, sizeof *stratum);
	ncomps = find_components(&g, comp);
	ok = check_cycles(kb, &g, comp, ncomps, diags);
	assign_strata(&g, comp, ncomps, stratum);
	for (size_t r = 0; r < kb->nrules; r++)
		((struct kw_rule *)kw_store_at(st, KW_PART_RULES, r))->stratum = (uint32_t)stratum[r];
	kw_engine_index(st, &g);
	free(comp);
	free(stratum);
	free(g.start);
	free(g.edges);
	return ok;
}
