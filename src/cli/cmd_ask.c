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
#include "explain/why_not.h"
#include "util/clock.h"

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

static char *render(const struct kw_options *opts, const struct kw_kb *kb,
		    const struct kw_result *res, time_t now)
{
	struct kw_text_style style = {
		.color = kw_cli_use_color(opts->color, STDOUT_FILENO),
		.width = kw_terminal_width(STDOUT_FILENO),
		.explain = opts->explain,
		.why_not = opts->why_not,
	};
	struct kw_json_extra extra = { .pretty = true, .why_not = opts->why_not };
	struct kw_html_style page = { .now = now };
	struct kw_strbuf out = {0};

	if (opts->format == KW_FORMAT_TEXT)
		return kw_render_text(kb, res, &style);
	if (opts->format == KW_FORMAT_HTML)
		return kw_render_html(kb, res, &page);
	kw_render_json(kb, res, &extra, &out);
	kw_sb_addc(&out, '\n');
	return out.data;
}

static void print_warnings(const struct kw_result *res)
{
	for (size_t i = 0; i < kw_result_nwarnings(res); i++)
		fprintf(stderr, "knotwise: warning: %s\n", kw_result_warning(res, i));
}

static int consult(const struct kw_options *opts, const struct kw_kb *kb,
		   const struct kw_answers *answers, time_t now)
{
	struct kw_result *res = kw_result_new();
	char *out;
	bool written;

	kw_engine_run(kb, answers, res);
	out = render(opts, kb, res, now);
	if (opts->format != KW_FORMAT_JSON)     /* JSON has them inside */
		print_warnings(res);
	written = kw_cli_write(out, strlen(out));
	free(out);
	kw_result_free(res);
	return written ? KW_EXIT_OK : KW_EXIT_IOERR;
}

int kw_cmd_ask(const struct kw_options *opts)
{
	struct kw_diags diags = {0};
	struct kw_answers *answers;
	struct kw_kb *kb;
	time_t now;
	int status;

	if (opts->nargs)
		return kw_cli_usage("'ask' takes no arguments, but got '%s'", opts->args[0]);
	if (opts->format == KW_FORMAT_HTML && (opts->explain || opts->why_not))
		return kw_cli_usage("--explain and --why-not are for text and json, not html");
	if (!kw_clock_now(&now)) {      /* the run's one reading of the clock */
		kw_cli_error("%s must be a UTC time such as 2026-12-01T09:30:00Z, not '%s'",
			     KW_CLOCK_ENV, getenv(KW_CLOCK_ENV));
		return KW_EXIT_USAGE;
	}
	if ((status = kw_cli_load(opts, &kb)) != 0)
		return status;
	if (opts->why_not && !kw_why_not_known(kb, opts->why_not)) {
		kw_cli_error("--why-not: no knot, routine, triage level or rule '%s'",
			     opts->why_not);
		kw_kb_free(kb);
		return KW_EXIT_USAGE;
	}
	answers = kw_answers_new(kb);
	if (!opts->answers && !opts->nsets && isatty(STDIN_FILENO))
		status = kw_dialogue_run(kb, answers, opts->partial, opts->ask_all);
	else
		status = gather_answers(opts, kb, answers, &diags);
	kw_diags_print(&diags, stderr);
	if (status == KW_EXIT_OK)
		status = consult(opts, kb, answers, now);
	kw_diags_free(&diags);
	kw_answers_free(answers);
	kw_kb_free(kb);
	return status;
}
