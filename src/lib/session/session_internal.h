/*
 * session_internal: the state of a questionnaire (session.c), and the
 * parts that live in files of their own: making the next screen
 * (screen.c), reading what the person typed (reply.c) and saying what an
 * answer can change (why.c).
 */
#ifndef KW_SESSION_INTERNAL_H
#define KW_SESSION_INTERNAL_H

#include "knotwise/session.h"
#include "ruleset/ruleset.h"
#include "session/relevance.h"
#include "util/strbuf.h"

/* How a screen was settled, kept so that `back` can undo it. */
struct kw_shown {
	struct kw_screen screen;        /* as shown (items point into `items`) */
	size_t *items;
	struct kw_value prior;          /* a recheck: the `no` it replaced */
};

#define KW_SETTLED_AT_START SIZE_MAX

struct kw_session {
	const struct kw_kb *kb;
	struct kw_answers *a;
	bool ask_all;
	struct kw_relevance rel;
	/* by question: 0 while still to come; else 1 + the screen that settled
	 * it (asked there, or passed over on the way to it) */
	size_t *settled;
	bool *asked;                    /* by question: shown on a screen */
	char **presets;                 /* by question: what Enter keeps */
	struct kw_value *from_journal;  /* by question: as the session began */
	enum kw_answer_state *journal_state;
	bool journal_dropped;           /* a new episode: journal answers unknown */
	size_t *rechecks, nrechecks;    /* questions to ask again, next first */
	struct kw_shown *history;       /* the screens replied to */
	size_t nhistory;
	struct kw_screen now;           /* the screen shown now */
	size_t *now_items;
	struct kw_strbuf recheck_words, checklist_preset, preset_words;
	const char **choices, **choice_ids, **item_texts;      /* of `now` */
};

/* session.c: a question still to come, whether it would be asked were it
 * reached now, and settling it (asked, or passed over on the way to the
 * screen being made). */
bool kw_session_pending(const struct kw_session *s, size_t q);
bool kw_session_would_ask(const struct kw_session *s, size_t q);
void kw_session_settle(struct kw_session *s, size_t q);

/* screen.c: make the next screen `now`; put q first among the questions
 * to ask again (`back` to a recheck). */
void kw_session_advance(struct kw_session *s);
void kw_session_recheck_first(struct kw_session *s, size_t q);

/* The answer-file text for what was typed to question q ("lower back"
 * -> "lower_back", "1 3" -> "neck,mid_back"), or false with what is
 * allowed in the person's words. */
bool kw_reply_to_answer(const struct kw_kb *kb, size_t q, const char *typed,
			struct kw_strbuf *answer, struct kw_strbuf *problem);

/* A checklist reply ("1 3", "none", "unsure 2", "1, unsure 4") as one
 * state per item: 'y', 'n' or '?'; false with the problem. */
bool kw_reply_to_ticks(size_t nitems, const char *typed, char *ticks,
		       struct kw_strbuf *problem);

/* The why of the current screen (why.c). */
void kw_why_screen(struct kw_session *s, struct kw_strbuf *out);

#endif
