/*
 * back_marks: each listed knot with a map, marked on the drawing on the
 * side that hurts (both sides when the pain is on both, in the middle or
 * not said) by a dot carrying its letter, and labelled with its name in
 * the column beside the figure, joined to its dot by a thin line.
 *
 * Labels are laid out per column: each wants to sit level with its dot,
 * and labels that would overlap are pushed apart, down first, then up
 * where the column ends.
 */
#include <config.h>

#include <stdlib.h>

#include "render/back.h"
#include "render/back_frame.h"
#include "render/html_escape.h"
#include "util/arena.h"

#define LINE_CHARS 13           /* a label line, in characters */
#define MAX_LINES 3
#define LINE_HEIGHT 7.0
#define GAP 2.5                 /* between two labels */
#define DOT 3.9                 /* the mark's radius */

struct span { size_t start, len; };

struct label {
	double dot_x, dot_y;            /* the mark, in drawing units */
	double top;                     /* of the label's first line */
	size_t knot;
	struct span lines[MAX_LINES];
	size_t nlines;
	bool cut;                       /* the name did not fit */
};

static size_t utf8_chars(const char *s, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xc0) != 0x80;
	return count;
}

static size_t skip_blanks(const char *s, size_t i)
{
	while (s[i] == ' ')
		i++;
	return i;
}

static size_t word_end(const char *s, size_t i)
{
	while (s[i] && s[i] != ' ')
		i++;
	return i;
}

/* Break the name at blanks into lines of LINE_CHARS (a longer word gets
 * a line of its own), at most MAX_LINES of them. */
static void wrap_name(struct label *l, const char *name)
{
	size_t i = skip_blanks(name, 0);

	while (name[i] && l->nlines < MAX_LINES) {
		struct span *line = &l->lines[l->nlines++];
		size_t end = word_end(name, i), next;
		while (name[next = skip_blanks(name, end)] &&
		       utf8_chars(name + i, word_end(name, next) - i) <= LINE_CHARS)
			end = word_end(name, next);
		*line = (struct span){ i, end - i };
		i = skip_blanks(name, end);
	}
	l->cut = name[i] != '\0';
}

static double label_height(const struct label *l)
{
	return (double)l->nlines * LINE_HEIGHT;
}

static void sort_by_dot(struct label *l, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && l[j].dot_y < l[j - 1].dot_y; j--) {
			struct label t = l[j];
			l[j] = l[j - 1];
			l[j - 1] = t;
		}
}

/* Each label level with its dot where it can be, none overlapping. */
static void spread(struct label *l, size_t n)
{
	sort_by_dot(l, n);
	for (size_t i = 0; i < n; i++) {
		double want = l[i].dot_y - label_height(&l[i]) / 2 + 1;
		double lowest = i ? l[i - 1].top + label_height(&l[i - 1]) + GAP : 2;
		l[i].top = want > lowest ? want : lowest;
	}
	for (size_t i = n; i-- > 0;) {
		double limit = (i + 1 < n ? l[i + 1].top - GAP : KW_BACK_HEIGHT - 1) -
			       label_height(&l[i]);
		if (l[i].top > limit)
			l[i].top = limit;
	}
}

static void draw_leader(struct kw_strbuf *out, const struct label *l, bool left)
{
	double x = left ? kw_back_x(-1.5) : kw_back_x(101.5);

	kw_sb_printf(out, "<path class=\"leader\" d=\"M%.1f %.1fL%.1f %.1f\"/>\n",
		     l->dot_x, l->dot_y, x, l->top + label_height(l) / 2 - 1.6);
}

static void draw_label(struct kw_strbuf *out, const struct label *l, const char *name,
		       bool left)
{
	double x = left ? kw_back_x(-3) : kw_back_x(103);

	kw_sb_printf(out, "<text class=\"label %s\">", left ? "to-left" : "to-right");
	for (size_t i = 0; i < l->nlines; i++) {
		kw_sb_printf(out, "<tspan x=\"%.1f\" y=\"%.1f\">", x,
			     l->top + (double)i * LINE_HEIGHT + 5);
		kw_html_text_n(out, name + l->lines[i].start, l->lines[i].len);
		if (l->cut && i + 1 == l->nlines)
			kw_sb_add(out, "\xe2\x80\xa6");       /* … */
		kw_sb_add(out, "</tspan>");
	}
	kw_sb_add(out, "</text>\n");
}

static void draw_dot(struct kw_strbuf *out, const struct label *l)
{
	kw_sb_printf(out, "<circle class=\"halo\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n"
		     "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n"
		     "<text class=\"mark-letter\" x=\"%.1f\" y=\"%.1f\">%c</text>\n",
		     l->dot_x, l->dot_y, DOT * 1.8, l->dot_x, l->dot_y, DOT,
		     l->dot_x, l->dot_y + 1.8, kw_back_letter(l->knot));
}

/* The labels of one side's column: the dots on that side of the back. */
static size_t collect(const struct kw_handout *h, bool left, struct label *out)
{
	size_t n = 0;

	if (h->side == (left ? KW_SIDE_RIGHT : KW_SIDE_LEFT))
		return 0;
	for (size_t i = 0; i < h->nknots; i++) {
		const struct kw_handout_knot *k = &h->knots[i];
		if (!k->has_map)
			continue;
		out[n] = (struct label){ .knot = i, .dot_y = kw_back_y(k->y),
					 .dot_x = kw_back_x(left ? k->x : 100 - k->x) };
		wrap_name(&out[n++], k->name);
	}
	spread(out, n);
	return n;
}

/* Leaders first, so that the dots cover their ends. */
static void draw_column(struct kw_strbuf *out, const struct kw_handout *h, bool left)
{
	struct label *labels = kw_xcalloc(h->nknots + 1, sizeof *labels);
	size_t n = collect(h, left, labels);

	for (size_t i = 0; i < n; i++)
		draw_leader(out, &labels[i], left);
	for (size_t i = 0; i < n; i++)
		draw_dot(out, &labels[i]);
	for (size_t i = 0; i < n; i++)
		draw_label(out, &labels[i], h->knots[labels[i].knot].name, left);
	free(labels);
}

void kw_back_marks(struct kw_strbuf *out, const struct kw_handout *h)
{
	draw_column(out, h, true);
	draw_column(out, h, false);
}
