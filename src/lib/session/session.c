/*
 * session: the walk through the questions (knotwise/session.h).  Every
 * question is "settled" once: asked on a screen, or passed over on the
 * way to one (its ask_if failed, or it can no longer matter).  Settling
 * records which screen it belongs to, so that `back` can put exactly that
 * screen's questions back in play, however a checklist pulled its members
 * forward.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "answers/answers_internal.h"
#include "session/session_internal.h"
#include "util/arena.h"
#include "util/scalar.h"

bool kw_session_pending(const struct kw_session *s, size_t q)
{
	return s->settled[q] == 0;
}

static void pending_flags(const struct kw_session *s, bool *pending)
{
	for (size_t q = 0; q < s->kb->nquestions; q++)
		pending[q] = kw_session_pending(s, q);
}

static void relevance_from_scratch(struct kw_session *s)
{
	bool *pending = kw_xcalloc(s->kb->nquestions + 1, sizeof *pending);

	pending_flags(s, pending);
	kw_relevance_reset(&s->rel, pending);
	free(pending);
}

/* Would q be asked, were it reached now? */
bool kw_session_would_ask(const struct kw_session *s, size_t q)
{
	if (!kw_session_pending(s, q) || !kw_answers_ask_if(s->kb, s->a, q))
		return false;
	return s->ask_all || s->rel.relevant[q];
}

/* The journal's answers as they came (dropped: unknown). */
static void apply_journal(struct kw_session *s, bool dropped)
{
	for (size_t q = 0; q < s->kb->nquestions; q++)
		if (s->kb->questions[q].journal) {
			s->a->values[q] = dropped ? (struct kw_value){ .kind = KW_V_UNKNOWN }
						  : s->from_journal[q];
			s->a->state[q] = dropped ? KW_UNANSWERED : s->journal_state[q];
		}
	s->journal_dropped = dropped;
}

/* SPEC §8: episode_from answered no starts a new episode, in which the
 * journal's answers do not count; taking that answer back restores them. */
static void follow_episode(struct kw_session *s)
{
	int32_t episode = s->kb->settings->episode_from;
	bool drop = episode >= 0 && s->a->state[episode] == KW_ANSWERED &&
		    s->a->values[episode].kind == KW_V_BOOL && !s->a->values[episode].u.b;

	if (drop == s->journal_dropped)
		return;
	apply_journal(s, drop);
	relevance_from_scratch(s);
}

void kw_session_settle(struct kw_session *s, size_t q)
{
	s->settled[q] = s->nhistory + 1;
	kw_relevance_answered(&s->rel, q);
}

struct kw_session *kw_session_new(const struct kw_kb *kb, struct kw_answers *answers,
				  bool ask_all)
{
	struct kw_session *s = kw_xcalloc(1, sizeof *s);
	size_t n = kb->nquestions + 1;

	s->kb = kb;
	s->a = answers;
	s->ask_all = ask_all;
	s->settled = kw_xcalloc(n, sizeof *s->settled);
	s->asked = kw_xcalloc(n, sizeof *s->asked);
	s->presets = kw_xcalloc(n, sizeof *s->presets);
	s->from_journal = kw_xcalloc(n, sizeof *s->from_journal);
	s->journal_state = kw_xcalloc(n, sizeof *s->journal_state);
	s->rechecks = kw_xcalloc(n, sizeof *s->rechecks);
	s->now_items = kw_xcalloc(n, sizeof *s->now_items);
	/* a screen settles a question still to come, or asks one again (each
	 * at most once while its first asking stands) */
	s->history = kw_xcalloc(2 * n, sizeof *s->history);
	s->choices = kw_xcalloc(KW_MAX_CHOICES + 1, sizeof *s->choices);
	s->choice_ids = kw_xcalloc(KW_MAX_CHOICES + 1, sizeof *s->choice_ids);
	s->item_texts = kw_xcalloc(n, sizeof *s->item_texts);
	for (size_t q = 0; q < kb->nquestions; q++) {
		s->from_journal[q] = answers->values[q];
		s->journal_state[q] = answers->state[q];
		if (kb->questions[q].journal || answers->state[q] != KW_UNANSWERED)
			s->settled[q] = KW_SETTLED_AT_START;
	}
	kw_relevance_init(&s->rel, kb, answers);
	relevance_from_scratch(s);
	kw_session_advance(s);
	return s;
}

void kw_session_free(struct kw_session *s)
{
	if (!s)
		return;
	for (size_t q = 0; q < s->kb->nquestions; q++)
		free(s->presets[q]);
	for (size_t i = 0; i < s->nhistory; i++)
		free(s->history[i].items);
	kw_relevance_free(&s->rel);
	kw_sb_free(&s->recheck_words);
	kw_sb_free(&s->checklist_preset);
	kw_sb_free(&s->preset_words);
	free(s->choices);
	free(s->choice_ids);
	free(s->item_texts);
	free(s->settled);
	free(s->asked);
	free(s->presets);
	free(s->from_journal);
	free(s->journal_state);
	free(s->rechecks);
	free(s->now_items);
	free(s->history);
	free(s);
}

bool kw_session_preset(struct kw_session *s, size_t q, const char *text)
{
	struct kw_arena *scratch = kw_arena_new();
	struct kw_value v;
	char why[1200];
	bool ok = q < s->kb->nquestions && !s->kb->questions[q].required &&
		  kw_answer_parse(s->kb, q, text, scratch, &v, why, sizeof why);

	kw_arena_free(scratch);
	if (!ok)
		return false;
	free(s->presets[q]);
	s->presets[q] = kw_xstrdup(text);
	if (s->nhistory == 0)
		kw_session_advance(s);     /* the first screen may show it */
	return true;
}

const struct kw_screen *kw_session_screen(const struct kw_session *s)
{
	return &s->now;
}

/* Keep the screen being replied to, for `back`. */
static void remember(struct kw_session *s)
{
	struct kw_shown *shown = &s->history[s->nhistory];

	shown->screen = s->now;
	shown->items = kw_xcalloc(s->now.nitems + 1, sizeof *shown->items);
	if (s->now.nitems)
		memcpy(shown->items, s->now.items, s->now.nitems * sizeof *shown->items);
	shown->screen.items = shown->items;
	shown->prior = s->a->values[s->now.question];
}

static bool queued(const struct kw_session *s, size_t q)
{
	for (size_t i = 0; i < s->nrechecks; i++)
		if (s->rechecks[i] == q)
			return true;
	return false;
}

/* A `no` that the person's own words now contradict is asked again, in
 * asking order, before anything new: right after the answer that made
 * the two disagree. */
static void queue_rechecks(struct kw_session *s)
{
	for (size_t i = 0; i < s->kb->nquestions; i++) {
		size_t q = s->kb->ask_order[i];
		if (!kw_session_pending(s, q) && s->asked[q] && !queued(s, q) &&
		    kw_answers_disagree(s->kb, s->a, q))
			s->rechecks[s->nrechecks++] = q;
	}
}

/* After a screen's answers are in: the journal, the next screen. */
static void move_on(struct kw_session *s)
{
	s->nhistory++;
	queue_rechecks(s);
	follow_episode(s);
	kw_session_advance(s);
}

static bool put(struct kw_session *s, size_t q, const char *text)
{
	struct kw_diags diags = {0};
	bool ok = kw_answers_put(s->kb, s->a, q, text, (struct kw_loc){0}, &diags);

	kw_diags_free(&diags);
	return ok;
}

static bool needs_answer(struct kw_strbuf *problem, bool checklist)
{
	kw_sb_add(problem, checklist
		  ? "These are safety questions: type the numbers of any that apply, "
		    "or 'none'. Type 'unsure' and a number if you are not sure."
		  : "This is a safety question: please answer it, or type 'not sure'.");
	return false;
}

static bool reply_question(struct kw_session *s, const char *typed, struct kw_strbuf *problem)
{
	size_t q = s->now.question;
	struct kw_strbuf answer = {0};
	bool recheck = s->now.recheck != NULL;

	if (!*typed && !s->now.preset && s->now.required)
		return needs_answer(problem, false);
	if (!*typed)
		kw_sb_add(&answer, s->now.preset ? s->now.preset : "");
	else if (kw_session_is_unsure(typed))
		kw_sb_add(&answer, "unsure");
	else if (!kw_reply_to_answer(s->kb, q, typed, &answer, problem))
		return kw_sb_free(&answer), false;
	remember(s);
	if (answer.len && !put(s, q, kw_sb_str(&answer)))
		s->a->state[q] = KW_UNANSWERED;  /* cannot happen: it was parsed */
	s->asked[q] = true;
	kw_sb_free(&answer);
	if (recheck) {
		s->a->confirmed[q] = true;
		relevance_from_scratch(s);      /* a settled answer changed */
	} else {
		kw_session_settle(s, q);
	}
	move_on(s);
	return true;
}

/* Every item shown is answered (SPEC §2): Enter keeps the preset, or on
 * a checklist with no safety item means none apply. */
static bool reply_checklist(struct kw_session *s, const char *typed, struct kw_strbuf *problem)
{
	static const char *const as_text[] = { ['y'] = "yes", ['n'] = "no", ['?'] = "unsure" };
	char *ticks = kw_xcalloc(s->now.nitems + 1, 1);
	const char *reply = *typed ? typed : s->now.preset ? s->now.preset : "none";

	if (!*typed && !s->now.preset && s->now.required)
		return free(ticks), needs_answer(problem, true);
	if (!kw_reply_to_ticks(s->now.nitems, reply, ticks, problem))
		return free(ticks), false;
	remember(s);
	for (size_t i = 0; i < s->now.nitems; i++) {
		size_t q = s->now.items[i];
		s->asked[q] = true;
		put(s, q, as_text[(unsigned char)ticks[i]]);
		kw_session_settle(s, q);
	}
	free(ticks);
	move_on(s);
	return true;
}

bool kw_session_reply(struct kw_session *s, const char *typed, struct kw_strbuf *problem)
{
	if (strlen(typed) > KW_MAX_ANSWER_LINE)
		return kw_sb_add(problem, "That is too long: please say it in fewer words."),
		       false;
	switch (s->now.kind) {
	case KW_SCREEN_QUESTION:
		return reply_question(s, typed, problem);
	case KW_SCREEN_CHECKLIST:
		return reply_checklist(s, typed, problem);
	case KW_SCREEN_DONE:
		break;
	}
	kw_sb_add(problem, "There are no more questions.");
	return false;
}

static void forget(struct kw_session *s, size_t q)
{
	s->settled[q] = 0;
	s->asked[q] = false;
	s->a->values[q].kind = KW_V_UNKNOWN;
	s->a->state[q] = KW_UNANSWERED;
	s->a->confirmed[q] = false;
}

/* Rechecks wait only for questions still answered. */
static void drop_pending_rechecks(struct kw_session *s)
{
	size_t kept = 0;

	for (size_t i = 0; i < s->nrechecks; i++)
		if (!kw_session_pending(s, s->rechecks[i]))
			s->rechecks[kept++] = s->rechecks[i];
	s->nrechecks = kept;
}

bool kw_session_back(struct kw_session *s)
{
	struct kw_shown *last;

	if (s->nhistory == 0)
		return false;
	if (s->now.kind == KW_SCREEN_QUESTION && s->now.recheck)
		kw_session_recheck_first(s, s->now.question);      /* not answered yet */
	last = &s->history[--s->nhistory];
	for (size_t q = 0; q < s->kb->nquestions; q++)
		if (s->settled[q] != KW_SETTLED_AT_START && s->settled[q] > s->nhistory)
			forget(s, q);
	drop_pending_rechecks(s);
	if (last->screen.recheck) {
		size_t q = last->screen.question;
		s->a->values[q] = last->prior;
		s->a->state[q] = KW_ANSWERED;
		s->a->confirmed[q] = false;
		kw_session_recheck_first(s, q);
	}
	free(last->items);
	last->items = NULL;
	follow_episode(s);
	relevance_from_scratch(s);
	kw_session_advance(s);
	return true;
}

/* The episode question was asked over the journal's answers, so its ask_if
 * is read with them, as for piped answers; then the new episode's
 * answers stand again. */
bool kw_session_finish(struct kw_session *s, bool partial, struct kw_diags *diags)
{
	bool dropped = s->journal_dropped, ok;

	if (dropped)
		apply_journal(s, false);
	ok = kw_answers_finish(s->kb, s->a, partial, diags);
	if (dropped)
		apply_journal(s, true);
	return ok;
}

void kw_session_why(struct kw_session *s, struct kw_strbuf *out)
{
	kw_why_screen(s, out);
}

struct kw_tally kw_session_tally(const struct kw_session *s)
{
	struct kw_tally t = { .screens = s->nhistory };

	for (size_t q = 0; q < s->kb->nquestions; q++) {
		if (!s->asked[q])
			continue;
		t.answered += s->a->state[q] == KW_ANSWERED;
		t.unsure += s->a->state[q] == KW_UNSURE;
		t.skipped += s->a->state[q] == KW_UNANSWERED;
	}
	return t;
}
