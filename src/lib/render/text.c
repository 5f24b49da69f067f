/*
 * render_text: the recommendation as a person reads it (SPEC §5).
 * Triage comes first; at urgent or emergency it is the whole message —
 * what to do now and why — and no routine is shown at all.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "explain/explain.h"
#include "knotwise/render.h"
#include "render/text_wrap.h"
#include "explain/why_not.h"

struct level_text {
	enum kw_style style;
	const char *title, *what;
};

static const struct level_text levels[] = {
	[KW_SELF_CARE] = { KW_GREEN, "Self-care",
		"Nothing in your answers needs a doctor right now. The routine below is "
		"safe to try today." },
	[KW_PROFESSIONAL] = { KW_YELLOW, "See a professional",
		"Book an appointment with a physiotherapist or doctor within one to two "
		"weeks. Until then you can use the routine below, gently." },
	[KW_URGENT] = { KW_RED, "URGENT: see a doctor today",
		"Contact a doctor today: your GP for a same-day appointment, NHS 111, or "
		"an urgent care centre. Do not start self-massage until a doctor has "
		"checked you." },
	[KW_EMERGENCY] = { KW_RED, "EMERGENCY: get help now",
		"Call the emergency number (999, 112 or 911) or go to an emergency "
		"department now. Do not try self-massage." },
};

struct text {
	struct kw_writer w;
	const struct kw_kb *kb;
	const struct kw_result *res;
	const struct kw_text_style *style;
};

static void explain_rules(struct text *t, const size_t *rules, size_t n)
{
	struct kw_strbuf line = {0};

	for (size_t i = 0; i < n; i++) {
		kw_sb_reset(&line);
		kw_explain_rule(&line, t->kb, t->res, rules[i]);
		kw_wrap_styled(&t->w, KW_DIM, "      why: ", kw_sb_str(&line));
	}
	kw_sb_free(&line);
}

/* Did the rule raise the level that won?  Only its reasons are shown: a
 * lower level's reason under an emergency would blur the message. */
static bool raised(const struct kw_rule *r, enum kw_level level)
{
	for (size_t i = 0; i < r->nactions; i++)
		if (r->actions[i].kind == KW_ACT_TRIAGE && r->actions[i].target == level)
			return true;
	return false;
}

static void render_triage(struct text *t)
{
	const struct level_text *lv = &levels[t->res->triage];

	kw_heading(&t->w, lv->style, lv->title);
	kw_wrap(&t->w, "", lv->what);
	for (size_t i = 0; i < t->res->ntriage_rules; i++) {
		const struct kw_rule *r = &t->kb->rules[t->res->triage_rules[i]];
		if (!raised(r, t->res->triage))
			continue;
		if (r->because)
			kw_wrap(&t->w, "  - ", r->because);
		if (t->style->explain)
			explain_rules(t, &t->res->triage_rules[i], 1);
	}
}

static void render_knots(struct text *t)
{
	struct kw_strbuf line = {0};

	if (!t->res->nlisted) {
		kw_heading(&t->w, KW_BOLD, "Likely knots");
		kw_wrap(&t->w, "", "None stands out from your answers.");
		return;
	}
	kw_heading(&t->w, KW_BOLD, "Likely knots");
	for (size_t i = 0; i < t->res->nlisted; i++) {
		size_t k = t->res->listed[i];
		const struct kw_knot *knot = &t->kb->knots[k];
		double cf = kw_cf_round(t->res->scores[k].certainty);

		kw_sb_reset(&line);
		kw_sb_printf(&line, "%s (%s, %.0f%%)", knot->name,
			     cf >= 0.6 ? "likely" : "possible", cf * 100);
		kw_wrap_styled(&t->w, KW_BOLD, "  * ", kw_sb_str(&line));
		if (knot->where)
			kw_wrap(&t->w, "    where: ", knot->where);
		if (knot->refers)
			kw_wrap(&t->w, "    felt: ", knot->refers);
		if (t->style->explain)
			explain_rules(t, t->res->scores[k].rules, t->res->scores[k].nrules);
	}
	kw_sb_free(&line);
}

/* Why a routine is in the list: the rule that recommended it, or the
 * listed knot it was chosen for. */
static void explain_routine(struct text *t, size_t routine)
{
	const struct kw_routine *r = &t->kb->routines[routine];
	struct kw_strbuf line = {0};

	for (size_t i = 0; i < t->res->nfired; i++) {
		const struct kw_rule *rule = &t->kb->rules[t->res->fired[i]];
		for (size_t j = 0; j < rule->nactions; j++)
			if (rule->actions[j].kind == KW_ACT_RECOMMEND &&
			    rule->actions[j].target == routine) {
				explain_rules(t, &t->res->fired[i], 1);
				return;
			}
	}
	for (size_t i = 0; i < t->res->nlisted && !line.len; i++)
		for (size_t j = 0; j < r->nknots; j++)
			if (r->knots[j] == t->res->listed[i])
				kw_sb_printf(&line, "It treats %s, listed above: the first %s "
					     "routine for it by order whose conditions hold. "
					     "[routine %s, %s:%u]", t->kb->knots[r->knots[j]].name,
					     kw_kind_name(r->kind), r->id, r->loc.file, r->loc.line);
	if (line.len)
		kw_wrap_styled(&t->w, KW_DIM, "      why: ", kw_sb_str(&line));
	kw_sb_free(&line);
}

static void render_routine_item(struct text *t, size_t number, const struct kw_routine *r)
{
	struct kw_strbuf line = {0};
	char lead[16];

	kw_sb_printf(&line, "%s (%d min", r->title, r->minutes);
	if (r->pressure)
		kw_sb_printf(&line, ", %s pressure", r->pressure);
	if (r->frequency)
		kw_sb_printf(&line, ", %s", r->frequency);
	kw_sb_add(&line, ")");
	snprintf(lead, sizeof lead, "%2zu. ", number);
	kw_wrap_styled(&t->w, KW_BOLD, lead, kw_sb_str(&line));
	for (size_t i = 0; i < r->nsteps; i++) {
		snprintf(lead, sizeof lead, "    %c) ", (char)('a' + (i % 26)));
		kw_wrap(&t->w, lead, r->steps[i]);
	}
	for (size_t i = 0; i < r->ncautions; i++)
		kw_wrap_styled(&t->w, KW_YELLOW, "    Caution: ", r->cautions[i]);
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
			     t->kb->routines[t->res->left_out[i]].title);
	kw_sb_add(&line, ".");
	kw_wrap(&t->w, "", kw_sb_str(&line));
	kw_sb_free(&line);
}

static void render_escalation(struct text *t)
{
	kw_heading(&t->w, KW_BOLD, "When to see a professional");
	kw_wrap(&t->w, "", "Book a physiotherapist or doctor if the pain is no better "
		"after two weeks of the routine, if it gets worse, or if it keeps you "
		"from work or sleep. Get emergency help at once for numbness around "
		"your bottom or genitals, new trouble with your bladder or bowel, or "
		"weakness spreading in your legs.");
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
		render_escalation(&t);
	}
	if (style->why_not) {
		json_t *why = kw_why_not(kb, res, style->why_not);
		kw_why_not_text(&t.w, why);
		json_decref(why);
	}
	kw_sb_addc(&t.w.out, '\n');
	kw_wrap_styled(&t.w, KW_DIM, "", "knotwise suggests likely sources of muscle "
		       "pain; it is not a diagnosis.");
	return t.w.out.data;
}
