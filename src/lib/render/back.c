/*
 * back: the figure — an outline of head, neck, shoulders, upper arms,
 * back and hips, and the landmarks a person feels for to find a spot
 * (the spine, the shoulder blades, the lowest rib, the top of the pelvis,
 * the sacrum), drawn as light lines under the knots' marks.
 */
#include <config.h>

#include <stdbool.h>

#include "render/back.h"
#include "render/back_frame.h"
#include "render/html_escape.h"

struct point {
	double x, y;
	bool corner;            /* the curve turns sharply here */
};

#define COUNT(a) (sizeof (a) / sizeof *(a))

/* The left half of the outline in map units, from the top of the head
 * down the left side to the cleft of the buttocks; the right half
 * mirrors it.  The points sit on the landmarks the knots' maps use: skull
 * base Y 12, shoulder line Y 19, shoulder tip (18, 22), armpit, waist
 * (33, 62), outer hip (26, 84), lower edge of the buttocks Y 100. */
static const struct point outline[] = {
	{ 50, 0, false }, { 43.6, 1.3, false }, { 39.6, 5.5, false },     /* head */
	{ 39.5, 10, false }, { 41.5, 13.4, false },
	{ 41.8, 16.4, false }, { 38.6, 18.7, false },                     /* neck */
	{ 30, 19.8, false }, { 22.5, 20.7, false }, { 18, 22, false },    /* shoulder */
	{ 14.3, 25.3, false }, { 12.6, 31, false }, { 12.1, 38, false },  /* outer arm */
	{ 12.4, 45, true }, { 16.4, 46.2, false }, { 20.4, 45.2, true },  /* its stub */
	{ 21.3, 38, false }, { 22.6, 31.6, true },                        /* armpit */
	{ 24.2, 38, false }, { 26.3, 46, false }, { 29.6, 55, false },    /* ribs */
	{ 33, 62, false }, { 31.6, 68.5, false }, { 28.2, 76, false },    /* waist */
	{ 26, 84, false }, { 26.8, 91, false }, { 30.5, 97.2, false },    /* hip */
	{ 37.5, 100, false }, { 44.5, 99.2, false }, { 50, 95.8, true },  /* buttock */
};

/* The left shoulder blade: top inner corner (43.5, 24), inner edge down
 * to the lower tip (36, 43), outer edge up to the shoulder joint. */
static const struct point blade[] = {
	{ 43.5, 24, true }, { 43.6, 29, false }, { 42.2, 35, false },
	{ 39.6, 40, false }, { 36, 43, true }, { 31, 38, false },
	{ 27, 31.5, false }, { 24.6, 26.4, true }, { 29, 24.3, false },
	{ 37, 23.5, false },
};

/* The ridge across the shoulder blade, the base of the skull, the lowest
 * rib (Y 55) and the top of the pelvis (Y 68), all of the left side. */
static const struct point blade_ridge[] = {
	{ 43.4, 28.4, false }, { 34, 26.6, false }, { 25.2, 24.6, false },
};
static const struct point skull_base[] = {
	{ 42.4, 12.9, false }, { 46.4, 12.1, false }, { 50, 11.9, false },
};
static const struct point lowest_rib[] = {
	{ 47.2, 52.4, false }, { 40, 54.6, false }, { 33.4, 56.6, false },
};
static const struct point pelvis_top[] = {
	{ 31.4, 71.6, false }, { 34.6, 68.6, false }, { 39, 68.1, false },
	{ 42.8, 70.4, false }, { 44.8, 73.6, false },
};

/* The sacrum, X 45 to 55 from Y 72 down to its tip at Y 86, and the
 * cleft below it: on the midline, drawn once. */
static const struct point sacrum[] = {
	{ 45, 72, true }, { 55, 72, true }, { 53.6, 79, false }, { 50, 86, true },
	{ 46.4, 79, false },
};

static struct point at(const struct point *p, size_t n, long i, bool closed)
{
	if (closed)
		i = (i % (long)n + (long)n) % (long)n;
	else
		i = i < 0 ? 0 : i >= (long)n ? (long)n - 1 : i;
	return p[i];
}

/* A smooth path through the points: Catmull-Rom splines as cubic Bézier
 * curves, in the drawing's units.  A corner takes no smoothing. */
static void smooth_path(struct kw_strbuf *out, const struct point *p, size_t n,
			bool closed)
{
	kw_sb_printf(out, "M%.1f %.1f", kw_back_x(p[0].x), kw_back_y(p[0].y));
	for (size_t i = 0; i < (closed ? n : n - 1); i++) {
		struct point p1 = at(p, n, (long)i, closed), p2 = at(p, n, (long)i + 1, closed);
		struct point p0 = p1.corner ? p1 : at(p, n, (long)i - 1, closed);
		struct point p3 = p2.corner ? p2 : at(p, n, (long)i + 2, closed);
		kw_sb_printf(out, "C%.1f %.1f %.1f %.1f %.1f %.1f",
			     kw_back_x(p1.x + (p2.x - p0.x) / 6), kw_back_y(p1.y + (p2.y - p0.y) / 6),
			     kw_back_x(p2.x - (p3.x - p1.x) / 6), kw_back_y(p2.y - (p3.y - p1.y) / 6),
			     kw_back_x(p2.x), kw_back_y(p2.y));
	}
	if (closed)
		kw_sb_addc(out, 'Z');
}

static void path(struct kw_strbuf *out, const char *class, const struct point *p,
		 size_t n, bool closed)
{
	kw_sb_printf(out, "<path class=\"%s\" d=\"", class);
	smooth_path(out, p, n, closed);
	kw_sb_add(out, "\"/>\n");
}

static struct point mirror(struct point p)
{
	return (struct point){ 100 - p.x, p.y, p.corner };
}

_Static_assert(COUNT(blade) <= 16, "both_sides() mirrors at most 16 points");

/* A left-side line (of at most 16 points) and its mirror image. */
static void both_sides(struct kw_strbuf *out, const char *class,
		       const struct point *p, size_t n, bool closed)
{
	struct point right[16];

	for (size_t i = 0; i < n; i++)
		right[i] = mirror(p[i]);
	path(out, class, p, n, closed);
	path(out, class, right, n, closed);
}

static void draw_outline(struct kw_strbuf *out)
{
	struct point whole[2 * COUNT(outline)];
	size_t n = 0;

	for (size_t i = 0; i < COUNT(outline); i++)
		whole[n++] = outline[i];
	for (size_t i = COUNT(outline) - 2; i > 0; i--)     /* the ends are on the midline */
		whole[n++] = mirror(outline[i]);
	path(out, "body", whole, n, true);
}

/* The spine: a line with a small mark for each vertebra's bony point, 6 in
 * the neck down to the prominent one at the neck base (Y 19.5), 12 in the
 * chest, 5 in the lower back down to the sacrum. */
static void draw_spine(struct kw_strbuf *out)
{
	static const struct { int count; double from, to, width; } parts[] = {
		{ 5, 14.6, 19.5, 2.2 }, { 12, 21.8, 53, 3 }, { 5, 56.3, 69.6, 3.4 },
	};

	kw_sb_printf(out, "<path class=\"bone\" d=\"M%.1f %.1fV%.1f\"/>\n", kw_back_x(50),
		     kw_back_y(12.4), kw_back_y(72));
	for (size_t p = 0; p < COUNT(parts); p++)
		for (int i = 0; i < parts[p].count; i++) {
			double y = parts[p].from +
				   (parts[p].to - parts[p].from) * i / (parts[p].count - 1);
			kw_sb_printf(out, "<rect class=\"vertebra\" x=\"%.1f\" y=\"%.1f\" "
				     "width=\"%.1f\" height=\"1.6\" rx=\"0.8\"/>\n",
				     kw_back_x(50 - parts[p].width / 2), kw_back_y(y) - 0.8,
				     parts[p].width);
		}
}

static void draw_landmarks(struct kw_strbuf *out)
{
	both_sides(out, "blade", blade, COUNT(blade), true);
	both_sides(out, "bone", blade_ridge, COUNT(blade_ridge), false);
	both_sides(out, "bone", skull_base, COUNT(skull_base), false);
	both_sides(out, "bone", lowest_rib, COUNT(lowest_rib), false);
	both_sides(out, "bone", pelvis_top, COUNT(pelvis_top), false);
	path(out, "blade", sacrum, COUNT(sacrum), true);
	kw_sb_printf(out, "<path class=\"bone\" d=\"M%.1f %.1fV%.1f\"/>\n", kw_back_x(50),
		     kw_back_y(87.5), kw_back_y(95));
	draw_spine(out);
}

/* Which side is which, since the back is seen from behind. */
static void draw_sides(struct kw_strbuf *out)
{
	kw_sb_printf(out, "<text class=\"side\" x=\"%.1f\" y=\"%.1f\">LEFT</text>\n"
		     "<text class=\"side\" x=\"%.1f\" y=\"%.1f\">RIGHT</text>\n",
		     kw_back_x(8), kw_back_y(4), kw_back_x(92), kw_back_y(4));
}

bool kw_back_has_marks(const struct kw_handout *h)
{
	for (size_t i = 0; i < h->nknots; i++)
		if (h->knots[i].has_map)
			return true;
	return false;
}

char kw_back_letter(size_t i)
{
	return (char)('A' + i % 26);
}

void kw_back_svg(struct kw_strbuf *out, const struct kw_handout *h)
{
	kw_sb_printf(out, "<svg class=\"back\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">\n"
		     "<title>A back seen from behind, with the knots to press marked</title>\n",
		     KW_BACK_WIDTH, KW_BACK_HEIGHT);
	draw_outline(out);
	draw_landmarks(out);
	draw_sides(out);
	kw_back_marks(out, h);
	kw_sb_add(out, "</svg>\n");
}
