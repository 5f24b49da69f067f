/*
 * select: after the rules have run, which knots are listed and which
 * routines make up the recommendation, in the order SPEC §7 fixes, then
 * trimmed to the minutes available.
 */
#ifndef KW_SELECT_H
#define KW_SELECT_H

#include "knotwise/engine.h"
#include "knotwise/expr.h"

void kw_select(const struct kw_kb *kb, struct kw_result *res,
	       const struct kw_eval *ev, const bool *avoided_tags);
void kw_result_warn(struct kw_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
