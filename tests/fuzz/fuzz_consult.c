/*
 * fuzz_consult: a whole consult with a fuzzed rule file and fuzzed
 * answers, as `knotwise ask --rules FILE --partial --answers FILE`.
 *
 * The input is split at its first NUL byte: the bytes before it are the
 * rule file, the bytes after it the answers (no NUL: rules only, and the
 * answers are empty).  The rule file is written to a per-process file
 * under /tmp (reused for every run) and loaded with kw_load; when it loads
 * without errors, the answers go to kw_answers_read (either format, by
 * first non-blank byte) and kw_answers_finish (partial), then the engine
 * runs and the result is rendered as `ask --format json --why-not ID`
 * (pretty), as batch does (compact, through a fresh render cache, twice:
 * filling it and reading it) and as text, plain and with colour, --explain
 * and --why-not ID (ID: a knot, routine, rule or level of the kb picked by
 * a hash of the input).  Every JSON output must parse back as an object
 * and the cached outputs must equal the uncached one, or the target
 * aborts.  Everything is freed each run.
 */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "knotwise/load.h"
#include "knotwise/render.h"

static const char *rules_path;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rules_path = fuzz_rules_file("consult");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t rules_len = nul ? (size_t)(nul - data) : size;
	size_t answers_at = nul ? rules_len + 1 : size;
	const char *sources[] = { rules_path };
	struct kw_diags diags = {0};
	struct kw_kb *kb = NULL;

	fuzz_write_file(rules_path, data, rules_len);
	if (kw_load(sources, 1, &kb, &diags) == KW_LOAD_OK) {
		struct kw_render_cache *cache = kw_render_cache_new(kb);
		fuzz_consult(kb, (const char *)data + answers_at, size - answers_at,
			     fuzz_hash(data, size), cache);
		kw_render_cache_free(cache);
	}
	kw_diags_free(&diags);
	kw_kb_free(kb);
	return 0;
}
