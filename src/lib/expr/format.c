/*
 * expr_format: a tree back to the text of the language, for messages that
 * quote a single test ("needs pain_level >= 5").
 */
#include <config.h>

#include "expr/format.h"

static const char *const cmp_text[] = { "==", "!=", "<", "<=", ">", ">=" };

static void literal(struct kw_strbuf *sb, const struct kw_literal *lit)
{
	if (lit->kind == KW_LIT_STRING)
		kw_sb_printf(sb, "\"%s\"", lit->text);
	else
		kw_sb_add(sb, lit->text);
}

static void kids(struct kw_strbuf *sb, const struct kw_expr *e, const char *sep)
{
	for (size_t i = 0; i < e->nkids; i++) {
		bool wrap = e->kids[i]->op == KW_E_OR || e->kids[i]->op == KW_E_AND;
		if (i)
			kw_sb_add(sb, sep);
		kw_sb_add(sb, wrap ? "(" : "");
		kw_expr_format(sb, e->kids[i]);
		kw_sb_add(sb, wrap ? ")" : "");
	}
}

static void names(struct kw_strbuf *sb, const struct kw_expr *e)
{
	for (size_t i = 0; i < e->nnames; i++)
		kw_sb_printf(sb, "%s%s", i ? ", " : "", e->names[i]);
}

void kw_expr_format(struct kw_strbuf *sb, const struct kw_expr *e)
{
	switch (e->op) {
	case KW_E_OR: kids(sb, e, " or "); return;
	case KW_E_AND: kids(sb, e, " and "); return;
	case KW_E_NOT: kw_sb_add(sb, "not "); kids(sb, e, ""); return;
	case KW_E_KNOWN: kw_sb_printf(sb, "known(%s)", e->names[0]); return;
	case KW_E_COUNT:
		kw_sb_add(sb, "count(");
		names(sb, e);
		kw_sb_printf(sb, ") %s ", cmp_text[e->cmp]);
		literal(sb, &e->lits[0]);
		return;
	default:
		break;
	}
	kw_sb_add(sb, e->names[0]);
	if (e->op == KW_E_CMP)
		kw_sb_printf(sb, " %s %s", cmp_text[e->cmp], e->nnames == 2 ? e->names[1] : "");
	else if (e->op == KW_E_HAS)
		kw_sb_add(sb, " has ");
	else if (e->op == KW_E_MATCH)
		kw_sb_add(sb, " ~ ");
	else if (e->op == KW_E_IN)
		kw_sb_add(sb, " in {");
	for (size_t i = 0; i < e->nlits; i++) {
		kw_sb_add(sb, i ? ", " : "");
		literal(sb, &e->lits[i]);
	}
	kw_sb_add(sb, e->op == KW_E_IN ? "}" : "");
}
