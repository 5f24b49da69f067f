/*
 * image: a rule set as one block of bytes — a header, then each part of
 * the store, 8-byte aligned.  The header says what the block is (magic,
 * format, the program's version), what it was built from (the key: a
 * hash of the rule files' contents) and holds a checksum of the whole
 * block, so that a truncated, corrupt or foreign image read from a cache
 * file is told apart from a good one before any of it is used.
 */
#ifndef KW_IMAGE_H
#define KW_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ruleset/store.h"

#define KW_IMAGE_FORMAT 2

#pragma GCC diagnostic push
#pragma GCC diagnostic error "-Wpadded"     /* written as it is, as records are */
struct kw_image_header {
	char magic[8];                  /* "KWRULES" */
	uint32_t format, nparts;
	uint64_t key;                   /* of the rule files and the program */
	uint64_t size;                  /* of the whole image */
	uint64_t checksum;              /* of the whole image, this field as 0 */
	char version[32];               /* knotwise's and PCRE2's versions */
	struct {
		uint64_t off, len;      /* bytes from the start; records */
	} part[KW_NPARTS];
};
#pragma GCC diagnostic pop

/* FNV-1a, 64 bits: every byte step is a bijection of the state, so any
 * change confined to one byte always changes the result. */
uint64_t kw_hash(const void *data, size_t n, uint64_t seed);
#define KW_HASH_SEED UINT64_C(14695981039346656037)

/* The checksum of an image of size bytes (at least a header), its
 * header's own checksum field taken as 0. */
uint64_t kw_image_checksum(const unsigned char *image, size_t size);

/* The program's version and PCRE2's, as an image's header names them. */
const char *kw_image_version(void);
/* The program's side of every key: that version and the build's id
 * (util/build_id.h), so that an image another build wrote never matches,
 * even when a record's layout or an enum changed and the version did not. */
uint64_t kw_image_program_key(void);

/* One malloc'd image of the parts, with header and checksum; each part
 * is freed (and left empty) once copied. */
unsigned char *kw_image_pack(struct kw_array *parts, size_t nparts, uint64_t key,
			     size_t *size);
/* Can this block be used as an image of that key?  Checks the magic,
 * format, version, key, sizes, every part's bounds and the checksum. */
bool kw_image_valid(const unsigned char *image, size_t size, uint64_t key);
/* Point the kb's view at its image (which must be valid). */
void kw_image_view(struct kw_kb *kb);
/* The image's id tables, built from the records at pack time. */
void kw_image_index_ids(struct kw_store *st);
/* An id's index through the image's table, or false. */
bool kw_image_find(const struct kw_kb *kb, enum kw_id_kind kind, const char *id,
		   size_t *index);

#endif
