/*
 * render_json: the result object of SPEC §5, written straight into a
 * buffer (json_writer).  Every member is always present; certainties are
 * rounded to two decimals first.
 */
#include <config.h>

#include <stdlib.h>

#include "engine/result.h"
#include "explain/why_not.h"
#include "util/arena.h"
#include "render/json_value.h"
#include "util/json_writer.h"
#include "knotwise/render.h"

struct kw_render_cache {
	struct kw_strbuf *routines;     /* by routine: its JSON, once written */
	size_t n;
	struct kw_json_texts texts;     /* the rule set's ids and texts as JSON */
};

struct kw_render_cache *kw_render_cache_new(const struct kw_kb *kb)
{
	struct kw_render_cache *c = kw_xcalloc(1, sizeof *c);

	c->n = kb->nroutines;
	c->routines = kw_xcalloc(c->n + 1, sizeof *c->routines);
	kw_json_texts_init(&c->texts, kb->strings, kb->nstrings);
	return c;
}

void kw_render_cache_free(struct kw_render_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		kw_sb_free(&c->routines[i]);
	free(c->routines);
	kw_json_texts_free(&c->texts);
	free(c);
}

static void choice_set(struct kw_json *j, const struct kw_kb *kb,
		       const struct kw_question *q, uint64_t set)
{
	kw_json_array(j);
	for (unsigned i = 0; i < q->choices.n; i++)
		if ((set >> i) & 1)
			kw_json_string(j, kw_ref(kb, q->choices, i));
	kw_json_end(j, ']');
}

void kw_json_value(struct kw_json *j, const struct kw_kb *kb, const struct kw_question *q,
		   const struct kw_value *v)
{
	switch (v->kind) {
	case KW_V_BOOL: kw_json_bool(j, v->u.b); break;
	case KW_V_NUM: kw_json_number(j, v->u.num); break;
	case KW_V_CHOICE: kw_json_string(j, kw_ref(kb, q->choices, v->u.choice)); break;
	case KW_V_SET: choice_set(j, kb, q, v->u.set); break;
	case KW_V_WORD:
	case KW_V_TEXT: kw_json_string(j, v->u.str); break;
	default: kw_json_string(j, NULL);
	}
}

static void id_list(struct kw_json *j, const char *key, const size_t *items, size_t n,
		    const char *(*id_of)(const struct kw_kb *, size_t), const struct kw_kb *kb)
{
	kw_json_key(j, key);
	kw_json_array(j);
	for (size_t i = 0; i < n; i++)
		kw_json_string(j, id_of(kb, items[i]));
	kw_json_end(j, ']');
}

static const char *rule_id(const struct kw_kb *kb, size_t i) { return kw_s(kb, kb->rules[i].id); }
static const char *tag_id(const struct kw_kb *kb, size_t i) { return kw_s(kb, kb->tags[i]); }
static const char *knot_id(const struct kw_kb *kb, size_t i) { return kw_s(kb, kb->knots[i].id); }
static const char *routine_id(const struct kw_kb *kb, size_t i)
{
	return kw_s(kb, kb->routines[i].id);
}

/* A run of steps of the trace: all of them, or those of the rarer kinds. */
struct steps {
	const struct kw_step *at;
	size_t n;
};

/* The steps that are neither a firing nor a fact set, in order: the few
 * that the triage, knots and avoided lists are made of, so that a run of
 * a million firings is not gone through once per list. */
static struct steps few_steps(const struct kw_result *res)
{
	struct kw_step *few = kw_xmalloc((res->nsteps + 1) * sizeof *few);
	size_t n = 0;

	for (size_t i = 0; i < res->nsteps; i++)
		if (res->steps[i].kind != KW_STEP_FIRED && res->steps[i].kind != KW_STEP_SET)
			few[n++] = res->steps[i];
	return (struct steps){ few, n };
}

/* The ids of the steps of one kind (and of one target, unless KW_NONE):
 * the step's rule, or its target; a rule twice in a row is written once. */
static void step_list(struct kw_json *j, const char *key, const struct kw_result *res,
		      struct steps steps, enum kw_step_kind kind, uint32_t target,
		      const char *(*id_of)(const struct kw_kb *, size_t), bool rules)
{
	uint32_t last = KW_NONE;

	kw_json_key(j, key);
	kw_json_array(j);
	for (size_t i = 0; i < steps.n; i++) {
		const struct kw_step *s = &steps.at[i];
		uint32_t id = rules ? s->rule : s->target;
		if (s->kind != kind || (target != KW_NONE && s->target != target) ||
		    (rules && id == last))
			continue;
		kw_json_string(j, id_of(res->kb, id));
		last = id;
	}
	kw_json_end(j, ']');
}

static void strings(struct kw_json *j, const char *key, const char *const *items, size_t n)
{
	kw_json_key(j, key);
	kw_json_array(j);
	for (size_t i = 0; i < n; i++)
		kw_json_string(j, items[i]);
	kw_json_end(j, ']');
}

static void triage(struct kw_json *j, const struct kw_kb *kb, const struct kw_result *res,
		   struct steps steps)
{
	uint32_t last = KW_NONE;

	kw_json_key(j, "triage");
	kw_json_object(j);
	kw_json_key(j, "level");
	kw_json_string(j, kw_level_name(res->triage));
	kw_json_key(j, "advice");
	kw_json_string(j, kw_triage_advice(kb, res));
	kw_json_key(j, "because");
	kw_json_array(j);
	for (size_t i = 0; i < steps.n; i++) {
		const struct kw_step *s = &steps.at[i];
		if (s->kind != KW_STEP_TRIAGE || s->rule == last)
			continue;
		last = s->rule;
		kw_json_object(j);
		kw_json_key(j, "rule");
		kw_json_string(j, kw_s(kb, kb->rules[s->rule].id));
		kw_json_key(j, "text");
		kw_json_string(j, kw_s(kb, kb->rules[s->rule].because));
		kw_json_end(j, '}');
	}
	kw_json_end(j, ']');
	kw_json_end(j, '}');
}

static void knots(struct kw_json *j, const struct kw_kb *kb, const struct kw_result *res,
		  struct steps steps)
{
	kw_json_key(j, "knots");
	kw_json_array(j);
	for (size_t i = 0; i < res->nlisted; i++) {
		size_t k = res->listed[i];
		kw_json_object(j);
		kw_json_key(j, "id");
		kw_json_string(j, kw_s(kb, kb->knots[k].id));
		kw_json_key(j, "name");
		kw_json_string(j, kw_s(kb, kb->knots[k].name));
		kw_json_key(j, "certainty");
		kw_json_number(j, kw_cf_round(res->scores[k].certainty));
		step_list(j, "rules", res, steps, KW_STEP_EVIDENCE, (uint32_t)k, rule_id, true);
		kw_json_end(j, '}');
	}
	kw_json_end(j, ']');
}

/* A list of knots or tags by index (u32), or of texts (refs). */
static void index_list(struct kw_json *j, const char *key, const struct kw_kb *kb,
		       struct kw_slice items, const char *(*id_of)(const struct kw_kb *, size_t))
{
	kw_json_key(j, key);
	kw_json_array(j);
	for (size_t i = 0; i < items.n; i++)
		kw_json_string(j, id_of(kb, kw_u32(kb, items, i)));
	kw_json_end(j, ']');
}

static void text_list(struct kw_json *j, const char *key, const struct kw_kb *kb,
		      struct kw_slice items)
{
	kw_json_key(j, key);
	kw_json_array(j);
	for (size_t i = 0; i < items.n; i++)
		kw_json_string(j, kw_ref(kb, items, i));
	kw_json_end(j, ']');
}

static void routine(struct kw_json *j, const struct kw_kb *kb, const struct kw_routine *r)
{
	kw_json_object(j);
	kw_json_key(j, "id");
	kw_json_string(j, kw_s(kb, r->id));
	kw_json_key(j, "title");
	kw_json_string(j, kw_s(kb, r->title));
	kw_json_key(j, "kind");
	kw_json_string(j, kw_kind_name((enum kw_kind)r->kind));
	index_list(j, "for", kb, r->knots, knot_id);
	kw_json_key(j, "minutes");
	kw_json_number(j, r->minutes);
	kw_json_key(j, "pressure");
	kw_json_string(j, kw_s(kb, r->pressure));
	kw_json_key(j, "frequency");
	kw_json_string(j, kw_s(kb, r->frequency));
	index_list(j, "tags", kb, r->tags, tag_id);
	text_list(j, "steps", kb, r->steps);
	text_list(j, "cautions", kb, r->cautions);
	kw_json_end(j, '}');
}

static void cached_routine(struct kw_json *j, const struct kw_kb *kb, size_t r,
			   struct kw_render_cache *cache)
{
	struct kw_json once;

	if (!cache) {
		routine(j, kb, &kb->routines[r]);
		return;
	}
	if (!cache->routines[r].len) {
		kw_json_init(&once, &cache->routines[r], false);
		routine(&once, kb, &kb->routines[r]);
	}
	kw_json_raw(j, cache->routines[r].data);
}

static void answers(struct kw_json *j, const struct kw_kb *kb, const struct kw_result *res)
{
	kw_json_key(j, "answers");
	kw_json_object(j);
	for (size_t i = 0; i < kb->nquestions; i++)
		if (res->values[i].kind != KW_V_UNKNOWN) {
			kw_json_key(j, kw_s(kb, kb->questions[i].id));
			kw_json_value(j, kb, &kb->questions[i], &res->values[i]);
		}
	kw_json_end(j, '}');
}

static void changes(struct kw_json *j, const struct kw_kb *kb)
{
	kw_json_key(j, "changes");
	kw_json_array(j);
	for (size_t i = 0; i < kb->nchanges; i++) {
		const struct kw_change *c = &kb->changes[i];
		kw_json_object(j);
		kw_json_key(j, "kind");
		kw_json_string(j, kw_s(kb, c->kind));
		kw_json_key(j, "id");
		kw_json_string(j, kw_s(kb, c->id));
		kw_json_key(j, "change");
		kw_json_string(j, c->disabled ? "disabled" : "override");
		kw_json_key(j, "file");
		kw_json_string(j, kw_kb_loc(kb, c->where).file);
		kw_json_key(j, "line");
		kw_json_number(j, c->where.line);
		kw_json_end(j, '}');
	}
	kw_json_end(j, ']');
}

static void facts(struct kw_json *j, const struct kw_kb *kb, const struct kw_result *res)
{
	kw_json_key(j, "facts");
	kw_json_object(j);
	for (size_t i = 0; i < res->nsteps; i++) {
		const struct kw_step *s = &res->steps[i];
		if (s->kind != KW_STEP_SET)
			continue;
		kw_json_key(j, kw_kb_symbol_id(kb, s->target));
		kw_json_value(j, kb, NULL, &res->values[s->target]);
	}
	kw_json_end(j, '}');
}

static void why_not(struct kw_json *j, const struct kw_result *res, const char *id)
{
	struct kw_why_not w;

	kw_why_not(res, id, &w);
	kw_json_key(j, "why_not");
	kw_why_not_json(&w, j);
	kw_why_not_free(&w);
}

void kw_render_json(const struct kw_kb *kb, const struct kw_result *res,
		    const struct kw_json_extra *extra, struct kw_strbuf *out)
{
	struct steps all = { res->steps, res->nsteps }, few = few_steps(res);
	struct kw_json j;

	kw_json_init(&j, out, extra->pretty);
	if (extra->cache)
		kw_json_use_texts(&j, &extra->cache->texts);
	kw_json_object(&j);
	if (extra->id) {
		kw_json_key(&j, "id");
		kw_json_raw(&j, extra->id);
	}
	kw_json_key(&j, "version");
	kw_json_number(&j, 1);
	triage(&j, kb, res, few);
	knots(&j, kb, res, few);
	kw_json_key(&j, "routine");
	kw_json_array(&j);
	for (size_t i = 0; i < res->nroutines; i++)
		cached_routine(&j, kb, res->routines[i], extra->pretty ? NULL : extra->cache);
	kw_json_end(&j, ']');
	step_list(&j, "avoided", res, few, KW_STEP_AVOID, KW_NONE, tag_id, false);
	id_list(&j, "left_out", res->left_out, res->nleft_out, routine_id, kb);
	answers(&j, kb, res);
	facts(&j, kb, res);
	step_list(&j, "fired", res, all, KW_STEP_FIRED, KW_NONE, rule_id, true);
	changes(&j, kb);
	strings(&j, "warnings", (const char *const *)res->warnings, res->nwarnings);
	if (extra->why_not)
		why_not(&j, res, extra->why_not);
	kw_json_end(&j, '}');
	free((void *)few.at);
}
