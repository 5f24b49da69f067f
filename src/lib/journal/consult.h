/*
 * consult: one consult's view of the journal, shared by the files of the
 * journal module (episode.c makes it; recall.c and append.c read it).
 * Outside the module it is opaque (journal.h).
 */
#ifndef KW_JOURNAL_CONSULT_H
#define KW_JOURNAL_CONSULT_H

#include "journal/journal.h"

struct kw_journal_consult {
	const struct kw_journal *j;
	const struct kw_kb *kb;
	time_t now;
	/* the current episode: records[first] up to the last record; empty
	 * (n == 0) when this consult starts a new one by itself */
	size_t first, n;
	struct kw_arena *arena;         /* the texts of fill_text */
	const char **fill_text;         /* by question: what the journal says,
					 * as answer text, or NULL */
	bool *filled;                   /* by question: kw_journal_fill gave it
					 * (it may be taken back by a new episode) */
	bool taken_back;                /* by the episode question's no, here */
	bool episode_ended;             /* this consult starts a new episode */
};

/* The last record of the current episode, or NULL when there is none. */
const struct kw_journal_record *kw_journal_consult_last(const struct kw_journal_consult *c);
/* The episode this consult's record gets: the last record's, or the next
 * one when this consult starts a new episode (1 for the first consult). */
long kw_journal_consult_episode(const struct kw_journal_consult *c);

#endif
