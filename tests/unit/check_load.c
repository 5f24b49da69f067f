/* The loader's error paths: every problem found, with its own line. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "util/strbuf.h"
#include "unit.h"

static struct kw_diags diags;
static struct kw_kb *kb;

static enum kw_load_status load(const char *ini)
{
	kw_kb_free(kb);
	kw_diags_free(&diags);
	return unit_load(ini, &kb, &diags);
}

static void teardown(void)
{
	kw_kb_free(kb);
	kb = NULL;
	kw_diags_free(&diags);
}

#define ERROR_AT(line, text) \
	ck_assert_msg(unit_has_diag(&diags, KW_ERROR, line, text), \
		      "no error at line %d containing '%s'", line, text)

START_TEST(long_lines_are_errors_and_keep_line_numbers)
{
	char ini[1024];
	char value[200];

	memset(value, 'x', 195);
	value[195] = '\0';
	snprintf(ini, sizeof ini, "[knot k]\nname = %s\nbad line\n", value);
	ck_assert_int_eq(load(ini), KW_LOAD_INVALID);
	ERROR_AT(2, "line too long (202 bytes, at most 190)");
	ERROR_AT(3, "expected 'key = value'");
}
END_TEST

START_TEST(nul_bytes_are_errors)
{
	static const char ini[] = "[knot k]\nname = a\0hidden = 2\n";
	FILE *fp = fopen("/tmp/kw-unit-nul.ini", "wb");
	const char *sources[] = { "/tmp/kw-unit-nul.ini" };

	fwrite(ini, 1, sizeof ini - 1, fp);
	fclose(fp);
	kw_diags_free(&diags);
	ck_assert_int_eq(kw_load(sources, 1, &kb, &diags), KW_LOAD_INVALID);
	remove(sources[0]);
	ERROR_AT(2, "NUL byte");
}
END_TEST

START_TEST(continuations_join_and_misplaced_indents_fail)
{
	ck_assert_int_eq(load("[knot k]\nname = Upper ; comment\n  trapezius ; more\n"
			      "\twith tab\n"), KW_LOAD_OK);
	ck_assert_str_eq(kw_s(kb, kb->knots[0].name), "Upper trapezius with tab");
	ck_assert_int_eq(load("[knot k]\nname = a\n\n  orphan\n"), KW_LOAD_INVALID);
	ERROR_AT(4, "indented line with no key line directly above it");
	ck_assert_int_eq(load("[knot k]\n  name = a\n"), KW_LOAD_INVALID);
	ERROR_AT(2, "indented line");
	ck_assert_int_eq(load("[knot k]\nname = a\n  where = b\n"), KW_LOAD_OK);
	ck_assert(unit_has_diag(&diags, KW_WARNING, 3, "indented by mistake"));
}
END_TEST

START_TEST(headers_and_keys_are_checked)
{
	ck_assert_int_eq(load("name = a\n[knott k]\n[knot K]\n[knot k\n[knot]\n"
			      "[knot k]\nnmae = a\nname = a\nname = b\n[rule r]\nthen = triage urgent\n"),
			 KW_LOAD_INVALID);
	ERROR_AT(1, "outside any section");
	ERROR_AT(2, "unknown section kind 'knott'");
	ERROR_AT(3, "invalid id 'K'");
	ERROR_AT(4, "must end with ']'");
	ERROR_AT(5, "needs an id");
	ERROR_AT(7, "unknown key 'nmae' in [knot k]; did you mean 'name'?");
	ERROR_AT(9, "key 'name' given twice");
	ERROR_AT(10, "[rule r] has no 'if'");
}
END_TEST

START_TEST(actions_are_checked)
{
	ck_assert_int_eq(load("[question q]\ntext = Q\ntype = yesno\n[knot knot_a]\nname = K\n"
			      "[rule r]\nif = q\nthen = suspect knot_b 0.5\nthen = suspect knot_a 2\n"
			      "then = triage bad\nthen = recommend nothing\nthen = set q\n"
			      "then = jump\nthen = avoid Deep\n"), KW_LOAD_INVALID);
	ERROR_AT(8, "unknown knot 'knot_b'; did you mean 'knot_a'?");
	ERROR_AT(9, "'2' is not a number from -1 to 1");
	ERROR_AT(10, "unknown triage level 'bad'");
	ERROR_AT(11, "unknown routine 'nothing'");
	ERROR_AT(12, "'q' is a question");
	ERROR_AT(13, "unknown action 'jump'");
	ERROR_AT(14, "invalid tag 'Deep'");
}
END_TEST

START_TEST(questions_are_checked)
{
	ck_assert_int_eq(load("[question id]\ntext = x\ntype = yesno\n"
			      "[question c]\ntext = x\ntype = choice\nchoice = unsure\n"
			      "[question s]\ntext = x\ntype = scale\nmin = 5\nmax = 1\n"
			      "[question t]\ntext = x\ntype = yesno\nask_if = later\n"
			      "[question later]\ntext = x\ntype = yesno\norder = 200\n"
			      "[question u]\ntext = x\ntype = number\nunsure = yes\n"), KW_LOAD_INVALID);
	ERROR_AT(1, "'id' is reserved");
	ERROR_AT(7, "'unsure' is reserved");
	ERROR_AT(8, "min is above max");
	ERROR_AT(16, "not asked before this question");
	ERROR_AT(24, "'unsure' is unknown for a non-yesno question");
}
END_TEST

START_TEST(overrides_replace_whole_and_keep_their_place)
{
	ck_assert_int_eq(load("[knot a]\nname = A\nwhere = here\n[knot b]\nname = B\n"
			      "[knot a]\nname = A2\n[knot b]\ndisabled = yes\n"
			      "[settings]\nmax_knots = 2\n[settings]\nmax_knots = 5\n"), KW_LOAD_OK);
	ck_assert_uint_eq(kb->nknots, 1);
	ck_assert_str_eq(kw_s(kb, kb->knots[0].name), "A2");
	ck_assert_uint_eq(kb->knots[0].where_text, 0);
	ck_assert_int_eq(kb->settings->max_knots, 5);
	ck_assert(unit_has_diag(&diags, KW_NOTE, 6, "replaces knot 'a'"));
	ck_assert(unit_has_diag(&diags, KW_NOTE, 8, "disables knot 'b'"));
}
END_TEST

START_TEST(continuing_a_rejected_key_is_safe)
{
	ck_assert_int_eq(load("orphan = a\n  continued\n[knot k]\nname = K\n"
			      "= no key\n  continued\n"), KW_LOAD_INVALID);
	ERROR_AT(1, "outside any section");
	ERROR_AT(5, "missing key before '='");
	ck_assert_str_eq(kw_s(kb, kb->knots[0].name), "K");
}
END_TEST

/* Found by fuzz_load: libinih drops such a line without an error. */
START_TEST(a_comment_before_the_equals_is_an_error)
{
	ck_assert_int_eq(load("[settings]\nmin_certainty ;= 0.5\n"), KW_LOAD_INVALID);
	ERROR_AT(2, "before the ' ;' comment");
}
END_TEST

START_TEST(colon_is_a_separator)
{
	ck_assert_int_eq(load("[knot k]\nname: Colon\n"), KW_LOAD_OK);
	ck_assert_str_eq(kw_s(kb, kb->knots[0].name), "Colon");
}
END_TEST

static enum kw_load_status load_limited(const char *ini, struct kw_limits limits)
{
	kw_kb_free(kb);
	kw_diags_free(&diags);
	return unit_load_limited(ini, &limits, &kb, &diags);
}

START_TEST(limits_are_clear_errors)
{
	struct kw_limits small = kw_default_limits;

	small.sections = 3;
	ck_assert_int_eq(load_limited("[knot a]\nname = A\n[knot b]\nname = B\n"
				      "[knot c]\nname = C\n[knot d]\nname = D\n", small),
			 KW_LOAD_INVALID);
	ERROR_AT(7, "too many sections (at most 3)");
	small = kw_default_limits;
	small.file_bytes = 20;
	ck_assert_int_eq(load_limited("[knot a]\nname = A long enough file\n", small),
			 KW_LOAD_INVALID);
	ck_assert(unit_has_diag(&diags, KW_ERROR, 0, "larger than the limit of 20"));
	small = kw_default_limits;
	small.value_bytes = 40;
	ck_assert_int_eq(load_limited("[knot a]\nname = twenty characters...\n"
				      "  and twenty more characters\n", small), KW_LOAD_INVALID);
	ERROR_AT(3, "value of 'name' longer than 40 bytes");
}
END_TEST

START_TEST(expressions_over_4096_bytes_are_errors)
{
	struct kw_strbuf ini = {0};

	kw_sb_add(&ini, "[question q]\ntext = Q\ntype = yesno\n[rule r]\nthen = set f\nif = q");
	for (int i = 0; i < 50; i++)
		kw_sb_add(&ini, "\n  or q or q or q or q or q or q or q or q or q or q or q or q or q"
			  " or q or q or q or q or q or q or q or q or q or q or q or q or q or q");
	kw_sb_addc(&ini, '\n');
	ck_assert_int_eq(load(kw_sb_str(&ini)), KW_LOAD_INVALID);
	ERROR_AT(6, "expression longer than 4096 bytes");
	kw_sb_free(&ini);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tcase_create("load");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, long_lines_are_errors_and_keep_line_numbers);
	tcase_add_test(tc, nul_bytes_are_errors);
	tcase_add_test(tc, continuations_join_and_misplaced_indents_fail);
	tcase_add_test(tc, headers_and_keys_are_checked);
	tcase_add_test(tc, actions_are_checked);
	tcase_add_test(tc, questions_are_checked);
	tcase_add_test(tc, overrides_replace_whole_and_keep_their_place);
	tcase_add_test(tc, colon_is_a_separator);
	tcase_add_test(tc, continuing_a_rejected_key_is_safe);
	tcase_add_test(tc, a_comment_before_the_equals_is_an_error);
	tcase_add_test(tc, limits_are_clear_errors);
	tcase_add_test(tc, expressions_over_4096_bytes_are_errors);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
