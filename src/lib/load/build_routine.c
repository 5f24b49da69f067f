/*
 * build_routine: [knot ID] and [routine ID] sections.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "load/build.h"
#include "expr/expr.h"
#include "util/scalar.h"

#define MAX_LIST 256

/* The text of a key, kept in the rule set; 0 when the key is absent. */
static kw_sref text_of(struct kw_builder *b, const struct kw_raw_section *s,
		       const char *key)
{
	const struct kw_raw_entry *e = kw_entry(s, key);
	return e ? kw_store_text(b->st, e->value) : 0;
}

/* `map = X, Y`: where the handout's drawing marks the knot, 0-100 across
 * and down a back seen from behind, left side. */
static void read_map(struct kw_builder *b, const struct kw_raw_section *s,
		     struct kw_knot *k)
{
	const struct kw_raw_entry *e = kw_entry(s, "map");
	char *copy, *items[3];

	if (!e)
		return;
	copy = kw_xstrdup(e->value);
	k->has_map = kw_split_commas(copy, items, 3) == 2 &&
		     kw_parse_decimal(items[0], &k->map_x) && k->map_x >= 0 && k->map_x <= 100 &&
		     kw_parse_decimal(items[1], &k->map_y) && k->map_y >= 0 && k->map_y <= 100;
	if (!k->has_map)
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "'map' is 'X, Y' with "
			"both from 0 to 100, not '%s'", e->value);
	free(copy);
}

static void build_knot(struct kw_builder *b, const struct kw_raw_section *s,
		       struct kw_knot *k)
{
	const struct kw_raw_entry *e = kw_entry(s, "region");

	k->id = kw_store_text(b->st, s->id);
	k->where = kw_build_where(s);
	k->name = text_of(b, s, "name") ? text_of(b, s, "name") : k->id;
	k->where_text = text_of(b, s, "where");
	k->refers = text_of(b, s, "refers");
	k->region = e ? kw_region_parse(e->value) : -1;
	if (e && k->region < 0)
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "unknown region '%s' "
			"(neck, upper_back, mid_back, lower_back or hip_buttock)", e->value);
	read_map(b, s, k);
}

void kw_build_knots(struct kw_builder *b)
{
	for (size_t i = 0; i < b->sections.len[KW_SEC_KNOT]; i++) {
		const struct kw_raw_section *s = b->sections.of[KW_SEC_KNOT][i];
		struct kw_knot k = {0};
		build_knot(b, s, &k);
		kw_store_add(b->st, KW_PART_KNOTS, &k, 1);
		kw_store_name(b->st, KW_IDS_KNOT, s->id, i);
	}
}

/* The comma list of a key as trimmed items in the arena. */
static size_t read_list(struct kw_builder *b, const struct kw_raw_section *s,
			const struct kw_raw_entry *e, char **items)
{
	char *copy = kw_arena_strdup(b->arena, e->value);
	size_t n = kw_split_commas(copy, items, MAX_LIST);

	if (n > MAX_LIST) {
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "more than %d items",
			MAX_LIST);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (!kw_valid_id(items[i])) {
			kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "'%s' is not "
				"a valid id in this comma list", items[i]);
			return 0;
		}
	return n;
}

static struct kw_slice add_u32s(struct kw_builder *b, const uint32_t *items, size_t n)
{
	return (struct kw_slice){ kw_store_add(b->st, KW_PART_U32, items, n), (uint32_t)n };
}

static void read_knots(struct kw_builder *b, const struct kw_raw_section *s,
		       struct kw_routine *r)
{
	const struct kw_raw_entry *e = kw_entry(s, "for");
	char *items[MAX_LIST];
	uint32_t knots[MAX_LIST];
	struct kw_disabled *off;
	size_t n, nknots = 0, knot;

	if (!e)
		return;
	n = read_list(b, s, e, items);
	for (size_t i = 0; i < n; i++)
		if (kw_kb_find_knot(b->kb, items[i], &knot))
			knots[nknots++] = (uint32_t)knot;
		else if ((off = kw_find_disabled(&b->sections, KW_SEC_KNOT, items[i])))
			kw_disabled_took(off, "the 'for' entries of routines", s->id),
			r->cut_off = true;
		else
			kw_unknown_ref(b, kw_entry_loc(s, e), "knot", items[i], "in 'for'");
	r->knots = add_u32s(b, knots, nknots);
}

static void read_tags(struct kw_builder *b, const struct kw_raw_section *s,
		      struct kw_routine *r)
{
	const struct kw_raw_entry *e = kw_entry(s, "tags");
	char *items[MAX_LIST];
	uint32_t tags[MAX_LIST];
	size_t n;

	if (!e)
		return;
	n = read_list(b, s, e, items);
	for (size_t i = 0; i < n; i++)
		tags[i] = kw_store_tag(b->st, items[i]);
	r->tags = add_u32s(b, tags, n);
}

/* Each value of a repeatable key, in order, as a slice of texts. */
static struct kw_slice read_repeated(struct kw_builder *b, const struct kw_raw_section *s,
				     const char *key)
{
	struct kw_slice slice = { (uint32_t)kw_store_len(b->st, KW_PART_REFS), 0 };

	for (size_t i = 0; i < s->nentries; i++)
		if (strcmp(s->entries[i].key, key) == 0) {
			kw_sref text = kw_store_text(b->st, s->entries[i].value);
			kw_store_add(b->st, KW_PART_REFS, &text, 1);
			slice.n++;
		}
	return slice;
}

static bool parse_kind(const char *s, uint32_t *kind)
{
	for (int k = KW_RELEASE; k <= KW_POSTURE; k++)
		if (strcmp(s, kw_kind_name((enum kw_kind)k)) == 0)
			return *kind = (uint32_t)k, true;
	return false;
}

static void read_numbers(struct kw_builder *b, const struct kw_raw_section *s,
			 struct kw_routine *r)
{
	const struct kw_raw_entry *e;
	long n;

	if ((e = kw_entry(s, "minutes")) && kw_parse_int(e->value, 0, 1440, &n))
		r->minutes = (int32_t)n;
	else if (e)
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "'minutes' must be "
			"a whole number from 0 to 1440, not '%s'", e->value);
	r->order = 100;
	if ((e = kw_entry(s, "order")) &&
	    kw_parse_int(e->value, -1000000000L, 1000000000L, &n))
		r->order = (int32_t)n;
	else if (e)
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "'order' must be an "
			"integer, not '%s'", e->value);
}

static void build_routine(struct kw_builder *b, const struct kw_raw_section *s,
			  struct kw_routine *r)
{
	const struct kw_raw_entry *e;

	r->id = kw_store_text(b->st, s->id);
	r->where = kw_build_where(s);
	r->cond = KW_NONE;
	r->title = text_of(b, s, "title") ? text_of(b, s, "title") : r->id;
	r->frequency = text_of(b, s, "frequency");
	if ((e = kw_entry(s, "kind")) && !parse_kind(e->value, &r->kind))
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "unknown routine kind "
			"'%s' (release, stretch, posture or strengthen)", e->value);
	if ((e = kw_entry(s, "pressure")) && strcmp(e->value, "gentle") &&
	    strcmp(e->value, "moderate") && strcmp(e->value, "firm"))
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "unknown pressure "
			"'%s' (gentle, moderate or firm)", e->value);
	r->pressure = e ? kw_store_text(b->st, e->value) : 0;
	read_knots(b, s, r);
	read_tags(b, s, r);
	read_numbers(b, s, r);
	r->steps = read_repeated(b, s, "step");
	r->cautions = read_repeated(b, s, "caution");
}

void kw_build_routines(struct kw_builder *b)
{
	for (size_t i = 0; i < b->sections.len[KW_SEC_ROUTINE]; i++) {
		const struct kw_raw_section *s = b->sections.of[KW_SEC_ROUTINE][i];
		struct kw_routine r = {0};
		build_routine(b, s, &r);
		kw_store_add(b->st, KW_PART_ROUTINES, &r, 1);
		kw_store_name(b->st, KW_IDS_ROUTINE, s->id, i);
	}
}

void kw_build_resolve_routines(struct kw_builder *b)
{
	struct kw_scope scope = { .before_position = (size_t)-1 };

	for (size_t i = 0; i < b->kb->nroutines; i++) {
		uint32_t cond = kw_build_condition(b, b->sections.of[KW_SEC_ROUTINE][i], "if",
						   &scope);
		((struct kw_routine *)kw_store_at(b->st, KW_PART_ROUTINES, i))->cond = cond;
	}
}
