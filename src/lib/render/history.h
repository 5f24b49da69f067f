/*
 * history: the journal as `knotwise history` shows it (SPEC §8).  For a
 * person: a table of the consults, newest last, then a chart of the pain
 * over time, drawn with plain ASCII characters to fit a terminal of
 * `width` columns (at least KW_HISTORY_MIN_WIDTH).  For a script: the
 * records as a JSON array, each as its line holds it.  Words come from
 * the rule set; nothing from the journal reaches the text but numbers,
 * dates, levels and ids the rule set no longer names.  Each builds the
 * whole output in memory for the caller to write and free.
 */
#ifndef KW_HISTORY_H
#define KW_HISTORY_H

#include "journal/journal.h"
#include "knotwise/render.h"
#include "util/text_wrap.h"
#include "util/strbuf.h"

#define KW_HISTORY_MIN_WIDTH 40
#define KW_HISTORY_MAX_WIDTH 240

/* The parts of the text (history_table.c, history_chart.c), written to
 * w at its width. */
void kw_history_table(struct kw_writer *w, const struct kw_kb *kb, const struct kw_journal *j);
void kw_history_chart(struct kw_writer *w, const struct kw_kb *kb, const struct kw_journal *j);
/* The pain level a record gives, when the pain question takes it. */
bool kw_history_pain(const struct kw_kb *kb, const struct kw_journal_record *r, double *pain);
/* A record's local date, YYYY-MM-DD (11 bytes with the NUL). */
void kw_history_date(const struct kw_journal_record *r, char date[11]);

#endif
