#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/diag.h"
#include "util/strbuf.h"

void kw_diag(struct kw_diags *diags, enum kw_severity severity,
	     struct kw_loc loc, const char *fmt, ...)
{
	struct kw_strbuf sb = {0};
	struct kw_diag d = { .loc = loc, .severity = severity, .seq = diags->len };
	va_list ap;

	/* The diagnostics outlive the loader that named the file: keep a copy.
	 * The spans only place a column, which kw_diag_at has done by now. */
	d.loc.file = loc.file ? kw_xstrdup(loc.file) : NULL;
	d.loc.spans = NULL;
	va_start(ap, fmt);
	kw_sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	d.message = sb.data ? sb.data : kw_xstrdup("");
	KW_PUSH(diags->items, diags->len, diags->cap, d);
	if (severity == KW_ERROR)
		diags->errors++;
	else if (severity == KW_WARNING)
		diags->warnings++;
}

/* Move loc to the line of the value's column col, and col to that line. */
static void place_column(struct kw_loc *loc, unsigned *col)
{
	for (size_t i = loc->spans ? loc->spans->n : 0; i-- > 0; )
		if (loc->spans->at[i].offset < *col) {
			loc->line = loc->spans->at[i].line;
			*col -= (unsigned)loc->spans->at[i].offset;
			return;
		}
}

void kw_diag_at(struct kw_diags *diags, enum kw_severity severity,
		struct kw_loc loc, unsigned col, const char *fmt, ...)
{
	struct kw_strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	kw_sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	place_column(&loc, &col);
	kw_diag(diags, severity, loc, "%s (column %u)", kw_sb_str(&sb), col);
	kw_sb_free(&sb);
}

static int compare_diags(const void *pa, const void *pb)
{
	const struct kw_diag *a = pa, *b = pb;

	if (a->loc.file_rank != b->loc.file_rank)
		return a->loc.file_rank < b->loc.file_rank ? -1 : 1;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void kw_diags_sort(struct kw_diags *diags)
{
	if (diags->len > 1)
		qsort(diags->items, diags->len, sizeof *diags->items, compare_diags);
}

static const char *severity_name(enum kw_severity severity)
{
	switch (severity) {
	case KW_ERROR: return "error";
	case KW_WARNING: return "warning";
	default: return "note";
	}
}

/* Messages quote what they were given (an answer, a --set value, a line
 * of a file): shown so that no control character reaches the terminal. */
void kw_diags_print(const struct kw_diags *diags, FILE *fp)
{
	struct kw_strbuf line = {0};

	for (size_t i = 0; i < diags->len; i++) {
		const struct kw_diag *d = &diags->items[i];

		kw_sb_reset(&line);
		kw_sb_add(&line, "knotwise: ");
		if (d->loc.file) {
			kw_sb_add_shown(&line, d->loc.file, strlen(d->loc.file));
			if (d->loc.line)
				kw_sb_printf(&line, ":%u", d->loc.line);
			kw_sb_add(&line, ": ");
		}
		kw_sb_printf(&line, "%s: ", severity_name(d->severity));
		kw_sb_add_shown(&line, d->message, strlen(d->message));
		kw_sb_addc(&line, '\n');
		fputs(line.data, fp);
	}
	kw_sb_free(&line);
}

void kw_diags_free(struct kw_diags *diags)
{
	for (size_t i = 0; i < diags->len; i++) {
		free(diags->items[i].message);
		free((char *)diags->items[i].loc.file);
	}
	free(diags->items);
	*diags = (struct kw_diags){0};
}
