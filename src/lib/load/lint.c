#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "expr/ops.h"
#include "knotwise/lint.h"
#include "util/arena.h"
#include "util/strbuf.h"

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

static struct kw_loc loc_of(const struct lint *l, struct kw_where where)
{
	return kw_kb_loc(l->kb, where);
}

static void unused_questions(struct lint *l)
{
	const struct kw_kb *kb = l->kb;
	const struct kw_settings *set = kb->settings;
	const int32_t named[] = {       /* settings that read a question */
		set->minutes_from, set->regions_from, set->side_from, set->pain_from,
		set->episode_from,
	};

	for (size_t i = 0; i < kb->nquestions; i++)
		kw_prog_visit(kb, kb->questions[i].ask_if, mark_used, l);
	for (size_t i = 0; i < kb->nroutines; i++)
		kw_prog_visit(kb, kb->routines[i].cond, mark_used, l);
	for (size_t i = 0; i < kb->nrules; i++)
		kw_prog_visit(kb, kb->rules[i].cond, mark_used, l);
	for (size_t i = 0; i < kb->nquestions; i++)
		kw_prog_visit(kb, kb->questions[i].recheck_if, mark_used, l);
	for (size_t i = 0; i < sizeof named / sizeof *named; i++)
		if (named[i] >= 0)
			l->used[named[i]] = true;
	for (size_t i = 0; i < kb->nquestions; i++)
		if (!l->used[i])
			kw_diag(l->diags, KW_WARNING, loc_of(l, kb->questions[i].where),
				"question '%s' is not used by any rule, routine, ask_if, "
				"recheck_if or setting", kw_s(kb, kb->questions[i].id));
}

/* Can this test never hold, whatever the answers?  A fact only dead rules
 * set never does; the operator's row knows its own impossible cases. */
static bool impossible_test(const struct lint *l, uint32_t pc)
{
	const struct kw_kb *kb = l->kb;
	const struct kw_insn *in = &kb->code[pc];

	if (in->op == KW_E_COUNT || in->op == KW_E_OR || in->op == KW_E_AND ||
	    in->op == KW_E_NOT)
		return false;
	if (in->sym >= kb->nquestions)
		return l->dead[kb->nrules + in->sym - kb->nquestions];
	return kw_ops[in->op].impossible(kb, in);
}

static bool same_test(const struct kw_insn *a, const struct kw_insn *b)
{
	return a->op == KW_E_TRUTHY && b->op == KW_E_TRUTHY && a->sym == b->sym;
}

/* The operands of an and/or node; a lone test is its own only operand. */
struct operands {
	uint32_t first, n;
};

static struct operands operands_of(const struct kw_kb *kb, uint32_t pc)
{
	if (kb->code[pc].op == KW_E_AND || kb->code[pc].op == KW_E_OR)
		return (struct operands){ pc + 1, kb->code[pc].n };
	return (struct operands){ pc, 1 };
}

/* A condition that needs a test and its negation at once, or an
 * impossible test, at the top level of an `and` (or alone). */
static bool never_holds(const struct lint *l, uint32_t pc)
{
	const struct kw_kb *kb = l->kb;
	struct operands ops = operands_of(kb, pc);
	uint32_t i, j, a, b;

	if (kb->code[pc].op == KW_E_OR) {
		for (i = 0, a = ops.first; i < ops.n; i++, a += kb->code[a].size)
			if (!never_holds(l, a))
				return false;
		return true;
	}
	for (i = 0, a = ops.first; i < ops.n; i++, a += kb->code[a].size) {
		if (impossible_test(l, a))
			return true;
		for (j = 0, b = ops.first; j < ops.n; j++, b += kb->code[b].size)
			if (kb->code[b].op == KW_E_NOT && same_test(&kb->code[a], &kb->code[b + 1]))
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

	kw_prog_visit(l->kb, rule->cond, find_dead_fact, &d);
	if (d.found)
		kw_diag(l->diags, KW_WARNING, loc_of(l, rule->where), "rule '%s' can never "
			"fire: it needs '%s', which only rules that can never fire set",
			kw_s(l->kb, rule->id), kw_kb_symbol_id(l->kb, d.sym));
	else
		kw_diag(l->diags, KW_WARNING, loc_of(l, rule->where), "rule '%s' can never "
			"fire: its condition cannot hold (%s)", kw_s(l->kb, rule->id),
			kw_s(l->kb, rule->cond_text));
}

/* A rule found dead takes a live setter from each fact it sets; a fact
 * with none left is dead too (dead[nrules + fact]). */
static void kill_rule(struct lint *l, size_t r, size_t *live_setters)
{
	const struct kw_kb *kb = l->kb;

	l->dead[r] = true;
	for (size_t i = 0; i < kb->rules[r].actions.n; i++) {
		const struct kw_action *a = kw_rule_action(kb, &kb->rules[r], i);
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
		for (size_t i = 0; i < kb->rules[r].actions.n; i++)
			if (kw_rule_action(kb, &kb->rules[r], i)->kind == KW_ACT_SET)
				live[kw_rule_action(kb, &kb->rules[r], i)->target - kb->nquestions]++;
	while (changed) {
		changed = false;
		for (size_t r = 0; r < kb->nrules; r++)
			if (!l->dead[r] && kb->rules[r].cond != KW_NONE &&
			    never_holds(l, kb->rules[r].cond)) {
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
		for (size_t i = 0; i < kb->rules[r].actions.n; i++)
			if (kw_rule_action(kb, &kb->rules[r], i)->kind == KW_ACT_RECOMMEND)
				reached[kw_rule_action(kb, &kb->rules[r], i)->target] = true;
	for (size_t r = 0; r < kb->nroutines; r++) {
		const struct kw_routine *rt = &kb->routines[r];
		for (size_t i = 0; i < rt->knots.n; i++)
			treated[kw_u32(kb, rt->knots, i)] = true;
		if (!reached[r] && !rt->knots.n && !rt->cut_off)
			kw_diag(l->diags, KW_WARNING, loc_of(l, rt->where), "routine '%s' "
				"treats no knot and no rule recommends it", kw_s(kb, rt->id));
	}
	for (size_t k = 0; k < kb->nknots; k++)
		if (!treated[k])
			kw_diag(l->diags, KW_WARNING, loc_of(l, kb->knots[k].where), "knot '%s' "
				"has no routine", kw_s(kb, kb->knots[k].id));
	free(reached);
	free(treated);
}

static void unexplained_evidence(struct lint *l)
{
	const struct kw_kb *kb = l->kb;

	for (size_t r = 0; r < kb->nrules; r++) {
		if (kb->rules[r].because)
			continue;
		for (size_t i = 0; i < kb->rules[r].actions.n; i++)
			if (kw_rule_action(kb, &kb->rules[r], i)->kind == KW_ACT_SUSPECT) {
				kw_diag(l->diags, KW_WARNING, loc_of(l, kb->rules[r].where),
					"rule '%s' suspects a knot but has no 'because' to "
					"explain why", kw_s(kb, kb->rules[r].id));
				break;
			}
	}
}

static bool raises_level(const struct kw_kb *kb, const struct kw_rule *r)
{
	for (size_t i = 0; i < r->actions.n; i++)
		if (kw_rule_action(kb, r, i)->kind == KW_ACT_TRIAGE)
			return true;
	return false;
}

/* `advice` is what to do at the level a rule raises: on a rule that
 * raises none it is never shown. */
static void idle_advice(struct lint *l)
{
	const struct kw_kb *kb = l->kb;

	for (size_t r = 0; r < kb->nrules; r++)
		if (kb->rules[r].advice && !raises_level(kb, &kb->rules[r]))
			kw_diag(l->diags, KW_WARNING, loc_of(l, kb->rules[r].where),
				"rule '%s' has 'advice' but no 'triage' action, so the "
				"advice is never shown", kw_s(kb, kb->rules[r].id));
}

/* The handout (--format html) draws a knot where its map says; a knot
 * that some live rule gives evidence for can be listed, and without a
 * map it would be listed but not drawn. */
static void unmapped_knots(struct lint *l)
{
	const struct kw_kb *kb = l->kb;
	bool *listable = kw_xcalloc(kb->nknots + 1, sizeof *listable);

	for (size_t r = 0; r < kb->nrules; r++)
		for (size_t i = 0; i < kb->rules[r].actions.n && !l->dead[r]; i++) {
			const struct kw_action *a = kw_rule_action(kb, &kb->rules[r], i);
			if (a->kind == KW_ACT_SUSPECT && a->cf > 0)
				listable[a->target] = true;
		}
	for (size_t k = 0; k < kb->nknots; k++)
		if (listable[k] && !kb->knots[k].has_map)
			kw_diag(l->diags, KW_WARNING, loc_of(l, kb->knots[k].where), "knot '%s' "
				"has no map, so the handout cannot draw it",
				kw_s(kb, kb->knots[k].id));
	free(listable);
}

/* SPEC §2: a missing message is left out of the output, so say which. */
static void missing_messages(struct lint *l)
{
	struct kw_strbuf list = {0};

	for (int m = 0; m < KW_NMESSAGES; m++)
		if (!l->kb->messages[m])
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
		for (size_t i = 0; i < kb->routines[r].tags.n; i++)
			carried[kw_u32(kb, kb->routines[r].tags, i)] = true;
	for (size_t r = 0; r < kb->nrules; r++)
		for (size_t i = 0; i < kb->rules[r].actions.n; i++) {
			const struct kw_action *a = kw_rule_action(kb, &kb->rules[r], i);
			struct kw_suggest s = { 0 };
			struct kw_where at = { kb->rules[r].where.file, a->line };
			if (a->kind != KW_ACT_AVOID || carried[a->target])
				continue;
			s.word = kw_s(kb, kb->tags[a->target]);
			for (size_t t = 0; t < kb->ntags; t++)
				if (carried[t])
					kw_suggest_offer(&s, kw_s(kb, kb->tags[t]));
			if (kw_suggest_result(&s))
				kw_diag(l->diags, KW_WARNING, loc_of(l, at), "no routine carries the "
					"tag '%s'; did you mean '%s'?", s.word, kw_suggest_result(&s));
		}
	free(carried);
}

void kw_lint(const struct kw_kb *kb, struct kw_diags *diags)
{
	struct lint l = { .kb = kb, .diags = diags };

	l.used = kw_xcalloc(kw_kb_nsymbols(kb) + 1, sizeof *l.used);
	l.dead = kw_xcalloc(kb->nrules + kb->nfacts + 1, sizeof *l.dead);
	/* With load errors, conditions that failed are missing (KW_NONE): what
	 * they test would look unused, so those two passes wait for a clean
	 * load.  The others hold whatever the errors. */
	if (!diags->errors) {
		unused_questions(&l);
		dead_rules(&l);
	}
	unreachable_routines(&l);
	unmapped_knots(&l);
	unexplained_evidence(&l);
	idle_advice(&l);
	missing_messages(&l);
	misspelt_tags(&l);
	free(l.used);
	free(l.dead);
}
