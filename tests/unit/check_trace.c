/* The trace: each firing with the answers it used, each action's effect
 * and each selection decision, in order, with its cause. */
#include <config.h>

#include <string.h>

#include "unit.h"

#define BASE \
	"[settings]\nminutes_from = minutes\nmax_knots = 1\n" \
	"[question q]\ntext = Q?\ntype = yesno\n" \
	"[question pain]\ntext = Pain?\ntype = scale\n" \
	"[question minutes]\ntext = Minutes?\ntype = number\nmin = 0\nmax = 60\n" \
	"[knot k]\nname = K\n[knot k2]\nname = K2\n[knot k3]\nname = K3\n"

/* The first step of that kind, or fail. */
static const struct kw_step *first(const struct kw_result *res, enum kw_step_kind kind)
{
	for (size_t i = 0; i < res->nsteps; i++)
		if (res->steps[i].kind == kind)
			return &res->steps[i];
	ck_abort_msg("no step of kind %d", (int)kind);
	return NULL;
}

static struct kw_result *run(const char *rules, const char *answers, struct kw_kb **kb,
			     struct kw_answers **a)
{
	*kb = unit_kb(rules);
	return unit_consult(*kb, answers, a);
}

static void done(struct kw_result *res, struct kw_kb *kb, struct kw_answers *a)
{
	kw_result_free(res);
	kw_answers_free(a);
	kw_kb_free(kb);
}

START_TEST(a_firing_records_the_answers_it_used)
{
	struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_result *res = run(BASE "[rule r]\nif = q and pain >= 5 and not minutes\n"
				    "then = suspect k 0.5\n", "q = yes\npain = 7\n", &kb, &a);
	const struct kw_step *s = first(res, KW_STEP_FIRED);
	size_t q, pain;

	ck_assert(kw_kb_find_symbol(kb, "q", &q) && kw_kb_find_symbol(kb, "pain", &pain));
	ck_assert_uint_eq(s->nused, 2);         /* minutes was not answered */
	ck_assert_uint_eq(res->used[s->used], q);
	ck_assert_uint_eq(res->used[s->used + 1], pain);
	done(res, kb, a);
}
END_TEST

START_TEST(evidence_records_the_combined_certainty)
{
	struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_result *res = run(BASE "[rule r1]\nif = q\nthen = suspect k 0.6\n"
				    "[rule r2]\nif = q\nthen = suspect k 0.5\n", "q = yes\n", &kb, &a);
	size_t n = 0;

	for (size_t i = 0; i < res->nsteps; i++)
		if (res->steps[i].kind == KW_STEP_EVIDENCE && ++n == 2) {
			ck_assert_double_eq_tol(res->steps[i].value, 0.5, 1e-12);
			ck_assert_double_eq_tol(res->steps[i].combined, 0.8, 1e-12);
		}
	ck_assert_uint_eq(n, 2);
	done(res, kb, a);
}
END_TEST

START_TEST(a_second_value_for_a_fact_is_recorded_as_ignored)
{
	struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_result *res = run(BASE "[rule one]\nif = q\nthen = set f = 1\npriority = 1\n"
				    "[rule two]\nif = q\nthen = set f = 2\n", "q = yes\n", &kb, &a);
	const struct kw_step *s = first(res, KW_STEP_SET_IGNORED);

	ck_assert_str_eq(kw_s(kb, kb->rules[s->rule].id), "two");
	ck_assert_str_eq(kw_s(kb, kb->rules[s->other].id), "one");
	done(res, kb, a);
}
END_TEST

START_TEST(knots_are_listed_below_or_cut_with_their_rank)
{
	struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_result *res = run(BASE "[rule r]\nif = q\nthen = suspect k 0.9\n"
				    "then = suspect k2 0.5\nthen = suspect k3 0.1\n",
				    "q = yes\n", &kb, &a);

	ck_assert_str_eq(kw_s(kb, kb->knots[first(res, KW_STEP_LISTED)->target].id), "k");
	ck_assert_str_eq(kw_s(kb, kb->knots[first(res, KW_STEP_CUT)->target].id), "k2");
	ck_assert_uint_eq(first(res, KW_STEP_CUT)->other, 2);
	ck_assert_str_eq(kw_s(kb, kb->knots[first(res, KW_STEP_BELOW)->target].id), "k3");
	done(res, kb, a);
}
END_TEST

#define ROUTINES \
	"[routine firm]\ntitle = Firm\nkind = release\nfor = k\nstep = s\nminutes = 3\n" \
	"tags = deep_pressure\norder = 1\n" \
	"[routine gentle]\ntitle = Gentle\nkind = release\nfor = k\nstep = s\nminutes = 2\n" \
	"order = 2\n" \
	"[routine stretch]\ntitle = Stretch\nkind = stretch\nfor = k\nstep = s\nminutes = 5\n" \
	"if = pain >= 1\n"

START_TEST(selection_records_who_avoided_and_what_was_chosen)
{
	struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_result *res = run(BASE ROUTINES "[rule r]\nif = q\nthen = suspect k 0.9\n"
				    "[rule careful]\nif = q\nthen = avoid deep_pressure\n",
				    "q = yes\nminutes = 10\n", &kb, &a);
	const struct kw_step *avoided = first(res, KW_STEP_AVOIDED);
	const struct kw_step *chosen = first(res, KW_STEP_CHOSEN);

	ck_assert_str_eq(kw_s(kb, kb->routines[avoided->target].id), "firm");
	ck_assert_str_eq(kw_s(kb, kb->rules[avoided->rule].id), "careful");
	ck_assert_str_eq(kw_s(kb, kb->tags[avoided->other]), "deep_pressure");
	ck_assert_str_eq(kw_s(kb, kb->routines[chosen->target].id), "gentle");
	ck_assert_str_eq(kw_s(kb, kb->knots[chosen->other].id), "k");
	ck_assert_uint_eq(chosen->rule, KW_NONE);       /* by order, not recommended */
	ck_assert_str_eq(kw_s(kb, kb->routines[first(res, KW_STEP_IF_FAILED)->target].id), "stretch");
	done(res, kb, a);
}
END_TEST

START_TEST(minutes_left_out_and_recommendations_are_recorded)
{
	struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_result *res = run(BASE ROUTINES "[rule r]\nif = q\nthen = suspect k 0.9\n"
				    "then = recommend stretch\n",
				    "q = yes\npain = 4\nminutes = 4\n", &kb, &a);
	const struct kw_step *left = first(res, KW_STEP_LEFT_OUT);

	ck_assert_str_eq(kw_s(kb, kb->routines[first(res, KW_STEP_RECOMMEND)->target].id), "stretch");
	ck_assert_str_eq(kw_s(kb, kb->routines[left->target].id), "stretch");
	ck_assert_double_eq(left->value, 1);    /* 4 minutes, the firm release took 3 */
	done(res, kb, a);
}
END_TEST

START_TEST(urgent_care_records_that_no_routine_is_given)
{
	struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_result *res = run(BASE ROUTINES "[rule r]\nif = q\nthen = suspect k 0.9\n"
				    "then = triage urgent\n", "q = yes\n", &kb, &a);

	ck_assert_uint_eq(first(res, KW_STEP_NO_ROUTINE)->target, KW_URGENT);
	ck_assert_uint_eq(unit_steps(res, KW_STEP_CHOSEN), 0);
	ck_assert_uint_eq(first(res, KW_STEP_TRIAGE)->target, KW_URGENT);
	done(res, kb, a);
}
END_TEST

START_TEST(a_result_serves_the_next_run)
{
	struct kw_kb *kb = unit_kb(BASE "[rule r]\nif = q\nthen = suspect k 0.9\n");
	struct kw_answers *a;
	struct kw_result *res = unit_consult(kb, "q = yes\n", &a);

	ck_assert_uint_eq(res->nlisted, 1);
	kw_answers_clear(kb, a);
	kw_engine_run(kb, a, res);
	ck_assert_uint_eq(res->nlisted, 0);
	ck_assert_uint_eq(unit_steps(res, KW_STEP_FIRED), 0);
	done(res, kb, a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("trace");

	tcase_add_test(tc, a_firing_records_the_answers_it_used);
	tcase_add_test(tc, evidence_records_the_combined_certainty);
	tcase_add_test(tc, a_second_value_for_a_fact_is_recorded_as_ignored);
	tcase_add_test(tc, knots_are_listed_below_or_cut_with_their_rank);
	tcase_add_test(tc, selection_records_who_avoided_and_what_was_chosen);
	tcase_add_test(tc, minutes_left_out_and_recommendations_are_recorded);
	tcase_add_test(tc, urgent_care_records_that_no_routine_is_given);
	tcase_add_test(tc, a_result_serves_the_next_run);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
