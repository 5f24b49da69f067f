/*
 * cmd_history: the journal of earlier consults (SPEC §8) — shown as a
 * table and a chart of the pain (or as JSON), or, with --forget, deleted
 * once the person says so at the terminal (or at once with --yes).
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "knotwise/journal.h"
#include "knotwise/render.h"
#include "util/scalar.h"

/* "the journal PATH (3 consults, from ... to ...)", its path shown safe. */
static void describe(struct kw_strbuf *sb, const struct kw_journal *j)
{
	kw_sb_add(sb, "the journal ");
	kw_sb_add_shown(sb, kw_journal_path(j), strlen(kw_journal_path(j)));
	kw_sb_add(sb, " (");
	kw_render_history_span(sb, j);
	if (kw_journal_nskipped(j))
		kw_sb_printf(sb, ", and %zu line%s it could not read", kw_journal_nskipped(j),
			     kw_journal_nskipped(j) == 1 ? "" : "s");
	kw_sb_add(sb, ")");
}

/* Ask at the terminal; only "yes" (or "y") deletes. */
static bool confirmed(const struct kw_journal *j)
{
	struct kw_strbuf what = {0};
	char line[64], *reply;

	describe(&what, j);
	fprintf(stderr, "This deletes %s.\nIt cannot be undone. Type yes to delete it, "
		"anything else to keep it.\n> ", what.data);
	fflush(stderr);
	kw_sb_free(&what);
	if (!fgets(line, sizeof line, stdin))
		return false;
	reply = kw_trim(line);
	return strcasecmp(reply, "yes") == 0 || strcasecmp(reply, "y") == 0;
}

/* Write the line out, and free it: 0, or 74 when it could not be. */
static int put(struct kw_strbuf *line)
{
	bool written = kw_cli_write(line->data, line->len);

	kw_sb_free(line);
	return written ? KW_EXIT_OK : KW_EXIT_IOERR;
}

/* One line on stdout: before, the journal described, after. */
static int say(const char *before, const struct kw_journal *j, const char *after)
{
	struct kw_strbuf line = {0};

	kw_sb_add(&line, before);
	describe(&line, j);
	kw_sb_add(&line, after);
	return put(&line);
}

static int say_missing(const struct kw_journal *j)
{
	struct kw_strbuf line = {0};

	kw_sb_add(&line, "Nothing to delete: there is no journal at ");
	kw_sb_add_shown(&line, kw_journal_path(j), strlen(kw_journal_path(j)));
	kw_sb_add(&line, ".\n");
	return put(&line);
}

static int forget(const struct kw_options *opts, const struct kw_journal *j)
{
	if (!kw_journal_exists(j))
		return say_missing(j);
	if (!opts->yes && !isatty(STDIN_FILENO))
		return kw_cli_usage("history --forget asks before it deletes the journal, and "
				    "standard input is not a terminal: add --yes to delete it "
				    "without asking");
	if (!opts->yes && !confirmed(j))
		return say("Nothing was deleted: ", j, " is kept.\n");
	if (unlink(kw_journal_path(j)) != 0 && errno != ENOENT) {
		kw_cli_error("cannot delete the journal '%s': %s", kw_journal_path(j), strerror(errno));
		return KW_EXIT_IOERR;
	}
	return say("Deleted ", j, ".\n");
}

static int show(const struct kw_options *opts, const struct kw_journal *j)
{
	struct kw_kb *kb;
	char *out;
	int status;
	bool written;

	if ((status = kw_cli_load(opts, &kb)) != 0)
		return status;
	out = kw_format_of(opts)->history(kb, j);
	written = kw_cli_write(out, strlen(out));
	free(out);
	kw_kb_free(kb);
	return written ? KW_EXIT_OK : KW_EXIT_IOERR;
}

int kw_cmd_history(const struct kw_options *opts)
{
	struct kw_journal *j = NULL;
	char *path;
	int status;

	if (opts->nargs)
		return kw_cli_usage("'history' takes no arguments, but got '%s'", opts->args[0]);
	if (opts->yes && !opts->forget)
		return kw_cli_usage("--yes goes with --forget");
	if (!(path = kw_cli_journal_path(opts, true))) {
		kw_cli_error("no journal: neither XDG_STATE_HOME nor HOME is set "
			     "(--journal FILE names one)");
		return KW_EXIT_NOINPUT;
	}
	if ((status = kw_cli_read_journal(path, &j)) == 0)
		status = opts->forget ? forget(opts, j) : show(opts, j);
	kw_journal_free(j);
	free(path);
	return status;
}
