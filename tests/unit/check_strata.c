/* Stratified negation, cycle detection and firing order. */
#include <config.h>

#include <string.h>

#include "unit.h"

static const char *fired_ids(const struct kw_kb *kb, const struct kw_result *res)
{
	static char buf[512];

	buf[0] = '\0';
	for (size_t i = 0; i < res->nsteps; i++) {
		if (res->steps[i].kind != KW_STEP_FIRED)
			continue;
		if (buf[0])
			strcat(buf, " ");
		strcat(buf, kw_s(kb, kb->rules[res->steps[i].rule].id));
	}
	return buf;
}

static const char *fire(const char *ini, const char *answers)
{
	struct kw_kb *kb = unit_kb(ini);
	struct kw_answers *a;
	struct kw_result *res;
	const char *ids;

	res = unit_consult(kb, answers, &a);
	ids = fired_ids(kb, res);
	kw_result_free(res);
	kw_answers_free(a);
	kw_kb_free(kb);
	return ids;
}

#define Q "[question q]\ntext = Q\ntype = yesno\n"

START_TEST(negation_waits_for_every_setter)
{
	/* `late` sets f after `early` would have fired on `not f` */
	ck_assert_str_eq(fire(Q "[rule early]\nif = not f\nthen = set g\npriority = 9\n"
			      "[rule late]\nif = q\nthen = set f\npriority = -9\n",
			      "q = yes"), "late");
	ck_assert_str_eq(fire(Q "[rule early]\nif = not f\nthen = set g\n"
			      "[rule late]\nif = q\nthen = set f\n", "q = no"), "early");
}
END_TEST

START_TEST(strata_chain_through_several_levels)
{
	ck_assert_str_eq(fire(Q "[rule c]\nif = not b\nthen = set c\n"
			      "[rule b]\nif = not a\nthen = set b\n"
			      "[rule a]\nif = q\nthen = set a\n", "q = yes"), "a c");
}
END_TEST

START_TEST(count_is_a_negative_test)
{
	ck_assert_str_eq(fire(Q "[rule score]\nif = count(x, y) >= 2\nthen = set s\n"
			      "[rule x]\nif = q\nthen = set x\n"
			      "[rule y]\nif = x\nthen = set y\n", "q = yes"), "x y score");
}
END_TEST

START_TEST(priority_then_load_order_within_a_stratum)
{
	ck_assert_str_eq(fire(Q "[rule a]\nif = q\nthen = set a\n"
			      "[rule b]\nif = q\nthen = set b\npriority = 5\n"
			      "[rule c]\nif = a\nthen = set c\npriority = 9\n"
			      "[rule d]\nif = q\nthen = set d\n", "q = yes"), "b a c d");
}
END_TEST

START_TEST(each_rule_fires_once)
{
	ck_assert_str_eq(fire(Q "[rule a]\nif = q or a\nthen = set a\n", "q = yes"), "a");
}
END_TEST

static void expect_cycle(const char *ini, const char *names)
{
	struct kw_diags diags = {0};
	struct kw_kb *kb;

	ck_assert_int_eq(unit_load(ini, &kb, &diags), KW_LOAD_INVALID);
	ck_assert_msg(unit_has_diag(&diags, KW_ERROR, 0, names), "no cycle naming %s", names);
	kw_diags_free(&diags);
	kw_kb_free(kb);
}

START_TEST(negative_cycles_are_rejected_naming_the_rules)
{
	expect_cycle(Q "[rule make_a]\nif = q and not b\nthen = set a\n"
		     "[rule make_b]\nif = q and not a\nthen = set b\n", "'make_a', 'make_b'");
	expect_cycle(Q "[rule self]\nif = not s\nthen = set s\n", "'self'");
	expect_cycle(Q "[rule a]\nif = c\nthen = set a\n"
		     "[rule b]\nif = a\nthen = set b\n"
		     "[rule c]\nif = count(b, q) > 0\nthen = set c\n", "'a', 'b', 'c'");
}
END_TEST

START_TEST(positive_cycles_are_fine)
{
	ck_assert_str_eq(fire(Q "[rule a]\nif = q or b\nthen = set a\n"
			      "[rule b]\nif = a\nthen = set b\n", "q = yes"), "a b");
}
END_TEST

START_TEST(a_fact_keeps_its_first_value)
{
	struct kw_kb *kb = unit_kb(Q "[rule one]\nif = q\nthen = set f = 1\npriority = 2\n"
				   "[rule two]\nif = q\nthen = set f = 2\n");
	struct kw_answers *a;
	struct kw_result *res;
	size_t f;

	res = unit_consult(kb, "q = yes", &a);
	ck_assert(kw_kb_find_symbol(kb, "f", &f));
	ck_assert_double_eq(res->values[f].u.num, 1);
	ck_assert_int_eq(res->nwarnings, 1);
	ck_assert_ptr_nonnull(strstr(res->warnings[0], "'two'"));
	kw_result_free(res);
	kw_answers_free(a);
	kw_kb_free(kb);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("strata");
	TCase *tc = tcase_create("strata");

	tcase_add_test(tc, negation_waits_for_every_setter);
	tcase_add_test(tc, strata_chain_through_several_levels);
	tcase_add_test(tc, count_is_a_negative_test);
	tcase_add_test(tc, priority_then_load_order_within_a_stratum);
	tcase_add_test(tc, each_rule_fires_once);
	tcase_add_test(tc, negative_cycles_are_rejected_naming_the_rules);
	tcase_add_test(tc, positive_cycles_are_fine);
	tcase_add_test(tc, a_fact_keeps_its_first_value);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
