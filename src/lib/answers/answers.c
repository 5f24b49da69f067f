/*
 * answers: values checked against their question, `unsure`, ask_if and
 * required questions.  The readers of each input form are in read.c.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answers/answers_internal.h"
#include "expr/expr.h"
#include "expr/matcher.h"
#include "session/relevance.h"
#include "util/arena.h"
#include "util/scalar.h"
#include "util/strbuf.h"

struct kw_answers *kw_answers_new(const struct kw_kb *kb)
{
	struct kw_answers *a = kw_xcalloc(1, sizeof *a);

	a->values = kw_xcalloc(kb->nquestions + 1, sizeof *a->values);
	a->state = kw_xcalloc(kb->nquestions + 1, sizeof *a->state);
	a->confirmed = kw_xcalloc(kb->nquestions + 1, sizeof *a->confirmed);
	a->arena = kw_arena_new();
	a->matcher = kw_matcher_new(kb);
	return a;
}

static void free_warnings(struct kw_answers *a)
{
	for (size_t i = 0; i < a->nwarnings; i++)
		free(a->warnings[i]);
	a->nwarnings = 0;
}

void kw_answers_clear(const struct kw_kb *kb, struct kw_answers *a)
{
	memset(a->values, 0, kb->nquestions * sizeof *a->values);
	memset(a->state, 0, kb->nquestions * sizeof *a->state);
	memset(a->confirmed, 0, kb->nquestions * sizeof *a->confirmed);
	a->incomplete = false;
	free_warnings(a);
	kw_arena_reset(a->arena);
}

void kw_answers_free(struct kw_answers *a)
{
	if (!a)
		return;
	free_warnings(a);
	free(a->warnings);
	free(a->values);
	free(a->state);
	free(a->confirmed);
	kw_arena_free(a->arena);
	kw_matcher_free(a->matcher);
	free(a);
}

void kw_answers_warn(struct kw_answers *a, const char *fmt, ...)
{
	struct kw_strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	kw_sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	KW_PUSH(a->warnings, a->nwarnings, a->warnings_cap,
		sb.data ? sb.data : kw_xstrdup(""));
}

static void list_choices(const struct kw_kb *kb, const struct kw_question *q, char *why,
			 size_t n)
{
	struct kw_strbuf sb = {0};

	for (unsigned i = 0; i < q->choices.n; i++)
		kw_sb_printf(&sb, "%s%s", i ? ", " : "", kw_ref(kb, q->choices, i));
	snprintf(why, n, "%s", kw_sb_str(&sb));
	kw_sb_free(&sb);
}

static bool parse_multi(const struct kw_kb *kb, const struct kw_question *q,
			const char *text, struct kw_value *v, char *why, size_t whylen)
{
	char *copy = kw_xstrdup(text), *items[KW_MAX_CHOICES + 1];
	size_t n = kw_split_commas(copy, items, KW_MAX_CHOICES + 1);
	bool ok = n <= KW_MAX_CHOICES;

	v->kind = KW_V_SET;
	v->u.set = 0;
	for (size_t i = 0; ok && i < n; i++) {
		int c = kw_question_choice(kb, q, items[i]);
		if (c < 0 && !(n == 1 && !*items[i]))
			ok = false;
		else if (c >= 0)
			v->u.set |= UINT64_C(1) << c;
	}
	if (!ok) {
		char list[1024];
		list_choices(kb, q, list, sizeof list);
		snprintf(why, whylen, "any of %s, separated by commas", list);
	}
	free(copy);
	return ok;
}

static bool parse_number(const struct kw_question *q, const char *text,
			 struct kw_value *v, char *why, size_t whylen)
{
	v->kind = KW_V_NUM;
	if (kw_parse_decimal(text, &v->u.num) && v->u.num >= q->min &&
	    v->u.num <= q->max && (q->type == KW_NUMBER || v->u.num == (long)v->u.num))
		return true;
	if (q->type == KW_SCALE)
		snprintf(why, whylen, "a whole number from %g to %g", q->min, q->max);
	else if (q->min > -1e300 && q->max < 1e300)
		snprintf(why, whylen, "a number from %g to %g", q->min, q->max);
	else
		snprintf(why, whylen, "a number such as 2 or 0.5");
	return false;
}

bool kw_answer_parse(const struct kw_kb *kb, size_t qi, const char *text,
		     struct kw_arena *arena, struct kw_value *v, char *why,
		     size_t whylen)
{
	const struct kw_question *q = &kb->questions[qi];
	int c;

	switch (q->type) {
	case KW_YESNO:
		v->kind = KW_V_BOOL;
		if (kw_parse_yesno(text, &v->u.b))
			return true;
		snprintf(why, whylen, "yes or no");
		return false;
	case KW_CHOICE:
		if ((c = kw_question_choice(kb, q, text)) >= 0) {
			v->kind = KW_V_CHOICE;
			v->u.choice = (unsigned)c;
			return true;
		}
		list_choices(kb, q, why, whylen);
		return false;
	case KW_MULTI:
		return parse_multi(kb, q, text, v, why, whylen);
	case KW_SCALE:
	case KW_NUMBER:
		return parse_number(q, text, v, why, whylen);
	case KW_TEXT:
		if (strlen(text) > KW_MAX_TEXT_ANSWER) {
			snprintf(why, whylen, "a text of at most %d bytes",
				 KW_MAX_TEXT_ANSWER);
			return false;
		}
		v->kind = KW_V_TEXT;
		v->u.str = kw_arena_strdup(arena, text);
		return true;
	}
	return false;
}

static struct kw_value unsure_value(const struct kw_question *q)
{
	struct kw_value v = { .kind = KW_V_UNKNOWN };

	if (q->unsure != KW_UNSURE_UNKNOWN) {
		v.kind = KW_V_BOOL;
		v.u.b = q->unsure == KW_UNSURE_YES;
	}
	return v;
}

bool kw_answers_put(const struct kw_kb *kb, struct kw_answers *a, size_t qi,
		    const char *text, struct kw_loc loc, struct kw_diags *diags)
{
	const struct kw_question *q = &kb->questions[qi];
	char why[1200];
	struct kw_value v;

	if (!kw_utf8_valid(text, strlen(text))) {
		kw_diag(diags, KW_ERROR, loc, "the answer to '%s' is not valid UTF-8", kw_s(kb, q->id));
		return false;
	}
	if (strcasecmp(text, "unsure") == 0) {
		a->values[qi] = unsure_value(q);
		a->state[qi] = KW_UNSURE;
		return true;
	}
	if (!kw_answer_parse(kb, qi, text, a->arena, &v, why, sizeof why)) {
		kw_diag(diags, KW_ERROR, loc, "invalid answer '%.80s' to '%s': expected %s",
			text, kw_s(kb, q->id), why);
		return false;
	}
	a->values[qi] = v;
	a->state[qi] = KW_ANSWERED;
	return true;
}

bool kw_answers_ask_if(const struct kw_kb *kb, const struct kw_answers *a, size_t q)
{
	struct kw_eval ev = { .kb = kb, .values = a->values, .matcher = a->matcher };
	return kw_prog_eval(kb->questions[q].ask_if, &ev);
}

static void warn_unsure(const struct kw_kb *kb, struct kw_answers *a, size_t qi)
{
	const struct kw_question *q = &kb->questions[qi];

	if (q->unsure == KW_UNSURE_UNKNOWN)
		kw_answers_warn(a, "'%s' was answered unsure and is left unknown", kw_s(kb, q->id));
	else
		kw_answers_warn(a, "'%s' was answered unsure and is taken as %s, "
				"to be safe", kw_s(kb, q->id), q->unsure == KW_UNSURE_YES ? "yes" : "no");
}

struct quoted {
	const struct kw_kb *kb;
	const struct kw_answers *a;
	struct kw_strbuf *sb;
	bool with_ids;
	size_t quoted[8], nquoted;
};

static void quote_answer(size_t sym, bool negative, void *data)
{
	struct quoted *qd = data;
	const struct kw_value *v = &qd->a->values[sym];

	(void)negative;
	for (size_t i = 0; i < qd->nquoted; i++)
		if (qd->quoted[i] == sym)
			return;         /* a recheck_if may test one answer many ways */
	if (sym >= qd->kb->nquestions || v->kind != KW_V_TEXT ||
	    qd->nquoted == sizeof qd->quoted / sizeof *qd->quoted)
		return;
	qd->quoted[qd->nquoted++] = sym;
	kw_sb_add(qd->sb, qd->sb->len ? ", " : "");
	if (qd->with_ids)
		kw_sb_printf(qd->sb, "%s = ", kw_s(qd->kb, qd->kb->questions[sym].id));
	kw_sb_printf(qd->sb, "\"%.100s\"", v->u.str);
}

void kw_answers_quote_words(const struct kw_kb *kb, const struct kw_answers *a,
			    size_t q, bool with_ids, struct kw_strbuf *sb)
{
	struct quoted qd = { kb, a, sb, with_ids, {0}, 0 };
	kw_prog_visit(kb, kb->questions[q].recheck_if, quote_answer, &qd);
}

bool kw_answers_disagree(const struct kw_kb *kb, const struct kw_answers *a, size_t qi)
{
	const struct kw_question *q = &kb->questions[qi];
	struct kw_eval ev = { .kb = kb, .values = a->values, .matcher = a->matcher };

	return q->recheck_if != KW_NONE && a->state[qi] == KW_ANSWERED && !a->confirmed[qi] &&
	       a->values[qi].kind == KW_V_BOOL && !a->values[qi].u.b &&
	       kw_prog_eval(q->recheck_if, &ev);
}

/* A `no` that the person's own words contradict (recheck_if holds) counts
 * as unsure: the cautious reading (SPEC §2, §4).  True when it did. */
static bool recheck(const struct kw_kb *kb, struct kw_answers *a, size_t qi)
{
	const struct kw_question *q = &kb->questions[qi];
	struct kw_strbuf why = {0};

	if (!kw_answers_disagree(kb, a, qi))
		return false;
	kw_answers_quote_words(kb, a, qi, true, &why);
	a->values[qi] = unsure_value(q);
	a->state[qi] = KW_UNSURE;
	kw_answers_warn(a, "'%s' was answered no, but the answers disagree (%s): it "
			"is taken as unsure%s", kw_s(kb, q->id), why.len ? kw_sb_str(&why) : kw_s(kb, q->id),
			q->unsure == KW_UNSURE_YES ? ", that is yes, to be safe" : "");
	kw_sb_free(&why);
	return true;
}

/* Could any answers to the missing required questions still prevent an
 * emergency?  Optional questions left unanswered stay unknown. */
static bool emergency_certain(const struct kw_kb *kb, const struct kw_answers *a,
			      const bool *missing)
{
	struct kw_relevance rel;
	bool certain;

	kw_relevance_init(&rel, kb, a);
	kw_relevance_reset(&rel, missing);
	certain = rel.emergency;
	kw_relevance_free(&rel);
	return certain;
}

/* Required questions left unanswered: an error, unless --partial or an
 * emergency is certain anyway; then the result says the screen was
 * incomplete. */
static bool check_missing(const struct kw_kb *kb, struct kw_answers *a, const bool *missing,
			  const char *list, bool partial, struct kw_diags *diags)
{
	if (!*list)
		return true;
	if (partial) {
		kw_answers_warn(a, "the red-flag screen was incomplete: no answer to %s", list);
	} else if (emergency_certain(kb, a, missing)) {
		kw_answers_warn(a, "no answer to %s; the answers given already call for "
				"emergency care", list);
	} else {
		kw_diag(diags, KW_ERROR, (struct kw_loc){0}, "required questions left "
			"unanswered: %s (answer them, or use --partial)", list);
		return false;
	}
	a->incomplete = true;
	return true;
}

/* SPEC §8: the episode question ([settings] episode_from) answered no
 * starts a new episode, in which the journal's answers are unknown; the
 * questions after it are then asked, or kept, as without them. */
static void follow_episode(const struct kw_kb *kb, struct kw_answers *a, size_t qi)
{
	if ((long)qi != kb->settings->episode_from || a->state[qi] != KW_ANSWERED ||
	    a->values[qi].kind != KW_V_BOOL || a->values[qi].u.b)
		return;
	for (size_t q = 0; q < kb->nquestions; q++)
		if (kb->questions[q].journal) {
			a->state[q] = KW_UNANSWERED;
			a->values[q].kind = KW_V_UNKNOWN;
		}
}

bool kw_answers_finish(const struct kw_kb *kb, struct kw_answers *a,
		       bool partial, struct kw_diags *diags)
{
	struct kw_strbuf list = {0};
	bool *missing = kw_xcalloc(kb->nquestions + 1, sizeof *missing), ok;

	for (size_t i = 0; i < kb->nquestions; i++) {
		size_t qi = kb->ask_order[i];
		const struct kw_question *q = &kb->questions[qi];

		if (!kw_answers_ask_if(kb, a, qi)) {
			if (a->state[qi] != KW_UNANSWERED)
				kw_answers_warn(a, "the answer to '%s' was dropped: the "
						"question is not asked when %s", kw_s(kb, q->id),
						"its ask_if does not hold");
			a->state[qi] = KW_UNANSWERED;
			a->values[qi].kind = KW_V_UNKNOWN;
			continue;
		}
		if (!recheck(kb, a, qi) && a->state[qi] == KW_UNSURE)
			warn_unsure(kb, a, qi);
		if (q->required && a->state[qi] == KW_UNANSWERED) {
			kw_sb_printf(&list, "%s%s", list.len ? ", " : "", kw_s(kb, q->id));
			missing[qi] = true;
		}
		follow_episode(kb, a, qi);
	}
	ok = check_missing(kb, a, missing, kw_sb_str(&list), partial, diags);
	kw_sb_free(&list);
	free(missing);
	return ok;
}
