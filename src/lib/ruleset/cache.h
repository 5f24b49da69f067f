/*
 * cache: compiled rule sets kept between runs, so that a consult need not
 * parse and resolve its rule files each time.  An image (image.h) is kept
 * in $XDG_CACHE_HOME/knotwise (default ~/.cache/knotwise), one file for
 * each list of rule files, and used only when its key — a hash of those
 * files' names and contents, of the load's limits and of the program's
 * version and build — matches.
 *
 * A cache image is a rule set too, so it is trusted no more than one: the
 * folder is created 0700, and a folder or image that is not the user's,
 * that others can write, that is not a regular file (a symlink, a FIFO),
 * or whose header, sizes or checksum are wrong is ignored as if it were
 * not there.  Nothing here ever fails a load or says a word: a folder that
 * cannot be made or written just means no cache.  A bad cache can slow a
 * run down, never change its result.
 */
#ifndef KW_CACHE_H
#define KW_CACHE_H

#include <stdbool.h>
#include <stdint.h>

struct kw_kb;

/* Fill kb from the cached image for these files (`name`: a hash of the
 * list of their paths) when one is there and valid for `key`. */
bool kw_cache_read(struct kw_kb *kb, uint64_t name, uint64_t key);
/* Keep kb's image for next time; any failure is silent. */
void kw_cache_write(const struct kw_kb *kb, uint64_t name);

#endif
