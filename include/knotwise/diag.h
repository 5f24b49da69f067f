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

/* A value joined from continuation lines, piece by piece: where each
 * piece starts in the value (byte offset), and on which line of the file. */
struct kw_span {
	size_t offset;
	unsigned line;
};

struct kw_spans {
	size_t n;
	struct kw_span at[];    /* at[0] is the key line's piece, at offset 0 */
};

/* Where something was written: file (NULL when not from a file), line
 * (0 when the whole file is meant) and the file's rank in load order; for
 * a value that continues on further lines, its spans (else NULL). */
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
/* A diagnostic about the 1-based column col of the value read at loc,
 * ending "(column N)".  Columns count from where the value's text starts
 * on its line; when col falls on a continuation line, the diagnostic is
 * at that line, and the column counts from where its text starts. */
void kw_diag_at(struct kw_diags *diags, enum kw_severity severity,
		struct kw_loc loc, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Sort by file rank, then line; insertion order breaks ties. */
void kw_diags_sort(struct kw_diags *diags);
void kw_diags_print(const struct kw_diags *diags, FILE *fp);
void kw_diags_free(struct kw_diags *diags);

#endif
