#include <config.h>

#include <string.h>

#include "util/text_wrap.h"

static const char *const codes[] = {
	"", "\x1b[1m", "\x1b[1;31m", "\x1b[1;33m", "\x1b[1;32m", "\x1b[2m"
};

/* One column per code point: no wide glyphs here. */
size_t kw_text_columns(const char *s, size_t n)
{
	size_t cols = 0;

	for (size_t i = 0; i < n; i++)
		cols += ((unsigned char)s[i] & 0xC0) != 0x80;
	return cols;
}

static void style_on(struct kw_writer *w, enum kw_style style)
{
	if (w->color && style != KW_PLAIN)
		kw_sb_add(&w->out, codes[style]);
}

static void style_off(struct kw_writer *w, enum kw_style style)
{
	if (w->color && style != KW_PLAIN)
		kw_sb_add(&w->out, "\x1b[0m");
}

/* The style covers each line's words, never the indent or line ending. */
void kw_wrap_styled(struct kw_writer *w, enum kw_style style, const char *lead,
		    const char *text)
{
	size_t indent = kw_text_columns(lead, strlen(lead)), col = indent;
	const char *p = text;

	kw_sb_add(&w->out, lead);
	style_on(w, style);
	while (*p) {
		size_t n = strcspn(p, " "), cols = kw_text_columns(p, n);

		if (col > indent && col + 1 + cols > w->width) {
			style_off(w, style);
			kw_sb_addc(&w->out, '\n');
			for (size_t i = 0; i < indent; i++)
				kw_sb_addc(&w->out, ' ');
			style_on(w, style);
			col = indent;
		} else if (col > indent) {
			kw_sb_addc(&w->out, ' ');
			col++;
		}
		kw_sb_addn(&w->out, p, n);
		col += cols;
		p += n;
		while (*p == ' ')
			p++;
	}
	style_off(w, style);
	kw_sb_addc(&w->out, '\n');
}

size_t kw_fit_words(const char *text, size_t n, size_t room, bool *cut)
{
	size_t keep = 0, cols = 0;

	*cut = kw_text_columns(text, n) > room;
	if (!*cut)
		return n;
	for (size_t i = 0; i < n && cols + strlen("...") <= room; i++) {
		if (text[i] == ' ' && i && text[i - 1] != ' ')
			keep = i;       /* the words before this blank fit */
		cols += ((unsigned char)text[i] & 0xC0) != 0x80;
	}
	return keep;
}

void kw_wrap(struct kw_writer *w, const char *lead, const char *text)
{
	kw_wrap_styled(w, KW_PLAIN, lead, text);
}

void kw_heading(struct kw_writer *w, enum kw_style style, const char *text)
{
	if (w->out.len)
		kw_sb_addc(&w->out, '\n');
	kw_wrap_styled(w, style, "", text);
}
