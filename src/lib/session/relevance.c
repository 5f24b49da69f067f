#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "session/relevance.h"
#include "util/arena.h"

void kw_relevance_init(struct kw_relevance *rel, const struct kw_kb *kb)
{
	rel->relevant = kw_xcalloc(kb->nquestions + 1, sizeof *rel->relevant);
	rel->live = kw_xcalloc(kb->nrules + 1, sizeof *rel->live);
	rel->open = kw_xcalloc(kw_kb_nsymbols(kb) + 1, sizeof *rel->open);
}

void kw_relevance_free(struct kw_relevance *rel)
{
	free(rel->relevant);
	free(rel->live);
	free(rel->open);
}

/* Facts are open while a live rule may set them; rules stay live until
 * their condition is certainly false.  Shrinks to a fixpoint. */
static void find_live_rules(struct kw_relevance *rel, const struct kw_kb *kb,
			    const struct kw_eval *ev)
{
	bool changed = true;

	for (size_t r = 0; r < kb->nrules; r++)
		rel->live[r] = kb->rules[r].cond != KW_NONE;
	while (changed) {
		changed = false;
		memset(rel->open + kb->nquestions, 0, kb->nfacts * sizeof *rel->open);
		for (size_t r = 0; r < kb->nrules; r++)
			for (size_t i = 0; rel->live[r] && i < kb->rules[r].actions.n; i++)
				if (kw_rule_action(kb, &kb->rules[r], i)->kind == KW_ACT_SET)
					rel->open[kw_rule_action(kb, &kb->rules[r], i)->target] = true;
		for (size_t r = 0; r < kb->nrules; r++)
			if (rel->live[r] && kw_prog_eval3(kb->rules[r].cond, ev, rel->open) == KW_NO)
				rel->live[r] = false, changed = true;
	}
}

struct marker {
	const struct kw_kb *kb;
	bool *relevant;
	const bool *pending;
};

static void mark(size_t sym, bool negative, void *data)
{
	struct marker *m = data;

	(void)negative;
	if (sym < m->kb->nquestions && m->pending[sym])
		m->relevant[sym] = true;
}

static enum kw_level highest_triage(const struct kw_kb *kb, const struct kw_rule *r)
{
	enum kw_level level = KW_SELF_CARE;

	for (size_t i = 0; i < r->actions.n; i++) {
		const struct kw_action *a = kw_rule_action(kb, r, i);
		if (a->kind == KW_ACT_TRIAGE && a->target > level)
			level = (enum kw_level)a->target;
	}
	return level;
}

/* The triage already certain: the highest raised by a rule that will fire. */
static enum kw_level certain_triage(const struct kw_relevance *rel, const struct kw_kb *kb,
				    const struct kw_eval *ev)
{
	enum kw_level level = KW_SELF_CARE;

	for (size_t r = 0; r < kb->nrules; r++)
		if (rel->live[r] && highest_triage(kb, &kb->rules[r]) > level &&
		    kw_prog_eval3(kb->rules[r].cond, ev, rel->open) == KW_YES)
			level = highest_triage(kb, &kb->rules[r]);
	return level;
}

struct needs {
	const struct kw_kb *kb;
	bool *needed;                   /* by symbol */
	bool changed;
};

static void need(size_t sym, bool negative, void *data)
{
	struct needs *n = data;

	(void)negative;
	if (!n->needed[sym])
		n->needed[sym] = n->changed = true;
}

static bool sets_needed(const struct kw_kb *kb, const struct kw_rule *r, const bool *needed)
{
	for (size_t i = 0; i < r->actions.n; i++) {
		const struct kw_action *a = kw_rule_action(kb, r, i);
		if (a->kind == KW_ACT_SET && needed[a->target])
			return true;
	}
	return false;
}

/* Once urgent is certain no routine will be given, so only what could
 * still make it an emergency matters: the undecided rules that raise it,
 * and (to a fixpoint) those that set facts they test. */
static void mark_toward_emergency(struct kw_relevance *rel, const struct kw_kb *kb,
				  const struct kw_eval *ev, struct marker *m)
{
	struct needs n = { kb, kw_xcalloc(kw_kb_nsymbols(kb) + 1, sizeof *n.needed), true };

	while (n.changed) {
		n.changed = false;
		for (size_t r = 0; r < kb->nrules; r++)
			if (rel->live[r] && (highest_triage(kb, &kb->rules[r]) == KW_EMERGENCY ||
					     sets_needed(kb, &kb->rules[r], n.needed)) &&
			    kw_prog_eval3(kb->rules[r].cond, ev, rel->open) == KW_MAYBE)
				kw_prog_visit(kb, kb->rules[r].cond, need, &n);
	}
	for (size_t q = 0; q < kb->nquestions; q++)
		if (n.needed[q])
			mark(q, false, m);
	free(n.needed);
}

/* Every live rule still undecided, and every routine's condition. */
static void mark_all_undecided(struct kw_relevance *rel, const struct kw_kb *kb,
			       const struct kw_eval *ev, struct marker *m)
{
	for (size_t r = 0; r < kb->nrules; r++)
		if (rel->live[r] && kw_prog_eval3(kb->rules[r].cond, ev, rel->open) == KW_MAYBE)
			kw_prog_visit(kb, kb->rules[r].cond, mark, m);
	for (size_t i = 0; i < kb->nroutines; i++)
		kw_prog_visit(kb, kb->routines[i].cond, mark, m);
	if (kb->settings->minutes_from >= 0)
		mark((size_t)kb->settings->minutes_from, false, m);
}

/* A question that gates a relevant one (through its ask_if) matters too;
 * ask_if names only earlier questions, so one pass from the end does. */
static void mark_gates(struct kw_relevance *rel, const struct kw_kb *kb,
		       const bool *pending, struct marker *m)
{
	for (size_t i = kb->nquestions; i-- > 0;) {
		size_t q = kb->ask_order[i];
		if (pending[q] && (rel->relevant[q] || kb->questions[q].required))
			kw_prog_visit(kb, kb->questions[q].ask_if, mark, m);
	}
}

void kw_relevance_compute(struct kw_relevance *rel, const struct kw_kb *kb,
			  const struct kw_answers *a, const bool *pending)
{
	struct kw_eval ev = { .kb = kb, .values = a->values, .matcher = a->matcher };
	struct marker m = { kb, rel->relevant, pending };
	size_t nsyms = kw_kb_nsymbols(kb);
	enum kw_level triage;
	struct kw_value *values = kw_xcalloc(nsyms + 1, sizeof *values);

	/* facts are unknown: an open one reads "maybe", a closed one is unset */
	memcpy(values, a->values, kb->nquestions * sizeof *values);
	ev.values = values;
	memcpy(rel->open, pending, kb->nquestions * sizeof *rel->open);
	memset(rel->relevant, 0, kb->nquestions * sizeof *rel->relevant);
	rel->emergency = false;
	find_live_rules(rel, kb, &ev);
	triage = certain_triage(rel, kb, &ev);
	rel->emergency = triage == KW_EMERGENCY;
	if (triage >= KW_URGENT)
		mark_toward_emergency(rel, kb, &ev, &m);
	else
		mark_all_undecided(rel, kb, &ev, &m);
	mark_gates(rel, kb, pending, &m);
	rel->to_go = 0;
	for (size_t q = 0; q < kb->nquestions; q++) {
		uint32_t gate = kb->questions[q].ask_if;
		rel->relevant[q] |= pending[q] && kb->questions[q].required;
		if (gate != KW_NONE && kw_prog_eval3(gate, &ev, rel->open) == KW_NO)
			rel->relevant[q] = false;       /* will not be asked */
		rel->to_go += pending[q] && rel->relevant[q];
	}
	free(values);
}
