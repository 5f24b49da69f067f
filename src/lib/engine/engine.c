/*
 * engine: the forward-chaining run of one consult.  Strata run in order;
 * within one, the agenda is a heap of the rules whose condition holds,
 * highest priority first, ties by load order.  Conditions only ever turn
 * true within a stratum (facts are set once; negative tests look only at
 * lower strata), so a rule on the agenda never needs to leave it.
 */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "engine/engine_internal.h"
#include "knotwise/engine.h"
#include "knotwise/expr.h"
#include "engine/select.h"
#include "util/strbuf.h"

struct run {
	const struct kw_kb *kb;
	struct kw_result *res;
	struct kw_eval ev;
	size_t *heap, nheap, heap_cap;
	bool *queued;                   /* on the agenda or fired */
	size_t *set_by;                 /* the rule that set each fact */
	bool *avoided;                  /* by tag */
	bool *recommended;              /* by routine */
};

void kw_result_warn(struct kw_result *res, const char *fmt, ...)
{
	struct kw_strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	kw_sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	KW_PUSH(res->warnings, res->nwarnings, res->caps.warnings,
		sb.data ? sb.data : kw_xstrdup(""));
}

static void on_regex_limit(void *data, const char *symbol_id)
{
	struct run *run = data;
	kw_result_warn(run->res, "a pattern took too long on the answer to '%s' "
		       "and was taken as not matching", symbol_id);
}

/* Does rule a fire before rule b? */
static bool before(const struct kw_kb *kb, size_t a, size_t b)
{
	if (kb->rules[a].priority != kb->rules[b].priority)
		return kb->rules[a].priority > kb->rules[b].priority;
	return a < b;
}

static void heap_push(struct run *run, size_t rule)
{
	size_t i = run->nheap;

	kw_grow(&run->heap, &run->heap_cap, run->nheap + 1, sizeof *run->heap);
	run->nheap++;
	for (; i && before(run->kb, rule, run->heap[(i - 1) / 2]); i = (i - 1) / 2)
		run->heap[i] = run->heap[(i - 1) / 2];
	run->heap[i] = rule;
}

static size_t heap_pop(struct run *run)
{
	size_t top = run->heap[0], last = run->heap[--run->nheap], i = 0;

	for (;;) {
		size_t child = 2 * i + 1;
		if (child >= run->nheap)
			break;
		if (child + 1 < run->nheap &&
		    before(run->kb, run->heap[child + 1], run->heap[child]))
			child++;
		if (!before(run->kb, run->heap[child], last))
			break;
		run->heap[i] = run->heap[child];
		i = child;
	}
	if (run->nheap)
		run->heap[i] = last;
	return top;
}

static void consider(struct run *run, size_t rule)
{
	const struct kw_rule *r = &run->kb->rules[rule];

	if (!run->queued[rule] && r->cond && kw_expr_eval(r->cond, &run->ev)) {
		run->queued[rule] = true;
		heap_push(run, rule);
	}
}

static void apply_set(struct run *run, size_t rule, const struct kw_action *a)
{
	const struct kw_kb *kb = run->kb;
	const struct kw_network *net = kb->network;
	struct kw_value *v = &run->res->values[a->target];
	size_t stratum = kb->rules[rule].stratum;

	if (v->kind != KW_V_UNKNOWN) {
		const struct kw_rule *first = &kb->rules[run->set_by[a->target]];
		if (!kw_value_equal(v, &a->value))
			kw_result_warn(run->res, "rule '%s' sets '%s' again, to another "
				       "value; the value from rule '%s' stands", kb->rules[rule].id,
				       kw_kb_symbol_id(kb, a->target), first->id);
		return;
	}
	*v = a->value;
	run->set_by[a->target] = rule;
	KW_PUSH(run->res->facts_set, run->res->nfacts_set, run->res->caps.facts_set, a->target);
	for (size_t i = net->tester_start[a->target]; i < net->tester_start[a->target + 1]; i++)
		if (kb->rules[net->testers[i]].stratum == stratum)
			consider(run, net->testers[i]);
}

static void apply_suspect(struct run *run, size_t rule, const struct kw_action *a)
{
	struct kw_knot_score *score = &run->res->scores[a->target];

	if (!score->suspected) {
		score->certainty = a->cf;
	} else {
		if ((score->certainty == 1 && a->cf == -1) ||
		    (score->certainty == -1 && a->cf == 1))
			kw_result_warn(run->res, "rule '%s' contradicts certain evidence "
				       "for '%s'; the two cancel out", run->kb->rules[rule].id,
				       run->kb->knots[a->target].id);
		score->certainty = kw_cf_combine(score->certainty, a->cf);
	}
	score->suspected = true;
	if (!score->nrules || score->rules[score->nrules - 1] != rule)
		KW_PUSH(score->rules, score->nrules, score->cap, rule);
}

static void apply(struct run *run, size_t rule, const struct kw_action *a,
		  bool *triaged)
{
	struct kw_result *res = run->res;

	switch (a->kind) {
	case KW_ACT_SET:
		apply_set(run, rule, a);
		break;
	case KW_ACT_SUSPECT:
		apply_suspect(run, rule, a);
		break;
	case KW_ACT_RECOMMEND:
		if (!run->recommended[a->target]) {
			run->recommended[a->target] = true;
			KW_PUSH(res->recommended, res->nrecommended, res->caps.recommended, a->target);
		}
		break;
	case KW_ACT_AVOID:
		if (!run->avoided[a->target]) {
			run->avoided[a->target] = true;
			KW_PUSH(res->avoided, res->navoided, res->caps.avoided, a->target);
		}
		break;
	case KW_ACT_TRIAGE:
		if ((enum kw_level)a->target > res->triage)
			res->triage = (enum kw_level)a->target;
		if (!*triaged)
			KW_PUSH(res->triage_rules, res->ntriage_rules, res->caps.triage_rules, rule);
		*triaged = true;
		break;
	}
}

static void fire(struct run *run, size_t rule)
{
	const struct kw_rule *r = &run->kb->rules[rule];
	bool triaged = false;

	KW_PUSH(run->res->fired, run->res->nfired, run->res->caps.fired, rule);
	for (size_t i = 0; i < r->nactions; i++)
		apply(run, rule, &r->actions[i], &triaged);
}

static void run_strata(struct run *run)
{
	const struct kw_network *net = run->kb->network;

	for (size_t s = 0; s < net->nstrata; s++) {
		for (size_t i = net->stratum_start[s]; i < net->stratum_start[s + 1]; i++)
			consider(run, net->by_stratum[i]);
		while (run->nheap)
			fire(run, heap_pop(run));
	}
}

static void start(struct run *run, const struct kw_kb *kb,
		  const struct kw_answers *answers, struct kw_result *res)
{
	size_t nsyms = kw_kb_nsymbols(kb);

	*res = (struct kw_result){ .answers = answers };
	res->values = kw_xcalloc(nsyms + 1, sizeof *res->values);
	memcpy(res->values, answers->values, kb->nquestions * sizeof *res->values);
	res->scores = kw_xcalloc(kb->nknots + 1, sizeof *res->scores);
	res->nscores = kb->nknots;
	for (size_t i = 0; i < answers->nwarnings; i++)
		kw_result_warn(res, "%s", answers->warnings[i]);
	*run = (struct run){ .kb = kb, .res = res };
	run->ev = (struct kw_eval){ kb, res->values, on_regex_limit, run };
	run->queued = kw_xcalloc(kb->nrules + 1, sizeof *run->queued);
	run->set_by = kw_xcalloc(nsyms + 1, sizeof *run->set_by);
	run->avoided = kw_xcalloc(kb->ntags + 1, sizeof *run->avoided);
	run->recommended = kw_xcalloc(kb->nroutines + 1, sizeof *run->recommended);
}

void kw_engine_run(const struct kw_kb *kb, const struct kw_answers *answers,
		   struct kw_result *res)
{
	struct run run;

	start(&run, kb, answers, res);
	run_strata(&run);
	kw_select(kb, res, &run.ev, run.avoided);
	free(run.heap);
	free(run.queued);
	free(run.set_by);
	free(run.avoided);
	free(run.recommended);
}

/* The winning rule's advice: the first rule, in firing order, that raised
 * the level that won and has one; else the level's message (SPEC §5). */
const char *kw_triage_advice(const struct kw_kb *kb, const struct kw_result *res)
{
	for (size_t i = 0; i < res->ntriage_rules; i++) {
		const struct kw_rule *r = &kb->rules[res->triage_rules[i]];
		if (r->advice && kw_rule_raises(r, res->triage))
			return r->advice;
	}
	return kb->messages[KW_MSG_LEVEL_SELF_CARE + res->triage].text;
}

bool kw_rule_raises(const struct kw_rule *r, enum kw_level level)
{
	for (size_t i = 0; i < r->nactions; i++)
		if (r->actions[i].kind == KW_ACT_TRIAGE && r->actions[i].target == level)
			return true;
	return false;
}

void kw_result_free(struct kw_result *res)
{
	for (size_t i = 0; i < res->nscores; i++)
		free(res->scores[i].rules);
	free(res->scores);
	free(res->triage_rules);
	free(res->listed);
	free(res->routines);
	free(res->left_out);
	free(res->avoided);
	free(res->recommended);
	free(res->fired);
	free(res->facts_set);
	free(res->values);
	for (size_t i = 0; i < res->nwarnings; i++)
		free(res->warnings[i]);
	free(res->warnings);
	*res = (struct kw_result){0};
}
