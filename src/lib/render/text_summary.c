/*
 * The summary of the text result: what a person must see on the first
 * screen (text_parts.h).  Every item is one line where it can be; the
 * whys, steps and cautions wait for the details.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "answers/answers_internal.h"
#include "render/text_parts.h"
#include "util/arena.h"

/* The heading of each level; what to do comes from the rule files. */
static const struct { enum kw_style style; const char *title; } levels[] = {
	[KW_SELF_CARE] = { KW_GREEN, "Self-care" },
	[KW_PROFESSIONAL] = { KW_YELLOW, "See a professional" },
	[KW_URGENT] = { KW_RED, "URGENT" },
	[KW_EMERGENCY] = { KW_RED, "EMERGENCY" },
};

/* Safety items a later rule file replaced or switched off: a person must
 * know that the result did not come from the standard checks alone. */
static void summary_changed_safety(struct kw_text *t)
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
		kw_wrap_styled(&t->w, KW_YELLOW, "", kw_sb_str(&text));
		kw_sb_free(&text);
	}
	kw_sb_free(&line);
}

/* What to do now, then why: only the reasons of rules that raised the
 * level that won, since a lower level's reason under an emergency would
 * blur the message.  Then whatever makes the result less sure. */
static void summary_triage(struct kw_text *t)
{
	const char *advice = kw_triage_advice(t->kb, t->res);
	const char *incomplete = kw_text_message(t, KW_MSG_SCREEN_INCOMPLETE);

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
			kw_text_explain_rule(t, s->rule);
	}
	if (t->res->answers->incomplete && incomplete)
		kw_wrap_styled(&t->w, KW_YELLOW, "", incomplete);
	summary_changed_safety(t);
}

/* How long the first clause of a `where` is: up to a comma, semicolon,
 * colon, bracket, a dash between words or a full stop. */
static size_t first_clause_len(const char *s)
{
	size_t n = strcspn(s, ",;:(");
	const char *stops[] = { strstr(s, " - "), strstr(s, ". ") };

	for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
		if (stops[i] && (size_t)(stops[i] - s) < n)
			n = (size_t)(stops[i] - s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '.'))
		n--;
	return n;
}

/* "Upper trapezius (likely): The thick ridge of muscle on top of the
 * shoulder": the start of its `where`, cut to what the line has room for. */
static void summary_knot(struct kw_text *t, size_t knot)
{
	static const char lead[] = "* ";        /* the narrowest, for long names */
	const char *where = kw_s(t->kb, t->kb->knots[knot].where_text);
	struct kw_strbuf line = {0};
	size_t used, fit;
	bool cut;

	kw_text_knot_name(t, knot, &line);
	used = strlen(lead) + kw_text_columns(line.data, line.len) + strlen(": ");
	if (where && used < t->w.width) {
		fit = kw_fit_words(where, first_clause_len(where), t->w.width - used, &cut);
		if (fit)
			kw_sb_printf(&line, ": %.*s%s", (int)fit, where, cut ? "..." : "");
	}
	kw_wrap(&t->w, lead, kw_sb_str(&line));
	kw_sb_free(&line);
}

static void summary_knots(struct kw_text *t)
{
	const char *nothing = kw_text_message(t, KW_MSG_NOTHING_STANDS_OUT);

	if (!t->res->nlisted && !nothing)
		return;
	kw_heading(&t->w, KW_BOLD, "Likely knots");
	if (!t->res->nlisted)
		kw_wrap(&t->w, "", nothing);
	for (size_t i = 0; i < t->res->nlisted; i++)
		summary_knot(t, t->res->listed[i]);
}

/* "3. Title - 4 min", or "habit" for one that takes no session time. */
static void summary_routine(struct kw_text *t, size_t index)
{
	const struct kw_routine *r = &t->kb->routines[t->res->routines[index]];
	struct kw_strbuf line = {0};
	char lead[16];

	kw_sb_add(&line, kw_s(t->kb, r->title));
	if (r->minutes)
		kw_sb_printf(&line, " - %d min", r->minutes);
	else
		kw_sb_add(&line, " - habit");
	kw_text_routine_lead(lead, index);
	kw_wrap(&t->w, lead, kw_sb_str(&line));
	kw_sb_free(&line);
}

/* The heading gives the total of every routine, habits included, as
 * minutes_from counts them; a routine of habits alone has none to give. */
static void summary_routines(struct kw_text *t)
{
	struct kw_strbuf heading = {0};
	int total = 0;
	bool habits = false;

	if (!t->res->nroutines)
		return;
	for (size_t i = 0; i < t->res->nroutines; i++) {
		total += t->kb->routines[t->res->routines[i]].minutes;
		habits |= !t->kb->routines[t->res->routines[i]].minutes;
	}
	kw_sb_add(&heading, "Today's routine");
	if (total)
		kw_sb_printf(&heading, ": %d min a day%s", total, habits ? ", plus the habits" : "");
	kw_heading(&t->w, KW_BOLD, kw_sb_str(&heading));
	for (size_t i = 0; i < t->res->nroutines; i++)
		summary_routine(t, i);
	kw_sb_free(&heading);
}

/* Only how many: their names are in the details. */
static void summary_left_out(struct kw_text *t)
{
	char line[128];
	size_t n = t->res->nleft_out;

	if (!n)
		return;
	snprintf(line, sizeof line, "%zu more routine%s did not fit the time you have"
		 " (see below).", n, n == 1 ? "" : "s");
	kw_wrap(&t->w, "", line);
}

void kw_text_summary(struct kw_text *t)
{
	summary_triage(t);
	if (t->res->triage >= KW_URGENT)
		return;         /* what to do now and why, and nothing else */
	summary_knots(t);
	summary_routines(t);
	summary_left_out(t);
}

char *kw_render_triage(const struct kw_kb *kb, const struct kw_result *res, unsigned width)
{
	struct kw_writer w = { .width = width };
	const char *advice = kw_triage_advice(kb, res);
	struct kw_strbuf line = {0};

	kw_sb_printf(&line, "Your result: %s.", levels[res->triage].title);
	kw_wrap(&w, "", kw_sb_str(&line));
	if (advice)
		kw_wrap(&w, "", advice);
	kw_sb_free(&line);
	return w.out.data ? w.out.data : kw_xstrdup("");
}
