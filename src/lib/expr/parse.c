/*
 * expr_parse: text to tree, by recursive descent over the grammar of
 * SPEC §3.  Ids stay names here; expr_resolve binds them.  `and` and `or`
 * chains become one n-ary node so a long chain is never a deep tree.
 */
#include <config.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "expr/ops.h"
#include "util/diag.h"
#include "util/scalar.h"

enum tok_kind {
	T_END, T_ID, T_NUMBER, T_STRING, T_LPAREN, T_RPAREN, T_LBRACE,
	T_RBRACE, T_COMMA, T_CMP, T_TILDE, T_BAD
};

struct token {
	enum tok_kind kind;
	const char *start;
	size_t len;
	unsigned col;
	enum kw_cmp cmp;
};

struct parser {
	struct kw_arena *arena;
	const char *text, *pos;
	struct token tok;
	unsigned depth;
	struct kw_loc loc;
	struct kw_diags *diags;
	bool failed;
};

/* ‘ ’ “ ” in UTF-8: what a word processor makes of a typed quote. */
static bool is_curly_quote(const char *s)
{
	return (unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
	       (unsigned char)s[2] >= 0x98 && (unsigned char)s[2] <= 0x9d;
}

static void fail(struct parser *p, unsigned col, const char *what)
{
	if (!p->failed)
		kw_diag_at(p->diags, KW_ERROR, p->loc, col, "%s", what);
	p->failed = true;
}

static bool is_word_char(char c)
{
	return kw_is_alpha(c) || kw_is_digit(c) || c == '_';
}

static bool lex_number(struct parser *p, const char *s)
{
	const char *q = s;

	if (*q == '-')
		q++;
	if (!isdigit((unsigned char)*q))
		return false;
	while (isdigit((unsigned char)*q))
		q++;
	if (*q == '.' && isdigit((unsigned char)q[1]))
		for (q++; isdigit((unsigned char)*q); q++)
			;
	if (is_word_char(*q))
		return false;
	p->tok.kind = T_NUMBER;
	p->tok.len = (size_t)(q - s);
	return true;
}

static void lex_string(struct parser *p, const char *s)
{
	const char *q = s + 1;

	while (*q && *q != '"')
		q += (*q == '\\' && q[1]) ? 2 : 1;
	if (!*q) {
		fail(p, p->tok.col, "unterminated string");
		p->tok.kind = T_BAD;
		return;
	}
	p->tok.kind = T_STRING;
	p->tok.len = (size_t)(q + 1 - s);
}

static bool lex_operator(struct parser *p, const char *s)
{
	static const struct { const char *text; enum kw_cmp cmp; } ops[] = {
		{ "==", KW_EQ }, { "!=", KW_NE }, { "<=", KW_LE },
		{ ">=", KW_GE }, { "<", KW_LT }, { ">", KW_GT },
	};

	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
		size_t n = strlen(ops[i].text);
		if (strncmp(s, ops[i].text, n) == 0) {
			p->tok.kind = T_CMP;
			p->tok.cmp = ops[i].cmp;
			p->tok.len = n;
			return true;
		}
	}
	return false;
}

static void next(struct parser *p)
{
	static const char singles[] = "(){},~";
	static const enum tok_kind single_kinds[] = {
		T_LPAREN, T_RPAREN, T_LBRACE, T_RBRACE, T_COMMA, T_TILDE
	};
	const char *s = p->pos;
	const char *hit;

	while (*s && strchr(" \t\n\r\f\v", *s))
		s++;
	p->tok = (struct token){ .start = s, .len = 1,
				 .col = (unsigned)(s - p->text) + 1 };
	if (!*s) {
		p->tok.kind = T_END;
		p->tok.len = 0;
	} else if ((hit = strchr(singles, *s)) != NULL) {
		p->tok.kind = single_kinds[hit - singles];
	} else if (*s == '"') {
		lex_string(p, s);
	} else if (lex_number(p, s) || lex_operator(p, s)) {
		;
	} else if (kw_is_alpha(*s) || *s == '_') {
		const char *q = s;
		while (is_word_char(*q))
			q++;
		p->tok.kind = T_ID;
		p->tok.len = (size_t)(q - s);
	} else {
		p->tok.kind = T_BAD;
		fail(p, p->tok.col, *s == '=' ? "'=' is not a test (use '==')"
				    : is_curly_quote(s) ? "a curly quote: strings take straight "
				    "double quotes (\")" : "unexpected character");
	}
	p->pos = s + p->tok.len;
}

static bool tok_is(const struct parser *p, const char *word)
{
	return p->tok.kind == T_ID && p->tok.len == strlen(word) &&
	       strncmp(p->tok.start, word, p->tok.len) == 0;
}

static bool is_keyword(const struct parser *p)
{
	static const char *const keywords[] = { "and", "or", "not", "known", "count" };

	for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
		if (tok_is(p, keywords[i]))
			return true;
	return p->tok.kind == T_ID && kw_op_by_word(p->tok.start, p->tok.len) >= 0;
}

static struct kw_expr *new_node(struct parser *p, enum kw_expr_op op, unsigned col)
{
	struct kw_expr *e = kw_arena_alloc(p->arena, sizeof *e);
	e->op = op;
	e->col = col;
	return e;
}

static bool expect(struct parser *p, enum tok_kind kind, const char *what)
{
	if (p->tok.kind != kind) {
		char msg[80];
		snprintf(msg, sizeof msg, "expected %s", what);
		fail(p, p->tok.col, msg);
		return false;
	}
	next(p);
	return true;
}

/* The text of a string literal: \" is a quote, \\ a backslash, any other
 * backslash is kept so that regexes read naturally. */
static const char *unquote(struct parser *p, const struct token *t)
{
	char *out = kw_arena_alloc(p->arena, t->len), *o = out;

	for (const char *s = t->start + 1; s < t->start + t->len - 1; s++) {
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static bool parse_literal(struct parser *p, struct kw_literal *lit)
{
	*lit = (struct kw_literal){ .col = p->tok.col };   /* num is 0 but for numbers */
	switch (p->tok.kind) {
	case T_NUMBER:
		lit->kind = KW_LIT_NUMBER;
		lit->text = kw_arena_strndup(p->arena, p->tok.start, p->tok.len);
		lit->num = strtod(lit->text, NULL);
		break;
	case T_STRING:
		lit->kind = KW_LIT_STRING;
		lit->text = unquote(p, &p->tok);
		break;
	case T_ID:
		if (is_keyword(p)) {
			fail(p, p->tok.col, "expected a value");
			return false;
		}
		lit->kind = KW_LIT_WORD;
		lit->text = kw_arena_strndup(p->arena, p->tok.start, p->tok.len);
		break;
	default:
		fail(p, p->tok.col, "expected a value");
		return false;
	}
	next(p);
	return true;
}

static const char *parse_id(struct parser *p)
{
	const char *id;

	if (p->tok.kind != T_ID || is_keyword(p)) {
		fail(p, p->tok.col, "expected an id");
		return NULL;
	}
	id = kw_arena_strndup(p->arena, p->tok.start, p->tok.len);
	next(p);
	return id;
}

static struct kw_expr *parse_in(struct parser *p, struct kw_expr *e, enum kw_expr_op op)
{
	struct kw_literal lits[KW_MAX_CHOICES * 4];

	e->op = op;
	next(p);
	if (!expect(p, T_LBRACE, "'{'"))
		return NULL;
	do {
		if (e->nlits == sizeof lits / sizeof *lits) {
			fail(p, p->tok.col, "too many values in the set");
			return NULL;
		}
		if (!parse_literal(p, &lits[e->nlits++]))
			return NULL;
	} while (p->tok.kind == T_COMMA && (next(p), true));
	if (!expect(p, T_RBRACE, "',' or '}'"))
		return NULL;
	e->lits = kw_arena_alloc(p->arena, e->nlits * sizeof *lits);
	memcpy(e->lits, lits, e->nlits * sizeof *lits);
	return e;
}

static struct kw_expr *parse_one_literal(struct parser *p, struct kw_expr *e,
					 enum kw_expr_op op)
{
	e->op = op;
	e->nlits = 1;
	e->lits = kw_arena_alloc(p->arena, sizeof *e->lits);
	return parse_literal(p, e->lits) ? e : NULL;
}

static struct kw_expr *parse_count(struct parser *p, unsigned col)
{
	struct kw_expr *e = new_node(p, KW_E_COUNT, col);
	const char **names = NULL;
	size_t cap = 0;

	next(p);
	if (!expect(p, T_LPAREN, "'(' after count"))
		return NULL;
	do {
		const char *id = parse_id(p);
		if (!id)
			break;
		kw_grow(&names, &cap, e->nnames + 1, sizeof *names);
		names[e->nnames++] = id;
	} while (p->tok.kind == T_COMMA && (next(p), true));
	if (!p->failed && expect(p, T_RPAREN, "',' or ')'") &&
	    p->tok.kind != T_CMP)
		fail(p, p->tok.col, "count(...) must be compared with a number");
	if (p->failed) {
		free(names);
		return NULL;
	}
	e->names = kw_arena_alloc(p->arena, e->nnames * sizeof *names);
	memcpy(e->names, names, e->nnames * sizeof *names);
	free(names);
	e->cmp = p->tok.cmp;
	next(p);
	e = parse_one_literal(p, e, KW_E_COUNT);
	if (e && e->lits[0].kind != KW_LIT_NUMBER) {
		fail(p, e->lits[0].col, "count(...) must be compared with a number");
		return NULL;
	}
	return e;
}

static struct kw_expr *parse_known(struct parser *p, unsigned col)
{
	struct kw_expr *e = new_node(p, KW_E_KNOWN, col);

	next(p);
	if (!expect(p, T_LPAREN, "'(' after known"))
		return NULL;
	e->names = kw_arena_alloc(p->arena, sizeof *e->names);
	if (!(e->names[0] = parse_id(p)))
		return NULL;
	e->nnames = 1;
	return expect(p, T_RPAREN, "')'") ? e : NULL;
}

/* What follows an id: a comparison, or an operator of the table written
 * as a word (`in`, `has`, `~`), or nothing (the id is tested for truth). */
static struct kw_expr *parse_operator(struct parser *p, struct kw_expr *e)
{
	int op;

	if (p->tok.kind == T_CMP) {
		e->cmp = p->tok.cmp;
		next(p);
		return parse_one_literal(p, e, KW_E_CMP);
	}
	if ((p->tok.kind != T_ID && p->tok.kind != T_TILDE) ||
	    (op = kw_op_by_word(p->tok.start, p->tok.len)) < 0)
		return e;
	if (kw_ops[op].takes_set)
		return parse_in(p, e, (enum kw_expr_op)op);
	next(p);
	if (op == KW_E_MATCH && p->tok.kind != T_STRING) {
		fail(p, p->tok.col, "'~' needs a double-quoted pattern");
		return NULL;
	}
	return parse_one_literal(p, e, (enum kw_expr_op)op);
}

static struct kw_expr *parse_test(struct parser *p)
{
	unsigned col = p->tok.col;
	struct kw_expr *e;

	if (tok_is(p, "known"))
		return parse_known(p, col);
	if (tok_is(p, "count"))
		return parse_count(p, col);
	e = new_node(p, KW_E_TRUTHY, col);
	e->names = kw_arena_alloc(p->arena, sizeof *e->names);
	if (!(e->names[0] = parse_id(p)))
		return NULL;
	e->nnames = 1;
	return parse_operator(p, e);
}

static struct kw_expr *parse_or(struct parser *p);

static struct kw_expr *parse_factor(struct parser *p)
{
	unsigned col = p->tok.col;
	struct kw_expr *e;

	if (++p->depth > KW_EXPR_MAX_DEPTH) {
		fail(p, col, "expression nested deeper than 64 levels");
		return NULL;
	}
	if (tok_is(p, "not")) {
		next(p);
		e = new_node(p, KW_E_NOT, col);
		e->kids = kw_arena_alloc(p->arena, sizeof *e->kids);
		e->nkids = 1;
		if (!(e->kids[0] = parse_factor(p)))
			return NULL;
	} else if (p->tok.kind == T_LPAREN) {
		next(p);
		if (!(e = parse_or(p)) || !expect(p, T_RPAREN, "')'"))
			return NULL;
	} else {
		e = parse_test(p);
	}
	p->depth--;
	return e;
}

/* One n-ary node for `a OP b OP c`, or the single operand itself. */
static struct kw_expr *parse_chain(struct parser *p, const char *word,
				   enum kw_expr_op op,
				   struct kw_expr *(*operand)(struct parser *))
{
	unsigned col = p->tok.col;
	struct kw_expr *first = operand(p), **kids = NULL, *e;
	size_t n = 0, cap = 0;

	if (!first || !tok_is(p, word))
		return first;
	KW_PUSH(kids, n, cap, first);
	while (tok_is(p, word)) {
		struct kw_expr *kid;
		next(p);
		if (!(kid = operand(p))) {
			free(kids);
			return NULL;
		}
		KW_PUSH(kids, n, cap, kid);
	}
	e = new_node(p, op, col);
	e->kids = kw_arena_alloc(p->arena, n * sizeof *kids);
	memcpy(e->kids, kids, n * sizeof *kids);
	e->nkids = n;
	free(kids);
	return e;
}

static struct kw_expr *parse_and(struct parser *p)
{
	return parse_chain(p, "and", KW_E_AND, parse_factor);
}

static struct kw_expr *parse_or(struct parser *p)
{
	return parse_chain(p, "or", KW_E_OR, parse_and);
}

struct kw_expr *kw_expr_parse(struct kw_arena *arena, const char *text,
			      struct kw_loc loc, struct kw_diags *diags)
{
	struct parser p = { .arena = arena, .text = text, .pos = text,
			    .loc = loc, .diags = diags };
	struct kw_expr *e;

	if (strlen(text) > KW_EXPR_MAX_LENGTH) {
		kw_diag(diags, KW_ERROR, loc, "expression longer than %d bytes",
			KW_EXPR_MAX_LENGTH);
		return NULL;
	}
	next(&p);
	if (p.tok.kind == T_END) {
		fail(&p, 1, "empty expression");
		return NULL;
	}
	e = parse_or(&p);
	if (e && p.tok.kind != T_END)
		fail(&p, p.tok.col, tok_is(&p, "AND") || tok_is(&p, "OR")
			? "keywords are lower case"
			: "expected 'and', 'or' or the end of the expression");
	return p.failed ? NULL : e;
}
