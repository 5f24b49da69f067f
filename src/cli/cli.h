/*
 * cli: the command line (SPEC §1).  Three tables describe it: the commands
 * (main.c), the options (options.c: getopt's arrays, --help and the check
 * that a command takes the options given all come from it) and the output
 * formats (formats.c).  Each command lives in its own cmd_*.c.
 */
#ifndef KW_CLI_H
#define KW_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "knotwise/kb.h"
#include "knotwise/render.h"
#include "knotwise/load.h"
#include "util/exit_status.h"
#include "util/strbuf.h"

enum kw_color { KW_COLOR_AUTO, KW_COLOR_ALWAYS, KW_COLOR_NEVER };

/* The commands: indices into kw_commands, and bits of the sets of
 * commands that an option applies to. */
enum kw_command_id { KW_CMD_ASK, KW_CMD_CHECK, KW_CMD_LIST, KW_CMD_BATCH, KW_CMD_HISTORY,
		     KW_NCOMMANDS };
#define KW_ON(cmd) (1u << (cmd))
#define KW_ON_ALL ((1u << KW_NCOMMANDS) - 1)    /* a global option */

struct kw_format;
struct kw_journal;
struct kw_result;

struct kw_options {
	uint64_t given;                 /* bit i: row i of the option table seen */
	const char **rules;
	size_t nrules;
	bool no_default_rules;
	bool no_cache;                  /* load from the rule files only */
	enum kw_color color;
	const char *answers;
	const char **sets;
	size_t nsets;
	const struct kw_format *format; /* NULL: the default (kw_format_of) */
	bool explain, partial, ask_all;
	const char *why_not;
	const char *journal;            /* --journal FILE */
	bool no_journal, forget, yes;
	time_t now;                     /* the run's one reading of the clock */
	char **args;                    /* the command's own arguments */
	int nargs;
};

struct kw_command {
	const char *name, *args, *summary;
	int (*run)(const struct kw_options *opts);
};

/* Indexed by enum kw_command_id; ask, the first, is the default. */
extern const struct kw_command kw_commands[KW_NCOMMANDS];

int kw_cmd_ask(const struct kw_options *opts);
int kw_cmd_check(const struct kw_options *opts);
int kw_cmd_list(const struct kw_options *opts);
int kw_cmd_batch(const struct kw_options *opts);
int kw_cmd_history(const struct kw_options *opts);

/* What kw_options_parse returns, besides 0 and a usage error's status,
 * when --help or --version ends the parsing. */
enum { KW_PARSED_HELP = -1, KW_PARSED_VERSION = -2 };
/* Parse argv into *opts (options may come before or after the command);
 * opts->rules and opts->sets are allocated, for the caller to free. */
int kw_options_parse(int argc, char **argv, struct kw_options *opts);
/* 0, or the usage error of an option (or a format) that cmd does not take. */
int kw_options_check(const struct kw_options *opts, enum kw_command_id cmd);
/* --help on stdout: the commands, the global options, then each
 * command's own; returns 0. */
int kw_options_help(void);

/* list WHAT: what it lists, in the order of its words. */
char *kw_list_text(const struct kw_kb *kb, enum kw_list_what what);
char *kw_list_json(const struct kw_kb *kb, enum kw_list_what what);

/* An output format (--format NAME): for each command that takes it, the
 * function that renders that command's output whole (the caller frees
 * it).  A command whose renderer is NULL does not take the format. */
struct kw_format {
	const char *name;
	char *(*consult)(const struct kw_options *opts, const struct kw_kb *kb,
			 const struct kw_result *res);          /* ask */
	char *(*list)(const struct kw_kb *kb, enum kw_list_what what);
	char *(*history)(const struct kw_kb *kb, const struct kw_journal *journal);
	bool has_warnings;              /* the output holds the result's
	                                 * warnings: none go to stderr */
	bool explains;                  /* it can show --explain and --why-not */
};
const struct kw_format *kw_format_find(const char *name);
/* The format --format chose, or the default: text. */
const struct kw_format *kw_format_of(const struct kw_options *opts);
bool kw_format_takes(const struct kw_format *format, enum kw_command_id cmd);
/* The names of the formats cmd takes, as "text (default) or json"; with
 * KW_NCOMMANDS, of all formats, as "text or json". */
void kw_format_names(struct kw_strbuf *sb, enum kw_command_id cmd);

/* The rule sources in load order: built-in, user (owner_only), --rules,
 * then extra. */
struct kw_sources {
	struct kw_source *at;
	size_t n;
	char *user;                     /* owned copy of the user directory */
};
void kw_cli_sources(const struct kw_options *opts, const char *const *extra,
		    size_t nextra, struct kw_sources *out);
void kw_cli_sources_free(struct kw_sources *s);
/* Load the rule set the options name, through the cache unless
 * --no-cache; on failure prints the errors and returns the exit status
 * (66, 74 or 78). */
int kw_cli_load(const struct kw_options *opts, struct kw_kb **kb);
/* The same for a consult (ask, batch): a rule set with no questions (no
 * rule files, a misnamed directory) is 78 too. */
int kw_cli_load_consult(const struct kw_options *opts, struct kw_kb **kb);
/* The exit status for how a load went: 0, 66, 74 or 78. */
int kw_cli_load_exit(enum kw_load_status status);
/* Write all of buf to stdout, in one write() unless the reader is slow;
 * false (after a message) if it fails.  A stop signal that arrives in the
 * middle ends knotwise once buf is out (or after a grace period for a
 * reader that takes nothing); one that arrives before or after, at once. */
bool kw_cli_write(const char *buf, size_t len);
/* Read a whole file ('-' is stdin) into *out; an exit status, 0 when read. */
int kw_cli_slurp(const char *path, size_t max, char **out, size_t *len);
bool kw_cli_use_color(enum kw_color color, int fd);
void kw_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: message, hint, and the status to exit with (64). */
int kw_cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Append word to sb as alternative i of n: "a, b or c". */
void kw_cli_alternative(struct kw_strbuf *sb, size_t i, size_t n, const char *word);
/* Columns of the terminal on fd, or 80 when it is not one. */
unsigned kw_terminal_width(int fd);
/* The terminal's height in lines, or 0 when fd is not a terminal. */
unsigned kw_terminal_rows(int fd);
/* $COLUMNS when it is a number, else the same. */
unsigned kw_columns(int fd);

/* cli_journal: the journal as the commands that use it (ask, history)
 * find and read it. */
/* --journal FILE, or (when use_default) the default journal; NULL for
 * none, as when neither XDG_STATE_HOME nor HOME is set.  malloc'd. */
char *kw_cli_journal_path(const struct kw_options *opts, bool use_default);
/* Read the journal at path, printing what was wrong with it; an exit
 * status (0, 66 or 74), and *j when 0. */
int kw_cli_read_journal(const char *path, struct kw_journal **j);
/* The exit status for how reading or writing the journal went. */
int kw_cli_journal_exit(int journal_status);

#endif
