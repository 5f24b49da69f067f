/*
 * list: what a loaded rule set holds, for a script writer or a
 * therapist (`knotwise list`).  Text: one line per question (in asking order), rule, knot
 * or routine, with the keys a script needs (a question's type, allowed
 * values and whether it must be answered), the file:line and its words.
 * JSON (--format json): an array with every key of each section.
 */
#include <config.h>

#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"
#include "knotwise/render.h"
#include "util/json_writer.h"
#include "util/strbuf.h"

static const char *const listable[] = { "questions", "rules", "knots", "routines" };

/* "yes|no", "neck,upper_back", "0..10", "any number", "text". */
static void allowed_values(struct kw_strbuf *sb, const struct kw_kb *kb,
			   const struct kw_question *q)
{
	switch (q->type) {
	case KW_YESNO:
		kw_sb_add(sb, "yes|no");
		break;
	case KW_CHOICE:
	case KW_MULTI:
		for (unsigned i = 0; i < q->choices.n; i++)
			kw_sb_printf(sb, "%s%s", i ? (q->type == KW_CHOICE ? "|" : ",") : "",
				     kw_ref(kb, q->choices, i));
		break;
	case KW_SCALE:
	case KW_NUMBER:
		if (q->min > -DBL_MAX && q->max < DBL_MAX)
			kw_sb_printf(sb, "%g..%g", q->min, q->max);
		else
			kw_sb_add(sb, "any number");
		break;
	case KW_TEXT:
		kw_sb_add(sb, "text");
		break;
	}
}

static const char *unsure_name(uint8_t u)
{
	return u == KW_UNSURE_YES ? "yes" : u == KW_UNSURE_NO ? "no" : "unknown";
}

/* A condition as rule-file text, or NULL when there is none. */
static const char *condition(struct kw_strbuf *sb, const struct kw_kb *kb, uint32_t prog)
{
	kw_sb_reset(sb);
	if (prog == KW_NONE)
		return NULL;
	kw_prog_format(sb, kb, prog);
	return kw_sb_str(sb);
}

static void action_text(struct kw_strbuf *sb, const struct kw_kb *kb,
			const struct kw_action *a)
{
	switch (a->kind) {
	case KW_ACT_SET:
		kw_sb_printf(sb, "set %s", kw_kb_symbol_id(kb, a->target));
		break;
	case KW_ACT_SUSPECT:
		kw_sb_printf(sb, "suspect %s %g", kw_s(kb, kb->knots[a->target].id), a->cf);
		break;
	case KW_ACT_RECOMMEND:
		kw_sb_printf(sb, "recommend %s", kw_s(kb, kb->routines[a->target].id));
		break;
	case KW_ACT_AVOID:
		kw_sb_printf(sb, "avoid %s", kw_s(kb, kb->tags[a->target]));
		break;
	case KW_ACT_TRIAGE:
		kw_sb_printf(sb, "triage %s", kw_level_name((enum kw_level)a->target));
		break;
	}
}

struct lister {
	const struct kw_kb *kb;
	struct kw_json j;
	struct kw_strbuf out, scratch;
	bool json;
};

static void key_string(struct lister *l, const char *key, const char *value)
{
	kw_json_key(&l->j, key);
	kw_json_string(&l->j, value);
}

static void key_number(struct lister *l, const char *key, double value)
{
	kw_json_key(&l->j, key);
	kw_json_number(&l->j, value);
}

static void where_from(struct lister *l, struct kw_where where)
{
	key_string(l, "file", kw_kb_loc(l->kb, where).file);
	key_number(l, "line", where.line);
}

static void question_json(struct lister *l, const struct kw_question *q)
{
	const struct kw_kb *kb = l->kb;

	key_string(l, "type", kw_qtype_name((enum kw_qtype)q->type));
	kw_json_key(&l->j, "choices");
	kw_json_array(&l->j);
	for (unsigned i = 0; i < q->choices.n; i++) {
		kw_json_object(&l->j);
		key_string(l, "id", kw_ref(kb, q->choices, i));
		key_string(l, "label", kw_ref(kb, q->labels, i));
		kw_json_end(&l->j, '}');
	}
	kw_json_end(&l->j, ']');
	kw_json_key(&l->j, "min");
	(q->type == KW_SCALE || q->type == KW_NUMBER) && q->min > -DBL_MAX
		? kw_json_number(&l->j, q->min) : kw_json_string(&l->j, NULL);
	kw_json_key(&l->j, "max");
	(q->type == KW_SCALE || q->type == KW_NUMBER) && q->max < DBL_MAX
		? kw_json_number(&l->j, q->max) : kw_json_string(&l->j, NULL);
	kw_json_key(&l->j, "required");
	kw_json_bool(&l->j, q->required);
	key_string(l, "unsure", unsure_name(q->unsure));
	key_string(l, "ask_if", condition(&l->scratch, kb, q->ask_if));
	key_string(l, "recheck_if", condition(&l->scratch, kb, q->recheck_if));
	key_number(l, "order", q->order);
	key_string(l, "group", q->group == KW_NONE ? NULL : kw_s(kb, kb->groups[q->group].id));
	key_string(l, "item", kw_s(kb, q->item));
	key_string(l, "journal", q->journal
		   ? kw_journal_field_name((enum kw_journal_field)q->journal) : NULL);
	key_string(l, "help", kw_s(kb, q->help));
}

static void question_line(struct lister *l, const struct kw_question *q)
{
	kw_sb_printf(&l->out, "%s\t%s\t", kw_s(l->kb, q->id),
		     kw_qtype_name((enum kw_qtype)q->type));
	allowed_values(&l->out, l->kb, q);
	kw_sb_printf(&l->out, "\t%s%s%s", q->required ? "required" : "optional",
		     q->unsure != KW_UNSURE_UNKNOWN ? ",unsure=" : "",
		     q->unsure != KW_UNSURE_UNKNOWN ? unsure_name(q->unsure) : "");
	if (q->ask_if != KW_NONE)
		kw_sb_printf(&l->out, ",ask_if=%s", condition(&l->scratch, l->kb, q->ask_if));
	if (q->journal)
		kw_sb_printf(&l->out, ",journal=%s",
			     kw_journal_field_name((enum kw_journal_field)q->journal));
}

static void rule_json(struct lister *l, const struct kw_rule *r)
{
	key_string(l, "if", kw_s(l->kb, r->cond_text));
	kw_json_key(&l->j, "then");
	kw_json_array(&l->j);
	for (size_t i = 0; i < r->actions.n; i++) {
		kw_sb_reset(&l->scratch);
		action_text(&l->scratch, l->kb, kw_rule_action(l->kb, r, i));
		kw_json_string(&l->j, kw_sb_str(&l->scratch));
	}
	kw_json_end(&l->j, ']');
	key_number(l, "priority", r->priority);
	key_string(l, "advice", kw_s(l->kb, r->advice));
}

static void knot_json(struct lister *l, const struct kw_knot *k)
{
	key_string(l, "region", k->region >= 0 ? kw_region_name((enum kw_region)k->region) : NULL);
	key_string(l, "where", kw_s(l->kb, k->where_text));
	key_string(l, "refers", kw_s(l->kb, k->refers));
	kw_json_key(&l->j, "map");
	if (k->has_map) {
		kw_json_array(&l->j);
		kw_json_number(&l->j, k->map_x);
		kw_json_number(&l->j, k->map_y);
		kw_json_end(&l->j, ']');
	} else {
		kw_json_string(&l->j, NULL);
	}
}

static void id_array(struct lister *l, const char *key, struct kw_slice items,
		     const char *(*id_of)(const struct kw_kb *, uint32_t))
{
	kw_json_key(&l->j, key);
	kw_json_array(&l->j);
	for (size_t i = 0; i < items.n; i++)
		kw_json_string(&l->j, id_of(l->kb, kw_u32(l->kb, items, i)));
	kw_json_end(&l->j, ']');
}

static const char *knot_id(const struct kw_kb *kb, uint32_t knot)
{
	return kw_s(kb, kb->knots[knot].id);
}

static const char *tag_id(const struct kw_kb *kb, uint32_t tag)
{
	return kw_s(kb, kb->tags[tag]);
}

static void routine_json(struct lister *l, const struct kw_routine *r)
{
	key_string(l, "kind", kw_kind_name((enum kw_kind)r->kind));
	id_array(l, "for", r->knots, knot_id);
	key_number(l, "minutes", r->minutes);
	key_string(l, "pressure", kw_s(l->kb, r->pressure));
	key_string(l, "frequency", kw_s(l->kb, r->frequency));
	id_array(l, "tags", r->tags, tag_id);
	key_string(l, "if", condition(&l->scratch, l->kb, r->cond));
	key_number(l, "order", r->order);
	key_number(l, "steps", (double)r->steps.n);
}

static void routine_line(struct lister *l, const struct kw_routine *r)
{
	kw_sb_printf(&l->out, "%s\t%s\t%d min\t", kw_s(l->kb, r->id),
		     kw_kind_name((enum kw_kind)r->kind), r->minutes);
	for (size_t i = 0; i < r->knots.n; i++)
		kw_sb_printf(&l->out, "%s%s", i ? "," : "", knot_id(l->kb, kw_u32(l->kb, r->knots, i)));
	kw_sb_add(&l->out, r->knots.n ? "\t" : "-\t");
	for (size_t i = 0; i < r->tags.n; i++)
		kw_sb_printf(&l->out, "%s%s", i ? "," : "", tag_id(l->kb, kw_u32(l->kb, r->tags, i)));
	kw_sb_add(&l->out, r->tags.n ? "" : "-");
}

static void rule_line(struct lister *l, const struct kw_rule *r)
{
	kw_sb_add(&l->out, kw_s(l->kb, r->id));
}

static void knot_line(struct lister *l, const struct kw_knot *k)
{
	kw_sb_printf(&l->out, "%s\t%s\t%s", kw_s(l->kb, k->id),
		     k->region >= 0 ? kw_region_name((enum kw_region)k->region) : "-",
		     k->where_text ? kw_s(l->kb, k->where_text) : "-");
}

/* What every listed item has, whatever its kind. */
struct entry {
	const char *id, *text_key, *text;
	struct kw_where where;
};

static struct entry entry_of(const struct kw_kb *kb, enum kw_list_what what, size_t i)
{
	const struct kw_question *q = &kb->questions[kb->ask_order[i]];
	const struct kw_rule *r = &kb->rules[i];
	const struct kw_knot *k = &kb->knots[i];
	const struct kw_routine *rt = &kb->routines[i];

	switch (what) {
	case KW_LIST_QUESTIONS:
		return (struct entry){ kw_s(kb, q->id), "text", kw_s(kb, q->text), q->where };
	case KW_LIST_RULES:
		return (struct entry){ kw_s(kb, r->id), "because", kw_s(kb, r->because), r->where };
	case KW_LIST_KNOTS:
		return (struct entry){ kw_s(kb, k->id), "name", kw_s(kb, k->name), k->where };
	default:
		return (struct entry){ kw_s(kb, rt->id), "title", kw_s(kb, rt->title), rt->where };
	}
}

/* The item's own keys, as a text line's columns or as JSON members. */
static void details(struct lister *l, enum kw_list_what what, size_t i)
{
	const struct kw_kb *kb = l->kb;

	switch (what) {
	case KW_LIST_QUESTIONS:
		(l->json ? question_json : question_line)(l, &kb->questions[kb->ask_order[i]]);
		break;
	case KW_LIST_RULES:
		(l->json ? rule_json : rule_line)(l, &kb->rules[i]);
		break;
	case KW_LIST_KNOTS:
		(l->json ? knot_json : knot_line)(l, &kb->knots[i]);
		break;
	case KW_LIST_ROUTINES:
		(l->json ? routine_json : routine_line)(l, &kb->routines[i]);
		break;
	}
}

/* One item: a JSON object, or a tab-separated line ending in file:line
 * and its words (a rule without `because` shows its condition). */
static void item(struct lister *l, enum kw_list_what what, size_t i)
{
	struct entry e = entry_of(l->kb, what, i);

	if (!l->json) {
		details(l, what, i);
		kw_sb_printf(&l->out, "\t%s:%u\t%s\n", kw_kb_loc(l->kb, e.where).file,
			     e.where.line, e.text ? e.text : kw_s(l->kb, l->kb->rules[i].cond_text));
		return;
	}
	kw_json_object(&l->j);
	key_string(l, "id", e.id);
	key_string(l, e.text_key, e.text);
	details(l, what, i);
	where_from(l, e.where);
	kw_json_end(&l->j, '}');
}

char *kw_render_list(const struct kw_kb *kb, enum kw_list_what what, bool json)
{
	size_t counts[] = { kb->nquestions, kb->nrules, kb->nknots, kb->nroutines };
	struct lister l = { .kb = kb, .json = json };

	kw_json_init(&l.j, &l.out, true);
	if (json)
		kw_json_array(&l.j);
	for (size_t i = 0; i < counts[what]; i++)
		item(&l, what, i);
	if (json) {
		kw_json_end(&l.j, ']');
		kw_sb_addc(&l.out, '\n');
	}
	kw_sb_free(&l.scratch);
	kw_sb_addn(&l.out, "", 0);
	return l.out.data;
}

int kw_list_what_parse(const char *what)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(what, listable[i]) == 0)
			return i;
	return -1;
}
