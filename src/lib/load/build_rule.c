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
#include "knotwise/expr.h"
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

static void register_fact(struct kw_kb *kb, const char *id, size_t *cap)
{
	if (!kw_valid_id(id) || kw_kb_find_symbol(kb, id, NULL))
		return;
	kw_grow(&kb->facts, cap, kb->nfacts + 1, sizeof *kb->facts);
	kb->facts[kb->nfacts].id = kw_arena_strdup(kb->arena, id);
	kb->facts[kb->nfacts].kinds = 0;
	kw_map_put(&kb->index->symbols, kb->facts[kb->nfacts].id,
		   kb->nquestions + kb->nfacts);
	kb->nfacts++;
}

struct registrar {
	struct kw_kb *kb;
	size_t cap;
};

static void register_set_fact(const char *fact, void *data)
{
	struct registrar *r = data;
	register_fact(r->kb, fact, &r->cap);
}

/* The facts rules set, and the names a disabled section took away (the
 * facts of a disabled rule, a disabled question): those stay names that
 * tests may use, read as unknown when nothing sets them (SPEC §2). */
void kw_build_facts(struct kw_builder *b)
{
	const struct kw_sections *secs = &b->sections;
	struct registrar r = { b->kb, 0 };

	for (size_t i = 0; i < secs->len[KW_SEC_RULE]; i++)
		each_set_fact(secs->of[KW_SEC_RULE][i], register_set_fact, &r);
	for (size_t i = 0; i < secs->ndisabled; i++) {
		const struct kw_disabled *d = &secs->disabled[i];
		if (d->kind == KW_SEC_RULE)
			each_set_fact(d->was, register_set_fact, &r);
		else if (d->kind == KW_SEC_QUESTION)
			register_fact(b->kb, d->was->id, &r.cap);
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
			if (kb->facts[f].kinds == 0 && sets_fact(d->was, kb->facts[f].id))
				kw_disabled_took(d, "facts no rule sets any more (tests of "
						 "them read as unknown)", kb->facts[f].id);
	}
}

static struct kw_value fact_value(struct kw_kb *kb, const char *text)
{
	struct kw_value v = { .kind = KW_V_BOOL, .u.b = true };
	double num;

	if (!text)
		return v;
	if (kw_parse_yesno(text, &v.u.b))
		return v;
	if (kw_parse_decimal(text, &num))
		return (struct kw_value){ .kind = KW_V_NUM, .u.num = num };
	return (struct kw_value){ .kind = KW_V_WORD,
				  .u.str = kw_arena_strdup(kb->arena, text) };
}

static bool parse_set(struct kw_builder *b, struct kw_loc loc, char *text,
		      struct kw_action *a)
{
	char *fact, *value;

	if (!split_set(text, &fact, &value)) {
		kw_diag(b->diags, KW_ERROR, loc, "expected 'set FACT' or 'set FACT = VALUE'");
		return false;
	}
	if (!kw_valid_id(fact)) {
		kw_diag(b->diags, KW_ERROR, loc, "invalid fact id '%s'", fact);
		return false;
	}
	kw_kb_find_symbol(b->kb, fact, &a->target);
	if (a->target < b->kb->nquestions) {
		kw_diag(b->diags, KW_ERROR, loc, "'%s' is a question: a rule may set "
			"only facts, never an answer", fact);
		return false;
	}
	a->kind = KW_ACT_SET;
	a->value = fact_value(b->kb, value);
	b->kb->facts[a->target - b->kb->nquestions].kinds |= 1u << a->value.kind;
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
	if (w->n != 3) {
		kw_diag(b->diags, KW_ERROR, loc, "expected 'suspect KNOT CF'");
		return false;
	}
	if (!kw_kb_find_knot(b->kb, w->w[1], &a->target)) {
		if (!dropped(b, KW_SEC_KNOT, w->w[1]))
			kw_unknown_ref(b, loc, "knot", w->w[1], NULL);
		return false;
	}
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

	if (w->n != 2) {
		kw_diag(b->diags, KW_ERROR, loc, "expected '%s' and one id", verb);
		return false;
	}
	if (strcmp(verb, "recommend") == 0) {
		a->kind = KW_ACT_RECOMMEND;
		if (kw_kb_find_routine(b->kb, w->w[1], &a->target))
			return true;
		if (!dropped(b, KW_SEC_ROUTINE, w->w[1]))
			kw_unknown_ref(b, loc, "routine", w->w[1], NULL);
	} else if (strcmp(verb, "avoid") == 0) {
		a->kind = KW_ACT_AVOID;
		a->target = kw_kb_intern_tag(b->kb, w->w[1]);
		if (kw_valid_id(w->w[1]))
			return true;
		kw_diag(b->diags, KW_ERROR, loc, "invalid tag '%s'", w->w[1]);
	} else {
		a->kind = KW_ACT_TRIAGE;
		if (kw_level_parse(w->w[1], &level))
			return a->target = level, true;
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

/* False when the rule is left with no action because what its actions
 * named was disabled: then it goes too (SPEC §2). */
static bool build_rule(struct kw_builder *b, const struct kw_raw_section *s,
		       struct kw_rule *r)
{
	const struct kw_raw_entry *e;
	size_t n = 0, dropped_before = b->dropped;
	long priority = 0;

	*r = (struct kw_rule){ .id = s->id, .loc = s->loc };
	r->because = (e = kw_entry(s, "because")) ? e->value : NULL;
	r->advice = (e = kw_entry(s, "advice")) ? e->value : NULL;
	r->cond_text = (e = kw_entry(s, "if")) ? e->value : "";
	if ((e = kw_entry(s, "priority")) &&
	    !kw_parse_int(e->value, -1000000000L, 1000000000L, &priority))
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e),
			"'priority' must be an integer, not '%s'", e->value);
	r->priority = (int)priority;
	for (size_t i = 0; i < s->nentries; i++)
		n += strcmp(s->entries[i].key, "then") == 0;
	r->actions = kw_arena_alloc(b->kb->arena, n * sizeof *r->actions);
	for (size_t i = 0; i < s->nentries; i++) {
		e = &s->entries[i];
		if (strcmp(e->key, "then") == 0 &&
		    parse_action(b, kw_entry_loc(s, e), e->value, &r->actions[r->nactions]))
			r->nactions++;
	}
	if (b->dropped != dropped_before)
		kw_disabled_took(b->last_drop, r->nactions ? "its actions in rules"
				 : "rules left with no action", s->id);
	return r->nactions || b->dropped == dropped_before;
}

/* Rules left with nothing to do leave the list, and their sections the
 * builder's list, so that both stay in step for resolving. */
void kw_build_rules(struct kw_builder *b)
{
	struct kw_kb *kb = b->kb;
	struct kw_sections *secs = &b->sections;
	size_t n = secs->len[KW_SEC_RULE], kept = 0;

	kb->rules = kw_xcalloc(n + 1, sizeof *kb->rules);
	for (size_t i = 0; i < n; i++) {
		const struct kw_raw_section *s = secs->of[KW_SEC_RULE][i];
		if (!build_rule(b, s, &kb->rules[kept]))
			continue;
		secs->of[KW_SEC_RULE][kept] = s;
		kw_map_put(&kb->index->rules, kb->rules[kept].id, kept);
		kept++;
	}
	secs->len[KW_SEC_RULE] = kb->nrules = kept;
}

void kw_build_resolve_rules(struct kw_builder *b)
{
	struct kw_kb *kb = b->kb;
	struct kw_scope scope = { .before_position = (size_t)-1 };

	for (size_t i = 0; i < kb->nrules; i++)
		kb->rules[i].cond = kw_build_condition(b, b->sections.of[KW_SEC_RULE][i],
						       "if", &scope);
}
