#include <config.h>

#include "util/arena.h"
#include "util/exit_status.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (64 * 1024)

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct kw_arena {
	struct chunk *head;
};

void kw_out_of_memory(void)
{
	fputs("knotwise: error: out of memory\n", stderr);
	exit(KW_EXIT_SOFTWARE);
}

void *kw_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		kw_out_of_memory();
	return p;
}

void *kw_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		kw_out_of_memory();
	return p;
}

void *kw_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		kw_out_of_memory();
	return p;
}

char *kw_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(kw_xmalloc(n), s, n);
}

void kw_grow(void *items_ptr, size_t *cap, size_t need, size_t size)
{
	void **items = items_ptr;
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (n < need)
		n *= 2;
	if (n > SIZE_MAX / size)     /* catch size_t overflow */
		kw_out_of_memory();
	*items = kw_xrealloc(*items, n * size);
	*cap = n;
}

struct kw_arena *kw_arena_new(void)
{
	return kw_xcalloc(1, sizeof(struct kw_arena));
}

void kw_arena_free(struct kw_arena *arena)
{
	struct chunk *c, *next;

	if (!arena)
		return;
	for (c = arena->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(arena);
}

/* size bytes at a multiple of align (a power of two) in the newest chunk,
 * or in a new one.  A new chunk is zeroed: strings are packed, and PCRE2's
 * JIT reads a subject in aligned blocks a little past its end, so the
 * bytes after a string must hold something defined. */
static void *bump(struct kw_arena *arena, size_t size, size_t align)
{
	struct chunk *c = arena->head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;

	if (!c || at > c->size || c->size - at < size) {
		size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
		c = kw_xcalloc(1, sizeof *c + cap);
		c->size = cap;
		c->next = arena->head;
		arena->head = c;
		at = 0;
	}
	c->used = at + size;
	return (char *)c->data + at;
}

void *kw_arena_alloc(struct kw_arena *arena, size_t size)
{
	return memset(bump(arena, size, sizeof(max_align_t)), 0, size);
}

/* Strings need no alignment: packed, a short id takes its length. */
char *kw_arena_strndup(struct kw_arena *arena, const char *s, size_t n)
{
	char *p = bump(arena, n + 1, 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void kw_arena_reset(struct kw_arena *arena)
{
	struct chunk *c = arena->head;

	if (!c)
		return;
	while (c->next) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	c->used = 0;
	arena->head = c;
}

char *kw_arena_strdup(struct kw_arena *arena, const char *s)
{
	return kw_arena_strndup(arena, s, strlen(s));
}
