/*
 * resolve: binds the ids of a parsed tree to symbols and checks every
 * test against the type of what it tests (SPEC §7 "Types"), through the
 * operator table, so that a rule which could never mean what its author
 * thought fails at load, with the file, line and column, instead of
 * being silently false at run time.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "expr/matcher.h"
#include "expr/ops.h"
#include "ruleset/store.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/scalar.h"

void kw_resolve_error(struct kw_resolver *r, unsigned col, const char *fmt, ...)
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

const struct kw_question *kw_resolve_question(const struct kw_resolver *r, size_t sym)
{
	return sym < r->kb->nquestions ? &r->kb->questions[sym] : NULL;
}

const char *kw_resolve_what(const struct kw_resolver *r, size_t sym)
{
	const struct kw_question *q = kw_resolve_question(r, sym);
	return q ? kw_qtype_name((enum kw_qtype)q->type) : "derived fact";
}

/* A fact that nothing sets any more (its setters, or the question of that
 * name, were disabled): any test of it reads as unknown (SPEC §2). */
bool kw_resolve_orphan(const struct kw_resolver *r, size_t sym)
{
	return sym >= r->kb->nquestions && r->kb->facts[sym - r->kb->nquestions].kinds == 0;
}

bool kw_resolve_numeric(const struct kw_resolver *r, size_t sym)
{
	const struct kw_question *q = kw_resolve_question(r, sym);

	if (q)
		return q->type == KW_SCALE || q->type == KW_NUMBER;
	return r->kb->facts[sym - r->kb->nquestions].kinds == 1u << KW_V_NUM;
}

bool kw_resolve_id(struct kw_resolver *r, const char *name, unsigned col, size_t *sym)
{
	const char *hint;

	if (!kw_kb_find_symbol(r->kb, name, sym)) {
		hint = kw_kb_suggest_symbol(r->kb, name);
		if (hint)
			kw_resolve_error(r, col, "unknown question or fact '%s'; did you mean "
					 "'%s'?", name, hint);
		else
			kw_resolve_error(r, col, "unknown question or fact '%s'", name);
		return false;
	}
	if (!r->scope->questions_only || kw_resolve_orphan(r, *sym))
		return true;
	if (*sym >= r->kb->nquestions) {
		kw_resolve_error(r, col, "'%s' is a derived fact, and this condition may "
				 "name only questions", name);
		return false;
	}
	if (r->scope->position[*sym] >= r->scope->before_position) {
		kw_resolve_error(r, col, "ask_if names '%s', which is not asked before this "
				 "question", name);
		return false;
	}
	return true;
}

static void choice_error(struct kw_resolver *r, const struct kw_question *q,
			 const struct kw_literal *lit)
{
	struct kw_suggest s = { .word = lit->text };
	struct kw_strbuf list = {0};

	for (unsigned i = 0; i < q->choices.n; i++) {
		kw_suggest_offer(&s, kw_ref(r->kb, q->choices, i));
		kw_sb_printf(&list, "%s%s", i ? ", " : "", kw_ref(r->kb, q->choices, i));
	}
	if (kw_suggest_result(&s))
		kw_resolve_error(r, lit->col, "'%s' is not a choice of '%s'; did you mean '%s'?",
				 lit->text, kw_s(r->kb, q->id), kw_suggest_result(&s));
	else
		kw_resolve_error(r, lit->col, "'%s' is not a choice of '%s' (choices: %s)",
				 lit->text, kw_s(r->kb, q->id), kw_sb_str(&list));
	kw_sb_free(&list);
}

/* A fact's literal: yes/no words are booleans, numbers numbers, else words. */
static void fact_value(const struct kw_literal *lit, struct kw_lit *v)
{
	bool b;

	v->kind = KW_V_WORD;
	if (lit->kind == KW_LIT_NUMBER) {
		v->kind = KW_V_NUM;
		v->num = lit->num;
	} else if (lit->kind == KW_LIT_WORD && kw_parse_yesno(lit->text, &b)) {
		v->kind = KW_V_BOOL;
		v->b = b;
	}
}

static bool question_value(struct kw_resolver *r, const struct kw_question *q,
			   const struct kw_literal *lit, struct kw_lit *v)
{
	int choice;
	bool b;

	switch (q->type) {
	case KW_YESNO:
		v->kind = KW_V_BOOL;
		if (lit->kind != KW_LIT_NUMBER && kw_parse_yesno(lit->text, &b))
			return v->b = b, true;
		kw_resolve_error(r, lit->col, "'%s' is not yes or no, as '%s' needs",
				 lit->text, kw_s(r->kb, q->id));
		return false;
	case KW_CHOICE:
	case KW_MULTI:
		if ((choice = kw_question_choice(r->kb, q, lit->text)) < 0) {
			choice_error(r, q, lit);
			return false;
		}
		v->kind = KW_V_CHOICE;
		v->choice = (uint32_t)choice;
		return true;
	case KW_SCALE:
	case KW_NUMBER:
		v->kind = KW_V_NUM;
		v->num = lit->num;
		if (lit->kind == KW_LIT_NUMBER)
			return true;
		kw_resolve_error(r, lit->col, "'%s' is not a number, as %s '%s' needs",
				 lit->text, kw_qtype_name((enum kw_qtype)q->type),
				 kw_s(r->kb, q->id));
		return false;
	default:
		v->kind = KW_V_TEXT;
		return true;
	}
}

bool kw_resolve_values(struct kw_resolver *r, struct kw_expr *e)
{
	const struct kw_question *q = kw_resolve_question(r, e->syms[0]);
	bool ok = true;

	e->values = kw_arena_alloc(r->arena, e->nlits * sizeof *e->values);
	for (size_t i = 0; i < e->nlits; i++) {
		struct kw_lit *v = &e->values[i];
		v->written = (uint16_t)e->lits[i].kind;
		v->text = kw_store_text(r->st, e->lits[i].text);
		v->num = e->lits[i].num;
		if (!q)
			fact_value(&e->lits[i], v);
		else if (!question_value(r, q, &e->lits[i], v))
			ok = false;
		else if (v->kind == KW_V_CHOICE)
			e->mask |= UINT64_C(1) << v->choice;
	}
	return ok;
}

/* `pain_level > journal_last_pain`: an ordering between two numeric ids
 * keeps both as the names it tests, and no literal (SPEC §3). */
static void compare_ids(struct kw_resolver *r, struct kw_expr *e)
{
	const char **names = kw_arena_alloc(r->arena, 2 * sizeof *names);
	size_t *syms = kw_arena_alloc(r->arena, 2 * sizeof *syms);

	names[0] = e->names[0];
	syms[0] = e->syms[0];
	names[1] = e->lits[0].text;
	if (!kw_resolve_id(r, names[1], e->lits[0].col, &syms[1]))
		return;
	if (!kw_resolve_numeric(r, syms[1]) && !kw_resolve_orphan(r, syms[1])) {
		kw_resolve_error(r, e->lits[0].col, "'%s' is a %s: only numbers and scales "
				 "can be compared with <, <=, > or >=", names[1],
				 kw_resolve_what(r, syms[1]));
		return;
	}
	e->op = KW_E_CMP_IDS;
	e->names = names;
	e->syms = syms;
	e->nnames = 2;
	e->nlits = 0;
}

/* A test of a fact nothing sets reads as unknown whatever it asks, so it
 * is not checked against a type; its values and pattern are still kept
 * so that it can be written back as it was. */
static void orphan_test(struct kw_resolver *r, struct kw_expr *e)
{
	char msg[256];
	size_t offset;

	if (e->op == KW_E_MATCH &&
	    !kw_pattern_add(r->st, e->lits[0].text, msg, sizeof msg, &offset, &e->pattern))
		kw_resolve_error(r, e->lits[0].col + (unsigned)offset, "bad regex \"%s\": %s",
				 e->lits[0].text, msg);
	else if (e->op != KW_E_MATCH && e->nlits)
		kw_resolve_values(r, e);
}

static void resolve_node(struct kw_resolver *r, struct kw_expr *e)
{
	bool ids_ok = true;

	for (size_t i = 0; i < e->nkids; i++)
		resolve_node(r, e->kids[i]);
	if (!e->nnames)
		return;
	e->syms = kw_arena_alloc(r->arena, e->nnames * sizeof *e->syms);
	for (size_t i = 0; i < e->nnames; i++)
		if (!kw_resolve_id(r, e->names[i], e->col, &e->syms[i]))
			ids_ok = false;
	if (!ids_ok || e->op == KW_E_COUNT)
		return;
	if (kw_resolve_orphan(r, e->syms[0]))
		orphan_test(r, e);
	else if (e->op == KW_E_CMP && e->cmp >= KW_LT && kw_resolve_numeric(r, e->syms[0]) &&
	    e->lits[0].kind == KW_LIT_WORD)
		compare_ids(r, e);
	else
		kw_ops[e->op].check(r, e);
}

bool kw_expr_resolve(struct kw_store *st, struct kw_arena *arena, struct kw_expr *e,
		     const struct kw_scope *scope, struct kw_loc loc, struct kw_diags *diags)
{
	struct kw_resolver r = { .st = st, .kb = st->kb, .arena = arena, .scope = scope,
				 .loc = loc, .diags = diags, .ok = true };

	resolve_node(&r, e);
	return r.ok;
}
