/* Certainty factors: MYCIN combination and the rounding of SPEC §7. */
#include <config.h>

#include <math.h>

#include "engine/certainty.h"
#include "unit.h"

START_TEST(positive_evidence_combines)
{
	ck_assert_double_eq_tol(kw_cf_combine(0.6, 0.5), 0.8, 1e-12);
	ck_assert_double_eq_tol(kw_cf_combine(0.4, 0.3), 0.58, 1e-12);
	ck_assert_double_eq_tol(kw_cf_combine(0, 0.7), 0.7, 1e-12);
	ck_assert_double_eq_tol(kw_cf_combine(1, 0.3), 1, 1e-12);
}
END_TEST

START_TEST(negative_evidence_combines)
{
	ck_assert_double_eq_tol(kw_cf_combine(-0.6, -0.5), -0.8, 1e-12);
	ck_assert_double_eq_tol(kw_cf_combine(-0.2, -0.2), -0.36, 1e-12);
}
END_TEST

START_TEST(mixed_evidence_combines)
{
	ck_assert_double_eq_tol(kw_cf_combine(0.8, -0.5), 0.6, 1e-12);
	ck_assert_double_eq_tol(kw_cf_combine(-0.8, 0.5), -0.6, 1e-12);
	ck_assert_double_eq_tol(kw_cf_combine(0.5, -0.5), 0, 1e-12);
	ck_assert_double_eq_tol(kw_cf_combine(1, -1), 0, 1e-12);
}
END_TEST

START_TEST(rounding_is_half_away_from_zero)
{
	ck_assert_double_eq(kw_cf_round(0.625), 0.63);
	ck_assert_double_eq(kw_cf_round(0.715), 0.72);
	ck_assert_double_eq(kw_cf_round(-0.625), -0.63);
	ck_assert_double_eq(kw_cf_round(0.6249), 0.62);
	ck_assert_double_eq(kw_cf_round(0.004), 0);
	ck_assert(!signbit(kw_cf_round(-0.004)));
	ck_assert_double_eq(kw_cf_round(1), 1);
}
END_TEST

/* SPEC §7: within 1e-9 of a half is the half; 2e-9 below it is not. */
START_TEST(a_half_is_within_1e_9)
{
	ck_assert_double_eq(kw_cf_round(0.625 - 0.5e-9), 0.63);
	ck_assert_double_eq(kw_cf_round(0.625 - 2e-9), 0.62);
	ck_assert_double_eq(kw_cf_round(-0.715 + 0.5e-9), -0.72);
	ck_assert_double_eq(kw_cf_round(-0.715 + 2e-9), -0.71);
}
END_TEST

static const char *cf_rules =
	"[question a]\ntext = A\ntype = yesno\n"
	"[question b]\ntext = B\ntype = yesno\n"
	"[knot k]\nname = K\n"
	"[rule sure]\nif = a\nthen = suspect k 1\nbecause = x\n"
	"[rule against]\nif = b\nthen = suspect k -1\nbecause = x\n";

START_TEST(certain_for_and_against_cancel_with_a_warning)
{
	struct kw_kb *kb = unit_kb(cf_rules);
	struct kw_answers *a;
	struct kw_result *res;

	res = unit_consult(kb, "a = yes\nb = yes\n", &a);
	ck_assert_double_eq(res->scores[0].certainty, 0);
	ck_assert_int_eq(res->nwarnings, 1);
	ck_assert_int_eq(res->nlisted, 0);
	kw_result_free(res);
	kw_answers_free(a);
	kw_kb_free(kb);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cf");
	TCase *tc = tcase_create("cf");

	tcase_add_test(tc, positive_evidence_combines);
	tcase_add_test(tc, negative_evidence_combines);
	tcase_add_test(tc, mixed_evidence_combines);
	tcase_add_test(tc, rounding_is_half_away_from_zero);
	tcase_add_test(tc, a_half_is_within_1e_9);
	tcase_add_test(tc, certain_for_and_against_cancel_with_a_warning);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
