#include <config.h>

#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

void kw_sb_addn(struct kw_strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap)  /* the call only when it must grow */
		kw_grow(&sb->data, &sb->cap, sb->len + n + 1, 1);
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void kw_sb_add(struct kw_strbuf *sb, const char *s)
{
	kw_sb_addn(sb, s, strlen(s));
}

void kw_sb_addc(struct kw_strbuf *sb, char c)
{
	kw_sb_addn(sb, &c, 1);
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
