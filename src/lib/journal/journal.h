/*
 * journal: the record of earlier consults (SPEC §8), one JSON object per
 * line of $XDG_STATE_HOME/knotwise/journal.jsonl, and what a new consult
 * takes from it.
 *
 * Reading takes every line it can and skips, with a warning naming
 * FILE:LINE, each one it cannot: the file is never rewritten, so a line
 * this version cannot read stays for one that can.  Writing appends one
 * whole line with a single write(2), so consults that end at the same
 * moment never mix their records.  A journal holds health data: one that
 * belongs to another user, or that its group or anyone may read or
 * write, is refused unread, and a new one is created 0600.
 *
 * A consult sees the journal from one moment, `now`.  Its current episode
 * is the run of records since the last one that started an episode,
 * unless 90 days or more have passed since the last consult: then this
 * consult starts a new episode and the journal answers stay unknown.
 *
 * How a consult uses it, in order (cmd_ask.c; the session follows the
 * episode question by itself while the questions are asked):
 *
 *     kw_journal_read(path, &j, &diags)           before the first question
 *     c = kw_journal_consult_new(j, kb, now)
 *     kw_journal_fill(c, answers)                 after any answers given up front
 *     line = kw_journal_last_time(c)              show it, if not NULL
 *     text = kw_journal_last_answer(c, q)         a default for question q
 *     kw_journal_follow_episode(c, answers)       after each answer, and once
 *                                                 after kw_answers_finish
 *     ... run the engine, write the result ...
 *     kw_journal_append(c, answers, result, &diags)   once the result is out
 *     kw_journal_consult_free(c); kw_journal_free(j);
 *
 * Nothing here talks to the terminal: problems go to diags (FILE:LINE
 * warnings, errors naming the file) or to the answers' warnings, and
 * texts are returned for the caller to show.
 */
#ifndef KW_JOURNAL_H
#define KW_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "knotwise/answers.h"
#include "knotwise/diag.h"
#include "knotwise/engine.h"
#include "knotwise/kb.h"
#include "util/strbuf.h"

#define KW_JOURNAL_VERSION 1
/* A longer line is skipped (with a warning) without being held whole. */
#define KW_JOURNAL_MAX_LINE (64 * 1024)
/* A larger journal is not read at all: a read error. */
#define KW_JOURNAL_MAX_BYTES (256L * 1024 * 1024)
/* A consult this many days or more after the last starts a new episode. */
#define KW_JOURNAL_EPISODE_GAP_DAYS 90
/* The answer whose sum over an episode is the journal field routine_days,
 * and which `history` shows as whether the routine was done: the days the
 * routine was done since the last consult (vocabulary.md). */
#define KW_JOURNAL_ROUTINE_DAYS_ANSWER "routine_days_since_last"

enum kw_journal_status {
	KW_JOURNAL_OK,
	KW_JOURNAL_REFUSED,     /* not used: it cannot be opened to read, or it is
				 * another user's, open to others or not a regular
				 * file (an error in diags; 66) */
	KW_JOURNAL_IO_ERROR     /* reading or writing it failed (diags; 74) */
};

/* One answer of a record, as an answers file would give it: "yes",
 * "6", "lower_back,upper_back". */
struct kw_journal_answer {
	const char *id, *text;
};

/* One record, as read from its line.  Its strings belong to the journal. */
struct kw_journal_record {
	unsigned line;                  /* in the file, from 1 */
	time_t time;
	long episode;                   /* from 1 */
	const char *level;              /* a triage level's id, or NULL when the
					 * record names none this version knows */
	const char **knots;             /* ids, as recorded (valid ids only) */
	size_t nknots;
	const char **routine;
	size_t nroutine;
	struct kw_journal_answer *answers;
	size_t nanswers;
	const char *json;               /* the line as written, unknown members
					 * and all (valid UTF-8 JSON) */
};

/* A journal as read: its records in file order (newest last, as they
 * were appended).  Read-only once read. */
struct kw_journal {
	const char *path;
	bool exists;                    /* false: there was no file to read */
	struct kw_journal_record *records;
	size_t nrecords, records_cap;
	size_t nskipped;                /* lines that could not be read */
	struct kw_arena *arena;         /* every string of the records */
};

/* file.c: where the journal lives. */

/* $XDG_STATE_HOME/knotwise/journal.jsonl (XDG_STATE_HOME only when it is
 * an absolute path), else $HOME/.local/state/knotwise/journal.jsonl;
 * malloc'd, or NULL when neither variable is usable. */
char *kw_journal_default_path(void);
/* Create each missing folder on the way to path's file, 0700; false with
 * an error in diags. */
bool kw_journal_make_folders(const char *path, struct kw_diags *diags);
/* Open the journal at path with flags (O_RDONLY, or O_WRONLY | O_APPEND |
 * O_CREAT, which creates it 0600) once it is known to be a regular file
 * that is the user's alone: the descriptor, or -1 with *status and an
 * error in diags.  A file that does not exist, opened to read, is -1 with
 * KW_JOURNAL_OK: an empty journal. */
int kw_journal_open_file(const char *path, int flags, enum kw_journal_status *status,
			 struct kw_diags *diags);

/* read.c: the records of a file. */

/* Read the journal at path into *out (NULL unless KW_JOURNAL_OK).  A file
 * that does not exist is an empty journal.  A line that cannot be read
 * is skipped with a warning in diags naming path:line, and counted. */
enum kw_journal_status kw_journal_read(const char *path, struct kw_journal **out,
				       struct kw_diags *diags);
void kw_journal_free(struct kw_journal *j);

/* record.c: one line. */

/* Parse one line of len bytes (no '\n') into *rec, its strings in arena;
 * false, with why, when it is not a record this version reads: not one
 * JSON object in UTF-8, no "version": 1, no "time" as a UTC time, no
 * "episode" from 1, or a member of the wrong kind. */
bool kw_journal_parse_record(const char *text, size_t len, struct kw_arena *arena,
			     struct kw_journal_record *rec, char *why, size_t whylen);
/* The record's answer to question id, as answer-file text, or NULL. */
const char *kw_journal_record_answer(const struct kw_journal_record *r, const char *id);
/* The record's answer to id as a finite number; false when it has none. */
bool kw_journal_record_number(const struct kw_journal_record *r, const char *id, double *x);
/* The pain level it recorded (the answer to [settings] pain_from). */
bool kw_journal_record_pain(const struct kw_kb *kb, const struct kw_journal_record *r,
			    double *pain);

/* episode.c: one consult's view of the journal. */

struct kw_journal_consult;

/* The journal as the consult starting at `now` sees it.  j and kb must
 * outlive it; kw_journal_consult_free frees it. */
struct kw_journal_consult *kw_journal_consult_new(const struct kw_journal *j,
						  const struct kw_kb *kb, time_t now);
void kw_journal_consult_free(struct kw_journal_consult *c);
/* Answer each question that has a `journal` key from the current episode,
 * leaving alone those already answered (a script's own answer wins).  With
 * no earlier consult of this episode, nothing is filled.  A value that
 * the question does not take (out of its range, not one of its choices)
 * leaves it unknown, with a warning in the answers. */
void kw_journal_fill(struct kw_journal_consult *c, struct kw_answers *a);
/* Follow the episode question ([settings] episode_from): when it is
 * answered no, the answers kw_journal_fill gave are made unknown again
 * (so the follow-up questions, which ask_if known(journal_consults), are
 * no longer asked); when that no is taken back (`back` past it), they are
 * given again.  A questionnaire that follows the episode itself (the
 * session does, and its kw_answers_finish then drops the no, whose
 * question is no longer asked) leaves the journal's answers all gone:
 * that too is a new episode.  True when this consult starts a new
 * episode.  Call it after each answer and once after kw_answers_finish
 * (which then still keeps the episode answer): it is idempotent. */
bool kw_journal_follow_episode(struct kw_journal_consult *c, struct kw_answers *a);

/* recall.c: the last consult, for the questionnaire. */

/* One line in a person's words about the last consult of this episode,
 * such as "Last time, 4 days ago: lower back, pain 6/10, the quadratus
 * lumborum routine." (labels, names and titles from the kb, never ids);
 * malloc'd, or NULL when there is no earlier consult of this episode. */
char *kw_journal_last_time(const struct kw_journal_consult *c);
/* The last consult's answer to question q as answer-file text ("yes",
 * "6", "lower_back,upper_back"), for the questionnaire to offer as the
 * default of a question that is not required; malloc'd, or NULL when the
 * journal has none that q still takes (the rule set may have changed).
 * The last consult is the journal's last, whatever its episode: tools,
 * habits and the minutes a day seldom change with the pain.  Questions
 * with a `journal` key have none (they are never asked), and neither do
 * the follow-up questions, whose ask_if tests the journal: they ask about
 * the time since the last consult, which last time's answer cannot. */
char *kw_journal_last_answer(const struct kw_journal_consult *c, size_t q);

/* append.c: this consult's record. */

/* The record of a finished consult, one line with its '\n': the answers
 * given (not those the journal filled), the level, the knots listed and
 * the routine, at the consult's `now`. */
void kw_journal_record_line(const struct kw_journal_consult *c, const struct kw_answers *a,
			    const struct kw_result *res, struct kw_strbuf *out);
/* Append that line to the journal the consult read (creating it 0600,
 * not its folders), in one write(2).  Call it only for a consult that
 * completed and whose result was written: an aborted one records
 * nothing. */
enum kw_journal_status kw_journal_append(const struct kw_journal_consult *c,
					 const struct kw_answers *a,
					 const struct kw_result *res, struct kw_diags *diags);

#endif
