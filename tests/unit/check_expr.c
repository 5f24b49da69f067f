/* The expression language: parsing, type checks at load, evaluation. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"
#include "unit.h"

static const char *questions =
	"[question pain]\ntext = P\ntype = scale\n"
	"[question area]\ntext = A\ntype = choice\nchoice = neck\nchoice = lower_back\n"
	"[question tools]\ntext = T\ntype = multi\nchoice = ball\nchoice = hands\n"
	"[question numb]\ntext = N\ntype = yesno\n"
	"[question describe]\ntext = D\ntype = text\n"
	"[knot k]\nname = K\n";

/* Load the questions plus one rule whose `if` is cond (on line 23). */
static enum kw_load_status load_cond(const char *cond, struct kw_kb **kb,
				     struct kw_diags *diags)
{
	char ini[8192];
	snprintf(ini, sizeof ini, "%s[rule r]\nif = %s\nthen = suspect k 0.5\n"
		 "because = test\n", questions, cond);
	return unit_load(ini, kb, diags);
}

static void expect_error(const char *cond, const char *text)
{
	struct kw_diags diags = {0};
	struct kw_kb *kb;

	ck_assert_int_eq(load_cond(cond, &kb, &diags), KW_LOAD_INVALID);
	if (!unit_has_diag(&diags, KW_ERROR, 23, text))
		kw_diags_print(&diags, stderr);
	ck_assert_msg(unit_has_diag(&diags, KW_ERROR, 23, text),
		      "no error containing '%s' for: %s", text, cond);
	kw_diags_free(&diags);
	kw_kb_free(kb);
}

/* Does cond hold for these answers? */
static int holds(const char *cond, const char *answers)
{
	struct kw_diags diags = {0};
	struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_result *res;
	int fired;

	ck_assert_int_eq(load_cond(cond, &kb, &diags), KW_LOAD_OK);
	res = unit_consult(kb, answers, &a);
	fired = unit_steps(res, KW_STEP_FIRED) == 1;
	kw_result_free(res);
	kw_answers_free(a);
	kw_kb_free(kb);
	kw_diags_free(&diags);
	return fired;
}

START_TEST(syntax_errors_name_the_column)
{
	expect_error("pain >", "expected a value (column 7)");
	expect_error("pain = 3", "'=' is not a test");
	expect_error("(numb", "expected ')'");
	expect_error("numb AND pain > 1", "keywords are lower case");
	expect_error("describe ~ \"open", "unterminated string");
	expect_error("count(numb, pain) >= x", "must be compared with a number");
	expect_error("", "empty expression");
}
END_TEST

START_TEST(nesting_over_64_is_an_error)
{
	char deep[512] = "", ok[512] = "";

	for (int i = 0; i < 65; i++)
		strcat(deep, "(");
	strcat(deep, "numb");
	for (int i = 0; i < 65; i++)
		strcat(deep, ")");
	expect_error(deep, "nested deeper than 64");
	for (int i = 0; i < 63; i++)
		strcat(ok, "(");
	strcat(ok, "numb");
	for (int i = 0; i < 63; i++)
		strcat(ok, ")");
	ck_assert(holds(ok, "numb = yes"));
}
END_TEST

START_TEST(types_are_checked_at_load)
{
	expect_error("pain has ball", "'has' tests only multi answers");
	expect_error("area < 3", "only numbers and scales can be compared");
	expect_error("tools == ball", "test it with 'has' or 'in'");
	expect_error("numb ~ \"x\"", "'~' matches only text answers");
	expect_error("area == elbow", "'elbow' is not a choice of 'area'");
	expect_error("area == neck_", "did you mean 'neck'?");
	expect_error("numb == maybe", "'maybe' is not yes or no");
	expect_error("pain == high", "'high' is not a number");
}
END_TEST

START_TEST(unknown_ids_get_a_suggestion)
{
	expect_error("pian > 3", "unknown question or fact 'pian'; did you mean 'pain'?");
	expect_error("zzzzzz", "unknown question or fact 'zzzzzz'");
}
END_TEST

START_TEST(bad_regex_gives_its_column)
{
	expect_error("describe ~ \"(abc\"", "missing closing parenthesis (column 17)");
}
END_TEST

START_TEST(unknown_is_false_and_not_unknown_is_true)
{
	ck_assert(!holds("numb", "pain = 3"));
	ck_assert(!holds("pain > 1", "numb = yes"));
	ck_assert(holds("not numb", "pain = 3"));
	ck_assert(holds("not known(numb)", "pain = 3"));
	ck_assert(holds("known(numb)", "numb = no"));
	ck_assert(!holds("numb", "numb = no"));
}
END_TEST

START_TEST(comparisons_sets_and_regexes)
{
	ck_assert(holds("pain >= 5 and pain < 6", "pain = 5"));
	ck_assert(holds("pain != 4", "pain = 5"));
	ck_assert(holds("area in {neck, lower_back}", "area = neck"));
	ck_assert(!holds("area in {lower_back}", "area = neck"));
	ck_assert(holds("tools in {hands}", "tools = ball, hands"));
	ck_assert(holds("tools has ball", "tools = ball"));
	ck_assert(!holds("tools has hands", "tools = ball"));
	ck_assert(!holds("tools", "tools = "));
	ck_assert(holds("describe ~ \"(?i)\\bNUMB\"", "describe = my leg is numb"));
	ck_assert(holds("describe ~ \"say \\\"hi\\\"\"", "describe = say \"hi\""));
	ck_assert(holds("numb or pain > 8", "pain = 9\nnumb = no"));
	ck_assert(holds("pain in {1, 5}", "pain = 5"));
}
END_TEST

START_TEST(count_adds_up_truthy_ids)
{
	ck_assert(holds("count(numb, pain, tools) >= 2", "numb = yes\npain = 3"));
	ck_assert(!holds("count(numb, pain, tools) >= 2", "numb = yes\npain = 0"));
	ck_assert(holds("count(numb, pain) == 0", "numb = no"));
}
END_TEST

START_TEST(catastrophic_regex_is_false_and_warns)
{
	struct kw_diags diags = {0};
	struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_result *res;
	char answers[2200] = "describe = ";

	memset(answers + 11, 'a', 2000);
	answers[2011] = '!';
	answers[2012] = '\0';
	ck_assert_int_eq(load_cond("describe ~ \"(a+)+$\"", &kb, &diags), KW_LOAD_OK);
	res = unit_consult(kb, answers, &a);
	ck_assert_int_eq(unit_steps(res, KW_STEP_FIRED), 0);
	ck_assert_int_eq(res->nwarnings, 1);
	ck_assert(strstr(res->warnings[0], "describe"));
	kw_result_free(res);
	kw_answers_free(a);
	kw_kb_free(kb);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("expr");
	TCase *tc = tcase_create("expr");

	tcase_add_test(tc, syntax_errors_name_the_column);
	tcase_add_test(tc, nesting_over_64_is_an_error);
	tcase_add_test(tc, types_are_checked_at_load);
	tcase_add_test(tc, unknown_ids_get_a_suggestion);
	tcase_add_test(tc, bad_regex_gives_its_column);
	tcase_add_test(tc, unknown_is_false_and_not_unknown_is_true);
	tcase_add_test(tc, comparisons_sets_and_regexes);
	tcase_add_test(tc, count_adds_up_truthy_ids);
	tcase_add_test(tc, catastrophic_regex_is_false_and_warns);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
