/*
 * map: string keys to indices, open addressing.  Used only for look-ups,
 * never iterated, so hash order can never leak into a result.  Keys are
 * not copied: they must outlive the map (they live in the kb's arena).
 */
#ifndef KW_MAP_H
#define KW_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kw_map_slot {
	const char *key;
	size_t value;
	uint64_t hash;          /* compared before the key: fewer cache misses */
};

struct kw_map {
	struct kw_map_slot *slots;
	size_t cap, len;
};

bool kw_map_get(const struct kw_map *map, const char *key, size_t *value);
void kw_map_put(struct kw_map *map, const char *key, size_t value);
void kw_map_free(struct kw_map *map);

#endif
