/*
 * text_wrap: paragraphs wrapped to a width with hanging indents, and the
 * few terminal styles the text output uses (only when colour is on).
 */
#ifndef KW_TEXT_WRAP_H
#define KW_TEXT_WRAP_H

#include <stdbool.h>

#include "util/strbuf.h"

enum kw_style { KW_PLAIN, KW_BOLD, KW_RED, KW_YELLOW, KW_GREEN, KW_DIM };

struct kw_writer {
	struct kw_strbuf out;
	unsigned width;
	bool color;
};

/* Wrap text: the first line starts with `lead` (its width is the hanging
 * indent of every later line). */
void kw_wrap(struct kw_writer *w, const char *lead, const char *text);
void kw_wrap_styled(struct kw_writer *w, enum kw_style style, const char *lead,
		    const char *text);
void kw_heading(struct kw_writer *w, enum kw_style style, const char *text);

#endif
