/*
 * result: what a consult leaves behind, for the renderers and explainers
 * inside the library — the final state (values, certainties, the knots
 * listed, the routine) and the trace: every step the engine and the
 * selection took, in order, with its cause.
 *
 * The trace is the one account of what happened.  Whoever needs to say
 * why (the text's reasons, --explain, --why-not, the questionnaire's
 * `why`) reads its steps; nobody scans the rules to work it out again.
 */
#ifndef KW_RESULT_H
#define KW_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/certainty.h"
#include "expr/expr.h"
#include "knotwise/engine.h"

enum kw_step_kind {
	/* the rules, in firing order */
	KW_STEP_FIRED,          /* rule's condition held; used: the known ids it tested */
	KW_STEP_SET,            /* rule set fact `target` */
	KW_STEP_SET_IGNORED,    /* rule's set of `target` was ignored: rule `other` set it */
	KW_STEP_EVIDENCE,       /* rule gave knot `target` evidence `value`: now `combined` */
	KW_STEP_AVOID,          /* rule avoided tag `target`, the first to */
	KW_STEP_RECOMMEND,      /* rule recommended routine `target`, the first to */
	KW_STEP_TRIAGE,         /* rule raised (or kept) the level to at least `target` */
	/* the selection, after the rules */
	KW_STEP_LISTED,         /* knot `target` listed, at rank `other` (from 1) */
	KW_STEP_BELOW,          /* knot `target`'s certainty `value` is below min_certainty */
	KW_STEP_CUT,            /* knot `target` ranks `other`, past max_knots */
	KW_STEP_CHOSEN,         /* routine `target`, for knot `other` (or KW_NONE), as
				   recommended by `rule` (or KW_NONE: the lowest order) */
	KW_STEP_AVOIDED,        /* routine `target` passed over: tag `other` avoided by `rule` */
	KW_STEP_IF_FAILED,      /* routine `target` passed over: its `if` does not hold */
	KW_STEP_LEFT_OUT,       /* routine `target` did not fit: `value` minutes were left */
	KW_STEP_NO_ROUTINE      /* at level `target` no routine is given at all */
};

struct kw_step {
	enum kw_step_kind kind;
	uint32_t rule, target, other;
	double value, combined;
	uint32_t used, nused;           /* FIRED: a slice of kw_result.used */
};

struct kw_knot_score {
	bool suspected;
	double certainty;               /* combined, not yet rounded (kw_cf_round) */
};

struct kw_result {
	const struct kw_kb *kb;
	const struct kw_answers *answers;
	enum kw_level triage;
	struct kw_value *values;        /* by symbol: answers, then facts */
	struct kw_knot_score *scores;   /* by knot */
	size_t *listed, nlisted;        /* knots reported, best first */
	size_t *routines, nroutines;    /* the routine, in order */
	size_t *left_out, nleft_out;    /* did not fit minutes_from */
	struct kw_step *steps;
	size_t nsteps, steps_cap;
	uint32_t *used;                 /* ids the fired rules used */
	size_t nused, used_cap;
	char **warnings;
	size_t nwarnings, warnings_cap;
	/* the run's own state, kept for the next run on the same kb */
	size_t sized_for[5];            /* symbols, knots, routines, tags, rules */
	uint32_t *avoided_by;           /* by tag: the rule that avoided it */
	bool *recommended;              /* by routine */
	bool *queued;                   /* by rule: on the agenda or fired */
	uint32_t *set_by;               /* by symbol: the rule that set the fact */
	size_t *heap, nheap, heap_cap;
	bool *chosen;                   /* by routine: in the list */
	struct kw_matcher *matcher;     /* the patterns this result's runs use */
};

/* Make the result ready for a run on kb: every list empty, every value
 * unknown, the answers copied in; memory is kept from the last run. */
void kw_result_start(struct kw_result *res, const struct kw_kb *kb,
		     const struct kw_answers *answers);
void kw_trace_step(struct kw_result *res, struct kw_step step);
void kw_result_warn(struct kw_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The rule that avoided `tag` in this run, or KW_NONE. */
uint32_t kw_result_avoider(const struct kw_result *res, size_t tag);
/* Is the routine in the recommendation? */
bool kw_result_has_routine(const struct kw_result *res, size_t routine);

#endif
