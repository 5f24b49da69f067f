/*
 * kb: look-ups by id, the names of enumerations, and freeing.  The
 * loader (load.c, kb_build.c) is what fills a kb.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "engine/engine_internal.h"
#include "ruleset/kb_internal.h"
#include "expr/regex.h"

struct kw_kb *kw_kb_new(void)
{
	struct kw_kb *kb = kw_xcalloc(1, sizeof *kb);

	kb->arena = kw_arena_new();
	kb->index = kw_xcalloc(1, sizeof *kb->index);
	kb->settings.min_certainty = 0.3;
	kb->settings.likely_at = 0.6;
	kb->settings.max_knots = 3;
	kb->settings.minutes_from = -1;
	kb->settings.regions_from = -1;
	kb->settings.side_from = -1;
	kb->settings.pain_from = -1;
	kb->settings.episode_from = -1;
	return kb;
}

size_t kw_kb_nsymbols(const struct kw_kb *kb)
{
	return kb->nquestions + kb->nfacts;
}

const char *kw_kb_symbol_id(const struct kw_kb *kb, size_t sym)
{
	return sym < kb->nquestions ? kb->questions[sym].id
				    : kb->facts[sym - kb->nquestions].id;
}

bool kw_kb_find_symbol(const struct kw_kb *kb, const char *id, size_t *sym)
{
	return kw_map_get(&kb->index->symbols, id, sym);
}

bool kw_kb_find_knot(const struct kw_kb *kb, const char *id, size_t *knot)
{
	return kw_map_get(&kb->index->knots, id, knot);
}

bool kw_kb_find_routine(const struct kw_kb *kb, const char *id, size_t *routine)
{
	return kw_map_get(&kb->index->routines, id, routine);
}

bool kw_kb_find_rule(const struct kw_kb *kb, const char *id, size_t *rule)
{
	return kw_map_get(&kb->index->rules, id, rule);
}

size_t kw_kb_intern_tag(struct kw_kb *kb, const char *tag)
{
	size_t i, cap = kb->ntags;

	if (kw_map_get(&kb->index->tags, tag, &i))
		return i;
	/* grow by powers of two: ntags is a power of two exactly when full */
	if (kb->ntags == 0 || (kb->ntags & (kb->ntags - 1)) == 0) {
		cap = kb->ntags ? kb->ntags * 2 : 8;
		kb->tags = kw_xrealloc(kb->tags, cap * sizeof *kb->tags);
	}
	kb->tags[kb->ntags] = kw_arena_strdup(kb->arena, tag);
	kw_map_put(&kb->index->tags, kb->tags[kb->ntags], kb->ntags);
	return kb->ntags++;
}

void kw_kb_own_regex(struct kw_kb *kb, struct kw_regex *re)
{
	struct kw_index *ix = kb->index;
	KW_PUSH(ix->regexes, ix->nregexes, ix->regexes_cap, re);
}

int kw_question_choice(const struct kw_question *q, const char *choice)
{
	for (unsigned i = 0; i < q->nchoices; i++)
		if (strcmp(q->choices[i], choice) == 0)
			return (int)i;
	return -1;
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

static void free_index(struct kw_index *ix)
{
	kw_map_free(&ix->symbols);
	kw_map_free(&ix->knots);
	kw_map_free(&ix->routines);
	kw_map_free(&ix->rules);
	kw_map_free(&ix->tags);
	for (size_t i = 0; i < ix->nregexes; i++)
		kw_regex_free(ix->regexes[i]);
	free(ix->regexes);
	free(ix);
}

void kw_kb_free(struct kw_kb *kb)
{
	if (!kb)
		return;
	kw_network_free(kb->network);
	free_index(kb->index);
	free(kb->files);
	free(kb->ask_order);
	free(kb->questions);
	free(kb->facts);
	free(kb->rules);
	free(kb->knots);
	free(kb->routines);
	free(kb->tags);
	for (size_t i = 0; i < kb->ngroups; i++)
		free(kb->groups[i].questions);
	free(kb->groups);
	free(kb->changes);
	kw_arena_free(kb->arena);
	free(kb);
}
