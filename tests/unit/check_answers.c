/* Answers: every form, every check of SPEC §4, ask_if and required. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "answers/answers_internal.h"
#include "unit.h"

static const char *rules =
	"[question flag]\ntext = F\ntype = yesno\nrequired = yes\nunsure = yes\norder = 1\n"
	"[question area]\ntext = A\ntype = multi\nchoice = neck\nchoice = lower_back\norder = 2\n"
	"[question sb1]\ntext = S\ntype = yesno\nask_if = area has lower_back\nrequired = yes\norder = 3\n"
	"[question pain]\ntext = P\ntype = scale\n"
	"[question weeks]\ntext = W\ntype = number\nmin = 0\nmax = 520\n"
	"[question side]\ntext = S\ntype = choice\nchoice = left\nchoice = right\n"
	"[question describe]\ntext = D\ntype = text\n";

static struct kw_kb *kb;
static struct kw_answers *answers;
static struct kw_diags diags;

static void setup(void)
{
	kb = unit_kb(rules);
	answers = kw_answers_new(kb);
	diags = (struct kw_diags){0};
}

static void teardown(void)
{
	kw_answers_free(answers);
	kw_kb_free(kb);
	kw_diags_free(&diags);
}

static bool read(const char *text)
{
	kw_answers_clear(kb, answers);
	kw_diags_free(&diags);
	return kw_answers_read(kb, answers, text, strlen(text), "answers", &diags) &&
	       kw_answers_finish(kb, answers, false, &diags);
}

static const struct kw_value *value(const char *id)
{
	size_t q;
	ck_assert(kw_kb_find_symbol(kb, id, &q));
	return &answers->values[q];
}

START_TEST(lines_give_typed_values)
{
	ck_assert(read("# comment\n; comment\nflag = Y\narea = neck , lower_back\nsb1 = no\n"
		       "pain = 7\nweeks = 0.5\nside = right\ndescribe = It burns; a lot = yes\n"));
	ck_assert(value("flag")->u.b);
	ck_assert_uint_eq(value("area")->u.set, 3);
	ck_assert_double_eq(value("pain")->u.num, 7);
	ck_assert_double_eq(value("weeks")->u.num, 0.5);
	ck_assert_uint_eq(value("side")->u.choice, 1);
	ck_assert_str_eq(value("describe")->u.str, "It burns; a lot = yes");
}
END_TEST

START_TEST(json_gives_the_same_values)
{
	ck_assert(read("  {\"flag\": true, \"area\": [\"neck\"], \"pain\": 7, "
		       "\"weeks\": 0.5, \"side\": \"left\", \"describe\": null}"));
	ck_assert(value("flag")->u.b);
	ck_assert_uint_eq(value("area")->u.set, 1);
	ck_assert_double_eq(value("weeks")->u.num, 0.5);
	ck_assert_int_eq(value("describe")->kind, KW_V_UNKNOWN);
}
END_TEST

static void expect_bad(const char *text, const char *message)
{
	ck_assert(!read(text));
	ck_assert_msg(unit_has_diag(&diags, KW_ERROR, 0, message),
		      "no error containing '%s'", message);
}

START_TEST(bad_values_name_the_question)
{
	expect_bad("flag = maybe", "invalid answer 'maybe' to 'flag': expected yes or no");
	expect_bad("flag = no\npain = 11", "to 'pain': expected a whole number from 0 to 10");
	expect_bad("flag = no\npain = 2.5", "'pain'");
	expect_bad("flag = no\nweeks = 1e3", "'weeks'");
	expect_bad("flag = no\nside = up", "expected left, right");
	expect_bad("flag = no\narea = neck, elbow", "'area'");
}
END_TEST

START_TEST(unknown_and_duplicate_ids_are_errors)
{
	expect_bad("flag = no\npian = 3", "unknown question 'pian'; did you mean 'pain'?");
	expect_bad("flag = no\nflag = yes", "'flag' is answered twice");
	expect_bad("{\"flag\": \"no\", \"flag\": \"yes\"}", "'flag' is answered twice");
	expect_bad("flag no", "expected 'ID = VALUE'");
}
END_TEST

START_TEST(json_strings_numbers_and_arrays_decode)
{
	ck_assert(read("{\"flag\": false, \"describe\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\\",\n"
		       " \"pain\": 1e1, \"area\": [ ], \"weeks\": 0.5e1, \"side\": null}"));
	ck_assert_str_eq(value("describe")->u.str, "caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" \\");
	ck_assert_double_eq(value("pain")->u.num, 10);
	ck_assert_uint_eq(value("area")->u.set, 0);
	ck_assert_int_eq(value("side")->kind, KW_V_UNKNOWN);
}
END_TEST

START_TEST(bad_json_is_one_clear_error)
{
	expect_bad("{\"flag\": \"no\",}", "expected a \"key\"");
	expect_bad("{\"flag\": \"no\"} x", "text after the object");
	expect_bad("{\n\"flag\":\n  nope}", "unexpected character");
	ck_assert(unit_has_diag(&diags, KW_ERROR, 3, "unexpected"));
	expect_bad("{\"flag\": \"no\", \"describe\": \"a\\u0000b\"}", "'describe' must be a string");
	expect_bad("{\"flag\": \"no\", \"area\": [\"neck,lower_back\"]}", "'area' must be");
	expect_bad("{\"flag\": \"no\", \"area\": [\"neck\",]}", "unexpected character");
	expect_bad("{\"flag\": \"\\ud800\"}", "lone high surrogate");
	expect_bad("{\"flag\": \"no\", \"id\": {\"a\": [1]}}", "unknown question 'id'");
	expect_bad("{\"flag\": 01}", "expected ',' or '}'");
}
END_TEST

START_TEST(batch_ids_are_kept_as_written)
{
	const char *text = "{\"id\": {\"a\": [1, 2.5e3, \"x\"]}, \"flag\": \"no\"}";
	char *id = NULL;

	ck_assert(kw_answers_read_json(kb, answers, text, strlen(text), (struct kw_loc){0},
				       &id, &diags));
	ck_assert_str_eq(id, "{\"a\": [1, 2.5e3, \"x\"]}");
	free(id);
}
END_TEST

START_TEST(invalid_utf8_and_long_text_are_errors)
{
	char text[5000] = "flag = no\ndescribe = ";

	expect_bad("flag = no\ndescribe = caf\xC3", "not valid UTF-8");
	memset(text + strlen(text), 'x', 4097);
	expect_bad(text, "at most 4096 bytes");
}
END_TEST

START_TEST(unsure_takes_the_questions_unsure_value)
{
	ck_assert(read("flag = UNSURE\npain = unsure\n"));
	ck_assert(value("flag")->u.b);
	ck_assert_int_eq(value("pain")->kind, KW_V_UNKNOWN);
	ck_assert_uint_eq(answers->nwarnings, 2);
}
END_TEST

START_TEST(required_questions_must_be_answered)
{
	expect_bad("pain = 3", "required questions left unanswered: flag");
}
END_TEST

START_TEST(partial_warns_instead)
{
	const char *text = "pain = 3";
	ck_assert(kw_answers_read(kb, answers, text, strlen(text), "a", &diags));
	ck_assert(kw_answers_finish(kb, answers, true, &diags));
	ck_assert_uint_eq(answers->nwarnings, 1);
	ck_assert_ptr_nonnull(strstr(answers->warnings[0], "flag"));
}
END_TEST

START_TEST(ask_if_drops_answers_and_requirements)
{
	ck_assert(read("flag = no\narea = neck\nsb1 = yes"));
	ck_assert_int_eq(value("sb1")->kind, KW_V_UNKNOWN);
	ck_assert_uint_eq(answers->nwarnings, 1);
	expect_bad("flag = no\narea = lower_back", "unanswered: sb1");
}
END_TEST

START_TEST(set_overrides_and_checks)
{
	ck_assert(kw_answers_set(kb, answers, "pain=4", &diags));
	ck_assert(kw_answers_set(kb, answers, "pain = 5", &diags));
	ck_assert_double_eq(value("pain")->u.num, 5);
	ck_assert(!kw_answers_set(kb, answers, "pain", &diags));
	ck_assert(unit_has_diag(&diags, KW_ERROR, 0, "expected ID=VALUE"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("answers");
	TCase *tc = tcase_create("answers");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lines_give_typed_values);
	tcase_add_test(tc, json_gives_the_same_values);
	tcase_add_test(tc, bad_values_name_the_question);
	tcase_add_test(tc, unknown_and_duplicate_ids_are_errors);
	tcase_add_test(tc, invalid_utf8_and_long_text_are_errors);
	tcase_add_test(tc, json_strings_numbers_and_arrays_decode);
	tcase_add_test(tc, bad_json_is_one_clear_error);
	tcase_add_test(tc, batch_ids_are_kept_as_written);
	tcase_add_test(tc, unsure_takes_the_questions_unsure_value);
	tcase_add_test(tc, required_questions_must_be_answered);
	tcase_add_test(tc, partial_warns_instead);
	tcase_add_test(tc, ask_if_drops_answers_and_requirements);
	tcase_add_test(tc, set_overrides_and_checks);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
