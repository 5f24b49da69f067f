/*
 * journal (inside the library): the records as read, the file's opening,
 * a record's parsing and writing; the API is knotwise/journal.h.
 */
#ifndef KW_JOURNAL_H
#define KW_JOURNAL_H

#include "knotwise/journal.h"
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

/* Open the journal at path with flags (O_RDONLY, or O_WRONLY | O_APPEND |
 * O_CREAT, which creates it 0600) once it is known to be a regular file
 * that is the user's alone: the descriptor, or -1 with *status and an
 * error in diags.  A file that does not exist, opened to read, is -1 with
 * KW_JOURNAL_OK: an empty journal. */
int kw_journal_open_file(const char *path, int flags, enum kw_journal_status *status,
			 struct kw_diags *diags);

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

/* append.c: this consult's record. */

/* The record of a finished consult, one line with its '\n': the answers
 * given (not those the journal filled), the level, the knots listed and
 * the routine, at the consult's `now`. */
void kw_journal_record_line(const struct kw_journal_consult *c, const struct kw_answers *a,
			    const struct kw_result *res, struct kw_strbuf *out);

#endif
