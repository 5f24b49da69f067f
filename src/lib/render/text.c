/*
 * render_text: the recommendation as a person reads it (SPEC §5).
 * Triage comes first; at urgent or emergency it is the whole message —
 * what to do now and why — and no routine is shown at all.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "engine/result.h"
#include "explain/explain.h"
#include "knotwise/render.h"
#include "render/text_wrap.h"
#include "explain/why_not.h"

/* The heading of each level; what to do comes from the rule files. */
static const struct { enum kw_style style; const char *title; } levels[] = {
	[KW_SELF_CARE] = { KW_GREEN, "Self-care" },
	[KW_PROFESSIONAL] = { KW_YELLOW, "See a professional" },
	[KW_URGENT] = { KW_RED, "URGENT" },
	[KW_EMERGENCY] = { KW_RED, "EMERGENCY" },
};

struct text {
	struct kw_writer w;
	const struct kw_kb *kb;
	const struct kw_result *res;
	const struct kw_text_style *style;
};

static void explain_rule(struct text *t, size_t rule)
{
	struct kw_strbuf line = {0};

	kw_explain_rule(&line, t->res, rule);
	kw_wrap_styled(&t->w, KW_DIM, "      why: ", kw_sb_str(&line));
	kw_sb_free(&line);
}

/* --explain under a knot: each rule that gave it evidence, once. */
static void explain_evidence(struct text *t, size_t knot)
{
	uint32_t last = KW_NONE;

	for (size_t i = 0; i < t->res->nsteps; i++) {
		const struct kw_step *s = &t->res->steps[i];
		if (s->kind == KW_STEP_EVIDENCE && s->target == knot && s->rule != last)
			explain_rule(t, last = s->rule);
	}
}

static const char *message(const struct text *t, enum kw_message m)
{
	return kw_s(t->kb, t->kb->messages[m]);
}

/* What to do now, then why: only the reasons of rules that raised the
 * level that won, since a lower level's reason under an emergency would
 * blur the message. */
static void render_triage(struct text *t)
{
	const char *advice = kw_triage_advice(t->kb, t->res);

	kw_heading(&t->w, levels[t->res->triage].style, levels[t->res->triage].title);
	if (advice)
		kw_wrap(&t->w, "", advice);
	for (size_t i = 0; i < t->res->nsteps; i++) {
		const struct kw_step *s = &t->res->steps[i];
		const struct kw_rule *r;
		if (s->kind != KW_STEP_TRIAGE || s->target != (uint32_t)t->res->triage)
			continue;
		r = &t->kb->rules[s->rule];
		if (r->because)
			kw_wrap(&t->w, "  - ", kw_s(t->kb, r->because));
		if (t->style->explain)
			explain_rule(t, s->rule);
	}
	if (t->res->answers->incomplete && message(t, KW_MSG_SCREEN_INCOMPLETE))
		kw_wrap_styled(&t->w, KW_YELLOW, "", message(t, KW_MSG_SCREEN_INCOMPLETE));
}

/* Certainty in words, never a percentage (a knot found by its symptoms
 * is a probable source, not a finding); --explain shows the number. */
static void render_knots(struct text *t)
{
	struct kw_strbuf line = {0};

	if (!t->res->nlisted) {
		if (message(t, KW_MSG_NOTHING_STANDS_OUT)) {
			kw_heading(&t->w, KW_BOLD, "Likely knots");
			kw_wrap(&t->w, "", message(t, KW_MSG_NOTHING_STANDS_OUT));
		}
		return;
	}
	kw_heading(&t->w, KW_BOLD, "Likely knots");
	for (size_t i = 0; i < t->res->nlisted; i++) {
		size_t k = t->res->listed[i];
		const struct kw_knot *knot = &t->kb->knots[k];
		double cf = kw_cf_round(t->res->scores[k].certainty);

		kw_sb_reset(&line);
		kw_sb_printf(&line, "%s (%s)", kw_s(t->kb, knot->name),
			     cf >= t->kb->settings->likely_at ? "likely" : "possible");
		if (t->style->explain)
			kw_sb_printf(&line, " [certainty %.2f]", cf);
		kw_wrap_styled(&t->w, KW_BOLD, "  * ", kw_sb_str(&line));
		if (knot->where_text)
			kw_wrap(&t->w, "    where: ", kw_s(t->kb, knot->where_text));
		if (knot->refers)
			kw_wrap(&t->w, "    felt: ", kw_s(t->kb, knot->refers));
		if (t->style->explain)
			explain_evidence(t, k);
	}
	kw_sb_free(&line);
}

/* --explain under a routine: the rule that recommended it, or the listed
 * knot it was chosen for (the trace's CHOSEN step). */
static void explain_routine(struct text *t, size_t routine)
{
	const struct kw_routine *r = &t->kb->routines[routine];
	struct kw_strbuf line = {0};

	for (size_t i = 0; i < t->res->nsteps; i++) {
		const struct kw_step *s = &t->res->steps[i];
		if (s->kind != KW_STEP_CHOSEN || s->target != routine)
			continue;
		if (s->rule != KW_NONE) {
			explain_rule(t, s->rule);
		} else {
			kw_sb_printf(&line, "It treats %s, listed above. [routine %s, %s:%u]",
				     kw_s(t->kb, t->kb->knots[s->other].name), kw_s(t->kb, r->id),
				     kw_kb_loc(t->kb, r->where).file, r->where.line);
			kw_wrap_styled(&t->w, KW_DIM, "      why: ", kw_sb_str(&line));
		}
		break;
	}
	kw_sb_free(&line);
}

static void render_routine_item(struct text *t, size_t number, const struct kw_routine *r)
{
	struct kw_strbuf line = {0};
	char lead[16];

	size_t start;

	kw_sb_printf(&line, "%s (", kw_s(t->kb, r->title));
	start = line.len;
	if (r->minutes)         /* a habit takes no session time */
		kw_sb_printf(&line, "%d min", r->minutes);
	if (r->pressure)
		kw_sb_printf(&line, "%s%s pressure", line.len > start ? ", " : "",
			     kw_s(t->kb, r->pressure));
	if (r->frequency)
		kw_sb_printf(&line, "%s%s", line.len > start ? ", " : "", kw_s(t->kb, r->frequency));
	if (line.len > start)
		kw_sb_add(&line, ")");
	else
		line.data[line.len -= 2] = '\0';
	snprintf(lead, sizeof lead, "%2zu. ", number);
	kw_wrap_styled(&t->w, KW_BOLD, lead, kw_sb_str(&line));
	for (size_t i = 0; i < r->steps.n; i++) {
		snprintf(lead, sizeof lead, "    %c) ", (char)('a' + (i % 26)));
		kw_wrap(&t->w, lead, kw_ref(t->kb, r->steps, i));
	}
	for (size_t i = 0; i < r->cautions.n; i++)
		kw_wrap_styled(&t->w, KW_YELLOW, "    Caution: ", kw_ref(t->kb, r->cautions, i));
	kw_sb_free(&line);
}

static void render_routines(struct text *t, bool posture)
{
	const struct kw_result *res = t->res;
	size_t number = 0;
	int total = 0;
	char line[64];

	for (size_t i = 0; i < res->nroutines; i++) {
		const struct kw_routine *r = &t->kb->routines[res->routines[i]];
		if ((r->kind == KW_POSTURE) != posture)
			continue;
		if (!number++)
			kw_heading(&t->w, KW_BOLD, posture ? "Posture habits" : "Your routine");
		render_routine_item(t, number, r);
		if (t->style->explain)
			explain_routine(t, res->routines[i]);
		total += r->minutes;
	}
	if (!posture && number) {
		snprintf(line, sizeof line, "Total: %d min", total);
		kw_wrap(&t->w, "", line);
	}
}

static void render_left_out(struct text *t)
{
	struct kw_strbuf line = {0};

	if (!t->res->nleft_out)
		return;
	kw_sb_add(&line, "Left out to fit the time you have:");
	for (size_t i = 0; i < t->res->nleft_out; i++)
		kw_sb_printf(&line, "%s %s", i ? "," : "",
			     kw_s(t->kb, t->kb->routines[t->res->left_out[i]].title));
	kw_sb_add(&line, ".");
	kw_wrap(&t->w, "", kw_sb_str(&line));
	kw_sb_free(&line);
}

/* The safety net for everyone, then the one of each region that hurts. */
static void render_safety_net(struct text *t)
{
	const struct kw_kb *kb = t->kb;
	long from = kb->settings->regions_from;
	const struct kw_value *v = from >= 0 ? &t->res->values[from] : NULL;
	bool any = message(t, KW_MSG_SAFETY_NET) != NULL;

	for (int r = 0; r < KW_NREGIONS && v && v->kind == KW_V_SET; r++)
		any |= message(t, KW_MSG_SAFETY_NET_REGION + r) != NULL;
	if (!any)
		return;
	kw_heading(&t->w, KW_BOLD, "When to see a professional");
	if (message(t, KW_MSG_SAFETY_NET))
		kw_wrap(&t->w, "", message(t, KW_MSG_SAFETY_NET));
	if (!v || v->kind != KW_V_SET)
		return;
	for (unsigned c = 0; c < kb->questions[from].choices.n; c++) {
		int region = kw_region_parse(kw_ref(kb, kb->questions[from].choices, c));
		if (((v->u.set >> c) & 1) && region >= 0 &&
		    message(t, KW_MSG_SAFETY_NET_REGION + region))
			kw_wrap(&t->w, "", message(t, KW_MSG_SAFETY_NET_REGION + region));
	}
}

/* Safety items a later rule file replaced or switched off: a person must
 * know that the result did not come from the standard checks alone. */
static void render_changed_safety(struct text *t)
{
	struct kw_strbuf line = {0};

	for (size_t i = 0; i < t->kb->nchanges; i++) {
		const struct kw_change *c = &t->kb->changes[i];
		if (!c->safety)
			continue;
		kw_sb_printf(&line, "%s\"%s\" was %s (%s:%u)", line.len ? "; " : "",
			     kw_s(t->kb, c->what ? c->what : c->id),
			     c->disabled ? "switched off" : "changed",
			     kw_kb_loc(t->kb, c->where).file, c->where.line);
	}
	if (line.len) {
		struct kw_strbuf text = {0};
		kw_sb_printf(&text, "Safety checks changed by local rule files: %s.",
			     kw_sb_str(&line));
		kw_sb_addc(&t->w.out, '\n');
		kw_wrap_styled(&t->w, KW_YELLOW, "", kw_sb_str(&text));
		kw_sb_free(&text);
	}
	kw_sb_free(&line);
}

char *kw_render_text(const struct kw_kb *kb, const struct kw_result *res,
		     const struct kw_text_style *style)
{
	struct text t = { .kb = kb, .res = res, .style = style };

	t.w.width = style->width;
	t.w.color = style->color;
	render_triage(&t);
	if (res->triage < KW_URGENT) {
		render_knots(&t);
		render_routines(&t, false);
		render_left_out(&t);
		render_routines(&t, true);
		render_safety_net(&t);
	}
	if (style->why_not) {
		struct kw_why_not why;
		kw_why_not(res, style->why_not, &why);
		kw_why_not_text(&why, &t.w);
		kw_why_not_free(&why);
	}
	render_changed_safety(&t);
	if (message(&t, KW_MSG_DISCLAIMER)) {
		kw_sb_addc(&t.w.out, '\n');
		kw_wrap_styled(&t.w, KW_DIM, "", message(&t, KW_MSG_DISCLAIMER));
	}
	return t.w.out.data;
}
