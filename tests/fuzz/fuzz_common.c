#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "knotwise/answers.h"
#include "knotwise/engine.h"
#include "knotwise/load.h"
#include "util/strbuf.h"
#include "ruleset/ruleset.h"
#include "util/json_reader.h"

#ifndef KW_FUZZ_RULES
#error "build with -DKW_FUZZ_RULES=\"/path/to/rules\""
#endif

static struct kw_kb *builtin;

static void free_builtin(void)
{
	kw_kb_free(builtin);
}

struct kw_kb *fuzz_builtin_rules(void)
{
	const char *sources[] = { KW_FUZZ_RULES };
	struct kw_diags diags = {0};

	if (kw_load(sources, 1, &builtin, &diags) != KW_LOAD_OK) {
		kw_diags_print(&diags, stderr);
		abort();
	}
	kw_diags_free(&diags);
	atexit(free_builtin);
	return builtin;
}

static char rules_path[64];

static void remove_rules_file(void)
{
	unlink(rules_path);
}

const char *fuzz_rules_file(const char *name)
{
	snprintf(rules_path, sizeof rules_path, "/tmp/kw-fuzz-%s-%ld.ini", name,
		 (long)getpid());
	atexit(remove_rules_file);
	return rules_path;
}

void fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0600);

	if (fd < 0 || pwrite(fd, data, size, 0) != (ssize_t)size ||
	    ftruncate(fd, (off_t)size) != 0 || close(fd) != 0)
		abort();
}

uint32_t fuzz_hash(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;       /* FNV-1a */

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

/* Any knot, routine, rule or triage level of the kb, by hash. */
static const char *pick_id(const struct kw_kb *kb, uint32_t hash)
{
	size_t i = hash % (kb->nknots + kb->nroutines + kb->nrules + 4);

	if (i < kb->nknots)
		return kw_s(kb, kb->knots[i].id);
	if ((i -= kb->nknots) < kb->nroutines)
		return kw_s(kb, kb->routines[i].id);
	if ((i -= kb->nroutines) < kb->nrules)
		return kw_s(kb, kb->rules[i].id);
	return kw_level_name((enum kw_level)(i - kb->nrules));
}

static void ignore_member(void *data, const struct kw_jmember *m)
{
	(void)data;
	(void)m;
}

/* The output is one valid JSON object (the reader checks every value). */
static void check_json(const struct kw_strbuf *sb)
{
	char err[256];
	unsigned line;

	if (!kw_json_read_object(sb->data, sb->len, ignore_member, NULL, err, sizeof err,
				 &line)) {
		fprintf(stderr, "invalid JSON output (%s, line %u): %.*s\n", err, line,
			(int)sb->len, sb->data);
		abort();
	}
}

static void same_json(const struct kw_strbuf *a, const struct kw_strbuf *b)
{
	if (a->len != b->len || memcmp(a->data, b->data, a->len) != 0) {
		fprintf(stderr, "cached JSON differs:\n%s\n%s\n", kw_sb_str(a), kw_sb_str(b));
		abort();
	}
}

static void render_json(const struct kw_kb *kb, const struct kw_result *res,
			const char *why_not_id, struct kw_render_cache *cache)
{
	struct kw_json_extra ask = { .pretty = true, .why_not = why_not_id };
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
}

void fuzz_consult(const struct kw_kb *kb, const char *text, size_t len,
		  uint32_t hash, struct kw_render_cache *cache)
{
	struct kw_answers *answers = kw_answers_new(kb);
	struct kw_diags diags = {0};
	struct kw_result *res = kw_result_new();
	const char *why_not_id = pick_id(kb, hash >> 8);
	struct kw_text_style plain = { .width = 80 };
	struct kw_text_style full = { .color = true, .width = 20 + hash % 100,
				      .explain = true, .why_not = why_not_id };

	if (kw_answers_read(kb, answers, text, len, "fuzz", &diags) &&
	    kw_answers_finish(kb, answers, true, &diags)) {
		kw_engine_run(kb, answers, res);
		render_json(kb, res, why_not_id, cache);
		free(kw_render_text(kb, res, &plain));
		free(kw_render_text(kb, res, &full));
	}
	kw_result_free(res);
	kw_diags_free(&diags);
	kw_answers_free(answers);
}
