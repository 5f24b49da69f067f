/*
 * history_table: one row per consult, newest last — the date, the pain
 * level, the advice, whether the routine was done since the consult
 * before, and the top knot.  From 64 columns the knot ends its row; a
 * narrower terminal gets it on a line of its own below, so 40 columns
 * hold every row.  A new episode is marked where it starts.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "render/history.h"
#include "ruleset/ruleset.h"

/* Width from which a row holds the knot too. */
#define WIDE 64

enum { DATE, PAIN, ADVICE, ROUTINE, KNOT, NCELLS };

static const char *const titles[NCELLS] = { "Date", "Pain", "Advice", "Routine", "Top knot" };
static const unsigned widths[NCELLS - 1] = { 10, 5, 12, 8 };

/* s in exactly `width` columns: padded with blanks, or cut after its
 * last whole word that leaves room for "..." (util/text_wrap). */
static void add_cell(struct kw_strbuf *out, const char *s, unsigned width)
{
	size_t len = strlen(s), cols;
	bool cut;

	len = kw_fit_words(s, len, width, &cut);
	kw_sb_addn(out, s, len);
	cols = kw_text_columns(s, len);
	if (cut) {
		kw_sb_add(out, "...");
		cols += 3;
	}
	for (; cols < width; cols++)
		kw_sb_addc(out, ' ');
}

static void trim_line(struct kw_strbuf *out)
{
	while (out->len && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
	kw_sb_addc(out, '\n');
}

/* One row: the first four cells, and the knot after them (wide) or on
 * the next line under the pain (narrow). */
static void add_row(struct kw_strbuf *out, const char *const cells[NCELLS], unsigned width)
{
	unsigned gap = width >= WIDE ? 2 : 1, used = 0;

	for (int i = 0; i < KNOT; i++) {
		add_cell(out, cells[i], widths[i]);
		add_cell(out, "", gap);
		used += widths[i] + gap;
	}
	if (width < WIDE) {
		trim_line(out);
		used = widths[DATE] + gap;
		add_cell(out, "", used);
	}
	add_cell(out, cells[KNOT], width - used);
	trim_line(out);
}

static const char *advice_words(const char *level)
{
	static const char *const words[] = { "self-care", "professional", "urgent", "emergency" };
	enum kw_level l;

	return level && kw_level_parse(level, &l) ? words[l] : "?";
}

/* The top knot by its name; one the rule set lost, by its id in words. */
static void knot_words(const struct kw_kb *kb, const struct kw_journal_record *r, char *buf,
		       size_t size)
{
	size_t k;

	if (r->nknots == 0)
		snprintf(buf, size, "-");
	else if (kw_kb_find_knot(kb, r->knots[0], &k))
		snprintf(buf, size, "%s", kw_s(kb, kb->knots[k].name));
	else
		for (snprintf(buf, size, "%s", r->knots[0]); (buf = strchr(buf, '_')) != NULL;)
			*buf = ' ';
}

static void pain_words(const struct kw_kb *kb, const struct kw_journal_record *r, char *buf,
		       size_t size)
{
	double pain;

	if (kw_history_pain(kb, r, &pain))
		snprintf(buf, size, "%g/%g", pain, kb->questions[kb->settings->pain_from].max);
	else
		snprintf(buf, size, "-");
}

/* The days of routine since the consult before, as recorded. */
static void routine_words(const struct kw_journal_record *r, char *buf, size_t size)
{
	double days;

	if (!kw_journal_record_number(r, KW_JOURNAL_ROUTINE_DAYS_ANSWER, &days) || days < 0)
		snprintf(buf, size, "-");
	else if (days == 0)
		snprintf(buf, size, "no");
	else
		snprintf(buf, size, "%.4g day%s", days, days == 1 ? "" : "s");
}

static void add_record(struct kw_strbuf *out, const struct kw_kb *kb,
		       const struct kw_journal_record *r, unsigned width)
{
	char date[11], pain[32], routine[32], knot[128];
	const char *cells[NCELLS] = { date, pain, advice_words(r->level), routine, knot };

	kw_history_date(r, date);
	pain_words(kb, r, pain, sizeof pain);
	routine_words(r, routine, sizeof routine);
	knot_words(kb, r, knot, sizeof knot);
	add_row(out, cells, width);
}

void kw_history_table(struct kw_writer *w, const struct kw_kb *kb, const struct kw_journal *j)
{
	add_row(&w->out, titles, w->width);
	for (size_t i = 0; i < j->nrecords; i++) {
		if (i > 0 && j->records[i].episode != j->records[i - 1].episode)
			kw_sb_add(&w->out, "-- a new episode starts --\n");
		add_record(&w->out, kb, &j->records[i], w->width);
	}
}
