/*
 * cmd_check: the rule set as it would load, plus each PATH, with every
 * problem reported in one pass, sorted by file and line, and a summary.
 */
#include <config.h>

#include <stdio.h>

#include "cli.h"
#include "knotwise/lint.h"
#include "knotwise/load.h"

static void summary(const struct kw_diags *diags, size_t nfiles)
{
	fprintf(stderr, "knotwise: %zu error%s, %zu warning%s in %zu file%s\n",
		diags->errors, diags->errors == 1 ? "" : "s",
		diags->warnings, diags->warnings == 1 ? "" : "s",
		nfiles, nfiles == 1 ? "" : "s");
}

int kw_cmd_check(const struct kw_options *opts)
{
	struct kw_sources sources;
	struct kw_diags diags = {0};
	struct kw_kb *kb = NULL;
	enum kw_load_status status;
	int exit_status;

	kw_cli_sources(opts, (const char *const *)opts->args, (size_t)opts->nargs,
		       &sources);
	status = kw_load_sources(sources.at, sources.n, &(struct kw_load_options){ 0 },
				 &kb, &diags);
	if (status == KW_LOAD_OK || status == KW_LOAD_INVALID)
		kw_lint(kb, &diags);
	kw_diags_sort(&diags);
	kw_diags_print(&diags, stderr);
	summary(&diags, kw_kb_nfiles(kb));
	if (status == KW_LOAD_OK || status == KW_LOAD_INVALID)
		exit_status = diags.errors ? KW_EXIT_CHECK_FAILED : KW_EXIT_OK;
	else
		exit_status = kw_cli_load_exit(status);     /* 66, 74: not the rules' fault */
	kw_diags_free(&diags);
	kw_kb_free(kb);
	kw_cli_sources_free(&sources);
	return exit_status;
}
