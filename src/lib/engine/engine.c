/*
 * engine: the forward-chaining run of one consult.  Strata run in order;
 * within one, the agenda is a heap of the rules whose condition holds,
 * highest priority first, ties by load order.  Conditions only ever turn
 * true within a stratum (facts are set once; negative tests look only at
 * lower strata), so a rule on the agenda never needs to leave it.  Each
 * firing and each effect of an action is a step of the trace.
 */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_internal.h"
#include "engine/network.h"
#include "engine/result.h"
#include "util/arena.h"
#include "util/strbuf.h"

struct run {
	const struct kw_kb *kb;
	struct kw_result *res;
	struct kw_eval ev;
};

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
	struct kw_result *res = run->res;
	size_t i = res->nheap;

	kw_grow(&res->heap, &res->heap_cap, res->nheap + 1, sizeof *res->heap);
	res->nheap++;
	for (; i && before(run->kb, rule, res->heap[(i - 1) / 2]); i = (i - 1) / 2)
		res->heap[i] = res->heap[(i - 1) / 2];
	res->heap[i] = rule;
}

static size_t heap_pop(struct run *run)
{
	struct kw_result *res = run->res;
	size_t top = res->heap[0], last = res->heap[--res->nheap], i = 0;

	for (;;) {
		size_t child = 2 * i + 1;
		if (child >= res->nheap)
			break;
		if (child + 1 < res->nheap &&
		    before(run->kb, res->heap[child + 1], res->heap[child]))
			child++;
		if (!before(run->kb, res->heap[child], last))
			break;
		res->heap[i] = res->heap[child];
		i = child;
	}
	if (res->nheap)
		res->heap[i] = last;
	return top;
}

/* Can a condition with this gate (network.h) hold at all?  It tells
 * cheaply, for most rules, when an id the condition needs is not true or
 * not known; most are answers of yes or no. */
static inline bool gate_open(const struct kw_value *values, uint32_t gate)
{
	const struct kw_value *v;

	if (gate == KW_NONE)
		return true;
	v = &values[gate >> 1];
	if (!(gate & 1))
		return v->kind != KW_V_UNKNOWN;
	return v->kind == KW_V_BOOL ? v->u.b : kw_value_truthy(v);
}

static void consider(struct run *run, size_t rule)
{
	const struct kw_rule *r = &run->kb->rules[rule];
	uint32_t gate = kw_net(run->kb, run->kb->network->gates)[rule];

	if (!run->res->queued[rule] && r->cond != KW_NONE && gate_open(run->res->values, gate) &&
	    kw_prog_eval(r->cond, &run->ev)) {
		run->res->queued[rule] = true;
		heap_push(run, rule);
	}
}

static void apply_set(struct run *run, size_t rule, const struct kw_action *a)
{
	const struct kw_kb *kb = run->kb;
	const uint32_t *start = kw_net(kb, kb->network->tester_start);
	const uint32_t *testers = kw_net(kb, kb->network->testers);
	struct kw_result *res = run->res;
	struct kw_value *v = &res->values[a->target];
	struct kw_value value = kw_lit_value(kb, &kb->lits[a->value]);
	size_t stratum = kb->rules[rule].stratum;

	if (v->kind != KW_V_UNKNOWN) {
		uint32_t first = res->set_by[a->target];
		if (!kw_value_equal(v, &value)) {
			kw_trace_step(res, (struct kw_step){ .kind = KW_STEP_SET_IGNORED,
					.rule = (uint32_t)rule, .target = (uint32_t)a->target,
					.other = first });
			kw_result_warn(res, "rule '%s' sets '%s' again, to another value; the "
				       "value from rule '%s' stands", kw_s(kb, kb->rules[rule].id),
				       kw_kb_symbol_id(kb, a->target), kw_s(kb, kb->rules[first].id));
		}
		return;
	}
	*v = value;
	res->set_by[a->target] = (uint32_t)rule;
	kw_trace_step(res, (struct kw_step){ .kind = KW_STEP_SET, .rule = (uint32_t)rule,
					     .target = (uint32_t)a->target, .other = KW_NONE });
	for (uint32_t i = start[a->target]; i < start[a->target + 1]; i++)
		if (kb->rules[testers[i]].stratum == stratum)
			consider(run, testers[i]);
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
				       "for '%s'; the two cancel out",
				       kw_s(run->kb, run->kb->rules[rule].id),
				       kw_s(run->kb, run->kb->knots[a->target].id));
		score->certainty = kw_cf_combine(score->certainty, a->cf);
	}
	score->suspected = true;
	kw_trace_step(run->res, (struct kw_step){ .kind = KW_STEP_EVIDENCE,
			.rule = (uint32_t)rule, .target = (uint32_t)a->target, .other = KW_NONE,
			.value = a->cf, .combined = score->certainty });
}

static void apply(struct run *run, size_t rule, const struct kw_action *a)
{
	struct kw_result *res = run->res;
	struct kw_step step = { .rule = (uint32_t)rule, .target = (uint32_t)a->target,
				.other = KW_NONE };

	switch (a->kind) {
	case KW_ACT_SET:
		apply_set(run, rule, a);
		return;
	case KW_ACT_SUSPECT:
		apply_suspect(run, rule, a);
		return;
	case KW_ACT_RECOMMEND:
		if (res->recommended[a->target])
			return;
		res->recommended[a->target] = true;
		step.kind = KW_STEP_RECOMMEND;
		break;
	case KW_ACT_AVOID:
		if (res->avoided_by[a->target] != KW_NONE)
			return;
		res->avoided_by[a->target] = (uint32_t)rule;
		step.kind = KW_STEP_AVOID;
		break;
	case KW_ACT_TRIAGE:
		if ((enum kw_level)a->target > res->triage)
			res->triage = (enum kw_level)a->target;
		step.kind = KW_STEP_TRIAGE;
		break;
	}
	kw_trace_step(res, step);
}

struct used {
	struct kw_result *res;
	uint32_t from;
};

/* The ids the condition tested that were known when it held. */
static void note_used(size_t sym, bool negative, void *data)
{
	struct used *u = data;
	struct kw_result *res = u->res;

	(void)negative;
	if (res->values[sym].kind == KW_V_UNKNOWN)
		return;
	for (size_t i = u->from; i < res->nused; i++)
		if (res->used[i] == sym)
			return;
	KW_PUSH(res->used, res->nused, res->used_cap, (uint32_t)sym);
}

static void fire(struct run *run, size_t rule)
{
	const struct kw_rule *r = &run->kb->rules[rule];
	struct kw_result *res = run->res;
	struct used u = { res, (uint32_t)res->nused };

	kw_prog_visit(run->kb, r->cond, note_used, &u);
	kw_trace_step(res, (struct kw_step){ .kind = KW_STEP_FIRED, .rule = (uint32_t)rule,
					     .target = KW_NONE, .other = KW_NONE,
					     .used = u.from,
					     .nused = (uint32_t)(res->nused - u.from) });
	for (size_t i = 0; i < r->actions.n; i++)
		apply(run, rule, kw_rule_action(run->kb, r, i));
}

static void run_strata(struct run *run)
{
	const struct kw_network *net = run->kb->network;
	const uint32_t *start = kw_net(run->kb, net->stratum_start);
	const uint32_t *rules = kw_net(run->kb, net->by_stratum);
	const uint32_t *gates = kw_net(run->kb, net->gates);

	for (size_t s = 0; s < net->nstrata; s++) {
		for (uint32_t i = start[s]; i < start[s + 1]; i++)
			if (gate_open(run->res->values, gates[rules[i]]))   /* the most, shut */
				consider(run, rules[i]);
		while (run->res->nheap)
			fire(run, heap_pop(run));
	}
}

void kw_engine_run(const struct kw_kb *kb, const struct kw_answers *answers,
		   struct kw_result *res)
{
	struct run run = { kb, res, { kb, NULL, NULL, on_regex_limit, NULL } };

	kw_result_start(res, kb, answers);
	run.ev.values = res->values;
	run.ev.matcher = res->matcher;
	run.ev.data = &run;
	run_strata(&run);
	kw_select(res, &run.ev);
}

/* The winning rule's advice: the first rule, in firing order, that raised
 * the level that won and has one; else the level's message (SPEC §5). */
const char *kw_triage_advice(const struct kw_kb *kb, const struct kw_result *res)
{
	for (size_t i = 0; i < res->nsteps; i++) {
		const struct kw_step *s = &res->steps[i];
		if (s->kind == KW_STEP_TRIAGE && s->target == (uint32_t)res->triage &&
		    kb->rules[s->rule].advice)
			return kw_s(kb, kb->rules[s->rule].advice);
	}
	return kw_s(kb, kb->messages[KW_MSG_LEVEL_SELF_CARE + res->triage]);
}
