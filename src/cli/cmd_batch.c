/*
 * cmd_batch: JSON Lines in, JSON Lines out.  Every non-blank input line
 * yields exactly one output line, in order — a result, or an error object
 * in its place.  Lines leave whole, several to a write (a write per line
 * cost more than the rest of the output path), so a reader never sees half
 * of one even when it is longer than a pipe buffer; and every line held
 * is written before the batch waits for more input.  A line over
 * 1 MiB is skipped unread (memory stays bounded whatever comes in) and
 * gets its error line like any bad line; a read error ends the batch with
 * 74, never as if the input had ended.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "knotwise/answers.h"
#include "knotwise/engine.h"
#include "util/json_writer.h"
#include "util/line_reader.h"
#include "knotwise/render.h"
#include "util/strbuf.h"

#define BATCH_MAX_LINE (1024 * 1024)    /* bytes, not counting "\n" or "\r\n" */
#define BATCH_WRITE_AT (256 * 1024)     /* bytes of whole lines held at most */

struct batch {
	const struct kw_options *opts;
	const struct kw_kb *kb;
	struct kw_answers *answers;
	struct kw_strbuf out;           /* whole lines not written yet */
	int in;                         /* the input's descriptor */
	bool write_failed;
	struct kw_render_cache *cache;
	struct kw_result *res;          /* one for every line: its memory is reused */
	bool failed;
};

/* The error object that stands in for a result. */
static void error_line(struct batch *b, const char *id, const char *message)
{
	struct kw_json j;

	kw_json_init(&j, &b->out, false);
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

/* The errors, shown as in a diagnostic: they may quote bytes that are
 * not UTF-8, which no JSON line may hold. */
static void join_messages(const struct kw_diags *diags, struct kw_strbuf *sb)
{
	for (size_t i = 0; i < diags->len; i++) {
		const char *message = diags->items[i].message;

		if (diags->items[i].severity != KW_ERROR)
			continue;
		if (sb->len)
			kw_sb_add(sb, "; ");
		kw_sb_add_shown(sb, message, strlen(message));
	}
}

/* The record of a line, without its line ending (and a byte-order mark
 * on the first line); false when the line is over the limit. */
static bool record(const struct kw_line *line, size_t lineno, const char **text,
		   size_t *len)
{
	*text = line->text;
	*len = line->len;
	if (*text && *len && (*text)[*len - 1] == '\r')
		--*len;
	if (*text && lineno == 1 && *len >= 3 && memcmp(*text, "\xEF\xBB\xBF", 3) == 0)
		*text += 3, *len -= 3;
	return *text && *len <= BATCH_MAX_LINE;
}

/* The lines held, out; false once a write failed (and said so). */
static bool flush(struct batch *b)
{
	if (b->out.len && !b->write_failed)
		b->write_failed = !kw_cli_write(b->out.data, b->out.len);
	kw_sb_reset(&b->out);
	return !b->write_failed;
}

/* The input, once what was read so far is out: a client that sends one
 * record and waits for its result gets it.  A failed write ends the input. */
static ssize_t read_input(void *source, char *buf, size_t n)
{
	struct batch *b = source;

	return flush(b) ? read(b->in, buf, n) : 0;
}

/* One record to its result line, or to an error object in its place.
 * The id echoed is the record's own "id", else its line number. */
static bool process(struct batch *b, const struct kw_line *line, size_t lineno)
{
	struct kw_json_extra extra = { .cache = b->cache };
	struct kw_diags diags = {0};
	char *id = NULL, number[32];
	const char *text;
	size_t len;
	bool fits = record(line, lineno, &text, &len), ok;

	kw_answers_clear(b->kb, b->answers);
	ok = fits &&
	     kw_answers_read_json(b->kb, b->answers, text, len, (struct kw_loc){0}, &id, &diags) &&
	     kw_answers_finish(b->kb, b->answers, b->opts->partial, &diags);
	snprintf(number, sizeof number, "%zu", lineno);
	extra.id = id ? id : number;
	if (ok) {
		kw_engine_run(b->kb, b->answers, b->res);
		kw_render_json(b->kb, b->res, &extra, &b->out);
	} else {
		struct kw_strbuf why = {0};
		if (!fits)
			kw_sb_printf(&why, "line of %zu bytes, longer than 1 MiB",
				     line->full_len);
		join_messages(&diags, &why);
		error_line(b, extra.id, kw_sb_str(&why));
		kw_sb_free(&why);
	}
	kw_diags_free(&diags);
	free(id);
	kw_sb_addc(&b->out, '\n');
	return b->out.len < BATCH_WRITE_AT || flush(b);
}

static bool blank(const struct kw_line *line)
{
	for (size_t i = 0; line->text && i < line->len; i++)
		if (!strchr(" \t\r", line->text[i]))
			return false;
	return line->text != NULL;
}

int kw_cmd_batch(const struct kw_options *opts)
{
	struct batch b = { .opts = opts, .in = STDIN_FILENO };
	struct kw_line_reader *lines;
	struct kw_line line;
	struct kw_kb *kb;
	size_t lineno = 0;
	int status, got = 0;
	bool ok = true;

	if (opts->nargs)
		return kw_cli_usage("'batch' takes no arguments, but got '%s'", opts->args[0]);
	if ((status = kw_cli_load_consult(opts, &kb)) != 0)
		return status;
	b.kb = kb;
	b.answers = kw_answers_new(kb);
	b.cache = kw_render_cache_new(kb);
	b.res = kw_result_new();
	/* one byte over the limit, for the '\r' of a "\r\n" */
	lines = kw_line_reader_new(read_input, &b, BATCH_MAX_LINE + 1);
	while (ok && (got = kw_line_reader_next(lines, &line)) > 0) {
		lineno++;
		if (!blank(&line))
			ok = process(&b, &line, lineno);
	}
	if (ok && got < 0)
		kw_cli_error("cannot read standard input: %s", strerror(errno));
	ok = flush(&b) && ok;
	kw_line_reader_free(lines);
	kw_sb_free(&b.out);
	kw_answers_free(b.answers);
	kw_render_cache_free(b.cache);
	kw_result_free(b.res);
	kw_kb_free(kb);
	if (!ok || got < 0)
		return KW_EXIT_IOERR;
	return b.failed ? KW_EXIT_DATAERR : KW_EXIT_OK;
}
