#include <config.h>

#include <string.h>

#include "explain/explain.h"

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
		kw_sb_add(sb, kw_ref(kb, q->choices, v->u.choice));
		break;
	case KW_V_SET:
		for (unsigned i = 0; i < q->choices.n; i++)
			if ((v->u.set >> i) & 1) {
				kw_sb_printf(sb, "%s%s", first ? "" : ", ", kw_ref(kb, q->choices, i));
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

/* The FIRED step of the rule, or NULL when it did not fire. */
static const struct kw_step *firing(const struct kw_result *res, size_t rule)
{
	for (size_t i = 0; i < res->nsteps; i++)
		if (res->steps[i].kind == KW_STEP_FIRED && res->steps[i].rule == rule)
			return &res->steps[i];
	return NULL;
}

void kw_explain_rule(struct kw_strbuf *sb, const struct kw_result *res, size_t rule)
{
	const struct kw_kb *kb = res->kb;
	const struct kw_rule *r = &kb->rules[rule];
	const struct kw_step *fired = firing(res, rule);

	if (r->because)
		kw_sb_printf(sb, "%s", kw_s(kb, r->because));
	else
		kw_sb_printf(sb, "Its condition held: %s.", kw_s(kb, r->cond_text));
	for (uint32_t i = 0; fired && i < fired->nused; i++) {
		uint32_t sym = res->used[fired->used + i];
		kw_sb_printf(sb, "%s%s = ", i ? ", " : " (You said: ", kw_kb_symbol_id(kb, sym));
		kw_value_text(sb, kb, sym, &res->values[sym]);
	}
	if (fired && fired->nused)
		kw_sb_add(sb, ".)");
	kw_sb_printf(sb, " [rule %s, %s:%u]", kw_s(kb, r->id),
		     kw_kb_loc(kb, r->where).file, r->where.line);
}
