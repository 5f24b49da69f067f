/*
 * cmd_list: `knotwise list questions|rules|knots|routines`, in the format
 * --format names (the library writes the listing).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "knotwise/render.h"

char *kw_list_text(const struct kw_kb *kb, enum kw_list_what what)
{
	return kw_render_list(kb, what, false);
}

char *kw_list_json(const struct kw_kb *kb, enum kw_list_what what)
{
	return kw_render_list(kb, what, true);
}

int kw_cmd_list(const struct kw_options *opts)
{
	int what = opts->nargs == 1 ? kw_list_what_parse(opts->args[0]) : -1, status;
	struct kw_kb *kb;
	char *out;
	bool ok;

	if (what < 0)
		return kw_cli_usage("%s", "'list' needs one of: questions, rules, knots, routines");
	if ((status = kw_cli_load(opts, &kb)) != 0)
		return status;
	out = kw_format_of(opts)->list(kb, (enum kw_list_what)what);
	ok = kw_cli_write(out, strlen(out));
	free(out);
	kw_kb_free(kb);
	return ok ? KW_EXIT_OK : KW_EXIT_IOERR;
}
