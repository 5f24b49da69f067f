/*
 * kb: what every reader of a rule set uses — look-ups by id (the store's
 * maps while the loader builds, the image's tables after), a section's
 * place for diagnostics, the closest id for "did you mean", the default
 * settings and the names of the enumerations — and freeing.  The loader
 * (load/) fills a kb through the store, or the cache (cache.c) reads one.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "ruleset/image.h"
#include "ruleset/store.h"

const struct kw_settings kw_default_settings = {
	.min_certainty = 0.3, .likely_at = 0.6, .max_knots = 3,
	.minutes_from = -1, .regions_from = -1, .side_from = -1,
	.pain_from = -1, .episode_from = -1,
};

size_t kw_kb_nsymbols(const struct kw_kb *kb)
{
	return (size_t)kb->nquestions + kb->nfacts;
}

const char *kw_kb_symbol_id(const struct kw_kb *kb, size_t sym)
{
	return sym < kb->nquestions ? kw_s(kb, kb->questions[sym].id)
				    : kw_s(kb, kb->facts[sym - kb->nquestions].id);
}

const char *kw_kb_id(const struct kw_kb *kb, enum kw_id_kind kind, size_t i)
{
	switch (kind) {
	case KW_IDS_SYMBOL: return kw_kb_symbol_id(kb, i);
	case KW_IDS_KNOT: return kw_s(kb, kb->knots[i].id);
	case KW_IDS_ROUTINE: return kw_s(kb, kb->routines[i].id);
	case KW_IDS_RULE: return kw_s(kb, kb->rules[i].id);
	default: return kw_s(kb, kb->tags[i]);
	}
}

size_t kw_kb_ids(const struct kw_kb *kb, enum kw_id_kind kind)
{
	switch (kind) {
	case KW_IDS_SYMBOL: return kw_kb_nsymbols(kb);
	case KW_IDS_KNOT: return kb->nknots;
	case KW_IDS_ROUTINE: return kb->nroutines;
	case KW_IDS_RULE: return kb->nrules;
	default: return kb->ntags;
	}
}

/* While building, the store's maps; once packed, the image's tables. */
static bool find(const struct kw_kb *kb, enum kw_id_kind kind, const char *id,
		 size_t *index)
{
	if (kb->building)
		return kw_store_find(kb->building, kind, id, index);
	return kw_image_find(kb, kind, id, index);
}

bool kw_kb_find_symbol(const struct kw_kb *kb, const char *id, size_t *sym)
{
	return find(kb, KW_IDS_SYMBOL, id, sym);
}

bool kw_kb_find_knot(const struct kw_kb *kb, const char *id, size_t *knot)
{
	return find(kb, KW_IDS_KNOT, id, knot);
}

bool kw_kb_find_routine(const struct kw_kb *kb, const char *id, size_t *routine)
{
	return find(kb, KW_IDS_ROUTINE, id, routine);
}

bool kw_kb_find_rule(const struct kw_kb *kb, const char *id, size_t *rule)
{
	return find(kb, KW_IDS_RULE, id, rule);
}

bool kw_kb_find_tag(const struct kw_kb *kb, const char *id, size_t *tag)
{
	return find(kb, KW_IDS_TAG, id, tag);
}

int kw_question_choice(const struct kw_kb *kb, const struct kw_question *q,
		       const char *choice)
{
	for (unsigned i = 0; i < q->choices.n; i++)
		if (strcmp(kw_ref(kb, q->choices, i), choice) == 0)
			return (int)i;
	return -1;
}

struct kw_loc kw_kb_loc(const struct kw_kb *kb, struct kw_where where)
{
	return (struct kw_loc){ .file = kb->nfiles ? kw_s(kb, kb->files[where.file]) : NULL,
				.line = where.line, .file_rank = where.file };
}

/* Edits between two ids, a swap of neighbours counting as one (optimal
 * string alignment): "pian" is one edit from "pain". */
static size_t edit_distance(const char *a, const char *b)
{
	enum { MAX = 48 };
	size_t la = strlen(a), lb = strlen(b), d[MAX + 1][MAX + 1];

	if (la > MAX || lb > MAX)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

void kw_suggest_offer(struct kw_suggest *s, const char *candidate)
{
	/* the same id in other letter case (TOOLS) is the best guess of all */
	size_t d = strcasecmp(s->word, candidate) == 0 ? 0 : edit_distance(s->word, candidate);

	if (!s->best || d < s->best_distance) {
		s->best = candidate;
		s->best_distance = d;
	}
}

/* Within reach: at most 2 edits, and fewer than a third of the word. */
const char *kw_suggest_result(const struct kw_suggest *s)
{
	size_t reach = strlen(s->word) / 3;

	if (reach > 2)
		reach = 2;
	if (reach < 1)
		reach = 1;
	return s->best && s->best_distance <= reach ? s->best : NULL;
}

const char *kw_kb_suggest_symbol(const struct kw_kb *kb, const char *id)
{
	struct kw_suggest s = { .word = id };

	for (size_t i = 0; i < kw_kb_nsymbols(kb); i++)
		kw_suggest_offer(&s, kw_kb_symbol_id(kb, i));
	return kw_suggest_result(&s);
}

static const char *const level_names[] = {
	"self_care", "professional", "urgent", "emergency"
};

const char *kw_level_name(enum kw_level level)
{
	return level_names[level];
}

bool kw_level_parse(const char *s, enum kw_level *level)
{
	for (size_t i = 0; i < 4; i++)
		if (strcmp(s, level_names[i]) == 0)
			return *level = (enum kw_level)i, true;
	return false;
}

static const char *const region_names[KW_NREGIONS] = {
	"neck", "upper_back", "mid_back", "lower_back", "hip_buttock"
};

const char *kw_region_name(enum kw_region region)
{
	return region_names[region];
}

int kw_region_parse(const char *s)
{
	for (int i = 0; i < KW_NREGIONS; i++)
		if (strcmp(s, region_names[i]) == 0)
			return i;
	return -1;
}

static const char *const message_names[KW_NMESSAGES] = {
	[KW_MSG_LEVEL_SELF_CARE] = "level_self_care",
	[KW_MSG_LEVEL_PROFESSIONAL] = "level_professional",
	[KW_MSG_LEVEL_URGENT] = "level_urgent",
	[KW_MSG_LEVEL_EMERGENCY] = "level_emergency",
	[KW_MSG_SAFETY_NET] = "safety_net",
	[KW_MSG_SAFETY_NET_REGION + KW_NECK] = "safety_net_neck",
	[KW_MSG_SAFETY_NET_REGION + KW_UPPER_BACK] = "safety_net_upper_back",
	[KW_MSG_SAFETY_NET_REGION + KW_MID_BACK] = "safety_net_mid_back",
	[KW_MSG_SAFETY_NET_REGION + KW_LOWER_BACK] = "safety_net_lower_back",
	[KW_MSG_SAFETY_NET_REGION + KW_HIP_BUTTOCK] = "safety_net_hip_buttock",
	[KW_MSG_NOTHING_STANDS_OUT] = "nothing_stands_out",
	[KW_MSG_SCREEN_INCOMPLETE] = "screen_incomplete",
	[KW_MSG_DISCLAIMER] = "disclaimer",
	[KW_MSG_WELCOME] = "welcome",
};

const char *kw_message_name(enum kw_message message)
{
	return message_names[message];
}

int kw_message_parse(const char *s)
{
	for (int i = 0; i < KW_NMESSAGES; i++)
		if (strcmp(s, message_names[i]) == 0)
			return i;
	return -1;
}

const char *kw_journal_field_name(enum kw_journal_field field)
{
	static const char *const names[KW_NJOURNAL_FIELDS] = {
		"", "consults", "days_since_first", "days_since_last", "first_pain",
		"last_pain", "last_level", "routine_days"
	};
	return names[field];
}

const char *kw_kind_name(enum kw_kind kind)
{
	static const char *const names[] = {
		"release", "stretch", "strengthen", "posture"
	};
	return names[kind];
}

const char *kw_qtype_name(enum kw_qtype type)
{
	static const char *const names[] = {
		"yesno", "choice", "multi", "scale", "number", "text"
	};
	return names[type];
}

size_t kw_kb_nquestions(const struct kw_kb *kb)
{
	return kb->nquestions;
}

const char *kw_kb_message(const struct kw_kb *kb, enum kw_message message)
{
	return kw_s(kb, kb->messages[message]);
}

size_t kw_kb_nfiles(const struct kw_kb *kb)
{
	return kb->nfiles;
}

void kw_kb_free(struct kw_kb *kb)
{
	if (!kb)
		return;
	kw_store_free(kb->building);
	if (kb->image_mapped)
		munmap(kb->image, kb->image_size);
	else
		free(kb->image);
	free(kb);
}
