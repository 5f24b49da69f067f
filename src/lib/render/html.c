/*
 * render_html: the handout (SPEC §5, --format html), one self-contained
 * page to keep and print: the back with the knots marked, what to do and
 * why, the routine with a tick box for each of the next seven days, the
 * posture habits, when to see a professional, the rule changes in effect,
 * the disclaimer and the date.  At urgent and emergency the page says
 * only what to do now and why, in large type.
 *
 * The page loads nothing: the style sheet and the drawing are inline, it
 * has no script, and its Content-Security-Policy forbids every load, so
 * even a text that slipped through escaping could not fetch anything.
 */
#include <config.h>

#include "knotwise/render.h"
#include "render/back.h"
#include "render/handout.h"
#include "render/html_escape.h"
#include "render/html_css.h"
#include "util/clock.h"

static const char *const level_titles[] = {
	[KW_SELF_CARE] = "Self-care", [KW_PROFESSIONAL] = "See a professional",
	[KW_URGENT] = "Urgent", [KW_EMERGENCY] = "Emergency",
};
static const char *const level_classes[] = {
	[KW_SELF_CARE] = "self-care", [KW_PROFESSIONAL] = "professional",
	[KW_URGENT] = "urgent", [KW_EMERGENCY] = "emergency",
};
static const char *const weekdays[] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

struct page {
	struct kw_strbuf *out;
	const struct kw_handout *h;
	time_t now;
};

/* "Tuesday 1 December 2026", the day of the run in local time. */
static void put_date(struct kw_strbuf *out, time_t now)
{
	struct tm day;

	kw_clock_day(now, 0, &day);
	kw_sb_printf(out, "%s %d %s %d", weekdays[day.tm_wday], day.tm_mday,
		     months[day.tm_mon], day.tm_year + 1900);
}

static void page_head(struct page *p)
{
	kw_sb_add(p->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		  "<meta charset=\"utf-8\">\n"
		  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		  "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
		  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		  "<meta name=\"generator\" content=\"" PACKAGE_NAME " " PACKAGE_VERSION "\">\n"
		  "<title>Your back-care handout, ");
	put_date(p->out, p->now);
	kw_sb_printf(p->out, "</title>\n<style>\n%s</style>\n</head>\n", kw_html_css);
}

static void page_header(struct page *p, const char *title)
{
	kw_sb_printf(p->out, "<header class=\"top\">\n<h1>%s</h1>\n<p class=\"date\">",
		     title);
	put_date(p->out, p->now);
	kw_sb_add(p->out, "</p>\n</header>\n");
}

/* What to do now, and why: the reasons of the rules that decided it. */
static void page_triage(struct page *p)
{
	const struct kw_handout *h = p->h;

	kw_sb_add(p->out, "<section class=\"triage\">\n");
	if (h->level < KW_URGENT)       /* else the page's title says it */
		kw_sb_printf(p->out, "<h2>%s</h2>\n", level_titles[h->level]);
	if (h->advice) {
		kw_sb_add(p->out, "<p class=\"advice\">");
		kw_html_text(p->out, h->advice);
		kw_sb_add(p->out, "</p>\n");
	}
	if (h->nbecause)
		kw_sb_add(p->out, "<p class=\"why\">Why:</p>\n<ul class=\"because\">\n");
	for (size_t i = 0; i < h->nbecause; i++) {
		kw_sb_add(p->out, "<li>");
		kw_html_text(p->out, h->because[i]);
		kw_sb_add(p->out, "</li>\n");
	}
	if (h->nbecause)
		kw_sb_add(p->out, "</ul>\n");
	if (h->incomplete) {
		kw_sb_add(p->out, "<p class=\"incomplete\">");
		kw_html_text(p->out, h->incomplete);
		kw_sb_add(p->out, "</p>\n");
	}
	kw_sb_add(p->out, "</section>\n");
}

static void put_labelled(struct page *p, const char *label, const char *text)
{
	if (!text)
		return;
	kw_sb_printf(p->out, "<p><span class=\"key\">%s</span> ", label);
	kw_html_text(p->out, text);
	kw_sb_add(p->out, "</p>\n");
}

/* The knots, by the letters that mark them on the drawing. */
static void page_knots(struct page *p)
{
	const struct kw_handout *h = p->h;

	kw_sb_add(p->out, "<section class=\"knots\">\n<h2>Where to press</h2>\n");
	if (h->nothing_stands_out) {
		kw_sb_add(p->out, "<p>");
		kw_html_text(p->out, h->nothing_stands_out);
		kw_sb_add(p->out, "</p>\n");
	}
	kw_sb_add(p->out, h->nknots ? "<ul class=\"knot-list\">\n" : "");
	for (size_t i = 0; i < h->nknots; i++) {
		const struct kw_handout_knot *k = &h->knots[i];
		kw_sb_printf(p->out, "<li><span class=\"letter%s\">%c</span>\n<div>"
			     "<p class=\"name\"><strong>", k->has_map ? "" : " undrawn",
			     kw_back_letter(i));
		kw_html_isolated(p->out, k->name);
		kw_sb_printf(p->out, "</strong> <span class=\"certainty\">%s</span></p>\n",
			     k->likely ? "likely" : "possible");
		put_labelled(p, "Where:", k->where);
		put_labelled(p, "You may feel it in:", k->refers);
		if (!k->has_map)
			kw_sb_add(p->out, "<p class=\"note\">Not marked on the drawing.</p>\n");
		kw_sb_add(p->out, "</div></li>\n");
	}
	kw_sb_add(p->out, h->nknots ? "</ul>\n</section>\n" : "</section>\n");
}

/* Where it hurts, how much, and the person's own words. */
static void page_about(struct page *p)
{
	const struct kw_handout *h = p->h;

	if (!h->nregions && !h->side_words && !h->has_pain && !h->nown_words)
		return;
	kw_sb_add(p->out, "<section class=\"about\">\n<h2>Your pain today</h2>\n");
	for (size_t i = 0; i < h->nregions; i++)
		kw_sb_printf(p->out, "%s%s", i ? ", " : "<p><span class=\"key\">Where:</span> ",
			     h->regions[i]);
	kw_sb_add(p->out, h->nregions ? "</p>\n" : "");
	if (h->side_words) {
		kw_sb_add(p->out, "<p><span class=\"key\">Side:</span> ");
		kw_html_isolated(p->out, h->side_words);
		kw_sb_add(p->out, "</p>\n");
	}
	if (h->has_pain)
		kw_sb_printf(p->out, "<p><span class=\"key\">At its worst:</span> %g out of %g</p>\n",
			     h->pain, h->pain_max);
	for (size_t i = 0; i < h->nown_words; i++) {
		kw_sb_add(p->out, "<p class=\"words\"><span class=\"key\">In your words:</span> "
			  "\xe2\x80\x9c<bdi>");
		kw_html_text_cut(p->out, h->own_words[i], 300);
		kw_sb_add(p->out, "</bdi>\xe2\x80\x9d</p>\n");
	}
	kw_sb_add(p->out, "</section>\n");
}

static void page_safety_nets(struct page *p)
{
	if (!p->h->nsafety_nets)
		return;
	kw_sb_add(p->out, "<section class=\"safety\">\n<h2>When to see a professional</h2>\n");
	for (size_t i = 0; i < p->h->nsafety_nets; i++) {
		kw_sb_add(p->out, "<p>");
		kw_html_text(p->out, p->h->safety_nets[i]);
		kw_sb_add(p->out, "</p>\n");
	}
	kw_sb_add(p->out, "</section>\n");
}

/* The drawing with when to see a professional under it, and beside it
 * the knots and the pain in the person's terms; without a drawing, one
 * column.  The two columns come out about as long as each other. */
static void page_overview(struct page *p)
{
	bool drawing = kw_back_has_marks(p->h);

	kw_sb_printf(p->out, "<div class=\"overview%s\">\n<div>\n", drawing ? "" : " no-drawing");
	if (drawing) {
		kw_sb_add(p->out, "<figure class=\"figure\">\n");
		kw_back_svg(p->out, p->h);
		kw_sb_printf(p->out, "<figcaption>Your back, seen from behind: press %s.</figcaption>\n"
			     "</figure>\n", p->h->side == KW_SIDE_BOTH ?
			     "where the dots are, on the side that hurts" : "where the dots are");
		page_safety_nets(p);
		kw_sb_add(p->out, "</div>\n<div>\n");
	}
	page_knots(p);
	page_about(p);
	if (!drawing)
		page_safety_nets(p);
	kw_sb_add(p->out, "</div>\n</div>\n");
}

/* Seven boxes to tick, one for each day from today. */
static void page_week(struct page *p)
{
	kw_sb_add(p->out, "<div class=\"week\">");
	for (int d = 0; d < 7; d++) {
		struct tm day;
		kw_clock_day(p->now, d, &day);
		kw_sb_printf(p->out, "<span class=\"day\">%.3s %d</span>",
			     weekdays[day.tm_wday], day.tm_mday);
	}
	kw_sb_add(p->out, "</div>\n");
}

/* "4 min · moderate pressure · 2x daily · for A, B" */
static void page_routine_facts(struct page *p, const struct kw_handout_routine *r)
{
	const char *sep = "";

	kw_sb_add(p->out, "<p class=\"facts\">");
	if (r->minutes) {               /* a habit takes no session time */
		kw_sb_printf(p->out, "%d min", r->minutes);
		sep = " \xc2\xb7 ";
	}
	if (r->pressure) {
		kw_sb_add(p->out, sep);
		kw_html_isolated(p->out, r->pressure);
		kw_sb_add(p->out, " pressure");
		sep = " \xc2\xb7 ";
	}
	if (r->frequency) {
		kw_sb_add(p->out, sep);
		kw_html_isolated(p->out, r->frequency);
		sep = " \xc2\xb7 ";
	}
	for (size_t i = 0; i < r->nknots; i++)
		kw_sb_printf(p->out, "%s<span class=\"letter small\">%c</span>",
			     i ? " " : *sep ? " \xc2\xb7 for " : "for ",
			     kw_back_letter(r->knots[i]));
	kw_sb_add(p->out, "</p>\n");
}

static void page_routine_item(struct page *p, const struct kw_handout_routine *r,
			      size_t number)
{
	/* A short routine is printed whole; a long one may go on in the
	 * next column rather than leave a gap. */
	bool is_short = r->nsteps + r->ncautions <= 3;

	kw_sb_printf(p->out, "<li class=\"routine%s\">\n<div class=\"routine-head\">\n"
		     "<div class=\"what\"><h3><span class=\"number\">%zu</span> ",
		     is_short ? " short" : "", number);
	kw_html_isolated(p->out, r->title);
	kw_sb_add(p->out, "</h3>\n");
	page_routine_facts(p, r);
	kw_sb_add(p->out, "</div>\n");
	page_week(p);
	kw_sb_add(p->out, "</div>\n<ol class=\"steps\">\n");
	for (size_t i = 0; i < r->nsteps; i++) {
		kw_sb_add(p->out, "<li>");
		kw_html_text(p->out, r->steps[i]);
		kw_sb_add(p->out, "</li>\n");
	}
	kw_sb_add(p->out, "</ol>\n");
	for (size_t i = 0; i < r->ncautions; i++) {
		kw_sb_add(p->out, "<p class=\"caution\"><span class=\"key\">Caution:</span> ");
		kw_html_text(p->out, r->cautions[i]);
		kw_sb_add(p->out, "</p>\n");
	}
	kw_sb_add(p->out, "</li>\n");
}

static void page_left_out(struct page *p)
{
	if (!p->h->nleft_out)
		return;
	kw_sb_add(p->out, "<p class=\"left-out\">Left out to fit the time you have: ");
	for (size_t i = 0; i < p->h->nleft_out; i++) {
		kw_sb_add(p->out, i ? ", " : "");
		kw_html_isolated(p->out, p->h->left_out[i]);
	}
	kw_sb_add(p->out, ".</p>\n");
}

static void routines_open(struct page *p, bool posture)
{
	if (posture)
		kw_sb_add(p->out, "<section class=\"habits\">\n<h2>Posture habits</h2>\n");
	else
		kw_sb_printf(p->out, "<section class=\"routines\">\n<h2>Your routine "
			     "<span class=\"total\">%d min a day</span></h2>\n", p->h->minutes);
	kw_sb_add(p->out, "<ol class=\"routine-list\">\n");
}

/* The routine, or (posture) the habits, each numbered from 1. */
static void page_routines(struct page *p, bool posture)
{
	size_t number = 0;

	for (size_t i = 0; i < p->h->nroutines; i++) {
		const struct kw_handout_routine *r = &p->h->routines[i];
		if (r->posture != posture)
			continue;
		if (!number)
			routines_open(p, posture);
		page_routine_item(p, r, ++number);
	}
	if (number)
		kw_sb_add(p->out, "</ol>\n");
	if (!posture)
		page_left_out(p);
	if (number)
		kw_sb_add(p->out, "</section>\n");
}

/* What local rule files changed: a handout made with a therapist's
 * changes says so, and a changed safety check stands out. */
static void page_changes(struct page *p)
{
	if (!p->h->nchanges)
		return;
	kw_sb_add(p->out, "<section class=\"changes\">\n<h2>Rule changes in effect</h2>\n<ul>\n");
	for (size_t i = 0; i < p->h->nchanges; i++) {
		const struct kw_handout_change *c = &p->h->changes[i];
		kw_sb_printf(p->out, "<li%s>%s%s ", c->safety ? " class=\"safety-change\"" : "",
			     c->safety ? "A safety check: " : "",
			     c->disabled ? "switched off" : "changed");
		kw_sb_add(p->out, c->safety ? "" : c->noun);
		if (c->words) {
			kw_sb_add(p->out, c->safety ? "\xe2\x80\x9c" : ", \xe2\x80\x9c");
			kw_html_isolated(p->out, c->words);
			kw_sb_add(p->out, "\xe2\x80\x9d");
		}
		kw_sb_add(p->out, " (");
		kw_html_isolated(p->out, c->file);
		kw_sb_printf(p->out, ", line %u)</li>\n", c->line);
	}
	kw_sb_add(p->out, "</ul>\n</section>\n");
}

static void page_footer(struct page *p)
{
	kw_sb_add(p->out, "<footer>\n<p>");
	if (p->h->disclaimer) {
		kw_html_text(p->out, p->h->disclaimer);
		kw_sb_add(p->out, " ");
	}
	kw_sb_add(p->out, "Made by " PACKAGE_NAME " " PACKAGE_VERSION " on ");
	put_date(p->out, p->now);
	kw_sb_add(p->out, ".</p>\n</footer>\n");
}

char *kw_render_html(const struct kw_kb *kb, const struct kw_result *res,
		     const struct kw_html_style *style)
{
	struct kw_handout *h = kw_handout_new(kb, res);
	struct kw_strbuf out = {0};
	struct page p = { .out = &out, .h = h, .now = style->now };
	bool alarm = h->level >= KW_URGENT;

	page_head(&p);
	kw_sb_printf(&out, "<body class=\"%s%s\">\n<main class=\"sheet\">\n",
		     level_classes[h->level], alarm ? " alarm" : "");
	page_header(&p, alarm ? level_titles[h->level] : "Your back-care routine");
	page_triage(&p);
	if (!alarm) {
		page_overview(&p);
		page_routines(&p, false);
		page_routines(&p, true);
	}
	page_changes(&p);
	page_footer(&p);
	kw_sb_add(&out, "</main>\n</body>\n</html>\n");
	kw_handout_free(h);
	return out.data;
}
