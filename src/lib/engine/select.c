#include <config.h>

#include <stdlib.h>

#include "util/arena.h"
#include "engine/engine_internal.h"
#include "engine/select.h"

struct selection {
	const struct kw_kb *kb;
	struct kw_result *res;
	const struct kw_eval *ev;
	const bool *avoided;
	bool *chosen;                   /* by routine: already in the list */
};

static void list_knots(const struct kw_kb *kb, struct kw_result *res)
{
	size_t n = 0;

	res->listed = kw_xcalloc(kb->nknots + 1, sizeof *res->listed);
	for (size_t k = 0; k < kb->nknots; k++) {
		double cf = kw_cf_round(res->scores[k].certainty);
		size_t i = n;

		if (!res->scores[k].suspected || cf < kb->settings.min_certainty)
			continue;
		/* insertion sort: highest first, ties keep load order */
		while (i && kw_cf_round(res->scores[res->listed[i - 1]].certainty) < cf) {
			res->listed[i] = res->listed[i - 1];
			i--;
		}
		res->listed[i] = k;
		n++;
	}
	res->nlisted = n < (size_t)kb->settings.max_knots ? n
							  : (size_t)kb->settings.max_knots;
}

static bool usable(const struct selection *s, size_t r)
{
	const struct kw_routine *routine = &s->kb->routines[r];

	for (size_t i = 0; i < routine->ntags; i++)
		if (s->avoided[routine->tags[i]])
			return false;
	return !routine->cond || kw_expr_eval(routine->cond, s->ev);
}

static bool treats(const struct kw_routine *r, size_t knot)
{
	for (size_t i = 0; i < r->nknots; i++)
		if (r->knots[i] == knot)
			return true;
	return false;
}

static void add(struct selection *s, size_t r)
{
	struct kw_result *res = s->res;

	if (s->chosen[r])
		return;
	s->chosen[r] = true;
	KW_PUSH(res->routines, res->nroutines, res->caps.routines, r);
}

/* For one knot and kind: the first recommended routine that treats it,
 * else the lowest `order`, ties by load order; only usable ones. */
static void choose_for_knot(struct selection *s, size_t knot, enum kw_kind kind)
{
	const struct kw_kb *kb = s->kb;
	const struct kw_network *net = kb->network;
	long best = -1;

	for (size_t i = 0; i < s->res->nrecommended; i++) {
		size_t r = s->res->recommended[i];
		if (kb->routines[r].kind == kind && treats(&kb->routines[r], knot) &&
		    usable(s, r)) {
			add(s, r);
			return;
		}
	}
	for (size_t i = net->knot_start[knot]; i < net->knot_start[knot + 1]; i++) {
		size_t r = net->knot_routines[i];
		if (kb->routines[r].kind == kind && usable(s, r) &&
		    (best < 0 || kb->routines[r].order < kb->routines[best].order))
			best = (long)r;
	}
	if (best >= 0)
		add(s, (size_t)best);
}

static void add_recommended(struct selection *s, bool posture)
{
	for (size_t i = 0; i < s->res->nrecommended; i++) {
		size_t r = s->res->recommended[i];
		if ((s->kb->routines[r].kind == KW_POSTURE) == posture && usable(s, r))
			add(s, r);
	}
}

/* First fit, in list order: a routine that does not fit in what is left
 * is left out and the next ones are still tried; 0 minutes always fits. */
static void fit_minutes(const struct kw_kb *kb, struct kw_result *res)
{
	const struct kw_value *budget;
	double left;
	size_t kept = 0;

	if (kb->settings.minutes_from < 0)
		return;
	budget = &res->values[kb->settings.minutes_from];
	if (budget->kind != KW_V_NUM)
		return;
	left = budget->u.num;
	res->left_out = kw_xcalloc(res->nroutines + 1, sizeof *res->left_out);
	for (size_t i = 0; i < res->nroutines; i++) {
		size_t r = res->routines[i];
		if (kb->routines[r].minutes <= left) {
			left -= kb->routines[r].minutes;
			res->routines[kept++] = r;
		} else {
			res->left_out[res->nleft_out++] = r;
		}
	}
	res->nroutines = kept;
}

void kw_select(const struct kw_kb *kb, struct kw_result *res,
	       const struct kw_eval *ev, const bool *avoided_tags)
{
	static const enum kw_kind kinds[] = { KW_RELEASE, KW_STRETCH, KW_STRENGTHEN };
	struct selection s = { kb, res, ev, avoided_tags, NULL };

	list_knots(kb, res);
	if (res->triage >= KW_URGENT)
		return;                 /* only what to do now: no routine at all */
	s.chosen = kw_xcalloc(kb->nroutines + 1, sizeof *s.chosen);
	for (size_t i = 0; i < res->nlisted; i++)
		for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
			choose_for_knot(&s, res->listed[i], kinds[k]);
	add_recommended(&s, false);
	for (size_t i = 0; i < res->nlisted; i++)
		choose_for_knot(&s, res->listed[i], KW_POSTURE);
	add_recommended(&s, true);
	free(s.chosen);
	fit_minutes(kb, res);
}
