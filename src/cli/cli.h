/*
 * cli: the command line (SPEC §1).  cli.c parses options and dispatches
 * through the command table; each command lives in its own cmd_*.c.
 */
#ifndef KW_CLI_H
#define KW_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "knotwise/kb.h"

/* Exit statuses (sysexits.h), in one place. */
enum kw_exit {
	KW_EXIT_OK = 0,
	KW_EXIT_CHECK_FAILED = 1,
	KW_EXIT_USAGE = 64,
	KW_EXIT_DATAERR = 65,
	KW_EXIT_NOINPUT = 66,
	KW_EXIT_SOFTWARE = 70,
	KW_EXIT_IOERR = 74,
	KW_EXIT_CONFIG = 78,
	KW_EXIT_INTERRUPTED = 130
};

enum kw_color { KW_COLOR_AUTO, KW_COLOR_ALWAYS, KW_COLOR_NEVER };
enum kw_format { KW_FORMAT_TEXT, KW_FORMAT_JSON, KW_FORMAT_HTML };

/* The command options (not the global ones), as bits: each command says
 * which it accepts, so `check --set x=1` is an error, not silently ignored. */
enum kw_option_bit {
	KW_OPT_ANSWERS = 1, KW_OPT_SET = 2, KW_OPT_FORMAT = 4, KW_OPT_EXPLAIN = 8,
	KW_OPT_WHY_NOT = 16, KW_OPT_PARTIAL = 32, KW_OPT_ASK_ALL = 64
};

struct kw_options {
	unsigned given;                 /* kw_option_bit of the options seen */
	const char **rules;
	size_t nrules;
	bool no_default_rules;
	enum kw_color color;
	const char *answers;
	const char **sets;
	size_t nsets;
	enum kw_format format;
	bool explain, partial, ask_all;
	const char *why_not;
	char **args;                    /* the command's own arguments */
	int nargs;
};

struct kw_command {
	const char *name, *args, *summary;
	unsigned accepts;               /* kw_option_bit */
	int (*run)(const struct kw_options *opts);
};

int kw_cmd_ask(const struct kw_options *opts);
int kw_cmd_check(const struct kw_options *opts);
int kw_cmd_list(const struct kw_options *opts);
int kw_cmd_batch(const struct kw_options *opts);

/* The rule sources in load order: built-in, user, --rules, then extra. */
struct kw_sources {
	const char **paths;
	size_t n;
	char *user;                     /* owned copy of the user directory */
};
void kw_cli_sources(const struct kw_options *opts, const char *const *extra,
		    size_t nextra, struct kw_sources *out);
void kw_cli_sources_free(struct kw_sources *s);
/* Load the rule set the options name; on failure prints the errors and
 * returns the exit status (66 or 78). */
int kw_cli_load(const struct kw_options *opts, struct kw_kb **kb);
/* Write all of buf to stdout in one go; false (after a message) if not. */
bool kw_cli_write(const char *buf, size_t len);
/* Read a whole file ('-' is stdin) into *out; an exit status, 0 when read. */
int kw_cli_slurp(const char *path, size_t max, char **out, size_t *len);
bool kw_cli_use_color(enum kw_color color, int fd);
void kw_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: message, hint, and the status to exit with (64). */
int kw_cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Columns of the terminal on fd, or 80 when it is not one. */
unsigned kw_terminal_width(int fd);

#endif
