/*
 * expr_resolve: binds the ids of a parsed tree to symbols and checks every
 * test against the type of what it tests (SPEC §7 "Types"), so that a rule
 * which could never mean what its author thought fails at load, with the
 * file, line and column, instead of being silently false at run time.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "ruleset/kb_internal.h"
#include "knotwise/expr.h"
#include "expr/regex.h"
#include "util/scalar.h"
#include "util/strbuf.h"

struct resolver {
	struct kw_kb *kb;
	const struct kw_scope *scope;
	struct kw_loc loc;
	struct kw_diags *diags;
	bool ok;
};

static void error(struct resolver *r, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void error(struct resolver *r, unsigned col, const char *fmt, ...)
{
	struct kw_strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	kw_sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	kw_diag_at(r->diags, KW_ERROR, r->loc, col, "%s", kw_sb_str(&sb));
	kw_sb_free(&sb);
	r->ok = false;
}

static const struct kw_question *question_of(const struct resolver *r, size_t sym)
{
	return sym < r->kb->nquestions ? &r->kb->questions[sym] : NULL;
}

static const char *what_is(const struct resolver *r, size_t sym)
{
	const struct kw_question *q = question_of(r, sym);
	return q ? kw_qtype_name(q->type) : "derived fact";
}

/* A fact that nothing sets any more (its setters, or the question of that
 * name, were disabled): any test of it reads as unknown (SPEC §2). */
static bool is_orphan(const struct resolver *r, size_t sym)
{
	return sym >= r->kb->nquestions && r->kb->facts[sym - r->kb->nquestions].kinds == 0;
}

static bool resolve_id(struct resolver *r, const char *name, unsigned col,
		       size_t *sym)
{
	const char *hint;

	if (!kw_kb_find_symbol(r->kb, name, sym)) {
		hint = kw_kb_suggest_symbol(r->kb, name);
		if (hint)
			error(r, col, "unknown question or fact '%s'; did you mean '%s'?",
			      name, hint);
		else
			error(r, col, "unknown question or fact '%s'", name);
		return false;
	}
	if (!r->scope->questions_only || is_orphan(r, *sym))
		return true;
	if (*sym >= r->kb->nquestions) {
		error(r, col, "'%s' is a derived fact, and this condition may name "
		      "only questions", name);
		return false;
	}
	if (r->scope->position[*sym] >= r->scope->before_position) {
		error(r, col, "ask_if names '%s', which is not asked before this question",
		      name);
		return false;
	}
	return true;
}

static void choice_error(struct resolver *r, const struct kw_question *q,
			 const struct kw_literal *lit)
{
	struct kw_suggest s = { .word = lit->text };
	struct kw_strbuf list = {0};

	for (unsigned i = 0; i < q->nchoices; i++) {
		kw_suggest_offer(&s, q->choices[i]);
		kw_sb_printf(&list, "%s%s", i ? ", " : "", q->choices[i]);
	}
	if (kw_suggest_result(&s))
		error(r, lit->col, "'%s' is not a choice of '%s'; did you mean '%s'?",
		      lit->text, q->id, kw_suggest_result(&s));
	else
		error(r, lit->col, "'%s' is not a choice of '%s' (choices: %s)",
		      lit->text, q->id, kw_sb_str(&list));
	kw_sb_free(&list);
}

/* A fact's literal: yes/no words are booleans, numbers numbers, else words. */
static struct kw_value fact_value(const struct kw_literal *lit)
{
	struct kw_value v = { .kind = KW_V_WORD, .u.str = lit->text };
	bool b;

	if (lit->kind == KW_LIT_NUMBER) {
		v.kind = KW_V_NUM;
		v.u.num = lit->num;
	} else if (lit->kind == KW_LIT_WORD && kw_parse_yesno(lit->text, &b)) {
		v.kind = KW_V_BOOL;
		v.u.b = b;
	}
	return v;
}

static bool literal_value(struct resolver *r, size_t sym,
			  const struct kw_literal *lit, struct kw_value *v)
{
	const struct kw_question *q = question_of(r, sym);
	int choice;

	if (!q) {
		*v = fact_value(lit);
		return true;
	}
	switch (q->type) {
	case KW_YESNO:
		v->kind = KW_V_BOOL;
		if (lit->kind != KW_LIT_NUMBER && kw_parse_yesno(lit->text, &v->u.b))
			return true;
		error(r, lit->col, "'%s' is not yes or no, as '%s' needs", lit->text, q->id);
		return false;
	case KW_CHOICE:
	case KW_MULTI:
		choice = kw_question_choice(q, lit->text);
		if (choice < 0) {
			choice_error(r, q, lit);
			return false;
		}
		v->kind = KW_V_CHOICE;
		v->u.choice = (unsigned)choice;
		return true;
	case KW_SCALE:
	case KW_NUMBER:
		v->kind = KW_V_NUM;
		v->u.num = lit->num;
		if (lit->kind == KW_LIT_NUMBER)
			return true;
		error(r, lit->col, "'%s' is not a number, as %s '%s' needs",
		      lit->text, kw_qtype_name(q->type), q->id);
		return false;
	case KW_TEXT:
		v->kind = KW_V_TEXT;
		v->u.str = lit->text;
		return true;
	}
	return false;
}

static bool resolve_values(struct resolver *r, struct kw_expr *e)
{
	bool ok = true;

	e->values = kw_arena_alloc(r->kb->arena, e->nlits * sizeof *e->values);
	for (size_t i = 0; i < e->nlits; i++) {
		if (!literal_value(r, e->syms[0], &e->lits[i], &e->values[i]))
			ok = false;
		else if (e->values[i].kind == KW_V_CHOICE)
			e->mask |= UINT64_C(1) << e->values[i].u.choice;
	}
	return ok;
}

static bool is_numeric(const struct resolver *r, size_t sym)
{
	const struct kw_question *q = question_of(r, sym);

	if (q)
		return q->type == KW_SCALE || q->type == KW_NUMBER;
	return r->kb->facts[sym - r->kb->nquestions].kinds == 1u << KW_V_NUM;
}

/* `pain_level > journal_last_pain`: an ordering between two numeric ids
 * keeps both as the names it tests, and no literal (SPEC §3). */
static void compare_ids(struct resolver *r, struct kw_expr *e)
{
	const char **names = kw_arena_alloc(r->kb->arena, 2 * sizeof *names);
	size_t *syms = kw_arena_alloc(r->kb->arena, 2 * sizeof *syms);

	names[0] = e->names[0];
	syms[0] = e->syms[0];
	names[1] = e->lits[0].text;
	if (!resolve_id(r, names[1], e->lits[0].col, &syms[1]))
		return;
	if (!is_numeric(r, syms[1]) && !is_orphan(r, syms[1])) {
		error(r, e->lits[0].col, "'%s' is a %s: only numbers and scales can be "
		      "compared with <, <=, > or >=", names[1], what_is(r, syms[1]));
		return;
	}
	e->names = names;
	e->syms = syms;
	e->nnames = 2;
	e->nlits = 0;
}

static void check_cmp(struct resolver *r, struct kw_expr *e)
{
	const struct kw_question *q = question_of(r, e->syms[0]);

	if (e->cmp >= KW_LT && is_numeric(r, e->syms[0]) && e->lits[0].kind == KW_LIT_WORD)
		compare_ids(r, e);
	else if (e->cmp >= KW_LT && !is_numeric(r, e->syms[0]))
		error(r, e->col, "'%s' is a %s: only numbers and scales can be compared "
		      "with <, <=, > or >=", e->names[0], what_is(r, e->syms[0]));
	else if (q && q->type == KW_MULTI)
		error(r, e->col, "'%s' is a multi answer: test it with 'has' or 'in', "
		      "not '==' or '!='", e->names[0]);
	else
		resolve_values(r, e);
}

static void check_match(struct resolver *r, struct kw_expr *e)
{
	const struct kw_question *q = question_of(r, e->syms[0]);
	char msg[256];
	size_t offset;
	struct kw_regex *re;

	if (!q || q->type != KW_TEXT) {
		error(r, e->col, "'~' matches only text answers, and '%s' is a %s",
		      e->names[0], what_is(r, e->syms[0]));
		return;
	}
	re = kw_regex_compile(e->lits[0].text, msg, sizeof msg, &offset);
	if (!re) {
		error(r, e->lits[0].col + (unsigned)offset,
		      "bad regex \"%s\": %s", e->lits[0].text, msg);
		return;
	}
	kw_kb_own_regex(r->kb, re);
	e->regex = re;
}

static void check_test(struct resolver *r, struct kw_expr *e)
{
	const struct kw_question *q = question_of(r, e->syms[0]);

	switch (e->op) {
	case KW_E_CMP:
		check_cmp(r, e);
		break;
	case KW_E_IN:
		resolve_values(r, e);
		break;
	case KW_E_HAS:
		if (!q || q->type != KW_MULTI)
			error(r, e->col, "'has' tests only multi answers, and '%s' is a %s",
			      e->names[0], what_is(r, e->syms[0]));
		else
			resolve_values(r, e);
		break;
	case KW_E_MATCH:
		check_match(r, e);
		break;
	default:
		break;
	}
}

static void resolve_node(struct resolver *r, struct kw_expr *e)
{
	bool ids_ok = true;

	for (size_t i = 0; i < e->nkids; i++)
		resolve_node(r, e->kids[i]);
	if (!e->nnames)
		return;
	e->syms = kw_arena_alloc(r->kb->arena, e->nnames * sizeof *e->syms);
	for (size_t i = 0; i < e->nnames; i++)
		if (!resolve_id(r, e->names[i], e->col, &e->syms[i]))
			ids_ok = false;
	if (ids_ok && e->op != KW_E_COUNT && !is_orphan(r, e->syms[0]))
		check_test(r, e);
}

bool kw_expr_resolve(struct kw_kb *kb, struct kw_expr *e,
		     const struct kw_scope *scope, struct kw_loc loc,
		     struct kw_diags *diags)
{
	struct resolver r = { .kb = kb, .scope = scope, .loc = loc,
			      .diags = diags, .ok = true };

	resolve_node(&r, e);
	return r.ok;
}
