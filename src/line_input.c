#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "line_input.h"

#ifdef HAVE_READLINE
#include <readline/history.h>
#include <readline/readline.h>
#endif

static const char *const *offered;

void kw_input_offer(const char *const *words)
{
	offered = words;
}

#ifdef HAVE_READLINE
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

char *kw_input_read(const char *prompt)
{
	static int ready;
	char *line;

	if (!ready) {
		rl_instream = stdin;
		rl_outstream = stderr;
		rl_readline_name = "knotwise";
		rl_completion_entry_function = next_match;
		ready = 1;
	}
	line = readline(prompt);
	if (line && *line)
		add_history(line);
	return line;
}
#else
char *kw_input_read(const char *prompt)
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
#endif
