/*
 * fuzz_answers: one answers text against the built-in rule set, as
 * `knotwise ask --partial --answers FILE` reads it.
 *
 * The built-in rules (KW_FUZZ_RULES, the source tree's rules/ baked in at
 * build time) are loaded once in LLVMFuzzerInitialize.  Each input goes
 * unchanged (not NUL-terminated, so ASan sees any read past its end) to
 * kw_answers_read, which picks the format as the program does: a JSON
 * object when the first non-blank byte is '{', else `ID = VALUE` lines.
 * When it reads, kw_answers_finish applies ask_if (partial, so required
 * questions left out are a warning and the engine still runs), then
 * kw_engine_run and every renderer: kw_render_json as `ask --format json
 * --why-not ID` writes it (pretty, with kw_why_not's data) and as batch
 * writes it (compact, with an id, through a render cache kept across runs
 * like batch keeps it), and kw_render_text plain and with colour,
 * --explain and --why-not.  ID is a knot, routine, rule or triage level
 * picked by a hash of the input, which also sets the text width.
 * Two checks turn silent output bugs into crashes: every JSON output must
 * parse back (our JSON reader) as an object, and the cached batch output must be
 * byte-identical to the uncached one.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "knotwise/load.h"
#include "knotwise/render.h"

static struct kw_kb *kb;
static struct kw_render_cache *cache;   /* kept across runs, as batch does */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void release(void)
{
	kw_render_cache_free(cache);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	kb = fuzz_builtin_rules();
	cache = kw_render_cache_new(kb);
	atexit(release);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_consult(kb, (const char *)data, size, fuzz_hash(data, size), cache);
	return 0;
}
