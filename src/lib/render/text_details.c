/*
 * The details of the text result, below the summary's line of dashes
 * (text_parts.h): each routine step by step under the number the summary
 * gave it, what was left out, where to find each knot and where it is
 * felt, posture habits, and when to see a professional.
 */
#include <config.h>

#include "render/text_parts.h"

/* --explain under a knot: each rule that gave it evidence, once. */
static void explain_evidence(struct kw_text *t, size_t knot)
{
	uint32_t last = KW_NONE;

	for (size_t i = 0; i < t->res->nsteps; i++) {
		const struct kw_step *s = &t->res->steps[i];
		if (s->kind == KW_STEP_EVIDENCE && s->target == knot && s->rule != last)
			kw_text_explain_rule(t, last = s->rule);
	}
}

static void details_knot(struct kw_text *t, size_t knot)
{
	const struct kw_knot *k = &t->kb->knots[knot];
	struct kw_strbuf line = {0};

	kw_text_knot_name(t, knot, &line);
	if (t->style->explain)
		kw_sb_printf(&line, " [certainty %.2f]",
			     kw_cf_round(t->res->scores[knot].certainty));
	kw_wrap_styled(&t->w, KW_BOLD, "  * ", kw_sb_str(&line));
	if (k->where_text)
		kw_wrap(&t->w, "    where: ", kw_s(t->kb, k->where_text));
	if (k->refers)
		kw_wrap(&t->w, "    felt: ", kw_s(t->kb, k->refers));
	if (t->style->explain)
		explain_evidence(t, knot);
	kw_sb_free(&line);
}

static void details_knots(struct kw_text *t)
{
	if (!t->res->nlisted)
		return;
	kw_heading(&t->w, KW_BOLD, "Where to find the knots");
	for (size_t i = 0; i < t->res->nlisted; i++)
		details_knot(t, t->res->listed[i]);
}

/* --explain under a routine: the rule that recommended it, or the listed
 * knot it was chosen for (the trace's CHOSEN step). */
static void explain_routine(struct kw_text *t, size_t routine)
{
	const struct kw_routine *r = &t->kb->routines[routine];
	struct kw_strbuf line = {0};

	for (size_t i = 0; i < t->res->nsteps; i++) {
		const struct kw_step *s = &t->res->steps[i];
		if (s->kind != KW_STEP_CHOSEN || s->target != routine)
			continue;
		if (s->rule != KW_NONE) {
			kw_text_explain_rule(t, s->rule);
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

/* "Title (4 min, moderate pressure, 2x daily)": what is given of the
 * three, or the bare title. */
static void routine_heading(const struct kw_text *t, const struct kw_routine *r,
			    struct kw_strbuf *line)
{
	size_t start;

	kw_sb_printf(line, "%s (", kw_s(t->kb, r->title));
	start = line->len;
	if (r->minutes)         /* a habit takes no session time */
		kw_sb_printf(line, "%d min", r->minutes);
	if (r->pressure)
		kw_sb_printf(line, "%s%s pressure", line->len > start ? ", " : "",
			     kw_s(t->kb, r->pressure));
	if (r->frequency)
		kw_sb_printf(line, "%s%s", line->len > start ? ", " : "",
			     kw_s(t->kb, r->frequency));
	if (line->len > start)
		kw_sb_add(line, ")");
	else
		line->data[line->len -= 2] = '\0';
}

static void details_routine(struct kw_text *t, size_t index)
{
	const struct kw_routine *r = &t->kb->routines[t->res->routines[index]];
	struct kw_strbuf line = {0};
	char lead[16];

	routine_heading(t, r, &line);
	kw_text_routine_lead(lead, index);
	kw_wrap_styled(&t->w, KW_BOLD, lead, kw_sb_str(&line));
	for (size_t i = 0; i < r->steps.n; i++) {
		snprintf(lead, sizeof lead, "    %c) ", (char)('a' + (i % 26)));
		kw_wrap(&t->w, lead, kw_ref(t->kb, r->steps, i));
	}
	for (size_t i = 0; i < r->cautions.n; i++)
		kw_wrap_styled(&t->w, KW_YELLOW, "    Caution: ", kw_ref(t->kb, r->cautions, i));
	if (t->style->explain)
		explain_routine(t, t->res->routines[index]);
	kw_sb_free(&line);
}

/* The routines of one part (posture habits or the rest), each under its
 * place in the whole routine, as the summary numbers them. */
static void details_routines(struct kw_text *t, bool posture, const char *heading)
{
	bool any = false;

	for (size_t i = 0; i < t->res->nroutines; i++) {
		if ((t->kb->routines[t->res->routines[i]].kind == KW_POSTURE) != posture)
			continue;
		if (!any)
			kw_heading(&t->w, KW_BOLD, heading);
		any = true;
		details_routine(t, i);
	}
}

static void details_left_out(struct kw_text *t)
{
	struct kw_strbuf line = {0};

	if (!t->res->nleft_out)
		return;
	kw_sb_add(&line, "Left out to fit the time you have:");
	for (size_t i = 0; i < t->res->nleft_out; i++)
		kw_sb_printf(&line, "%s %s", i ? "," : "",
			     kw_s(t->kb, t->kb->routines[t->res->left_out[i]].title));
	kw_sb_add(&line, ".");
	kw_heading(&t->w, KW_PLAIN, kw_sb_str(&line));
	kw_sb_free(&line);
}

/* The safety net for everyone, then the one of each region that hurts. */
static void details_safety_net(struct kw_text *t)
{
	const struct kw_kb *kb = t->kb;
	long from = kb->settings->regions_from;
	const struct kw_value *v = from >= 0 ? &t->res->values[from] : NULL;
	bool any = kw_text_message(t, KW_MSG_SAFETY_NET) != NULL;

	for (int r = 0; r < KW_NREGIONS && v && v->kind == KW_V_SET; r++)
		any |= kw_text_message(t, KW_MSG_SAFETY_NET_REGION + r) != NULL;
	if (!any)
		return;
	kw_heading(&t->w, KW_BOLD, "When to see a professional");
	if (kw_text_message(t, KW_MSG_SAFETY_NET))
		kw_wrap(&t->w, "", kw_text_message(t, KW_MSG_SAFETY_NET));
	if (!v || v->kind != KW_V_SET)
		return;
	for (unsigned c = 0; c < kb->questions[from].choices.n; c++) {
		int region = kw_region_parse(kw_ref(kb, kb->questions[from].choices, c));
		if (((v->u.set >> c) & 1) && region >= 0 &&
		    kw_text_message(t, KW_MSG_SAFETY_NET_REGION + region))
			kw_wrap(&t->w, "", kw_text_message(t, KW_MSG_SAFETY_NET_REGION + region));
	}
}

void kw_text_details(struct kw_text *t)
{
	if (t->res->triage >= KW_URGENT)
		return;         /* no routine at all: nothing to detail */
	details_routines(t, false, "Your routine, step by step");
	details_left_out(t);
	details_knots(t);
	details_routines(t, true, "Posture habits");
	details_safety_net(t);
}
