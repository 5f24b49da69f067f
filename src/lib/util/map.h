/*
 * map: a hash index of values (indices below UINT32_MAX) whose keys live
 * elsewhere — in a string pool, or in the records the values index — so
 * a slot is 8 bytes and no key is ever copied.  The owner hashes a key
 * with kw_map_hash, and says through `same` whether the key of a value is
 * the one it looks for.  Used only for look-ups, never iterated, so hash
 * order can never leak into a result.
 */
#ifndef KW_MAP_H
#define KW_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kw_map_slot {
	uint32_t hash;          /* compared before the key: fewer cache misses */
	uint32_t value;         /* the value + 1; 0: an empty slot */
};

struct kw_map {
	struct kw_map_slot *slots;
	size_t cap, len;
};

/* Is the key of `value` the key sought, `key` being the caller's own? */
typedef bool kw_map_same(size_t value, const void *key);

uint32_t kw_map_hash(const char *s);
bool kw_map_get(const struct kw_map *map, uint32_t hash, kw_map_same *same,
		const void *key, size_t *value);
/* Add a value whose key is not in the map yet. */
void kw_map_add(struct kw_map *map, uint32_t hash, size_t value);
void kw_map_free(struct kw_map *map);

#endif
