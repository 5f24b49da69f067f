#include <config.h>

#include "util/map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ULL;     /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static struct kw_map_slot *find_slot(struct kw_map_slot *slots, size_t cap,
				     const char *key, uint64_t hash)
{
	size_t i = hash & (cap - 1);

	while (slots[i].key && (slots[i].hash != hash || strcmp(slots[i].key, key) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

bool kw_map_get(const struct kw_map *map, const char *key, size_t *value)
{
	struct kw_map_slot *slot;

	if (!map->cap)
		return false;
	slot = find_slot(map->slots, map->cap, key, hash_key(key));
	if (!slot->key)
		return false;
	if (value)
		*value = slot->value;
	return true;
}

static void rehash(struct kw_map *map)
{
	size_t cap = map->cap ? map->cap * 2 : 64;
	struct kw_map_slot *slots = kw_xcalloc(cap, sizeof *slots);

	for (size_t i = 0; i < map->cap; i++)
		if (map->slots[i].key)
			*find_slot(slots, cap, map->slots[i].key, map->slots[i].hash) =
				map->slots[i];
	free(map->slots);
	map->slots = slots;
	map->cap = cap;
}

void kw_map_put(struct kw_map *map, const char *key, size_t value)
{
	struct kw_map_slot *slot;
	uint64_t hash;

	if ((map->len + 1) * 2 > map->cap)      /* keep load under one half */
		rehash(map);
	hash = hash_key(key);
	slot = find_slot(map->slots, map->cap, key, hash);
	if (!slot->key) {
		slot->key = key;
		slot->hash = hash;
		map->len++;
	}
	slot->value = value;
}

void kw_map_free(struct kw_map *map)
{
	free(map->slots);
	map->slots = NULL;
	map->cap = map->len = 0;
}
