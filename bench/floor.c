/* The floor for a single knotwise consult: start, and read the same INI
 * files with libinih, doing nothing with them but count the keys.
 *
 *   cc -O2 bench/floor.c -linih -o floor
 *   floor [RULES_DIR]        (default: rules)
 *
 * ini_parse() is called for every *.ini file of RULES_DIR, in byte order of
 * the names (as knotwise loads them); the handler counts its calls (one per
 * key line, and one per continuation line, since libinih hands those over
 * as further values of the same key).  Prints the count; exit 1 when a file
 * cannot be read or has a syntax error.  bench/clips.py compiles it and
 * checks the count against the files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

static int handler(void *user, const char *section, const char *name, const char *value)
{
	(void)section;
	(void)name;
	(void)value;
	++*(long *)user;
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "rules";
	char *names[256], path[4096];
	size_t n = 0;
	long keys = 0;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL && n < sizeof names / sizeof *names) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".ini") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		int r = ini_parse(path, handler, &keys);
		if (r != 0) {
			fprintf(stderr, "%s: %s %d\n", path, r < 0 ? "cannot read" : "error on line", r);
			return 1;
		}
		free(names[i]);
	}
	printf("%ld\n", keys);
	return 0;
}
