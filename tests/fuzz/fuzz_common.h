/*
 * fuzz_common: what the fuzz targets share — a per-process rule file to
 * load fuzzed text from, a hash of the input for its choices, and a whole
 * consult rendered every way the program renders one, with checks that
 * turn silent output bugs into crashes.
 */
#ifndef KW_FUZZ_COMMON_H
#define KW_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "knotwise/kb.h"
#include "knotwise/render.h"

/* The built-in rule set (KW_FUZZ_RULES, the source tree's rules/ baked
 * in at build time), loaded once and freed at exit; aborts if it does
 * not load. */
struct kw_kb *fuzz_builtin_rules(void);
/* /tmp/kw-fuzz-NAME-PID.ini, removed at exit (not after a crash). */
const char *fuzz_rules_file(const char *name);
/* Overwrite in place, then cut to size: truncating to zero first (fopen
 * "w") makes ext4 flush the file on close, 0.5 ms a run against 0.03 ms. */
void fuzz_write_file(const char *path, const uint8_t *data, size_t size);
uint32_t fuzz_hash(const uint8_t *data, size_t size);
/* Read answers (either format), finish them (partial), run the engine and
 * render: JSON as ask --why-not writes it and as batch does, through
 * cache (filled, then read) and without; text plain and with colour,
 * --explain and --why-not.  The why-not id and the width come from hash.
 * Aborts when a JSON output does not parse back as an object or when the
 * cached output differs from the uncached one. */
void fuzz_consult(const struct kw_kb *kb, const char *text, size_t len,
		  uint32_t hash, struct kw_render_cache *cache);

#endif
