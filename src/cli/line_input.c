#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "line_input.h"

#ifdef HAVE_READLINE
#include <dlfcn.h>
#include <readline/history.h>
#include <readline/readline.h>
#endif

static const char *const *offered;

void kw_input_offer(const char *const *words)
{
	offered = words;
}

static char *read_plain(const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	fputs(prompt, stderr);
	fflush(stderr);
	if ((n = getline(&line, &cap, stdin)) < 0) {
		free(line);
		return NULL;
	}
	if (n && line[n - 1] == '\n')
		line[n - 1] = '\0';
	return line;
}

#ifdef HAVE_READLINE
/* readline, looked up when the questionnaire first asks: only a person at
 * a terminal needs it, and a script's consult should not load it. */
static struct {
	char *(*readline)(const char *);
	void (*add_history)(const char *);
	bool tried;
} rl;

static char *next_match(const char *text, int state)
{
	static size_t i, len;

	if (!state) {
		i = 0;
		len = strlen(text);
	}
	while (offered && offered[i])
		if (strncmp(offered[i++], text, len) == 0)
			return strdup(offered[i - 1]);
	return NULL;
}

static void load_readline(void)
{
	void *lib = dlopen("libreadline.so.8", RTLD_NOW);
	FILE **in, **out;
	const char **name;
	rl_compentry_func_t **complete;

	rl.tried = true;
	if (!lib && !(lib = dlopen("libreadline.so", RTLD_NOW)))
		return;
	*(void **)&rl.readline = dlsym(lib, "readline");
	*(void **)&rl.add_history = dlsym(lib, "add_history");
	in = dlsym(lib, "rl_instream");
	out = dlsym(lib, "rl_outstream");
	name = dlsym(lib, "rl_readline_name");
	complete = dlsym(lib, "rl_completion_entry_function");
	if (!rl.readline || !rl.add_history || !in || !out || !name || !complete) {
		rl.readline = NULL;     /* not the readline we know: plain input */
		return;
	}
	*in = stdin;
	*out = stderr;
	*name = "knotwise";
	*complete = next_match;
}

char *kw_input_read(const char *prompt)
{
	char *line;

	if (!rl.tried)
		load_readline();
	if (!rl.readline)
		return read_plain(prompt);
	line = rl.readline(prompt);
	if (line && *line)
		rl.add_history(line);
	return line;
}
#else
char *kw_input_read(const char *prompt)
{
	return read_plain(prompt);
}
#endif
