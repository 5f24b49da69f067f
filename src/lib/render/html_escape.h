/*
 * html_escape: text from rule files and answers, made safe to put in an
 * HTML page, in element content and attribute values alike.
 *
 * Every such text is someone else's words: a therapist's rule file, a
 * person's answer.  It must never become markup, and its direction marks
 * (a Hebrew or Arabic translation needs them) must never turn the page's
 * own words around it backwards.  So the markup characters become
 * entities, the bidirectional controls become numeric references that
 * a reader of the source can see, control characters become blanks, and
 * kw_html_isolated() wraps a text in <bdi> where it sits inside a
 * sentence of the page's own.
 */
#ifndef KW_HTML_ESCAPE_H
#define KW_HTML_ESCAPE_H

#include <stddef.h>

#include "util/strbuf.h"

/* Append s (UTF-8) escaped; _n: its first n bytes, which must end on a
 * character boundary. */
void kw_html_text(struct kw_strbuf *out, const char *s);
void kw_html_text_n(struct kw_strbuf *out, const char *s, size_t n);
/* The same, cut to at most `max` bytes at a character boundary (at a
 * blank when there is one near), with an ellipsis when cut. */
void kw_html_text_cut(struct kw_strbuf *out, const char *s, size_t max);
/* <bdi>s escaped</bdi>: its direction kept to itself. */
void kw_html_isolated(struct kw_strbuf *out, const char *s);

#endif
