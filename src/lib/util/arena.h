/*
 * arena: one owner for the many small, long-lived allocations of a rule
 * set (ids, texts, expression nodes).  Everything is freed at once by
 * kw_arena_free, so the loader never has to track individual strings.
 * Allocation failure aborts: a rule set that does not fit in memory is
 * not something the caller can recover from.
 */
#ifndef KW_ARENA_H
#define KW_ARENA_H

#include <stddef.h>

struct kw_arena;

struct kw_arena *kw_arena_new(void);
void kw_arena_free(struct kw_arena *arena);
void *kw_arena_alloc(struct kw_arena *arena, size_t size);   /* zeroed */
char *kw_arena_strdup(struct kw_arena *arena, const char *s);
char *kw_arena_strndup(struct kw_arena *arena, const char *s, size_t n);
/* Free everything allocated so far, keeping one chunk for what comes
 * next: an arena for short-lived work, used again and again. */
void kw_arena_reset(struct kw_arena *arena);

/* Report running out of memory and exit with KW_EXIT_SOFTWARE (70,
 * util/exit_status.h): nothing can go on. */
_Noreturn void kw_out_of_memory(void);

/* malloc/realloc that abort on failure, for the arrays that grow. */
void *kw_xmalloc(size_t size);
void *kw_xcalloc(size_t n, size_t size);
void *kw_xrealloc(void *p, size_t size);
char *kw_xstrdup(const char *s);

/* Make room for `need` items in a growing array of `size`-byte items. */
void kw_grow(void *items_ptr, size_t *cap, size_t need, size_t size);

#define KW_PUSH(items, len, cap, item) \
	do { \
		kw_grow(&(items), &(cap), (len) + 1, sizeof *(items)); \
		(items)[(len)++] = (item); \
	} while (0)

#endif
