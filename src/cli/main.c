/*
 * cli: main and the table of commands.  Options may come before or after
 * the command (getopt permutes, see options.c); with no command, `ask` is
 * meant.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "cli.h"
#include "util/clock.h"

const struct kw_command kw_commands[KW_NCOMMANDS] = {
	[KW_CMD_ASK] = { .name = "ask", .args = "", .run = kw_cmd_ask,
	  .summary = "(default) run the questionnaire and print the recommendation" },
	[KW_CMD_CHECK] = { .name = "check", .args = " [PATH...]", .run = kw_cmd_check,
	  .summary = "validate the rule set (plus each PATH); print every problem" },
	[KW_CMD_LIST] = { .name = "list", .args = " WHAT", .run = kw_cmd_list,
	  .summary = "list the questions, rules, knots or routines (WHAT) loaded" },
	[KW_CMD_BATCH] = { .name = "batch", .args = "", .run = kw_cmd_batch,
	  .summary = "one JSON answer set per input line -> one JSON result per line" },
	[KW_CMD_HISTORY] = { .name = "history", .args = "", .run = kw_cmd_history,
	  .summary = "the earlier consults of the journal, and a chart of the pain" },
};

/* One message line on stderr; what it quotes (a path, an argument) is
 * shown with its control characters escaped. */
static void report(const char *prefix, const char *fmt, va_list ap)
{
	struct kw_strbuf message = {0}, line = {0};

	kw_sb_vprintf(&message, fmt, ap);
	kw_sb_add(&line, prefix);
	kw_sb_add_shown(&line, kw_sb_str(&message), message.len);
	kw_sb_addc(&line, '\n');
	fputs(line.data, stderr);
	kw_sb_free(&message);
	kw_sb_free(&line);
}

void kw_cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("knotwise: error: ", fmt, ap);
	va_end(ap);
}

int kw_cli_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("knotwise: ", fmt, ap);
	va_end(ap);
	fputs("Try 'knotwise --help' for more information.\n", stderr);
	return KW_EXIT_USAGE;
}

void kw_cli_alternative(struct kw_strbuf *sb, size_t i, size_t n, const char *word)
{
	kw_sb_add(sb, i == 0 ? "" : i + 1 < n ? ", " : " or ");
	kw_sb_add(sb, word);
}

/* The command named first among the arguments (taken off them), or ask
 * when there is none; -1 for a name that is no command's. */
static int find_command(struct kw_options *o)
{
	if (o->nargs == 0)
		return KW_CMD_ASK;
	for (int cmd = 0; cmd < KW_NCOMMANDS; cmd++)
		if (strcmp(o->args[0], kw_commands[cmd].name) == 0) {
			o->args++;
			o->nargs--;
			return cmd;
		}
	return -1;
}

static int unknown_command(const char *name)
{
	struct kw_strbuf names = {0};
	int status;

	for (size_t i = 0; i < KW_NCOMMANDS; i++)
		kw_cli_alternative(&names, i, KW_NCOMMANDS, kw_commands[i].name);
	status = kw_cli_usage("unknown command '%s' (%s)", name, names.data);
	kw_sb_free(&names);
	return status;
}

/* A standard stream that is closed gets a stand-in that fails every use
 * (/dev/null opened the wrong way round: EBADF), so that no file opened
 * later takes its number: `batch <&-` is then a read error, not a read of
 * whatever rule file happened to get descriptor 0. */
static void hold_closed_std_fds(void)
{
	for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF)
			open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
}

/* A reader that goes away (`knotwise list rules | head -3`) ends knotwise
 * quietly, as it does other filters: the default SIGPIPE action, even when
 * the parent left SIGPIPE ignored or blocked.  Other write errors are 74. */
static void die_on_closed_pipe(void)
{
	sigset_t pipe;

	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	sigprocmask(SIG_UNBLOCK, &pipe, NULL);
	signal(SIGPIPE, SIG_DFL);
}

int main(int argc, char **argv)
{
	struct kw_options o = { .color = KW_COLOR_AUTO };
	int cmd = KW_CMD_ASK, status;

	hold_closed_std_fds();
	die_on_closed_pipe();
	setlocale(LC_CTYPE, "");
	status = kw_options_parse(argc, argv, &o);
	if (status == KW_PARSED_HELP)
		status = kw_options_help();
	else if (status == KW_PARSED_VERSION)
		status = printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION) < 0;
	else if (status == 0 && (cmd = find_command(&o)) < 0)
		status = unknown_command(o.args[0]);
	else if (status == 0 && !kw_clock_now(&o.now))	/* read once, for the whole run */
		status = kw_cli_usage("%s must be a UTC time such as 2026-12-01T09:30:00Z, "
				      "not '%s'", KW_CLOCK_ENV, getenv(KW_CLOCK_ENV));
	else if (status == 0 && (status = kw_options_check(&o, cmd)) == 0)
		status = kw_commands[cmd].run(&o);
	if (fflush(stdout) != 0 && status == 0) {
		kw_cli_error("cannot write output");
		status = KW_EXIT_IOERR;
	}
	free(o.rules);
	free(o.sets);
	return status;
}
