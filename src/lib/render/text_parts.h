/*
 * text_parts: the two parts of the text result (SPEC §5) and what they
 * share.  The summary (text_summary.c) fits one 80x24 screen for a
 * typical self-care result: the triage and what to do, one line per
 * likely knot, today's routine as a numbered list with its minutes.  The
 * details (text_details.c) follow a line of dashes: each routine step by
 * step under the number the summary gave it, the knots' where and felt,
 * posture habits and when to see a professional.  Both read the result
 * and its trace, never the rules.
 */
#ifndef KW_TEXT_PARTS_H
#define KW_TEXT_PARTS_H

#include <stddef.h>

#include "engine/result.h"
#include "knotwise/render.h"
#include "util/text_wrap.h"

struct kw_text {
	struct kw_writer w;
	const struct kw_kb *kb;
	const struct kw_result *res;
	const struct kw_text_style *style;
};

/* A [message]'s text, or NULL when the rule set has none. */
const char *kw_text_message(const struct kw_text *t, enum kw_message m);
/* --explain: a dim "why:" paragraph for one rule that fired. */
void kw_text_explain_rule(struct kw_text *t, size_t rule);
/* " 3. ": the lead of the routine res->routines[index], the same number
 * in the summary and in the details. */
void kw_text_routine_lead(char lead[static 16], size_t index);
/* "Upper trapezius (likely)": a listed knot, its certainty in words. */
void kw_text_knot_name(const struct kw_text *t, size_t knot, struct kw_strbuf *line);

void kw_text_summary(struct kw_text *t);
void kw_text_details(struct kw_text *t);

#endif
