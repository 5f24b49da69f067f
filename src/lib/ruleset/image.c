/*
 * image: packing the store into one block, checking a block read back,
 * and the id tables that let the view find a name without any map.
 */
#include <config.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ruleset/image.h"
#include "util/arena.h"
#include "util/build_id.h"

static const char magic[8] = "KWRULES";

/* The checksum runs over the header, then the rest, in whole words. */
_Static_assert(sizeof(struct kw_image_header) % 8 == 0, "header of whole words");

uint64_t kw_hash(const void *data, size_t n, uint64_t h)
{
	const unsigned char *p = data;
	uint64_t word;

	for (; n >= 8; p += 8, n -= 8) {    /* a word at a time: still a bijection */
		memcpy(&word, p, 8);
		h = (h ^ word) * UINT64_C(1099511628211);
	}
	for (; n; p++, n--)
		h = (h ^ *p) * UINT64_C(1099511628211);
	return h;
}

/* The header (checksum 0) by kw_hash, then the rest in four lanes of the
 * same step, which do not wait on each other's multiplications: a large
 * image is checked at the speed of memory. */
uint64_t kw_image_checksum(const unsigned char *image, size_t size)
{
	struct kw_image_header h;
	uint64_t seed, lane[4], word[4];
	size_t n = size - sizeof h;

	memcpy(&h, image, sizeof h);
	h.checksum = 0;
	seed = kw_hash(&h, sizeof h, KW_HASH_SEED);
	for (int i = 0; i < 4; i++)
		lane[i] = seed + (uint64_t)i;
	for (image += sizeof h; n >= sizeof word; image += sizeof word, n -= sizeof word) {
		memcpy(word, image, sizeof word);
		for (int i = 0; i < 4; i++)
			lane[i] = (lane[i] ^ word[i]) * UINT64_C(1099511628211);
	}
	return kw_hash(image, n, kw_hash(lane, sizeof lane, seed));
}

const char *kw_image_version(void)
{
	static char version[32];
	char pcre[24];

	if (!version[0]) {
		pcre2_config(PCRE2_CONFIG_VERSION, pcre);
		snprintf(version, sizeof version, "%s/%s", PACKAGE_VERSION, pcre);
	}
	return version;
}

uint64_t kw_image_program_key(void)
{
	const char *version = kw_image_version();
	size_t id_len;
	const unsigned char *id = kw_build_id(&id_len);

	return kw_hash(id, id_len, kw_hash(version, strlen(version) + 1, KW_HASH_SEED));
}

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

unsigned char *kw_image_pack(struct kw_array *parts, size_t nparts, uint64_t key,
			     size_t *size)
{
	struct kw_image_header h = { .format = KW_IMAGE_FORMAT, .nparts = (uint32_t)nparts,
				     .key = key };
	size_t at = align8(sizeof h);
	unsigned char *image;

	memcpy(h.magic, magic, sizeof magic);
	snprintf(h.version, sizeof h.version, "%s", kw_image_version());
	for (size_t p = 0; p < nparts; p++) {
		h.part[p].off = at;
		h.part[p].len = parts[p].len;
		at = align8(at + parts[p].len * parts[p].size);
	}
	h.size = at;
	image = kw_xcalloc(1, at);
	for (size_t p = 0; p < nparts; p++) {
		if (parts[p].len)
			memcpy(image + h.part[p].off, parts[p].data, parts[p].len * parts[p].size);
		free(parts[p].data);    /* the image and the parts are never all there */
		parts[p] = (struct kw_array){ .size = parts[p].size };
	}
	memcpy(image, &h, sizeof h);
	h.checksum = kw_image_checksum(image, at);
	memcpy(image, &h, sizeof h);
	*size = at;
	return image;
}

static bool parts_fit(const struct kw_image_header *h, size_t size)
{
	for (size_t p = 0; p < KW_NPARTS; p++) {
		uint64_t off = h->part[p].off, len = h->part[p].len;
		if (off % 8 || off < sizeof *h || off > size ||
		    len > (size - off) / kw_part_size((int)p))
			return false;
	}
	return true;
}

bool kw_image_valid(const unsigned char *image, size_t size, uint64_t key)
{
	struct kw_image_header h;

	if (size < sizeof h || (uintptr_t)image % 8)
		return false;
	memcpy(&h, image, sizeof h);
	if (memcmp(h.magic, magic, sizeof magic) || h.format != KW_IMAGE_FORMAT ||
	    h.nparts != KW_NPARTS || h.key != key || h.size != size ||
	    strncmp(h.version, kw_image_version(), sizeof h.version) || !parts_fit(&h, size))
		return false;
	return kw_image_checksum(image, size) == h.checksum &&
	       h.part[KW_PART_STRINGS].len >= 2 &&
	       image[h.part[KW_PART_STRINGS].off + h.part[KW_PART_STRINGS].len - 1] == '\0';
}

void kw_image_view(struct kw_kb *kb)
{
	struct kw_image_header h;

	memcpy(&h, kb->image, sizeof h);
	kb->key = h.key;
	for (int p = 0; p < KW_NPARTS; p++)
		kw_part_view(kb, p, kb->image + h.part[p].off, h.part[p].len);
}

void kw_image_index_ids(struct kw_store *st)
{
	for (int k = 0; k < KW_NIDS; k++) {
		const struct kw_kb *kb = st->kb;
		size_t n = kw_kb_ids(kb, (enum kw_id_kind)k), bits = 3, mask, slot;
		struct kw_id_table t;

		while (((size_t)1 << bits) < 2 * n)
			bits++;
		mask = ((size_t)1 << bits) - 1;
		t = (struct kw_id_table){ (uint32_t)bits,
					  kw_store_add(st, KW_PART_U32, NULL, mask + 1) };
		for (size_t i = 0; i < n; i++) {
			const char *id = kw_kb_id(st->kb, (enum kw_id_kind)k, i);
			uint32_t *slots = kw_store_at(st, KW_PART_U32, t.slots);
			for (slot = kw_hash(id, strlen(id), KW_HASH_SEED) & mask; slots[slot];
			     slot = (slot + 1) & mask)
				;
			slots[slot] = (uint32_t)i + 1;
		}
		*(struct kw_id_table *)kw_store_at(st, KW_PART_IDS, (size_t)k) = t;
	}
}

bool kw_image_find(const struct kw_kb *kb, enum kw_id_kind kind, const char *id,
		   size_t *index)
{
	const struct kw_id_table *t = &kb->ids[kind];
	size_t mask = ((size_t)1 << t->bits) - 1;
	const uint32_t *slots = kb->u32 + t->slots;

	if (!t->bits)
		return false;
	for (size_t s = kw_hash(id, strlen(id), KW_HASH_SEED) & mask; slots[s];
	     s = (s + 1) & mask)
		if (strcmp(kw_kb_id(kb, kind, slots[s] - 1), id) == 0) {
			if (index)
				*index = slots[s] - 1;
			return true;
		}
	return false;
}
