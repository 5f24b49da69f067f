/*
 * expr_eval: tests a resolved tree against known values.  A test of an
 * unknown id is false (so `not` of it is true), as SPEC §3 says.
 */
#include <config.h>

#include <string.h>

#include "knotwise/expr.h"
#include "expr/regex.h"

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

static bool holds(enum kw_cmp cmp, int order)
{
	switch (cmp) {
	case KW_EQ: return order == 0;
	case KW_NE: return order != 0;
	case KW_LT: return order < 0;
	case KW_LE: return order <= 0;
	case KW_GT: return order > 0;
	default: return order >= 0;
	}
}

static int compare_numbers(double a, double b)
{
	return (a > b) - (a < b);
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

static bool eval_cmp(const struct kw_expr *e, const struct kw_value *v,
		     const struct kw_eval *ev)
{
	const struct kw_value *want = e->nnames == 2 ? &ev->values[e->syms[1]] : &e->values[0];

	if (e->cmp == KW_EQ || e->cmp == KW_NE)
		return kw_value_equal(v, want) == (e->cmp == KW_EQ);
	if (v->kind != KW_V_NUM || want->kind != KW_V_NUM)
		return false;
	return holds(e->cmp, compare_numbers(v->u.num, want->u.num));
}

static bool eval_in(const struct kw_expr *e, const struct kw_value *v)
{
	if (v->kind == KW_V_CHOICE)
		return (e->mask >> v->u.choice) & 1;
	if (v->kind == KW_V_SET)
		return (v->u.set & e->mask) != 0;
	for (size_t i = 0; i < e->nlits; i++)
		if (kw_value_equal(v, &e->values[i]))
			return true;
	return false;
}

static bool eval_match(const struct kw_expr *e, const struct kw_value *v,
		       const struct kw_eval *ev)
{
	switch (kw_regex_match(e->regex, v->u.str)) {
	case KW_MATCH_YES:
		return true;
	case KW_MATCH_LIMIT:
		if (ev->on_regex_limit)
			ev->on_regex_limit(ev->data, e->names[0]);
		return false;
	default:
		return false;
	}
}

static bool eval_count(const struct kw_expr *e, const struct kw_eval *ev)
{
	size_t n = 0;

	for (size_t i = 0; i < e->nnames; i++)
		n += kw_value_truthy(&ev->values[e->syms[i]]);
	return holds(e->cmp, compare_numbers((double)n, e->lits[0].num));
}

bool kw_expr_eval(const struct kw_expr *e, const struct kw_eval *ev)
{
	const struct kw_value *v = e->nnames ? &ev->values[e->syms[0]] : NULL;

	switch (e->op) {
	case KW_E_OR:
		for (size_t i = 0; i < e->nkids; i++)
			if (kw_expr_eval(e->kids[i], ev))
				return true;
		return false;
	case KW_E_AND:
		for (size_t i = 0; i < e->nkids; i++)
			if (!kw_expr_eval(e->kids[i], ev))
				return false;
		return true;
	case KW_E_NOT:
		return !kw_expr_eval(e->kids[0], ev);
	case KW_E_COUNT:
		return eval_count(e, ev);
	default:
		break;
	}
	if (v->kind == KW_V_UNKNOWN)
		return false;
	switch (e->op) {
	case KW_E_TRUTHY: return kw_value_truthy(v);
	case KW_E_KNOWN: return true;
	case KW_E_CMP: return eval_cmp(e, v, ev);
	case KW_E_IN: return eval_in(e, v);
	case KW_E_HAS: return (v->u.set & e->mask) != 0;
	case KW_E_MATCH: return eval_match(e, v, ev);
	default: return false;
	}
}

static void visit(const struct kw_expr *e, bool negative,
		  void (*fn)(size_t, bool, void *), void *data)
{
	if (e->op == KW_E_NOT)
		negative = true;
	for (size_t i = 0; i < e->nkids; i++)
		visit(e->kids[i], negative, fn, data);
	for (size_t i = 0; i < e->nnames; i++)
		fn(e->syms[i], negative || e->op == KW_E_COUNT, data);
}

void kw_expr_visit(const struct kw_expr *e,
		   void (*fn)(size_t sym, bool negative, void *data), void *data)
{
	visit(e, false, fn, data);
}
