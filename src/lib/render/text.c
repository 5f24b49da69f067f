/*
 * render_text: the recommendation as a person reads it (SPEC §5): the
 * summary, a line of dashes, then the details (text_parts.h), what
 * --why-not asked for and the disclaimer.
 */
#include <config.h>

#include <stdio.h>

#include "explain/explain.h"
#include "explain/why_not.h"
#include "render/text_parts.h"

const char *kw_text_message(const struct kw_text *t, enum kw_message m)
{
	return kw_s(t->kb, t->kb->messages[m]);
}

void kw_text_explain_rule(struct kw_text *t, size_t rule)
{
	struct kw_strbuf line = {0};

	kw_explain_rule(&line, t->res, rule);
	kw_wrap_styled(&t->w, KW_DIM, "      why: ", kw_sb_str(&line));
	kw_sb_free(&line);
}

void kw_text_routine_lead(char lead[static 16], size_t index)
{
	snprintf(lead, 16, "%2zu. ", index + 1);
}

/* Certainty in words, never a percentage (a knot found by its symptoms
 * is a probable source, not a finding); --explain shows the number. */
void kw_text_knot_name(const struct kw_text *t, size_t knot, struct kw_strbuf *line)
{
	double cf = kw_cf_round(t->res->scores[knot].certainty);

	kw_sb_printf(line, "%s (%s)", kw_s(t->kb, t->kb->knots[knot].name),
		     cf >= t->kb->settings->likely_at ? "likely" : "possible");
}

/* The line that ends the summary: dashes across the width and nothing
 * else, never coloured, so that a script can take every line above the
 * first such line as the summary (man/knotwise.1, OUTPUT).  No blank line
 * comes before it: a summary of 23 lines and this line fill 24 rows. */
static void render_summary_end(struct kw_writer *w)
{
	for (unsigned i = 0; i < w->width; i++)
		kw_sb_addc(&w->out, '-');
	kw_sb_addc(&w->out, '\n');
}

static void render_why_not(struct kw_text *t)
{
	struct kw_why_not why;

	kw_why_not(t->res, t->style->why_not, &why);
	kw_why_not_text(&why, &t->w);
	kw_why_not_free(&why);
}

char *kw_render_text(const struct kw_kb *kb, const struct kw_result *res,
		     const struct kw_text_style *style)
{
	struct kw_text t = { .kb = kb, .res = res, .style = style };
	const char *disclaimer = kw_text_message(&t, KW_MSG_DISCLAIMER);

	t.w.width = style->width;
	t.w.color = style->color;
	kw_text_summary(&t);
	render_summary_end(&t.w);
	kw_text_details(&t);
	if (style->why_not)
		render_why_not(&t);
	if (disclaimer) {
		kw_sb_addc(&t.w.out, '\n');
		kw_wrap_styled(&t.w, KW_DIM, "", disclaimer);
	}
	return t.w.out.data;
}
