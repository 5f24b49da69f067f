/*
 * render_json: the result object of SPEC §5.  Every member is always
 * present; certainties are rounded to two decimals first.
 */
#include <config.h>

#include <math.h>

#include "knotwise/render.h"

static json_t *number(double x)
{
	if (x == floor(x) && fabs(x) < 9007199254740992.0)      /* 2^53 */
		return json_integer((json_int_t)x);
	return json_real(x);
}

static json_t *choice_set(const struct kw_question *q, uint64_t set)
{
	json_t *a = json_array();

	for (unsigned i = 0; i < q->nchoices; i++)
		if ((set >> i) & 1)
			json_array_append_new(a, json_string(q->choices[i]));
	return a;
}

static json_t *value_json(const struct kw_question *q, const struct kw_value *v)
{
	switch (v->kind) {
	case KW_V_BOOL: return json_boolean(v->u.b);
	case KW_V_NUM: return number(v->u.num);
	case KW_V_CHOICE: return json_string(q->choices[v->u.choice]);
	case KW_V_SET: return choice_set(q, v->u.set);
	case KW_V_WORD:
	case KW_V_TEXT: return json_string(v->u.str);
	default: return json_null();
	}
}

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *id_list(const size_t *items, size_t n,
		       const char *(*id_of)(const struct kw_kb *, size_t),
		       const struct kw_kb *kb)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(id_of(kb, items[i])));
	return a;
}

static const char *rule_id(const struct kw_kb *kb, size_t i) { return kb->rules[i].id; }
static const char *tag_id(const struct kw_kb *kb, size_t i) { return kb->tags[i]; }
static const char *knot_id(const struct kw_kb *kb, size_t i) { return kb->knots[i].id; }
static const char *routine_id(const struct kw_kb *kb, size_t i) { return kb->routines[i].id; }

static json_t *strings(const char *const *items, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(items[i]));
	return a;
}

static json_t *triage_json(const struct kw_kb *kb, const struct kw_result *res)
{
	json_t *because = json_array();

	for (size_t i = 0; i < res->ntriage_rules; i++) {
		const struct kw_rule *r = &kb->rules[res->triage_rules[i]];
		json_array_append_new(because, json_pack("{s:s, s:o}", "rule", r->id,
							 "text", string_or_null(r->because)));
	}
	return json_pack("{s:s, s:o}", "level", kw_level_name(res->triage),
			 "because", because);
}

static json_t *knots_json(const struct kw_kb *kb, const struct kw_result *res)
{
	json_t *a = json_array();

	for (size_t i = 0; i < res->nlisted; i++) {
		size_t k = res->listed[i];
		const struct kw_knot_score *s = &res->scores[k];
		json_array_append_new(a, json_pack("{s:s, s:s, s:f, s:o}",
			"id", kb->knots[k].id, "name", kb->knots[k].name,
			"certainty", kw_cf_round(s->certainty),
			"rules", id_list(s->rules, s->nrules, rule_id, kb)));
	}
	return a;
}

static json_t *routine_json(const struct kw_kb *kb, const struct kw_routine *r)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:i, s:o, s:o, s:o, s:o, s:o}",
		"id", r->id, "title", r->title, "kind", kw_kind_name(r->kind),
		"for", id_list(r->knots, r->nknots, knot_id, kb),
		"minutes", r->minutes,
		"pressure", string_or_null(r->pressure),
		"frequency", string_or_null(r->frequency),
		"tags", id_list(r->tags, r->ntags, tag_id, kb),
		"steps", strings(r->steps, r->nsteps),
		"cautions", strings(r->cautions, r->ncautions));
}

static json_t *answers_json(const struct kw_kb *kb, const struct kw_result *res)
{
	json_t *o = json_object();

	for (size_t i = 0; i < kb->nquestions; i++)
		if (res->values[i].kind != KW_V_UNKNOWN)
			json_object_set_new(o, kb->questions[i].id,
					    value_json(&kb->questions[i], &res->values[i]));
	return o;
}

static json_t *facts_json(const struct kw_kb *kb, const struct kw_result *res)
{
	json_t *o = json_object();

	for (size_t i = 0; i < res->nfacts_set; i++) {
		size_t sym = res->facts_set[i];
		json_object_set_new(o, kw_kb_symbol_id(kb, sym),
				    value_json(NULL, &res->values[sym]));
	}
	return o;
}

json_t *kw_render_json(const struct kw_kb *kb, const struct kw_result *res)
{
	json_t *routine = json_array();

	for (size_t i = 0; i < res->nroutines; i++)
		json_array_append_new(routine, routine_json(kb, &kb->routines[res->routines[i]]));
	return json_pack("{s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"version", 1,
		"triage", triage_json(kb, res),
		"knots", knots_json(kb, res),
		"routine", routine,
		"avoided", id_list(res->avoided, res->navoided, tag_id, kb),
		"left_out", id_list(res->left_out, res->nleft_out, routine_id, kb),
		"answers", answers_json(kb, res),
		"facts", facts_json(kb, res),
		"fired", id_list(res->fired, res->nfired, rule_id, kb),
		"warnings", strings((const char *const *)res->warnings, res->nwarnings));
}
