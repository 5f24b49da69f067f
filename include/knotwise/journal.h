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
#ifndef KNOTWISE_JOURNAL_H
#define KNOTWISE_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "knotwise/answers.h"
#include "knotwise/diag.h"
#include "knotwise/engine.h"
#include "knotwise/kb.h"

enum kw_journal_status {
	KW_JOURNAL_OK,
	KW_JOURNAL_REFUSED,     /* not used: it cannot be opened to read, or it is
				 * another user's, open to others or not a regular
				 * file (an error in diags; 66) */
	KW_JOURNAL_IO_ERROR     /* reading or writing it failed (diags; 74) */
};

/* A journal as read: its records in file order, newest last. */
struct kw_journal;
/* One consult's view of a journal: its current episode. */
struct kw_journal_consult;

/* $XDG_STATE_HOME/knotwise/journal.jsonl (XDG_STATE_HOME only when it is
 * an absolute path), else $HOME/.local/state/knotwise/journal.jsonl;
 * malloc'd, or NULL when neither variable is usable. */
char *kw_journal_default_path(void);
/* Create each missing folder on the way to path's file, 0700; false with
 * an error in diags. */
bool kw_journal_make_folders(const char *path, struct kw_diags *diags);

/* Read the journal at path into *out (NULL unless KW_JOURNAL_OK).  A file
 * that does not exist is an empty journal.  A line that cannot be read
 * is skipped with a warning in diags naming path:line, and counted. */
enum kw_journal_status kw_journal_read(const char *path, struct kw_journal **out,
				       struct kw_diags *diags);
void kw_journal_free(struct kw_journal *j);
const char *kw_journal_path(const struct kw_journal *j);
/* Was there a file to read? */
bool kw_journal_exists(const struct kw_journal *j);
/* Lines that could not be read. */
size_t kw_journal_nskipped(const struct kw_journal *j);

/* episode.c: one consult's view of the journal. */

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
 * session does) leaves the journal's answers all gone: that too is a new
 * episode.  True when this consult starts a new episode.  Call it after
 * each answer and once after kw_answers_finish (which then still keeps
 * the episode answer): it is idempotent. */
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
 * the time since the last consult, which last time's answer cannot; nor
 * does the pain level ([settings] pain_from), which a follow-up measures
 * afresh to compare with the journal's. */
char *kw_journal_last_answer(const struct kw_journal_consult *c, size_t q);

/* append.c: this consult's record. */

/* Append that line to the journal the consult read (creating it 0600,
 * not its folders), in one write(2).  Call it only for a consult that
 * completed and whose result was written: an aborted one records
 * nothing. */
enum kw_journal_status kw_journal_append(const struct kw_journal_consult *c,
					 const struct kw_answers *a,
					 const struct kw_result *res, struct kw_diags *diags);

#endif
