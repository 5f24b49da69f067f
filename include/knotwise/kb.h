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

/* The regions of the back (SPEC §6), which the safety nets, the knots'
 * `region` and the settings' regions_from speak of. */
enum kw_region { KW_NECK, KW_UPPER_BACK, KW_MID_BACK, KW_LOWER_BACK,
		 KW_HIP_BUTTOCK, KW_NREGIONS };

/* The [message ID] sections: what a person reads in the result, worded
 * in the rule files (SPEC §2).  Any other id is a load error. */
enum kw_message {
	KW_MSG_LEVEL_SELF_CARE, KW_MSG_LEVEL_PROFESSIONAL, KW_MSG_LEVEL_URGENT,
	KW_MSG_LEVEL_EMERGENCY,         /* in kw_level order */
	KW_MSG_SAFETY_NET,
	KW_MSG_SAFETY_NET_REGION,       /* + kw_region: one per region */
	KW_MSG_NOTHING_STANDS_OUT = KW_MSG_SAFETY_NET_REGION + KW_NREGIONS,
	KW_MSG_SCREEN_INCOMPLETE, KW_MSG_DISCLAIMER, KW_MSG_WELCOME,
	KW_NMESSAGES
};

/* The journal fields a question may be answered from (SPEC §8). */
enum kw_journal_field {
	KW_JOURNAL_NONE, KW_JOURNAL_CONSULTS, KW_JOURNAL_DAYS_SINCE_FIRST,
	KW_JOURNAL_DAYS_SINCE_LAST, KW_JOURNAL_FIRST_PAIN, KW_JOURNAL_LAST_PAIN,
	KW_JOURNAL_LAST_LEVEL, KW_JOURNAL_ROUTINE_DAYS, KW_NJOURNAL_FIELDS
};

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
	const char *item;               /* checklist wording (yesno); else text */
	enum kw_qtype type;
	const char **choices, **labels;     /* label NULL when not given */
	unsigned nchoices;
	double min, max;
	struct kw_expr *ask_if;
	struct kw_expr *recheck_if;     /* yesno: when a `no` is doubted */
	int order;
	bool required;
	enum kw_unsure unsure;
	enum kw_journal_field journal;  /* answered from the journal, never asked */
	size_t group;                   /* index in kb->groups, or SIZE_MAX */
	struct kw_loc loc;
};

/* A checklist: yes/no questions the questionnaire asks as one screen. */
struct kw_group {
	const char *id, *text, *help;
	size_t *questions, nquestions;  /* in asking order */
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
	const char *id, *because, *advice, *cond_text;
	struct kw_expr *cond;
	struct kw_action *actions;
	size_t nactions;
	int priority;
	size_t stratum;
	struct kw_loc loc;
};

struct kw_knot {
	const char *id, *name, *where, *refers;
	int region;                     /* enum kw_region, or -1 */
	bool has_map;
	double map_x, map_y;            /* 0-100 across and down, left side */
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
	bool cut_off;                   /* its `for` knots were disabled */
	struct kw_loc loc;
};

struct kw_settings {
	double min_certainty;
	double likely_at;       /* a listed knot at or above it is "likely" */
	int max_knots;
	/* question indices, or -1 when unset */
	long minutes_from, regions_from, side_from, pain_from, episode_from;
};

/* A section that a later one replaced or disabled (JSON `changes`). */
struct kw_change {
	const char *kind, *id;
	bool disabled;
	bool safety;            /* the section replaced was a safety item */
	const char *what;       /* a safety item in words (question text or
				   rule `because`), else NULL */
	struct kw_loc loc;      /* the header of the later section */
};

struct kw_message_text {
	const char *text;       /* NULL when no file gives it */
	struct kw_loc loc;
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
	struct kw_group *groups;
	size_t ngroups;
	struct kw_message_text messages[KW_NMESSAGES];
	struct kw_change *changes;
	size_t nchanges;
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
const char *kw_region_name(enum kw_region region);
/* The region with this id, or -1. */
int kw_region_parse(const char *s);
/* The message with this id (level_urgent, safety_net_neck, ...), or -1. */
int kw_message_parse(const char *s);
const char *kw_message_name(enum kw_message message);
const char *kw_journal_field_name(enum kw_journal_field field);
bool kw_level_parse(const char *s, enum kw_level *level);
const char *kw_kind_name(enum kw_kind kind);
const char *kw_qtype_name(enum kw_qtype type);

void kw_kb_free(struct kw_kb *kb);

#endif
