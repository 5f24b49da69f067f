/*
 * cli_io: what every command shares — finding and loading the rule set,
 * reading input files, writing the output whole, and deciding on colour.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "cli.h"
#include "knotwise/load.h"
#include "util/scalar.h"
#include "util/strbuf.h"

/* Run from its build tree, knotwise uses the source tree's rules; once
 * installed, $(pkgdatadir)/rules.  The build directory is compared with
 * where the running binary really is. */
static const char *builtin_rules_dir(void)
{
	char self[PATH_MAX], build[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *slash;

	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL)
			*slash = '\0';
		if (realpath(KW_BUILD_SRCDIR, build) && strcmp(self, build) == 0)
			return KW_SOURCE_RULESDIR;
	}
	return KW_RULESDIR;
}

/* $XDG_CONFIG_HOME/knotwise/rules.d, when it exists (relative XDG paths
 * are ignored, as the XDG spec says). */
static char *user_rules_dir(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct kw_strbuf path = {0};
	struct stat st;

	if (xdg && xdg[0] == '/')
		kw_sb_printf(&path, "%s/knotwise/rules.d", xdg);
	else if (home && home[0])
		kw_sb_printf(&path, "%s/.config/knotwise/rules.d", home);
	if (path.len && stat(path.data, &st) == 0 && S_ISDIR(st.st_mode))
		return path.data;
	kw_sb_free(&path);
	return NULL;
}

void kw_cli_sources(const struct kw_options *opts, const char *const *extra,
		    size_t nextra, struct kw_sources *out)
{
	out->at = kw_xcalloc(opts->nrules + nextra + 2, sizeof *out->at);
	out->n = 0;
	out->user = NULL;
	if (!opts->no_default_rules) {
		out->at[out->n++].path = builtin_rules_dir();
		if ((out->user = user_rules_dir()) != NULL)
			out->at[out->n++] = (struct kw_source){ .path = out->user,
								 .owner_only = true };
	}
	for (size_t i = 0; i < opts->nrules; i++)
		out->at[out->n++].path = opts->rules[i];
	for (size_t i = 0; i < nextra; i++)
		out->at[out->n++].path = extra[i];
}

void kw_cli_sources_free(struct kw_sources *s)
{
	free(s->at);
	free(s->user);
}

int kw_cli_load(const struct kw_options *opts, struct kw_kb **kb)
{
	struct kw_sources sources;
	struct kw_diags diags = {0};
	enum kw_load_status status;

	kw_cli_sources(opts, NULL, 0, &sources);
	status = kw_load_sources(sources.at, sources.n,
				 &(struct kw_load_options){ .use_cache = !opts->no_cache },
				 kb, &diags);
	if (status != KW_LOAD_OK) {
		kw_diags_sort(&diags);
		for (size_t i = 0; i < diags.len; i++)
			if (diags.items[i].severity == KW_ERROR) {
				struct kw_diags one = { .items = &diags.items[i], .len = 1 };
				kw_diags_print(&one, stderr);
			}
		kw_kb_free(*kb);
		*kb = NULL;
	}
	kw_diags_free(&diags);
	kw_cli_sources_free(&sources);
	return kw_cli_load_exit(status);
}

int kw_cli_load_consult(const struct kw_options *opts, struct kw_kb **kb)
{
	int status = kw_cli_load(opts, kb);

	if (status == KW_EXIT_OK && kw_kb_nquestions(*kb) == 0) {
		kw_cli_error("the rule set has no questions, so there is nothing to "
			     "ask ('knotwise check' shows what was loaded)");
		kw_kb_free(*kb);
		*kb = NULL;
		status = KW_EXIT_CONFIG;
	}
	return status;
}

int kw_cli_load_exit(enum kw_load_status status)
{
	switch (status) {
	case KW_LOAD_OK: return KW_EXIT_OK;
	case KW_LOAD_NO_INPUT: return KW_EXIT_NOINPUT;
	case KW_LOAD_READ_ERROR: return KW_EXIT_IOERR;
	default: return KW_EXIT_CONFIG;
	}
}

/*
 * Output and the signals that stop knotwise (SIGINT, SIGTERM, SIGHUP).
 * Such a signal ends knotwise as its default action would, except while a
 * piece of output (a batch line, a whole result) is part way out: then the
 * piece is finished first, so a reader that keeps reading never gets half
 * a line.  A reader that takes nothing more gets DRAIN_SECONDS, and then
 * knotwise ends anyway, the piece cut: only a piece already started can
 * be cut, and only by a reader that never drains the pipe.  No signal is
 * ever blocked, so a stuck write cannot keep one out; the handlers are
 * installed without SA_RESTART, so a signal interrupts a stuck write.
 */
#define DRAIN_SECONDS 2

static volatile sig_atomic_t writing, stop_signal;

/* End by sig, as its default action does (the exit status says so). */
static void end_by(int sig)
{
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_stop(int sig)
{
	if (!writing || stop_signal)    /* between pieces, or asked twice */
		end_by(sig);
	stop_signal = sig;
	alarm(DRAIN_SECONDS);
}

static void on_drain_timeout(int sig)
{
	(void)sig;
	end_by(stop_signal);
}

/* Once, before the first output; signals that were ignored when knotwise
 * started (nohup, background jobs) stay ignored. */
static void catch_stop_signals(void)
{
	static const int stops[] = { SIGINT, SIGTERM, SIGHUP };
	static bool caught;
	struct sigaction sa = { .sa_handler = on_stop }, old;

	if (caught)
		return;
	caught = true;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
		if (sigaction(stops[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(stops[i], &sa, NULL);
	sa.sa_handler = on_drain_timeout;
	sigaction(SIGALRM, &sa, NULL);
}

bool kw_cli_write(const char *buf, size_t len)
{
	size_t done = 0;

	catch_stop_signals();
	writing = 1;
	while (done < len) {
		ssize_t n = write(STDOUT_FILENO, buf + done, len - done);

		if (n > 0) {
			done += (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			if (stop_signal && done == 0)
				end_by(stop_signal);    /* nothing of it went out */
		} else {
			kw_cli_error("cannot write output: %s",
				     n < 0 ? strerror(errno) : "nothing was written");
			break;
		}
	}
	writing = 0;
	if (stop_signal)
		end_by(stop_signal);
	return done == len;
}

/* An answers file may be a pipe (`--answers <(cmd)`), but not a
 * directory; 0, or the exit status after saying why not. */
static int open_input(const char *path, const char *name, int *fd)
{
	struct stat st;

	*fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
	if (*fd < 0) {
		kw_cli_error("cannot open %s: %s", name, strerror(errno));
		return KW_EXIT_NOINPUT;
	}
	if (fstat(*fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		kw_cli_error("cannot read %s: it is a directory", name);
		return KW_EXIT_NOINPUT;
	}
	return KW_EXIT_OK;
}

/* Read all of fd, or stop once past max: memory stays bounded. */
static bool read_all(int fd, size_t max, struct kw_strbuf *sb)
{
	char chunk[65536];
	ssize_t n;

	while (sb->len <= max && ((n = read(fd, chunk, sizeof chunk)) != 0))
		if (n > 0)
			kw_sb_addn(sb, chunk, (size_t)n);
		else if (errno != EINTR)
			return false;
	return true;
}

int kw_cli_slurp(const char *path, size_t max, char **out, size_t *len)
{
	struct kw_strbuf name = {0}, sb = {0};
	int fd, status;

	if (strcmp(path, "-") == 0)
		kw_sb_add(&name, "standard input");
	else
		kw_sb_printf(&name, "'%s'", path);
	if ((status = open_input(path, name.data, &fd)) == KW_EXIT_OK) {
		if (!read_all(fd, max, &sb)) {
			kw_cli_error("cannot read %s: %s", name.data, strerror(errno));
			status = KW_EXIT_IOERR;
		} else if (sb.len > max) {
			kw_cli_error("%s is too large (more than %zu bytes)", name.data, max);
			status = KW_EXIT_DATAERR;
		}
	}
	if (fd > STDIN_FILENO)
		close(fd);
	kw_sb_free(&name);
	if (status != KW_EXIT_OK) {
		kw_sb_free(&sb);
		return status;
	}
	kw_sb_addn(&sb, "", 0);         /* never NULL, always terminated */
	*out = sb.data;
	*len = sb.len;
	return KW_EXIT_OK;
}

bool kw_cli_use_color(enum kw_color color, int fd)
{
	const char *no_color = getenv("NO_COLOR");

	if (color != KW_COLOR_AUTO)
		return color == KW_COLOR_ALWAYS;
	return isatty(fd) && !(no_color && no_color[0]);
}

unsigned kw_terminal_rows(int fd)
{
	struct winsize ws;

	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row >= 5)
		return ws.ws_row;
	return 0;
}

unsigned kw_terminal_width(int fd)
{
	struct winsize ws;

	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

unsigned kw_columns(int fd)
{
	const char *columns = getenv("COLUMNS");
	long n;

	if (columns && kw_parse_int(columns, 1, 100000, &n))
		return (unsigned)n;
	return kw_terminal_width(fd);
}
