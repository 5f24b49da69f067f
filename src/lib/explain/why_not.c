/*
 * why_not: the reasons something was not reached, read from the trace and
 * from the rules that could have produced it (see why_not.h).
 */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "engine/network.h"
#include "explain/explain.h"
#include "explain/why_not.h"
#include "knotwise/render.h"        /* kw_why_not_known */
#include "util/arena.h"
#include "util/strbuf.h"

struct why {
	const struct kw_kb *kb;
	const struct kw_result *res;
	struct kw_eval ev;
	struct kw_why_answer *answer;
	bool *fired;                    /* by rule, from the trace */
};

static char *vformat(const char *fmt, va_list ap)
{
	struct kw_strbuf sb = {0};

	kw_sb_vprintf(&sb, fmt, ap);
	return sb.data ? sb.data : kw_xstrdup("");
}

/* A reason with its sentence; data items are added to it after. */
static struct kw_why_reason *reason(struct why *w, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct kw_why_reason *reason(struct why *w, const char *code, const char *fmt, ...)
{
	struct kw_why_answer *a = w->answer;
	struct kw_why_reason r = { .code = code };
	va_list ap;

	va_start(ap, fmt);
	r.text = vformat(fmt, ap);
	va_end(ap);
	KW_PUSH(a->reasons, a->nreasons, a->cap, r);
	return &a->reasons[a->nreasons - 1];
}

static void item_text(struct kw_why_reason *r, const char *key, const char *text)
{
	if (r->ndata < sizeof r->data / sizeof *r->data)
		r->data[r->ndata++] = (struct kw_why_item){ key, kw_xstrdup(text ? text : ""), 0 };
}

static void item_number(struct kw_why_reason *r, const char *key, double number)
{
	if (r->ndata < sizeof r->data / sizeof *r->data)
		r->data[r->ndata++] = (struct kw_why_item){ key, NULL, number };
}

static void actual_value(struct why *w, const struct kw_insn *t, struct kw_strbuf *sb)
{
	const struct kw_kb *kb = w->kb;
	const struct kw_value *v = &w->res->values[t->sym];
	const char *id = kw_kb_symbol_id(kb, t->sym);
	bool question = t->sym < kb->nquestions;
	size_t n = 0;

	if (t->op == KW_E_COUNT) {
		for (size_t i = 0; i < t->n; i++)
			n += kw_value_truthy(&w->res->values[kb->u32[t->arg + i]]);
		kw_sb_printf(sb, "%zu of them hold%s", n, n == 1 ? "s" : "");
	} else if (v->kind == KW_V_UNKNOWN) {
		kw_sb_printf(sb, question ? "'%s' was not answered" : "'%s' was never set", id);
	} else {
		kw_sb_printf(sb, question ? "you answered %s = " : "%s is ", id);
		kw_value_text(sb, kb, t->sym, v);
	}
}

/* "rule X (FILE:LINE) needs TEST, but you answered ..." */
static void failed_condition(struct why *w, const char *kind, const char *id,
			     uint32_t cond, struct kw_where where)
{
	struct kw_strbuf test = {0}, actual = {0};
	struct kw_loc loc = kw_kb_loc(w->kb, where);
	bool held = false;
	uint32_t t = kw_prog_deciding_test(cond, &w->ev, &held);
	struct kw_why_reason *r;

	kw_prog_format(&test, w->kb, t);
	actual_value(w, &w->kb->code[t], &actual);
	r = reason(w, "condition", "%s %s (%s:%u) needs %s%s, but %s", kind, id, loc.file,
		   loc.line, held ? "not " : "", kw_sb_str(&test), kw_sb_str(&actual));
	item_text(r, kind, id);
	item_text(r, "test", kw_sb_str(&test));
	item_text(r, "actual", kw_sb_str(&actual));
	item_text(r, "file", loc.file);
	item_number(r, "line", loc.line);
	kw_sb_free(&test);
	kw_sb_free(&actual);
}

static void why_rule(struct why *w, size_t r)
{
	const struct kw_rule *rule = &w->kb->rules[r];

	if (rule->cond != KW_NONE)
		failed_condition(w, "rule", kw_s(w->kb, rule->id), rule->cond, rule->where);
}

static bool why_rule_reached(struct why *w, size_t r)
{
	if (w->fired[r])
		return true;
	why_rule(w, r);
	return false;
}

static bool positive_evidence(const struct kw_kb *kb, const struct kw_rule *rule,
			      size_t knot)
{
	for (size_t i = 0; i < rule->actions.n; i++) {
		const struct kw_action *a = kw_rule_action(kb, rule, i);
		if (a->kind == KW_ACT_SUSPECT && a->target == knot && a->cf > 0)
			return true;
	}
	return false;
}

/* The rules that could have produced it and did not fire. */
static void why_producers(struct why *w, enum kw_action_kind kind, size_t target)
{
	const uint32_t *start = kw_net(w->kb, w->kb->network->producer_start);
	const uint32_t *producers = kw_net(w->kb, w->kb->network->producers);
	size_t key = kw_product_key(w->kb, kind, target);

	for (uint32_t i = start[key]; i < start[key + 1]; i++) {
		size_t r = producers[i];
		if (!w->fired[r] && (kind != KW_ACT_SUSPECT ||
				     positive_evidence(w->kb, &w->kb->rules[r], target)))
			why_rule(w, r);
	}
}

/* The selection's step about this item, or NULL. */
static const struct kw_step *step_for(const struct kw_result *res, enum kw_step_kind kind,
				      size_t target)
{
	for (size_t i = 0; i < res->nsteps; i++)
		if (res->steps[i].kind == kind && res->steps[i].target == target)
			return &res->steps[i];
	return NULL;
}

static bool why_knot(struct why *w, size_t k)
{
	const struct kw_settings *set = w->kb->settings;
	const struct kw_step *s;
	struct kw_why_reason *r;

	if (step_for(w->res, KW_STEP_LISTED, k))
		return true;
	if ((s = step_for(w->res, KW_STEP_BELOW, k)) != NULL) {
		r = reason(w, "below_min_certainty", "its certainty %.2f is below "
			   "min_certainty %.2f", s->value, set->min_certainty);
		item_number(r, "certainty", s->value);
		item_number(r, "min_certainty", set->min_certainty);
	} else if ((s = step_for(w->res, KW_STEP_CUT, k)) != NULL) {
		r = reason(w, "max_knots", "it ranks #%u by certainty (%.2f), and only %d "
			   "knot%s listed (max_knots)", s->other, s->value, set->max_knots,
			   set->max_knots == 1 ? " is" : "s are");
		item_number(r, "rank", s->other);
		item_number(r, "max_knots", set->max_knots);
	}
	why_producers(w, KW_ACT_SUSPECT, k);
	return false;
}

/* A knot the routine treats: not listed, or given another routine of the
 * same kind. */
static void why_routine_knots(struct why *w, const struct kw_routine *rt)
{
	const struct kw_result *res = w->res;
	struct kw_why_reason *r;

	for (size_t i = 0; i < rt->knots.n; i++) {
		uint32_t k = kw_u32(w->kb, rt->knots, i);
		const char *knot = kw_s(w->kb, w->kb->knots[k].id);
		if (!step_for(res, KW_STEP_LISTED, k)) {
			r = reason(w, "knot_not_listed", "it treats %s, which is not listed "
				   "(see --why-not %s)", knot, knot);
			item_text(r, "knot", knot);
			continue;
		}
		for (size_t j = 0; j < res->nsteps; j++) {
			const struct kw_step *s = &res->steps[j];
			const struct kw_routine *other = &w->kb->routines[s->target];
			if (s->kind != KW_STEP_CHOSEN || s->other != k || other->kind != rt->kind)
				continue;
			r = reason(w, "other_routine", "%s gets the %s routine %s instead "
				   "(%s)", knot, kw_kind_name((enum kw_kind)rt->kind),
				   kw_s(w->kb, other->id),
				   s->rule != KW_NONE ? "recommended" : "a lower order, or "
				   "earlier in the files");
			item_text(r, "knot", knot);
			item_text(r, "routine", kw_s(w->kb, other->id));
		}
	}
}

static bool why_routine(struct why *w, size_t id)
{
	const struct kw_routine *rt = &w->kb->routines[id];
	const struct kw_result *res = w->res;
	const struct kw_step *s;
	struct kw_why_reason *r;

	if (kw_result_has_routine(res, id))
		return true;
	if ((s = step_for(res, KW_STEP_NO_ROUTINE, res->triage)) != NULL) {
		r = reason(w, "triage", "no routine is given at triage level %s",
			   kw_level_name(res->triage));
		item_text(r, "level", kw_level_name(res->triage));
	} else if (step_for(res, KW_STEP_LEFT_OUT, id)) {
		reason(w, "left_out", "it was left out to fit the minutes available");
	} else if ((s = step_for(res, KW_STEP_AVOIDED, id)) != NULL) {
		const struct kw_rule *by = &w->kb->rules[s->rule];
		const char *tag = kw_s(w->kb, w->kb->tags[s->other]);
		r = reason(w, "avoided", "its tag %s is avoided by rule %s: %s", tag,
			   kw_s(w->kb, by->id), kw_s(w->kb, by->because ? by->because
						     : by->cond_text));
		item_text(r, "tag", tag);
		item_text(r, "rule", kw_s(w->kb, by->id));
	} else if (step_for(res, KW_STEP_IF_FAILED, id)) {
		failed_condition(w, "routine", kw_s(w->kb, rt->id), rt->cond, rt->where);
	} else {
		why_routine_knots(w, rt);
	}
	why_producers(w, KW_ACT_RECOMMEND, id);
	return false;
}

static bool why_level(struct why *w, enum kw_level level)
{
	struct kw_why_reason *r;

	if (w->res->triage == level)
		return true;
	if (w->res->triage > level) {
		r = reason(w, "higher_level", "a higher level was raised: %s",
			   kw_level_name(w->res->triage));
		item_text(r, "level", kw_level_name(w->res->triage));
	}
	why_producers(w, KW_ACT_TRIAGE, level);
	return false;
}

/* The change that disabled a knot, routine or rule of that id (the last
 * one: a later file may define it again), or NULL. */
static const struct kw_change *disabling(const struct kw_kb *kb, const char *id)
{
	const struct kw_change *found = NULL;

	for (size_t i = 0; i < kb->nchanges; i++)
		if (strcmp(kw_s(kb, kb->changes[i].id), id) == 0 &&
		    strcmp(kw_s(kb, kb->changes[i].kind), "question"))
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

static void begin(struct why *w, struct kw_why_not *out, const char *id, const char *kind)
{
	w->answer = &out->answers[out->n++];
	*w->answer = (struct kw_why_answer){ .id = id, .kind = kind };
}

static void why_disabled(struct why *w, struct kw_why_not *out, const char *id)
{
	const struct kw_change *c = disabling(w->kb, id);
	struct kw_loc loc = kw_kb_loc(w->kb, c->where);
	struct kw_why_reason *r;

	begin(w, out, id, kw_s(w->kb, c->kind));
	r = reason(w, "disabled", "it was switched off (disabled = yes) at %s:%u",
		   loc.file, loc.line);
	item_text(r, "file", loc.file);
	item_number(r, "line", loc.line);
}

void kw_why_not(const struct kw_result *res, const char *id, struct kw_why_not *out)
{
	const struct kw_kb *kb = res->kb;
	struct why w = { kb, res, { kb, res->values, res->matcher, NULL, NULL }, NULL,
			 kw_xcalloc(kb->nrules + 1, sizeof *w.fired) };
	enum kw_level level;
	size_t i;

	*out = (struct kw_why_not){0};
	for (size_t s = 0; s < res->nsteps; s++)
		if (res->steps[s].kind == KW_STEP_FIRED)
			w.fired[res->steps[s].rule] = true;
	if (kw_level_parse(id, &level))
		begin(&w, out, id, "triage"), w.answer->reached = why_level(&w, level);
	if (kw_kb_find_knot(kb, id, &i))
		begin(&w, out, id, "knot"), w.answer->reached = why_knot(&w, i);
	if (kw_kb_find_routine(kb, id, &i))
		begin(&w, out, id, "routine"), w.answer->reached = why_routine(&w, i);
	if (kw_kb_find_rule(kb, id, &i))
		begin(&w, out, id, "rule"), w.answer->reached = why_rule_reached(&w, i);
	if (!out->n && disabling(kb, id))
		why_disabled(&w, out, id);
	free(w.fired);
}

void kw_why_not_free(struct kw_why_not *w)
{
	for (size_t i = 0; i < w->n; i++) {
		struct kw_why_answer *a = &w->answers[i];
		for (size_t j = 0; j < a->nreasons; j++) {
			free(a->reasons[j].text);
			for (size_t k = 0; k < a->reasons[j].ndata; k++)
				free(a->reasons[j].data[k].text);
		}
		free(a->reasons);
	}
	w->n = 0;
}

void kw_why_not_json(const struct kw_why_not *w, struct kw_json *j)
{
	kw_json_array(j);
	for (size_t i = 0; i < w->n; i++) {
		const struct kw_why_answer *a = &w->answers[i];
		kw_json_object(j);
		kw_json_key(j, "id");
		kw_json_string(j, a->id);
		kw_json_key(j, "kind");
		kw_json_string(j, a->kind);
		kw_json_key(j, "reached");
		kw_json_bool(j, a->reached);
		kw_json_key(j, "reasons");
		kw_json_array(j);
		for (size_t k = 0; k < a->nreasons; k++) {
			const struct kw_why_reason *r = &a->reasons[k];
			kw_json_object(j);
			kw_json_key(j, "reason");
			kw_json_string(j, r->code);
			kw_json_key(j, "text");
			kw_json_string(j, r->text);
			for (size_t d = 0; d < r->ndata; d++) {
				kw_json_key(j, r->data[d].key);
				r->data[d].text ? kw_json_string(j, r->data[d].text)
						: kw_json_number(j, r->data[d].number);
			}
			kw_json_end(j, '}');
		}
		kw_json_end(j, ']');
		kw_json_end(j, '}');
	}
	kw_json_end(j, ']');
}

void kw_why_not_text(const struct kw_why_not *w, struct kw_writer *out)
{
	char line[256];

	for (size_t i = 0; i < w->n; i++) {
		const struct kw_why_answer *a = &w->answers[i];

		snprintf(line, sizeof line, a->reached ? "The %s %s was reached"
			 : "Why not the %s %s?", a->kind, a->id);
		kw_heading(out, KW_BOLD, line);
		if (a->reached)
			continue;
		if (!a->nreasons)
			kw_wrap(out, "  - ", "nothing in the rule set produces it");
		for (size_t k = 0; k < a->nreasons; k++)
			kw_wrap(out, "  - ", a->reasons[k].text);
	}
}
