/*
 * ruleset: a loaded rule set, as the library sees it.  Everything lives in
 * one block of memory, the image: fixed-size records that name each other
 * by index and their texts by offset into one string pool, conditions as
 * flat programs, and the engine's indexes.  No pointer is stored in the
 * image, so it can be written to a cache file and read back as it is
 * (cache.h), and nothing writes to it once it is built: per-run state
 * (values, compiled regexes, match data) belongs to the run.
 *
 * struct kw_kb is the view: the image plus typed pointers to its parts.
 * While the loader builds a rule set the view points into the store's
 * growing arrays instead (store.h); readers cannot tell the difference.
 *
 * Questions and derived facts share one namespace, the symbols: symbol i
 * is question i for i < nquestions, else fact i - nquestions.  Indices of
 * every array are load order, which breaks ties everywhere.
 */
#ifndef KW_RULESET_H
#define KW_RULESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "knotwise/kb.h"

#define KW_NONE UINT32_MAX

typedef uint32_t kw_sref;               /* a text: offset in the string pool; 0: none */

/* The records below are written to the cache as they are, so none may
 * hold padding: its bytes are undefined, and an image must be the same
 * bytes each time the same files are built.  A gap is a named field. */
#pragma GCC diagnostic push
#pragma GCC diagnostic error "-Wpadded"

/* A run of entries in one of the pools. */
struct kw_slice {
	uint32_t off, n;
};

/* Where a section was written: its file (index in kb->files) and line. */
struct kw_where {
	uint32_t file, line;
};

struct kw_question {
	kw_sref id, text, help, item;
	uint8_t type;                   /* enum kw_qtype */
	uint8_t unsure;                 /* enum kw_unsure */
	uint8_t journal;                /* enum kw_journal_field */
	uint8_t required;
	struct kw_slice choices;        /* refs: choice ids */
	struct kw_slice labels;         /* refs: labels, 0 where none was given */
	uint32_t unused;                /* 0 */
	double min, max;
	uint32_t ask_if, recheck_if;    /* programs, or KW_NONE */
	int32_t order;
	uint32_t group;                 /* index in kb->groups, or KW_NONE */
	struct kw_where where;
};

/* Value kinds a fact may be set to, as a bit mask of (1 << kw_vkind);
 * 0 for a fact nothing sets any more (it reads as unknown). */
struct kw_fact {
	kw_sref id;
	uint32_t kinds;
};

/* A value written in a rule file: `set F = V`, or a condition's literal. */
struct kw_lit {
	uint8_t kind;                   /* enum kw_vkind */
	uint8_t b;
	uint16_t written;               /* enum kw_lit_kind: number, word, string */
	uint32_t choice;
	kw_sref text;                   /* as written (and the word or text value) */
	uint32_t unused;                /* 0 */
	double num;
};

enum kw_action_kind {
	KW_ACT_SET, KW_ACT_SUSPECT, KW_ACT_RECOMMEND, KW_ACT_AVOID, KW_ACT_TRIAGE
};

struct kw_action {
	uint32_t kind;                  /* enum kw_action_kind */
	uint32_t target;                /* symbol, knot, routine, tag or level */
	uint32_t line;
	uint32_t value;                 /* set: index in kb->lits */
	double cf;                      /* suspect */
};

struct kw_rule {
	kw_sref id, because, advice, cond_text;
	uint32_t cond;                  /* program */
	struct kw_slice actions;        /* in kb->actions */
	int32_t priority;
	uint32_t stratum;
	struct kw_where where;
};

struct kw_knot {
	kw_sref id, name, where_text, refers;
	int32_t region;                 /* enum kw_region, or -1 */
	uint32_t has_map;
	double map_x, map_y;            /* 0-100 across and down, left side */
	struct kw_where where;
};

struct kw_routine {
	kw_sref id, title, pressure, frequency;
	uint32_t kind;                  /* enum kw_kind */
	struct kw_slice knots;          /* u32: knot indices */
	struct kw_slice tags;           /* u32: tag indices */
	struct kw_slice steps, cautions; /* refs */
	uint32_t cond;                  /* program, or KW_NONE */
	int32_t minutes, order;
	uint32_t cut_off;               /* its `for` knots were disabled */
	struct kw_where where;
};

struct kw_group {
	kw_sref id, text, help;
	struct kw_slice questions;      /* u32: question indices, asking order */
	struct kw_where where;
};

/* A section that a later one replaced or disabled (JSON `changes`). */
struct kw_change {
	kw_sref kind, id;
	uint32_t disabled;
	uint32_t safety;                /* the section replaced was a safety item */
	kw_sref what;                   /* a safety item in words, or 0 */
	struct kw_where where;          /* the header of the later section */
};

struct kw_settings {
	double min_certainty;
	double likely_at;               /* a listed knot at or above it is "likely" */
	int32_t max_knots;
	/* question indices, or -1 when unset */
	int32_t minutes_from, regions_from, side_from, pain_from, episode_from;
};

enum kw_expr_op {
	KW_E_OR, KW_E_AND, KW_E_NOT, KW_E_TRUTHY, KW_E_KNOWN, KW_E_CMP,
	KW_E_CMP_IDS, KW_E_IN, KW_E_HAS, KW_E_MATCH, KW_E_COUNT, KW_NOPS
};

enum kw_cmp { KW_EQ, KW_NE, KW_LT, KW_LE, KW_GT, KW_GE };

/* One node of a condition, in preorder: an and/or/not is followed by its
 * operands, each `size` instructions long, so a program is a tree that
 * needs no pointers and is walked front to back. */
struct kw_insn {
	uint8_t op;                     /* enum kw_expr_op */
	uint8_t cmp;                    /* enum kw_cmp */
	uint16_t col;                   /* column in the condition's text */
	uint32_t size;                  /* instructions in this subtree */
	uint32_t sym;                   /* the id tested (count: its first) */
	uint32_t arg;                   /* cmp_ids: the second symbol; match: the
					   pattern; count: u32 offset of its ids */
	uint32_t n;                     /* and/or: operands; in: lits; count: ids */
	uint32_t lit;                   /* cmp, has, in, count: first literal */
	uint64_t mask;                  /* in, has: choices as bits */
};

/* The engine's indexes, in compressed-row form (offsets into u32). */
struct kw_network {
	uint32_t nstrata;
	uint32_t stratum_start;         /* nstrata + 1 offsets, then ... */
	uint32_t by_stratum;            /* rule indices, load order per stratum */
	uint32_t tester_start;          /* nsymbols + 1 offsets into testers */
	uint32_t testers;               /* rules that test a fact positively */
	uint32_t knot_start;            /* nknots + 1 offsets into knot_routines */
	uint32_t knot_routines;         /* routines by knot, load order */
	uint32_t producer_start;        /* by kw_product_key, offsets into producers */
	uint32_t producers;             /* rules whose actions produce it */
	uint32_t gates;                 /* by rule: a test its condition needs to
					   hold, as symbol * 2 + 1 when the id must
					   be true, symbol * 2 when only known; or
					   KW_NONE */
};

/* A `~` pattern: its text, and its compiled code as PCRE2 serializes it
 * (pattern_code), so that a cached image need not compile it again. */
struct kw_pattern {
	kw_sref text;
	uint32_t code, code_len;        /* bytes in pattern_code */
};

/* An open-addressing table of ids: 2^bits slots of index + 1 (0: empty). */
struct kw_id_table {
	uint32_t bits, slots;           /* slots: offset in u32 */
};

#pragma GCC diagnostic pop

enum kw_id_kind { KW_IDS_SYMBOL, KW_IDS_KNOT, KW_IDS_ROUTINE, KW_IDS_RULE,
		  KW_IDS_TAG, KW_NIDS };

struct kw_store;

struct kw_kb {
	/* the image, when the rule set is complete; NULL while building */
	unsigned char *image;
	size_t image_size;
	bool image_mapped;              /* a cache file's pages, read-only */
	uint64_t key;                   /* of the rule files it was built from */
	struct kw_store *building;      /* while the loader builds it */
	/* typed views of its parts */
	const char *strings;
	const uint32_t *u32;            /* index lists */
	const kw_sref *refs;            /* text lists */
	const struct kw_question *questions;
	const uint32_t *ask_order;      /* question indices by (order, load) */
	const struct kw_fact *facts;
	const struct kw_rule *rules;
	const struct kw_action *actions;
	const struct kw_lit *lits;
	const struct kw_insn *code;
	const struct kw_knot *knots;
	const struct kw_routine *routines;
	const struct kw_group *groups;
	const kw_sref *tags;
	const struct kw_pattern *patterns;      /* regexes, by index */
	const unsigned char *pattern_code;
	const struct kw_change *changes;
	const kw_sref *files;           /* every file loaded, in rank order */
	const kw_sref *messages;        /* by enum kw_message; 0: not given */
	const struct kw_settings *settings;
	const struct kw_network *network;
	const struct kw_id_table *ids;  /* by enum kw_id_kind */
	uint32_t nstrings;              /* bytes in the string pool */
	uint32_t nquestions, nfacts, nrules, nactions, nlits, ncode, nknots,
		 nroutines, ngroups, ntags, npatterns, nchanges, nfiles;
};

extern const struct kw_settings kw_default_settings;

/* The text at a reference; NULL for 0. */
static inline const char *kw_s(const struct kw_kb *kb, kw_sref ref)
{
	return ref ? kb->strings + ref : NULL;
}

/* Entry i of a slice of the index or the text pool. */
static inline uint32_t kw_u32(const struct kw_kb *kb, struct kw_slice s, size_t i)
{
	return kb->u32[s.off + i];
}

static inline const char *kw_ref(const struct kw_kb *kb, struct kw_slice s, size_t i)
{
	return kw_s(kb, kb->refs[s.off + i]);
}

/* A section's place as diagnostics want it. */
struct kw_loc kw_kb_loc(const struct kw_kb *kb, struct kw_where where);

static inline const struct kw_action *kw_rule_action(const struct kw_kb *kb,
						     const struct kw_rule *r, size_t i)
{
	return &kb->actions[r->actions.off + i];
}

size_t kw_kb_nsymbols(const struct kw_kb *kb);
const char *kw_kb_symbol_id(const struct kw_kb *kb, size_t sym);
/* The id of entry i of a kind (symbol, knot, routine, rule, tag), and
 * how many entries that kind has. */
const char *kw_kb_id(const struct kw_kb *kb, enum kw_id_kind kind, size_t i);
size_t kw_kb_ids(const struct kw_kb *kb, enum kw_id_kind kind);
bool kw_kb_find_symbol(const struct kw_kb *kb, const char *id, size_t *sym);
bool kw_kb_find_knot(const struct kw_kb *kb, const char *id, size_t *knot);
bool kw_kb_find_routine(const struct kw_kb *kb, const char *id, size_t *routine);
bool kw_kb_find_rule(const struct kw_kb *kb, const char *id, size_t *rule);
bool kw_kb_find_tag(const struct kw_kb *kb, const char *id, size_t *tag);
/* The index of `choice` among the question's choices, or -1. */
int kw_question_choice(const struct kw_kb *kb, const struct kw_question *q,
		       const char *choice);

/* Edit distance helper: the best candidate within reach of `word`. */
struct kw_suggest {
	const char *word, *best;
	size_t best_distance;
};
void kw_suggest_offer(struct kw_suggest *s, const char *candidate);
const char *kw_suggest_result(const struct kw_suggest *s);
/* The closest id among the symbols, for "did you mean"; NULL if none. */
const char *kw_kb_suggest_symbol(const struct kw_kb *kb, const char *id);

#endif
