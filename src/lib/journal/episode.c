/*
 * journal/episode: which records are the current episode, what each
 * journal field says about them, and those answers given to (and taken
 * back from) a consult's answers (SPEC §2 `journal`, §8).
 */
#include <config.h>

#include <stdlib.h>

#include "answers/answers_internal.h"
#include "journal/consult.h"
#include "ruleset/ruleset.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/strbuf.h"

/* A day count of the routine past this is no count we would sum. */
#define MAX_ROUTINE_DAYS 1e6

/* The current episode: the records since the last one that started an
 * episode, unless the last consult is KW_JOURNAL_EPISODE_GAP_DAYS old. */
static void find_episode(struct kw_journal_consult *c)
{
	const struct kw_journal_record *r = c->j->records;
	size_t n = c->j->nrecords, first;

	if (n == 0 || kw_clock_days_between(r[n - 1].time, c->now) >= KW_JOURNAL_EPISODE_GAP_DAYS)
		return;
	for (first = n - 1; first > 0 && r[first - 1].episode == r[n - 1].episode; first--)
		continue;
	c->first = first;
	c->n = n - first;
}

const struct kw_journal_record *kw_journal_consult_last(const struct kw_journal_consult *c)
{
	return c->n ? &c->j->records[c->first + c->n - 1] : NULL;
}

long kw_journal_consult_episode(const struct kw_journal_consult *c)
{
	const struct kw_journal *j = c->j;

	if (j->nrecords == 0)
		return 1;
	return j->records[j->nrecords - 1].episode + (c->n == 0 || c->episode_ended);
}

/* Whole days from a record to now; a record dated later than now (a
 * clock set back) counts as today. */
static long days_since(const struct kw_journal_consult *c, const struct kw_journal_record *r)
{
	long days = kw_clock_days_between(r->time, c->now);

	return days > 0 ? days : 0;
}

/* The days of routine the episode's consults recorded. */
static double routine_days(const struct kw_journal_consult *c)
{
	double sum = 0, days;

	for (size_t i = c->first; i < c->first + c->n; i++)
		if (kw_journal_record_number(&c->j->records[i], KW_JOURNAL_ROUTINE_DAYS_ANSWER, &days) &&
		    days >= 0 && days <= MAX_ROUTINE_DAYS)
			sum += days;
	return sum;
}

/* The pain level a record gives, as its answer's text. */
static const char *pain_text(const struct kw_journal_consult *c, const struct kw_journal_record *r)
{
	int32_t q = c->kb->settings->pain_from;

	return q >= 0 ? kw_journal_record_answer(r, kw_s(c->kb, c->kb->questions[q].id)) : NULL;
}

/* What field says of the current episode, as answer text (in sb when it
 * is a number), or NULL when the journal does not say. */
static const char *field_text(const struct kw_journal_consult *c, enum kw_journal_field field,
			      struct kw_strbuf *sb)
{
	const struct kw_journal_record *first = &c->j->records[c->first];
	const struct kw_journal_record *last = kw_journal_consult_last(c);

	switch (field) {
	case KW_JOURNAL_CONSULTS: kw_sb_printf(sb, "%zu", c->n); break;
	case KW_JOURNAL_DAYS_SINCE_FIRST: kw_sb_printf(sb, "%ld", days_since(c, first)); break;
	case KW_JOURNAL_DAYS_SINCE_LAST: kw_sb_printf(sb, "%ld", days_since(c, last)); break;
	case KW_JOURNAL_ROUTINE_DAYS: kw_sb_printf(sb, "%.15g", routine_days(c)); break;
	case KW_JOURNAL_FIRST_PAIN: return pain_text(c, first);
	case KW_JOURNAL_LAST_PAIN: return pain_text(c, last);
	case KW_JOURNAL_LAST_LEVEL: return last->level;
	default: return NULL;
	}
	return sb->data;
}

/* What the journal says for each question with a `journal` key, kept in
 * the arena so that the answers can be given again after a new episode
 * was taken back. */
static void read_fields(struct kw_journal_consult *c)
{
	struct kw_strbuf sb = {0};
	const char *text;

	for (size_t q = 0; c->n && q < c->kb->nquestions; q++) {
		kw_sb_reset(&sb);
		if ((text = field_text(c, c->kb->questions[q].journal, &sb)) != NULL)
			c->fill_text[q] = kw_arena_strdup(c->arena, text);
	}
	kw_sb_free(&sb);
}

struct kw_journal_consult *kw_journal_consult_new(const struct kw_journal *j,
						  const struct kw_kb *kb, time_t now)
{
	struct kw_journal_consult *c = kw_xcalloc(1, sizeof *c);

	*c = (struct kw_journal_consult){
		.j = j, .kb = kb, .now = now, .arena = kw_arena_new(),
		.fill_text = kw_xcalloc(kb->nquestions + 1, sizeof *c->fill_text),
		.filled = kw_xcalloc(kb->nquestions + 1, sizeof *c->filled),
	};
	find_episode(c);
	read_fields(c);
	return c;
}

void kw_journal_consult_free(struct kw_journal_consult *c)
{
	if (!c)
		return;
	kw_arena_free(c->arena);
	free(c->fill_text);
	free(c->filled);
	free(c);
}

/* Answer q from the journal; false, with a warning, when the question
 * does not take what the journal says (its range, its choices). */
static bool give(struct kw_journal_consult *c, struct kw_answers *a, size_t q)
{
	const struct kw_question *question = &c->kb->questions[q];
	struct kw_value v;
	char why[200];

	if (!kw_answer_parse(c->kb, q, c->fill_text[q], a->arena, &v, why, sizeof why)) {
		kw_answers_warn(a, "the journal's %s, '%.40s', is not an answer to '%s' "
				"(expected %s): it is left unknown",
				kw_journal_field_name(question->journal), c->fill_text[q],
				kw_s(c->kb, question->id), why);
		return false;
	}
	a->values[q] = v;
	a->state[q] = KW_ANSWERED;
	return true;
}

void kw_journal_fill(struct kw_journal_consult *c, struct kw_answers *a)
{
	for (size_t q = 0; q < c->kb->nquestions; q++) {
		if (!c->fill_text[q] || a->state[q] != KW_UNANSWERED)
			continue;
		if (give(c, a, q))
			c->filled[q] = true;
		else
			c->fill_text[q] = NULL;         /* said once, not tried again */
	}
}

/* Is the episode question ([settings] episode_from) answered no? */
static bool said_new_episode(const struct kw_journal_consult *c, const struct kw_answers *a)
{
	int32_t q = c->kb->settings->episode_from;

	return q >= 0 && a->values[q].kind == KW_V_BOOL && !a->values[q].u.b;
}

static void take_back(struct kw_journal_consult *c, struct kw_answers *a)
{
	for (size_t q = 0; q < c->kb->nquestions; q++)
		if (c->filled[q]) {
			a->state[q] = KW_UNANSWERED;
			a->values[q].kind = KW_V_UNKNOWN;
		}
}

/* Are all the answers kw_journal_fill gave gone (and was there one)? */
static bool all_taken_back(const struct kw_journal_consult *c, const struct kw_answers *a)
{
	bool gave = false;

	for (size_t q = 0; q < c->kb->nquestions; q++)
		if (c->filled[q] && a->state[q] != KW_UNANSWERED)
			return false;
		else
			gave |= c->filled[q];
	return gave;
}

bool kw_journal_follow_episode(struct kw_journal_consult *c, struct kw_answers *a)
{
	if (said_new_episode(c, a)) {
		take_back(c, a);
		c->taken_back = true;
	} else if (c->taken_back) {     /* the no was taken back: `back` past it */
		c->taken_back = false;
		kw_journal_fill(c, a);
	}
	c->episode_ended = c->taken_back || all_taken_back(c, a);
	return c->episode_ended;
}
