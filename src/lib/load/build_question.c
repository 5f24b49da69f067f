/*
 * build_question: [question ID] sections to kw_question, and the asking
 * order (by `order`, ties by load order) that ask_if scoping relies on.
 */
#include <config.h>

#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "load/build.h"
#include "expr/expr.h"
#include "util/scalar.h"

static bool parse_type(const char *s, uint8_t *type)
{
	for (int t = KW_YESNO; t <= KW_TEXT; t++)
		if (strcmp(s, kw_qtype_name((enum kw_qtype)t)) == 0)
			return *type = (uint8_t)t, true;
	return false;
}

/* A question's choices while its section is read. */
struct choices {
	const char *ids[KW_MAX_CHOICES], *labels[KW_MAX_CHOICES];
	size_t n;
};

static bool has_choice(const struct choices *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->ids[i], id) == 0)
			return true;
	return false;
}

static void add_choice(struct kw_builder *b, const struct kw_raw_section *s,
		       const struct kw_raw_entry *e, struct choices *c)
{
	struct kw_loc loc = kw_entry_loc(s, e);
	char *text = kw_arena_strdup(b->arena, e->value);
	char *bar = strchr(text, '|'), *id;

	if (bar)
		*bar = '\0';
	id = kw_trim(text);
	if (!kw_valid_id(id)) {
		kw_diag(b->diags, KW_ERROR, loc, "invalid choice id '%s' (lower-case "
			"letter, then lower-case letters, digits or '_')", id);
	} else if (strcmp(id, "unsure") == 0) {
		kw_diag(b->diags, KW_ERROR, loc, "'unsure' is reserved and cannot "
			"be a choice");
	} else if (has_choice(c, id)) {
		kw_diag(b->diags, KW_ERROR, loc, "choice '%s' given twice", id);
	} else if (c->n == KW_MAX_CHOICES) {
		kw_diag(b->diags, KW_ERROR, loc, "more than %d choices", KW_MAX_CHOICES);
	} else {
		c->ids[c->n] = id;
		c->labels[c->n++] = bar && *kw_trim(bar + 1) ? kw_trim(bar + 1) : NULL;
	}
}

static struct kw_slice add_texts(struct kw_builder *b, const char *const *texts, size_t n)
{
	struct kw_slice slice = { kw_store_add(b->st, KW_PART_REFS, NULL, n), (uint32_t)n };

	for (size_t i = 0; i < n; i++)
		*(kw_sref *)kw_store_at(b->st, KW_PART_REFS, slice.off + i) =
			kw_store_text(b->st, texts[i]);
	return slice;
}

static void read_choices(struct kw_builder *b, const struct kw_raw_section *s,
			 struct kw_question *q)
{
	bool wants = q->type == KW_CHOICE || q->type == KW_MULTI;
	struct choices c = { .n = 0 };

	for (size_t i = 0; i < s->nentries; i++) {
		const struct kw_raw_entry *e = &s->entries[i];
		if (strcmp(e->key, "choice") != 0)
			continue;
		if (!wants) {
			kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "a %s question has "
				"no choices", kw_qtype_name((enum kw_qtype)q->type));
			return;
		}
		add_choice(b, s, e, &c);
	}
	if (wants && c.n == 0)
		kw_diag(b->diags, KW_ERROR, s->loc, "a %s question needs at least "
			"one 'choice'", kw_qtype_name((enum kw_qtype)q->type));
	q->choices = add_texts(b, c.ids, c.n);
	q->labels = add_texts(b, c.labels, c.n);
}

static void read_bound(struct kw_builder *b, const struct kw_raw_section *s,
		       struct kw_question *q, const char *key, double *bound)
{
	const struct kw_raw_entry *e = kw_entry(s, key);
	long n;

	if (!e)
		return;
	if (q->type != KW_SCALE && q->type != KW_NUMBER)
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e),
			"'%s' applies only to scale and number questions", key);
	else if (q->type == KW_SCALE && kw_parse_int(e->value, -1000000, 1000000, &n))
		*bound = (double)n;
	else if (q->type == KW_SCALE || !kw_parse_decimal(e->value, bound))
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "'%s' must be %s, "
			"not '%s'", key, q->type == KW_SCALE ? "an integer" : "a number",
			e->value);
}

static void read_flags(struct kw_builder *b, const struct kw_raw_section *s,
		       struct kw_question *q)
{
	const struct kw_raw_entry *e;
	long order = 100;
	bool required = false;

	if ((e = kw_entry(s, "order")) &&
	    !kw_parse_int(e->value, -1000000000L, 1000000000L, &order))
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e),
			"'order' must be an integer, not '%s'", e->value);
	q->order = (int32_t)order;
	if ((e = kw_entry(s, "required")) && !kw_parse_yesno(e->value, &required))
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e),
			"'required' is yes or no, not '%s'", e->value);
	q->required = required;
	if (!(e = kw_entry(s, "unsure")) || strcmp(e->value, "unknown") == 0)
		q->unsure = KW_UNSURE_UNKNOWN;
	else if (q->type == KW_YESNO && strcmp(e->value, "yes") == 0)
		q->unsure = KW_UNSURE_YES;
	else if (q->type == KW_YESNO && strcmp(e->value, "no") == 0)
		q->unsure = KW_UNSURE_NO;
	else
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "'unsure' is %s, "
			"not '%s'", q->type == KW_YESNO ? "yes, no or unknown"
			: "unknown for a non-yesno question", e->value);
}

/* `item` and `recheck_if` belong to yes/no questions; `journal` names one
 * of the journal's fields (SPEC §2, §8). */
static void read_extras(struct kw_builder *b, const struct kw_raw_section *s,
			struct kw_question *q)
{
	const struct kw_raw_entry *e;

	q->item = (e = kw_entry(s, "item")) ? kw_store_text(b->st, e->value) : 0;
	if (e && q->type != KW_YESNO)
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e),
			"'item' applies only to yesno questions");
	if ((e = kw_entry(s, "recheck_if")) && q->type != KW_YESNO)
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e),
			"'recheck_if' applies only to yesno questions");
	if (!(e = kw_entry(s, "journal")))
		return;
	for (int f = KW_JOURNAL_CONSULTS; f < KW_NJOURNAL_FIELDS; f++)
		if (strcmp(e->value, kw_journal_field_name((enum kw_journal_field)f)) == 0)
			q->journal = (uint8_t)f;
	if (!q->journal)
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "unknown journal field "
			"'%s' (consults, days_since_first, days_since_last, first_pain, "
			"last_pain, last_level or routine_days)", e->value);
}

static void build_question(struct kw_builder *b, const struct kw_raw_section *s,
			   struct kw_question *q)
{
	const struct kw_raw_entry *e;

	q->id = kw_store_text(b->st, s->id);
	q->where = kw_build_where(s);
	q->group = KW_NONE;
	q->ask_if = q->recheck_if = KW_NONE;
	q->text = kw_store_text(b->st, (e = kw_entry(s, "text")) ? e->value : "");
	q->help = (e = kw_entry(s, "help")) ? kw_store_text(b->st, e->value) : 0;
	if ((e = kw_entry(s, "type")) && !parse_type(e->value, &q->type))
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "unknown question "
			"type '%s' (yesno, choice, multi, scale, number or text)",
			e->value);
	if (strcmp(s->id, "id") == 0)
		kw_diag(b->diags, KW_ERROR, s->loc, "'id' is reserved (batch uses "
			"it) and cannot name a question");
	q->min = q->type == KW_SCALE ? 0 : -DBL_MAX;
	q->max = q->type == KW_SCALE ? 10 : DBL_MAX;
	read_choices(b, s, q);
	read_bound(b, s, q, "min", &q->min);
	read_bound(b, s, q, "max", &q->max);
	if (q->min > q->max)
		kw_diag(b->diags, KW_ERROR, s->loc, "min is above max in [question %s]",
			s->id);
	read_flags(b, s, q);
	read_extras(b, s, q);
}

/* Asking order: by `order`, ties by load order; a question with a
 * `journal` key, answered before the first question is asked, counts as
 * asked before every other (SPEC §2), for ask_if as for everything. */
static int compare_asking(const void *pa, const void *pb, void *questions)
{
	const struct kw_question *qs = questions;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	if (!qs[a].journal != !qs[b].journal)
		return qs[a].journal ? -1 : 1;
	if (qs[a].order != qs[b].order)
		return qs[a].order < qs[b].order ? -1 : 1;
	return a < b ? -1 : a > b;
}

void kw_build_questions(struct kw_builder *b)
{
	size_t n = b->sections.len[KW_SEC_QUESTION];
	uint32_t *order;

	for (size_t i = 0; i < n; i++) {
		const struct kw_raw_section *s = b->sections.of[KW_SEC_QUESTION][i];
		struct kw_question q = {0};
		build_question(b, s, &q);
		kw_store_add(b->st, KW_PART_QUESTIONS, &q, 1);
		kw_store_name(b->st, KW_IDS_SYMBOL, s->id, i);
	}
	b->position = kw_xcalloc(n + 1, sizeof *b->position);
	if (!n)
		return;
	kw_store_add(b->st, KW_PART_ASK_ORDER, NULL, n);
	order = kw_store_at(b->st, KW_PART_ASK_ORDER, 0);
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, n, sizeof *order, compare_asking, (void *)b->kb->questions);
	for (size_t i = 0; i < n; i++)
		b->position[order[i]] = i;
}

void kw_build_resolve_questions(struct kw_builder *b)
{
	for (size_t i = 0; i < b->kb->nquestions; i++) {
		const struct kw_raw_section *s = b->sections.of[KW_SEC_QUESTION][i];
		struct kw_scope ask = { true, b->position[i], b->position };
		struct kw_scope recheck = { true, SIZE_MAX, b->position };
		uint32_t ask_if = kw_build_condition(b, s, "ask_if", &ask);
		uint32_t recheck_if = b->kb->questions[i].type == KW_YESNO
			? kw_build_condition(b, s, "recheck_if", &recheck) : KW_NONE;
		struct kw_question *q = kw_store_at(b->st, KW_PART_QUESTIONS, i);

		q->ask_if = ask_if;
		q->recheck_if = recheck_if;
	}
}
