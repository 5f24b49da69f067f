#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "knotwise/expr.h"
#include "knotwise/lint.h"
#include "util/strbuf.h"
#include "ruleset/kb_internal.h"

struct lint {
	const struct kw_kb *kb;
	struct kw_diags *diags;
	bool *used;                     /* by symbol: some condition tests it */
	bool *dead;                     /* by rule: can never fire */
};

static void mark_used(size_t sym, bool negative, void *data)
{
	(void)negative;
	((struct lint *)data)->used[sym] = true;
}

static void unused_questions(struct lint *l)
{
	const struct kw_kb *kb = l->kb;

	for (size_t i = 0; i < kb->nquestions; i++)
		if (kb->questions[i].ask_if)
			kw_expr_visit(kb->questions[i].ask_if, mark_used, l);
	for (size_t i = 0; i < kb->nroutines; i++)
		if (kb->routines[i].cond)
			kw_expr_visit(kb->routines[i].cond, mark_used, l);
	for (size_t i = 0; i < kb->nrules; i++)
		if (kb->rules[i].cond)
			kw_expr_visit(kb->rules[i].cond, mark_used, l);
	if (kb->settings.minutes_from >= 0)
		l->used[kb->settings.minutes_from] = true;
	for (size_t i = 0; i < kb->nquestions; i++)
		if (!l->used[i])
			kw_diag(l->diags, KW_WARNING, kb->questions[i].loc, "question '%s' "
				"is not used by any rule, routine or ask_if", kb->questions[i].id);
}

/* Can this test never hold, whatever the answers? */
static bool impossible_test(const struct lint *l, const struct kw_expr *e)
{
	const struct kw_kb *kb = l->kb;
	const struct kw_question *q;
	double v;

	if (e->op == KW_E_TRUTHY || e->op == KW_E_KNOWN || e->op == KW_E_CMP ||
	    e->op == KW_E_IN || e->op == KW_E_HAS || e->op == KW_E_MATCH) {
		size_t sym = e->syms[0];
		if (sym >= kb->nquestions)
			return l->dead[kb->nrules + sym - kb->nquestions];
		q = &kb->questions[sym];
		if (e->op != KW_E_CMP || e->nnames != 1 ||
		    (q->type != KW_SCALE && q->type != KW_NUMBER))
			return false;
		v = e->values[0].u.num;
		switch (e->cmp) {
		case KW_EQ: return v < q->min || v > q->max;
		case KW_LT: return v <= q->min;
		case KW_LE: return v < q->min;
		case KW_GT: return v >= q->max;
		case KW_GE: return v > q->max;
		default: return false;
		}
	}
	return false;
}

static bool same_test(const struct kw_expr *a, const struct kw_expr *b)
{
	return a->op == KW_E_TRUTHY && b->op == KW_E_TRUTHY && a->syms[0] == b->syms[0];
}

/* A condition that needs a test and its negation at once, or an
 * impossible test, at the top level of an `and` (or alone). */
static bool never_holds(const struct lint *l, const struct kw_expr *e)
{
	struct kw_expr *const *kids = e->op == KW_E_AND ? e->kids : (struct kw_expr *const *)&e;
	size_t n = e->op == KW_E_AND ? e->nkids : 1;

	if (e->op == KW_E_OR) {
		for (size_t i = 0; i < e->nkids; i++)
			if (!never_holds(l, e->kids[i]))
				return false;
		return true;
	}
	for (size_t i = 0; i < n; i++) {
		if (impossible_test(l, kids[i]))
			return true;
		for (size_t j = 0; j < n; j++)
			if (kids[j]->op == KW_E_NOT && same_test(kids[i], kids[j]->kids[0]))
				return true;
	}
	return false;
}

struct dead_fact {
	const struct lint *l;
	size_t sym;
	bool found;
};

static void find_dead_fact(size_t sym, bool negative, void *data)
{
	struct dead_fact *d = data;
	const struct kw_kb *kb = d->l->kb;

	if (!negative && !d->found && sym >= kb->nquestions &&
	    d->l->dead[kb->nrules + sym - kb->nquestions]) {
		d->sym = sym;
		d->found = true;
	}
}

static void report_dead(const struct lint *l, size_t r)
{
	const struct kw_rule *rule = &l->kb->rules[r];
	struct dead_fact d = { .l = l };

	kw_expr_visit(rule->cond, find_dead_fact, &d);
	if (d.found)
		kw_diag(l->diags, KW_WARNING, rule->loc, "rule '%s' can never fire: it "
			"needs '%s', which only rules that can never fire set", rule->id,
			kw_kb_symbol_id(l->kb, d.sym));
	else
		kw_diag(l->diags, KW_WARNING, rule->loc, "rule '%s' can never fire: its "
			"condition cannot hold (%s)", rule->id, rule->cond_text);
}

/* A rule found dead takes a live setter from each fact it sets; a fact
 * with none left is dead too (dead[nrules + fact]). */
static void kill_rule(struct lint *l, size_t r, size_t *live_setters)
{
	const struct kw_kb *kb = l->kb;

	l->dead[r] = true;
	for (size_t i = 0; i < kb->rules[r].nactions; i++) {
		const struct kw_action *a = &kb->rules[r].actions[i];
		if (a->kind == KW_ACT_SET && --live_setters[a->target - kb->nquestions] == 0)
			l->dead[kb->nrules + a->target - kb->nquestions] = true;
	}
}

/* Dead rules make the facts only they set dead, which can kill more. */
static void dead_rules(struct lint *l)
{
	const struct kw_kb *kb = l->kb;
	size_t *live = kw_xcalloc(kb->nfacts + 1, sizeof *live);
	bool changed = true;

	for (size_t r = 0; r < kb->nrules; r++)
		for (size_t i = 0; i < kb->rules[r].nactions; i++)
			if (kb->rules[r].actions[i].kind == KW_ACT_SET)
				live[kb->rules[r].actions[i].target - kb->nquestions]++;
	while (changed) {
		changed = false;
		for (size_t r = 0; r < kb->nrules; r++)
			if (!l->dead[r] && kb->rules[r].cond && never_holds(l, kb->rules[r].cond)) {
				kill_rule(l, r, live);
				changed = true;
			}
	}
	free(live);
	for (size_t r = 0; r < kb->nrules; r++)
		if (l->dead[r])
			report_dead(l, r);
}

static void unreachable_routines(struct lint *l)
{
	const struct kw_kb *kb = l->kb;
	bool *reached = kw_xcalloc(kb->nroutines + 1, sizeof *reached);
	bool *treated = kw_xcalloc(kb->nknots + 1, sizeof *treated);

	for (size_t r = 0; r < kb->nrules; r++)
		for (size_t i = 0; i < kb->rules[r].nactions; i++)
			if (kb->rules[r].actions[i].kind == KW_ACT_RECOMMEND)
				reached[kb->rules[r].actions[i].target] = true;
	for (size_t r = 0; r < kb->nroutines; r++) {
		for (size_t i = 0; i < kb->routines[r].nknots; i++)
			treated[kb->routines[r].knots[i]] = true;
		if (!reached[r] && !kb->routines[r].nknots && !kb->routines[r].cut_off)
			kw_diag(l->diags, KW_WARNING, kb->routines[r].loc, "routine '%s' "
				"treats no knot and no rule recommends it", kb->routines[r].id);
	}
	for (size_t k = 0; k < kb->nknots; k++)
		if (!treated[k])
			kw_diag(l->diags, KW_WARNING, kb->knots[k].loc, "knot '%s' has no "
				"routine", kb->knots[k].id);
	free(reached);
	free(treated);
}

static void unexplained_evidence(struct lint *l)
{
	const struct kw_kb *kb = l->kb;

	for (size_t r = 0; r < kb->nrules; r++) {
		if (kb->rules[r].because)
			continue;
		for (size_t i = 0; i < kb->rules[r].nactions; i++)
			if (kb->rules[r].actions[i].kind == KW_ACT_SUSPECT) {
				kw_diag(l->diags, KW_WARNING, kb->rules[r].loc, "rule '%s' "
					"suspects a knot but has no 'because' to explain why",
					kb->rules[r].id);
				break;
			}
	}
}

/* The handout (--format html) draws a knot where its map says; a knot
 * that some live rule gives evidence for can be listed, and without a
 * map it would be listed but not drawn. */
static void unmapped_knots(struct lint *l)
{
	const struct kw_kb *kb = l->kb;
	bool *listable = kw_xcalloc(kb->nknots + 1, sizeof *listable);

	for (size_t r = 0; r < kb->nrules; r++)
		for (size_t i = 0; i < kb->rules[r].nactions && !l->dead[r]; i++)
			if (kb->rules[r].actions[i].kind == KW_ACT_SUSPECT &&
			    kb->rules[r].actions[i].cf > 0)
				listable[kb->rules[r].actions[i].target] = true;
	for (size_t k = 0; k < kb->nknots; k++)
		if (listable[k] && !kb->knots[k].has_map)
			kw_diag(l->diags, KW_WARNING, kb->knots[k].loc, "knot '%s' has no map, "
				"so the handout cannot draw it", kb->knots[k].id);
	free(listable);
}

/* SPEC §2: a missing message is left out of the output, so say which. */
static void missing_messages(struct lint *l)
{
	struct kw_strbuf list = {0};

	for (int m = 0; m < KW_NMESSAGES; m++)
		if (!l->kb->messages[m].text)
			kw_sb_printf(&list, "%s%s", list.len ? ", " : "",
				     kw_message_name((enum kw_message)m));
	if (list.len)
		kw_diag(l->diags, KW_WARNING, (struct kw_loc){0}, "no [message] for %s: "
			"results leave %s out", kw_sb_str(&list),
			strchr(kw_sb_str(&list), ',') ? "those texts" : "that text");
	kw_sb_free(&list);
}

/* An avoided tag that no routine carries is fine (a rule may guard
 * against a therapist's additions), unless it is one letter or two from
 * a tag that routines do carry: then it is a typo, and avoids nothing. */
static void misspelt_tags(struct lint *l)
{
	const struct kw_kb *kb = l->kb;
	bool *carried = kw_xcalloc(kb->ntags + 1, sizeof *carried);

	for (size_t r = 0; r < kb->nroutines; r++)
		for (size_t i = 0; i < kb->routines[r].ntags; i++)
			carried[kb->routines[r].tags[i]] = true;
	for (size_t r = 0; r < kb->nrules; r++)
		for (size_t i = 0; i < kb->rules[r].nactions; i++) {
			const struct kw_action *a = &kb->rules[r].actions[i];
			struct kw_suggest s = { 0 };
			if (a->kind != KW_ACT_AVOID || carried[a->target])
				continue;
			s.word = kb->tags[a->target];
			for (size_t t = 0; t < kb->ntags; t++)
				if (carried[t])
					kw_suggest_offer(&s, kb->tags[t]);
			if (kw_suggest_result(&s))
				kw_diag(l->diags, KW_WARNING, (struct kw_loc){ kb->rules[r].loc.file,
					a->line, kb->rules[r].loc.file_rank }, "no routine carries the "
					"tag '%s'; did you mean '%s'?", s.word, kw_suggest_result(&s));
		}
	free(carried);
}

void kw_lint(const struct kw_kb *kb, struct kw_diags *diags)
{
	struct lint l = { .kb = kb, .diags = diags };

	l.used = kw_xcalloc(kw_kb_nsymbols(kb) + 1, sizeof *l.used);
	l.dead = kw_xcalloc(kb->nrules + kb->nfacts + 1, sizeof *l.dead);
	/* With load errors, conditions that failed are missing (NULL): what
	 * they test would look unused, so those two passes wait for a clean
	 * load.  The others hold whatever the errors. */
	if (!diags->errors) {
		unused_questions(&l);
		dead_rules(&l);
	}
	unreachable_routines(&l);
	unmapped_knots(&l);
	unexplained_evidence(&l);
	missing_messages(&l);
	misspelt_tags(&l);
	free(l.used);
	free(l.dead);
}
