/*
 * history_chart: the pain level at each consult over time, in ASCII so
 * that any terminal shows it.  One row per step of the pain scale (eleven
 * for 0-10), one column per stretch of time: a consult's '*' stands as far
 * along as its date is between the first consult and the last.
 *
 *     10 |
 *      6 | *      *
 *      0 |
 *        +---------------
 *         2026-11-17   2026-12-01
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/history.h"
#include "ruleset/ruleset.h"
#include "util/arena.h"

#define STEPS 10                /* rows above the bottom one */

struct chart {
	const struct kw_question *scale;
	unsigned label_width, plot_width;
	char *cells;                    /* (STEPS + 1) rows of plot_width, top first */
	time_t first, last;
	const struct kw_journal_record *first_r, *last_r;
	size_t points;
};

/* The span of time the consults with a pain level cover. */
static void find_span(struct chart *ch, const struct kw_kb *kb, const struct kw_journal *j)
{
	double pain;

	for (size_t i = 0; i < j->nrecords; i++) {
		const struct kw_journal_record *r = &j->records[i];
		if (!kw_history_pain(kb, r, &pain))
			continue;
		if (!ch->points || r->time < ch->first)
			ch->first = r->time, ch->first_r = r;
		if (!ch->points || r->time >= ch->last)
			ch->last = r->time, ch->last_r = r;
		ch->points++;
	}
}

static void plot(struct chart *ch, const struct kw_kb *kb, const struct kw_journal *j)
{
	double pain, range = ch->scale->max - ch->scale->min;
	double span = difftime(ch->last, ch->first);

	for (size_t i = 0; i < j->nrecords; i++) {
		const struct kw_journal_record *r = &j->records[i];
		size_t x, row;
		if (!kw_history_pain(kb, r, &pain))
			continue;
		x = span > 0 ? (size_t)lround(difftime(r->time, ch->first) / span
					      * (ch->plot_width - 1)) : 0;
		row = STEPS - (size_t)lround((pain - ch->scale->min) / range * STEPS);
		ch->cells[row * ch->plot_width + x] = '*';
	}
}

static void add_rows(struct kw_strbuf *out, const struct chart *ch)
{
	double range = ch->scale->max - ch->scale->min;

	for (size_t row = 0; row <= STEPS; row++) {
		const char *cells = ch->cells + row * ch->plot_width;
		size_t used = ch->plot_width;
		while (used && cells[used - 1] == ' ')
			used--;
		kw_sb_printf(out, "%*g |%s", (int)ch->label_width,
			     ch->scale->max - range * (double)row / STEPS, used ? " " : "");
		kw_sb_addn(out, cells, used);
		kw_sb_addc(out, '\n');
	}
}

/* The axis, with the first date under its start and the last under its
 * end (when there is room for both). */
static void add_axis(struct kw_strbuf *out, const struct chart *ch)
{
	char first[11], last[11];

	kw_sb_printf(out, "%*s +", (int)ch->label_width, "");
	for (unsigned i = 0; i <= ch->plot_width; i++)
		kw_sb_addc(out, '-');
	kw_history_date(ch->first_r, first);
	kw_history_date(ch->last_r, last);
	kw_sb_printf(out, "\n%*s   %s", (int)ch->label_width, "", first);
	if (strcmp(first, last) != 0 && ch->plot_width >= 2 * sizeof first)
		kw_sb_printf(out, "%*s", (int)(ch->plot_width - strlen(first)), last);
	kw_sb_addc(out, '\n');
}

void kw_history_chart(struct kw_writer *w, const struct kw_kb *kb, const struct kw_journal *j)
{
	struct kw_strbuf heading = {0};
	struct chart ch = {0};

	if (kb->settings->pain_from >= 0)
		ch.scale = &kb->questions[kb->settings->pain_from];
	if (ch.scale && ch.scale->max > ch.scale->min && ch.scale->max - ch.scale->min < 1e9)
		find_span(&ch, kb, j);
	if (!ch.points) {
		kw_wrap(w, "", "No pain levels are recorded, so there is nothing to chart.");
		return;
	}
	ch.label_width = (unsigned)snprintf(NULL, 0, "%g", ch.scale->max);
	if ((unsigned)snprintf(NULL, 0, "%g", ch.scale->min) > ch.label_width)
		ch.label_width = (unsigned)snprintf(NULL, 0, "%g", ch.scale->min);
	ch.plot_width = w->width - ch.label_width - 3;
	ch.cells = kw_xmalloc((STEPS + 1) * ch.plot_width);
	memset(ch.cells, ' ', (STEPS + 1) * ch.plot_width);
	plot(&ch, kb, j);
	kw_sb_printf(&heading, "Pain at each consult, %g to %g (each * is one consult):",
		     ch.scale->min, ch.scale->max);
	kw_wrap(w, "", heading.data);
	add_rows(&w->out, &ch);
	add_axis(&w->out, &ch);
	kw_sb_free(&heading);
	free(ch.cells);
}
