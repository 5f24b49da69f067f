/*
 * why: what the answer on the current screen can change, in a sentence or
 * two.  Rather than reading the rules, it asks the engine: the consult is
 * run with the answers so far and each possible answer in turn, and each
 * run's trace is compared with that of a run where the screen is left as
 * it is (a checklist: nothing ticked).  The rules that fire only with the
 * answer say what it brings about - a triage level, a knot, massage
 * avoided, a routine - even where the answers so far (an age not yet
 * given, read the cautious way) have raised the level already; and a
 * different list of knots or routines says what it changes.  Later
 * answers may change more.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "answers/answers_internal.h"
#include "engine/result.h"
#include "session/session_internal.h"
#include "util/arena.h"

/* What one run came to, for comparing runs. */
struct outcome {
	bool *fired;                    /* by rule */
	size_t *knots, nknots;
	size_t *routines, nroutines;
	bool *avoided;                  /* by tag */
};

/* What trying answers brought about, against the run without them. */
struct effect {
	enum kw_level level;            /* the highest a rule fired by it raises */
	bool knots, routine, avoided;
};

static void outcome_of(struct kw_session *s, struct kw_result *res, struct outcome *o)
{
	const struct kw_kb *kb = s->kb;

	kw_engine_run(kb, s->a, res);
	o->fired = kw_xcalloc(kb->nrules + 1, sizeof *o->fired);
	for (size_t i = 0; i < res->nsteps; i++)
		if (res->steps[i].kind == KW_STEP_FIRED)
			o->fired[res->steps[i].rule] = true;
	o->nknots = res->nlisted;
	o->knots = kw_xcalloc(res->nlisted + 1, sizeof *o->knots);
	memcpy(o->knots, res->listed, res->nlisted * sizeof *o->knots);
	o->nroutines = res->nroutines;
	o->routines = kw_xcalloc(res->nroutines + 1, sizeof *o->routines);
	memcpy(o->routines, res->routines, res->nroutines * sizeof *o->routines);
	o->avoided = kw_xcalloc(kb->ntags + 1, sizeof *o->avoided);
	for (size_t t = 0; t < kb->ntags; t++)
		o->avoided[t] = kw_result_avoider(res, t) != KW_NONE;
}

static void outcome_free(struct outcome *o)
{
	free(o->fired);
	free(o->knots);
	free(o->routines);
	free(o->avoided);
}

static bool same_list(const size_t *a, size_t na, const size_t *b, size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na * sizeof *a) == 0);
}

/* A rule that fired only with the answer: what its actions do. */
static void fold_rule(const struct kw_kb *kb, const struct kw_rule *r, struct effect *e)
{
	for (size_t i = 0; i < r->actions.n; i++) {
		const struct kw_action *a = kw_rule_action(kb, r, i);
		if (a->kind == KW_ACT_TRIAGE && a->target > e->level)
			e->level = (enum kw_level)a->target;
		e->knots |= a->kind == KW_ACT_SUSPECT;
		e->avoided |= a->kind == KW_ACT_AVOID;
		e->routine |= a->kind == KW_ACT_RECOMMEND;
	}
}

/* Run with the answers as they are now and fold the difference in. */
static void try_answer(struct kw_session *s, struct kw_result *res,
		       const struct outcome *base, struct effect *e)
{
	const struct kw_kb *kb = s->kb;
	struct outcome o;

	outcome_of(s, res, &o);
	for (size_t r = 0; r < kb->nrules; r++)
		if (o.fired[r] && !base->fired[r])
			fold_rule(kb, &kb->rules[r], e);
	e->knots |= !same_list(o.knots, o.nknots, base->knots, base->nknots);
	e->routine |= !same_list(o.routines, o.nroutines, base->routines, base->nroutines);
	e->avoided |= memcmp(o.avoided, base->avoided, kb->ntags * sizeof *o.avoided) != 0;
	outcome_free(&o);
}

/* Each possible answer to q, in turn (a multi: each choice alone). */
static void try_each_answer(struct kw_session *s, size_t q, struct kw_result *res,
			    const struct outcome *base, struct effect *e)
{
	const struct kw_question *qq = &s->kb->questions[q];
	struct kw_value saved = s->a->values[q];
	enum kw_answer_state state = s->a->state[q];
	size_t n = qq->type == KW_YESNO ? 2 : qq->type == KW_CHOICE || qq->type == KW_MULTI
		   ? qq->choices.n : qq->type == KW_TEXT ? 0 : 2;

	s->a->state[q] = KW_ANSWERED;
	for (size_t i = 0; i < n; i++) {
		struct kw_value *v = &s->a->values[q];
		switch (qq->type) {
		case KW_YESNO: *v = (struct kw_value){ .kind = KW_V_BOOL, .u.b = i == 0 }; break;
		case KW_CHOICE: *v = (struct kw_value){ .kind = KW_V_CHOICE, .u.choice = (unsigned)i }; break;
		case KW_MULTI: *v = (struct kw_value){ .kind = KW_V_SET, .u.set = UINT64_C(1) << i }; break;
		default: *v = (struct kw_value){ .kind = KW_V_NUM, .u.num = i ? qq->max : qq->min }; break;
		}
		if (v->kind != KW_V_NUM || (v->u.num > -1e300 && v->u.num < 1e300))
			try_answer(s, res, base, e);
	}
	s->a->values[q] = saved;
	s->a->state[q] = state;
}

/* In the words of the result's level headings: what to do, and where
 * (a doctor, a clinic, a country's services), is the rule files' to say. */
static const char *need_of(enum kw_level level)
{
	switch (level) {
	case KW_EMERGENCY: return "emergency care now";
	case KW_URGENT: return "care the same day";
	case KW_PROFESSIONAL: return "to see a professional";
	default: return "nothing more";
	}
}

/* What else the answer shapes, as the end of a sentence. */
static const char *shapes(const struct kw_session *s, const struct effect *e, size_t q)
{
	if (e->avoided)
		return "which kinds of massage are safe for you";
	if (e->knots)
		return "which muscles are likely to hold knots";
	if (e->routine && (long)q == s->kb->settings->minutes_from)
		return "how long your daily routine is";
	if (e->routine)
		return "the routine and posture advice you get";
	return NULL;
}

/* What the rules could do with q, whatever the other answers: the
 * actions of the rules that test it, through the facts they set, and
 * the routines whose `if` tests what was reached. */
static void reach(const struct kw_session *s, size_t q, struct effect *e)
{
	const struct kw_kb *kb = s->kb;
	size_t nsyms = kw_kb_nsymbols(kb), *todo = kw_xcalloc(nsyms + 1, sizeof *todo), n = 0;
	bool *seen = kw_xcalloc(nsyms + 1, sizeof *seen);

	seen[q] = true;
	todo[n++] = q;
	while (n) {
		size_t sym = todo[--n];
		for (uint32_t u = s->rel.users_start[sym]; u < s->rel.users_start[sym + 1]; u++) {
			const struct kw_rule *r = &kb->rules[s->rel.users[u]];
			fold_rule(kb, r, e);
			for (size_t i = 0; i < r->actions.n; i++) {
				const struct kw_action *a = kw_rule_action(kb, r, i);
				if (a->kind == KW_ACT_SET && !seen[a->target])
					seen[a->target] = true, todo[n++] = a->target;
			}
		}
	}
	e->routine |= s->rel.always[q];
	free(todo);
	free(seen);
}

static bool changes_anything(const struct effect *e)
{
	return e->level >= KW_PROFESSIONAL || e->knots || e->routine || e->avoided;
}

static void why_question(struct kw_session *s, size_t q, const struct effect *now,
			 struct kw_strbuf *out)
{
	struct effect later = { .level = KW_SELF_CARE };
	const struct effect *e = now;
	bool depends = false;
	const char *rest;
	size_t start;

	if (!changes_anything(now)) {
		reach(s, q, &later);
		e = &later;
		depends = changes_anything(&later);
	}
	rest = shapes(s, e, q);
	if (s->kb->questions[q].required)
		kw_sb_add(out, "This is a safety question, asked of everyone. ");
	start = out->len;
	if (depends)
		kw_sb_add(out, "depending on your other answers, ");
	if (e->level >= KW_PROFESSIONAL)
		kw_sb_printf(out, "some answers here can mean you need %s.", need_of(e->level));
	else if (rest)
		kw_sb_printf(out, "your answer decides %s.", rest);
	else
		kw_sb_add(out, "nothing in the advice depends on this answer.");
	out->data[start] = (char)(out->data[start] - 'a' + 'A');
	if (e->level >= KW_PROFESSIONAL && rest)
		kw_sb_printf(out, " It also decides %s.", rest);
}

/* "1, 3 and 5", "1 to 4 and 7". */
static void say_numbers(struct kw_strbuf *out, const size_t *nums, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && nums[j + 1] == nums[j] + 1)
			j++;
		if (i)
			kw_sb_add(out, j + 1 == n ? " and " : ", ");
		if (j >= i + 2)
			kw_sb_printf(out, "%zu to %zu", nums[i], nums[j]), i = j + 1;
		else
			kw_sb_printf(out, "%zu", nums[i]), i++;
	}
}

static void why_checklist(struct kw_session *s, const struct effect *each,
			  struct kw_strbuf *out)
{
	size_t n = s->now.nitems, *nums = kw_xcalloc(n + 1, sizeof *nums), k, groups = 0;
	struct effect others = { .level = KW_SELF_CARE };

	for (int level = KW_EMERGENCY; level >= KW_PROFESSIONAL; level--) {
		for (size_t i = k = 0; i < n; i++)
			if (each[i].level == (enum kw_level)level)
				nums[k++] = i + 1;
		if (!k)
			continue;
		kw_sb_add(out, groups++ ? "; " : "");
		if (k == n)
			kw_sb_printf(out, "Each of these means you need %s", need_of((enum kw_level)level));
		else {
			kw_sb_add(out, groups == 1 ? "Number" : "number");
			kw_sb_add(out, k > 1 ? "s " : " ");
			say_numbers(out, nums, k);
			kw_sb_printf(out, " mean%s you need %s", k > 1 ? "" : "s",
				     need_of((enum kw_level)level));
		}
	}
	for (size_t i = 0; i < n; i++)
		if (each[i].level < KW_PROFESSIONAL) {
			others.knots |= each[i].knots;
			others.routine |= each[i].routine;
			others.avoided |= each[i].avoided;
		}
	if (groups)
		kw_sb_add(out, ".");
	if (shapes(s, &others, SIZE_MAX))
		kw_sb_printf(out, "%s%s decide %s.", groups ? " The others" : "",
			     groups ? "" : "Your ticks", shapes(s, &others, SIZE_MAX));
	else if (!groups)
		kw_sb_add(out, "With your answers so far these change nothing for certain; "
			  "together with your next answers they may change the advice.");
	free(nums);
}

/* Nothing ticked, then each item alone. */
static void why_checklist_run(struct kw_session *s, struct kw_result *res,
			      struct kw_strbuf *out)
{
	size_t n = s->now.nitems;
	struct effect *each = kw_xcalloc(n + 1, sizeof *each);
	struct kw_value *saved = kw_xcalloc(n + 1, sizeof *saved);
	enum kw_answer_state *state = kw_xcalloc(n + 1, sizeof *state);
	struct outcome base;

	for (size_t i = 0; i < n; i++) {
		size_t q = s->now.items[i];
		saved[i] = s->a->values[q];
		state[i] = s->a->state[q];
		s->a->values[q] = (struct kw_value){ .kind = KW_V_BOOL, .u.b = false };
		s->a->state[q] = KW_ANSWERED;
	}
	outcome_of(s, res, &base);
	for (size_t i = 0; i < n; i++) {
		struct kw_value *v = &s->a->values[s->now.items[i]];
		v->u.b = true;
		try_answer(s, res, &base, &each[i]);
		v->u.b = false;
	}
	for (size_t i = 0; i < n; i++) {
		s->a->values[s->now.items[i]] = saved[i];
		s->a->state[s->now.items[i]] = state[i];
	}
	why_checklist(s, each, out);
	outcome_free(&base);
	free(each);
	free(saved);
	free(state);
}

static void find_symbol(size_t sym, bool negative, void *data)
{
	size_t *q = data;

	(void)negative;
	if (sym == *q)
		*q = SIZE_MAX;
}

/* Does a rule or a recheck_if read text question q? */
static bool words_are_read(const struct kw_session *s, size_t q)
{
	const struct kw_kb *kb = s->kb;
	size_t probe = q;

	if (s->rel.users_start[q + 1] > s->rel.users_start[q])
		return true;
	for (size_t i = 0; i < kb->nquestions && probe == q; i++)
		kw_prog_visit(kb, kb->questions[i].recheck_if, find_symbol, &probe);
	return probe != q;
}

static void why_text(struct kw_session *s, size_t q, struct kw_strbuf *out)
{
	kw_sb_add(out, words_are_read(s, q)
		  ? "Your own words are read for signs that need urgent care, so that "
		    "nothing you mention is missed."
		  : "Your words are kept with your answers: nothing in the advice "
		    "depends on them.");
}

void kw_why_screen(struct kw_session *s, struct kw_strbuf *out)
{
	struct kw_result *res = kw_result_new();
	struct outcome base;

	if (s->now.kind == KW_SCREEN_DONE) {
		kw_sb_add(out, "There are no more questions.");
	} else if (s->now.kind == KW_SCREEN_QUESTION &&
		   s->kb->questions[s->now.question].type == KW_TEXT) {
		why_text(s, s->now.question, out);
	} else if (s->now.kind == KW_SCREEN_QUESTION) {
		struct effect e = {0};
		outcome_of(s, res, &base);
		try_each_answer(s, s->now.question, res, &base, &e);
		why_question(s, s->now.question, &e, out);
		outcome_free(&base);
	} else {
		why_checklist_run(s, res, out);
	}
	kw_result_free(res);
}
