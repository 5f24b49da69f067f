/*
 * render: a result as the JSON object of SPEC §5, as text for a person,
 * or as the printable handout (HTML).  Each builds the whole output in
 * memory: the caller writes it at once, so a failure never leaves half a
 * recommendation on stdout.
 */
#ifndef KNOTWISE_RENDER_H
#define KNOTWISE_RENDER_H

#include <stdbool.h>
#include <time.h>

#include "knotwise/engine.h"
#include "knotwise/journal.h"

struct kw_strbuf;       /* the library's growing string (util/strbuf.h) */

/* Routines never change between consults: batch keeps each one's JSON
 * once written (compact output only). */
struct kw_render_cache;
struct kw_render_cache *kw_render_cache_new(const struct kw_kb *kb);
void kw_render_cache_free(struct kw_render_cache *cache);

/* What goes around the result object: batch's echoed id (raw JSON, the
 * first member) and a --why-not id, answered as the last member. */
struct kw_json_extra {
	bool pretty;
	const char *id, *why_not;
	struct kw_render_cache *cache;  /* NULL, or one made for this kb */
};

/* Can --why-not (the why_not of the styles below) explain id: is it a
 * knot, routine, triage level or rule of this kb, or one that a rule file
 * disabled?  The front end checks before it runs a consult. */
bool kw_why_not_known(const struct kw_kb *kb, const char *id);

/* Append the result object of SPEC §5 to out. */
void kw_render_json(const struct kw_kb *kb, const struct kw_result *res,
		    const struct kw_json_extra *extra, struct kw_strbuf *out);

struct kw_text_style {
	bool color;
	unsigned width;                 /* columns to wrap at */
	bool explain;                   /* the rules and answers behind each item */
	const char *why_not;            /* an id to explain the absence of, or NULL */
};

/* The text a person reads; the caller frees it. */
char *kw_render_text(const struct kw_kb *kb, const struct kw_result *res,
		     const struct kw_text_style *style);

/* The triage and what to do, alone, wrapped to width: for the screen
 * when the whole result goes to a file.  The caller frees it. */
char *kw_render_triage(const struct kw_kb *kb, const struct kw_result *res, unsigned width);

/* What a rule set holds (`knotwise list`): one tab-separated line per
 * item, or a JSON array with every key of each section. */
enum kw_list_what { KW_LIST_QUESTIONS, KW_LIST_RULES, KW_LIST_KNOTS, KW_LIST_ROUTINES };
/* "questions", "rules", "knots" or "routines"; -1 for anything else. */
int kw_list_what_parse(const char *what);
/* The listing; the caller frees it. */
char *kw_render_list(const struct kw_kb *kb, enum kw_list_what what, bool json);

struct kw_html_style {
	time_t now;                     /* the run's one reading of the clock:
					   the page's date and its week of tick boxes */
};

/* The handout, one self-contained HTML page; the caller frees it. */
char *kw_render_html(const struct kw_kb *kb, const struct kw_result *res,
		     const struct kw_html_style *style);

/* `knotwise history` (SPEC §8): a table of the consults, newest last,
 * then a chart of the pain over time, in plain ASCII to fit `width`
 * columns (at least 40); or the records as a JSON array, each as its line
 * holds it.  The caller frees what they return. */
char *kw_render_history_text(const struct kw_kb *kb, const struct kw_journal *j,
			     unsigned width);
char *kw_render_history_json(const struct kw_journal *j);
/* What the journal holds, in words: "3 consults, from 2026-11-17 to
 * 2026-12-01", "1 consult, on 2026-12-01", "no consults". */
void kw_render_history_span(struct kw_strbuf *out, const struct kw_journal *j);

#endif
