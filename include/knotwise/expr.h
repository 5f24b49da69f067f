/*
 * expr: the expression language of `if` and `ask_if` (SPEC §3).
 *
 * An expression goes through three steps.  kw_expr_parse turns text into a
 * tree that still names ids by their text; kw_expr_resolve binds every id to
 * a symbol of the kb, checks each test against the id's type and compiles
 * regexes (each problem a diagnostic with its column); kw_expr_eval then
 * tests a resolved tree against known values, any number of times.
 * Trees live in the kb's arena; regexes are freed by kw_expr_free_regexes.
 */
#ifndef KNOTWISE_EXPR_H
#define KNOTWISE_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "knotwise/kb.h"

#define KW_EXPR_MAX_DEPTH 64
#define KW_EXPR_MAX_LENGTH 4096

enum kw_expr_op {
	KW_E_OR, KW_E_AND, KW_E_NOT, KW_E_TRUTHY, KW_E_KNOWN, KW_E_CMP,
	KW_E_IN, KW_E_HAS, KW_E_MATCH, KW_E_COUNT
};

enum kw_cmp { KW_EQ, KW_NE, KW_LT, KW_LE, KW_GT, KW_GE };

enum kw_lit_kind { KW_LIT_NUMBER, KW_LIT_WORD, KW_LIT_STRING };

struct kw_literal {
	enum kw_lit_kind kind;
	const char *text;
	double num;
	unsigned col;
};

struct kw_regex;

struct kw_expr {
	enum kw_expr_op op;
	unsigned col;                   /* 1-based column in the source text */
	struct kw_expr **kids;          /* or, and: n-ary; not: one */
	size_t nkids;
	const char **names;             /* ids tested: one, or count's list */
	size_t *syms;
	size_t nnames;
	enum kw_cmp cmp;
	struct kw_literal *lits;        /* cmp, has, ~: one; in: the set */
	size_t nlits;
	struct kw_value *values;        /* lits resolved for the id's type */
	uint64_t mask;                  /* in/has on a choice or multi */
	struct kw_regex *regex;
};

/* What may be named: ask_if names only questions asked before its own. */
struct kw_scope {
	bool questions_only;
	size_t before_position;         /* in kb->ask_order; SIZE_MAX: any */
	const size_t *position;         /* question index -> ask position */
};

/* Parse `text` (from loc) into the arena; NULL after reporting an error. */
struct kw_expr *kw_expr_parse(struct kw_arena *arena, const char *text,
			      struct kw_loc loc, struct kw_diags *diags);
/* Bind ids and check types; false after reporting every problem. */
bool kw_expr_resolve(struct kw_kb *kb, struct kw_expr *e,
		     const struct kw_scope *scope, struct kw_loc loc,
		     struct kw_diags *diags);

struct kw_eval {
	const struct kw_kb *kb;
	const struct kw_value *values;  /* by symbol */
	/* Told when a regex hits its match limit (the test is then false). */
	void (*on_regex_limit)(void *data, const char *symbol_id);
	void *data;
};

bool kw_expr_eval(const struct kw_expr *e, const struct kw_eval *ev);
/* Same kind and value (a word equals a text of the same letters)? */
bool kw_value_equal(const struct kw_value *a, const struct kw_value *b);
/* Is a known value truthy (SPEC §3)? */
bool kw_value_truthy(const struct kw_value *v);

/* Call visit for every id a tree tests; negative when under `not` or in
 * a count() (SPEC §7). */
void kw_expr_visit(const struct kw_expr *e,
		   void (*visit)(size_t sym, bool negative, void *data),
		   void *data);



#endif
