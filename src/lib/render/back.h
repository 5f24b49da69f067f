/*
 * back: the handout's drawing, an outline of a back seen from behind in
 * inline SVG, with each listed knot marked on the side that hurts and
 * labelled with its name.
 *
 * The frame is the one `[knot] map` speaks in (SPEC §2, §5): X from 0 to
 * 100 across the figure, 50 on the spine, the person's left side on the
 * viewer's left; Y from 0 (top of the head) to 100 (lower edge of the
 * buttocks).  A map gives the left-side spot; the right side mirrors it.
 */
#ifndef KW_BACK_H
#define KW_BACK_H

#include "render/handout.h"
#include "util/strbuf.h"

/* Is there anything to draw: a listed knot with a map? */
bool kw_back_has_marks(const struct kw_handout *h);
/* Append the <svg> element. */
void kw_back_svg(struct kw_strbuf *out, const struct kw_handout *h);

/* The letter that marks the i-th listed knot, on the drawing and in the
 * list beside it. */
char kw_back_letter(size_t i);

#endif
