#include <config.h>

#include "knotwise/diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "util/arena.h"
#include "util/strbuf.h"

void kw_diag(struct kw_diags *diags, enum kw_severity severity,
	     struct kw_loc loc, const char *fmt, ...)
{
	struct kw_strbuf sb = {0};
	struct kw_diag d = { .loc = loc, .severity = severity, .seq = diags->len };
	va_list ap;

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

void kw_diags_print(const struct kw_diags *diags, FILE *fp)
{
	for (size_t i = 0; i < diags->len; i++) {
		const struct kw_diag *d = &diags->items[i];

		fputs("knotwise: ", fp);
		if (d->loc.file && d->loc.line)
			fprintf(fp, "%s:%u: ", d->loc.file, d->loc.line);
		else if (d->loc.file)
			fprintf(fp, "%s: ", d->loc.file);
		fprintf(fp, "%s: %s\n", severity_name(d->severity), d->message);
	}
}

void kw_diags_free(struct kw_diags *diags)
{
	for (size_t i = 0; i < diags->len; i++)
		free(diags->items[i].message);
	free(diags->items);
	*diags = (struct kw_diags){0};
}
