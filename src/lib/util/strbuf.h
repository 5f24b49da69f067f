/*
 * strbuf: a growing, always NUL-terminated string.  Renderers build their
 * whole output in one, so nothing reaches stdout until it is complete.
 */
#ifndef KW_STRBUF_H
#define KW_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct kw_strbuf {
	char *data;
	size_t len, cap;
};

void kw_sb_add(struct kw_strbuf *sb, const char *s);
void kw_sb_addn(struct kw_strbuf *sb, const char *s, size_t n);
/* Room for n more bytes and the NUL. */
void kw_sb_grow(struct kw_strbuf *sb, size_t n);

/* Inline: writers add one byte at a time all along their output. */
static inline void kw_sb_addc(struct kw_strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		kw_sb_grow(sb, 1);
	sb->data[sb->len++] = c;
	sb->data[sb->len] = '\0';
}
/* Append n bytes of s as a terminal may show them: a control character
 * (C0 but tab, DEL) or a byte that is not UTF-8 becomes \xHH, and a C1
 * control \u0080..\u009f, so no text from a file, an answer or the
 * command line is taken by a terminal as a command. */
void kw_sb_add_shown(struct kw_strbuf *sb, const char *s, size_t n);
void kw_sb_printf(struct kw_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void kw_sb_vprintf(struct kw_strbuf *sb, const char *fmt, va_list ap);
void kw_sb_reset(struct kw_strbuf *sb);
void kw_sb_free(struct kw_strbuf *sb);
/* The buffer's text, or "" when nothing was added yet. */
const char *kw_sb_str(const struct kw_strbuf *sb);

#endif
