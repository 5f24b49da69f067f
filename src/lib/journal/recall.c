/*
 * journal/recall: the last consult as the questionnaire shows it — one
 * line in a person's words, and the answers it may offer as defaults.
 * Words come from the rule set (labels, names, titles); an id found in
 * the journal that the rule set no longer has is left out, never shown.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "answers/answers_internal.h"
#include "expr/expr.h"
#include "journal/consult.h"
#include "ruleset/ruleset.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/scalar.h"
#include "util/strbuf.h"

/* Words inside a sentence: a label's first letter in lower case ("Lower
 * back" -> "lower back", but "STarT" stays), up to a " - " that starts
 * its explanation ("Lower back - around belt level"). */
static void add_words(struct kw_strbuf *sb, const char *label)
{
	const char *dash = strstr(label, " - ");
	size_t n = dash ? (size_t)(dash - label) : strlen(label);

	if (n >= 2 && label[0] >= 'A' && label[0] <= 'Z' && kw_is_lower(label[1])) {
		kw_sb_addc(sb, (char)(label[0] - 'A' + 'a'));
		label++;
		n--;
	}
	kw_sb_addn(sb, label, n);
}

static void start_part(struct kw_strbuf *sb)
{
	kw_sb_add(sb, sb->len ? ", " : "");
}

/* Where it hurt: the labels of the regions_from answer's choices. */
static void add_where(const struct kw_journal_consult *c, const struct kw_journal_record *r,
		      struct kw_strbuf *sb)
{
	const struct kw_kb *kb = c->kb;
	int32_t q = kb->settings->regions_from;
	struct kw_value v;
	struct kw_arena *scratch = kw_arena_new();
	const char *text = q >= 0 ? kw_journal_record_answer(r, kw_s(kb, kb->questions[q].id)) : NULL;
	char why[200];
	bool first = true;

	if (text && kw_answer_parse(kb, (size_t)q, text, scratch, &v, why, sizeof why) &&
	    v.kind == KW_V_SET && v.u.set)
		for (unsigned i = 0; i < kb->questions[q].choices.n; i++) {
			const char *label = kw_ref(kb, kb->questions[q].labels, i);
			if (!(v.u.set >> i & 1) || !label)
				continue;
			if (first)
				start_part(sb);
			kw_sb_add(sb, first ? "" : " and ");
			add_words(sb, label);
			first = false;
		}
	kw_arena_free(scratch);
}

static void add_pain(const struct kw_journal_consult *c, const struct kw_journal_record *r,
		     struct kw_strbuf *sb)
{
	const struct kw_question *q = &c->kb->questions[c->kb->settings->pain_from];
	double pain;

	if (kw_journal_record_pain(c->kb, r, &pain) && pain >= q->min && pain <= q->max) {
		start_part(sb);
		kw_sb_printf(sb, "pain %g/%g", pain, q->max);
	}
}

/* The routine, by its first knot's name, else by its first title. */
static void add_routine(const struct kw_journal_consult *c, const struct kw_journal_record *r,
			struct kw_strbuf *sb)
{
	size_t i;

	if (r->nroutine == 0)
		return;
	if (r->nknots && kw_kb_find_knot(c->kb, r->knots[0], &i)) {
		start_part(sb);
		kw_sb_add(sb, "the ");
		add_words(sb, kw_s(c->kb, c->kb->knots[i].name));
		kw_sb_add(sb, " routine");
	} else if (kw_kb_find_routine(c->kb, r->routine[0], &i)) {
		start_part(sb);
		kw_sb_printf(sb, "the routine \"%s\"", kw_s(c->kb, c->kb->routines[i].title));
	}
}

/* In the words of the result's level headings, as the session's why says it. */
static void add_advice(const struct kw_journal_record *r, struct kw_strbuf *sb)
{
	static const char *const advice[] = {
		[KW_PROFESSIONAL] = "the advice to see a professional",
		[KW_URGENT] = "the advice to get care the same day",
		[KW_EMERGENCY] = "the advice to get emergency care",
	};
	enum kw_level level;

	if (r->level && kw_level_parse(r->level, &level) && level != KW_SELF_CARE) {
		start_part(sb);
		kw_sb_add(sb, advice[level]);
	}
}

static void add_when(long days, struct kw_strbuf *sb)
{
	if (days <= 0)
		kw_sb_add(sb, "Last time, earlier today");
	else if (days == 1)
		kw_sb_add(sb, "Last time, yesterday");
	else
		kw_sb_printf(sb, "Last time, %ld days ago", days);
}

char *kw_journal_last_time(const struct kw_journal_consult *c)
{
	const struct kw_journal_record *last = kw_journal_consult_last(c);
	struct kw_strbuf line = {0}, parts = {0};

	if (!last)
		return NULL;
	add_when(kw_clock_days_between(last->time, c->now), &line);
	add_where(c, last, &parts);
	if (c->kb->settings->pain_from >= 0)
		add_pain(c, last, &parts);
	add_routine(c, last, &parts);
	add_advice(last, &parts);
	if (parts.len)
		kw_sb_printf(&line, ": %s", parts.data);
	kw_sb_addc(&line, '.');
	kw_sb_free(&parts);
	return line.data;
}

static void tests_journal(size_t sym, bool negative, void *data)
{
	struct { const struct kw_kb *kb; bool found; } *t = data;

	(void)negative;
	t->found |= sym < t->kb->nquestions && t->kb->questions[sym].journal;
}

/* A follow-up question (its ask_if tests the journal) asks about the time
 * since the last consult: last time's answer to it cannot stand. */
static bool follows_up(const struct kw_kb *kb, size_t q)
{
	struct { const struct kw_kb *kb; bool found; } t = { kb, false };

	kw_prog_visit(kb, kb->questions[q].ask_if, tests_journal, &t);
	return t.found;
}

char *kw_journal_last_answer(const struct kw_journal_consult *c, size_t q)
{
	const struct kw_journal *j = c->j;
	struct kw_arena *scratch;
	struct kw_value v;
	const char *text;
	char why[200];
	bool takes;

	if (j->nrecords == 0 || c->kb->questions[q].journal || follows_up(c->kb, q) ||
	    (long)q == c->kb->settings->pain_from)
		return NULL;
	text = kw_journal_record_answer(&j->records[j->nrecords - 1],
					kw_s(c->kb, c->kb->questions[q].id));
	if (!text)
		return NULL;
	scratch = kw_arena_new();
	takes = kw_answer_parse(c->kb, q, text, scratch, &v, why, sizeof why);
	kw_arena_free(scratch);
	return takes ? kw_xstrdup(text) : NULL;
}
