/*
 * cli: main, options and the command table.  Options may come before or
 * after the command (getopt permutes); with no command, `ask` is meant.
 */
#include <config.h>

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "cli.h"

static const struct kw_command commands[] = {
	{ .name = "ask", .args = "", .run = kw_cmd_ask, .accepts = ~0u,
	  .summary = "(default) run the questionnaire and print the recommendation" },
	{ .name = "check", .args = " [PATH...]", .run = kw_cmd_check,
	  .summary = "validate the rule set (plus each PATH); print every problem" },
	{ .name = "list", .args = " WHAT", .run = kw_cmd_list, .accepts = KW_OPT_FORMAT,
	  .summary = "list the questions, rules, knots or routines (WHAT) loaded" },
	{ .name = "batch", .args = "", .run = kw_cmd_batch, .accepts = KW_OPT_PARTIAL,
	  .summary = "one JSON answer set per input line -> one JSON result per line" },
};

enum { OPT_NO_DEFAULT_RULES = 256, OPT_COLOR, OPT_WHY_NOT, OPT_PARTIAL, OPT_ASK_ALL };

static const struct option long_options[] = {
	{ "rules", required_argument, NULL, 'r' },
	{ "no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "answers", required_argument, NULL, 'a' },
	{ "set", required_argument, NULL, 's' },
	{ "format", required_argument, NULL, 'f' },
	{ "explain", no_argument, NULL, 'e' },
	{ "why-not", required_argument, NULL, OPT_WHY_NOT },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "ask-all", no_argument, NULL, OPT_ASK_ALL },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

void kw_cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("knotwise: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int kw_cli_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("knotwise: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'knotwise --help' for more information.\n", stderr);
	return KW_EXIT_USAGE;
}

static int help(void)
{
	printf("Usage: knotwise [OPTION]... [COMMAND] [ARG]...\n"
	       "Find the muscle knots likely behind back pain and a self-massage routine.\n"
	       "\nCommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		char usage[32];
		snprintf(usage, sizeof usage, "%s%s", commands[i].name, commands[i].args);
		printf("  %-20s %s\n", usage, commands[i].summary);
	}
	printf("\nGlobal options:\n"
	       "  -r, --rules PATH       add a rule file or directory (repeatable)\n"
	       "      --no-default-rules skip the built-in and per-user rule directories\n"
	       "      --color=WHEN       auto (default), always or never; NO_COLOR disables auto\n"
	       "  -h, --help             show this help and exit\n"
	       "  -V, --version          show the version and exit\n"
	       "\nask options:\n"
	       "  -a, --answers FILE     read answers from FILE ('-' = stdin)\n"
	       "  -s, --set ID=VALUE     one answer (repeatable; overrides --answers)\n"
	       "  -f, --format FORMAT    text (default), json (also for list) or html\n"
	       "                         (a page to print: the handout)\n"
	       "  -e, --explain          show the reasoning behind every item\n"
	       "      --why-not ID       why a knot, routine, triage level or rule was not reached\n"
	       "      --partial          allow required questions to stay unanswered\n"
	       "      --ask-all          in the questionnaire, also ask what cannot matter\n"
	       "\nExit status: 0 result produced, 1 check found errors, 64 usage,\n"
	       "65 bad answers, 66 missing input, 74 output error, 78 invalid rules.\n"
	       "See knotwise(1) and knotwise-rules(5).\n"
	       "Report bugs to: <%s>\n", PACKAGE_BUGREPORT);
	return KW_EXIT_OK;
}

static const struct { unsigned bit; const char *name; } option_names[] = {
	{ KW_OPT_ANSWERS, "--answers" }, { KW_OPT_SET, "--set" },
	{ KW_OPT_FORMAT, "--format" }, { KW_OPT_EXPLAIN, "--explain" },
	{ KW_OPT_WHY_NOT, "--why-not" }, { KW_OPT_PARTIAL, "--partial" },
	{ KW_OPT_ASK_ALL, "--ask-all" },
};

static unsigned option_bit(int c)
{
	switch (c) {
	case 'a': return KW_OPT_ANSWERS;
	case 's': return KW_OPT_SET;
	case 'f': return KW_OPT_FORMAT;
	case 'e': return KW_OPT_EXPLAIN;
	case OPT_WHY_NOT: return KW_OPT_WHY_NOT;
	case OPT_PARTIAL: return KW_OPT_PARTIAL;
	case OPT_ASK_ALL: return KW_OPT_ASK_ALL;
	default: return 0;
	}
}

/* 0, or the usage error of an option the command does not take. */
static int check_accepted(const struct kw_options *o, const struct kw_command *cmd)
{
	for (size_t i = 0; i < sizeof option_names / sizeof *option_names; i++)
		if (o->given & ~cmd->accepts & option_names[i].bit)
			return kw_cli_usage("option '%s' does not apply to '%s'",
					    option_names[i].name, cmd->name);
	return 0;
}

static int parse_value_option(struct kw_options *o, int c, const char *arg)
{
	if (c == 'f' && strcmp(arg, "json") == 0)
		o->format = KW_FORMAT_JSON;
	else if (c == 'f' && strcmp(arg, "text") == 0)
		o->format = KW_FORMAT_TEXT;
	else if (c == 'f' && strcmp(arg, "html") == 0)
		o->format = KW_FORMAT_HTML;
	else if (c == 'f')
		return kw_cli_usage("unknown format '%s' (text, json or html)", arg);
	else if (strcmp(arg, "auto") == 0)
		o->color = KW_COLOR_AUTO;
	else if (strcmp(arg, "always") == 0)
		o->color = KW_COLOR_ALWAYS;
	else if (strcmp(arg, "never") == 0)
		o->color = KW_COLOR_NEVER;
	else
		return kw_cli_usage("unknown --color value '%s' (auto, always or never)", arg);
	return 0;
}

static int parse_option(struct kw_options *o, int c, size_t *rules_cap,
			size_t *sets_cap)
{
	switch (c) {
	case 'r': KW_PUSH(o->rules, o->nrules, *rules_cap, optarg); return 0;
	case 's': KW_PUSH(o->sets, o->nsets, *sets_cap, optarg); return 0;
	case 'a': o->answers = optarg; return 0;
	case 'e': o->explain = true; return 0;
	case OPT_NO_DEFAULT_RULES: o->no_default_rules = true; return 0;
	case OPT_WHY_NOT: o->why_not = optarg; return 0;
	case OPT_PARTIAL: o->partial = true; return 0;
	case OPT_ASK_ALL: o->ask_all = true; return 0;
	case 'f':
	case OPT_COLOR: return parse_value_option(o, c, optarg);
	case 'h': return -1;
	case 'V': return -2;
	case ':': return kw_cli_usage("option '%s' needs a value", optopt ?
			(char[]){ '-', (char)optopt, 0 } : "");
	default: return kw_cli_usage("unknown option '%s'", "");
	}
}

static int parse_options(int argc, char **argv, struct kw_options *o)
{
	size_t rules_cap = 0, sets_cap = 0;
	int c, status;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":r:a:s:f:ehV", long_options, NULL)) != -1) {
		if (c == '?') {
			const char *bad = optopt ? (char[]){ '-', (char)optopt, 0 }
						 : argv[optind - 1];
			return kw_cli_usage("unknown option '%s'", bad);
		}
		o->given |= option_bit(c);
		if ((status = parse_option(o, c, &rules_cap, &sets_cap)) != 0)
			return status;
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	return 0;
}

static const struct kw_command *find_command(struct kw_options *o)
{
	if (o->nargs == 0)
		return &commands[0];
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(o->args[0], commands[i].name) == 0) {
			o->args++;
			o->nargs--;
			return &commands[i];
		}
	return NULL;
}

int main(int argc, char **argv)
{
	struct kw_options o = { .color = KW_COLOR_AUTO };
	const struct kw_command *cmd;
	int status;

	setlocale(LC_CTYPE, "");
	signal(SIGPIPE, SIG_IGN);       /* a closed pipe is a write error: 74 */
	status = parse_options(argc, argv, &o);
	if (status == -1)
		status = help();
	else if (status == -2)
		status = printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION) < 0;
	else if (status == 0 && !(cmd = find_command(&o)))
		status = kw_cli_usage("unknown command '%s' (ask, check, list or batch)",
				     o.args[0]);
	else if (status == 0 && (status = check_accepted(&o, cmd)) == 0)
		status = cmd->run(&o);
	if (fflush(stdout) != 0 && status == 0) {
		kw_cli_error("cannot write output");
		status = KW_EXIT_IOERR;
	}
	free(o.rules);
	free(o.sets);
	return status;
}
