/*
 * ops: each operator's row — its check at load, its test at run time,
 * its text, and what lint can prove of it (ops.h).
 */
#include <config.h>

#include <float.h>
#include <string.h>

#include "expr/matcher.h"
#include "expr/ops.h"
#include "ruleset/store.h"

static const char *const cmp_text[] = { "==", "!=", "<", "<=", ">", ">=" };

static bool holds_order(enum kw_cmp cmp, int order)
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

static void literal_text(struct kw_strbuf *sb, const struct kw_kb *kb, uint32_t lit)
{
	const struct kw_lit *l = &kb->lits[lit];

	if (l->written == KW_LIT_STRING)
		kw_sb_printf(sb, "\"%s\"", kw_s(kb, l->text));
	else
		kw_sb_add(sb, kw_s(kb, l->text));
}

/* id */

static bool truthy_holds(const struct kw_insn *in, const struct kw_value *v,
			 const struct kw_eval *ev)
{
	(void)in, (void)ev;
	return kw_value_truthy(v);
}

static void truthy_format(struct kw_strbuf *sb, const struct kw_kb *kb,
			  const struct kw_insn *in)
{
	kw_sb_add(sb, kw_kb_symbol_id(kb, in->sym));
}

/* known(id) */

static bool known_holds(const struct kw_insn *in, const struct kw_value *v,
			const struct kw_eval *ev)
{
	(void)in, (void)v, (void)ev;
	return true;            /* asked only of a known value */
}

static void known_format(struct kw_strbuf *sb, const struct kw_kb *kb,
			 const struct kw_insn *in)
{
	kw_sb_printf(sb, "known(%s)", kw_kb_symbol_id(kb, in->sym));
}

/* id == value, id < number, ... */

static void cmp_check(struct kw_resolver *r, struct kw_expr *e)
{
	const struct kw_question *q = kw_resolve_question(r, e->syms[0]);

	if (e->cmp >= KW_LT && !kw_resolve_numeric(r, e->syms[0]))
		kw_resolve_error(r, e->col, "'%s' is a %s: only numbers and scales can be "
				 "compared with <, <=, > or >=", e->names[0],
				 kw_resolve_what(r, e->syms[0]));
	else if (q && q->type == KW_MULTI)
		kw_resolve_error(r, e->col, "'%s' is a multi answer: test it with 'has' or "
				 "'in', not '==' or '!='", e->names[0]);
	else
		kw_resolve_values(r, e);
}

static bool cmp_holds(const struct kw_insn *in, const struct kw_value *v,
		      const struct kw_eval *ev)
{
	struct kw_value want = kw_lit_value(ev->kb, &ev->kb->lits[in->lit]);

	if (in->cmp == KW_EQ || in->cmp == KW_NE)
		return kw_value_equal(v, &want) == (in->cmp == KW_EQ);
	if (v->kind != KW_V_NUM || want.kind != KW_V_NUM)
		return false;
	return holds_order((enum kw_cmp)in->cmp, compare_numbers(v->u.num, want.u.num));
}

static void cmp_format(struct kw_strbuf *sb, const struct kw_kb *kb,
		       const struct kw_insn *in)
{
	kw_sb_printf(sb, "%s %s ", kw_kb_symbol_id(kb, in->sym), cmp_text[in->cmp]);
	literal_text(sb, kb, in->lit);
}

/* A number out of the question's bounds can never compare that way. */
static bool cmp_impossible(const struct kw_kb *kb, const struct kw_insn *in)
{
	const struct kw_question *q;
	double v;

	if (in->sym >= kb->nquestions)
		return false;
	q = &kb->questions[in->sym];
	if (q->type != KW_SCALE && q->type != KW_NUMBER)
		return false;
	v = kb->lits[in->lit].num;
	switch (in->cmp) {
	case KW_EQ: return v < q->min || v > q->max;
	case KW_LT: return v <= q->min;
	case KW_LE: return v < q->min;
	case KW_GT: return v >= q->max;
	case KW_GE: return v > q->max;
	default: return false;
	}
}

/* id < id: both numbers (SPEC §3) */

static bool cmp_ids_holds(const struct kw_insn *in, const struct kw_value *v,
			  const struct kw_eval *ev)
{
	const struct kw_value *w = &ev->values[in->arg];

	if (v->kind != KW_V_NUM || w->kind != KW_V_NUM)
		return false;
	return holds_order((enum kw_cmp)in->cmp, compare_numbers(v->u.num, w->u.num));
}

static void cmp_ids_format(struct kw_strbuf *sb, const struct kw_kb *kb,
			   const struct kw_insn *in)
{
	kw_sb_printf(sb, "%s %s %s", kw_kb_symbol_id(kb, in->sym), cmp_text[in->cmp],
		     kw_kb_symbol_id(kb, in->arg));
}

/* id in {a, b} */

static void in_check(struct kw_resolver *r, struct kw_expr *e)
{
	kw_resolve_values(r, e);
}

static bool in_holds(const struct kw_insn *in, const struct kw_value *v,
		     const struct kw_eval *ev)
{
	if (v->kind == KW_V_CHOICE)
		return (in->mask >> v->u.choice) & 1;
	if (v->kind == KW_V_SET)
		return (v->u.set & in->mask) != 0;
	for (uint32_t i = 0; i < in->n; i++) {
		struct kw_value want = kw_lit_value(ev->kb, &ev->kb->lits[in->lit + i]);
		if (kw_value_equal(v, &want))
			return true;
	}
	return false;
}

static void in_format(struct kw_strbuf *sb, const struct kw_kb *kb,
		      const struct kw_insn *in)
{
	kw_sb_printf(sb, "%s in {", kw_kb_symbol_id(kb, in->sym));
	for (uint32_t i = 0; i < in->n; i++) {
		kw_sb_add(sb, i ? ", " : "");
		literal_text(sb, kb, in->lit + i);
	}
	kw_sb_add(sb, "}");
}

/* id has value */

static void has_check(struct kw_resolver *r, struct kw_expr *e)
{
	const struct kw_question *q = kw_resolve_question(r, e->syms[0]);

	if (!q || q->type != KW_MULTI)
		kw_resolve_error(r, e->col, "'has' tests only multi answers, and '%s' is a %s",
				 e->names[0], kw_resolve_what(r, e->syms[0]));
	else
		kw_resolve_values(r, e);
}

static bool has_holds(const struct kw_insn *in, const struct kw_value *v,
		      const struct kw_eval *ev)
{
	(void)ev;
	return v->kind == KW_V_SET && (v->u.set & in->mask) != 0;
}

static void has_format(struct kw_strbuf *sb, const struct kw_kb *kb,
		       const struct kw_insn *in)
{
	kw_sb_printf(sb, "%s has ", kw_kb_symbol_id(kb, in->sym));
	literal_text(sb, kb, in->lit);
}

/* id ~ "pattern" */

static void match_check(struct kw_resolver *r, struct kw_expr *e)
{
	const struct kw_question *q = kw_resolve_question(r, e->syms[0]);
	char msg[256];
	size_t offset;

	if (!q || q->type != KW_TEXT) {
		kw_resolve_error(r, e->col, "'~' matches only text answers, and '%s' is a %s",
				 e->names[0], kw_resolve_what(r, e->syms[0]));
		return;
	}
	if (!kw_pattern_add(r->st, e->lits[0].text, msg, sizeof msg, &offset, &e->pattern))
		kw_resolve_error(r, e->lits[0].col + (unsigned)offset, "bad regex \"%s\": %s",
				 e->lits[0].text, msg);
}

static bool match_holds(const struct kw_insn *in, const struct kw_value *v,
			const struct kw_eval *ev)
{
	if (v->kind != KW_V_TEXT && v->kind != KW_V_WORD)
		return false;
	switch (kw_matcher_match(ev->matcher, in->arg, v->u.str)) {
	case KW_MATCH_YES:
		return true;
	case KW_MATCH_LIMIT:
		if (ev->on_regex_limit)
			ev->on_regex_limit(ev->data, kw_kb_symbol_id(ev->kb, in->sym));
		return false;
	default:
		return false;
	}
}

static void match_format(struct kw_strbuf *sb, const struct kw_kb *kb,
			 const struct kw_insn *in)
{
	kw_sb_printf(sb, "%s ~ \"%s\"", kw_kb_symbol_id(kb, in->sym),
		     kw_s(kb, kb->patterns[in->arg].text));
}

/* count(a, b, c) >= n */

static bool count_holds(const struct kw_insn *in, const struct kw_value *v,
			const struct kw_eval *ev)
{
	size_t n = 0;

	(void)v;
	for (uint32_t i = 0; i < in->n; i++)
		n += kw_value_truthy(&ev->values[ev->kb->u32[in->arg + i]]);
	return holds_order((enum kw_cmp)in->cmp,
			   compare_numbers((double)n, ev->kb->lits[in->lit].num));
}

static void count_format(struct kw_strbuf *sb, const struct kw_kb *kb,
			 const struct kw_insn *in)
{
	kw_sb_add(sb, "count(");
	for (uint32_t i = 0; i < in->n; i++)
		kw_sb_printf(sb, "%s%s", i ? ", " : "", kw_kb_symbol_id(kb, kb->u32[in->arg + i]));
	kw_sb_printf(sb, ") %s ", cmp_text[in->cmp]);
	literal_text(sb, kb, in->lit);
}

static void no_check(struct kw_resolver *r, struct kw_expr *e)
{
	(void)r, (void)e;
}

static bool never_impossible(const struct kw_kb *kb, const struct kw_insn *in)
{
	(void)kb, (void)in;
	return false;
}

const struct kw_op kw_ops[KW_NOPS] = {
	[KW_E_TRUTHY] = { NULL, false, no_check, truthy_holds, truthy_format, never_impossible },
	[KW_E_KNOWN] = { NULL, false, no_check, known_holds, known_format, never_impossible },
	[KW_E_CMP] = { NULL, false, cmp_check, cmp_holds, cmp_format, cmp_impossible },
	[KW_E_CMP_IDS] = { NULL, false, no_check, cmp_ids_holds, cmp_ids_format,
			   never_impossible },
	[KW_E_IN] = { "in", true, in_check, in_holds, in_format, never_impossible },
	[KW_E_HAS] = { "has", false, has_check, has_holds, has_format, never_impossible },
	[KW_E_MATCH] = { "~", false, match_check, match_holds, match_format, never_impossible },
	[KW_E_COUNT] = { NULL, false, no_check, count_holds, count_format, never_impossible },
};

int kw_op_by_word(const char *word, size_t len)
{
	for (int op = 0; op < KW_NOPS; op++)
		if (kw_ops[op].word && strlen(kw_ops[op].word) == len &&
		    strncmp(kw_ops[op].word, word, len) == 0)
			return op;
	return -1;
}
