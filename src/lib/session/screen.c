/*
 * screen: what the session shows next (knotwise/session.h).  Walking the
 * questions in asking order, it passes over (and settles) those that will
 * not be asked, asks a contradicted `no` again first, and makes the next
 * screen: one question, or a checklist of the group members still to ask,
 * with the words to show and about how many screens will follow.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "answers/answers_internal.h"
#include "session/session_internal.h"
#include "util/arena.h"
#include "util/scalar.h"

/* Is q's ask_if already certain to hold?  (One still open is not counted
 * as to come: counting it would promise more screens than most people
 * see, and the count would fall screen after screen.) */
static bool surely_asked(const struct kw_session *s, size_t q)
{
	struct kw_eval ev = { .kb = s->kb, .values = s->rel.values,
			      .matcher = s->a->matcher };
	uint32_t gate = s->kb->questions[q].ask_if;

	return gate == KW_NONE || kw_prog_eval3(gate, &ev, s->rel.open) == KW_YES;
}

/* Screens still to come after the current one: a checklist counts once. */
static size_t screens_to_go(const struct kw_session *s)
{
	const struct kw_kb *kb = s->kb;
	bool *group_counted = kw_xcalloc(kb->ngroups + 1, sizeof *group_counted);
	size_t n = 0;

	for (size_t q = 0; q < kb->nquestions; q++) {
		uint32_t g = kb->questions[q].group;
		bool shown = false;
		for (size_t i = 0; i < s->now.nitems; i++)
			shown |= s->now.items[i] == q;
		if (shown || (s->now.kind == KW_SCREEN_QUESTION && s->now.question == q) ||
		    !kw_session_pending(s, q) || (!s->ask_all && !s->rel.relevant[q]) ||
		    !surely_asked(s, q))
			continue;
		if (g == KW_NONE)
			n++;
		else if (!group_counted[g])
			n++, group_counted[g] = true;
	}
	free(group_counted);
	return n;
}

/* A checklist's preset: the numbers of the items preset yes, or "none";
 * only when every item has a preset. */
static const char *checklist_preset(struct kw_session *s)
{
	kw_sb_reset(&s->checklist_preset);
	for (size_t i = 0; i < s->now.nitems; i++) {
		const char *p = s->presets[s->now.items[i]];
		bool yes;
		if (!p || !kw_parse_yesno(p, &yes))
			return NULL;
		if (yes)
			kw_sb_printf(&s->checklist_preset, "%s%zu",
				     s->checklist_preset.len ? " " : "", i + 1);
	}
	return s->checklist_preset.len ? kw_sb_str(&s->checklist_preset) : "none";
}

/* The preset in the person's words: labels for choice ids. */
static const char *preset_words(struct kw_session *s, const char *preset)
{
	const struct kw_question *q = &s->kb->questions[s->now.question];

	if (!preset || s->now.kind != KW_SCREEN_QUESTION || !q->choices.n)
		return preset;
	kw_sb_reset(&s->preset_words);
	for (size_t i = 0; i < s->now.nchoices; i++) {
		const char *id = s->choice_ids[i], *at = strstr(preset, id);
		size_t n = strlen(id);
		if (at && (at == preset || at[-1] == ',') && (!at[n] || at[n] == ','))
			kw_sb_printf(&s->preset_words, "%s%s", s->preset_words.len ? ", " : "",
				     s->choices[i]);
	}
	return s->preset_words.len ? kw_sb_str(&s->preset_words) : "none";
}

static void show_question(struct kw_session *s, size_t q, bool recheck)
{
	const struct kw_question *qq = &s->kb->questions[q];

	s->now = (struct kw_screen){ .kind = KW_SCREEN_QUESTION, .question = q,
				     .required = qq->required, .text = kw_s(s->kb, qq->text),
				     .help = kw_s(s->kb, qq->help), .type = qq->type,
				     .min = qq->min, .max = qq->max, .nchoices = qq->choices.n,
				     .choices = s->choices, .choice_ids = s->choice_ids };
	for (size_t i = 0; i < qq->choices.n; i++) {
		s->choice_ids[i] = kw_ref(s->kb, qq->choices, i);
		s->choices[i] = kw_ref(s->kb, qq->labels, i) ? kw_ref(s->kb, qq->labels, i)
							      : s->choice_ids[i];
	}
	kw_sb_reset(&s->recheck_words);
	if (recheck) {
		kw_answers_quote_words(s->kb, s->a, q, false, &s->recheck_words);
		s->now.recheck = kw_sb_str(&s->recheck_words);
	} else if (!s->now.required) {
		s->now.preset = s->presets[q];
		s->now.preset_words = preset_words(s, s->now.preset);
	}
}

/* The checklist of q's group: q and the members after it still to ask;
 * one member alone is asked as a plain question. */
static void show_group(struct kw_session *s, size_t q)
{
	const struct kw_kb *kb = s->kb;
	const struct kw_group *g = &kb->groups[kb->questions[q].group];
	size_t n = 0;

	for (size_t i = 0; i < g->questions.n; i++) {
		size_t m = kw_u32(kb, g->questions, i);
		if (m == q || kw_session_would_ask(s, m))
			s->now_items[n++] = m;
	}
	if (n < 2)
		return show_question(s, q, false);
	s->now = (struct kw_screen){ .kind = KW_SCREEN_CHECKLIST, .question = q,
				     .group = kb->questions[q].group, .text = kw_s(kb, g->text),
				     .help = kw_s(kb, g->help), .items = s->now_items,
				     .nitems = n, .item_texts = s->item_texts };
	for (size_t i = 0; i < n; i++) {
		const struct kw_question *m = &kb->questions[s->now_items[i]];
		s->now.required |= m->required;
		s->item_texts[i] = kw_s(kb, m->item ? m->item : m->text);
	}
	if (!s->now.required)
		s->now.preset_words = s->now.preset = checklist_preset(s);
}

static size_t take_recheck(struct kw_session *s)
{
	size_t q = s->rechecks[0];

	memmove(s->rechecks, s->rechecks + 1, --s->nrechecks * sizeof *s->rechecks);
	return q;
}

/* q is asked again before anything else (`back` to a recheck). */
void kw_session_recheck_first(struct kw_session *s, size_t q)
{
	memmove(s->rechecks + 1, s->rechecks, s->nrechecks++ * sizeof *s->rechecks);
	s->rechecks[0] = q;
}

/* The next screen, passing over (and settling) what will not be asked. */
static void find_next(struct kw_session *s)
{
	const struct kw_kb *kb = s->kb;

	for (size_t pos = 0; pos < kb->nquestions && !s->rel.emergency; pos++) {
		size_t q = kb->ask_order[pos];

		if (s->nrechecks)
			return show_question(s, take_recheck(s), true);
		if (!kw_session_pending(s, q))
			continue;
		if (!kw_session_would_ask(s, q))
			kw_session_settle(s, q);
		else if (kb->questions[q].group != KW_NONE)
			return show_group(s, q);
		else
			return show_question(s, q, false);
	}
	s->now = (struct kw_screen){ .kind = KW_SCREEN_DONE, .emergency = s->rel.emergency };
}

void kw_session_advance(struct kw_session *s)
{
	find_next(s);
	s->now.number = s->nhistory + 1;
	s->now.to_go = s->now.kind == KW_SCREEN_DONE ? 0 : screens_to_go(s);
}
