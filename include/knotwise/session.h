/*
 * session: the questionnaire without a terminal (SPEC §4, §2 [group]).
 *
 * A session walks the questions in asking order and says which screen to
 * show next: one question, or a checklist (a [group]) showing the members
 * still to ask.  It skips a question whose ask_if does not hold, one that
 * can no longer change the outcome (unless ask_all), and one answered from
 * the journal; it stops as soon as an emergency is certain.  A front end
 * shows the screen, hands back what the person typed, and asks again;
 * `back` undoes the last screen.  The session reads what was typed the
 * way a person writes it (numbers, labels, ids, "none", "unsure 2") and,
 * when it cannot, says in the person's words what it takes.
 *
 * A `no` that the person's own words contradict (recheck_if) is asked
 * once more right away, quoting the words; the second answer stands.
 * When [settings] episode_from is answered no, the answers filled from
 * the journal are forgotten (SPEC §8), and restored if that answer is
 * taken back.
 *
 * No I/O: everything the person reads comes back as text.
 */
#ifndef KNOTWISE_SESSION_H
#define KNOTWISE_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "knotwise/answers.h"
#include "knotwise/kb.h"

enum kw_screen_kind { KW_SCREEN_QUESTION, KW_SCREEN_CHECKLIST, KW_SCREEN_DONE };

struct kw_screen {
	enum kw_screen_kind kind;
	size_t question;                /* QUESTION: its index */
	size_t group;                   /* CHECKLIST: the group's index */
	const size_t *items;            /* CHECKLIST: the members shown, in order */
	size_t nitems;
	bool required;                  /* an answer is needed (a safety question) */
	const char *recheck;            /* QUESTION asked again: the person's own
	                                 * words that disagree with their `no` */
	const char *preset;             /* the answer Enter keeps, or NULL */
	size_t number;                  /* this screen's number, from 1 */
	size_t to_go;                   /* about how many screens after this one */
	bool emergency;                 /* DONE: an emergency cut the questions short */
	/* What to show, in the rule files' words (no ids but choice_ids). */
	const char *text;               /* the question, or the checklist's lead */
	const char *help;               /* for `?`, or NULL */
	enum kw_qtype type;             /* QUESTION: what it takes */
	double min, max;                /* QUESTION: a number's bounds */
	const char *const *choices;     /* QUESTION: each choice's label */
	const char *const *choice_ids;  /* and its id (tab completion) */
	size_t nchoices;
	const char *const *item_texts;  /* CHECKLIST: each item's wording */
	const char *preset_words;       /* the preset as the person reads it */
};

struct kw_tally {
	size_t screens;                 /* shown and replied to */
	size_t answered, unsure, skipped;       /* questions */
};

struct kw_session;
struct kw_strbuf;

/* A session filling answers (which may already hold the journal's and a
 * script's).  ask_all: also ask what can no longer change the outcome. */
struct kw_session *kw_session_new(const struct kw_kb *kb, struct kw_answers *answers,
				  bool ask_all);
void kw_session_free(struct kw_session *s);

/* Offer an answer (answer-file text) that Enter keeps for question q, an
 * optional one; before the first screen.  False if it is not valid. */
bool kw_session_preset(struct kw_session *s, size_t q, const char *text);

/* The screen to show now. */
const struct kw_screen *kw_session_screen(const struct kw_session *s);

/* What the person typed for the current screen (trimmed; "" for Enter).
 * True when it was taken and the session moved on; false, with what is
 * allowed in `problem`, when it was not. */
bool kw_session_reply(struct kw_session *s, const char *typed, struct kw_strbuf *problem);

/* Once done: apply ask_if and check the required questions, as
 * kw_answers_finish does (answers.h), with the journal's answers read as
 * they stood when the episode question was asked. */
bool kw_session_finish(struct kw_session *s, bool partial, struct kw_diags *diags);

/* Undo the last screen and show it again; false at the first one. */
bool kw_session_back(struct kw_session *s);

/* What the current screen's answer can change, in a sentence or two. */
void kw_session_why(struct kw_session *s, struct kw_strbuf *out);

/* Is this what a person types when they do not know? */
bool kw_session_is_unsure(const char *typed);

struct kw_tally kw_session_tally(const struct kw_session *s);

#endif
