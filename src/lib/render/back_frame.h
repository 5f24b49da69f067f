/*
 * back_frame: the drawing's units, shared by the figure (back.c) and the
 * marks and labels (back_marks.c).  The map's 100 x 100 is stretched down
 * to a back's proportions (a back from the crown to the buttocks is about
 * 1.4 times as tall as it is wide at the shoulders, in map units), and a
 * column on each side holds the labels.
 */
#ifndef KW_BACK_FRAME_H
#define KW_BACK_FRAME_H

#include "render/handout.h"
#include "util/strbuf.h"

#define KW_BACK_COLUMN 48.0             /* width of each label column */
#define KW_BACK_STRETCH 1.4
#define KW_BACK_TOP 4.0
#define KW_BACK_WIDTH (2 * KW_BACK_COLUMN + 100)
#define KW_BACK_HEIGHT (KW_BACK_TOP + 100 * KW_BACK_STRETCH + 3)

/* A map position in the drawing's units. */
static inline double kw_back_x(double map_x) { return KW_BACK_COLUMN + map_x; }
static inline double kw_back_y(double map_y) { return KW_BACK_TOP + map_y * KW_BACK_STRETCH; }

/* The knots' marks, leader lines and labels (back_marks.c). */
void kw_back_marks(struct kw_strbuf *out, const struct kw_handout *h);

#endif
