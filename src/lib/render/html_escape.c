#include <config.h>

#include <string.h>

#include "render/html_escape.h"

/* The length of the UTF-8 character at s (1 for a stray byte: answers and
 * rule files are checked for UTF-8 when read, so none is expected). */
static size_t char_len(const unsigned char *s)
{
	if (s[0] >= 0xf0 && s[1] && s[2] && s[3])
		return 4;
	if (s[0] >= 0xe0 && s[1] && s[2])
		return 3;
	if (s[0] >= 0xc0 && s[1])
		return 2;
	return 1;
}

/* The code point of a multi-byte character of `len` bytes. */
static unsigned long code_point(const unsigned char *s, size_t len)
{
	unsigned long cp = s[0] & (0x7f >> len);

	for (size_t i = 1; i < len; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	return cp;
}

/* Marks and overrides that change the direction of the text after them:
 * ALM, LRM, RLM, LRE..RLO, LRI..PDI. */
static int is_bidi_control(unsigned long cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static void escape_char(struct kw_strbuf *out, const unsigned char *s, size_t len)
{
	unsigned long cp = len > 1 ? code_point(s, len) : s[0];

	switch (cp) {
	case '&': kw_sb_add(out, "&amp;"); return;
	case '<': kw_sb_add(out, "&lt;"); return;
	case '>': kw_sb_add(out, "&gt;"); return;
	case '"': kw_sb_add(out, "&quot;"); return;
	case '\'': kw_sb_add(out, "&#39;"); return;
	}
	if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7f && cp < 0xa0))
		kw_sb_addc(out, ' ');   /* not allowed in an HTML page */
	else if (is_bidi_control(cp))
		kw_sb_printf(out, "&#x%lX;", cp);
	else
		kw_sb_addn(out, (const char *)s, len);
}

void kw_html_text_n(struct kw_strbuf *out, const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;

	for (size_t i = 0; i < n;) {
		size_t len = char_len(s + i);
		escape_char(out, s + i, len);
		i += len;
	}
}

void kw_html_text(struct kw_strbuf *out, const char *s)
{
	kw_html_text_n(out, s, strlen(s));
}

void kw_html_text_cut(struct kw_strbuf *out, const char *s, size_t max)
{
	size_t n = strlen(s), cut = 0, blank = 0;

	if (n <= max) {
		kw_html_text_n(out, s, n);
		return;
	}
	while (cut + char_len((const unsigned char *)s + cut) <= max) {
		if (s[cut] == ' ')
			blank = cut;
		cut += char_len((const unsigned char *)s + cut);
	}
	if (blank > max * 3 / 4)        /* end on a whole word when one is near */
		cut = blank;
	kw_html_text_n(out, s, cut);
	kw_sb_add(out, "\xe2\x80\xa6");       /* … */
}

void kw_html_isolated(struct kw_strbuf *out, const char *s)
{
	kw_sb_add(out, "<bdi>");
	kw_html_text(out, s);
	kw_sb_add(out, "</bdi>");
}
