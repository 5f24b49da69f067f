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
 * parse back (jansson) as an object, and the cached batch output must be
 * byte-identical to the uncached one.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "knotwise/answers.h"
#include "knotwise/engine.h"
#include "knotwise/load.h"
#include "knotwise/render.h"
#include "knotwise/strbuf.h"
#include "why_not.h"

#ifndef KW_FUZZ_RULES
#error "build with -DKW_FUZZ_RULES=\"/path/to/rules\""
#endif

static struct kw_kb *kb;
static struct kw_render_cache *cache;   /* kept across runs, as batch does */
static const char **ids;                /* --why-not candidates */
static size_t nids;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void collect_ids(void)
{
	size_t n = 0;

	nids = kb->nknots + kb->nroutines + kb->nrules + 4;
	ids = kw_xcalloc(nids, sizeof *ids);
	for (size_t i = 0; i < kb->nknots; i++)
		ids[n++] = kb->knots[i].id;
	for (size_t i = 0; i < kb->nroutines; i++)
		ids[n++] = kb->routines[i].id;
	for (size_t i = 0; i < kb->nrules; i++)
		ids[n++] = kb->rules[i].id;
	for (int level = KW_SELF_CARE; level <= KW_EMERGENCY; level++)
		ids[n++] = kw_level_name((enum kw_level)level);
}

static void release(void)
{
	free(ids);
	kw_render_cache_free(cache);
	kw_kb_free(kb);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *sources[] = { KW_FUZZ_RULES };
	struct kw_diags diags = {0};

	(void)argc;
	(void)argv;
	if (kw_load(sources, 1, &kb, &diags) != KW_LOAD_OK) {
		kw_diags_print(&diags, stderr);
		abort();
	}
	kw_diags_free(&diags);
	collect_ids();
	cache = kw_render_cache_new(kb);
	atexit(release);
	return 0;
}

static uint32_t fnv1a(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

/* The JSON must parse back, and batch's cached form must be byte for
 * byte the uncached one: anything else is a bug worth a crash. */
static void check_json(const struct kw_strbuf *sb)
{
	json_error_t err;
	json_t *back = json_loadb(sb->data, sb->len, JSON_REJECT_DUPLICATES, &err);

	if (!json_is_object(back)) {
		fprintf(stderr, "invalid JSON output (%s at %d): %.*s\n", err.text,
			err.position, (int)sb->len, sb->data);
		abort();
	}
	json_decref(back);
}

static void render_json(const struct kw_result *res, const char *why_not_id)
{
	json_t *why = kw_why_not(kb, res, why_not_id);
	char *why_text = json_dumps(why, JSON_COMPACT);
	struct kw_json_extra ask = { .pretty = true, .why_not = why_text };
	struct kw_json_extra batch = { .id = "\"rec-1\"", .cache = cache };
	struct kw_json_extra plain = { .id = "\"rec-1\"" };
	struct kw_strbuf out = {0}, cached = {0}, uncached = {0};

	kw_render_json(kb, res, &ask, &out);
	check_json(&out);
	kw_render_json(kb, res, &batch, &cached);
	check_json(&cached);
	kw_render_json(kb, res, &plain, &uncached);
	if (cached.len != uncached.len ||
	    memcmp(cached.data, uncached.data, cached.len) != 0) {
		fprintf(stderr, "cached JSON differs:\n%s\n%s\n", kw_sb_str(&cached),
			kw_sb_str(&uncached));
		abort();
	}
	kw_sb_free(&uncached);
	kw_sb_free(&cached);
	kw_sb_free(&out);
	free(why_text);
	json_decref(why);
}

static void render(const struct kw_result *res, uint32_t hash)
{
	const char *why_not_id = ids[(hash >> 8) % nids];
	struct kw_text_style plain = { .width = 80 };
	struct kw_text_style full = { .color = true, .width = 20 + hash % 100,
				      .explain = true, .why_not = why_not_id };

	render_json(res, why_not_id);
	free(kw_render_text(kb, res, &plain));
	free(kw_render_text(kb, res, &full));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kw_answers *answers = kw_answers_new(kb);
	struct kw_diags diags = {0};
	struct kw_result res;

	if (kw_answers_read(kb, answers, (const char *)data, size, "fuzz", &diags) &&
	    kw_answers_finish(kb, answers, true, &diags)) {
		kw_engine_run(kb, answers, &res);
		render(&res, fnv1a(data, size));
		kw_result_free(&res);
	}
	kw_diags_free(&diags);
	kw_answers_free(answers);
	return 0;
}
