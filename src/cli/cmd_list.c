/*
 * cmd_list: what a loaded rule set holds, for a script writer or a
 * therapist.  Text: one line per question (in asking order), rule, knot
 * or routine, with the keys a script needs (a question's type, allowed
 * values and whether it must be answered), the file:line and its words.
 * JSON (--format json): an array with every key of each section.
 */
#include <config.h>

#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "expr/format.h"
#include "util/json_writer.h"
#include "util/strbuf.h"

enum what { LIST_QUESTIONS, LIST_RULES, LIST_KNOTS, LIST_ROUTINES };

static const char *const listable[] = { "questions", "rules", "knots", "routines" };

/* "yes|no", "neck,upper_back", "0..10", "any number", "text". */
static void allowed_values(struct kw_strbuf *sb, const struct kw_question *q)
{
	switch (q->type) {
	case KW_YESNO:
		kw_sb_add(sb, "yes|no");
		break;
	case KW_CHOICE:
	case KW_MULTI:
		for (unsigned i = 0; i < q->nchoices; i++)
			kw_sb_printf(sb, "%s%s", i ? (q->type == KW_CHOICE ? "|" : ",") : "",
				     q->choices[i]);
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

static const char *unsure_name(enum kw_unsure u)
{
	return u == KW_UNSURE_YES ? "yes" : u == KW_UNSURE_NO ? "no" : "unknown";
}

/* A condition as rule-file text, or NULL when there is none. */
static const char *condition(struct kw_strbuf *sb, const struct kw_expr *e)
{
	kw_sb_reset(sb);
	if (!e)
		return NULL;
	kw_expr_format(sb, e);
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
		kw_sb_printf(sb, "suspect %s %g", kb->knots[a->target].id, a->cf);
		break;
	case KW_ACT_RECOMMEND:
		kw_sb_printf(sb, "recommend %s", kb->routines[a->target].id);
		break;
	case KW_ACT_AVOID:
		kw_sb_printf(sb, "avoid %s", kb->tags[a->target]);
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

static void where_from(struct lister *l, struct kw_loc loc)
{
	key_string(l, "file", loc.file);
	key_number(l, "line", loc.line);
}

static void question_json(struct lister *l, const struct kw_question *q)
{
	key_string(l, "type", kw_qtype_name(q->type));
	kw_json_key(&l->j, "choices");
	kw_json_array(&l->j);
	for (unsigned i = 0; i < q->nchoices; i++) {
		kw_json_object(&l->j);
		key_string(l, "id", q->choices[i]);
		key_string(l, "label", q->labels[i]);
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
	key_string(l, "ask_if", condition(&l->scratch, q->ask_if));
	key_string(l, "recheck_if", condition(&l->scratch, q->recheck_if));
	key_number(l, "order", q->order);
	key_string(l, "group", q->group == SIZE_MAX ? NULL : l->kb->groups[q->group].id);
	key_string(l, "item", q->item);
	key_string(l, "journal", q->journal ? kw_journal_field_name(q->journal) : NULL);
	key_string(l, "help", q->help);
}

static void question_line(struct lister *l, const struct kw_question *q)
{
	kw_sb_printf(&l->out, "%s\t%s\t", q->id, kw_qtype_name(q->type));
	allowed_values(&l->out, q);
	kw_sb_printf(&l->out, "\t%s%s%s", q->required ? "required" : "optional",
		     q->unsure != KW_UNSURE_UNKNOWN ? ",unsure=" : "",
		     q->unsure != KW_UNSURE_UNKNOWN ? unsure_name(q->unsure) : "");
	if (q->ask_if)
		kw_sb_printf(&l->out, ",ask_if=%s", condition(&l->scratch, q->ask_if));
	if (q->journal)
		kw_sb_printf(&l->out, ",journal=%s", kw_journal_field_name(q->journal));
}

static void rule_json(struct lister *l, const struct kw_rule *r)
{
	key_string(l, "if", r->cond_text);
	kw_json_key(&l->j, "then");
	kw_json_array(&l->j);
	for (size_t i = 0; i < r->nactions; i++) {
		kw_sb_reset(&l->scratch);
		action_text(&l->scratch, l->kb, &r->actions[i]);
		kw_json_string(&l->j, kw_sb_str(&l->scratch));
	}
	kw_json_end(&l->j, ']');
	key_number(l, "priority", r->priority);
	key_string(l, "advice", r->advice);
}

static void knot_json(struct lister *l, const struct kw_knot *k)
{
	key_string(l, "region", k->region >= 0 ? kw_region_name((enum kw_region)k->region) : NULL);
	key_string(l, "where", k->where);
	key_string(l, "refers", k->refers);
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

static void id_array(struct lister *l, const char *key, size_t n,
		     const char *(*id_of)(const struct kw_kb *, const size_t *, size_t),
		     const size_t *items)
{
	kw_json_key(&l->j, key);
	kw_json_array(&l->j);
	for (size_t i = 0; i < n; i++)
		kw_json_string(&l->j, id_of(l->kb, items, i));
	kw_json_end(&l->j, ']');
}

static const char *knot_at(const struct kw_kb *kb, const size_t *items, size_t i)
{
	return kb->knots[items[i]].id;
}

static const char *tag_at(const struct kw_kb *kb, const size_t *items, size_t i)
{
	return kb->tags[items[i]];
}

static void routine_json(struct lister *l, const struct kw_routine *r)
{
	key_string(l, "kind", kw_kind_name(r->kind));
	id_array(l, "for", r->nknots, knot_at, r->knots);
	key_number(l, "minutes", r->minutes);
	key_string(l, "pressure", r->pressure);
	key_string(l, "frequency", r->frequency);
	id_array(l, "tags", r->ntags, tag_at, r->tags);
	key_string(l, "if", condition(&l->scratch, r->cond));
	key_number(l, "order", r->order);
	key_number(l, "steps", (double)r->nsteps);
}

static void routine_line(struct lister *l, const struct kw_routine *r)
{
	kw_sb_printf(&l->out, "%s\t%s\t%d min\t", r->id, kw_kind_name(r->kind), r->minutes);
	for (size_t i = 0; i < r->nknots; i++)
		kw_sb_printf(&l->out, "%s%s", i ? "," : "", l->kb->knots[r->knots[i]].id);
	kw_sb_add(&l->out, r->nknots ? "\t" : "-\t");
	for (size_t i = 0; i < r->ntags; i++)
		kw_sb_printf(&l->out, "%s%s", i ? "," : "", l->kb->tags[r->tags[i]]);
	kw_sb_add(&l->out, r->ntags ? "" : "-");
}

static void rule_line(struct lister *l, const struct kw_rule *r)
{
	kw_sb_add(&l->out, r->id);
}

static void knot_line(struct lister *l, const struct kw_knot *k)
{
	kw_sb_printf(&l->out, "%s\t%s", k->id,
		     k->region >= 0 ? kw_region_name((enum kw_region)k->region) : "-");
}

/* What every listed item has, whatever its kind. */
struct entry {
	const char *id, *text_key, *text;
	struct kw_loc loc;
};

static struct entry entry_of(const struct kw_kb *kb, enum what what, size_t i)
{
	const struct kw_question *q = &kb->questions[kb->ask_order[i]];
	const struct kw_rule *r = &kb->rules[i];
	const struct kw_knot *k = &kb->knots[i];
	const struct kw_routine *rt = &kb->routines[i];

	switch (what) {
	case LIST_QUESTIONS: return (struct entry){ q->id, "text", q->text, q->loc };
	case LIST_RULES: return (struct entry){ r->id, "because", r->because, r->loc };
	case LIST_KNOTS: return (struct entry){ k->id, "name", k->name, k->loc };
	default: return (struct entry){ rt->id, "title", rt->title, rt->loc };
	}
}

/* The item's own keys, as a text line's columns or as JSON members. */
static void details(struct lister *l, enum what what, size_t i)
{
	const struct kw_kb *kb = l->kb;

	switch (what) {
	case LIST_QUESTIONS:
		(l->json ? question_json : question_line)(l, &kb->questions[kb->ask_order[i]]);
		break;
	case LIST_RULES:
		(l->json ? rule_json : rule_line)(l, &kb->rules[i]);
		break;
	case LIST_KNOTS:
		(l->json ? knot_json : knot_line)(l, &kb->knots[i]);
		break;
	case LIST_ROUTINES:
		(l->json ? routine_json : routine_line)(l, &kb->routines[i]);
		break;
	}
}

/* One item: a JSON object, or a tab-separated line ending in file:line
 * and its words (a rule without `because` shows its condition). */
static void item(struct lister *l, enum what what, size_t i)
{
	struct entry e = entry_of(l->kb, what, i);

	if (!l->json) {
		details(l, what, i);
		kw_sb_printf(&l->out, "\t%s:%u\t%s\n", e.loc.file, e.loc.line,
			     e.text ? e.text : l->kb->rules[i].cond_text);
		return;
	}
	kw_json_object(&l->j);
	key_string(l, "id", e.id);
	key_string(l, e.text_key, e.text);
	details(l, what, i);
	where_from(l, e.loc);
	kw_json_end(&l->j, '}');
}

static char *list(const struct kw_kb *kb, enum what what, bool json)
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

static int parse_what(const struct kw_options *opts)
{
	if (opts->nargs != 1)
		return -1;
	for (int i = 0; i < 4; i++)
		if (strcmp(opts->args[0], listable[i]) == 0)
			return i;
	return -1;
}

int kw_cmd_list(const struct kw_options *opts)
{
	int what = parse_what(opts), status;
	struct kw_kb *kb;
	char *out;
	bool ok;

	if (what < 0)
		return kw_cli_usage("%s", "'list' needs one of: questions, rules, knots, routines");
	if (opts->format == KW_FORMAT_HTML)
		return kw_cli_usage("%s", "'list' prints text or json, not html");
	if ((status = kw_cli_load(opts, &kb)) != 0)
		return status;
	out = list(kb, (enum what)what, opts->format == KW_FORMAT_JSON);
	ok = kw_cli_write(out, strlen(out));
	free(out);
	kw_kb_free(kb);
	return ok ? KW_EXIT_OK : KW_EXIT_IOERR;
}
