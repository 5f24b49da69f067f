/*
 * compile: a resolved tree into the rule set as a flat program (expr.h):
 * each node in preorder, its operands right after it, each subtree's
 * length in its first instruction, literals and count()'s ids in pools.
 */
#include <config.h>

#include "expr/expr.h"
#include "ruleset/store.h"

static uint32_t add_lits(struct kw_store *st, const struct kw_expr *e)
{
	return kw_store_add(st, KW_PART_LITS, e->values, e->nlits);
}

/* count()'s threshold: always a number (the parser sees to it). */
static uint32_t add_threshold(struct kw_store *st, const struct kw_literal *lit)
{
	struct kw_lit l = { .kind = KW_V_NUM, .written = KW_LIT_NUMBER,
			    .text = kw_store_text(st, lit->text), .num = lit->num };
	return kw_store_add(st, KW_PART_LITS, &l, 1);
}

static void fill_test(struct kw_store *st, const struct kw_expr *e, struct kw_insn *in)
{
	in->sym = (uint32_t)e->syms[0];
	in->cmp = (uint8_t)e->cmp;
	in->mask = e->mask;
	switch (e->op) {
	case KW_E_CMP_IDS:
		in->arg = (uint32_t)e->syms[1];
		break;
	case KW_E_MATCH:
		in->arg = e->pattern;
		break;
	case KW_E_COUNT:
		in->n = (uint32_t)e->nnames;
		in->arg = kw_store_add(st, KW_PART_U32, NULL, e->nnames);
		for (size_t i = 0; i < e->nnames; i++)
			*(uint32_t *)kw_store_at(st, KW_PART_U32, in->arg + i) = (uint32_t)e->syms[i];
		in->lit = add_threshold(st, &e->lits[0]);
		break;
	default:
		in->n = (uint32_t)e->nlits;
		in->lit = e->nlits ? add_lits(st, e) : KW_NONE;
	}
}

static uint32_t emit(struct kw_store *st, const struct kw_expr *e)
{
	uint32_t at = kw_store_add(st, KW_PART_CODE, NULL, 1);
	struct kw_insn in = { .op = (uint8_t)e->op, .col = (uint16_t)e->col };

	if (e->op == KW_E_OR || e->op == KW_E_AND || e->op == KW_E_NOT) {
		in.n = (uint32_t)e->nkids;
		for (size_t i = 0; i < e->nkids; i++)
			emit(st, e->kids[i]);
	} else {
		fill_test(st, e, &in);
	}
	in.size = (uint32_t)kw_store_len(st, KW_PART_CODE) - at;
	*(struct kw_insn *)kw_store_at(st, KW_PART_CODE, at) = in;
	return at;
}

uint32_t kw_expr_compile(struct kw_store *st, const struct kw_expr *e)
{
	return emit(st, e);
}
