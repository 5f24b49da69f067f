/*
 * build_routine: [knot ID] and [routine ID] sections.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "load/build.h"
#include "knotwise/expr.h"
#include "util/scalar.h"

#define MAX_LIST 256

static const char *value_of(const struct kw_raw_section *s, const char *key)
{
	const struct kw_raw_entry *e = kw_entry(s, key);
	return e ? e->value : NULL;
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

	k->id = s->id;
	k->loc = s->loc;
	k->name = value_of(s, "name") ? value_of(s, "name") : s->id;
	k->where = value_of(s, "where");
	k->refers = value_of(s, "refers");
	k->region = e ? kw_region_parse(e->value) : -1;
	if (e && k->region < 0)
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "unknown region '%s' "
			"(neck, upper_back, mid_back, lower_back or hip_buttock)", e->value);
	read_map(b, s, k);
}

void kw_build_knots(struct kw_builder *b)
{
	struct kw_kb *kb = b->kb;
	size_t n = b->sections.len[KW_SEC_KNOT];

	kb->knots = kw_xcalloc(n, sizeof *kb->knots);
	for (size_t i = 0; i < n; i++) {
		build_knot(b, b->sections.of[KW_SEC_KNOT][i], &kb->knots[i]);
		kw_map_put(&kb->index->knots, kb->knots[i].id, i);
	}
	kb->nknots = n;
}

/* The comma list of a key as trimmed items in the arena. */
static size_t read_list(struct kw_builder *b, const struct kw_raw_section *s,
			const struct kw_raw_entry *e, char **items)
{
	char *copy = kw_arena_strdup(b->kb->arena, e->value);
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

static void read_knots(struct kw_builder *b, const struct kw_raw_section *s,
		       struct kw_routine *r)
{
	const struct kw_raw_entry *e = kw_entry(s, "for");
	char *items[MAX_LIST];
	struct kw_disabled *off;
	size_t n;

	if (!e)
		return;
	n = read_list(b, s, e, items);
	r->knots = kw_arena_alloc(b->kb->arena, n * sizeof *r->knots);
	for (size_t i = 0; i < n; i++)
		if (kw_kb_find_knot(b->kb, items[i], &r->knots[r->nknots]))
			r->nknots++;
		else if ((off = kw_find_disabled(&b->sections, KW_SEC_KNOT, items[i])))
			kw_disabled_took(off, "the 'for' entries of routines", s->id),
			r->cut_off = true;
		else
			kw_unknown_ref(b, kw_entry_loc(s, e), "knot", items[i], "in 'for'");
}

static void read_tags(struct kw_builder *b, const struct kw_raw_section *s,
		      struct kw_routine *r)
{
	const struct kw_raw_entry *e = kw_entry(s, "tags");
	char *items[MAX_LIST];

	if (!e)
		return;
	r->ntags = read_list(b, s, e, items);
	r->tags = kw_arena_alloc(b->kb->arena, r->ntags * sizeof *r->tags);
	for (size_t i = 0; i < r->ntags; i++)
		r->tags[i] = kw_kb_intern_tag(b->kb, items[i]);
}

static size_t read_repeated(struct kw_builder *b, const struct kw_raw_section *s,
			    const char *key, const char ***out)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nentries; i++)
		n += strcmp(s->entries[i].key, key) == 0;
	*out = kw_arena_alloc(b->kb->arena, n * sizeof **out);
	n = 0;
	for (size_t i = 0; i < s->nentries; i++)
		if (strcmp(s->entries[i].key, key) == 0)
			(*out)[n++] = s->entries[i].value;
	return n;
}

static bool parse_kind(const char *s, enum kw_kind *kind)
{
	for (int k = KW_RELEASE; k <= KW_POSTURE; k++)
		if (strcmp(s, kw_kind_name((enum kw_kind)k)) == 0)
			return *kind = (enum kw_kind)k, true;
	return false;
}

static void read_numbers(struct kw_builder *b, const struct kw_raw_section *s,
			 struct kw_routine *r)
{
	const struct kw_raw_entry *e;
	long n;

	if ((e = kw_entry(s, "minutes")) && kw_parse_int(e->value, 0, 1440, &n))
		r->minutes = (int)n;
	else if (e)
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "'minutes' must be "
			"a whole number from 0 to 1440, not '%s'", e->value);
	r->order = 100;
	if ((e = kw_entry(s, "order")) &&
	    kw_parse_int(e->value, -1000000000L, 1000000000L, &n))
		r->order = (int)n;
	else if (e)
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "'order' must be an "
			"integer, not '%s'", e->value);
}

static void build_routine(struct kw_builder *b, const struct kw_raw_section *s,
			  struct kw_routine *r)
{
	const struct kw_raw_entry *e;

	r->id = s->id;
	r->loc = s->loc;
	r->title = value_of(s, "title") ? value_of(s, "title") : s->id;
	r->frequency = value_of(s, "frequency");
	if ((e = kw_entry(s, "kind")) && !parse_kind(e->value, &r->kind))
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "unknown routine kind "
			"'%s' (release, stretch, posture or strengthen)", e->value);
	if ((e = kw_entry(s, "pressure")) && strcmp(e->value, "gentle") &&
	    strcmp(e->value, "moderate") && strcmp(e->value, "firm"))
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "unknown pressure "
			"'%s' (gentle, moderate or firm)", e->value);
	r->pressure = e ? e->value : NULL;
	read_knots(b, s, r);
	read_tags(b, s, r);
	read_numbers(b, s, r);
	r->nsteps = read_repeated(b, s, "step", &r->steps);
	r->ncautions = read_repeated(b, s, "caution", &r->cautions);
}

void kw_build_routines(struct kw_builder *b)
{
	struct kw_kb *kb = b->kb;
	size_t n = b->sections.len[KW_SEC_ROUTINE];

	kb->routines = kw_xcalloc(n, sizeof *kb->routines);
	for (size_t i = 0; i < n; i++) {
		build_routine(b, b->sections.of[KW_SEC_ROUTINE][i], &kb->routines[i]);
		kw_map_put(&kb->index->routines, kb->routines[i].id, i);
	}
	kb->nroutines = n;
}

void kw_build_resolve_routines(struct kw_builder *b)
{
	struct kw_kb *kb = b->kb;
	struct kw_scope scope = { .before_position = (size_t)-1 };

	for (size_t i = 0; i < kb->nroutines; i++)
		kb->routines[i].cond = kw_build_condition(b, b->sections.of[KW_SEC_ROUTINE][i],
							  "if", &scope);
}
