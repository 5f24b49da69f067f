#include <config.h>

#include <stdarg.h>
#include <string.h>

#include "explain/explain.h"
#include "expr/format.h"
#include "explain/why_not.h"

struct why {
	const struct kw_kb *kb;
	const struct kw_result *res;
	struct kw_eval ev;
	json_t *reasons;
};

/* A reason: its data members plus "text", a sentence a person reads. */
static void reason(struct why *w, json_t *data, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void reason(struct why *w, json_t *data, const char *fmt, ...)
{
	struct kw_strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	kw_sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	json_object_set_new(data, "text", json_string(kw_sb_str(&sb)));
	json_array_append_new(w->reasons, data);
	kw_sb_free(&sb);
}

/* The test that decided a false condition (or, under `not`, the test that
 * held); *held says which. */
static const struct kw_expr *deciding_test(const struct kw_expr *e,
					   const struct kw_eval *ev, bool want, bool *held)
{
	switch (e->op) {
	case KW_E_NOT:
		return deciding_test(e->kids[0], ev, !want, held);
	case KW_E_AND:
	case KW_E_OR:
		for (size_t i = 0; i < e->nkids; i++)
			if (kw_expr_eval(e->kids[i], ev) != want)
				return deciding_test(e->kids[i], ev, want, held);
		return deciding_test(e->kids[0], ev, want, held);
	default:
		*held = !want;
		return e;
	}
}

static void actual_value(struct why *w, const struct kw_expr *t, struct kw_strbuf *sb)
{
	size_t sym = t->syms[0], n = 0;
	const struct kw_value *v = &w->res->values[sym];
	bool question = sym < w->kb->nquestions;

	if (t->op == KW_E_COUNT) {
		for (size_t i = 0; i < t->nnames; i++)
			n += kw_value_truthy(&w->res->values[t->syms[i]]);
		kw_sb_printf(sb, "%zu of them hold%s", n, n == 1 ? "s" : "");
	} else if (v->kind == KW_V_UNKNOWN) {
		kw_sb_printf(sb, question ? "'%s' was not answered" : "'%s' was never set",
			     t->names[0]);
	} else {
		kw_sb_printf(sb, question ? "you answered %s = " : "%s is ", t->names[0]);
		kw_value_text(sb, w->kb, sym, v);
	}
}

/* "rule X needs TEST, but you answered ..." for a condition that failed. */
static void failed_condition(struct why *w, const char *who, const struct kw_expr *cond,
			     struct kw_loc loc, json_t *data)
{
	struct kw_strbuf test = {0}, actual = {0};
	bool held = false;
	const struct kw_expr *t = deciding_test(cond, &w->ev, true, &held);

	kw_expr_format(&test, t);
	actual_value(w, t, &actual);
	json_object_set_new(data, "test", json_string(kw_sb_str(&test)));
	json_object_set_new(data, "actual", json_string(kw_sb_str(&actual)));
	json_object_set_new(data, "file", json_string(loc.file));
	json_object_set_new(data, "line", json_integer(loc.line));
	reason(w, data, "%s (%s:%u) needs %s%s, but %s", who, loc.file, loc.line,
	       held ? "not " : "", kw_sb_str(&test), kw_sb_str(&actual));
	kw_sb_free(&test);
	kw_sb_free(&actual);
}

static bool fired(const struct kw_result *res, size_t rule)
{
	for (size_t i = 0; i < res->nfired; i++)
		if (res->fired[i] == rule)
			return true;
	return false;
}

static void why_rule(struct why *w, size_t r)
{
	const struct kw_rule *rule = &w->kb->rules[r];
	char who[80];

	snprintf(who, sizeof who, "rule %s", rule->id);
	failed_condition(w, who, rule->cond, rule->loc,
			 json_pack("{s:s}", "rule", rule->id));
}

/* Every rule with an action `kind` on `target` that did not fire. */
static void why_producers(struct why *w, enum kw_action_kind kind, size_t target,
			  bool (*counts)(const struct kw_action *))
{
	for (size_t r = 0; r < w->kb->nrules; r++) {
		const struct kw_rule *rule = &w->kb->rules[r];
		for (size_t i = 0; i < rule->nactions; i++)
			if (rule->actions[i].kind == kind && rule->actions[i].target == target &&
			    (!counts || counts(&rule->actions[i]))) {
				if (!fired(w->res, r))
					why_rule(w, r);
				break;
			}
	}
}

static bool why_rule_reached(struct why *w, size_t r)
{
	if (fired(w->res, r))
		return true;
	why_rule(w, r);
	return false;
}

static bool positive(const struct kw_action *a)
{
	return a->cf > 0;
}

/* 1 for the most certain knot: certainty rounded, ties by load order. */
static size_t rank_of(const struct kw_result *res, size_t knot)
{
	size_t above = 0;
	double cf = kw_cf_round(res->scores[knot].certainty);

	for (size_t k = 0; k < res->nscores; k++)
		if (k != knot && res->scores[k].suspected &&
		    (kw_cf_round(res->scores[k].certainty) > cf ||
		     (kw_cf_round(res->scores[k].certainty) == cf && k < knot)))
			above++;
	return above + 1;
}

static bool why_knot(struct why *w, size_t k)
{
	const struct kw_knot_score *s = &w->res->scores[k];
	const struct kw_settings *set = &w->kb->settings;
	double cf = kw_cf_round(s->certainty);

	for (size_t i = 0; i < w->res->nlisted; i++)
		if (w->res->listed[i] == k)
			return true;
	if (s->suspected && cf < set->min_certainty)
		reason(w, json_pack("{s:s, s:f, s:f}", "reason", "below_min_certainty",
				    "certainty", cf, "min_certainty", set->min_certainty),
		       "its certainty %.2f is below min_certainty %.2f", cf, set->min_certainty);
	else if (s->suspected)
		reason(w, json_pack("{s:s, s:i, s:i}", "reason", "max_knots", "rank",
				    (int)rank_of(w->res, k), "max_knots", set->max_knots),
		       "it ranks #%zu by certainty (%.2f), and only %d knot%s listed "
		       "(max_knots)", rank_of(w->res, k), cf, set->max_knots,
		       set->max_knots == 1 ? " is" : "s are");
	why_producers(w, KW_ACT_SUSPECT, k, positive);
	return false;
}

static const struct kw_rule *avoider(const struct why *w, size_t tag)
{
	for (size_t i = 0; i < w->res->nfired; i++) {
		const struct kw_rule *r = &w->kb->rules[w->res->fired[i]];
		for (size_t j = 0; j < r->nactions; j++)
			if (r->actions[j].kind == KW_ACT_AVOID && r->actions[j].target == tag)
				return r;
	}
	return NULL;
}

static bool in_list(const size_t *items, size_t n, size_t x)
{
	for (size_t i = 0; i < n; i++)
		if (items[i] == x)
			return true;
	return false;
}

/* Each of the routine's knots: not listed, or (when nothing else blocked
 * this routine) given another routine of the same kind, chosen first. */
static void why_routine_knots(struct why *w, const struct kw_routine *rt, size_t id,
			      bool blocked)
{
	for (size_t i = 0; i < rt->nknots; i++) {
		size_t k = rt->knots[i];
		const char *name = w->kb->knots[k].id;

		if (!in_list(w->res->listed, w->res->nlisted, k)) {
			reason(w, json_pack("{s:s, s:s}", "reason", "knot_not_listed", "knot", name),
			       "it treats %s, which is not listed (see --why-not %s)", name, name);
			continue;
		}
		for (size_t j = 0; j < w->res->nroutines; j++) {
			const struct kw_routine *other = &w->kb->routines[w->res->routines[j]];
			if (!blocked && other->kind == rt->kind && w->res->routines[j] != id &&
			    in_list(other->knots, other->nknots, k))
				reason(w, json_pack("{s:s, s:s, s:s}", "reason", "other_routine",
						    "knot", name, "routine", other->id),
				       "%s gets the %s routine %s instead (recommended, or "
				       "a lower order: %d against %d)", name, kw_kind_name(rt->kind),
				       other->id, other->order, rt->order);
		}
	}
}

static bool why_routine(struct why *w, size_t id)
{
	const struct kw_routine *rt = &w->kb->routines[id];
	const struct kw_rule *by;

	if (in_list(w->res->routines, w->res->nroutines, id))
		return true;
	if (w->res->triage >= KW_URGENT)
		reason(w, json_pack("{s:s, s:s}", "reason", "triage", "level",
				    kw_level_name(w->res->triage)),
		       "no routine is given at triage level %s", kw_level_name(w->res->triage));
	if (in_list(w->res->left_out, w->res->nleft_out, id))
		reason(w, json_pack("{s:s}", "reason", "left_out"),
		       "it was left out to fit the minutes available");
	for (size_t i = 0; i < rt->ntags; i++)
		if ((by = avoider(w, rt->tags[i])) != NULL)
			reason(w, json_pack("{s:s, s:s, s:s}", "reason", "avoided", "tag",
					    w->kb->tags[rt->tags[i]], "rule", by->id),
			       "its tag %s is avoided by rule %s: %s", w->kb->tags[rt->tags[i]],
			       by->id, by->because ? by->because : by->cond_text);
	if (rt->cond && !kw_expr_eval(rt->cond, &w->ev)) {
		char who[80];
		snprintf(who, sizeof who, "routine %s", rt->id);
		failed_condition(w, who, rt->cond, rt->loc, json_pack("{s:s}", "routine", rt->id));
	}
	why_routine_knots(w, rt, id, json_array_size(w->reasons) > 0);
	why_producers(w, KW_ACT_RECOMMEND, id, NULL);
	return false;
}

static bool why_level(struct why *w, enum kw_level level)
{
	if (w->res->triage == level)
		return true;
	if (w->res->triage > level)
		reason(w, json_pack("{s:s, s:s}", "reason", "higher_level", "level",
				    kw_level_name(w->res->triage)),
		       "a higher level was raised: %s", kw_level_name(w->res->triage));
	why_producers(w, KW_ACT_TRIAGE, level, NULL);
	return false;
}

/* The change that disabled a knot, routine or rule of that id (the last
 * one: a later file may define it again), or NULL. */
static const struct kw_change *disabling(const struct kw_kb *kb, const char *id)
{
	const struct kw_change *found = NULL;

	for (size_t i = 0; i < kb->nchanges; i++)
		if (strcmp(kb->changes[i].id, id) == 0 && strcmp(kb->changes[i].kind, "question"))
			found = kb->changes[i].disabled ? &kb->changes[i] : NULL;
	return found;
}

bool kw_why_not_known(const struct kw_kb *kb, const char *id)
{
	enum kw_level level;

	return kw_level_parse(id, &level) || kw_kb_find_knot(kb, id, NULL) ||
	       kw_kb_find_routine(kb, id, NULL) || kw_kb_find_rule(kb, id, NULL) ||
	       disabling(kb, id);
}

static json_t *answer(struct why *w, const char *id, const char *kind, bool reached)
{
	json_t *o = json_pack("{s:s, s:s, s:b, s:O}", "id", id, "kind", kind,
			      "reached", reached, "reasons", w->reasons);
	json_decref(w->reasons);
	w->reasons = json_array();
	return o;
}

json_t *kw_why_not(const struct kw_kb *kb, const struct kw_result *res,
		   const char *id)
{
	struct why w = { kb, res, { kb, res->values, NULL, NULL }, json_array() };
	json_t *all = json_array();
	enum kw_level level;
	size_t i;

	if (kw_level_parse(id, &level))
		json_array_append_new(all, answer(&w, id, "triage", why_level(&w, level)));
	if (kw_kb_find_knot(kb, id, &i))
		json_array_append_new(all, answer(&w, id, "knot", why_knot(&w, i)));
	if (kw_kb_find_routine(kb, id, &i))
		json_array_append_new(all, answer(&w, id, "routine", why_routine(&w, i)));
	if (kw_kb_find_rule(kb, id, &i))
		json_array_append_new(all, answer(&w, id, "rule", why_rule_reached(&w, i)));
	if (!json_array_size(all) && disabling(kb, id)) {
		const struct kw_change *c = disabling(kb, id);
		reason(&w, json_pack("{s:s, s:s, s:i}", "reason", "disabled", "file",
				     c->loc.file, "line", c->loc.line),
		       "it was switched off (disabled = yes) at %s:%u", c->loc.file, c->loc.line);
		json_array_append_new(all, answer(&w, id, c->kind, false));
	}
	json_decref(w.reasons);
	return all;
}

void kw_why_not_text(struct kw_writer *out, const json_t *why_not)
{
	size_t i, j;
	json_t *item, *r;
	char line[256];

	json_array_foreach(why_not, i, item) {
		const char *id = json_string_value(json_object_get(item, "id"));
		const char *kind = json_string_value(json_object_get(item, "kind"));
		json_t *reasons = json_object_get(item, "reasons");

		snprintf(line, sizeof line, json_is_true(json_object_get(item, "reached"))
			 ? "The %s %s was reached" : "Why not the %s %s?", kind, id);
		kw_heading(out, KW_BOLD, line);
		if (json_is_true(json_object_get(item, "reached")))
			continue;
		if (!json_array_size(reasons))
			kw_wrap(out, "  - ", "nothing in the rule set produces it");
		json_array_foreach(reasons, j, r)
			kw_wrap(out, "  - ", json_string_value(json_object_get(r, "text")));
	}
}
