/*
 * cli_journal: which journal a command uses, and reading it with its
 * problems reported (SPEC §8).  ask and history share these.
 */
#include <config.h>

#include <stdlib.h>

#include "cli.h"
#include "knotwise/journal.h"
#include "util/arena.h"

char *kw_cli_journal_path(const struct kw_options *opts, bool use_default)
{
	if (opts->journal)
		return kw_xstrdup(opts->journal);
	return use_default ? kw_journal_default_path() : NULL;
}

int kw_cli_journal_exit(int journal_status)
{
	switch ((enum kw_journal_status)journal_status) {
	case KW_JOURNAL_OK: return KW_EXIT_OK;
	case KW_JOURNAL_REFUSED: return KW_EXIT_NOINPUT;
	default: return KW_EXIT_IOERR;
	}
}

int kw_cli_read_journal(const char *path, struct kw_journal **j)
{
	struct kw_diags diags = {0};
	enum kw_journal_status status = kw_journal_read(path, j, &diags);

	kw_diags_print(&diags, stderr);
	kw_diags_free(&diags);
	return kw_cli_journal_exit(status);
}
