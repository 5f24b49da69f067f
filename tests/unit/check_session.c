/* The session: whole consults driven as a person would type them, with no
 * terminal: checklists, back, unsure, rechecks, the early stop, the
 * journal's new episode, and relevance kept up to date answer by answer. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "answers/answers_internal.h"
#include "knotwise/session.h"
#include "session/session_internal.h"
#include "unit.h"

#define SIGNS \
	"[question words]\ntext = In your own words?\ntype = text\norder = 1\n" \
	"[group signs]\ntext = Any of these?\nquestions = numb, chest, legs\n" \
	"[question numb]\ntext = Numb?\nitem = Numbness\ntype = yesno\nrequired = yes\n" \
	"unsure = yes\norder = 2\nrecheck_if = words ~ \"(?i)numb\"\n" \
	"[question chest]\ntext = Chest?\nitem = Chest pain\ntype = yesno\nrequired = yes\n" \
	"unsure = yes\norder = 3\n" \
	"[question legs]\ntext = Legs?\nitem = Both legs\ntype = yesno\nrequired = yes\n" \
	"unsure = yes\norder = 4\n" \
	"[group habits]\ntext = Which?\nquestions = desk, bag\n" \
	"[question desk]\ntext = Desk?\ntype = yesno\norder = 10\n" \
	"[question bag]\ntext = Bag?\ntype = yesno\norder = 11\n" \
	"[question area]\ntext = Where?\ntype = multi\norder = 20\n" \
	"choice = neck | Neck\nchoice = lower_back | Lower back - around belt level\n" \
	"choice = hip_buttock | Hip or buttock\n" \
	"[question pain]\ntext = How bad?\ntype = scale\norder = 21\n" \
	"[knot trap]\nname = Trap\n" \
	"[rule saddle]\nif = numb\nthen = triage emergency\n" \
	"[rule heart]\nif = chest\nthen = triage emergency\n" \
	"[rule both]\nif = legs\nthen = triage urgent\n" \
	"[rule desk]\nif = desk or bag\nthen = suspect trap 0.5\n" \
	"[rule low]\nif = area has lower_back and pain >= 5\nthen = suspect trap 0.2\n"

struct consult {
	struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_session *s;
	struct kw_strbuf problem;
};

static void start(struct consult *c, const char *rules)
{
	memset(c, 0, sizeof *c);
	c->kb = unit_kb(rules);
	c->a = kw_answers_new(c->kb);
	c->s = kw_session_new(c->kb, c->a, false);
}

static void stop(struct consult *c)
{
	kw_session_free(c->s);
	kw_answers_free(c->a);
	kw_kb_free(c->kb);
	kw_sb_free(&c->problem);
}

static const struct kw_screen *now(const struct consult *c)
{
	return kw_session_screen(c->s);
}

static size_t id(const struct consult *c, const char *name)
{
	size_t sym;
	ck_assert_msg(kw_kb_find_symbol(c->kb, name, &sym), "no question %s", name);
	return sym;
}

/* Type a reply that must be taken. */
static void type(struct consult *c, const char *typed)
{
	kw_sb_reset(&c->problem);
	ck_assert_msg(kw_session_reply(c->s, typed, &c->problem), "'%s' refused: %s", typed,
		      kw_sb_str(&c->problem));
}

/* Type a reply that must be refused; the problem is kept. */
static void refused(struct consult *c, const char *typed)
{
	kw_sb_reset(&c->problem);
	ck_assert_msg(!kw_session_reply(c->s, typed, &c->problem), "'%s' was taken", typed);
	ck_assert(c->problem.len > 0);
}

static void is_question(const struct consult *c, const char *name)
{
	ck_assert_int_eq(now(c)->kind, KW_SCREEN_QUESTION);
	ck_assert_str_eq(kw_s(c->kb, c->kb->questions[now(c)->question].id), name);
}

static void is_checklist(const struct consult *c, const char *group, size_t nitems)
{
	ck_assert_int_eq(now(c)->kind, KW_SCREEN_CHECKLIST);
	ck_assert_str_eq(kw_s(c->kb, c->kb->groups[now(c)->group].id), group);
	ck_assert_uint_eq(now(c)->nitems, nitems);
}

static void answered(const struct consult *c, const char *name, enum kw_answer_state state,
		     int yes)
{
	size_t q = id(c, name);
	ck_assert_msg(c->a->state[q] == state, "%s: state %d", name, (int)c->a->state[q]);
	if (yes >= 0)
		ck_assert_msg(c->a->values[q].kind == KW_V_BOOL && c->a->values[q].u.b == yes,
			      "%s is not %s", name, yes ? "yes" : "no");
}

START_TEST(a_consult_goes_screen_by_screen_with_checklists_as_one)
{
	struct consult c;

	start(&c, SIGNS);
	is_question(&c, "words");
	ck_assert_uint_eq(now(&c)->number, 1);
	type(&c, "it aches");
	is_checklist(&c, "signs", 3);
	ck_assert(now(&c)->required);
	type(&c, "none");
	answered(&c, "numb", KW_ANSWERED, 0);
	answered(&c, "chest", KW_ANSWERED, 0);
	answered(&c, "legs", KW_ANSWERED, 0);
	is_checklist(&c, "habits", 2);
	ck_assert(!now(&c)->required);
	type(&c, "2");
	answered(&c, "desk", KW_ANSWERED, 0);
	answered(&c, "bag", KW_ANSWERED, 1);
	ck_assert(kw_session_back(c.s));
	type(&c, "");                           /* Enter: none of them */
	answered(&c, "desk", KW_ANSWERED, 0);
	answered(&c, "bag", KW_ANSWERED, 0);
	is_question(&c, "area");
	type(&c, "lower back, hip");
	ck_assert_uint_eq(c.a->values[id(&c, "area")].u.set, 6);
	is_question(&c, "pain");
	type(&c, "6/10");
	ck_assert(c.a->values[id(&c, "pain")].u.num == 6);
	ck_assert_int_eq(now(&c)->kind, KW_SCREEN_DONE);
	ck_assert(!now(&c)->emergency);
	ck_assert_uint_eq(kw_session_tally(c.s).screens, 5);
	ck_assert_uint_eq(kw_session_tally(c.s).answered, 8);
	stop(&c);
}
END_TEST

START_TEST(unsure_and_a_number_marks_that_item_unsure_and_stops_at_an_emergency)
{
	struct consult c;

	start(&c, SIGNS);
	type(&c, "");
	type(&c, "unsure 2");
	answered(&c, "numb", KW_ANSWERED, 0);
	answered(&c, "chest", KW_UNSURE, 1);    /* unsure = yes */
	ck_assert_int_eq(now(&c)->kind, KW_SCREEN_DONE);
	ck_assert(now(&c)->emergency);
	stop(&c);
}
END_TEST

START_TEST(a_safety_checklist_cannot_be_skipped_and_bad_numbers_are_refused)
{
	static char long_line[KW_MAX_ANSWER_LINE + 2];
	struct consult c;

	memset(long_line, '1', sizeof long_line - 1);

	start(&c, SIGNS);
	type(&c, "");
	refused(&c, "");
	ck_assert_ptr_nonnull(strstr(kw_sb_str(&c.problem), "safety"));
	refused(&c, "4");
	ck_assert_ptr_nonnull(strstr(kw_sb_str(&c.problem), "from 1 to 3"));
	refused(&c, "yes");
	refused(&c, "numbness");
	refused(&c, long_line);
	is_checklist(&c, "signs", 3);
	stop(&c);
}
END_TEST

START_TEST(back_across_a_checklist_undoes_exactly_that_screen)
{
	struct consult c;

	start(&c, SIGNS);
	type(&c, "it aches");
	type(&c, "none");
	is_checklist(&c, "habits", 2);
	ck_assert(kw_session_back(c.s));
	is_checklist(&c, "signs", 3);
	answered(&c, "chest", KW_UNANSWERED, -1);
	answered(&c, "words", KW_ANSWERED, -1);
	type(&c, "3");          /* legs: urgent, and nothing left can make it worse */
	answered(&c, "legs", KW_ANSWERED, 1);
	ck_assert_int_eq(now(&c)->kind, KW_SCREEN_DONE);
	ck_assert(!now(&c)->emergency);
	ck_assert(kw_session_back(c.s));
	is_checklist(&c, "signs", 3);
	ck_assert(kw_session_back(c.s));
	is_question(&c, "words");
	ck_assert(!kw_session_back(c.s));
	stop(&c);
}
END_TEST

START_TEST(a_no_that_the_persons_words_contradict_is_asked_again_once)
{
	struct consult c;

	start(&c, SIGNS);
	type(&c, "my bum feels numb");
	type(&c, "none");
	is_question(&c, "numb");
	ck_assert_ptr_nonnull(now(&c)->recheck);
	ck_assert_ptr_nonnull(strstr(now(&c)->recheck, "my bum feels numb"));
	type(&c, "no");                         /* the person keeps the no */
	is_checklist(&c, "habits", 2);
	ck_assert(c.a->confirmed[id(&c, "numb")]);
	ck_assert(!kw_answers_disagree(c.kb, c.a, id(&c, "numb")));
	ck_assert(kw_session_back(c.s));        /* back to the recheck */
	is_question(&c, "numb");
	ck_assert_ptr_nonnull(now(&c)->recheck);
	answered(&c, "numb", KW_ANSWERED, 0);
	type(&c, "yes");
	ck_assert(now(&c)->emergency);
	stop(&c);
}
END_TEST

START_TEST(back_from_a_recheck_shows_the_checklist_again)
{
	struct consult c;

	start(&c, SIGNS);
	type(&c, "numb down there");
	type(&c, "none");
	is_question(&c, "numb");
	ck_assert(kw_session_back(c.s));
	is_checklist(&c, "signs", 3);
	type(&c, "1");
	ck_assert(now(&c)->emergency);
	stop(&c);
}
END_TEST

START_TEST(a_preset_is_what_enter_keeps)
{
	struct consult c;

	start(&c, SIGNS);
	ck_assert(kw_session_preset(c.s, id(&c, "pain"), "7"));
	ck_assert(!kw_session_preset(c.s, id(&c, "pain"), "eleven"));
	ck_assert(!kw_session_preset(c.s, id(&c, "numb"), "no"));     /* required */
	ck_assert(kw_session_preset(c.s, id(&c, "desk"), "yes"));
	ck_assert(kw_session_preset(c.s, id(&c, "bag"), "no"));
	type(&c, "");
	type(&c, "none");
	ck_assert_str_eq(now(&c)->preset, "1");
	type(&c, "");
	answered(&c, "desk", KW_ANSWERED, 1);
	answered(&c, "bag", KW_ANSWERED, 0);
	type(&c, "lower back");
	ck_assert_str_eq(now(&c)->preset, "7");
	type(&c, "");
	ck_assert(c.a->values[id(&c, "pain")].u.num == 7);
	stop(&c);
}
END_TEST

START_TEST(replies_are_read_as_a_person_writes_them)
{
	struct kw_kb *kb = unit_kb(SIGNS);
	struct kw_strbuf answer = {0}, problem = {0};
	size_t area, pain;
	char ticks[4] = {0};

	ck_assert(kw_kb_find_symbol(kb, "area", &area) && kw_kb_find_symbol(kb, "pain", &pain));
	ck_assert(kw_reply_to_answer(kb, area, "1 3", &answer, &problem));
	ck_assert_str_eq(kw_sb_str(&answer), "neck,hip_buttock");
	ck_assert(kw_reply_to_answer(kb, area, "Lower back", &answer, &problem));
	ck_assert_str_eq(kw_sb_str(&answer), "lower_back");
	ck_assert(kw_reply_to_answer(kb, area, "lower_back neck", &answer, &problem));
	ck_assert_str_eq(kw_sb_str(&answer), "neck,lower_back");
	ck_assert(kw_reply_to_answer(kb, area, "none", &answer, &problem));
	ck_assert_str_eq(kw_sb_str(&answer), "");
	ck_assert(!kw_reply_to_answer(kb, area, "shoulder", &answer, &problem));
	ck_assert_ptr_nonnull(strstr(kw_sb_str(&problem), "'shoulder' is not one of"));
	ck_assert_ptr_null(strstr(kw_sb_str(&problem), "lower_back"));  /* no ids */
	kw_sb_reset(&problem);
	ck_assert(!kw_reply_to_answer(kb, pain, "11", &answer, &problem));
	ck_assert_str_eq(kw_sb_str(&problem), "Please type a whole number from 0 to 10.");
	ck_assert(kw_reply_to_ticks(3, "1-2, unsure 3", ticks, &problem));
	ck_assert_str_eq(ticks, "yy?");
	ck_assert(kw_reply_to_ticks(3, "not sure", ticks, &problem));
	ck_assert_str_eq(ticks, "???");
	ck_assert(kw_reply_to_ticks(3, "NONE", ticks, &problem));
	ck_assert_str_eq(ticks, "nnn");
	ck_assert(!kw_reply_to_ticks(3, "2 zero", ticks, &problem));
	kw_sb_free(&answer);
	kw_sb_free(&problem);
	kw_kb_free(kb);
}
END_TEST

#define JOURNAL \
	"[settings]\nepisode_from = same\n" \
	"[question consults]\ntext = C\ntype = number\nmin = 0\nmax = 99\njournal = consults\n" \
	"order = 0\n" \
	"[question same]\ntext = Same pain?\ntype = yesno\norder = 1\n" \
	"ask_if = known(consults)\n" \
	"[question progress]\ntext = Better?\ntype = yesno\norder = 2\n" \
	"ask_if = known(consults)\n" \
	"[question pain]\ntext = How bad?\ntype = scale\norder = 3\n" \
	"[rule slow]\nif = consults >= 2 and not progress\nthen = triage professional\n" \
	"[rule bad]\nif = pain >= 8\nthen = triage professional\n"

START_TEST(a_new_episode_forgets_the_journal_until_taken_back)
{
	struct consult c;
	struct kw_diags diags = {0};

	memset(&c, 0, sizeof c);
	c.kb = unit_kb(JOURNAL);
	c.a = kw_answers_new(c.kb);
	ck_assert(kw_answers_put(c.kb, c.a, id(&c, "consults"), "3", (struct kw_loc){0}, &diags));
	c.s = kw_session_new(c.kb, c.a, false);
	is_question(&c, "same");
	type(&c, "no");
	answered(&c, "consults", KW_UNANSWERED, -1);
	is_question(&c, "pain");                /* the follow-up is not asked */
	ck_assert(kw_session_back(c.s));
	ck_assert(c.a->values[id(&c, "consults")].u.num == 3);
	type(&c, "yes");
	is_question(&c, "progress");
	kw_session_free(c.s);
	kw_answers_free(c.a);
	kw_kb_free(c.kb);
	kw_diags_free(&diags);
}
END_TEST

/* Relevance kept answer by answer equals relevance worked out afresh. */
static void same_as_from_scratch(const struct consult *c)
{
	const struct kw_relevance *kept = &c->s->rel;
	struct kw_relevance fresh;
	bool *pending = calloc(c->kb->nquestions + 1, sizeof *pending);

	for (size_t q = 0; q < c->kb->nquestions; q++)
		pending[q] = c->s->settled[q] == 0;
	kw_relevance_init(&fresh, c->kb, c->a);
	kw_relevance_reset(&fresh, pending);
	ck_assert_int_eq(kept->emergency, fresh.emergency);
	for (size_t q = 0; q < c->kb->nquestions; q++)
		ck_assert_msg(kept->relevant[q] == fresh.relevant[q], "%s: kept %d, fresh %d",
			      kw_s(c->kb, c->kb->questions[q].id), kept->relevant[q],
			      fresh.relevant[q]);
	for (size_t r = 0; r < c->kb->nrules; r++)
		ck_assert_int_eq(kept->cond[r], fresh.cond[r]);
	kw_relevance_free(&fresh);
	free(pending);
}

START_TEST(relevance_kept_up_to_date_equals_relevance_from_scratch)
{
	static const char *const replies[][8] = {
		{ "it aches", "none", "1", "neck", "7" },
		{ "", "3", "none", "2", "" },
		{ "numb", "none", "no", "1 2", "1 2 3", "4" },
	};
	for (size_t i = 0; i < sizeof replies / sizeof *replies; i++) {
		struct consult c;
		start(&c, SIGNS);
		for (size_t k = 0; replies[i][k] && now(&c)->kind != KW_SCREEN_DONE; k++) {
			same_as_from_scratch(&c);
			type(&c, replies[i][k]);
		}
		same_as_from_scratch(&c);
		stop(&c);
	}
}
END_TEST

START_TEST(why_says_what_an_answer_can_change_in_words)
{
	struct consult c;
	struct kw_strbuf why = {0};

	start(&c, SIGNS);
	type(&c, "it aches");
	kw_session_why(c.s, &why);
	ck_assert_str_eq(kw_sb_str(&why), "Numbers 1 and 2 mean you need emergency care "
			 "now; number 3 means you need care the same day.");
	type(&c, "none");
	kw_sb_reset(&why);
	kw_session_why(c.s, &why);
	ck_assert_str_eq(kw_sb_str(&why), "Your ticks decide which muscles are likely to "
			 "hold knots.");
	kw_sb_free(&why);
	stop(&c);
}
END_TEST

/* An answer still to come, read the cautious way, has raised the level
 * already: each sign still brings it about on its own. */
START_TEST(why_names_what_an_answer_brings_about_when_the_level_is_raised_already)
{
	struct consult c;
	struct kw_strbuf why = {0};

	start(&c, "[group signs]\ntext = Any?\nquestions = fever, lump\n"
	      "[question fever]\ntext = Fever?\ntype = yesno\nrequired = yes\norder = 1\n"
	      "[question lump]\ntext = Lump?\ntype = yesno\nrequired = yes\norder = 2\n"
	      "[question age]\ntext = Age?\ntype = number\nrequired = yes\norder = 3\n"
	      "[rule fever]\nif = fever\nthen = triage urgent\n"
	      "[rule lump]\nif = lump\nthen = triage urgent\n"
	      "[rule age_unknown]\nif = not known(age) or age > 70\nthen = triage urgent\n");
	is_checklist(&c, "signs", 2);
	kw_session_why(c.s, &why);
	ck_assert_str_eq(kw_sb_str(&why), "Each of these means you need care the same day.");
	kw_sb_free(&why);
	stop(&c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("session");
	TCase *tc = tcase_create("session");

	tcase_add_test(tc, a_consult_goes_screen_by_screen_with_checklists_as_one);
	tcase_add_test(tc, unsure_and_a_number_marks_that_item_unsure_and_stops_at_an_emergency);
	tcase_add_test(tc, a_safety_checklist_cannot_be_skipped_and_bad_numbers_are_refused);
	tcase_add_test(tc, back_across_a_checklist_undoes_exactly_that_screen);
	tcase_add_test(tc, a_no_that_the_persons_words_contradict_is_asked_again_once);
	tcase_add_test(tc, back_from_a_recheck_shows_the_checklist_again);
	tcase_add_test(tc, a_preset_is_what_enter_keeps);
	tcase_add_test(tc, replies_are_read_as_a_person_writes_them);
	tcase_add_test(tc, a_new_episode_forgets_the_journal_until_taken_back);
	tcase_add_test(tc, relevance_kept_up_to_date_equals_relevance_from_scratch);
	tcase_add_test(tc, why_says_what_an_answer_can_change_in_words);
	tcase_add_test(tc, why_names_what_an_answer_brings_about_when_the_level_is_raised_already);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
