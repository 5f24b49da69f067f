/* The JSON writer (escaping, numbers, layout) and reader (one object). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_reader.h"
#include "util/json_writer.h"
#include "unit.h"

START_TEST(strings_are_escaped)
{
	struct kw_strbuf sb = {0};
	struct kw_json j;

	kw_json_init(&j, &sb, false);
	kw_json_object(&j);
	kw_json_key(&j, "k\"ey");
	kw_json_string(&j, "tab\there \"q\" back\\ \x01 caf\xc3\xa9\nend");
	kw_json_key(&j, "none");
	kw_json_string(&j, NULL);
	kw_json_end(&j, '}');
	ck_assert_str_eq(kw_sb_str(&sb), "{\"k\\\"ey\":\"tab\\there \\\"q\\\" back\\\\ "
			 "\\u0001 caf\xc3\xa9\\nend\",\"none\":null}");
	kw_sb_free(&sb);
}
END_TEST

START_TEST(every_control_character_is_escaped)
{
	struct kw_strbuf sb = {0};
	struct kw_json j;
	const char *raw = "[1,\r 2, \"a \\\" b\"]";
	char *id = kw_json_echo(raw, strlen(raw));

	kw_json_init(&j, &sb, false);
	kw_json_string(&j, "del\x7f c1\xc2\x85 nbsp\xc2\xa0 esc\x1b");
	ck_assert_str_eq(kw_sb_str(&sb), "\"del\\u007f c1\\u0085 nbsp\xc2\xa0 esc\\u001b\"");
	ck_assert_str_eq(id, "[1, 2, \"a \\\" b\"]");
	free(id);
	kw_sb_free(&sb);
}
END_TEST

START_TEST(numbers_and_layout)
{
	struct kw_strbuf sb = {0};
	struct kw_json j;

	kw_json_init(&j, &sb, true);
	kw_json_object(&j);
	kw_json_key(&j, "n");
	kw_json_array(&j);
	kw_json_number(&j, 4);
	kw_json_number(&j, 0.72);
	kw_json_number(&j, -0.5);
	kw_json_bool(&j, true);
	kw_json_end(&j, ']');
	kw_json_key(&j, "empty");
	kw_json_array(&j);
	kw_json_end(&j, ']');
	kw_json_end(&j, '}');
	ck_assert_str_eq(kw_sb_str(&sb), "{\n  \"n\": [\n    4,\n    0.72,\n    -0.5,\n"
			 "    true\n  ],\n  \"empty\": []\n}");
	kw_sb_free(&sb);
}
END_TEST

/* What kw_json_number writes is what printf did: "%.0f" for integers
 * below 2^53, "%.15g" for the rest; checked across the hundredths a
 * result holds and numbers around every edge of the short path. */
static void number_as_printf(double x)
{
	struct kw_strbuf sb = {0};
	struct kw_json j;
	char want[64];

	if (x == floor(x) && fabs(x) < 9007199254740992.0)
		snprintf(want, sizeof want, "%.0f", x);
	else
		snprintf(want, sizeof want, "%.15g", x);
	kw_json_init(&j, &sb, false);
	kw_json_number(&j, x);
	ck_assert_msg(strcmp(kw_sb_str(&sb), want) == 0, "%.17g: wrote %s, printf %s", x,
		      kw_sb_str(&sb), want);
	kw_sb_free(&sb);
}

START_TEST(numbers_are_written_as_printf_would)
{
	static const double edges[] = {
		0.0, -0.0, 0.1 + 0.2, 1.0 / 3, -2.0 / 3, 0.005, 0.015, 0.995, 1e-5, -1e-7,
		999999.99, -999999.99, 1e6, 1e6 - 0.005, 1e6 + 0.01, 123456.78, 1e15, -1e15,
		9007199254740992.0, 9007199254740993.0, 1e300, 5e-324, 0.07, 0.57, -0.29,
	};

	for (int k = -30000; k <= 30000; k++)
		number_as_printf(k / 100.0);
	for (int k = -1000; k <= 1000; k++)
		number_as_printf(k * 999.99);
	for (size_t i = 0; i < sizeof edges / sizeof *edges; i++)
		number_as_printf(edges[i]);
}
END_TEST

static char seen[512];

static void collect(void *data, const struct kw_jmember *m)
{
	static const char *const kinds[] = {
		"string", "number", "true", "false", "null", "strings", "other"
	};
	(void)data;
	snprintf(seen + strlen(seen), sizeof seen - strlen(seen), "%s=%s:%s%s|", m->key,
		 kinds[m->kind], m->kind == KW_J_OTHER ? "" : m->text,
		 m->text_has_nul ? "!" : "");
}

static int read_ok(const char *text)
{
	char err[100];
	unsigned line;

	seen[0] = '\0';
	return kw_json_read_object(text, strlen(text), collect, NULL, err, sizeof err, &line);
}

START_TEST(members_are_read_in_order)
{
	ck_assert(read_ok(" {\"a\": \"x\\u00e9\", \"b\": -1.5e2, \"c\": true, \"d\": null,"
			  " \"e\": [\"p\", \"q\"], \"f\": [1, {\"g\": []}], \"h\": [], \"i\": \"\\u0000\"} "));
	ck_assert_str_eq(seen, "a=string:x\xc3\xa9|b=number:-1.5e2|c=true:true|d=null:null|"
			 "e=strings:p,q|f=other:|h=strings:|i=string:!|");
}
END_TEST

/* Long strings are scanned eight bytes at a time: an escape, a quote or
 * a control character anywhere in them is still seen. */
START_TEST(long_strings_are_read_whole)
{
	ck_assert(read_ok("{\"a_long_key_name\": \"0123456789\\\"quoted\\\" and \\\\ 0123456789\","
			  " \"b_long_key_name\": \"\\u00e9abcdefgh\\nijklmnop\"}"));
	ck_assert_str_eq(seen, "a_long_key_name=string:0123456789\"quoted\" and \\ 0123456789|"
			 "b_long_key_name=string:\xc3\xa9" "abcdefgh\nijklmnop|");
	ck_assert(!read_ok("{\"a\": \"0123456789abcdef\tafter sixteen bytes\"}"));
	ck_assert(!read_ok("{\"a\": \"0123456789abcdef\x01\"}"));
}
END_TEST

START_TEST(anything_else_is_refused)
{
	ck_assert(!read_ok("[1]"));
	ck_assert(!read_ok("{\"a\": 1,}"));
	ck_assert(!read_ok("{\"a\": 01}"));
	ck_assert(!read_ok("{\"a\": \"\\x\"}"));
	ck_assert(!read_ok("{\"a\": \"tab\there\"}"));
	ck_assert(!read_ok("{\"a\": 1} {}"));
	ck_assert(!read_ok("{\"a\": [\"b\",]}"));
	ck_assert(!read_ok("{\"a\" 1}"));
	ck_assert(!read_ok("{\"a\": tru}"));
	ck_assert(!read_ok("{\"a\": \"unterminated}"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, strings_are_escaped);
	tcase_add_test(tc, every_control_character_is_escaped);
	tcase_add_test(tc, numbers_and_layout);
	tcase_add_test(tc, numbers_are_written_as_printf_would);
	tcase_add_test(tc, members_are_read_in_order);
	tcase_add_test(tc, long_strings_are_read_whole);
	tcase_add_test(tc, anything_else_is_refused);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
