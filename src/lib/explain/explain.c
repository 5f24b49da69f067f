#include <config.h>

#include <string.h>

#include "explain/explain.h"
#include "knotwise/expr.h"

void kw_value_text(struct kw_strbuf *sb, const struct kw_kb *kb, size_t sym,
		   const struct kw_value *v)
{
	const struct kw_question *q = sym < kb->nquestions ? &kb->questions[sym] : NULL;
	bool first = true;

	switch (v->kind) {
	case KW_V_BOOL:
		kw_sb_add(sb, v->u.b ? "yes" : "no");
		break;
	case KW_V_NUM:
		kw_sb_printf(sb, "%g", v->u.num);
		break;
	case KW_V_CHOICE:
		kw_sb_add(sb, q->choices[v->u.choice]);
		break;
	case KW_V_SET:
		for (unsigned i = 0; i < q->nchoices; i++)
			if ((v->u.set >> i) & 1) {
				kw_sb_printf(sb, "%s%s", first ? "" : ", ", q->choices[i]);
				first = false;
			}
		if (first)
			kw_sb_add(sb, "(none)");
		break;
	case KW_V_WORD:
		kw_sb_add(sb, v->u.str);
		break;
	case KW_V_TEXT:
		kw_sb_addc(sb, '"');    /* an answer: any text, shown safely */
		kw_sb_add_shown(sb, v->u.str, strlen(v->u.str));
		kw_sb_addc(sb, '"');
		break;
	default:
		kw_sb_add(sb, "unknown");
	}
}

struct used {
	struct kw_strbuf *sb;
	const struct kw_kb *kb;
	const struct kw_result *res;
	size_t seen[64], nseen;
};

static void add_used(size_t sym, bool negative, void *data)
{
	struct used *u = data;

	(void)negative;
	for (size_t i = 0; i < u->nseen; i++)
		if (u->seen[i] == sym)
			return;
	if (u->nseen < sizeof u->seen / sizeof *u->seen)
		u->seen[u->nseen++] = sym;
	if (u->res->values[sym].kind == KW_V_UNKNOWN)
		return;
	kw_sb_printf(u->sb, "%s%s = ", u->sb->len ? ", " : "", kw_kb_symbol_id(u->kb, sym));
	kw_value_text(u->sb, u->kb, sym, &u->res->values[sym]);
}

void kw_explain_used(struct kw_strbuf *sb, const struct kw_kb *kb,
		     const struct kw_result *res, size_t rule)
{
	struct used u = { .sb = sb, .kb = kb, .res = res };

	if (kb->rules[rule].cond)
		kw_expr_visit(kb->rules[rule].cond, add_used, &u);
}

void kw_explain_rule(struct kw_strbuf *sb, const struct kw_kb *kb,
		     const struct kw_result *res, size_t rule)
{
	const struct kw_rule *r = &kb->rules[rule];
	struct kw_strbuf used = {0};

	kw_explain_used(&used, kb, res, rule);
	if (r->because)
		kw_sb_printf(sb, "%s", r->because);
	else
		kw_sb_printf(sb, "Its condition held: %s.", r->cond_text);
	if (used.len)
		kw_sb_printf(sb, " (You said: %s.)", kw_sb_str(&used));
	kw_sb_printf(sb, " [rule %s, %s:%u]", r->id, r->loc.file, r->loc.line);
	kw_sb_free(&used);
}
