/*
 * options: the table of command-line options.  A row is one option: its
 * long and short names, its argument, the commands that take it, its line
 * of --help and the function that keeps its value.  getopt_long's arrays,
 * --help and the refusal of an option the command does not take are all
 * made from the table; tests/cli/completion.sh holds the bash completion
 * to it through --help.  Adding an option is adding a row, with the take
 * function that keeps its value in a field of struct kw_options for the
 * commands that take it to read.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "cli.h"

struct option_row {
	const char *name;               /* the long option, without "--" */
	char letter;                    /* the short option, or 0 */
	const char *arg;                /* its argument as --help writes it after
	                                 * the name (" PATH", "=WHEN"), or NULL
	                                 * when it takes none */
	unsigned on;                    /* KW_ON() of each command that takes it */
	const char *help;
	/* In place of help when the values depend on the command (--format:
	 * the formats it takes). */
	void (*values)(struct kw_strbuf *sb, enum kw_command_id cmd);
	/* Keep the option (arg is NULL when it takes none): 0, or the status
	 * to exit with. */
	int (*take)(struct kw_options *o, const char *arg);
};

static int take_rules(struct kw_options *o, const char *arg)
{
	o->rules[o->nrules++] = arg;
	return 0;
}

static int take_no_default_rules(struct kw_options *o, const char *arg)
{
	(void)arg;
	o->no_default_rules = true;
	return 0;
}

static int take_color(struct kw_options *o, const char *arg)
{
	static const char *const whens[] = {
		[KW_COLOR_AUTO] = "auto", [KW_COLOR_ALWAYS] = "always",
		[KW_COLOR_NEVER] = "never",
	};

	for (size_t i = 0; i < sizeof whens / sizeof *whens; i++)
		if (strcmp(arg, whens[i]) == 0) {
			o->color = (enum kw_color)i;
			return 0;
		}
	return kw_cli_usage("unknown --color value '%s' (auto, always or never)", arg);
}

static int take_help(struct kw_options *o, const char *arg)
{
	(void)o;
	(void)arg;
	return KW_PARSED_HELP;
}

static int take_version(struct kw_options *o, const char *arg)
{
	(void)o;
	(void)arg;
	return KW_PARSED_VERSION;
}

static int take_answers(struct kw_options *o, const char *arg)
{
	o->answers = arg;
	return 0;
}

static int take_set(struct kw_options *o, const char *arg)
{
	o->sets[o->nsets++] = arg;
	return 0;
}

static int take_format(struct kw_options *o, const char *arg)
{
	struct kw_strbuf names = {0};
	int status;

	if ((o->format = kw_format_find(arg)) != NULL)
		return 0;
	kw_format_names(&names, KW_NCOMMANDS);
	status = kw_cli_usage("unknown format '%s' (%s)", arg, names.data);
	kw_sb_free(&names);
	return status;
}

static int take_explain(struct kw_options *o, const char *arg)
{
	(void)arg;
	o->explain = true;
	return 0;
}

static int take_why_not(struct kw_options *o, const char *arg)
{
	o->why_not = arg;
	return 0;
}

static int take_partial(struct kw_options *o, const char *arg)
{
	(void)arg;
	o->partial = true;
	return 0;
}

static int take_no_cache(struct kw_options *o, const char *arg)
{
	(void)arg;
	o->no_cache = true;
	return 0;
}

static int take_ask_all(struct kw_options *o, const char *arg)
{
	(void)arg;
	o->ask_all = true;
	return 0;
}

static int take_journal(struct kw_options *o, const char *arg)
{
	o->journal = arg;
	return 0;
}

static int take_no_journal(struct kw_options *o, const char *arg)
{
	(void)arg;
	o->no_journal = true;
	return 0;
}

static int take_forget(struct kw_options *o, const char *arg)
{
	(void)arg;
	o->forget = true;
	return 0;
}

static int take_yes(struct kw_options *o, const char *arg)
{
	(void)arg;
	o->yes = true;
	return 0;
}

/* In --help order: the global options, then each command's. */
static const struct option_row rows[] = {
	{ .name = "rules", .letter = 'r', .arg = " PATH", .on = KW_ON_ALL,
	  .help = "add a rule file or directory (repeatable)", .take = take_rules },
	{ .name = "no-default-rules", .on = KW_ON_ALL,
	  .help = "skip the built-in and per-user rule directories",
	  .take = take_no_default_rules },
	{ .name = "color", .arg = "=WHEN", .on = KW_ON_ALL,
	  .help = "auto (default), always or never; NO_COLOR disables auto",
	  .take = take_color },
	{ .name = "help", .letter = 'h', .on = KW_ON_ALL,
	  .help = "show this help and exit", .take = take_help },
	{ .name = "version", .letter = 'V', .on = KW_ON_ALL,
	  .help = "show the version and exit", .take = take_version },
	{ .name = "answers", .letter = 'a', .arg = " FILE", .on = KW_ON(KW_CMD_ASK),
	  .help = "read answers from FILE ('-' = stdin)", .take = take_answers },
	{ .name = "set", .letter = 's', .arg = " ID=VALUE", .on = KW_ON(KW_CMD_ASK),
	  .help = "one answer (repeatable; overrides --answers)", .take = take_set },
	{ .name = "format", .letter = 'f', .arg = " FORMAT",
	  .on = KW_ON(KW_CMD_ASK) | KW_ON(KW_CMD_LIST) | KW_ON(KW_CMD_HISTORY),
	  .values = kw_format_names, .take = take_format },
	{ .name = "explain", .letter = 'e', .on = KW_ON(KW_CMD_ASK),
	  .help = "show the reasoning behind every item", .take = take_explain },
	{ .name = "why-not", .arg = " ID", .on = KW_ON(KW_CMD_ASK),
	  .help = "why a knot, routine, triage level or rule was not reached",
	  .take = take_why_not },
	{ .name = "no-cache",
	  .on = KW_ON(KW_CMD_ASK) | KW_ON(KW_CMD_LIST) | KW_ON(KW_CMD_BATCH) | KW_ON(KW_CMD_HISTORY),
	  .help = "neither read nor write the compiled rule-set cache",
	  .take = take_no_cache },
	{ .name = "partial", .on = KW_ON(KW_CMD_ASK) | KW_ON(KW_CMD_BATCH),
	  .help = "allow required questions to stay unanswered", .take = take_partial },
	{ .name = "ask-all", .on = KW_ON(KW_CMD_ASK),
	  .help = "in the questionnaire, also ask what cannot matter",
	  .take = take_ask_all },
	{ .name = "journal", .arg = " FILE", .on = KW_ON(KW_CMD_ASK) | KW_ON(KW_CMD_HISTORY),
	  .help = "use this journal of consults instead of the default",
	  .take = take_journal },
	{ .name = "no-journal", .on = KW_ON(KW_CMD_ASK),
	  .help = "neither read nor write a journal", .take = take_no_journal },
	{ .name = "forget", .on = KW_ON(KW_CMD_HISTORY),
	  .help = "delete the journal (after asking)", .take = take_forget },
	{ .name = "yes", .on = KW_ON(KW_CMD_HISTORY),
	  .help = "with --forget: delete without asking", .take = take_yes },
};

#define NROWS (sizeof rows / sizeof *rows)
_Static_assert(NROWS <= 64, "kw_options.given has a bit per row");

/* What getopt_long returns for row i: its letter, or 256 + i. */
static int code_of(size_t i)
{
	return rows[i].letter ? rows[i].letter : 256 + (int)i;
}

/* The row of a code getopt_long returned (it returns no other codes). */
static size_t row_of(int code)
{
	size_t i = 0;

	while (code_of(i) != code)
		i++;
	return i;
}

/* getopt_long's arrays, made from the table. */
static void getopt_arrays(struct option *longs, char *shorts)
{
	*shorts++ = ':';                /* a missing value is ':', not '?' */
	for (size_t i = 0; i < NROWS; i++) {
		longs[i] = (struct option){
			.name = rows[i].name, .val = code_of(i),
			.has_arg = rows[i].arg ? required_argument : no_argument,
		};
		if (rows[i].letter)
			*shorts++ = rows[i].letter;
		if (rows[i].letter && rows[i].arg)
			*shorts++ = ':';
	}
	longs[NROWS] = (struct option){0};
	*shorts = '\0';
}

/* Is arg (as "--name" or "--name=value", name perhaps abbreviated) the
 * long option whose code is code? */
static bool is_long_option(const struct option *longs, const char *arg, int code)
{
	size_t n;

	if (strncmp(arg, "--", 2) != 0 || (n = strcspn(arg + 2, "=")) == 0)
		return false;
	for (const struct option *o = longs; o->name; o++)
		if (strncmp(o->name, arg + 2, n) == 0)
			return o->val == code;
	return false;
}

/* getopt's error c ('?' or ':'), said with the option as it was written:
 * `--version=3` is "option '--version' takes no value", not "-V". */
static int option_error(const struct option *longs, char **argv, int c)
{
	const char *arg = argv[optind - 1];
	int n = (int)strcspn(arg, "=");

	if (optopt && is_long_option(longs, arg, optopt))
		return kw_cli_usage(c == ':' ? "option '%.*s' needs a value"
				    : "option '%.*s' takes no value", n, arg);
	if (optopt)
		return kw_cli_usage(c == ':' ? "option '-%c' needs a value"
				    : "unknown option '-%c'", optopt);
	return kw_cli_usage("unknown option '%.*s'", n, arg);
}

int kw_options_parse(int argc, char **argv, struct kw_options *o)
{
	struct option longs[NROWS + 1];
	char shorts[1 + 2 * NROWS + 1];
	int c, status;
	size_t i;

	getopt_arrays(longs, shorts);
	/* an argument is at most one rule path or one answer */
	o->rules = kw_xcalloc((size_t)argc, sizeof *o->rules);
	o->sets = kw_xcalloc((size_t)argc, sizeof *o->sets);
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == '?' || c == ':')
			return option_error(longs, argv, c);
		i = row_of(c);
		o->given |= (uint64_t)1 << i;
		if ((status = rows[i].take(o, optarg)) != 0)
			return status;
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	return 0;
}

int kw_options_check(const struct kw_options *o, enum kw_command_id cmd)
{
	const char *name = kw_commands[cmd].name;

	for (size_t i = 0; i < NROWS; i++)
		if ((o->given >> i & 1) && !(rows[i].on & KW_ON(cmd)))
			return kw_cli_usage("option '--%s' does not apply to '%s'",
					    rows[i].name, name);
	if (o->format && !kw_format_takes(o->format, cmd))
		return kw_cli_usage("format '%s' does not apply to '%s'",
				    o->format->name, name);
	return 0;
}

/* One option's line of --help, in the section of cmd (KW_NCOMMANDS for
 * the global options). */
static void help_option(const struct option_row *r, enum kw_command_id cmd)
{
	struct kw_strbuf spec = {0}, text = {0};

	kw_sb_printf(&spec, "--%s%s", r->name, r->arg ? r->arg : "");
	if (r->values)
		r->values(&text, cmd);
	else
		kw_sb_add(&text, r->help);
	if (r->letter)
		printf("  -%c, %-18s %s\n", r->letter, spec.data, text.data);
	else
		printf("      %-18s %s\n", spec.data, text.data);
	kw_sb_free(&spec);
	kw_sb_free(&text);
}

/* The global options (those every command takes), then each command's
 * own under its name; a command with none has no section. */
static void help_options(void)
{
	printf("\nGlobal options:\n");
	for (size_t i = 0; i < NROWS; i++)
		if (rows[i].on == KW_ON_ALL)
			help_option(&rows[i], KW_NCOMMANDS);
	for (enum kw_command_id cmd = 0; cmd < KW_NCOMMANDS; cmd++) {
		bool titled = false;

		for (size_t i = 0; i < NROWS; i++) {
			if (rows[i].on == KW_ON_ALL || !(rows[i].on & KW_ON(cmd)))
				continue;
			if (!titled)
				printf("\n%s options:\n", kw_commands[cmd].name);
			titled = true;
			help_option(&rows[i], cmd);
		}
	}
}

int kw_options_help(void)
{
	printf("Usage: knotwise [OPTION]... [COMMAND] [ARG]...\n"
	       "Find the muscle knots likely behind back pain and a self-massage routine.\n"
	       "\nCommands:\n");
	for (enum kw_command_id cmd = 0; cmd < KW_NCOMMANDS; cmd++) {
		char usage[32];

		snprintf(usage, sizeof usage, "%s%s", kw_commands[cmd].name,
			 kw_commands[cmd].args);
		printf("  %-20s %s\n", usage, kw_commands[cmd].summary);
	}
	help_options();
	printf("\nExit status: 0 result produced, 1 check found errors, 64 usage,\n"
	       "65 bad answers, 66 input missing or refused, 74 read or write error,\n"
	       "78 invalid rules.\n"
	       "See knotwise(1) and knotwise-rules(5).\n"
	       "Report bugs to: <%s>\n", PACKAGE_BUGREPORT);
	return KW_EXIT_OK;
}
