/* The journal: reading records from hostile lines, the current episode,
 * the answers filled from it and taken back, the last consult in words,
 * and the record a consult appends. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answers/answers_internal.h"
#include "journal/consult.h"
#include "ruleset/ruleset.h"
#include "unit.h"
#include "util/arena.h"
#include "util/clock.h"

static const char rules[] =
	"[settings]\npain_from = pain\nregions_from = area\nepisode_from = same\n"
	"[question area]\ntext = Where?\ntype = multi\n"
	"choice = lower_back | Lower back - around belt level\nchoice = neck | Neck\n"
	"[question pain]\ntext = How bad?\ntype = scale\n"
	"[question tools]\ntext = Tools?\ntype = multi\nchoice = ball\nchoice = hands\n"
	"[question same]\ntext = Same pain?\ntype = yesno\nask_if = known(consults)\norder = 200\n"
	"[question routine_days_since_last]\ntext = Days?\ntype = number\nmin = 0\nmax = 365\n"
	"ask_if = known(consults) and not same == no\norder = 201\n"
	"[question consults]\ntext = c\ntype = number\nmin = 0\nmax = 1000\njournal = consults\norder = 0\n"
	"[question first_days]\ntext = f\ntype = number\nmin = 0\nmax = 100000\n"
	"journal = days_since_first\norder = 0\n"
	"[question last_days]\ntext = l\ntype = number\nmin = 0\nmax = 100000\n"
	"journal = days_since_last\norder = 0\n"
	"[question first_pain]\ntext = fp\ntype = scale\njournal = first_pain\norder = 0\n"
	"[question last_pain]\ntext = lp\ntype = scale\njournal = last_pain\norder = 0\n"
	"[question last_level]\ntext = ll\ntype = choice\nchoice = self_care\nchoice = professional\n"
	"choice = urgent\nchoice = emergency\njournal = last_level\norder = 0\n"
	"[question routine_days]\ntext = rd\ntype = number\nmin = 0\nmax = 100000\n"
	"journal = routine_days\norder = 0\n"
	"[question few]\ntext = few\ntype = number\nmin = 0\nmax = 1\njournal = consults\norder = 0\n"
	"[knot ql]\nname = Quadratus lumborum\nregion = lower_back\n"
	"[routine ql_ball]\ntitle = Ball on the low back\nkind = release\nfor = ql\n"
	"step = Lean on it.\nminutes = 5\n"
	"[rule sore]\nif = pain >= 1\nthen = suspect ql 0.8\nbecause = It hurts there.\n";

/* 2026-12-01T09:30:00Z, and whole days before it. */
static time_t now(void)
{
	time_t t;

	ck_assert(kw_clock_parse("2026-12-01T09:30:00Z", &t));
	return t;
}

static char *day(int days_before, char buf[21])
{
	kw_clock_format(now() - (time_t)days_before * 86400, buf);
	return buf;
}

/* A record line of episode `episode`, `days_before` now. */
static char *record(int days_before, int episode, int pain, const char *level,
		    const char *more, char *buf, size_t size)
{
	char t[21];

	snprintf(buf, size, "{\"version\": 1, \"time\": \"%s\", \"episode\": %d, \"answers\": "
		 "{\"area\": [\"lower_back\", \"neck\"], \"pain\": %d, \"tools\": [\"ball\"]%s}, "
		 "\"level\": \"%s\", \"knots\": [\"ql\"], \"routine\": [\"ql_ball\"]}",
		 day(days_before, t), episode, pain, more, level);
	return buf;
}

static char path[] = "/tmp/kw-journal-XXXXXX";

/* Write text to a fresh journal file (mode 0600); its path. */
static const char *journal_file(const char *text)
{
	int fd;

	strcpy(path, "/tmp/kw-journal-XXXXXX");
	ck_assert_int_ge(fd = mkstemp(path), 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static struct kw_journal *read_journal(const char *text, struct kw_diags *diags)
{
	struct kw_journal *j;

	ck_assert_int_eq(kw_journal_read(journal_file(text), &j, diags), KW_JOURNAL_OK);
	return j;
}

/* Three consults: a week apart, all of episode 1, the last with 6 days of
 * the routine and the one before with 5. */
static char *three_consults(char *buf, size_t size)
{
	char a[512], b[512], c[512];

	record(14, 1, 6, "self_care", "", a, sizeof a);
	record(7, 1, 5, "self_care", ", \"routine_days_since_last\": 5", b, sizeof b);
	record(4, 1, 7, "professional", ", \"routine_days_since_last\": 6", c, sizeof c);
	snprintf(buf, size, "%s\n%s\n%s\n", a, b, c);
	return buf;
}

static double num(const struct kw_kb *kb, const struct kw_answers *a, const char *id)
{
	size_t q;

	ck_assert(kw_kb_find_symbol(kb, id, &q));
	ck_assert_msg(a->values[q].kind == KW_V_NUM, "'%s' is not a known number", id);
	return a->values[q].u.num;
}

static bool known(const struct kw_kb *kb, const struct kw_answers *a, const char *id)
{
	size_t q;

	ck_assert(kw_kb_find_symbol(kb, id, &q));
	return a->values[q].kind != KW_V_UNKNOWN;
}

static void put(const struct kw_kb *kb, struct kw_answers *a, const char *id,
		const char *value)
{
	struct kw_diags diags = {0};
	size_t q;

	ck_assert(kw_kb_find_symbol(kb, id, &q));
	ck_assert(kw_answers_put(kb, a, q, value, (struct kw_loc){0}, &diags));
	kw_diags_free(&diags);
}

START_TEST(a_record_is_read_and_its_unknown_members_kept)
{
	static const char line[] = "{\"version\": 1, \"time\": \"2026-12-01T09:30:00Z\", "
		"\"episode\": 3, \"mood\": {\"deep\": [1, [2, {\"x\": null}]]}, "
		"\"answers\": {\"area\": [\"lower_back\", \"neck\"], \"pain\": 6, \"ok\": true, "
		"\"gone\": null, \"nested\": {\"a\": 1}}, \"level\": \"urgent\", "
		"\"knots\": [\"ql\", \"Not An Id\"], \"routine\": []}";
	struct kw_arena *arena = kw_arena_new();
	struct kw_journal_record r;
	char why[200];

	ck_assert(kw_journal_parse_record(line, strlen(line), arena, &r, why, sizeof why));
	ck_assert_int_eq(r.time, now());
	ck_assert_int_eq(r.episode, 3);
	ck_assert_str_eq(r.level, "urgent");
	ck_assert_int_eq(r.nknots, 1);
	ck_assert_str_eq(r.knots[0], "ql");
	ck_assert_int_eq(r.nroutine, 0);
	ck_assert_str_eq(r.json, line);
	ck_assert_int_eq(r.nanswers, 3);
	ck_assert_str_eq(kw_journal_record_answer(&r, "area"), "lower_back,neck");
	ck_assert_str_eq(kw_journal_record_answer(&r, "pain"), "6");
	ck_assert_str_eq(kw_journal_record_answer(&r, "ok"), "yes");
	ck_assert_ptr_null(kw_journal_record_answer(&r, "gone"));
	ck_assert_ptr_null(kw_journal_record_answer(&r, "nested"));
	kw_arena_free(arena);
}
END_TEST

START_TEST(what_is_no_record_is_refused_with_a_reason)
{
	static const char *const bad[] = {
		"garbage", "[1, 2]", "{}", "{\"version\": 1", "\"a string\"",
		"{\"time\": \"2026-12-01T09:30:00Z\", \"episode\": 1}",
		"{\"version\": 2, \"time\": \"2026-12-01T09:30:00Z\", \"episode\": 1}",
		"{\"version\": 1, \"time\": \"yesterday\", \"episode\": 1}",
		"{\"version\": 1, \"time\": \"2026-12-01T09:30:00Z\", \"episode\": 0}",
		"{\"version\": 1, \"time\": \"2026-12-01T09:30:00Z\", \"episode\": \"1\"}",
		"{\"version\": 1, \"time\": \"2026-12-01T09:30:00Z\", \"episode\": 1.5}",
		"{\"version\": 1, \"time\": \"2026-12-01T09:30:00Z\", \"episode\": 1e999}",
		"{\"version\": 1, \"time\": \"2026-12-01T09:30:00Z\", \"episode\": 1, \"answers\": 3}",
		"{\"version\": 1, \"time\": \"2026-12-01T09:30:00Z\", \"episode\": 1, \"knots\": \"ql\"}",
		"{\"version\": 1, \"time\": \"2026-12-01T09:30:00Z\", \"episode\": 1, \"level\": 2}",
		"{\"version\": 1, \"time\": \"2026-12-01T09:30:00Z\", \"episode\": 1} trailing",
		"{\"version\": 1, \"time\": \"\xff\xfe\", \"episode\": 1}",
	};
	struct kw_arena *arena = kw_arena_new();
	struct kw_journal_record r;
	char why[200];

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		why[0] = '\0';
		ck_assert_msg(!kw_journal_parse_record(bad[i], strlen(bad[i]), arena, &r, why,
						       sizeof why), "took '%s'", bad[i]);
		ck_assert_msg(why[0], "no reason for '%s'", bad[i]);
	}
	kw_arena_free(arena);
}
END_TEST

START_TEST(binary_and_deeply_nested_lines_are_refused_not_followed)
{
	static const char nul[] = "{\"version\": 1,\0 \"time\": 1}";
	struct kw_arena *arena = kw_arena_new();
	struct kw_strbuf deep = {0};
	struct kw_journal_record r;
	char why[200];

	ck_assert(!kw_journal_parse_record(nul, sizeof nul - 1, arena, &r, why, sizeof why));
	kw_sb_add(&deep, "{\"version\": 1, \"time\": \"2026-12-01T09:30:00Z\", \"episode\": 1, "
		  "\"x\": ");
	for (int i = 0; i < 100000; i++)
		kw_sb_addc(&deep, '[');
	ck_assert(!kw_journal_parse_record(deep.data, deep.len, arena, &r, why, sizeof why));
	ck_assert_str_eq(why, "nested too deep");
	kw_sb_free(&deep);
	kw_arena_free(arena);
}
END_TEST

START_TEST(unreadable_lines_are_skipped_with_a_warning_and_left_in_the_file)
{
	char a[512], b[512], text[200000], *before;
	struct kw_diags diags = {0};
	struct kw_journal *j;
	struct kw_strbuf huge = {0};
	size_t len;
	FILE *f;

	for (int i = 0; i < KW_JOURNAL_MAX_LINE + 10; i++)
		kw_sb_addc(&huge, 'x');
	snprintf(text, sizeof text, "%s\n\x01garbage\xff\n\n%s\n%s\n{\"version\": 1",
		 record(7, 1, 5, "self_care", "", a, sizeof a), huge.data,
		 record(0, 1, 4, "self_care", "", b, sizeof b));
	j = read_journal(text, &diags);
	ck_assert(j->exists);
	ck_assert_int_eq(j->nrecords, 2);
	ck_assert_int_eq(j->nskipped, 3);
	ck_assert_int_eq(j->records[1].line, 5);
	ck_assert(unit_has_diag(&diags, KW_WARNING, 2, "journal line skipped, and left as it is"));
	ck_assert(unit_has_diag(&diags, KW_WARNING, 4, "bytes long, and a record is at most"));
	ck_assert(unit_has_diag(&diags, KW_WARNING, 6, "journal line skipped"));
	ck_assert_int_eq(diags.errors, 0);
	ck_assert_str_eq(diags.items[0].loc.file, path);
	/* the file is never rewritten */
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	before = kw_xmalloc(sizeof text);
	len = fread(before, 1, sizeof text, f);
	fclose(f);
	ck_assert_int_eq(len, strlen(text));
	ck_assert(memcmp(before, text, len) == 0);
	free(before);
	unlink(path);
	kw_sb_free(&huge);
	kw_journal_free(j);
	kw_diags_free(&diags);
}
END_TEST

START_TEST(a_missing_journal_is_empty_and_one_others_can_use_is_refused)
{
	static const mode_t refused[] = { 0644, 0640, 0620, 0606, 0666 };
	struct kw_diags diags = {0};
	struct kw_journal *j;

	ck_assert_int_eq(kw_journal_read("/tmp/kw-no-such-journal/j.jsonl", &j, &diags),
			 KW_JOURNAL_OK);
	ck_assert(!j->exists);
	ck_assert_int_eq(j->nrecords, 0);
	kw_journal_free(j);
	journal_file("");
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		chmod(path, refused[i]);
		ck_assert_int_eq(kw_journal_read(path, &j, &diags), KW_JOURNAL_REFUSED);
		ck_assert_ptr_null(j);
	}
	ck_assert(unit_has_diag(&diags, KW_ERROR, 0, "anyone can read and write it (mode 0666)"));
	ck_assert(unit_has_diag(&diags, KW_ERROR, 0, "its group can write it (mode 0620)"));
	ck_assert(unit_has_diag(&diags, KW_ERROR, 0, "it holds health data"));
	chmod(path, 0600);
	ck_assert_int_eq(kw_journal_read(path, &j, &diags), KW_JOURNAL_OK);
	kw_journal_free(j);
	ck_assert_int_eq(kw_journal_read("/tmp", &j, &diags), KW_JOURNAL_REFUSED);
	ck_assert(unit_has_diag(&diags, KW_ERROR, 0, "not a regular file"));
	unlink(path);
	kw_diags_free(&diags);
}
END_TEST

START_TEST(the_current_episode_fills_the_journal_answers)
{
	struct kw_kb *kb = unit_kb(rules);
	struct kw_answers *a = kw_answers_new(kb);
	struct kw_diags diags = {0};
	char text[2048];
	struct kw_journal *j = read_journal(three_consults(text, sizeof text), &diags);
	struct kw_journal_consult *c = kw_journal_consult_new(j, kb, now());
	size_t level;

	kw_journal_fill(c, a);
	ck_assert_double_eq(num(kb, a, "consults"), 3);
	ck_assert_double_eq(num(kb, a, "first_days"), 14);
	ck_assert_double_eq(num(kb, a, "last_days"), 4);
	ck_assert_double_eq(num(kb, a, "first_pain"), 6);
	ck_assert_double_eq(num(kb, a, "last_pain"), 7);
	ck_assert_double_eq(num(kb, a, "routine_days"), 11);
	ck_assert(kw_kb_find_symbol(kb, "last_level", &level));
	ck_assert_int_eq(a->values[level].kind, KW_V_CHOICE);
	ck_assert_int_eq(a->values[level].u.choice, 1);         /* professional */
	ck_assert_int_eq(kw_journal_consult_episode(c), 1);
	/* a value the question does not take is left unknown, with a warning */
	ck_assert(!known(kb, a, "few"));
	ck_assert_int_eq(a->nwarnings, 1);
	ck_assert(strstr(a->warnings[0], "the journal's consults, '3', is not an answer to 'few'"));
	kw_journal_fill(c, a);
	ck_assert_int_eq(a->nwarnings, 1);                      /* said once */
	unlink(path);
	kw_journal_consult_free(c);
	kw_journal_free(j);
	kw_answers_free(a);
	kw_kb_free(kb);
	kw_diags_free(&diags);
}
END_TEST

START_TEST(the_episode_is_the_run_since_the_last_new_one)
{
	struct kw_kb *kb = unit_kb(rules);
	struct kw_answers *a = kw_answers_new(kb);
	struct kw_diags diags = {0};
	char x[512], y[512], z[512], text[2048];
	struct kw_journal *j;
	struct kw_journal_consult *c;

	snprintf(text, sizeof text, "%s\n%s\n%s\n", record(40, 1, 3, "self_care", "", x, sizeof x),
		 record(20, 2, 8, "self_care", "", y, sizeof y),
		 record(10, 2, 7, "self_care", "", z, sizeof z));
	j = read_journal(text, &diags);
	c = kw_journal_consult_new(j, kb, now());
	kw_journal_fill(c, a);
	ck_assert_double_eq(num(kb, a, "consults"), 2);
	ck_assert_double_eq(num(kb, a, "first_days"), 20);
	ck_assert_double_eq(num(kb, a, "first_pain"), 8);
	ck_assert_double_eq(num(kb, a, "routine_days"), 0);
	ck_assert_int_eq(kw_journal_consult_episode(c), 2);
	unlink(path);
	kw_journal_consult_free(c);
	kw_journal_free(j);
	kw_answers_free(a);
	kw_kb_free(kb);
	kw_diags_free(&diags);
}
END_TEST

START_TEST(ninety_days_after_the_last_consult_a_new_episode_starts)
{
	struct kw_kb *kb = unit_kb(rules);
	struct kw_answers *a = kw_answers_new(kb);
	struct kw_diags diags = {0};
	char x[512], text[1024];
	struct kw_journal *j;
	struct kw_journal_consult *c;

	snprintf(text, sizeof text, "%s\n", record(95, 4, 6, "self_care", "", x, sizeof x));
	j = read_journal(text, &diags);
	c = kw_journal_consult_new(j, kb, now());
	kw_journal_fill(c, a);
	ck_assert(!known(kb, a, "consults"));
	ck_assert_ptr_null(kw_journal_last_time(c));
	ck_assert_int_eq(kw_journal_consult_episode(c), 5);
	kw_journal_consult_free(c);
	/* 89 days is still the same episode */
	c = kw_journal_consult_new(j, kb, now() - 6 * 86400);
	kw_journal_fill(c, a);
	ck_assert_double_eq(num(kb, a, "last_days"), 89);
	ck_assert_int_eq(kw_journal_consult_episode(c), 4);
	unlink(path);
	kw_journal_consult_free(c);
	kw_journal_free(j);
	kw_answers_free(a);
	kw_kb_free(kb);
	kw_diags_free(&diags);
}
END_TEST

START_TEST(answers_given_win_over_the_journal)
{
	struct kw_kb *kb = unit_kb(rules);
	struct kw_answers *a = kw_answers_new(kb);
	struct kw_diags diags = {0};
	char text[2048];
	struct kw_journal *j = read_journal(three_consults(text, sizeof text), &diags);
	struct kw_journal_consult *c = kw_journal_consult_new(j, kb, now());

	put(kb, a, "consults", "9");
	put(kb, a, "first_pain", "unsure");
	kw_journal_fill(c, a);
	ck_assert_double_eq(num(kb, a, "consults"), 9);
	ck_assert(!known(kb, a, "first_pain"));
	ck_assert_double_eq(num(kb, a, "last_pain"), 7);
	/* a new episode takes back the journal's answers, not those given */
	put(kb, a, "same", "no");
	ck_assert(kw_journal_follow_episode(c, a));
	ck_assert_double_eq(num(kb, a, "consults"), 9);
	ck_assert(!known(kb, a, "last_pain"));
	unlink(path);
	kw_journal_consult_free(c);
	kw_journal_free(j);
	kw_answers_free(a);
	kw_kb_free(kb);
	kw_diags_free(&diags);
}
END_TEST

START_TEST(a_no_to_the_episode_question_starts_a_new_episode_until_taken_back)
{
	struct kw_kb *kb = unit_kb(rules);
	struct kw_answers *a = kw_answers_new(kb);
	struct kw_diags diags = {0};
	char text[2048];
	struct kw_journal *j = read_journal(three_consults(text, sizeof text), &diags);
	struct kw_journal_consult *c = kw_journal_consult_new(j, kb, now());
	size_t same;

	ck_assert(kw_kb_find_symbol(kb, "same", &same));
	kw_journal_fill(c, a);
	ck_assert(!kw_journal_follow_episode(c, a));
	put(kb, a, "same", "no");
	ck_assert(kw_journal_follow_episode(c, a));
	ck_assert(kw_journal_follow_episode(c, a));             /* idempotent */
	ck_assert(!known(kb, a, "consults"));
	ck_assert(!known(kb, a, "routine_days"));
	ck_assert(known(kb, a, "same"));
	ck_assert(!kw_answers_ask_if(kb, a, same));
	ck_assert_int_eq(kw_journal_consult_episode(c), 2);
	/* `back` past it: the journal's answers are given again */
	a->state[same] = KW_UNANSWERED;
	a->values[same].kind = KW_V_UNKNOWN;
	ck_assert(!kw_journal_follow_episode(c, a));
	ck_assert_double_eq(num(kb, a, "consults"), 3);
	ck_assert(kw_answers_ask_if(kb, a, same));
	ck_assert_int_eq(kw_journal_consult_episode(c), 1);
	put(kb, a, "same", "unsure");
	ck_assert(!kw_journal_follow_episode(c, a));
	unlink(path);
	kw_journal_consult_free(c);
	kw_journal_free(j);
	kw_answers_free(a);
	kw_kb_free(kb);
	kw_diags_free(&diags);
}
END_TEST

START_TEST(answers_a_questionnaire_took_back_itself_mean_a_new_episode)
{
	struct kw_kb *kb = unit_kb(rules);
	struct kw_answers *a = kw_answers_new(kb);
	struct kw_diags diags = {0};
	char text[2048];
	struct kw_journal *j = read_journal(three_consults(text, sizeof text), &diags);
	struct kw_journal_consult *c = kw_journal_consult_new(j, kb, now());

	kw_journal_fill(c, a);
	/* as the session does on a no, whose answer kw_answers_finish drops */
	for (size_t q = 0; q < kb->nquestions; q++)
		if (kb->questions[q].journal) {
			a->state[q] = KW_UNANSWERED;
			a->values[q].kind = KW_V_UNKNOWN;
		}
	ck_assert(kw_journal_follow_episode(c, a));
	ck_assert(!known(kb, a, "consults"));                   /* not given again */
	ck_assert_int_eq(kw_journal_consult_episode(c), 2);
	/* one still there is the same episode */
	put(kb, a, "consults", "1");
	ck_assert(!kw_journal_follow_episode(c, a));
	ck_assert_int_eq(kw_journal_consult_episode(c), 1);
	unlink(path);
	kw_journal_consult_free(c);
	kw_journal_free(j);
	kw_answers_free(a);
	kw_kb_free(kb);
	kw_diags_free(&diags);
}
END_TEST

START_TEST(the_last_consult_is_said_in_words)
{
	struct kw_kb *kb = unit_kb(rules);
	struct kw_diags diags = {0};
	char text[2048], x[512], *line;
	struct kw_journal *j = read_journal(three_consults(text, sizeof text), &diags);
	struct kw_journal_consult *c = kw_journal_consult_new(j, kb, now());

	line = kw_journal_last_time(c);
	ck_assert_str_eq(line, "Last time, 4 days ago: lower back and neck, pain 7/10, the "
			 "quadratus lumborum routine, the advice to see a professional.");
	free(line);
	kw_journal_consult_free(c);
	kw_journal_free(j);
	unlink(path);
	/* ids the rule set does not have are left out, never shown */
	snprintf(text, sizeof text, "%s\n", record(1, 1, 3, "self_care", "", x, sizeof x));
	*strstr(text, "\"ql\"]") = '\0';
	strcat(text, "\"gone_knot\"], \"routine\": [\"gone_routine\"]}\n");
	j = read_journal(text, &diags);
	c = kw_journal_consult_new(j, kb, now());
	line = kw_journal_last_time(c);
	ck_assert_str_eq(line, "Last time, yesterday: lower back and neck, pain 3/10.");
	free(line);
	unlink(path);
	kw_journal_consult_free(c);
	kw_journal_free(j);
	kw_kb_free(kb);
	kw_diags_free(&diags);
}
END_TEST

START_TEST(the_last_answers_are_offered_as_they_would_be_typed)
{
	struct kw_kb *kb = unit_kb(rules);
	struct kw_diags diags = {0};
	char text[2048], x[512];
	struct kw_journal *j = read_journal(three_consults(text, sizeof text), &diags);
	struct kw_journal_consult *c = kw_journal_consult_new(j, kb, now());
	char *answer;
	size_t q;

	ck_assert(kw_kb_find_symbol(kb, "area", &q));
	ck_assert_str_eq(answer = kw_journal_last_answer(c, q), "lower_back,neck");
	free(answer);
	ck_assert(kw_kb_find_symbol(kb, "pain", &q));
	ck_assert_ptr_null(kw_journal_last_answer(c, q));       /* measured afresh */
	ck_assert(kw_kb_find_symbol(kb, "consults", &q));
	ck_assert_ptr_null(kw_journal_last_answer(c, q));       /* never asked */
	ck_assert(kw_kb_find_symbol(kb, "same", &q));
	ck_assert_ptr_null(kw_journal_last_answer(c, q));       /* not answered then */
	kw_journal_consult_free(c);
	kw_journal_free(j);
	unlink(path);
	/* an answer the question no longer takes is not offered */
	snprintf(text, sizeof text, "%s\n",
		 record(200, 1, 3, "self_care", ", \"same\": \"maybe\"", x, sizeof x));
	j = read_journal(text, &diags);
	c = kw_journal_consult_new(j, kb, now());
	ck_assert(kw_kb_find_symbol(kb, "same", &q));
	ck_assert_ptr_null(kw_journal_last_answer(c, q));
	ck_assert(kw_kb_find_symbol(kb, "tools", &q));
	ck_assert_str_eq(answer = kw_journal_last_answer(c, q), "ball");  /* any episode */
	free(answer);
	unlink(path);
	kw_journal_consult_free(c);
	kw_journal_free(j);
	kw_kb_free(kb);
	kw_diags_free(&diags);
}
END_TEST

START_TEST(a_finished_consult_is_appended_as_one_record_it_can_read_back)
{
	struct kw_kb *kb = unit_kb(rules);
	struct kw_diags diags = {0};
	char text[2048];
	struct kw_journal *j = read_journal(three_consults(text, sizeof text), &diags), *again;
	struct kw_journal_consult *c = kw_journal_consult_new(j, kb, now());
	struct kw_answers *a = kw_answers_new(kb);
	struct kw_result *res = kw_result_new();
	const struct kw_journal_record *r;
	struct stat st;

	put(kb, a, "pain", "5");
	put(kb, a, "routine_days_since_last", "4");
	kw_journal_fill(c, a);
	kw_journal_follow_episode(c, a);
	kw_engine_run(kb, a, res);
	ck_assert_int_eq(kw_journal_append(c, a, res, &diags), KW_JOURNAL_OK);
	ck_assert_int_eq(kw_journal_read(path, &again, &diags), KW_JOURNAL_OK);
	ck_assert_int_eq(again->nrecords, 4);
	r = &again->records[3];
	ck_assert_int_eq(r->time, now());
	ck_assert_int_eq(r->episode, 1);
	ck_assert_str_eq(r->level, "self_care");
	ck_assert_int_eq(r->nknots, 1);
	ck_assert_str_eq(r->routine[0], "ql_ball");
	ck_assert_str_eq(kw_journal_record_answer(r, "pain"), "5");
	ck_assert_str_eq(kw_journal_record_answer(r, "routine_days_since_last"), "4");
	ck_assert_ptr_null(kw_journal_record_answer(r, "consults"));   /* the journal's own */
	ck_assert_int_eq(r->nanswers, 2);
	kw_journal_free(again);
	kw_journal_consult_free(c);
	kw_journal_free(j);
	unlink(path);
	/* a new journal is created for the user alone */
	ck_assert_int_eq(kw_journal_read(path, &j, &diags), KW_JOURNAL_OK);
	c = kw_journal_consult_new(j, kb, now());
	umask(0);
	ck_assert_int_eq(kw_journal_append(c, a, res, &diags), KW_JOURNAL_OK);
	umask(022);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	/* and one that others could read is not written */
	chmod(path, 0644);
	ck_assert_int_eq(kw_journal_append(c, a, res, &diags), KW_JOURNAL_REFUSED);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_lt(st.st_size, 400);
	unlink(path);
	kw_journal_consult_free(c);
	kw_journal_free(j);
	kw_result_free(res);
	kw_answers_free(a);
	kw_kb_free(kb);
	kw_diags_free(&diags);
}
END_TEST

START_TEST(the_default_journal_lives_in_the_state_folder)
{
	char *p;

	setenv("XDG_STATE_HOME", "/state", 1);
	setenv("HOME", "/home/me", 1);
	ck_assert_str_eq(p = kw_journal_default_path(), "/state/knotwise/journal.jsonl");
	free(p);
	setenv("XDG_STATE_HOME", "relative", 1);
	ck_assert_str_eq(p = kw_journal_default_path(), "/home/me/.local/state/knotwise/journal.jsonl");
	free(p);
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	ck_assert_ptr_null(kw_journal_default_path());
}
END_TEST

START_TEST(a_journal_question_counts_as_asked_before_every_other)
{
	struct kw_kb *kb = unit_kb("[question pain]\ntext = How bad?\ntype = scale\n"
				   "ask_if = not known(before) or before >= 1\norder = 1\n"
				   "[question before]\ntext = b\ntype = number\n"
				   "journal = consults\norder = 500\n"
				   "[rule sore]\nif = pain >= 5\nthen = triage professional\n");
	size_t before;

	ck_assert(kw_kb_find_symbol(kb, "before", &before));
	ck_assert_int_eq(kb->ask_order[0], before);
	kw_kb_free(kb);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("journal");
	TCase *tc = tcase_create("journal");

	setenv("TZ", "UTC", 1);
	tcase_add_test(tc, a_record_is_read_and_its_unknown_members_kept);
	tcase_add_test(tc, what_is_no_record_is_refused_with_a_reason);
	tcase_add_test(tc, binary_and_deeply_nested_lines_are_refused_not_followed);
	tcase_add_test(tc, unreadable_lines_are_skipped_with_a_warning_and_left_in_the_file);
	tcase_add_test(tc, a_missing_journal_is_empty_and_one_others_can_use_is_refused);
	tcase_add_test(tc, the_current_episode_fills_the_journal_answers);
	tcase_add_test(tc, the_episode_is_the_run_since_the_last_new_one);
	tcase_add_test(tc, ninety_days_after_the_last_consult_a_new_episode_starts);
	tcase_add_test(tc, answers_given_win_over_the_journal);
	tcase_add_test(tc, a_no_to_the_episode_question_starts_a_new_episode_until_taken_back);
	tcase_add_test(tc, answers_a_questionnaire_took_back_itself_mean_a_new_episode);
	tcase_add_test(tc, the_last_consult_is_said_in_words);
	tcase_add_test(tc, the_last_answers_are_offered_as_they_would_be_typed);
	tcase_add_test(tc, a_finished_consult_is_appended_as_one_record_it_can_read_back);
	tcase_add_test(tc, the_default_journal_lives_in_the_state_folder);
	tcase_add_test(tc, a_journal_question_counts_as_asked_before_every_other);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
