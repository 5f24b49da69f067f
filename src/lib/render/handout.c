#include <config.h>

#include <string.h>

#include "answers/answers_internal.h"
#include "engine/result.h"
#include "render/handout.h"
#include "util/arena.h"

/* The regions in the words of a sentence ("Pain in your lower back"). */
static const char *const region_words[KW_NREGIONS] = {
	[KW_NECK] = "neck", [KW_UPPER_BACK] = "upper back",
	[KW_MID_BACK] = "middle of the back", [KW_LOWER_BACK] = "lower back",
	[KW_HIP_BUTTOCK] = "hip or buttock",
};

static void *alloc_array(struct kw_handout *h, size_t n, size_t size)
{
	return kw_arena_alloc(h->arena, (n ? n : 1) * size);
}

static const char *message(const struct kw_kb *kb, enum kw_message m)
{
	return kw_s(kb, kb->messages[m]);
}

/* The answer to the question a setting names, or NULL (unset, unknown). */
static const struct kw_value *setting_answer(const struct kw_result *res, long question)
{
	if (question < 0 || res->values[question].kind == KW_V_UNKNOWN)
		return NULL;
	return &res->values[question];
}

/* What to do now, then why: the `because` of each rule that raised the
 * level that won (as the text output gives them). */
static void read_triage(struct kw_handout *h, const struct kw_kb *kb,
			const struct kw_result *res)
{
	uint32_t last = KW_NONE;

	h->level = res->triage;
	h->advice = kw_triage_advice(kb, res);
	h->because = alloc_array(h, res->nsteps, sizeof *h->because);
	for (size_t i = 0; i < res->nsteps; i++) {
		const struct kw_step *s = &res->steps[i];
		if (s->kind != KW_STEP_TRIAGE || s->target != (uint32_t)res->triage ||
		    s->rule == last)
			continue;
		last = s->rule;
		if (kb->rules[s->rule].because)
			h->because[h->nbecause++] = kw_s(kb, kb->rules[s->rule].because);
	}
	if (res->answers->incomplete)
		h->incomplete = message(kb, KW_MSG_SCREEN_INCOMPLETE);
}

static void read_knots(struct kw_handout *h, const struct kw_kb *kb,
		       const struct kw_result *res)
{
	h->knots = alloc_array(h, res->nlisted, sizeof *h->knots);
	h->nknots = res->nlisted;
	for (size_t i = 0; i < res->nlisted; i++) {
		const struct kw_knot *k = &kb->knots[res->listed[i]];
		struct kw_handout_knot *out = &h->knots[i];
		out->name = kw_s(kb, k->name);
		out->where = kw_s(kb, k->where_text);
		out->refers = kw_s(kb, k->refers);
		out->likely = kw_cf_round(res->scores[res->listed[i]].certainty) >=
			      kb->settings->likely_at;
		out->has_map = k->has_map;
		out->x = k->map_x;
		out->y = k->map_y;
	}
	if (!res->nlisted)
		h->nothing_stands_out = message(kb, KW_MSG_NOTHING_STANDS_OUT);
}

/* The side_from answer: `left` or `right` is that side, anything else
 * (both, in the middle, not answered) both sides. */
static void read_side(struct kw_handout *h, const struct kw_kb *kb,
		      const struct kw_result *res)
{
	const struct kw_value *v = setting_answer(res, kb->settings->side_from);
	const struct kw_question *q;

	h->side = KW_SIDE_BOTH;
	if (!v || v->kind != KW_V_CHOICE)
		return;
	q = &kb->questions[kb->settings->side_from];
	if (strcmp(kw_ref(kb, q->choices, v->u.choice), "left") == 0)
		h->side = KW_SIDE_LEFT;
	else if (strcmp(kw_ref(kb, q->choices, v->u.choice), "right") == 0)
		h->side = KW_SIDE_RIGHT;
	h->side_words = kw_ref(kb, q->labels, v->u.choice);
}

/* The regions that hurt, as the regions_from question's choices. */
static int answered_region(const struct kw_kb *kb, const struct kw_value *v, unsigned c)
{
	if (!((v->u.set >> c) & 1))
		return -1;
	return kw_region_parse(kw_ref(kb, kb->questions[kb->settings->regions_from].choices, c));
}

/* The pain in the person's terms: where, how bad, their own words. */
static void read_about(struct kw_handout *h, const struct kw_kb *kb,
		       const struct kw_result *res)
{
	const struct kw_value *v = setting_answer(res, kb->settings->regions_from);
	int region;

	h->regions = alloc_array(h, KW_NREGIONS, sizeof *h->regions);
	for (unsigned c = 0; v && v->kind == KW_V_SET &&
	     c < kb->questions[kb->settings->regions_from].choices.n; c++)
		if ((region = answered_region(kb, v, c)) >= 0)
			h->regions[h->nregions++] = region_words[region];
	v = setting_answer(res, kb->settings->pain_from);
	if ((h->has_pain = v && v->kind == KW_V_NUM)) {
		h->pain = v->u.num;
		h->pain_max = kb->questions[kb->settings->pain_from].max;
	}
	h->own_words = alloc_array(h, kb->nquestions, sizeof *h->own_words);
	for (size_t q = 0; q < kb->nquestions; q++) {
		v = &res->values[q];
		if (kb->questions[q].type == KW_TEXT && v->kind == KW_V_TEXT && *v->u.str)
			h->own_words[h->nown_words++] = v->u.str;
	}
}

/* The listed knots (their index in h->knots) that the routine treats. */
static void routine_knots(struct kw_handout *h, struct kw_handout_routine *out,
			  const struct kw_routine *r, const struct kw_result *res)
{
	out->knots = alloc_array(h, res->nlisted, sizeof *out->knots);
	for (size_t i = 0; i < res->nlisted; i++)
		for (size_t j = 0; j < r->knots.n; j++)
			if (kw_u32(res->kb, r->knots, j) == res->listed[i]) {
				out->knots[out->nknots++] = i;
				break;
			}
}

/* The texts of a slice, as the model's array of strings. */
static const char **texts(struct kw_handout *h, const struct kw_kb *kb, struct kw_slice s)
{
	const char **out = alloc_array(h, s.n, sizeof *out);

	for (size_t i = 0; i < s.n; i++)
		out[i] = kw_ref(kb, s, i);
	return out;
}

static void read_routine(struct kw_handout *h, struct kw_handout_routine *out,
			 const struct kw_routine *r, const struct kw_result *res)
{
	const struct kw_kb *kb = res->kb;

	out->title = kw_s(kb, r->title);
	out->pressure = kw_s(kb, r->pressure);
	out->frequency = kw_s(kb, r->frequency);
	out->minutes = r->minutes;
	out->posture = r->kind == KW_POSTURE;
	out->steps = texts(h, kb, r->steps);
	out->nsteps = r->steps.n;
	out->cautions = texts(h, kb, r->cautions);
	out->ncautions = r->cautions.n;
	routine_knots(h, out, r, res);
}

static void read_routines(struct kw_handout *h, const struct kw_kb *kb,
			  const struct kw_result *res)
{
	h->routines = alloc_array(h, res->nroutines, sizeof *h->routines);
	h->nroutines = res->nroutines;
	for (size_t i = 0; i < res->nroutines; i++) {
		read_routine(h, &h->routines[i], &kb->routines[res->routines[i]], res);
		if (!h->routines[i].posture)
			h->minutes += h->routines[i].minutes;
	}
	h->left_out = alloc_array(h, res->nleft_out, sizeof *h->left_out);
	h->nleft_out = res->nleft_out;
	for (size_t i = 0; i < res->nleft_out; i++)
		h->left_out[i] = kw_s(kb, kb->routines[res->left_out[i]].title);
}

/* The safety net for everyone, then the one of each region that hurts. */
static void read_safety_nets(struct kw_handout *h, const struct kw_kb *kb,
			     const struct kw_result *res)
{
	const struct kw_value *v = setting_answer(res, kb->settings->regions_from);
	int region;

	h->safety_nets = alloc_array(h, KW_NREGIONS + 1, sizeof *h->safety_nets);
	if (message(kb, KW_MSG_SAFETY_NET))
		h->safety_nets[h->nsafety_nets++] = message(kb, KW_MSG_SAFETY_NET);
	for (unsigned c = 0; v && v->kind == KW_V_SET &&
	     c < kb->questions[kb->settings->regions_from].choices.n; c++)
		if ((region = answered_region(kb, v, c)) >= 0 &&
		    message(kb, KW_MSG_SAFETY_NET_REGION + region))
			h->safety_nets[h->nsafety_nets++] =
				message(kb, KW_MSG_SAFETY_NET_REGION + region);
}

static const struct { const char *kind, *noun; } change_nouns[] = {
	{ "question", "a question" }, { "rule", "a rule" }, { "knot", "a muscle" },
	{ "routine", "a routine" }, { "group", "a checklist" },
	{ "message", "a piece of the wording" }, { "settings", "the settings" },
};

/* The changed item in the words a person reads, when it is still there. */
static const char *change_words(const struct kw_kb *kb, const struct kw_change *c)
{
	size_t i;

	const char *kind = kw_s(kb, c->kind), *id = kw_s(kb, c->id);

	if (c->what || c->disabled)
		return kw_s(kb, c->what);
	if (strcmp(kind, "question") == 0 && kw_kb_find_symbol(kb, id, &i) &&
	    i < kb->nquestions)
		return kw_s(kb, kb->questions[i].text);
	if (strcmp(kind, "knot") == 0 && kw_kb_find_knot(kb, id, &i))
		return kw_s(kb, kb->knots[i].name);
	if (strcmp(kind, "routine") == 0 && kw_kb_find_routine(kb, id, &i))
		return kw_s(kb, kb->routines[i].title);
	if (strcmp(kind, "rule") == 0 && kw_kb_find_rule(kb, id, &i))
		return kw_s(kb, kb->rules[i].because);
	for (i = 0; strcmp(kind, "group") == 0 && i < kb->ngroups; i++)
		if (strcmp(kw_s(kb, kb->groups[i].id), id) == 0)
			return kw_s(kb, kb->groups[i].text);
	return NULL;
}

static void read_changes(struct kw_handout *h, const struct kw_kb *kb)
{
	h->changes = alloc_array(h, kb->nchanges, sizeof *h->changes);
	h->nchanges = kb->nchanges;
	for (size_t i = 0; i < kb->nchanges; i++) {
		const struct kw_change *c = &kb->changes[i];
		struct kw_handout_change *out = &h->changes[i];
		const char *file = kw_kb_loc(kb, c->where).file, *slash = strrchr(file, '/');
		out->noun = "an item";
		for (size_t n = 0; n < sizeof change_nouns / sizeof *change_nouns; n++)
			if (strcmp(kw_s(kb, c->kind), change_nouns[n].kind) == 0)
				out->noun = change_nouns[n].noun;
		out->words = change_words(kb, c);
		out->disabled = c->disabled;
		out->safety = c->safety;
		out->file = slash ? slash + 1 : file;
		out->line = c->where.line;
	}
}

struct kw_handout *kw_handout_new(const struct kw_kb *kb, const struct kw_result *res)
{
	struct kw_arena *arena = kw_arena_new();
	struct kw_handout *h = kw_arena_alloc(arena, sizeof *h);

	h->arena = arena;
	read_triage(h, kb, res);
	read_knots(h, kb, res);
	read_side(h, kb, res);
	read_about(h, kb, res);
	read_routines(h, kb, res);
	read_safety_nets(h, kb, res);
	read_changes(h, kb);
	h->disclaimer = message(kb, KW_MSG_DISCLAIMER);
	return h;
}

void kw_handout_free(struct kw_handout *h)
{
	if (h)
		kw_arena_free(h->arena);
}
