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
#include "knotwise/render.h"
#include "strbuf.h"

#define BATCH_MAX_LINE (1024 * 1024)

struct batch {
	const struct kw_options *opts;
	const struct kw_kb *kb;
	struct kw_answers *answers;
	struct kw_strbuf line;
	bool failed;
};

static json_t *error_object(json_t *id, const char *message)
{
	return json_pack("{s:O, s:{s:i, s:s}}", "id", id, "error", "code",
			 KW_EXIT_DATAERR, "message", message);
}

static char *join_messages(const struct kw_diags *diags)
{
	struct kw_strbuf sb = {0};

	for (size_t i = 0; i < diags->len; i++)
		if (diags->items[i].severity == KW_ERROR)
			kw_sb_printf(&sb, "%s%s", sb.len ? "; " : "", diags->items[i].message);
	kw_sb_addn(&sb, "", 0);
	return sb.data;
}

/* The result for one answer set (the object has its "id" removed). */
static json_t *consult(struct batch *b, json_t *object, json_t *id)
{
	struct kw_diags diags = {0};
	struct kw_result res;
	json_t *out;
	char *why;

	kw_answers_clear(b->kb, b->answers);
	if (!kw_answers_read_json(b->kb, b->answers, object, (struct kw_loc){0}, &diags) ||
	    !kw_answers_finish(b->kb, b->answers, b->opts->partial, &diags)) {
		why = join_messages(&diags);
		out = error_object(id, why);
		free(why);
		kw_diags_free(&diags);
		return out;
	}
	kw_diags_free(&diags);
	kw_engine_run(b->kb, b->answers, &res);
	out = kw_render_json(b->kb, &res);
	json_object_set(out, "id", id);
	kw_result_free(&res);
	return out;
}

static json_t *process(struct batch *b, const char *text, size_t len, size_t lineno)
{
	json_error_t err;
	json_t *object, *id, *out;

	if (len > BATCH_MAX_LINE) {
		id = json_integer((json_int_t)lineno);
		out = error_object(id, "line longer than 1 MiB");
		json_decref(id);
		return out;
	}
	object = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	id = object && json_is_object(object) && json_object_get(object, "id")
		? json_incref(json_object_get(object, "id"))
		: json_integer((json_int_t)lineno);
	if (!object || !json_is_object(object)) {
		out = error_object(id, object ? "a line must be a JSON object" : err.text);
	} else {
		json_object_del(object, "id");
		out = consult(b, object, id);
	}
	json_decref(object);
	json_decref(id);
	return out;
}

static bool emit(struct batch *b, json_t *out)
{
	char *text = json_dumps(out, JSON_COMPACT | JSON_REAL_PRECISION(15));
	bool ok;

	if (json_object_get(out, "error"))
		b->failed = true;
	kw_sb_reset(&b->line);
	kw_sb_add(&b->line, text);
	kw_sb_addc(&b->line, '\n');
	ok = kw_cli_write(b->line.data, b->line.len);
	free(text);
	json_decref(out);
	return ok;
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
	while (ok && (n = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		if (!blank(line, (size_t)n))
			ok = emit(&b, process(&b, line, (size_t)n, lineno));
	}
	free(line);
	kw_sb_free(&b.line);
	kw_answers_free(b.answers);
	kw_kb_free(kb);
	if (!ok)
		return KW_EXIT_IOERR;
	return b.failed ? KW_EXIT_DATAERR : KW_EXIT_OK;
}
