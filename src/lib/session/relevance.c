#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "answers/answers_internal.h"
#include "session/relevance.h"
#include "util/arena.h"

struct counter {
	uint32_t *count;
	size_t limit;                   /* count only symbols below it */
	int step;
};

static void count_symbol(size_t sym, bool negative, void *data)
{
	struct counter *c = data;

	(void)negative;
	if (sym < c->limit)
		c->count[sym] += (uint32_t)c->step;
}

struct placer {
	uint32_t *users, *fill;
	uint32_t rule;
};

static void place_user(size_t sym, bool negative, void *data)
{
	struct placer *p = data;

	(void)negative;
	p->users[p->fill[sym]++] = p->rule;
}

/* users: for each symbol, the rules whose condition tests it (a rule
 * once per test: re-evaluating it twice is harmless). */
static void index_users(struct kw_relevance *rel, const struct kw_kb *kb)
{
	size_t nsyms = kw_kb_nsymbols(kb);
	struct counter c = { rel->users_start + 1, nsyms, 1 };
	struct placer p = { NULL, kw_xcalloc(nsyms + 1, sizeof *p.fill), 0 };

	for (size_t r = 0; r < kb->nrules; r++)
		kw_prog_visit(kb, kb->rules[r].cond, count_symbol, &c);
	for (size_t s = 0; s < nsyms; s++)
		rel->users_start[s + 1] += rel->users_start[s];
	p.users = rel->users = kw_xcalloc(rel->users_start[nsyms] + 1, sizeof *rel->users);
	memcpy(p.fill, rel->users_start, nsyms * sizeof *p.fill);
	for (p.rule = 0; p.rule < kb->nrules; p.rule++)
		kw_prog_visit(kb, kb->rules[p.rule].cond, place_user, &p);
	free(p.fill);
}

/* Questions that matter whatever the rules do: routines test them, or a
 * recheck_if (the person's words may send a safety question back), or
 * they set the routine's minutes or start a new episode. */
static void find_always(struct kw_relevance *rel, const struct kw_kb *kb)
{
	struct counter c = { NULL, kb->nquestions, 1 };
	uint32_t *uses = kw_xcalloc(kb->nquestions + 1, sizeof *uses);

	c.count = uses;
	for (size_t i = 0; i < kb->nroutines; i++)
		kw_prog_visit(kb, kb->routines[i].cond, count_symbol, &c);
	for (size_t i = 0; i < kb->nquestions; i++)
		kw_prog_visit(kb, kb->questions[i].recheck_if, count_symbol, &c);
	for (size_t q = 0; q < kb->nquestions; q++)
		rel->always[q] = uses[q] > 0;
	if (kb->settings->minutes_from >= 0)
		rel->always[kb->settings->minutes_from] = true;
	if (kb->settings->episode_from >= 0)    /* its no forgets the journal */
		rel->always[kb->settings->episode_from] = true;
	free(uses);
}

void kw_relevance_init(struct kw_relevance *rel, const struct kw_kb *kb,
		       const struct kw_answers *answers)
{
	size_t nsyms = kw_kb_nsymbols(kb);

	memset(rel, 0, sizeof *rel);
	rel->kb = kb;
	rel->answers = answers;
	rel->relevant = kw_xcalloc(kb->nquestions + 1, sizeof *rel->relevant);
	rel->values = kw_xcalloc(nsyms + 1, sizeof *rel->values);
	rel->open = kw_xcalloc(nsyms + 1, sizeof *rel->open);
	rel->cond = kw_xcalloc(kb->nrules + 1, sizeof *rel->cond);
	rel->live_setters = kw_xcalloc(nsyms + 1, sizeof *rel->live_setters);
	rel->maybe_tests = kw_xcalloc(kb->nquestions + 1, sizeof *rel->maybe_tests);
	rel->always = kw_xcalloc(kb->nquestions + 1, sizeof *rel->always);
	rel->users_start = kw_xcalloc(nsyms + 2, sizeof *rel->users_start);
	rel->work = kw_xcalloc(nsyms + 1, sizeof *rel->work);
	index_users(rel, kb);
	find_always(rel, kb);
}

void kw_relevance_free(struct kw_relevance *rel)
{
	free(rel->relevant);
	free(rel->values);
	free(rel->open);
	free(rel->cond);
	free(rel->live_setters);
	free(rel->maybe_tests);
	free(rel->always);
	free(rel->users_start);
	free(rel->users);
	free(rel->work);
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

static void count_tests(struct kw_relevance *rel, size_t r, int step)
{
	struct counter c = { rel->maybe_tests, rel->kb->nquestions, step };
	kw_prog_visit(rel->kb, rel->kb->rules[r].cond, count_symbol, &c);
}

/* A rule turned no: the facts it alone could still set are closed. */
static void kill_rule(struct kw_relevance *rel, size_t r)
{
	const struct kw_rule *rule = &rel->kb->rules[r];

	for (size_t i = 0; i < rule->actions.n; i++) {
		const struct kw_action *a = kw_rule_action(rel->kb, rule, i);
		if (a->kind == KW_ACT_SET && --rel->live_setters[a->target] == 0) {
			rel->open[a->target] = false;
			rel->work[rel->nwork++] = a->target;
		}
	}
}

/* Rule r's condition settled to v (it was maybe, or never evaluated). */
static void settle(struct kw_relevance *rel, size_t r, enum kw_tri v)
{
	rel->cond[r] = (uint8_t)v;
	if (v == KW_YES && highest_triage(rel->kb, &rel->kb->rules[r]) > rel->certain)
		rel->certain = highest_triage(rel->kb, &rel->kb->rules[r]);
	else if (v == KW_NO)
		kill_rule(rel, r);
}

static enum kw_tri evaluate(const struct kw_relevance *rel, size_t r)
{
	struct kw_eval ev = { .kb = rel->kb, .values = rel->values,
			      .matcher = rel->answers->matcher };
	return kw_prog_eval3(rel->kb->rules[r].cond, &ev, rel->open);
}

/* Spread every change on the work list to the live, undecided rules
 * that test it; what they close joins the list. */
static void spread(struct kw_relevance *rel)
{
	while (rel->nwork) {
		uint32_t sym = rel->work[--rel->nwork];
		for (uint32_t u = rel->users_start[sym]; u < rel->users_start[sym + 1]; u++) {
			size_t r = rel->users[u];
			enum kw_tri v;
			if (rel->cond[r] != KW_MAYBE || (v = evaluate(rel, r)) == KW_MAYBE)
				continue;
			count_tests(rel, r, -1);
			settle(rel, r, v);
		}
	}
}

struct needs {
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
static void mark_toward_emergency(struct kw_relevance *rel)
{
	const struct kw_kb *kb = rel->kb;
	struct needs n = { kw_xcalloc(kw_kb_nsymbols(kb) + 1, sizeof *n.needed), true };

	while (n.changed) {
		n.changed = false;
		for (size_t r = 0; r < kb->nrules; r++)
			if (rel->cond[r] == KW_MAYBE &&
			    (highest_triage(kb, &kb->rules[r]) == KW_EMERGENCY ||
			     sets_needed(kb, &kb->rules[r], n.needed)))
				kw_prog_visit(kb, kb->rules[r].cond, need, &n);
	}
	for (size_t q = 0; q < kb->nquestions; q++)
		rel->relevant[q] = n.needed[q] && rel->open[q];
	free(n.needed);
}

static void mark_question(size_t sym, bool negative, void *data)
{
	struct kw_relevance *rel = data;

	(void)negative;
	if (sym < rel->kb->nquestions && rel->open[sym])
		rel->relevant[sym] = true;
}

/* A question that gates a relevant one (through its ask_if) matters too;
 * ask_if names only earlier questions, so one pass from the end does.
 * A question whose ask_if is already false will not be asked. */
static void mark_gates(struct kw_relevance *rel)
{
	const struct kw_kb *kb = rel->kb;
	struct kw_eval ev = { .kb = kb, .values = rel->values, .matcher = rel->answers->matcher };

	for (size_t i = kb->nquestions; i-- > 0;) {
		size_t q = kb->ask_order[i];
		uint32_t gate = kb->questions[q].ask_if;

		if (!rel->open[q])
			continue;
		rel->relevant[q] |= kb->questions[q].required;
		if (gate != KW_NONE && kw_prog_eval3(gate, &ev, rel->open) == KW_NO)
			rel->relevant[q] = false;
		else if (rel->relevant[q])
			kw_prog_visit(kb, gate, mark_question, rel);
	}
}

/* relevant, emergency and to_go from the rules' state. */
static void conclude(struct kw_relevance *rel)
{
	const struct kw_kb *kb = rel->kb;

	rel->emergency = rel->certain == KW_EMERGENCY;
	if (rel->certain >= KW_URGENT)
		mark_toward_emergency(rel);
	else
		for (size_t q = 0; q < kb->nquestions; q++)
			rel->relevant[q] = rel->open[q] && (rel->maybe_tests[q] || rel->always[q]);
	mark_gates(rel);
	rel->to_go = 0;
	for (size_t q = 0; q < kb->nquestions; q++)
		rel->to_go += rel->relevant[q];
}

/* Facts are unknown: an open one reads "maybe", a closed one is unset.
 * Every rule starts live and undecided, every fact it sets open. */
void kw_relevance_reset(struct kw_relevance *rel, const bool *pending)
{
	const struct kw_kb *kb = rel->kb;
	size_t nsyms = kw_kb_nsymbols(kb);

	memset(rel->values, 0, nsyms * sizeof *rel->values);
	memcpy(rel->values, rel->answers->values, kb->nquestions * sizeof *rel->values);
	memcpy(rel->open, pending, kb->nquestions * sizeof *rel->open);
	memset(rel->live_setters, 0, nsyms * sizeof *rel->live_setters);
	memset(rel->maybe_tests, 0, kb->nquestions * sizeof *rel->maybe_tests);
	rel->certain = KW_SELF_CARE;
	for (size_t r = 0; r < kb->nrules; r++)
		for (size_t i = 0; kb->rules[r].cond != KW_NONE && i < kb->rules[r].actions.n; i++)
			if (kw_rule_action(kb, &kb->rules[r], i)->kind == KW_ACT_SET)
				rel->live_setters[kw_rule_action(kb, &kb->rules[r], i)->target]++;
	for (size_t f = kb->nquestions; f < nsyms; f++)
		rel->open[f] = rel->live_setters[f] > 0;
	rel->nwork = 0;
	for (size_t r = 0; r < kb->nrules; r++) {
		rel->cond[r] = KW_MAYBE;
		if (kb->rules[r].cond == KW_NONE)
			rel->cond[r] = KW_NO;   /* never fires, and sets nothing */
		else
			count_tests(rel, r, +1);
	}
	for (size_t r = 0; r < kb->nrules; r++) {
		enum kw_tri v = rel->cond[r] == KW_MAYBE ? evaluate(rel, r) : KW_MAYBE;
		if (v != KW_MAYBE) {
			count_tests(rel, r, -1);
			settle(rel, r, v);
		}
	}
	spread(rel);
	conclude(rel);
}

void kw_relevance_answered(struct kw_relevance *rel, size_t q)
{
	rel->values[q] = rel->answers->values[q];
	rel->open[q] = false;
	rel->work[rel->nwork++] = (uint32_t)q;
	spread(rel);
	conclude(rel);
}
