/*
 * history: what `knotwise history` prints — for a person, a line on what
 * the journal holds, the table and the chart; for a script, the records
 * as a JSON array.
 */
#include <config.h>

#include <string.h>
#include <time.h>

#include "render/history.h"
#include "ruleset/ruleset.h"

void kw_history_date(const struct kw_journal_record *r, char date[11])
{
	struct tm local;

	localtime_r(&r->time, &local);
	strftime(date, 11, "%Y-%m-%d", &local);
}

bool kw_history_pain(const struct kw_kb *kb, const struct kw_journal_record *r, double *pain)
{
	const struct kw_question *q;

	if (!kw_journal_record_pain(kb, r, pain))
		return false;
	q = &kb->questions[kb->settings->pain_from];
	return *pain >= q->min && *pain <= q->max;
}

/* What the journal holds when it holds no consult. */
static void add_nothing(struct kw_writer *w, const struct kw_journal *j)
{
	struct kw_strbuf say = {0};

	kw_sb_add(&say, j->exists ? "No consults are recorded yet in the journal "
		  : "There is no journal yet at ");
	kw_sb_add_shown(&say, j->path, strlen(j->path));
	if (!j->exists)
		kw_sb_add(&say, ": knotwise keeps one once you finish a consult in a terminal");
	else if (j->nskipped)
		kw_sb_printf(&say, " (%zu line%s could not be read)", j->nskipped,
			     j->nskipped == 1 ? "" : "s");
	kw_sb_addc(&say, '.');
	kw_wrap(w, "", say.data);
	kw_sb_free(&say);
}

void kw_render_history_span(struct kw_strbuf *out, const struct kw_journal *j)
{
	char first[11], last[11];

	if (j->nrecords == 0) {
		kw_sb_add(out, "no consults");
		return;
	}
	kw_history_date(&j->records[0], first);
	kw_history_date(&j->records[j->nrecords - 1], last);
	if (j->nrecords == 1)
		kw_sb_printf(out, "1 consult, on %s", first);
	else
		kw_sb_printf(out, "%zu consults, from %s to %s", j->nrecords, first, last);
}

static void add_summary(struct kw_writer *w, const struct kw_journal *j)
{
	struct kw_strbuf say = {0};

	kw_render_history_span(&say, j);
	if (j->nskipped)
		kw_sb_printf(&say, " (%zu line%s of the journal could not be read)", j->nskipped,
			     j->nskipped == 1 ? "" : "s");
	kw_sb_addc(&say, '.');
	kw_wrap(w, "", say.data);
	kw_sb_addc(&w->out, '\n');
	kw_sb_free(&say);
}

char *kw_render_history_text(const struct kw_kb *kb, const struct kw_journal *j,
			     unsigned width)
{
	struct kw_writer w = { .width = width };

	if (w.width < KW_HISTORY_MIN_WIDTH)
		w.width = KW_HISTORY_MIN_WIDTH;
	if (w.width > KW_HISTORY_MAX_WIDTH)
		w.width = KW_HISTORY_MAX_WIDTH;
	if (j->nrecords == 0) {
		add_nothing(&w, j);
		return w.out.data;
	}
	add_summary(&w, j);
	kw_history_table(&w, kb, j);
	kw_sb_addc(&w.out, '\n');
	kw_history_chart(&w, kb, j);
	return w.out.data;
}

/* A record's line as JSON text that no terminal takes for a command: the
 * DEL and C1 control characters JSON lets through raw (only inside
 * strings) are written as \u escapes, as json_writer writes them. */
static void add_record_json(struct kw_strbuf *out, const char *json)
{
	for (const unsigned char *p = (const unsigned char *)json; *p; p++)
		if (*p == 0x7F)
			kw_sb_add(out, "\\u007f");
		else if (*p == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0)
			kw_sb_printf(out, "\\u00%02x", *++p);
		else
			kw_sb_addc(out, (char)*p);
}

char *kw_render_history_json(const struct kw_journal *j)
{
	struct kw_strbuf out = {0};

	kw_sb_addc(&out, '[');
	for (size_t i = 0; i < j->nrecords; i++) {
		kw_sb_add(&out, i ? ",\n  " : "\n  ");
		add_record_json(&out, j->records[i].json);
	}
	kw_sb_add(&out, j->nrecords ? "\n]\n" : "]\n");
	return out.data;
}
