/*
 * cmd_batch: JSON Lines in, JSON Lines out.  Every non-blank input line
 * yields exactly one output line, in order — a result, or an error object
 * in its place — and each line leaves in a single write, so a reader never
 * sees half of one even when it is longer than a pipe buffer.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "knotwise/answers.h"
#include "knotwise/engine.h"
#include "json_writer.h"
#include "knotwise/render.h"
#include "knotwise/strbuf.h"

#define BATCH_MAX_LINE (1024 * 1024)

struct batch {
	const struct kw_options *opts;
	const struct kw_kb *kb;
	struct kw_answers *answers;
	struct kw_strbuf line;
	struct kw_render_cache *cache;
	bool failed;
};

/* The error object that stands in for a result. */
static void error_line(struct batch *b, const char *id, const char *message)
{
	struct kw_json j;

	kw_json_init(&j, &b->line, false);
	kw_json_object(&j);
	kw_json_key(&j, "id");
	kw_json_raw(&j, id);
	kw_json_key(&j, "error");
	kw_json_object(&j);
	kw_json_key(&j, "code");
	kw_json_number(&j, KW_EXIT_DATAERR);
	kw_json_key(&j, "message");
	kw_json_string(&j, message);
	kw_json_end(&j, '}');
	kw_json_end(&j, '}');
	b->failed = true;
}

static void join_messages(const struct kw_diags *diags, struct kw_strbuf *sb)
{
	for (size_t i = 0; i < diags->len; i++)
		if (diags->items[i].severity == KW_ERROR)
			kw_sb_printf(sb, "%s%s", sb->len ? "; " : "", diags->items[i].message);
}

/* One answer set (its "id" removed) to its result line. */
static void consult(struct batch *b, json_t *object, const char *id)
{
	struct kw_json_extra extra = { .id = id, .cache = b->cache };
	struct kw_diags diags = {0};
	struct kw_result res;

	kw_answers_clear(b->kb, b->answers);
	if (!kw_answers_read_json(b->kb, b->answers, object, (struct kw_loc){0}, &diags) ||
	    !kw_answers_finish(b->kb, b->answers, b->opts->partial, &diags)) {
		struct kw_strbuf why = {0};
		join_messages(&diags, &why);
		error_line(b, id, kw_sb_str(&why));
		kw_sb_free(&why);
	} else {
		kw_engine_run(b->kb, b->answers, &res);
		kw_render_json(b->kb, &res, &extra, &b->line);
		kw_result_free(&res);
	}
	kw_diags_free(&diags);
}

/* The id to echo, as JSON: the record's own, or its line number. */
static char *record_id(json_t *object, size_t lineno)
{
	json_t *id = json_is_object(object) ? json_object_get(object, "id") : NULL;
	char number[32];

	if (id)
		return json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);
	snprintf(number, sizeof number, "%zu", lineno);
	return strdup(number);
}

static bool process(struct batch *b, const char *text, size_t len, size_t lineno)
{
	json_error_t err;
	json_t *object = NULL;
	char *id;

	kw_sb_reset(&b->line);
	if (len <= BATCH_MAX_LINE)
		object = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	id = record_id(object, lineno);
	if (len > BATCH_MAX_LINE)
		error_line(b, id, "line longer than 1 MiB");
	else if (!object || !json_is_object(object))
		error_line(b, id, object ? "a line must be a JSON object" : err.text);
	else {
		json_object_del(object, "id");
		consult(b, object, id);
	}
	json_decref(object);
	free(id);
	kw_sb_addc(&b->line, '\n');
	return kw_cli_write(b->line.data, b->line.len);
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r\n", s[i]))
			return false;
	return true;
}

int kw_cmd_batch(const struct kw_options *opts)
{
	struct batch b = { .opts = opts };
	struct kw_kb *kb;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int status;
	bool ok = true;

	if (opts->nargs)
		return kw_cli_usage("'batch' takes no arguments, but got '%s'", opts->args[0]);
	if ((status = kw_cli_load(opts, &kb)) != 0)
		return status;
	b.kb = kb;
	b.answers = kw_answers_new(kb);
	b.cache = kw_render_cache_new(kb);
	while (ok && (n = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		if (!blank(line, (size_t)n))
			ok = process(&b, line, (size_t)n, lineno);
	}
	free(line);
	kw_sb_free(&b.line);
	kw_answers_free(b.answers);
	kw_render_cache_free(b.cache);
	kw_kb_free(kb);
	if (!ok)
		return KW_EXIT_IOERR;
	return b.failed ? KW_EXIT_DATAERR : KW_EXIT_OK;
}
