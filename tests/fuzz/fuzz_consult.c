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

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "knotwise/answers.h"
#include "knotwise/engine.h"
#include "knotwise/load.h"
#include "knotwise/render.h"
#include "knotwise/strbuf.h"
#include "why_not.h"

static char rules_path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void remove_rules_file(void)
{
	unlink(rules_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(rules_path, sizeof rules_path, "/tmp/kw-fuzz-consult-%ld.ini",
		 (long)getpid());
	atexit(remove_rules_file);
	return 0;
}

/* Overwrite in place, then cut to size: truncating to zero first (fopen
 * "w") makes ext4 flush the file on close, which cost 0.5 ms a run here,
 * against 0.03 ms this way. */
static void write_rules(const uint8_t *data, size_t size)
{
	int fd = open(rules_path, O_WRONLY | O_CREAT, 0600);

	if (fd < 0 || pwrite(fd, data, size, 0) != (ssize_t)size ||
	    ftruncate(fd, (off_t)size) != 0 || close(fd) != 0)
		abort();
}

static uint32_t fnv1a(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

/* Any knot, routine, rule or triage level of the kb, by hash. */
static const char *why_not_id_of(const struct kw_kb *kb, uint32_t hash)
{
	size_t n = kb->nknots + kb->nroutines + kb->nrules + 4;
	size_t i = hash % n;

	if (i < kb->nknots)
		return kb->knots[i].id;
	if ((i -= kb->nknots) < kb->nroutines)
		return kb->routines[i].id;
	if ((i -= kb->nroutines) < kb->nrules)
		return kb->rules[i].id;
	return kw_level_name((enum kw_level)(i - kb->nrules));
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

static void same_json(const struct kw_strbuf *a, const struct kw_strbuf *b)
{
	if (a->len != b->len || memcmp(a->data, b->data, a->len) != 0) {
		fprintf(stderr, "cached JSON differs:\n%s\n%s\n", kw_sb_str(a),
			kw_sb_str(b));
		abort();
	}
}

static void render_json(const struct kw_kb *kb, const struct kw_result *res,
			const char *why_not_id)
{
	json_t *why = kw_why_not(kb, res, why_not_id);
	char *why_text = json_dumps(why, JSON_COMPACT);
	struct kw_render_cache *cache = kw_render_cache_new(kb);
	struct kw_json_extra ask = { .pretty = true, .why_not = why_text };
	struct kw_json_extra batch = { .id = "7", .cache = cache };
	struct kw_json_extra plain = { .id = "7" };
	struct kw_strbuf out = {0}, first = {0}, again = {0}, uncached = {0};

	kw_render_json(kb, res, &ask, &out);
	check_json(&out);
	kw_render_json(kb, res, &batch, &first);        /* fills the cache */
	check_json(&first);
	kw_render_json(kb, res, &batch, &again);        /* reads it */
	kw_render_json(kb, res, &plain, &uncached);
	same_json(&first, &uncached);
	same_json(&again, &uncached);
	kw_sb_free(&uncached);
	kw_sb_free(&again);
	kw_sb_free(&first);
	kw_sb_free(&out);
	kw_render_cache_free(cache);
	free(why_text);
	json_decref(why);
}

static void render(const struct kw_kb *kb, const struct kw_result *res,
		   uint32_t hash)
{
	const char *why_not_id = why_not_id_of(kb, hash >> 8);
	struct kw_text_style plain = { .width = 80 };
	struct kw_text_style full = { .color = true, .width = 20 + hash % 100,
				      .explain = true, .why_not = why_not_id };

	render_json(kb, res, why_not_id);
	free(kw_render_text(kb, res, &plain));
	free(kw_render_text(kb, res, &full));
}

static void consult(const struct kw_kb *kb, const char *text, size_t len,
		    uint32_t hash)
{
	struct kw_answers *answers = kw_answers_new(kb);
	struct kw_diags diags = {0};
	struct kw_result res;

	if (kw_answers_read(kb, answers, text, len, "fuzz", &diags) &&
	    kw_answers_finish(kb, answers, true, &diags)) {
		kw_engine_run(kb, answers, &res);
		render(kb, &res, hash);
		kw_result_free(&res);
	}
	kw_diags_free(&diags);
	kw_answers_free(answers);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t rules_len = nul ? (size_t)(nul - data) : size;
	size_t answers_at = nul ? rules_len + 1 : size;
	const char *sources[] = { rules_path };
	struct kw_diags diags = {0};
	struct kw_kb *kb = NULL;

	write_rules(data, rules_len);
	if (kw_load(sources, 1, &kb, &diags) == KW_LOAD_OK)
		consult(kb, (const char *)data + answers_at, size - answers_at,
			fnv1a(data, size));
	kw_diags_free(&diags);
	kw_kb_free(kb);
	return 0;
}
