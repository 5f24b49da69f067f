/*
 * diag: the problems found in rule files and answers, kept so that every
 * one of them can be reported in a single pass (check reports all, sorted
 * by file and line), in the GNU form editors jump to:
 *     knotwise: FILE:LINE: error: MESSAGE
 */
#ifndef KNOTWISE_DIAG_H
#define KNOTWISE_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum kw_severity { KW_NOTE, KW_WARNING, KW_ERROR };

struct kw_spans;

/* Where something was written: file (NULL when not from a file), line
 * (0 when the whole file is meant) and the file's rank in load order; for
 * a value that continues on further lines, its spans (the library's own,
 * util/diag.h; NULL in a diagnostic). */
struct kw_loc {
	const char *file;
	unsigned line;
	size_t file_rank;
	const struct kw_spans *spans;
};

struct kw_diag {
	struct kw_loc loc;
	enum kw_severity severity;
	char *message;
	size_t seq;             /* insertion order, for a stable sort */
};

struct kw_diags {
	struct kw_diag *items;
	size_t len, cap;
	size_t errors, warnings;
};

void kw_diag(struct kw_diags *diags, enum kw_severity severity,
	     struct kw_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Sort by file rank, then line; insertion order breaks ties. */
void kw_diags_sort(struct kw_diags *diags);
void kw_diags_print(const struct kw_diags *diags, FILE *fp);
void kw_diags_free(struct kw_diags *diags);

#endif
