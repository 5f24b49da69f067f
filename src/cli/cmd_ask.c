/*
 * cmd_ask: one consult.  Answers come from the questionnaire when stdin
 * is a terminal and none are given, else from --answers, stdin and --set.
 * A journal (SPEC §8) is read before the answers and appended to once the
 * result is out: the default one in an interactive consult (unless
 * --no-journal), in a piped one only --journal FILE.
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
#include "knotwise/journal.h"
#include "util/arena.h"

/* The journal of this consult, when it has one. */
struct consult_journal {
	char *path;
	bool is_default;                /* its folders are made as needed */
	struct kw_journal *read;
	struct kw_journal_consult *consult;
};

/* Answers given up front are read first, so that theirs win over the
 * journal's; the episode is followed once all are kept. */
static int gather_answers(const struct kw_options *opts, const struct kw_kb *kb,
			  struct kw_answers *answers, struct kw_journal_consult *journal,
			  struct kw_diags *diags)
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
	if (ok && journal)
		kw_journal_fill(journal, answers);
	if (ok)
		ok = kw_answers_finish(kb, answers, opts->partial, diags);
	if (ok && journal)
		kw_journal_follow_episode(journal, answers);
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

/* Add the consult to its journal: 0, or the status after saying why not. */
static int record(const struct consult_journal *journal, const struct kw_answers *answers,
		  const struct kw_result *res)
{
	struct kw_diags diags = {0};
	int status = KW_JOURNAL_OK;

	if (journal->is_default && !kw_journal_make_folders(journal->path, &diags))
		status = KW_JOURNAL_IO_ERROR;
	if (status == KW_JOURNAL_OK)
		status = kw_journal_append(journal->consult, answers, res, &diags);
	kw_diags_print(&diags, stderr);
	kw_diags_free(&diags);
	return kw_cli_journal_exit(status);
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
 * a person at the questionnaire was told what matters in words.  The
 * consult goes into its journal once its result is out. */
static int consult(const struct kw_options *opts, const struct kw_kb *kb,
		   const struct kw_answers *answers, bool interactive,
		   const struct consult_journal *journal)
{
	const struct kw_format *format = kw_format_of(opts);
	struct kw_result *res = kw_result_new();
	char *out;
	int status;

	kw_engine_run(kb, answers, res);
	out = format->consult(opts, kb, res);
	if (!format->has_warnings && !interactive)
		print_warnings(res);
	status = kw_cli_write(out, strlen(out)) ? KW_EXIT_OK : KW_EXIT_IOERR;
	free(out);
	if (status == KW_EXIT_OK && interactive && !isatty(STDOUT_FILENO))
		tell_screen(kb, res);
	if (status == KW_EXIT_OK && journal->consult)
		status = record(journal, answers, res);
	kw_result_free(res);
	return status;
}

/* Find and read the journal the consult uses, if any: 0, or the exit
 * status after saying why it cannot be used. */
static int open_journal(const struct kw_options *opts, const struct kw_kb *kb,
			bool interactive, struct consult_journal *journal)
{
	int status;

	if (opts->no_journal)
		return KW_EXIT_OK;
	journal->is_default = !opts->journal;
	if (!(journal->path = kw_cli_journal_path(opts, interactive))) {
		if (interactive)
			fputs("knotwise: warning: no journal is kept: neither XDG_STATE_HOME "
			      "nor HOME is set\n", stderr);
		return KW_EXIT_OK;
	}
	if ((status = kw_cli_read_journal(journal->path, &journal->read)) == 0)
		journal->consult = kw_journal_consult_new(journal->read, kb, opts->now);
	return status;
}

static void close_journal(struct consult_journal *journal)
{
	kw_journal_consult_free(journal->consult);
	kw_journal_free(journal->read);
	free(journal->path);
}

/* The last consult's answers, as defaults that Enter keeps; the session
 * offers them only for questions that are not required, so that every
 * red-flag screen is asked afresh (SPEC §8).  Their texts go in arena. */
static struct kw_preset *journal_presets(const struct kw_kb *kb,
					 const struct kw_journal_consult *journal,
					 struct kw_arena *arena, size_t *n)
{
	struct kw_preset *presets = kw_xcalloc(kw_kb_nquestions(kb) + 1, sizeof *presets);
	char *text;

	*n = 0;
	for (size_t q = 0; q < kw_kb_nquestions(kb); q++)
		if ((text = kw_journal_last_answer(journal, q)) != NULL) {
			presets[(*n)++] = (struct kw_preset){ q, kw_arena_strdup(arena, text) };
			free(text);
		}
	return presets;
}

/* The questionnaire, from the journal on: its answers filled in, the last
 * consult in words and its answers as defaults.  The session follows the
 * episode question as each answer comes; once it is done, the journal
 * notes whether this consult began a new episode. */
static int converse(const struct kw_options *opts, const struct kw_kb *kb,
		    struct kw_answers *answers, struct kw_journal_consult *journal)
{
	struct kw_dialogue_options dialogue = { .partial = opts->partial,
						.ask_all = opts->ask_all };
	struct kw_arena *arena = kw_arena_new();
	struct kw_preset *presets = NULL;
	char *opening = NULL;
	int status;

	if (journal) {
		kw_journal_fill(journal, answers);
		dialogue.opening = opening = kw_journal_last_time(journal);
		dialogue.presets = presets = journal_presets(kb, journal, arena, &dialogue.npresets);
	}
	status = kw_dialogue_run(kb, answers, &dialogue);
	if (status == KW_EXIT_OK && journal)
		kw_journal_follow_episode(journal, answers);
	free(opening);
	free(presets);
	kw_arena_free(arena);
	return status;
}

static int usage_problem(const struct kw_options *opts)
{
	if (opts->nargs)
		return kw_cli_usage("'ask' takes no arguments, but got '%s'", opts->args[0]);
	if ((opts->explain || opts->why_not) && !kw_format_of(opts)->explains)
		return kw_cli_usage("--explain and --why-not do not apply to --format %s",
				    kw_format_of(opts)->name);
	if (opts->journal && opts->no_journal)
		return kw_cli_usage("--journal and --no-journal cannot go together");
	return KW_EXIT_OK;
}

int kw_cmd_ask(const struct kw_options *opts)
{
	bool interactive = !opts->answers && !opts->nsets && isatty(STDIN_FILENO);
	struct consult_journal journal = {0};
	struct kw_diags diags = {0};
	struct kw_answers *answers;
	struct kw_kb *kb;
	int status;

	if ((status = usage_problem(opts)) != 0)
		return status;
	if ((status = kw_cli_load_consult(opts, &kb)) != 0)
		return status;
	if (opts->why_not && !kw_why_not_known(kb, opts->why_not)) {
		kw_cli_error("--why-not: no knot, routine, triage level or rule '%s'",
			     opts->why_not);
		kw_kb_free(kb);
		return KW_EXIT_USAGE;
	}
	answers = kw_answers_new(kb);
	if ((status = open_journal(opts, kb, interactive, &journal)) == 0)
		status = interactive ? converse(opts, kb, answers, journal.consult)
			: gather_answers(opts, kb, answers, journal.consult, &diags);
	kw_diags_print(&diags, stderr);
	if (status == KW_EXIT_OK)
		status = consult(opts, kb, answers, interactive, &journal);
	close_journal(&journal);
	kw_diags_free(&diags);
	kw_answers_free(answers);
	kw_kb_free(kb);
	return status;
}
