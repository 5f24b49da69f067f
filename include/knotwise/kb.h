/*
 * kb: the knowledge base in memory — questions, facts, rules, knots,
 * routines and settings of one loaded rule set, with every reference
 * resolved to an index.  A kb is built by kw_load (load.h), is read-only
 * afterwards, and can serve any number of consults (engine.h).
 *
 * Questions and derived facts share one namespace, the symbols: symbol i
 * is question i for i < nquestions, else fact i - nquestions.  Indices of
 * every array are load order, which breaks ties everywhere.
 */
#ifndef KNOTWISE_KB_H
#define KNOTWISE_KB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "knotwise/diag.h"

#define KW_MAX_CHOICES 64       /* a multi answer is a 64-bit set */

enum kw_qtype { KW_YESNO, KW_CHOICE, KW_MULTI, KW_SCALE, KW_NUMBER, KW_TEXT };
enum kw_unsure { KW_UNSURE_UNKNOWN, KW_UNSURE_YES, KW_UNSURE_NO };
enum kw_level { KW_SELF_CARE, KW_PROFESSIONAL, KW_URGENT, KW_EMERGENCY };
enum kw_kind { KW_RELEASE, KW_STRETCH, KW_STRENGTHEN, KW_POSTURE };

/* A known value: an answer or a derived fact.  KW_V_UNKNOWN is "not known". */
enum kw_vkind {
	KW_V_UNKNOWN, KW_V_BOOL, KW_V_NUM, KW_V_WORD, KW_V_CHOICE,
	KW_V_SET, KW_V_TEXT
};

struct kw_value {
	enum kw_vkind kind;
	union {
		bool b;
		double num;
		unsigned choice;        /* index into the question's choices */
		uint64_t set;           /* bit i: choice i was picked */
		const char *str;        /* KW_V_WORD, KW_V_TEXT */
	} u;
};

struct kw_expr;
struct kw_arena;
struct kw_index;

struct kw_question {
	const char *id, *text, *help;
	enum kw_qtype type;
	const char **choices, **labels;     /* label NULL when not given */
	unsigned nchoices;
	double min, max;
	struct kw_expr *ask_if;
	int order;
	bool required;
	enum kw_unsure unsure;
	struct kw_loc loc;
};

/* Value kinds a fact may be set to, as a bit mask of (1 << kw_vkind). */
struct kw_fact {
	const char *id;
	unsigned kinds;
};

enum kw_action_kind {
	KW_ACT_SET, KW_ACT_SUSPECT, KW_ACT_RECOMMEND, KW_ACT_AVOID, KW_ACT_TRIAGE
};

struct kw_action {
	enum kw_action_kind kind;
	size_t target;          /* symbol, knot, routine, tag or level */
	double cf;              /* suspect */
	struct kw_value value;  /* set */
	unsigned line;
};

struct kw_rule {
	const char *id, *because, *cond_text;
	struct kw_expr *cond;
	struct kw_action *actions;
	size_t nactions;
	int priority;
	size_t stratum;
	struct kw_loc loc;
};

struct kw_knot {
	const char *id, *name, *where, *refers, *region;
	struct kw_loc loc;
};

struct kw_routine {
	const char *id, *title, *pressure, *frequency;
	enum kw_kind kind;
	size_t *knots, nknots;
	struct kw_expr *cond;
	const char **steps, **cautions;
	size_t nsteps, ncautions;
	size_t *tags, ntags;
	int minutes, order;
	struct kw_loc loc;
};

struct kw_settings {
	double min_certainty;
	int max_knots;
	long minutes_from;      /* question index, or -1 */
};

struct kw_network;              /* the engine's indexes (engine.c) */

struct kw_kb {
	struct kw_arena *arena;
	const char **files;             /* every file loaded, in rank order */
	size_t nfiles;
	struct kw_question *questions;
	size_t nquestions;
	size_t *ask_order;              /* question indices by (order, load) */
	struct kw_fact *facts;
	size_t nfacts;
	struct kw_rule *rules;
	size_t nrules;
	struct kw_knot *knots;
	size_t nknots;
	struct kw_routine *routines;
	size_t nroutines;
	const char **tags;
	size_t ntags;
	struct kw_settings settings;
	struct kw_network *network;
	struct kw_index *index;         /* id look-up and owned regexes (kb.c) */
};

size_t kw_kb_nsymbols(const struct kw_kb *kb);
const char *kw_kb_symbol_id(const struct kw_kb *kb, size_t sym);
bool kw_kb_find_symbol(const struct kw_kb *kb, const char *id, size_t *sym);
bool kw_kb_find_knot(const struct kw_kb *kb, const char *id, size_t *knot);
bool kw_kb_find_routine(const struct kw_kb *kb, const char *id, size_t *routine);
bool kw_kb_find_rule(const struct kw_kb *kb, const char *id, size_t *rule);
/* The index of `choice` among the question's choices, or -1. */
int kw_question_choice(const struct kw_question *q, const char *choice);

const char *kw_level_name(enum kw_level level);
bool kw_level_parse(const char *s, enum kw_level *level);
const char *kw_kind_name(enum kw_kind kind);
const char *kw_qtype_name(enum kw_qtype type);

void kw_kb_free(struct kw_kb *kb);

#endif
