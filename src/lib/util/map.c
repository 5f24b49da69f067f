#include <config.h>

#include "util/map.h"

#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

/* FNV-1a over whole words while there are eight bytes, then bytes; the
 * high half, which every input bit reaches, is folded into the low. */
uint32_t kw_map_hash(const char *s)
{
	const uint64_t prime = 1099511628211ULL;
	uint64_t h = 1469598103934665603ULL, w;
	size_t n = strlen(s);

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * prime;
	}
	for (; n; n--)
		h = (h ^ (unsigned char)*s++) * prime;
	return (uint32_t)(h ^ (h >> 32));
}

bool kw_map_get(const struct kw_map *map, uint32_t hash, kw_map_same *same,
		const void *key, size_t *value)
{
	size_t mask = map->cap - 1;

	if (!map->cap)
		return false;
	for (size_t i = hash & mask; map->slots[i].value; i = (i + 1) & mask)
		if (map->slots[i].hash == hash && same(map->slots[i].value - 1, key)) {
			if (value)
				*value = map->slots[i].value - 1;
			return true;
		}
	return false;
}

static void place(struct kw_map_slot *slots, size_t cap, struct kw_map_slot slot)
{
	size_t i = slot.hash & (cap - 1);

	while (slots[i].value)
		i = (i + 1) & (cap - 1);
	slots[i] = slot;
}

static void rehash(struct kw_map *map)
{
	size_t cap = map->cap ? map->cap * 2 : 64;
	struct kw_map_slot *slots = kw_xcalloc(cap, sizeof *slots);

	for (size_t i = 0; i < map->cap; i++)
		if (map->slots[i].value)
			place(slots, cap, map->slots[i]);
	free(map->slots);
	map->slots = slots;
	map->cap = cap;
}

void kw_map_add(struct kw_map *map, uint32_t hash, size_t value)
{
	if (value >= UINT32_MAX)
		kw_out_of_memory();     /* values are 32-bit indices */
	if ((map->len + 1) * 2 > map->cap)      /* keep load under one half */
		rehash(map);
	place(map->slots, map->cap, (struct kw_map_slot){ hash, (uint32_t)value + 1 });
	map->len++;
}

void kw_map_free(struct kw_map *map)
{
	free(map->slots);
	map->slots = NULL;
	map->cap = map->len = 0;
}
