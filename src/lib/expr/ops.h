/*
 * ops: the operator table.  One row per operator says everything the
 * language does with it: how it is written after an id, how resolve
 * checks it against the id's type, whether it holds on a known value,
 * how it is written back, and when lint can tell it never holds.
 *
 * A new operator written `ID WORD VALUE` or `ID WORD {VALUES}` (WORD a
 * word, which becomes a keyword, or `~`) that tests one id against its
 * literals is one row here and one value of enum kw_expr_op (ruleset.h,
 * before KW_NOPS).  One written another way, as known(ID) and count(...)
 * are, also needs its parse function (parse.c); one that tests more than
 * one id or keeps more than its literals, as `<` between two ids, `~` and
 * count(...) do, also needs its case in compile.c (fill_test) and eval.c
 * (eval_at when it can hold on an unknown id, any_open, visit_at), and in
 * why_not.c (actual_value) when the answer it shows is more than one id's.
 */
#ifndef KW_OPS_H
#define KW_OPS_H

#include "expr/expr.h"

/* The state of resolving one expression (resolve.c). */
struct kw_resolver {
	struct kw_store *st;
	const struct kw_kb *kb;
	struct kw_arena *arena;         /* the tree's: what resolve adds to it */
	const struct kw_scope *scope;
	struct kw_loc loc;
	struct kw_diags *diags;
	bool ok;
};

struct kw_op {
	const char *word;               /* how it is written after an id, or NULL */
	bool takes_set;                 /* `in {a, b}` rather than one value */
	/* Check the test (ids bound) against its id's type; report problems. */
	void (*check)(struct kw_resolver *r, struct kw_expr *e);
	/* Does the test hold on v, the known value of its id? */
	bool (*holds)(const struct kw_insn *in, const struct kw_value *v,
		      const struct kw_eval *ev);
	/* The test as rule-file text. */
	void (*format)(struct kw_strbuf *sb, const struct kw_kb *kb, const struct kw_insn *in);
	/* Can it never hold, whatever the answers?  (For check's warnings.) */
	bool (*impossible)(const struct kw_kb *kb, const struct kw_insn *in);
};

/* By enum kw_expr_op; the connectives (or, and, not) have no row. */
extern const struct kw_op kw_ops[];
/* The operator written as `word` after an id, or -1. */
int kw_op_by_word(const char *word, size_t len);

/* Resolver helpers the rows share (resolve.c). */
void kw_resolve_error(struct kw_resolver *r, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const struct kw_question *kw_resolve_question(const struct kw_resolver *r, size_t sym);
const char *kw_resolve_what(const struct kw_resolver *r, size_t sym);
bool kw_resolve_numeric(const struct kw_resolver *r, size_t sym);
bool kw_resolve_orphan(const struct kw_resolver *r, size_t sym);
bool kw_resolve_id(struct kw_resolver *r, const char *name, unsigned col, size_t *sym);
/* Every literal of e as a value of its id's type (and the choices' mask). */
bool kw_resolve_values(struct kw_resolver *r, struct kw_expr *e);

#endif
