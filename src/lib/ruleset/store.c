/*
 * store: building a rule set, then packing it into one image (store.h).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ruleset/image.h"
#include "ruleset/store.h"
#include "util/arena.h"

/* Each part: its record size and where the kb's view of it lives. */
struct part_view {
	size_t size;
	size_t pointer;                 /* offsetof the const pointer in kw_kb */
	size_t count;                   /* offsetof its uint32_t count, or 0 */
};

#define VIEW(field) offsetof(struct kw_kb, field)

static const struct part_view views[KW_NPARTS] = {
	[KW_PART_STRINGS] = { 1, VIEW(strings), VIEW(nstrings) },
	[KW_PART_U32] = { sizeof(uint32_t), VIEW(u32), 0 },
	[KW_PART_REFS] = { sizeof(kw_sref), VIEW(refs), 0 },
	[KW_PART_QUESTIONS] = { sizeof(struct kw_question), VIEW(questions), VIEW(nquestions) },
	[KW_PART_ASK_ORDER] = { sizeof(uint32_t), VIEW(ask_order), 0 },
	[KW_PART_FACTS] = { sizeof(struct kw_fact), VIEW(facts), VIEW(nfacts) },
	[KW_PART_RULES] = { sizeof(struct kw_rule), VIEW(rules), VIEW(nrules) },
	[KW_PART_ACTIONS] = { sizeof(struct kw_action), VIEW(actions), VIEW(nactions) },
	[KW_PART_LITS] = { sizeof(struct kw_lit), VIEW(lits), VIEW(nlits) },
	[KW_PART_CODE] = { sizeof(struct kw_insn), VIEW(code), VIEW(ncode) },
	[KW_PART_KNOTS] = { sizeof(struct kw_knot), VIEW(knots), VIEW(nknots) },
	[KW_PART_ROUTINES] = { sizeof(struct kw_routine), VIEW(routines), VIEW(nroutines) },
	[KW_PART_GROUPS] = { sizeof(struct kw_group), VIEW(groups), VIEW(ngroups) },
	[KW_PART_TAGS] = { sizeof(kw_sref), VIEW(tags), VIEW(ntags) },
	[KW_PART_PATTERNS] = { sizeof(struct kw_pattern), VIEW(patterns), VIEW(npatterns) },
	[KW_PART_PATTERN_CODE] = { 1, VIEW(pattern_code), 0 },
	[KW_PART_CHANGES] = { sizeof(struct kw_change), VIEW(changes), VIEW(nchanges) },
	[KW_PART_FILES] = { sizeof(kw_sref), VIEW(files), VIEW(nfiles) },
	[KW_PART_MESSAGES] = { sizeof(kw_sref), VIEW(messages), 0 },
	[KW_PART_SETTINGS] = { sizeof(struct kw_settings), VIEW(settings), 0 },
	[KW_PART_NETWORK] = { sizeof(struct kw_network), VIEW(network), 0 },
	[KW_PART_IDS] = { sizeof(struct kw_id_table), VIEW(ids), 0 },
};

static void set_view(struct kw_kb *kb, enum kw_store_part part, const void *data,
		     size_t len)
{
	*(const void **)((char *)kb + views[part].pointer) = data;
	if (views[part].count)
		*(uint32_t *)((char *)kb + views[part].count) = (uint32_t)len;
}

static void refresh(struct kw_store *st, enum kw_store_part part)
{
	set_view(st->kb, part, st->part[part].data, st->part[part].len);
}

struct kw_store *kw_store_new(struct kw_kb *kb)
{
	struct kw_store *st = kw_xcalloc(1, sizeof *st);
	static const kw_sref no_messages[KW_NMESSAGES];
	static const char empty[2];

	st->kb = kb;
	for (int p = 0; p < KW_NPARTS; p++)
		st->part[p].size = views[p].size;
	kw_store_add(st, KW_PART_STRINGS, empty, 2);   /* 0: none; 1: "" */
	kw_store_add(st, KW_PART_MESSAGES, no_messages, KW_NMESSAGES);
	kw_store_add(st, KW_PART_SETTINGS, &kw_default_settings, 1);
	kw_store_add(st, KW_PART_NETWORK, &(struct kw_network){0}, 1);
	kw_store_add(st, KW_PART_IDS, &(struct kw_id_table[KW_NIDS]){{0}}, KW_NIDS);
	kb->building = st;
	return st;
}

static void name_all(struct kw_store *st)
{
	const struct kw_kb *kb = st->kb;

	for (int k = 0; k < KW_NIDS; k++)
		for (size_t i = 0; i < kw_kb_ids(kb, (enum kw_id_kind)k); i++)
			kw_store_name(st, (enum kw_id_kind)k, kw_kb_id(kb, (enum kw_id_kind)k, i), i);
}

struct kw_store *kw_store_reopen(const struct kw_kb *from, struct kw_kb *kb)
{
	struct kw_store *st = kw_xcalloc(1, sizeof *st);
	struct kw_image_header h;

	memcpy(&h, from->image, sizeof h);
	st->kb = kb;
	for (int p = 0; p < KW_NPARTS; p++) {
		st->part[p].size = views[p].size;
		kw_store_add(st, (enum kw_store_part)p, from->image + h.part[p].off,
			     h.part[p].len);
	}
	kb->building = st;
	name_all(st);
	return st;
}

void kw_store_free(struct kw_store *st)
{
	if (!st)
		return;
	for (int p = 0; p < KW_NPARTS; p++)
		free(st->part[p].data);
	kw_store_free_maps(st);
	if (st->kb && st->kb->building == st)
		st->kb->building = NULL;
	free(st);
}

uint32_t kw_store_add(struct kw_store *st, enum kw_store_part part,
		      const void *records, size_t n)
{
	struct kw_array *a = &st->part[part];
	size_t first = a->len;

	if (a->len + n > UINT32_MAX / a->size)
		kw_out_of_memory();     /* an image indexes its parts with 32 bits */
	if (!n)
		return (uint32_t)first;
	kw_grow(&a->data, &a->cap, a->len + n, a->size);
	if (records)
		memcpy((char *)a->data + a->len * a->size, records, n * a->size);
	else
		memset((char *)a->data + a->len * a->size, 0, n * a->size);
	a->len += n;
	refresh(st, part);
	return (uint32_t)first;
}

void *kw_store_at(struct kw_store *st, enum kw_store_part part, size_t i)
{
	if (!st->part[part].data)
		return NULL;    /* an empty part: nothing to point at */
	return (char *)st->part[part].data + i * st->part[part].size;
}

size_t kw_store_len(const struct kw_store *st, enum kw_store_part part)
{
	return st->part[part].len;
}

struct text_key {
	const struct kw_store *st;
	const char *text;
};

static bool same_text(size_t at, const void *key)
{
	const struct text_key *k = key;
	return strcmp((const char *)k->st->part[KW_PART_STRINGS].data + at, k->text) == 0;
}

kw_sref kw_store_text(struct kw_store *st, const char *text)
{
	struct text_key key = { st, text };
	uint32_t hash;
	size_t at;

	if (!text)
		return 0;
	if (!*text)
		return 1;
	hash = kw_map_hash(text);
	if (kw_map_get(&st->texts, hash, same_text, &key, &at))
		return (kw_sref)at;
	at = kw_store_add(st, KW_PART_STRINGS, text, strlen(text) + 1);
	kw_map_add(&st->texts, hash, at);
	return (kw_sref)at;
}

struct id_key {
	const struct kw_kb *kb;
	enum kw_id_kind kind;
	const char *id;
};

static bool same_id(size_t index, const void *key)
{
	const struct id_key *k = key;
	return strcmp(kw_kb_id(k->kb, k->kind, index), k->id) == 0;
}

void kw_store_name(struct kw_store *st, enum kw_id_kind kind, const char *id, size_t index)
{
	kw_map_add(&st->ids[kind], kw_map_hash(id), index);
}

bool kw_store_find(const struct kw_store *st, enum kw_id_kind kind, const char *id,
		   size_t *index)
{
	struct id_key key = { st->kb, kind, id };
	return kw_map_get(&st->ids[kind], kw_map_hash(id), same_id, &key, index);
}

void kw_store_free_maps(struct kw_store *st)
{
	kw_map_free(&st->texts);
	for (int k = 0; k < KW_NIDS; k++)
		kw_map_free(&st->ids[k]);
}

uint32_t kw_store_tag(struct kw_store *st, const char *tag)
{
	size_t at;
	kw_sref text;

	if (kw_store_find(st, KW_IDS_TAG, tag, &at))
		return (uint32_t)at;
	text = kw_store_text(st, tag);
	at = kw_store_add(st, KW_PART_TAGS, &text, 1);
	kw_store_name(st, KW_IDS_TAG, tag, at);
	return (uint32_t)at;
}

void kw_store_pack(struct kw_store *st)
{
	struct kw_kb *kb = st->kb;

	kw_store_free_maps(st);
	kw_image_index_ids(st);
	kb->image = kw_image_pack(st->part, KW_NPARTS, kb->key, &kb->image_size);
	kw_store_free(st);
	kw_image_view(kb);
}

size_t kw_part_size(int part)
{
	return views[part].size;
}

void kw_part_view(struct kw_kb *kb, int part, const void *data, size_t len)
{
	set_view(kb, (enum kw_store_part)part, data, len);
}
