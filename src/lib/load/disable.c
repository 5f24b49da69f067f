/*
 * disable: what `disabled = yes` takes with it.  Disabling is how a
 * therapist switches a built-in item off, so it never cascades into
 * errors (SPEC §2): each name of a disabled question, knot or routine is
 * dropped where it is named, and the disabling line gets one note that
 * lists what went with it.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "load/build.h"

struct kw_disabled *kw_find_disabled(struct kw_sections *s, enum kw_section_kind kind,
				     const char *id)
{
	for (size_t i = 0; i < s->ndisabled; i++)
		if (s->disabled[i].kind == kind && strcmp(s->disabled[i].by->id, id) == 0)
			return &s->disabled[i];
	return NULL;
}

static void free_went(struct kw_disabled *d)
{
	for (size_t i = 0; i < d->nwent; i++)
		kw_sb_free(&d->went[i].ids);
	d->nwent = 0;
}

void kw_forget_disabled(struct kw_sections *s, enum kw_section_kind kind,
			const char *id)
{
	struct kw_disabled *d;

	while ((d = kw_find_disabled(s, kind, id)) != NULL) {
		free_went(d);
		*d = s->disabled[--s->ndisabled];
	}
}

void kw_free_disabled(struct kw_sections *s)
{
	for (size_t i = 0; i < s->ndisabled; i++)
		free_went(&s->disabled[i]);
	free(s->disabled);
}

void kw_disabled_took(struct kw_disabled *d, const char *what, const char *id)
{
	size_t i = 0;

	while (i < d->nwent && strcmp(d->went[i].what, what) != 0)
		i++;
	if (i == d->nwent) {
		if (d->nwent == sizeof d->went / sizeof *d->went)
			return;         /* more kinds than a note lists */
		d->went[d->nwent++] = (struct kw_went){ .what = what };
	}
	kw_sb_printf(&d->went[i].ids, "%s%s", d->went[i].ids.len ? ", " : "", id);
}

void kw_report_disabled(struct kw_builder *b)
{
	struct kw_strbuf went = {0};

	for (size_t i = 0; i < b->sections.ndisabled; i++) {
		const struct kw_disabled *d = &b->sections.disabled[i];

		kw_sb_reset(&went);
		for (size_t j = 0; j < d->nwent; j++)
			kw_sb_printf(&went, "%s%s: %s", j ? "; " : "; with it went ",
				     d->went[j].what, kw_sb_str(&d->went[j].ids));
		kw_diag(b->diags, d->safety ? KW_WARNING : KW_NOTE, d->by->loc,
			"disables %s%s '%s' from %s:%u%s", d->safety ? "the safety item " : "",
			d->by->kind, d->by->id, d->was->loc.file, d->was->loc.line,
			kw_sb_str(&went));
	}
	kw_sb_free(&went);
}
