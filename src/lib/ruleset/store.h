/*
 * store: where the loader puts a rule set while building it — growing
 * arrays of the image's records, a string pool that keeps each text once,
 * and the id maps the loader looks things up in — and the step that packs
 * it all into one image (ruleset.h).  The kb's view follows the arrays as
 * they grow, so the loader reads what it wrote as any reader would.
 */
#ifndef KW_STORE_H
#define KW_STORE_H

#include "ruleset/ruleset.h"
#include "util/map.h"

struct kw_arena;

/* One growing array of fixed-size records. */
struct kw_array {
	void *data;
	size_t len, cap, size;
};

enum kw_store_part {
	KW_PART_STRINGS, KW_PART_U32, KW_PART_REFS, KW_PART_QUESTIONS, KW_PART_ASK_ORDER,
	KW_PART_FACTS, KW_PART_RULES, KW_PART_ACTIONS, KW_PART_LITS, KW_PART_CODE,
	KW_PART_KNOTS, KW_PART_ROUTINES, KW_PART_GROUPS, KW_PART_TAGS,
	KW_PART_PATTERNS, KW_PART_PATTERN_CODE, KW_PART_CHANGES, KW_PART_FILES,
	KW_PART_MESSAGES, KW_PART_SETTINGS, KW_PART_NETWORK, KW_PART_IDS,
	KW_NPARTS
};

struct kw_store {
	struct kw_kb *kb;
	struct kw_array part[KW_NPARTS];
	struct kw_map texts;            /* text -> its offset in the pool */
	struct kw_map ids[KW_NIDS];     /* id -> index, by kind */
};

/* A store for a new kb (kb->building points back to it). */
struct kw_store *kw_store_new(struct kw_kb *kb);
void kw_store_free(struct kw_store *st);
/* A store holding a copy of a complete kb's parts, for a new kb that can
 * grow from there (tools that add to a loaded rule set: the fuzzers). */
struct kw_store *kw_store_reopen(const struct kw_kb *from, struct kw_kb *kb);

/* The text's offset in the pool, adding it once; 0 for NULL. */
kw_sref kw_store_text(struct kw_store *st, const char *text);
/* Append n records to a part; the index of the first. */
uint32_t kw_store_add(struct kw_store *st, enum kw_store_part part,
		      const void *records, size_t n);
/* Record i of a part, writable while building. */
void *kw_store_at(struct kw_store *st, enum kw_store_part part, size_t i);
size_t kw_store_len(const struct kw_store *st, enum kw_store_part part);

/* The id maps the loader looks names up in (image tables come at pack):
 * `index` is the record of that kind whose id is `id`, and new. */
void kw_store_name(struct kw_store *st, enum kw_id_kind kind, const char *id, size_t index);
bool kw_store_find(const struct kw_store *st, enum kw_id_kind kind, const char *id,
		   size_t *index);
/* Once every name and text is in: no look-up or new text after this. */
void kw_store_free_maps(struct kw_store *st);

/* The tag's index, adding it when new. */
uint32_t kw_store_tag(struct kw_store *st, const char *tag);

/* The size of one record of a part. */
size_t kw_part_size(int part);
/* Point the kb's view of a part at len records at data. */
void kw_part_view(struct kw_kb *kb, int part, const void *data, size_t len);

/* Pack every part into one image owned by the kb, build the id tables
 * and point the view at the image; the store is freed as it goes. */
void kw_store_pack(struct kw_store *st);

#endif
