/*
 * reply: what a person types, read the way they mean it.  A choice may be
 * typed as its number, its label or its id, in any case ("Lower back",
 * "lower_back", "4"); several at once with spaces or commas; a checklist
 * takes numbers, ranges, "none", "all" and "unsure" before the numbers
 * the person is not sure about.  Whatever is refused is answered with
 * what is allowed, in words, never ids.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answers/answers_internal.h"
#include "session/session_internal.h"
#include "util/arena.h"
#include "util/scalar.h"

#define MAX_PHRASE_WORDS 8      /* the longest label tried, in words */

/* Lower case, every run of other than letters and digits one space. */
static void normalize(const char *in, struct kw_strbuf *out)
{
	bool gap = false;

	kw_sb_reset(out);
	for (; *in; in++) {
		char c = *in;
		if (kw_is_alpha(c) || kw_is_digit(c) || (unsigned char)c >= 0x80) {
			if (gap && out->len)
				kw_sb_addc(out, ' ');
			kw_sb_addc(out, kw_is_alpha(c) && !kw_is_lower(c) ? (char)(c - 'A' + 'a') : c);
			gap = false;
		} else {
			gap = true;
		}
	}
}

static bool same_words(const char *a, const char *b)
{
	struct kw_strbuf na = {0}, nb = {0};
	bool same;

	normalize(a, &na);
	normalize(b, &nb);
	same = strcmp(kw_sb_str(&na), kw_sb_str(&nb)) == 0;
	kw_sb_free(&na);
	kw_sb_free(&nb);
	return same;
}

/* A label's short form: the words before " - " or " (". */
static void short_label(const char *label, struct kw_strbuf *out)
{
	size_t n = strcspn(label, "(");
	const char *dash = strstr(label, " - ");

	if (dash && (size_t)(dash - label) < n)
		n = (size_t)(dash - label);
	kw_sb_reset(out);
	kw_sb_addn(out, label, n);
}

/* Is `words` the whole of the choice's id, label or short label? */
static bool names_whole(const struct kw_kb *kb, const struct kw_question *q, unsigned i,
			const char *words, struct kw_strbuf *scratch)
{
	const char *label = kw_ref(kb, q->labels, i);

	if (same_words(words, kw_ref(kb, q->choices, i)))
		return true;
	if (!label)
		return false;
	short_label(label, scratch);
	return same_words(words, label) || same_words(words, kw_sb_str(scratch));
}

/* " w1 w2 ": the words normalized, a space either side, so that a
 * search finds whole words only. */
static void padded_words(const char *text, struct kw_strbuf *out)
{
	struct kw_strbuf words = {0};

	normalize(text, &words);
	kw_sb_reset(out);
	kw_sb_printf(out, " %s ", kw_sb_str(&words));
	kw_sb_free(&words);
}

/* Are `words` whole words inside the choice's id or label ("hip" in
 * "Hip or buttock")? */
static bool names_part(const struct kw_kb *kb, const struct kw_question *q, unsigned i,
		       const char *words)
{
	struct kw_strbuf want = {0}, in = {0};
	bool found = false;

	padded_words(words, &want);
	if (want.len > 2) {
		padded_words(kw_ref(kb, q->choices, i), &in);
		found = strstr(in.data, want.data) != NULL;
		if (!found && kw_ref(kb, q->labels, i)) {
			padded_words(kw_ref(kb, q->labels, i), &in);
			found = strstr(in.data, want.data) != NULL;
		}
	}
	kw_sb_free(&want);
	kw_sb_free(&in);
	return found;
}

/* The choice that `words` names by number, id or label, or failing
 * that, the one choice it names part of; -1 if none (or several). */
static int find_choice(const struct kw_kb *kb, const struct kw_question *q, const char *words)
{
	struct kw_strbuf scratch = {0};
	int found = -1, parts = 0;
	long n;

	if (kw_parse_int(words, 1, q->choices.n, &n))
		return (int)n - 1;
	for (unsigned i = 0; i < q->choices.n && found < 0; i++)
		if (names_whole(kb, q, i, words, &scratch))
			found = (int)i;
	kw_sb_free(&scratch);
	if (found >= 0)
		return found;
	for (unsigned i = 0; i < q->choices.n; i++)
		if (names_part(kb, q, i, words))
			found = (int)i, parts++;
	return parts == 1 ? found : -1;
}

static bool means_none(const char *typed)
{
	static const char *const words[] = { "none", "nothing", "no", "none of them",
					     "none of these", "nowhere" };

	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (same_words(typed, words[i]))
			return true;
	return false;
}

/* Words of one comma part, matched greedily: the longest run of words
 * (up to MAX_PHRASE_WORDS) that names a choice, then the rest. */
static bool read_part(const struct kw_kb *kb, const struct kw_question *q, char *part,
		      uint64_t *chosen, struct kw_strbuf *problem)
{
	char **words = kw_xcalloc(strlen(part) / 2 + 2, sizeof *words), *rest;
	struct kw_strbuf phrase = {0};
	size_t n = 0, i = 0;
	bool ok = true;

	for (char *w = strtok_r(part, " \t", &rest); w; w = strtok_r(NULL, " \t", &rest))
		words[n++] = w;
	while (ok && i < n) {
		size_t j = n < i + MAX_PHRASE_WORDS ? n : i + MAX_PHRASE_WORDS;
		int c = -1;

		for (; j > i && c < 0; j--) {
			kw_sb_reset(&phrase);
			for (size_t k = i; k < j; k++)
				kw_sb_printf(&phrase, "%s%s", k > i ? " " : "", words[k]);
			c = find_choice(kb, q, kw_sb_str(&phrase));
		}
		if (c < 0)
			kw_sb_printf(problem, "'%.40s' is not one of the answers. ", words[i]);
		else
			*chosen |= UINT64_C(1) << c;
		ok = c >= 0;
		i = j + 1;
	}
	kw_sb_free(&phrase);
	free(words);
	return ok;
}

/* The ids of the choices typed, as a comma list. */
static bool read_choices(const struct kw_kb *kb, const struct kw_question *q,
			 const char *typed, struct kw_strbuf *answer, struct kw_strbuf *problem)
{
	char *copy = kw_xstrdup(typed), *rest;
	uint64_t chosen = 0;
	bool ok = true;
	int whole = find_choice(kb, q, typed);

	if (whole >= 0)
		chosen = UINT64_C(1) << whole;
	else if (q->type == KW_MULTI && means_none(typed))
		chosen = 0;
	else
		for (char *p = strtok_r(copy, ",;", &rest); ok && p; p = strtok_r(NULL, ",;", &rest))
			ok = read_part(kb, q, p, &chosen, problem);
	free(copy);
	if (ok && q->type == KW_CHOICE && (chosen & (chosen - 1)))
		return kw_sb_add(problem, "Please choose just one. "), false;
	for (unsigned i = 0; ok && i < q->choices.n; i++)
		if (chosen & (UINT64_C(1) << i))
			kw_sb_printf(answer, "%s%s", answer->len ? "," : "", kw_ref(kb, q->choices, i));
	return ok;
}

/* "6/10" and "6 out of 10" are 6 on a scale to 10. */
static void drop_out_of(const struct kw_question *q, struct kw_strbuf *text)
{
	char max[32], *at, *after = NULL;

	if (q->type != KW_SCALE)
		return;
	snprintf(max, sizeof max, "%g", q->max);
	if ((at = strchr(text->data, '/')) != NULL)
		after = at + 1;
	else if ((at = strstr(text->data, " out of ")) != NULL)
		after = at + 8;
	if (at && same_words(after, max)) {
		*at = '\0';
		text->len = (size_t)(at - text->data);
		while (text->len && text->data[text->len - 1] == ' ')
			text->data[--text->len] = '\0';
	}
}

static void say_allowed(const struct kw_kb *kb, const struct kw_question *q,
			struct kw_strbuf *problem)
{
	(void)kb;
	switch (q->type) {
	case KW_YESNO:
		kw_sb_add(problem, "Please answer yes or no, or 'not sure'.");
		break;
	case KW_CHOICE:
		kw_sb_printf(problem, "Please type one number from 1 to %u, or the words "
			     "of your answer.", q->choices.n);
		break;
	case KW_MULTI:
		kw_sb_add(problem, "Please type the numbers of all that apply, for "
			  "example: 1 3. Or 'none'.");
		break;
	case KW_SCALE:
		kw_sb_printf(problem, "Please type a whole number from %g to %g.", q->min, q->max);
		break;
	case KW_NUMBER:
		if (q->min > -1e300 && q->max < 1e300)
			kw_sb_printf(problem, "Please type a number from %g to %g.", q->min, q->max);
		else
			kw_sb_add(problem, "Please type a number, such as 2 or 0.5.");
		break;
	case KW_TEXT:
		kw_sb_printf(problem, "That is too long: please say it in fewer than %d "
			     "letters.", KW_MAX_TEXT_ANSWER);
		break;
	}
}

bool kw_reply_to_answer(const struct kw_kb *kb, size_t qi, const char *typed,
			struct kw_strbuf *answer, struct kw_strbuf *problem)
{
	const struct kw_question *q = &kb->questions[qi];
	struct kw_arena *scratch;
	struct kw_value v;
	char why[1200];
	bool ok;

	kw_sb_reset(answer);
	if (!kw_utf8_valid(typed, strlen(typed)))
		return kw_sb_add(problem, "Some of that could not be read: please type "
				 "it again."), false;
	if (q->type == KW_CHOICE || q->type == KW_MULTI) {
		if (!read_choices(kb, q, typed, answer, problem))
			return say_allowed(kb, q, problem), false;
		return true;
	}
	kw_sb_add(answer, typed);
	drop_out_of(q, answer);
	scratch = kw_arena_new();
	ok = kw_answer_parse(kb, qi, kw_sb_str(answer), scratch, &v, why, sizeof why);
	kw_arena_free(scratch);
	if (!ok)
		say_allowed(kb, q, problem);
	return ok;
}

bool kw_session_is_unsure(const char *typed)
{
	static const char *const words[] = {
		"unsure", "not sure", "don't know", "dont know", "do not know",
		"i don't know", "i dont know", "no idea", "maybe", "?"
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasecmp(typed, words[i]) == 0)
			return true;
	return false;
}

/* The checklist words, made one token each: "not sure" -> "unsure". */
static char *tokenizable(const char *typed)
{
	static const char *const unsure[] = { "not sure", "don't know", "dont know",
					      "do not know" };
	char *copy = kw_xstrdup(typed);

	for (char *p = copy; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	for (size_t i = 0; i < sizeof unsure / sizeof *unsure; i++)
		for (char *at; (at = strstr(copy, unsure[i])) != NULL;)
			memset(at, ' ', strlen(unsure[i])), memcpy(at, "unsure", 6);
	return copy;
}

static bool checklist_problem(struct kw_strbuf *problem, const char *first)
{
	if (first)
		kw_sb_add(problem, first);
	kw_sb_add(problem, "Type the numbers of the ones that apply (for example: 2 5), "
		  "'none' if none do, or 'unsure' and the numbers you are not sure about.");
	return false;
}

/* One token: a number or a range, ticked with `mark` (unsure stays). */
static bool tick(size_t nitems, const char *token, char mark, char *ticks,
		 struct kw_strbuf *problem)
{
	char *dash = strchr(token, '-'), first[24], wrong[96];
	long from, to;

	snprintf(first, sizeof first, "%.*s", dash ? (int)(dash - token) : 23, token);
	if (!kw_parse_int(first, 1, (long)nitems, &from) ||
	    !kw_parse_int(dash ? dash + 1 : first, 1, (long)nitems, &to) || to < from) {
		snprintf(wrong, sizeof wrong, "There is no '%.20s' here: the list goes "
			 "from 1 to %zu. ", token, nitems);
		return checklist_problem(problem, wrong);
	}
	for (long i = from; i <= to; i++)
		if (ticks[i - 1] != '?')
			ticks[i - 1] = mark;
	return true;
}

bool kw_reply_to_ticks(size_t nitems, const char *typed, char *ticks,
		       struct kw_strbuf *problem)
{
	char *copy = tokenizable(typed), *rest, mark = 'y';
	bool ok = true, any = false, unsure_rest = false;

	memset(ticks, 'n', nitems);
	for (char *t = strtok_r(copy, " \t,;", &rest); ok && t; t = strtok_r(NULL, " \t,;", &rest)) {
		if (!strcmp(t, "unsure"))
			mark = '?', unsure_rest = true;
		else if (!strcmp(t, "all"))
			memset(ticks, mark, nitems), any = true, unsure_rest = false;
		else if (!strcmp(t, "none") || !strcmp(t, "no") || !strcmp(t, "nothing"))
			any = true;
		else if (!strcmp(t, "yes") || !strcmp(t, "y"))
			ok = checklist_problem(problem, "Which ones? ");
		else if (kw_is_digit(*t))
			ok = tick(nitems, t, mark, ticks, problem), unsure_rest = false, any = true;
		else
			ok = checklist_problem(problem, NULL);
	}
	free(copy);
	if (ok && unsure_rest)          /* "unsure" with no numbers after it */
		for (size_t i = 0; i < nitems; i++)
			ticks[i] = ticks[i] == 'y' ? 'y' : '?';
	if (ok && !any && !unsure_rest)
		ok = checklist_problem(problem, NULL);
	return ok;
}
