/*
 * cmd_ask: one consult.  Answers come from the questionnaire when stdin
 * is a terminal and none are given, else from --answers, stdin and --set.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dialogue.h"
#include "knotwise/answers.h"
#include "knotwise/engine.h"
#include "knotwise/render.h"

static int gather_answers(const struct kw_options *opts, const struct kw_kb *kb,
			  struct kw_answers *answers, struct kw_diags *diags)
{
	const char *path = opts->answers;
	char *text = NULL;
	size_t len;
	int status;
	bool ok = true;

	if (!path && !opts->nsets)
		path = "-";             /* stdin is not a terminal: read it */
	if (path) {
		if ((status = kw_cli_slurp(path, KW_MAX_ANSWERS_BYTES, &text, &len)) != 0)
			return status;
		ok = kw_answers_read(kb, answers, text, len,
				     strcmp(path, "-") ? path : "<stdin>", diags);
		free(text);
	}
	for (size_t i = 0; ok && i < opts->nsets; i++)
		ok = kw_answers_set(kb, answers, opts->sets[i], diags);
	if (ok)
		ok = kw_answers_finish(kb, answers, opts->partial, diags);
	return ok ? KW_EXIT_OK : KW_EXIT_DATAERR;
}

static void print_warnings(const struct kw_result *res)
{
	struct kw_strbuf line = {0};

	for (size_t i = 0; i < kw_result_nwarnings(res); i++) {
		kw_sb_reset(&line);
		kw_sb_add(&line, "knotwise: warning: ");
		kw_sb_add_shown(&line, kw_result_warning(res, i), strlen(kw_result_warning(res, i)));
		fprintf(stderr, "%s\n", line.data);
	}
	kw_sb_free(&line);
}

/* The person who sent the result to a file still sees what to do. */
static void tell_screen(const struct kw_kb *kb, const struct kw_result *res)
{
	char *triage = kw_render_triage(kb, res, kw_terminal_width(STDERR_FILENO) - 1);

	fprintf(stderr, "%sThe whole result, with the routine, went to the file you "
		"chose.\n", triage);
	free(triage);
}

/* Warnings name questions and rules by id, for scripts and therapists;
 * a person at the questionnaire was told what matters in words. */
static int consult(const struct kw_options *opts, const struct kw_kb *kb,
		   const struct kw_answers *answers, bool interactive)
{
	const struct kw_format *format = kw_format_of(opts);
	struct kw_result *res = kw_result_new();
	char *out;
	bool written;

	kw_engine_run(kb, answers, res);
	out = format->consult(opts, kb, res);
	if (!format->has_warnings && !interactive)
		print_warnings(res);
	written = kw_cli_write(out, strlen(out));
	free(out);
	if (written && interactive && !isatty(STDOUT_FILENO))
		tell_screen(kb, res);
	kw_result_free(res);
	return written ? KW_EXIT_OK : KW_EXIT_IOERR;
}

int kw_cmd_ask(const struct kw_options *opts)
{
	struct kw_diags diags = {0};
	struct kw_answers *answers;
	struct kw_kb *kb;
	bool interactive = !opts->answers && !opts->nsets && isatty(STDIN_FILENO);
	int status;

	if (opts->nargs)
		return kw_cli_usage("'ask' takes no arguments, but got '%s'", opts->args[0]);
	if ((opts->explain || opts->why_not) && !kw_format_of(opts)->explains)
		return kw_cli_usage("--explain and --why-not do not apply to --format %s",
				    kw_format_of(opts)->name);
	if ((status = kw_cli_load_consult(opts, &kb)) != 0)
		return status;
	if (opts->why_not && !kw_why_not_known(kb, opts->why_not)) {
		kw_cli_error("--why-not: no knot, routine, triage level or rule '%s'",
			     opts->why_not);
		kw_kb_free(kb);
		return KW_EXIT_USAGE;
	}
	answers = kw_answers_new(kb);
	if (interactive)
		status = kw_dialogue_run(kb, answers, &(struct kw_dialogue_options){
			.partial = opts->partial, .ask_all = opts->ask_all });
	else
		status = gather_answers(opts, kb, answers, &diags);
	kw_diags_print(&diags, stderr);
	if (status == KW_EXIT_OK)
		status = consult(opts, kb, answers, interactive);
	kw_diags_free(&diags);
	kw_answers_free(answers);
	kw_kb_free(kb);
	return status;
}
