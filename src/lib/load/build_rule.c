/*
 * build_rule: [rule ID] sections to kw_rule.  Facts are the ids rules
 * `set`; they are collected first (kw_build_facts) so that conditions
 * anywhere can name them, whatever the file order.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "load/build.h"
#include "expr/expr.h"
#include "util/scalar.h"

/* The words of an action: verb, then up to three more. */
struct words {
	char *w[5];
	size_t n;
};

static void split_words(char *text, struct words *out)
{
	char *rest, *tok;

	out->n = 0;
	for (tok = strtok_r(text, " \t", &rest); tok && out->n < 5;
	     tok = strtok_r(NULL, " \t", &rest))
		out->w[out->n++] = tok;
}

/* `set F`, `set F = V`, `set F=V`: the fact and its value text (or NULL). */
static bool split_set(char *text, char **fact, char **value)
{
	char *eq;

	text = kw_trim(text + 3);
	eq = strchr(text, '=');
	*value = NULL;
	if (eq) {
		*eq = '\0';
		*value = kw_trim(eq + 1);
	}
	*fact = kw_trim(text);
	return **fact && (!*value || **value);
}

static bool is_set_action(const char *text)
{
	return strncmp(text, "set", 3) == 0 && isspace((unsigned char)text[3]);
}

/* Call fn with the fact of each `set` action of the section. */
static void each_set_fact(const struct kw_raw_section *s,
			  void (*fn)(const char *fact, void *data), void *data)
{
	for (size_t j = 0; j < s->nentries; j++) {
		char *copy, *fact, *value;
		if (strcmp(s->entries[j].key, "then") != 0 ||
		    !is_set_action(s->entries[j].value))
			continue;
		copy = kw_xstrdup(s->entries[j].value);
		if (split_set(copy, &fact, &value))
			fn(fact, data);
		free(copy);
	}
}

struct fact_search {
	const char *fact;
	bool found;
};

static void match_fact(const char *fact, void *data)
{
	struct fact_search *f = data;
	f->found |= strcmp(fact, f->fact) == 0;
}

static bool sets_fact(const struct kw_raw_section *s, const char *fact)
{
	struct fact_search f = { fact, false };
	each_set_fact(s, match_fact, &f);
	return f.found;
}

static void register_fact(struct kw_store *st, const char *id)
{
	struct kw_fact f = { 0 };

	if (!kw_valid_id(id) || kw_kb_find_symbol(st->kb, id, NULL))
		return;
	f.id = kw_store_text(st, id);
	kw_store_add(st, KW_PART_FACTS, &f, 1);
	kw_store_name(st, KW_IDS_SYMBOL, id, kw_kb_nsymbols(st->kb) - 1);
}

static void register_set_fact(const char *fact, void *data)
{
	register_fact(data, fact);
}

/* The facts rules set, and the names a disabled section took away (the
 * facts of a disabled rule, a disabled question): those stay names that
 * tests may use, read as unknown when nothing sets them (SPEC §2). */
void kw_build_facts(struct kw_builder *b)
{
	const struct kw_sections *secs = &b->sections;

	for (size_t i = 0; i < secs->len[KW_SEC_RULE]; i++)
		each_set_fact(secs->of[KW_SEC_RULE][i], register_set_fact, b->st);
	for (size_t i = 0; i < secs->ndisabled; i++) {
		const struct kw_disabled *d = &secs->disabled[i];
		if (d->kind == KW_SEC_RULE)
			each_set_fact(d->was, register_set_fact, b->st);
		else if (d->kind == KW_SEC_QUESTION)
			register_fact(b->st, d->was->id);
	}
}

/* A fact no remaining rule sets: tests of it read as unknown. */
void kw_report_orphan_facts(struct kw_builder *b)
{
	struct kw_kb *kb = b->kb;

	for (size_t i = 0; i < b->sections.ndisabled; i++) {
		struct kw_disabled *d = &b->sections.disabled[i];
		if (d->kind != KW_SEC_RULE)
			continue;
		for (size_t f = 0; f < kb->nfacts; f++)
			if (kb->facts[f].kinds == 0 &&
			    sets_fact(d->was, kw_s(kb, kb->facts[f].id)))
				kw_disabled_took(d, "facts no rule sets any more (tests of "
						 "them read as unknown)", kw_s(kb, kb->facts[f].id));
	}
}

/* `set F` is true; `set F = V` a yes/no, a number or a word. */
static struct kw_lit fact_value(struct kw_store *st, const char *text)
{
	struct kw_lit v = { .kind = KW_V_BOOL, .b = true, .written = KW_LIT_WORD,
			    .text = kw_store_text(st, text ? text : "yes") };
	bool b;

	if (!text)
		return v;
	if (kw_parse_yesno(text, &b))
		return v.b = b, v;
	if (kw_parse_decimal(text, &v.num))
		return v.kind = KW_V_NUM, v.written = KW_LIT_NUMBER, v;
	v.kind = KW_V_WORD;
	return v;
}

static bool parse_set(struct kw_builder *b, struct kw_loc loc, char *text,
		      struct kw_action *a)
{
	char *fact, *value;
	struct kw_lit lit;
	size_t sym = 0;

	if (!split_set(text, &fact, &value)) {
		kw_diag(b->diags, KW_ERROR, loc, "expected 'set FACT' or 'set FACT = VALUE'");
		return false;
	}
	if (!kw_valid_id(fact)) {
		kw_diag(b->diags, KW_ERROR, loc, "invalid fact id '%s'", fact);
		return false;
	}
	kw_kb_find_symbol(b->kb, fact, &sym);
	if (sym < b->kb->nquestions) {
		kw_diag(b->diags, KW_ERROR, loc, "'%s' is a question: a rule may set "
			"only facts, never an answer", fact);
		return false;
	}
	lit = fact_value(b->st, value);
	a->kind = KW_ACT_SET;
	a->target = (uint32_t)sym;
	a->value = kw_store_add(b->st, KW_PART_LITS, &lit, 1);
	((struct kw_fact *)kw_store_at(b->st, KW_PART_FACTS, sym - b->kb->nquestions))->kinds
		|= 1u << lit.kind;
	return true;
}

/* A knot or routine that a disabled section took away: the action goes
 * with it, and the disabling line's note says so. */
static bool dropped(struct kw_builder *b, enum kw_section_kind kind, const char *id)
{
	struct kw_disabled *off = kw_find_disabled(&b->sections, kind, id);

	if (!off)
		return false;
	b->dropped++;
	b->last_drop = off;
	return true;
}

static bool parse_suspect(struct kw_builder *b, struct kw_loc loc,
			  const struct words *w, struct kw_action *a)
{
	size_t target;

	if (w->n != 3) {
		kw_diag(b->diags, KW_ERROR, loc, "expected 'suspect KNOT CF'");
		return false;
	}
	if (!kw_kb_find_knot(b->kb, w->w[1], &target)) {
		if (!dropped(b, KW_SEC_KNOT, w->w[1]))
			kw_unknown_ref(b, loc, "knot", w->w[1], NULL);
		return false;
	}
	a->target = (uint32_t)target;
	if (!kw_parse_decimal(w->w[2], &a->cf) || a->cf < -1 || a->cf > 1) {
		kw_diag(b->diags, KW_ERROR, loc, "certainty factor '%s' is not a "
			"number from -1 to 1", w->w[2]);
		return false;
	}
	a->kind = KW_ACT_SUSPECT;
	return true;
}

static bool parse_other(struct kw_builder *b, struct kw_loc loc,
			const struct words *w, struct kw_action *a)
{
	const char *verb = w->w[0];
	enum kw_level level;
	size_t target;

	if (w->n != 2) {
		kw_diag(b->diags, KW_ERROR, loc, "expected '%s' and one id", verb);
		return false;
	}
	if (strcmp(verb, "recommend") == 0) {
		a->kind = KW_ACT_RECOMMEND;
		if (kw_kb_find_routine(b->kb, w->w[1], &target))
			return a->target = (uint32_t)target, true;
		if (!dropped(b, KW_SEC_ROUTINE, w->w[1]))
			kw_unknown_ref(b, loc, "routine", w->w[1], NULL);
	} else if (strcmp(verb, "avoid") == 0) {
		a->kind = KW_ACT_AVOID;
		if (kw_valid_id(w->w[1]))
			return a->target = kw_store_tag(b->st, w->w[1]), true;
		kw_diag(b->diags, KW_ERROR, loc, "invalid tag '%s'", w->w[1]);
	} else {
		a->kind = KW_ACT_TRIAGE;
		if (kw_level_parse(w->w[1], &level))
			return a->target = (uint32_t)level, true;
		kw_diag(b->diags, KW_ERROR, loc, "unknown triage level '%s' "
			"(self_care, professional, urgent or emergency)", w->w[1]);
	}
	return false;
}

static bool parse_action(struct kw_builder *b, struct kw_loc loc,
			 const char *value, struct kw_action *a)
{
	static const char *const verbs[] = { "suspect", "recommend", "avoid", "triage" };
	char *text = kw_xstrdup(value);
	struct words w;
	bool ok = false;

	a->line = loc.line;
	if (is_set_action(text) || strcmp(text, "set") == 0) {
		ok = parse_set(b, loc, text, a);
		free(text);
		return ok;
	}
	split_words(text, &w);
	if (w.n == 0)
		kw_diag(b->diags, KW_ERROR, loc, "empty action");
	else if (strcmp(w.w[0], verbs[0]) == 0)
		ok = parse_suspect(b, loc, &w, a);
	else if (!strcmp(w.w[0], verbs[1]) || !strcmp(w.w[0], verbs[2]) ||
		 !strcmp(w.w[0], verbs[3]))
		ok = parse_other(b, loc, &w, a);
	else
		kw_diag(b->diags, KW_ERROR, loc, "unknown action '%s' (set, suspect, "
			"recommend, avoid or triage)", w.w[0]);
	free(text);
	return ok;
}

#define MAX_ACTIONS 256

/* False when the rule is left with no action because what its actions
 * named was disabled: then it goes too (SPEC §2). */
static bool build_rule(struct kw_builder *b, const struct kw_raw_section *s,
		       struct kw_rule *r)
{
	const struct kw_raw_entry *e;
	struct kw_action actions[MAX_ACTIONS];
	size_t n = 0, dropped_before = b->dropped;
	long priority = 0;

	*r = (struct kw_rule){ .id = kw_store_text(b->st, s->id), .where = kw_build_where(s),
			       .cond = KW_NONE };
	r->because = (e = kw_entry(s, "because")) ? kw_store_text(b->st, e->value) : 0;
	r->advice = (e = kw_entry(s, "advice")) ? kw_store_text(b->st, e->value) : 0;
	r->cond_text = kw_store_text(b->st, (e = kw_entry(s, "if")) ? e->value : "");
	if ((e = kw_entry(s, "priority")) &&
	    !kw_parse_int(e->value, -1000000000L, 1000000000L, &priority))
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e),
			"'priority' must be an integer, not '%s'", e->value);
	r->priority = (int32_t)priority;
	for (size_t i = 0; i < s->nentries; i++) {
		e = &s->entries[i];
		if (strcmp(e->key, "then") != 0)
			continue;
		if (n == MAX_ACTIONS) {
			kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "more than %d actions",
				MAX_ACTIONS);
			break;
		}
		actions[n] = (struct kw_action){ 0 };
		if (parse_action(b, kw_entry_loc(s, e), e->value, &actions[n]))
			n++;
	}
	r->actions = (struct kw_slice){ kw_store_add(b->st, KW_PART_ACTIONS, actions, n),
					(uint32_t)n };
	if (b->dropped != dropped_before)
		kw_disabled_took(b->last_drop, n ? "its actions in rules"
				 : "rules left with no action", s->id);
	return n || b->dropped == dropped_before;
}

/* Rules left with nothing to do leave the list, and their sections the
 * builder's list, so that both stay in step for resolving. */
void kw_build_rules(struct kw_builder *b)
{
	struct kw_sections *secs = &b->sections;
	size_t n = secs->len[KW_SEC_RULE], kept = 0;

	for (size_t i = 0; i < n; i++) {
		const struct kw_raw_section *s = secs->of[KW_SEC_RULE][i];
		struct kw_rule r;
		if (!build_rule(b, s, &r))
			continue;
		secs->of[KW_SEC_RULE][kept] = s;
		kw_store_add(b->st, KW_PART_RULES, &r, 1);
		kw_store_name(b->st, KW_IDS_RULE, s->id, kept);
		kept++;
	}
	secs->len[KW_SEC_RULE] = kept;
}

void kw_build_resolve_rules(struct kw_builder *b)
{
	struct kw_scope scope = { .before_position = (size_t)-1 };

	for (size_t i = 0; i < b->kb->nrules; i++) {
		uint32_t cond = kw_build_condition(b, b->sections.of[KW_SEC_RULE][i], "if",
						   &scope);
		((struct kw_rule *)kw_store_at(b->st, KW_PART_RULES, i))->cond = cond;
	}
}
