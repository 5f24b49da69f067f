/*
 * journal/record: one line of the journal as a record.  The line may be
 * anything (a hand edit, a disk error, a later version's record): it is
 * read with the project's bounded JSON reader, and a record is taken only
 * when the members the journal relies on are there and well formed.
 * Unknown members are left in the line, untouched.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers/answer_text.h"
#include "journal/journal.h"
#include "ruleset/ruleset.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/json_reader.h"
#include "util/scalar.h"

/* Episodes are counted from 1; a count past this is not one we wrote. */
#define MAX_EPISODE 1000000000L

struct record_reader {
	struct kw_arena *arena;
	struct kw_journal_record *rec;
	bool version, time, episode;    /* the members every record has */
	const char *bad;                /* the first member found wrong */
	struct kw_strbuf scratch;
	struct kw_journal_answer *answers;      /* growing; the arena gets a copy */
	size_t nanswers, answers_cap;
};

static void take_version(struct record_reader *r, const struct kw_jmember *m)
{
	long v;

	r->version = m->kind == KW_J_NUMBER && kw_parse_int(m->text, 1, 1, &v);
	if (!r->version)
		r->bad = "its \"version\" is not 1";
}

static void take_time(struct record_reader *r, const struct kw_jmember *m)
{
	r->time = m->kind == KW_J_STRING && kw_clock_parse(m->text, &r->rec->time);
	if (!r->time)
		r->bad = "its \"time\" is not a UTC time such as 2026-12-01T09:30:00Z";
}

static void take_episode(struct record_reader *r, const struct kw_jmember *m)
{
	r->episode = m->kind == KW_J_NUMBER &&
		     kw_parse_int(m->text, 1, MAX_EPISODE, &r->rec->episode);
	if (!r->episode)
		r->bad = "its \"episode\" is not a count from 1";
}

static void take_level(struct record_reader *r, const struct kw_jmember *m)
{
	enum kw_level level;

	if (m->kind == KW_J_STRING && kw_level_parse(m->text, &level))
		r->rec->level = kw_level_name(level);
	else if (m->kind != KW_J_STRING)
		r->bad = "its \"level\" is not a string";
}

/* An array of ids, kept in the arena; an item that is no id is left out
 * (nothing from the file reaches a person unless it is one). */
static const char **take_ids(struct record_reader *r, const struct kw_jmember *m, size_t *n)
{
	char *items[KW_MAX_CHOICES], *copy;
	const char **ids;
	size_t count;

	*n = 0;
	if (m->kind != KW_J_STRINGS || m->text_has_nul) {
		r->bad = "its knots or routine are not arrays of ids";
		return NULL;
	}
	copy = kw_arena_strdup(r->arena, m->text);
	count = kw_split_commas(copy, items, KW_MAX_CHOICES);
	if (count > KW_MAX_CHOICES)
		count = KW_MAX_CHOICES;
	ids = kw_arena_alloc(r->arena, count * sizeof *ids);
	for (size_t i = 0; i < count; i++)
		if (kw_valid_id(items[i]))
			ids[(*n)++] = items[i];
	return ids;
}

static void take_answer(void *data, const struct kw_jmember *m)
{
	struct record_reader *r = data;
	const char *text = kw_answer_text_of_json(m, &r->scratch);
	struct kw_journal_answer answer;

	if (!text || m->key_has_nul || !kw_valid_id(m->key))
		return;                 /* null, or nothing an answer can be */
	answer.id = kw_arena_strdup(r->arena, m->key);
	answer.text = kw_arena_strdup(r->arena, text);
	KW_PUSH(r->answers, r->nanswers, r->answers_cap, answer);
}

static void take_answers(struct record_reader *r, const struct kw_jmember *m)
{
	char err[160];
	unsigned line;

	if (m->kind != KW_J_OTHER || m->raw[0] != '{' ||
	    !kw_json_read_object(m->raw, m->raw_len, take_answer, r, err, sizeof err, &line))
		r->bad = "its \"answers\" is not an object";
}

static void take_member(void *data, const struct kw_jmember *m)
{
	struct record_reader *r = data;

	if (m->key_has_nul)
		return;                 /* not a member this version knows */
	if (strcmp(m->key, "version") == 0)
		take_version(r, m);
	else if (strcmp(m->key, "time") == 0)
		take_time(r, m);
	else if (strcmp(m->key, "episode") == 0)
		take_episode(r, m);
	else if (strcmp(m->key, "level") == 0)
		take_level(r, m);
	else if (strcmp(m->key, "knots") == 0)
		r->rec->knots = take_ids(r, m, &r->rec->nknots);
	else if (strcmp(m->key, "routine") == 0)
		r->rec->routine = take_ids(r, m, &r->rec->nroutine);
	else if (strcmp(m->key, "answers") == 0)
		take_answers(r, m);
}

/* The answers, moved into the arena with the rest of the record. */
static void keep_answers(struct record_reader *r)
{
	size_t size = r->nanswers * sizeof *r->answers;

	r->rec->answers = kw_arena_alloc(r->arena, size + 1);
	if (size)
		memcpy(r->rec->answers, r->answers, size);
	r->rec->nanswers = r->nanswers;
}

/* Does the text start (after blanks) as a JSON object does? */
static bool looks_like_object(const char *text, size_t len)
{
	size_t i = strspn(text, " \t\r");

	return i < len && text[i] == '{';
}

/* What a line that parsed as an object still lacks, or NULL. */
static const char *missing(const struct record_reader *r)
{
	return r->bad ? r->bad : !r->version ? "it has no \"version\""
		: !r->time ? "it has no \"time\"" : !r->episode ? "it has no \"episode\"" : NULL;
}

bool kw_journal_parse_record(const char *text, size_t len, struct kw_arena *arena,
			     struct kw_journal_record *rec, char *why, size_t whylen)
{
	struct record_reader r = { .arena = arena, .rec = rec };
	char err[160];
	unsigned line;
	const char *problem = NULL;

	*rec = (struct kw_journal_record){0};
	if (!kw_utf8_valid(text, len) || memchr(text, '\0', len))
		problem = "it is not UTF-8 text";
	else if (!looks_like_object(text, len))
		problem = "it is not a JSON object";
	else if (!kw_json_read_object(text, len, take_member, &r, err, sizeof err, &line))
		problem = err;
	else if (!(problem = missing(&r)))
		keep_answers(&r);
	kw_sb_free(&r.scratch);
	free(r.answers);
	if (problem) {
		snprintf(why, whylen, "%s", problem);
		return false;
	}
	rec->json = kw_arena_strndup(arena, text, len);
	return true;
}

const char *kw_journal_record_answer(const struct kw_journal_record *r, const char *id)
{
	for (size_t i = 0; i < r->nanswers; i++)
		if (strcmp(r->answers[i].id, id) == 0)
			return r->answers[i].text;
	return NULL;
}

bool kw_journal_record_number(const struct kw_journal_record *r, const char *id, double *x)
{
	const char *text = kw_journal_record_answer(r, id);

	return text && kw_parse_decimal(text, x) && isfinite(*x);
}

bool kw_journal_record_pain(const struct kw_kb *kb, const struct kw_journal_record *r,
			    double *pain)
{
	int32_t q = kb->settings->pain_from;

	return q >= 0 && kw_journal_record_number(r, kw_s(kb, kb->questions[q].id), pain);
}
