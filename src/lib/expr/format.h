/* expr_format: an expression tree as text in the rule-file language. */
#ifndef KW_EXPR_FORMAT_H
#define KW_EXPR_FORMAT_H

#include "knotwise/expr.h"
#include "util/strbuf.h"

void kw_expr_format(struct kw_strbuf *sb, const struct kw_expr *e);

#endif
