/*
 * explain: the words for a reasoning chain — what a rule says and which
 * answers and facts it used — shared by --explain and --why-not.
 */
#ifndef KW_EXPLAIN_H
#define KW_EXPLAIN_H

#include "knotwise/engine.h"
#include "util/strbuf.h"

/* A known value as a person would write it: yes, 6, lower_back, "text". */
void kw_value_text(struct kw_strbuf *sb, const struct kw_kb *kb, size_t sym,
		   const struct kw_value *v);
/* "hip_pain = yes, weeks = 3": the known ids the rule's condition tests. */
void kw_explain_used(struct kw_strbuf *sb, const struct kw_kb *kb,
		     const struct kw_result *res, size_t rule);
/* One line: "Because <because> (you said: ...) — rule ID, FILE:LINE". */
void kw_explain_rule(struct kw_strbuf *sb, const struct kw_kb *kb,
		     const struct kw_result *res, size_t rule);

#endif
