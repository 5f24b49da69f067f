/* The handout's parts: escaping for HTML, the model read from a result,
 * and the drawing's marks and labels. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "render/back.h"
#include "render/handout.h"
#include "render/html_escape.h"

static char *escaped(const char *s)
{
	struct kw_strbuf sb = {0};

	kw_html_text(&sb, s);
	return sb.data ? sb.data : calloc(1, 1);
}

START_TEST(markup_becomes_text)
{
	char *s = escaped("<b a=\"1\" b='2'>&amp;</b>");

	ck_assert_str_eq(s, "&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;amp;&lt;/b&gt;");
	free(s);
}
END_TEST

START_TEST(direction_marks_become_references)
{
	char *s = escaped("a\xe2\x80\x8f" "b\xe2\x80\xae" "c\xe2\x81\xa7" "d\xd8\x9c" "e");

	ck_assert_str_eq(s, "a&#x200F;b&#x202E;c&#x2067;d&#x61C;e");
	free(s);
	s = escaped("\xc3\xa9\xe2\x80\x94\xf0\x9f\x98\x80");    /* é — 😀 stay as they are */
	ck_assert_str_eq(s, "\xc3\xa9\xe2\x80\x94\xf0\x9f\x98\x80");
	free(s);
}
END_TEST

START_TEST(control_characters_become_blanks)
{
	char *s = escaped("a\x01" "b\x7f" "c\xc2\x85" "d\te\nf");

	ck_assert_str_eq(s, "a b c d\te\nf");
	free(s);
}
END_TEST

START_TEST(a_cut_keeps_whole_characters)
{
	struct kw_strbuf sb = {0};

	kw_html_text_cut(&sb, "short", 10);
	ck_assert_str_eq(kw_sb_str(&sb), "short");
	kw_sb_reset(&sb);
	kw_html_text_cut(&sb, "\xc3\xa9\xc3\xa9\xc3\xa9", 5);       /* ééé: 6 bytes */
	ck_assert_str_eq(kw_sb_str(&sb), "\xc3\xa9\xc3\xa9\xe2\x80\xa6");
	kw_sb_reset(&sb);
	kw_html_text_cut(&sb, "one two three four", 16);
	ck_assert_str_eq(kw_sb_str(&sb), "one two three\xe2\x80\xa6");
	kw_sb_reset(&sb);
	kw_html_text_cut(&sb, "a<b<c<d", 4);
	ck_assert_str_eq(kw_sb_str(&sb), "a&lt;b&lt;\xe2\x80\xa6");
	kw_sb_free(&sb);
}
END_TEST

static const char rules[] =
	"[settings]\nside_from = side\nregions_from = area\npain_from = pain\n"
	"[question area]\ntext = Where?\ntype = multi\nchoice = neck\nchoice = lower_back\n"
	"[question side]\ntext = Side?\ntype = choice\nchoice = left | Left side\n"
	"choice = right\nchoice = both\n"
	"[question pain]\ntext = How bad?\ntype = scale\n"
	"[question words]\ntext = Say it\ntype = text\n"
	"[knot drawn]\nname = A very long knot name that will not fit on one line\nmap = 40, 60\n"
	"[knot undrawn]\nname = Deep\n"
	"[rule r]\nif = pain >= 1\nthen = suspect drawn 0.7\nthen = suspect undrawn 0.4\n"
	"because = Pain.\n"
	"[routine r1]\ntitle = Press\nkind = release\nfor = drawn\nstep = Press.\nminutes = 2\n";

static struct kw_handout *handout(const char *answers, struct kw_kb **kb,
				  struct kw_result **res, struct kw_answers **a)
{
	*kb = unit_kb(rules);
	*res = unit_consult(*kb, answers, a);
	return kw_handout_new(*kb, *res);
}

static void done(struct kw_handout *h, struct kw_kb *kb, struct kw_result *res,
		 struct kw_answers *a)
{
	kw_handout_free(h);
	kw_result_free(res);
	kw_answers_free(a);
	kw_kb_free(kb);
}

START_TEST(the_model_reads_the_result)
{
	struct kw_kb *kb;
	struct kw_result *res;
	struct kw_answers *a;
	struct kw_handout *h = handout("pain = 6\nside = left\narea = neck, lower_back\n"
				       "words = sore\n", &kb, &res, &a);

	ck_assert_int_eq(h->nknots, 2);
	ck_assert(h->knots[0].likely && h->knots[0].has_map);
	ck_assert(!h->knots[1].likely && !h->knots[1].has_map);
	ck_assert_int_eq(h->side, KW_SIDE_LEFT);
	ck_assert_str_eq(h->side_words, "Left side");
	ck_assert_int_eq(h->nregions, 2);
	ck_assert_str_eq(h->regions[1], "lower back");
	ck_assert(h->has_pain);
	ck_assert_double_eq(h->pain, 6);
	ck_assert_double_eq(h->pain_max, 10);
	ck_assert_int_eq(h->nown_words, 1);
	ck_assert_int_eq(h->nroutines, 1);
	ck_assert_int_eq(h->routines[0].nknots, 1);
	ck_assert_int_eq(h->routines[0].knots[0], 0);
	ck_assert_int_eq(h->minutes, 2);
	done(h, kb, res, a);
}
END_TEST

START_TEST(sides_follow_the_answer)
{
	static const struct { const char *answer; enum kw_side side; } cases[] = {
		{ "pain = 6\nside = right\n", KW_SIDE_RIGHT },
		{ "pain = 6\nside = both\n", KW_SIDE_BOTH },
		{ "pain = 6\n", KW_SIDE_BOTH },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct kw_kb *kb;
		struct kw_result *res;
		struct kw_answers *a;
		struct kw_handout *h = handout(cases[i].answer, &kb, &res, &a);
		ck_assert_int_eq(h->side, cases[i].side);
		if (h->side == KW_SIDE_RIGHT)   /* a choice without a label: no id shown */
			ck_assert_ptr_null(h->side_words);
		done(h, kb, res, a);
	}
}
END_TEST

static int occurrences(const char *s, const char *what)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

START_TEST(the_drawing_marks_only_knots_with_a_map)
{
	struct kw_kb *kb;
	struct kw_result *res;
	struct kw_answers *a;
	struct kw_handout *h = handout("pain = 6\nside = both\n", &kb, &res, &a);
	struct kw_strbuf svg = {0};

	ck_assert(kw_back_has_marks(h));
	kw_back_svg(&svg, h);
	ck_assert_int_eq(occurrences(kw_sb_str(&svg), "class=\"dot\""), 2);
	ck_assert_int_eq(occurrences(kw_sb_str(&svg), "Deep"), 0);
	/* a long name: three lines at most, the last one ending in an ellipsis */
	ck_assert_int_eq(occurrences(kw_sb_str(&svg), "<tspan"), 6);
	ck_assert_int_eq(occurrences(kw_sb_str(&svg), "\xe2\x80\xa6</tspan>"), 2);
	ck_assert_int_eq(occurrences(kw_sb_str(&svg), ">A very long</tspan>"), 2);
	kw_sb_free(&svg);
	done(h, kb, res, a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("handout");
	TCase *tc = tcase_create("handout");

	tcase_add_test(tc, markup_becomes_text);
	tcase_add_test(tc, direction_marks_become_references);
	tcase_add_test(tc, control_characters_become_blanks);
	tcase_add_test(tc, a_cut_keeps_whole_characters);
	tcase_add_test(tc, the_model_reads_the_result);
	tcase_add_test(tc, sides_follow_the_answer);
	tcase_add_test(tc, the_drawing_marks_only_knots_with_a_map);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
