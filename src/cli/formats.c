/*
 * formats: the table of output formats (--format).  A row is one format:
 * its name and, for each command that takes it, the function that renders
 * that command's output; a command whose function is NULL refuses the
 * format.  The first row is the default.  Adding a format is adding a row
 * (and, for ask, a function that gives its renderer what the options say).
 */
#include <config.h>

#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "knotwise/render.h"

static char *consult_text(const struct kw_options *opts, const struct kw_kb *kb,
			  const struct kw_result *res)
{
	struct kw_text_style style = {
		.color = kw_cli_use_color(opts->color, STDOUT_FILENO),
		.width = kw_terminal_width(STDOUT_FILENO),
		.explain = opts->explain,
		.why_not = opts->why_not,
	};

	return kw_render_text(kb, res, &style);
}

static char *consult_json(const struct kw_options *opts, const struct kw_kb *kb,
			  const struct kw_result *res)
{
	struct kw_json_extra extra = { .pretty = true, .why_not = opts->why_not };
	struct kw_strbuf out = {0};

	kw_render_json(kb, res, &extra, &out);
	kw_sb_addc(&out, '\n');
	return out.data;
}

static char *consult_html(const struct kw_options *opts, const struct kw_kb *kb,
			  const struct kw_result *res)
{
	struct kw_html_style page = { .now = opts->now };

	return kw_render_html(kb, res, &page);
}

static char *history_text(const struct kw_kb *kb, const struct kw_journal *journal)
{
	return kw_render_history_text(kb, journal, kw_columns(STDOUT_FILENO));
}

static char *history_json(const struct kw_kb *kb, const struct kw_journal *journal)
{
	(void)kb;
	return kw_render_history_json(journal);
}

static const struct kw_format formats[] = {
	{ .name = "text", .consult = consult_text, .list = kw_list_text,
	  .history = history_text, .explains = true },
	{ .name = "json", .consult = consult_json, .list = kw_list_json,
	  .history = history_json, .has_warnings = true, .explains = true },
	{ .name = "html", .consult = consult_html },
};

#define NFORMATS (sizeof formats / sizeof *formats)

const struct kw_format *kw_format_find(const char *name)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (strcmp(name, formats[i].name) == 0)
			return &formats[i];
	return NULL;
}

const struct kw_format *kw_format_of(const struct kw_options *opts)
{
	return opts->format ? opts->format : &formats[0];
}

bool kw_format_takes(const struct kw_format *format, enum kw_command_id cmd)
{
	return (cmd == KW_CMD_ASK && format->consult) ||
	       (cmd == KW_CMD_LIST && format->list) ||
	       (cmd == KW_CMD_HISTORY && format->history);
}

/* Is the format named among those of cmd (KW_NCOMMANDS: among all)? */
static bool named(const struct kw_format *format, enum kw_command_id cmd)
{
	return cmd == KW_NCOMMANDS || kw_format_takes(format, cmd);
}

void kw_format_names(struct kw_strbuf *sb, enum kw_command_id cmd)
{
	size_t n = 0, i = 0;

	for (size_t f = 0; f < NFORMATS; f++)
		n += named(&formats[f], cmd);
	for (size_t f = 0; f < NFORMATS; f++) {
		if (!named(&formats[f], cmd))
			continue;
		kw_cli_alternative(sb, i++, n, formats[f].name);
		if (f == 0 && cmd != KW_NCOMMANDS)
			kw_sb_add(sb, " (default)");
	}
}
