/*
 * kb_internal: what the loader needs to fill a kb and nobody else should
 * call.  The index maps ids to array positions for every kind of section.
 */
#ifndef KW_KB_INTERNAL_H
#define KW_KB_INTERNAL_H

#include "knotwise/kb.h"
#include "util/map.h"

struct kw_regex;

struct kw_index {
	struct kw_map symbols, knots, routines, rules, tags;
	struct kw_regex **regexes;
	size_t nregexes, regexes_cap;
};

struct kw_kb *kw_kb_new(void);
/* The tag's index, adding it when new (ids live in the kb's arena). */
size_t kw_kb_intern_tag(struct kw_kb *kb, const char *tag);
void kw_kb_own_regex(struct kw_kb *kb, struct kw_regex *re);
/* The closest id among the symbols, for "did you mean"; NULL if none. */
const char *kw_kb_suggest_symbol(const struct kw_kb *kb, const char *id);

/* Edit distance helper: the best candidate within reach of `word`. */
struct kw_suggest {
	const char *word, *best;
	size_t best_distance;
};
void kw_suggest_offer(struct kw_suggest *s, const char *candidate);
const char *kw_suggest_result(const struct kw_suggest *s);

#endif
