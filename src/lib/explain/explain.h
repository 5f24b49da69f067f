/*
 * explain: the words for a reasoning chain — what a rule says and which
 * answers and facts it used when it fired (from the trace) — shared by
 * --explain and --why-not.
 */
#ifndef KW_EXPLAIN_H
#define KW_EXPLAIN_H

#include "engine/result.h"
#include "util/strbuf.h"

/* A known value as a person would write it: yes, 6, lower_back, "text". */
void kw_value_text(struct kw_strbuf *sb, const struct kw_kb *kb, size_t sym,
		   const struct kw_value *v);
/* "<because> (You said: hip_pain = yes, weeks = 3.) [rule ID, FILE:LINE]":
 * the answers and facts the rule used when it fired in this run. */
void kw_explain_rule(struct kw_strbuf *sb, const struct kw_result *res, size_t rule);

#endif
