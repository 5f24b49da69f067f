/*
 * text_wrap: paragraphs wrapped to a width with hanging indents, and the
 * few terminal styles the text output uses (only when colour is on).
 */
#ifndef KW_TEXT_WRAP_H
#define KW_TEXT_WRAP_H

#include <stdbool.h>
#include <stddef.h>

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
/* Columns a UTF-8 string of n bytes takes on a terminal. */
size_t kw_text_columns(const char *s, size_t n);
/* How many bytes of text[0, n) to show in `room` columns: all n when they
 * fit; else as many whole words as leave room for "..." (and *cut is
 * set), which is 0 when not even the first word does. */
size_t kw_fit_words(const char *text, size_t n, size_t room, bool *cut);
void kw_heading(struct kw_writer *w, enum kw_style style, const char *text);

#endif
