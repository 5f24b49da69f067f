/*
 * sections: which sections are in force.  A section with the kind and id
 * of an earlier one replaces it whole but keeps its place in load order;
 * `disabled = yes` removes it.  Every key of every section is checked
 * against its kind's table here, once, so builders can trust the keys.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "load/build.h"
#include "util/map.h"
#include "util/scalar.h"

#define REPEATABLE 1u
#define REQUIRED 2u

struct key_spec {
	const char *name;
	unsigned flags;
};

static const struct key_spec question_keys[] = {
	{ "text", REQUIRED }, { "type", REQUIRED }, { "choice", REPEATABLE },
	{ "min", 0 }, { "max", 0 }, { "help", 0 }, { "ask_if", 0 },
	{ "order", 0 }, { "required", 0 }, { "unsure", 0 }, { "item", 0 },
	{ "recheck_if", 0 }, { "journal", 0 }, { "disabled", 0 },
	{ NULL, 0 }
};
static const struct key_spec rule_keys[] = {
	{ "if", REQUIRED }, { "then", REQUIRED | REPEATABLE }, { "priority", 0 },
	{ "because", 0 }, { "advice", 0 }, { "disabled", 0 }, { NULL, 0 }
};
static const struct key_spec knot_keys[] = {
	{ "name", REQUIRED }, { "where", 0 }, { "refers", 0 }, { "region", 0 },
	{ "map", 0 }, { "disabled", 0 }, { NULL, 0 }
};
static const struct key_spec routine_keys[] = {
	{ "title", REQUIRED }, { "kind", REQUIRED }, { "for", 0 }, { "if", 0 },
	{ "step", REQUIRED | REPEATABLE }, { "minutes", REQUIRED },
	{ "pressure", 0 }, { "frequency", 0 }, { "tags", 0 },
	{ "caution", REPEATABLE }, { "order", 0 }, { "disabled", 0 },
	{ NULL, 0 }
};
static const struct key_spec group_keys[] = {
	{ "text", REQUIRED }, { "questions", REQUIRED }, { "help", 0 },
	{ "disabled", 0 }, { NULL, 0 }
};
static const struct key_spec message_keys[] = {
	{ "text", REQUIRED }, { "disabled", 0 }, { NULL, 0 }
};
static const struct key_spec settings_keys[] = {
	{ "min_certainty", 0 }, { "max_knots", 0 }, { "likely_at", 0 },
	{ "minutes_from", 0 }, { "regions_from", 0 }, { "side_from", 0 },
	{ "pain_from", 0 }, { "episode_from", 0 }, { NULL, 0 }
};

static const char *const kind_names[KW_SEC_KINDS] = {
	"question", "rule", "knot", "routine", "group", "message", "settings"
};
static const struct key_spec *const kind_keys[KW_SEC_KINDS] = {
	question_keys, rule_keys, knot_keys, routine_keys, group_keys,
	message_keys, settings_keys
};

const struct kw_raw_entry *kw_entry(const struct kw_raw_section *s,
				    const char *key)
{
	for (size_t i = s->nentries; i-- > 0;)
		if (s->entries[i].key[0] == key[0] && strcmp(s->entries[i].key, key) == 0)
			return &s->entries[i];
	return NULL;
}

struct kw_loc kw_entry_loc(const struct kw_raw_section *s,
			   const struct kw_raw_entry *e)
{
	struct kw_loc loc = s->loc;
	loc.line = e->line;
	loc.spans = e->spans;
	return loc;
}

static enum kw_section_kind kind_of(const struct kw_raw_section *s)
{
	for (int k = 0; k < KW_SEC_KINDS; k++)
		if (strcmp(s->kind, kind_names[k]) == 0)
			return (enum kw_section_kind)k;
	return KW_SEC_SETTINGS;         /* ini_read admits no other kind */
}

static const struct key_spec *find_key(const struct key_spec *keys,
				       const char *name)
{
	for (; keys->name; keys++)
		if (strcmp(keys->name, name) == 0)
			return keys;
	return NULL;
}

static void unknown_key(const struct kw_raw_section *s, const struct kw_raw_entry *e,
			const struct key_spec *keys, struct kw_diags *diags)
{
	struct kw_suggest sug = { .word = e->key };
	const char *hint;

	for (; keys->name; keys++)
		kw_suggest_offer(&sug, keys->name);
	hint = kw_suggest_result(&sug);
	kw_diag(diags, KW_ERROR, kw_entry_loc(s, e),
		"unknown key '%s' in [%s%s%s]%s%s%s", e->key, s->kind,
		s->id ? " " : "", s->id ? s->id : "",
		hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
}

static bool repeats_earlier(const struct kw_raw_section *s, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(s->entries[j].key, s->entries[i].key) == 0)
			return true;
	return false;
}

static void check_keys(const struct kw_raw_section *s, enum kw_section_kind kind,
		       struct kw_diags *diags)
{
	const struct key_spec *keys = kind_keys[kind];

	for (size_t i = 0; i < s->nentries; i++) {
		const struct kw_raw_entry *e = &s->entries[i];
		const struct key_spec *spec = find_key(keys, e->key);

		if (!spec) {
			unknown_key(s, e, keys, diags);
		} else if (!(spec->flags & REPEATABLE) && kind != KW_SEC_SETTINGS &&
			   repeats_earlier(s, i)) {
			kw_diag(diags, KW_ERROR, kw_entry_loc(s, e),
				"key '%s' given twice in [%s %s]", e->key, s->kind, s->id);
		}
	}
}

static bool is_disabled(const struct kw_raw_section *s, struct kw_diags *diags)
{
	const struct kw_raw_entry *e = kw_entry(s, "disabled");
	bool off = false;

	if (e && !kw_parse_yesno(e->value, &off))
		kw_diag(diags, KW_ERROR, kw_entry_loc(s, e),
			"'disabled' is yes or no, not '%s'", e->value);
	if (off && s->nentries > 1)
		kw_diag(diags, KW_WARNING, kw_entry_loc(s, e), "[%s %s] is disabled, "
			"so its other keys are ignored", s->kind, s->id);
	return off;
}

static void check_required(const struct kw_raw_section *s,
			   enum kw_section_kind kind, struct kw_diags *diags)
{
	for (const struct key_spec *k = kind_keys[kind]; k->name; k++)
		if ((k->flags & REQUIRED) && !kw_entry(s, k->name))
			kw_diag(diags, KW_ERROR, s->loc, "[%s %s] has no '%s'",
				s->kind, s->id, k->name);
}

bool kw_section_is_safety(const struct kw_raw_section *s)
{
	bool yes = false;

	if (strcmp(s->kind, "question") == 0) {
		const struct kw_raw_entry *e = kw_entry(s, "required");
		return e && kw_parse_yesno(e->value, &yes) && yes;
	}
	if (strcmp(s->kind, "rule") != 0)
		return false;
	for (size_t i = 0; i < s->nentries; i++) {
		const char *v = s->entries[i].value;
		if (strcmp(s->entries[i].key, "then") != 0)
			continue;
		if (strncmp(v, "avoid", 5) == 0 || (strncmp(v, "triage", 6) == 0 &&
		    (strstr(v, "urgent") || strstr(v, "emergency"))))
			return true;
	}
	return false;
}

/* Each kind and id has one slot: the section in force (or the one that
 * disabled it) and the last definition that was in force. */
struct slot {
	const struct kw_raw_section *section, *was;
	bool disabled;
};

struct merge {
	struct kw_builder *b;
	struct kw_map by_id;            /* kind and id -> slot */
	struct slot *slots;
	size_t nslots, disabled_cap;
};

struct slot_key {
	const struct merge *m;
	const char *kind, *id;
};

static bool same_slot(size_t at, const void *key)
{
	const struct slot_key *k = key;
	const struct kw_raw_section *s = k->m->slots[at].section;

	return strcmp(s->id, k->id) == 0 && strcmp(s->kind, k->kind) == 0;
}

/* The slot of that kind and id, or false. */
static bool find_slot(const struct merge *m, const char *kind, const char *id, size_t *at)
{
	struct slot_key key = { m, kind, id };
	return kw_map_get(&m->by_id, kw_map_hash(id), same_slot, &key, at);
}

/* "did you mean" for a disabling that finds nothing: the same id under
 * another kind first (a routine disabled as a rule), else a close id. */
static void disabled_missing(struct merge *m, const struct kw_raw_section *s)
{
	struct kw_suggest sug = { .word = s->id };
	const char *other = NULL;
	size_t at;

	for (int k = 0; k < KW_SEC_SETTINGS && !other; k++)
		if (find_slot(m, kind_names[k], s->id, &at) &&
		    !m->slots[at].disabled)
			other = kind_names[k];
	for (size_t i = 0; i < m->nslots && !other; i++)
		if (!m->slots[i].disabled && strcmp(m->slots[i].section->kind, s->kind) == 0)
			kw_suggest_offer(&sug, m->slots[i].section->id);
	if (other)
		kw_diag(m->b->diags, KW_ERROR, s->loc, "no earlier [%s %s] to disable; "
			"did you mean [%s %s]?", s->kind, s->id, other, s->id);
	else if (kw_suggest_result(&sug))
		kw_diag(m->b->diags, KW_ERROR, s->loc, "no earlier [%s %s] to disable; "
			"did you mean '%s'?", s->kind, s->id, kw_suggest_result(&sug));
	else
		kw_diag(m->b->diags, KW_ERROR, s->loc, "no earlier [%s %s] to disable",
			s->kind, s->id);
}

static void record_change(struct merge *m, const struct kw_raw_section *now,
			  const struct kw_raw_section *was, bool disabled)
{
	struct kw_store *st = m->b->st;
	struct kw_change c = { .kind = kw_store_text(st, now->kind),
			       .id = kw_store_text(st, now->id), .disabled = disabled,
			       .safety = was && kw_section_is_safety(was),
			       .where = kw_build_where(now) };
	const struct kw_raw_entry *e;

	if (c.safety && (e = kw_entry(was, strcmp(was->kind, "rule") ? "text" : "because")))
		c.what = kw_store_text(st, e->value);
	kw_store_add(st, KW_PART_CHANGES, &c, 1);
}

static void replace(struct merge *m, size_t at, const struct kw_raw_section *s, bool off)
{
	struct slot *slot = &m->slots[at];
	const struct kw_raw_section *was = slot->disabled ? slot->was : slot->section;
	struct kw_sections *out = &m->b->sections;

	record_change(m, s, was, off);
	if (slot->disabled && !off)
		kw_forget_disabled(out, kind_of(s), s->id);
	if (off) {
		struct kw_disabled d = { .kind = kind_of(s), .was = was, .by = s,
					 .safety = kw_section_is_safety(was) };
		KW_PUSH(out->disabled, out->ndisabled, m->disabled_cap, d);
	} else {
		kw_diag(m->b->diags, kw_section_is_safety(was) ? KW_WARNING : KW_NOTE,
			s->loc, "replaces %s%s '%s' from %s:%u",
			kw_section_is_safety(was) ? "the safety item " : "", s->kind, s->id,
			was->loc.file, was->loc.line);
	}
	*slot = (struct slot){ s, was, off };
}

static void add_settings(struct kw_sections *out, const struct kw_raw_section *s)
{
	for (size_t i = 0; i < s->nentries; i++) {
		kw_grow(&out->settings, &out->settings_cap, out->nsettings + 1, sizeof *out->settings);
		out->settings[out->nsettings++] = (struct kw_setting){ s, &s->entries[i] };
	}
}

static void take(struct merge *m, const struct kw_raw_section *s)
{
	enum kw_section_kind k = kind_of(s);
	bool off;
	size_t at;

	if (k == KW_SEC_SETTINGS) {
		check_keys(s, k, m->b->diags);
		add_settings(&m->b->sections, s);
		return;
	}
	off = is_disabled(s, m->b->diags);
	if (!off)               /* a disabled section's other keys are ignored */
		check_keys(s, k, m->b->diags);
	if (find_slot(m, s->kind, s->id, &at)) {
		replace(m, at, s, off);
	} else if (off) {
		disabled_missing(m, s);
	} else {
		m->slots[m->nslots] = (struct slot){ s, s, false };
		kw_map_add(&m->by_id, kw_map_hash(s->id), m->nslots++);
	}
}

static void collect(struct kw_sections *out, const struct slot *slots, size_t nslots,
		    struct kw_diags *diags)
{
	size_t cap[KW_SEC_KINDS] = {0};

	for (size_t i = 0; i < nslots; i++) {
		const struct kw_raw_section *s = slots[i].section;
		enum kw_section_kind k = kind_of(s);

		if (slots[i].disabled)
			continue;
		if (!s->damaged)        /* a rejected line already explains it */
			check_required(s, k, diags);
		kw_grow(&out->of[k], &cap[k], out->len[k] + 1, sizeof *out->of[k]);
		out->of[k][out->len[k]++] = s;
	}
}

void kw_sections_merge(struct kw_builder *b, const struct kw_raw_set *set)
{
	struct merge m = { .b = b };

	b->sections = (struct kw_sections){0};
	m.slots = kw_xcalloc(set->len + 1, sizeof *m.slots);
	for (size_t i = 0; i < set->len; i++)
		take(&m, &set->sections[i]);
	collect(&b->sections, m.slots, m.nslots, b->diags);
	free(m.slots);
	kw_map_free(&m.by_id);
}

uint32_t kw_build_condition(struct kw_builder *b, const struct kw_raw_section *s,
			    const char *key, const struct kw_scope *scope)
{
	const struct kw_raw_entry *e = kw_entry(s, key);
	struct kw_expr *expr;
	uint32_t prog = KW_NONE;

	if (!e)
		return KW_NONE;
	expr = kw_expr_parse(b->trees, e->value, kw_entry_loc(s, e), b->diags);
	if (expr && kw_expr_resolve(b->st, b->trees, expr, scope, kw_entry_loc(s, e), b->diags))
		prog = kw_expr_compile(b->st, expr);
	kw_arena_reset(b->trees);
	return prog;
}

struct kw_where kw_build_where(const struct kw_raw_section *s)
{
	return (struct kw_where){ (uint32_t)s->loc.file_rank, s->loc.line };
}

void kw_sections_free(struct kw_sections *s)
{
	for (int k = 0; k < KW_SEC_KINDS; k++)
		free(s->of[k]);
	kw_free_disabled(s);
	free(s->settings);
	*s = (struct kw_sections){0};
}
