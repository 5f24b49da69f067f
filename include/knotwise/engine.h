/*
 * engine: one consult — forward chaining from the answers to a fixpoint,
 * stratum by stratum (SPEC §7), then the knots listed and the routine
 * chosen.  The result depends on nothing but the kb and the answers.
 *
 * Cost: each rule's condition is evaluated once when its stratum starts
 * and again only when a fact it tests is set, so a run costs rules plus
 * firings (times the testers of each fact set), never rules x facts.
 */
#ifndef KNOTWISE_ENGINE_H
#define KNOTWISE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "knotwise/answers.h"
#include "knotwise/kb.h"

struct kw_knot_score {
	bool suspected;
	double certainty;               /* combined, not yet rounded */
	size_t *rules, nrules, cap;     /* rules that suspected it, firing order */
};

struct kw_result {
	enum kw_level triage;
	size_t *triage_rules, ntriage_rules;    /* rules with a triage action */
	struct kw_knot_score *scores;           /* by knot */
	size_t nscores;
	size_t *listed, nlisted;                /* knots reported, best first */
	size_t *routines, nroutines;            /* the routine, in order */
	size_t *left_out, nleft_out;            /* trimmed by minutes_from */
	size_t *avoided, navoided;              /* tags, in firing order */
	size_t *recommended, nrecommended;      /* routines, in firing order */
	size_t *fired, nfired;                  /* rules, in firing order */
	size_t *facts_set, nfacts_set;          /* symbols, in order set */
	struct kw_value *values;                /* by symbol */
	const struct kw_answers *answers;
	char **warnings;
	size_t nwarnings;
	struct {                                /* room allocated for the lists */
		size_t warnings, facts_set, recommended, avoided, triage_rules,
		       fired, routines;
	} caps;
};

/* Build the engine's indexes (strata, testers); false after reporting a
 * cycle through negation, naming its rules. */
bool kw_engine_prepare(struct kw_kb *kb, struct kw_diags *diags);
/* Run one consult; the result must be freed with kw_result_free. */
void kw_engine_run(const struct kw_kb *kb, const struct kw_answers *answers,
		   struct kw_result *result);
void kw_result_free(struct kw_result *result);

/* What the person is told to do now: the advice of the first rule (in
 * firing order) that raised the winning level and has one, else that
 * level's [message]; NULL when there is neither. */
const char *kw_triage_advice(const struct kw_kb *kb, const struct kw_result *result);
/* Does the rule have a `triage LEVEL` action for exactly that level? */
bool kw_rule_raises(const struct kw_rule *rule, enum kw_level level);

/* Certainty factors (MYCIN): combining evidence, and rounding for output. */
double kw_cf_combine(double a, double b);
double kw_cf_round(double cf);

#endif
