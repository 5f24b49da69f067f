/*
 * ini_read: rule files to raw sections, exactly as written.
 *
 * libinih splits `key = value` lines; everything it would get wrong or
 * drop silently is decided here first, in the line reader it calls: each
 * physical line is counted (so line numbers are the file's own), lines
 * over 190 bytes and NUL bytes are errors instead of phantom lines (and a
 * line of any length costs no more memory than a short one),
 * section headers are parsed here (inih does not report them), and
 * indented continuation lines are joined to the value above with one
 * space.  No line is ever cut, split or skipped without a diagnostic.
 */
#ifndef KW_INI_READ_H
#define KW_INI_READ_H

#include <stdbool.h>

#include "knotwise/diag.h"
#include "knotwise/load.h"

#define KW_MAX_LINE 190
/* Errors kept per file; past it they are counted, in one last error. */
#define KW_MAX_FILE_ERRORS 100

struct kw_arena;

struct kw_raw_entry {
	const char *key, *value;
	unsigned line;
	const struct kw_spans *spans;   /* its lines, when it continues */
};

struct kw_raw_section {
	const char *kind, *id;          /* id NULL for [settings] */
	struct kw_loc loc;
	struct kw_raw_entry *entries;   /* in the set's arena */
	size_t nentries;
	bool damaged;           /* a line in it was rejected: keys may be missing */
};

struct kw_limits;

struct kw_raw_set {
	struct kw_arena *arena;         /* its strings */
	const struct kw_limits *limits;
	struct kw_raw_section *sections;
	size_t len, cap;
};

/* Append the sections of the open file fd, with a diagnostic for each
 * problem; 0 once it was read to the end, else the errno of the read
 * error that stopped it (a diagnostic says so too). */
int kw_ini_read(struct kw_raw_set *set, int fd, struct kw_loc file,
		struct kw_diags *diags);
void kw_raw_set_free(struct kw_raw_set *set);

#endif
