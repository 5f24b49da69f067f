/*
 * render: a result as the JSON object of SPEC §5, or as text for a person.
 * Both build the whole output in memory: the caller writes it at once, so
 * a failure never leaves half a recommendation on stdout.
 */
#ifndef KNOTWISE_RENDER_H
#define KNOTWISE_RENDER_H

#include <jansson.h>
#include <stdbool.h>

#include "knotwise/engine.h"

json_t *kw_render_json(const struct kw_kb *kb, const struct kw_result *res);

struct kw_text_style {
	bool color;
	unsigned width;                 /* columns to wrap at */
	bool explain;                   /* the rules and answers behind each item */
	const char *why_not;            /* an id to explain the absence of, or NULL */
};

/* The text a person reads; the caller frees it. */
char *kw_render_text(const struct kw_kb *kb, const struct kw_result *res,
		     const struct kw_text_style *style);

#endif
