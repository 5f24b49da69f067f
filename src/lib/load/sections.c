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
	{ "order", 0 }, { "required", 0 }, { "unsure", 0 }, { "disabled", 0 },
	{ NULL, 0 }
};
static const struct key_spec rule_keys[] = {
	{ "if", REQUIRED }, { "then", REQUIRED | REPEATABLE }, { "priority", 0 },
	{ "because", 0 }, { "disabled", 0 }, { NULL, 0 }
};
static const struct key_spec knot_keys[] = {
	{ "name", REQUIRED }, { "where", 0 }, { "refers", 0 }, { "region", 0 },
	{ "disabled", 0 }, { NULL, 0 }
};
static const struct key_spec routine_keys[] = {
	{ "title", REQUIRED }, { "kind", REQUIRED }, { "for", 0 }, { "if", 0 },
	{ "step", REQUIRED | REPEATABLE }, { "minutes", REQUIRED },
	{ "pressure", 0 }, { "frequency", 0 }, { "tags", 0 },
	{ "caution", REPEATABLE }, { "order", 0 }, { "disabled", 0 },
	{ NULL, 0 }
};
static const struct key_spec settings_keys[] = {
	{ "min_certainty", 0 }, { "max_knots", 0 }, { "minutes_from", 0 },
	{ NULL, 0 }
};

static const char *const kind_names[KW_SEC_KINDS] = {
	"question", "rule", "knot", "routine", "settings"
};
static const struct key_spec *const kind_keys[KW_SEC_KINDS] = {
	question_keys, rule_keys, knot_keys, routine_keys, settings_keys
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

struct slot {
	const struct kw_raw_section *section;
	bool disabled;
};

static void note_override(const struct kw_raw_section *now,
			  const struct kw_raw_section *before, bool disabled,
			  struct kw_diags *diags)
{
	kw_diag(diags, KW_NOTE, now->loc, "%s %s '%s' from %s:%u",
		disabled ? "disables" : "replaces", now->kind, now->id,
		before->loc.file, before->loc.line);
}

static void add_settings(struct kw_sections *out, const struct kw_raw_section *s)
{
	for (size_t i = 0; i < s->nentries; i++) {
		kw_grow(&out->settings, &out->settings_cap, out->nsettings + 1, sizeof *out->settings);
		out->settings[out->nsettings++] = (struct kw_setting){ s, &s->entries[i] };
	}
}

static void collect(struct kw_sections *out, struct slot *slots, size_t nslots,
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

void kw_sections_merge(struct kw_sections *out, const struct kw_raw_set *set,
		       struct kw_diags *diags)
{
	struct kw_map by_id = {0};
	struct kw_arena *keys = kw_arena_new();
	struct slot *slots = kw_xcalloc(set->len, sizeof *slots);
	size_t nslots = 0, at;

	*out = (struct kw_sections){0};
	for (size_t i = 0; i < set->len; i++) {
		const struct kw_raw_section *s = &set->sections[i];
		enum kw_section_kind k = kind_of(s);
		char *key;
		bool off;

		check_keys(s, k, diags);
		if (k == KW_SEC_SETTINGS) {
			add_settings(out, s);
			continue;
		}
		off = is_disabled(s, diags);
		key = kw_arena_alloc(keys, strlen(s->kind) + strlen(s->id) + 2);
		strcat(strcat(strcpy(key, s->kind), " "), s->id);
		if (kw_map_get(&by_id, key, &at)) {
			note_override(s, slots[at].section, off, diags);
		} else {
			at = nslots++;
			kw_map_put(&by_id, key, at);
		}
		slots[at] = (struct slot){ s, off };
	}
	collect(out, slots, nslots, diags);
	free(slots);
	kw_map_free(&by_id);
	kw_arena_free(keys);
}

struct kw_expr *kw_build_condition(struct kw_builder *b, const struct kw_raw_section *s,
				   const char *key, const struct kw_scope *scope)
{
	const struct kw_raw_entry *e = kw_entry(s, key);
	struct kw_expr *expr;

	if (!e)
		return NULL;
	expr = kw_expr_parse(b->kb->arena, e->value, kw_entry_loc(s, e), b->diags);
	if (expr && !kw_expr_resolve(b->kb, expr, scope, kw_entry_loc(s, e), b->diags))
		return NULL;
	return expr;
}

void kw_sections_free(struct kw_sections *s)
{
	for (int k = 0; k < KW_SEC_KINDS; k++)
		free(s->of[k]);
	free(s->settings);
	*s = (struct kw_sections){0};
}
