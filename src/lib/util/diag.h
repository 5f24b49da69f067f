/*
 * diag, inside the library: where the pieces of a value continued on
 * further lines came from, and diagnostics at a column of such a value,
 * placed on the line that holds it.  The loader and the expression parser
 * write them; a front end only reads the diagnostics (knotwise/diag.h).
 */
#ifndef KW_UTIL_DIAG_H
#define KW_UTIL_DIAG_H

#include "knotwise/diag.h"

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

/* A diagnostic about the 1-based column col of the value read at loc,
 * ending "(column N)".  Columns count from where the value's text starts
 * on its line; when col falls on a continuation line, the diagnostic is
 * at that line, and the column counts from where its text starts. */
void kw_diag_at(struct kw_diags *diags, enum kw_severity severity,
		struct kw_loc loc, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
