#include <config.h>

#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/scalar.h"

void kw_sb_grow(struct kw_strbuf *sb, size_t n)
{
	kw_grow(&sb->data, &sb->cap, sb->len + n + 1, 1);
}

void kw_sb_addn(struct kw_strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap)  /* the call only when it must grow */
		kw_sb_grow(sb, n);
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void kw_sb_add(struct kw_strbuf *sb, const char *s)
{
	kw_sb_addn(sb, s, strlen(s));
}

/* Bytes of the UTF-8 character at s (at most n), or 0 when there is none. */
static size_t utf8_char(const char *s, size_t n)
{
	unsigned char c = (unsigned char)*s;
	size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

	return len <= n && kw_utf8_valid(s, len) ? len : 0;
}

/* How many bytes at the start of s go out as they are: printable ASCII,
 * tab, and UTF-8 characters other than the C1 controls. */
static size_t shown_as_is(const char *s, size_t n)
{
	size_t i = 0, len;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 0x20 && c < 0x7F) || c == '\t')
			len = 1;
		else if (c < 0x80 || !(len = utf8_char(s + i, n - i)) ||
			 (c == 0xC2 && (unsigned char)s[i + 1] < 0xA0))
			break;
		i += len;
	}
	return i;
}

void kw_sb_add_shown(struct kw_strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	while (i < n) {
		size_t plain = shown_as_is(s + i, n - i);
		unsigned char c;

		kw_sb_addn(sb, s + i, plain);
		if ((i += plain) == n)
			break;
		c = (unsigned char)s[i];
		if (c == 0xC2 && utf8_char(s + i, n - i)) {     /* U+0080..U+009F */
			c = (unsigned char)s[i + 1];
			kw_sb_printf(sb, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
			i += 2;
		} else {
			kw_sb_printf(sb, "\\x%c%c", hex[c >> 4], hex[c & 15]);
			i++;
		}
	}
}

/* Format into the room already there; only a text that does not fit is
 * formatted twice. */
void kw_sb_vprintf(struct kw_strbuf *sb, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	kw_grow(&sb->data, &sb->cap, sb->len + 64, 1);
	va_copy(again, ap);
	n = vsnprintf(sb->data + sb->len, sb->cap - sb->len, fmt, ap);
	if (n >= 0 && (size_t)n >= sb->cap - sb->len) {
		kw_grow(&sb->data, &sb->cap, sb->len + (size_t)n + 1, 1);
		vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	if (n >= 0)
		sb->len += (size_t)n;
	sb->data[sb->len] = '\0';
}

void kw_sb_printf(struct kw_strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kw_sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

void kw_sb_reset(struct kw_strbuf *sb)
{
	sb->len = 0;
	if (sb->data)
		sb->data[0] = '\0';
}

void kw_sb_free(struct kw_strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
}

const char *kw_sb_str(const struct kw_strbuf *sb)
{
	return sb->data ? sb->data : "";
}
