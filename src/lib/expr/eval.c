/*
 * eval: programs at run time — tested against known values, in three-
 * valued logic, walked for the ids they test, written back as text.  A
 * test of an unknown id is false (so `not` of it is true), as SPEC §3
 * says; what a test does on a known value is its operator's row.
 */
#include <config.h>

#include <string.h>

#include "expr/ops.h"

bool kw_value_truthy(const struct kw_value *v)
{
	switch (v->kind) {
	case KW_V_BOOL: return v->u.b;
	case KW_V_NUM: return v->u.num != 0;
	case KW_V_CHOICE: return true;
	case KW_V_SET: return v->u.set != 0;
	case KW_V_WORD:
	case KW_V_TEXT: return v->u.str[0] != '\0';
	default: return false;
	}
}

bool kw_value_equal(const struct kw_value *a, const struct kw_value *b)
{
	if (a->kind != b->kind) {
		bool text_a = a->kind == KW_V_WORD || a->kind == KW_V_TEXT;
		bool text_b = b->kind == KW_V_WORD || b->kind == KW_V_TEXT;
		return text_a && text_b && strcmp(a->u.str, b->u.str) == 0;
	}
	switch (a->kind) {
	case KW_V_BOOL: return a->u.b == b->u.b;
	case KW_V_NUM: return a->u.num == b->u.num;
	case KW_V_CHOICE: return a->u.choice == b->u.choice;
	case KW_V_SET: return a->u.set == b->u.set;
	default: return strcmp(a->u.str, b->u.str) == 0;
	}
}

struct kw_value kw_lit_value(const struct kw_kb *kb, const struct kw_lit *lit)
{
	struct kw_value v = { .kind = (enum kw_vkind)lit->kind };

	switch (v.kind) {
	case KW_V_BOOL: v.u.b = lit->b; break;
	case KW_V_NUM: v.u.num = lit->num; break;
	case KW_V_CHOICE: v.u.choice = lit->choice; break;
	default: v.u.str = kw_s(kb, lit->text); break;
	}
	return v;
}

static bool is_connective(uint8_t op)
{
	return op == KW_E_OR || op == KW_E_AND || op == KW_E_NOT;
}

/* The operand after the one at pc. */
static uint32_t next_operand(const struct kw_kb *kb, uint32_t pc)
{
	return pc + kb->code[pc].size;
}

static bool eval_at(uint32_t pc, const struct kw_eval *ev)
{
	const struct kw_insn *in = &ev->kb->code[pc];
	uint32_t k = pc + 1;

	switch (in->op) {
	case KW_E_OR:
		for (uint32_t i = 0; i < in->n; i++, k = next_operand(ev->kb, k))
			if (eval_at(k, ev))
				return true;
		return false;
	case KW_E_AND:
		for (uint32_t i = 0; i < in->n; i++, k = next_operand(ev->kb, k))
			if (!eval_at(k, ev))
				return false;
		return true;
	case KW_E_NOT:
		return !eval_at(k, ev);
	case KW_E_COUNT:
		return kw_ops[in->op].holds(in, NULL, ev);
	default:
		return ev->values[in->sym].kind != KW_V_UNKNOWN &&
		       kw_ops[in->op].holds(in, &ev->values[in->sym], ev);
	}
}

bool kw_prog_eval(uint32_t prog, const struct kw_eval *ev)
{
	return prog == KW_NONE || eval_at(prog, ev);
}

static bool any_open(const struct kw_kb *kb, const struct kw_insn *in, const bool *open)
{
	if (in->op == KW_E_COUNT) {
		for (uint32_t i = 0; i < in->n; i++)
			if (open[kb->u32[in->arg + i]])
				return true;
		return false;
	}
	return open[in->sym] || (in->op == KW_E_CMP_IDS && open[in->arg]);
}

static enum kw_tri eval3_at(uint32_t pc, const struct kw_eval *ev, const bool *open)
{
	const struct kw_insn *in = &ev->kb->code[pc];
	enum kw_tri r, acc, decisive;
	uint32_t k = pc + 1;

	switch (in->op) {
	case KW_E_NOT:
		r = eval3_at(k, ev, open);
		return r == KW_MAYBE ? KW_MAYBE : (r == KW_YES ? KW_NO : KW_YES);
	case KW_E_AND:
	case KW_E_OR:
		/* and: one no decides; or: one yes decides */
		decisive = in->op == KW_E_AND ? KW_NO : KW_YES;
		acc = in->op == KW_E_AND ? KW_YES : KW_NO;
		for (uint32_t i = 0; i < in->n; i++, k = next_operand(ev->kb, k)) {
			r = eval3_at(k, ev, open);
			if (r == decisive)
				return r;
			if (r == KW_MAYBE)
				acc = KW_MAYBE;
		}
		return acc;
	default:
		if (any_open(ev->kb, in, open))
			return KW_MAYBE;
		return eval_at(pc, ev) ? KW_YES : KW_NO;
	}
}

enum kw_tri kw_prog_eval3(uint32_t prog, const struct kw_eval *ev, const bool *open)
{
	return prog == KW_NONE ? KW_YES : eval3_at(prog, ev, open);
}

static void visit_at(const struct kw_kb *kb, uint32_t pc, bool negative,
		     void (*fn)(size_t, bool, void *), void *data)
{
	const struct kw_insn *in = &kb->code[pc];
	uint32_t k = pc + 1;

	if (is_connective(in->op)) {
		for (uint32_t i = 0; i < in->n; i++, k = next_operand(kb, k))
			visit_at(kb, k, negative || in->op == KW_E_NOT, fn, data);
	} else if (in->op == KW_E_COUNT) {
		for (uint32_t i = 0; i < in->n; i++)
			fn(kb->u32[in->arg + i], true, data);
	} else {
		fn(in->sym, negative, data);
		if (in->op == KW_E_CMP_IDS)
			fn(in->arg, negative, data);
	}
}

void kw_prog_visit(const struct kw_kb *kb, uint32_t prog,
		   void (*fn)(size_t sym, bool negative, void *data), void *data)
{
	if (prog != KW_NONE)
		visit_at(kb, prog, false, fn, data);
}

void kw_prog_format(struct kw_strbuf *sb, const struct kw_kb *kb, uint32_t pc)
{
	const struct kw_insn *in = &kb->code[pc];
	uint32_t k = pc + 1;

	if (!is_connective(in->op)) {
		kw_ops[in->op].format(sb, kb, in);
		return;
	}
	if (in->op == KW_E_NOT)
		kw_sb_add(sb, "not ");
	for (uint32_t i = 0; i < in->n; i++, k = next_operand(kb, k)) {
		bool wrap = kb->code[k].op == KW_E_OR || kb->code[k].op == KW_E_AND;
		if (i)
			kw_sb_add(sb, in->op == KW_E_OR ? " or " : " and ");
		kw_sb_add(sb, wrap ? "(" : "");
		kw_prog_format(sb, kb, k);
		kw_sb_add(sb, wrap ? ")" : "");
	}
}

static uint32_t deciding_at(uint32_t pc, const struct kw_eval *ev, bool want, bool *held)
{
	const struct kw_insn *in = &ev->kb->code[pc];
	uint32_t k = pc + 1;

	switch (in->op) {
	case KW_E_NOT:
		return deciding_at(k, ev, !want, held);
	case KW_E_AND:
	case KW_E_OR:
		for (uint32_t i = 0; i < in->n; i++, k = next_operand(ev->kb, k))
			if (eval_at(k, ev) != want)
				return deciding_at(k, ev, want, held);
		return deciding_at(pc + 1, ev, want, held);
	default:
		*held = !want;
		return pc;
	}
}

uint32_t kw_prog_deciding_test(uint32_t prog, const struct kw_eval *ev, bool *held)
{
	return deciding_at(prog, ev, true, held);
}
