/*
 * select: after the rules have run, which knots are listed and which
 * routines make up the recommendation, in the order SPEC §7 fixes, then
 * fitted to the minutes available.  Every decision is a step of the
 * trace: a knot listed, below min_certainty or cut; a routine chosen (for
 * which knot, recommended by which rule), passed over (its tag avoided by
 * which rule, its `if` false) or left out for time.
 */
#include <config.h>

#include <stdlib.h>

#include "util/arena.h"

#include "engine/engine_internal.h"
#include "engine/network.h"
#include "engine/result.h"

struct selection {
	const struct kw_kb *kb;
	struct kw_result *res;
	const struct kw_eval *ev;
	size_t *recommends;             /* where the recommend steps are, in order */
	size_t nrecommends;
};

static void step(struct kw_result *res, enum kw_step_kind kind, uint32_t rule,
		 size_t target, uint32_t other, double value)
{
	kw_trace_step(res, (struct kw_step){ .kind = kind, .rule = rule,
					     .target = (uint32_t)target, .other = other,
					     .value = value });
}

/* Highest certainty first, ties by load order; then min_certainty and
 * max_knots decide which are listed. */
static void list_knots(const struct kw_kb *kb, struct kw_result *res)
{
	size_t *order = kw_xcalloc(kb->nknots + 1, sizeof *order), n = 0;

	for (size_t k = 0; k < kb->nknots; k++) {
		double cf = kw_cf_round(res->scores[k].certainty);
		size_t i = n;

		if (!res->scores[k].suspected)
			continue;
		while (i && kw_cf_round(res->scores[order[i - 1]].certainty) < cf) {
			order[i] = order[i - 1];
			i--;
		}
		order[i] = k;
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		double cf = kw_cf_round(res->scores[order[i]].certainty);
		if (cf < kb->settings->min_certainty)
			step(res, KW_STEP_BELOW, KW_NONE, order[i], KW_NONE, cf);
		else if (res->nlisted < (size_t)kb->settings->max_knots)
			res->listed[res->nlisted++] = order[i],
			step(res, KW_STEP_LISTED, KW_NONE, order[i], (uint32_t)(i + 1), cf);
		else
			step(res, KW_STEP_CUT, KW_NONE, order[i], (uint32_t)(i + 1), cf);
	}
	free(order);
}

/* Can the routine be given?  If not, the trace says why. */
static bool usable(const struct selection *s, size_t r)
{
	const struct kw_routine *routine = &s->kb->routines[r];

	for (size_t i = 0; i < routine->tags.n; i++) {
		uint32_t tag = kw_u32(s->kb, routine->tags, i), by = s->res->avoided_by[tag];
		if (by != KW_NONE) {
			step(s->res, KW_STEP_AVOIDED, by, r, tag, 0);
			return false;
		}
	}
	if (!kw_prog_eval(routine->cond, s->ev)) {
		step(s->res, KW_STEP_IF_FAILED, KW_NONE, r, KW_NONE, 0);
		return false;
	}
	return true;
}

static bool treats(const struct kw_kb *kb, const struct kw_routine *r, size_t knot)
{
	for (size_t i = 0; i < r->knots.n; i++)
		if (kw_u32(kb, r->knots, i) == knot)
			return true;
	return false;
}

static void choose(struct selection *s, size_t r, uint32_t knot, uint32_t by)
{
	struct kw_result *res = s->res;

	if (res->chosen[r])
		return;
	res->chosen[r] = true;
	res->routines[res->nroutines++] = r;
	step(res, KW_STEP_CHOSEN, by, r, knot, 0);
}

/* For one knot and kind: the first recommended routine that treats it,
 * else the lowest `order`, ties by load order; only usable ones. */
static void choose_for_knot(struct selection *s, size_t knot, enum kw_kind kind)
{
	const struct kw_kb *kb = s->kb;
	const uint32_t *start = kw_net(kb, kb->network->knot_start);
	const uint32_t *routines = kw_net(kb, kb->network->knot_routines);
	long best = -1;

	for (size_t i = 0; i < s->nrecommends; i++) {
		struct kw_step st = s->res->steps[s->recommends[i]];
		size_t r = st.target;
		if (kb->routines[r].kind == kind && treats(kb, &kb->routines[r], knot) &&
		    usable(s, r)) {
			choose(s, r, (uint32_t)knot, st.rule);
			return;
		}
	}
	for (uint32_t i = start[knot]; i < start[knot + 1]; i++) {
		size_t r = routines[i];
		if (kb->routines[r].kind == kind && usable(s, r) &&
		    (best < 0 || kb->routines[r].order < kb->routines[best].order))
			best = (long)r;
	}
	if (best >= 0)
		choose(s, (size_t)best, (uint32_t)knot, KW_NONE);
}

static void add_recommended(struct selection *s, bool posture)
{
	for (size_t i = 0; i < s->nrecommends; i++) {
		struct kw_step st = s->res->steps[s->recommends[i]];
		if (!s->res->chosen[st.target] &&
		    (s->kb->routines[st.target].kind == KW_POSTURE) == posture &&
		    usable(s, st.target))
			choose(s, st.target, KW_NONE, st.rule);
	}
}

/* First fit, in list order: a routine that does not fit in what is left
 * is left out and the next ones are still tried; 0 minutes always fits. */
static void fit_minutes(const struct kw_kb *kb, struct kw_result *res)
{
	const struct kw_value *budget;
	double left;
	size_t kept = 0;

	if (kb->settings->minutes_from < 0)
		return;
	budget = &res->values[kb->settings->minutes_from];
	if (budget->kind != KW_V_NUM)
		return;
	left = budget->u.num;
	for (size_t i = 0; i < res->nroutines; i++) {
		size_t r = res->routines[i];
		if (kb->routines[r].minutes <= left) {
			left -= kb->routines[r].minutes;
			res->routines[kept++] = r;
		} else {
			res->left_out[res->nleft_out++] = r;
			step(res, KW_STEP_LEFT_OUT, KW_NONE, r, KW_NONE, left);
		}
	}
	res->nroutines = kept;
}

void kw_select(struct kw_result *res, const struct kw_eval *ev)
{
	static const enum kw_kind kinds[] = { KW_RELEASE, KW_STRETCH, KW_STRENGTHEN };
	const struct kw_kb *kb = res->kb;
	struct selection s = { kb, res, ev, NULL, 0 };

	list_knots(kb, res);
	if (res->triage >= KW_URGENT) {  /* only what to do now: no routine at all */
		step(res, KW_STEP_NO_ROUTINE, KW_NONE, res->triage, KW_NONE, 0);
		return;
	}
	/* a routine is recommended once at most: the steps are looked at once */
	s.recommends = kw_xcalloc(kb->nroutines + 1, sizeof *s.recommends);
	for (size_t i = 0; i < res->nsteps; i++)
		if (res->steps[i].kind == KW_STEP_RECOMMEND)
			s.recommends[s.nrecommends++] = i;
	for (size_t i = 0; i < res->nlisted; i++)
		for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
			choose_for_knot(&s, res->listed[i], kinds[k]);
	add_recommended(&s, false);
	for (size_t i = 0; i < res->nlisted; i++)
		choose_for_knot(&s, res->listed[i], KW_POSTURE);
	add_recommended(&s, true);
	free(s.recommends);
	fit_minutes(kb, res);
}
