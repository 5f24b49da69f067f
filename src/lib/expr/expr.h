/*
 * expr: the expression language of `if`, `ask_if` and `recheck_if`
 * (SPEC §3), in two forms.
 *
 * At load, kw_expr_parse turns text into a tree (struct kw_expr) that
 * names ids by their text; kw_expr_resolve binds every id to a symbol,
 * checks each test against the id's type, turns its literals into values
 * and adds its regexes to the rule set, compiled (each problem a
 * diagnostic with its column); kw_expr_compile then writes the tree into
 * the rule set as a flat program (ruleset.h, struct kw_insn).  The tree is
 * never kept: it and what resolve adds to it live in one arena, which the
 * loader clears once the program is written.
 *
 * At run time only programs exist: kw_prog_eval tests one against known
 * values, kw_prog_eval3 in three-valued logic for the questionnaire,
 * kw_prog_visit lists the ids it tests, kw_prog_format writes it back as
 * text.  What each operator does in each of these is one row of the
 * operator table (ops.c).
 */
#ifndef KW_EXPR_H
#define KW_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ruleset/ruleset.h"
#include "util/strbuf.h"

#define KW_EXPR_MAX_DEPTH 64
#define KW_EXPR_MAX_LENGTH 4096

struct kw_arena;
struct kw_store;
struct kw_matcher;

enum kw_lit_kind { KW_LIT_NUMBER, KW_LIT_WORD, KW_LIT_STRING };

struct kw_literal {
	enum kw_lit_kind kind;
	const char *text;
	double num;
	unsigned col;
};

/* The parse tree: build time only. */
struct kw_expr {
	enum kw_expr_op op;
	unsigned col;                   /* 1-based column in the source text */
	struct kw_expr **kids;          /* or, and: n-ary; not: one */
	size_t nkids;
	const char **names;             /* ids tested: one, two (cmp_ids), or count's */
	size_t *syms;
	size_t nnames;
	enum kw_cmp cmp;
	struct kw_literal *lits;        /* cmp, has, ~: one; in: the set */
	size_t nlits;
	struct kw_lit *values;          /* lits resolved for the id's type */
	uint64_t mask;                  /* in/has on a choice or multi */
	uint32_t pattern;               /* ~: the pattern's index */
};

/* What may be named: ask_if names only questions asked before its own. */
struct kw_scope {
	bool questions_only;
	size_t before_position;         /* asking position; SIZE_MAX: any */
	const size_t *position;         /* question index -> ask position */
};

/* Parse `text` (from loc) into the arena; NULL after reporting an error. */
struct kw_expr *kw_expr_parse(struct kw_arena *arena, const char *text,
			      struct kw_loc loc, struct kw_diags *diags);
/* Bind ids, check types, compile regexes into the store; what the tree
 * gains goes into its arena.  False after reporting every problem. */
bool kw_expr_resolve(struct kw_store *st, struct kw_arena *arena, struct kw_expr *e,
		     const struct kw_scope *scope, struct kw_loc loc, struct kw_diags *diags);
/* Write a resolved tree as a program; its first instruction's index. */
uint32_t kw_expr_compile(struct kw_store *st, const struct kw_expr *e);

struct kw_eval {
	const struct kw_kb *kb;
	const struct kw_value *values;  /* by symbol */
	struct kw_matcher *matcher;     /* the run's compiled patterns */
	/* Told when a regex hits its match limit (the test is then false). */
	void (*on_regex_limit)(void *data, const char *symbol_id);
	void *data;
};

enum kw_tri { KW_NO, KW_YES, KW_MAYBE };

bool kw_prog_eval(uint32_t prog, const struct kw_eval *ev);
/* Kleene logic: a test of an open symbol is maybe. */
enum kw_tri kw_prog_eval3(uint32_t prog, const struct kw_eval *ev, const bool *open);
/* Call fn for every id the program tests; negative when under `not` or in
 * a count() (SPEC §7). */
void kw_prog_visit(const struct kw_kb *kb, uint32_t prog,
		   void (*fn)(size_t sym, bool negative, void *data), void *data);
/* The program (or one instruction's subtree) as rule-file text. */
void kw_prog_format(struct kw_strbuf *sb, const struct kw_kb *kb, uint32_t prog);
/* The test that decided a false condition (or, under `not`, the test that
 * held): *held says which. */
uint32_t kw_prog_deciding_test(uint32_t prog, const struct kw_eval *ev, bool *held);

/* Same kind and value (a word equals a text of the same letters)? */
bool kw_value_equal(const struct kw_value *a, const struct kw_value *b);
/* Is a known value truthy (SPEC §3)? */
bool kw_value_truthy(const struct kw_value *v);
/* A literal of the image as a value (its text from the string pool). */
struct kw_value kw_lit_value(const struct kw_kb *kb, const struct kw_lit *lit);

#endif
