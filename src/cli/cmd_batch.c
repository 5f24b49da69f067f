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
#include "util/json_writer.h"
#include "knotwise/render.h"
#include "util/strbuf.h"

#define BATCH_MAX_LINE (1024 * 1024)

struct batch {
	const struct kw_options *opts;
	const struct kw_kb *kb;
	struct kw_answers *answers;
	struct kw_strbuf line;
	struct kw_render_cache *cache;
	struct kw_result *res;          /* one for every line: its memory is reused */
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

/* One record to its result line, or to an error object in its place.
 * The id echoed is the record's own "id", else its line number. */
static bool process(struct batch *b, const char *text, size_t len, size_t lineno)
{
	struct kw_json_extra extra = { .cache = b->cache };
	struct kw_diags diags = {0};
	char *id = NULL, number[32];
	bool ok;

	kw_sb_reset(&b->line);
	kw_answers_clear(b->kb, b->answers);
	ok = len <= BATCH_MAX_LINE &&
	     kw_answers_read_json(b->kb, b->answers, text, len, (struct kw_loc){0}, &id, &diags) &&
	     kw_answers_finish(b->kb, b->answers, b->opts->partial, &diags);
	snprintf(number, sizeof number, "%zu", lineno);
	extra.id = id ? id : number;
	if (ok) {
		kw_engine_run(b->kb, b->answers, b->res);
		kw_render_json(b->kb, b->res, &extra, &b->line);
	} else {
		struct kw_strbuf why = {0};
		if (len > BATCH_MAX_LINE)
			kw_sb_add(&why, "line longer than 1 MiB");
		join_messages(&diags, &why);
		error_line(b, extra.id, kw_sb_str(&why));
		kw_sb_free(&why);
	}
	kw_diags_free(&diags);
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
	b.res = kw_result_new();
	while (ok && (n = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		if (!blank(line, (size_t)n))
			ok = process(&b, line, (size_t)n, lineno);
	}
	free(line);
	kw_sb_free(&b.line);
	kw_answers_free(b.answers);
	kw_render_cache_free(b.cache);
	kw_result_free(b.res);
	kw_kb_free(kb);
	if (!ok)
		return KW_EXIT_IOERR;
	return b.failed ? KW_EXIT_DATAERR : KW_EXIT_OK;
}
