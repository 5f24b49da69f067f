/*
 * why_not: why a knot, routine, triage level or rule was not reached.
 * The answer comes from the run's trace (the ranking, the avoided tag,
 * the minutes, the triage that removed it) and from the rules that could
 * have produced it (the engine's producer index), each with the first
 * test that failed and the actual answer.  Built as data; JSON and text
 * are two ways of writing it.
 */
#ifndef KW_WHY_NOT_H
#define KW_WHY_NOT_H

#include <stdbool.h>

#include "engine/result.h"
#include "util/text_wrap.h"
#include "util/json_writer.h"

/* One reason: a code for scripts, a sentence for people, and data. */
struct kw_why_item {
	const char *key;
	char *text;                     /* NULL: the number */
	double number;
};

struct kw_why_reason {
	const char *code;               /* "below_min_certainty", "avoided", ... */
	char *text;
	struct kw_why_item data[6];
	size_t ndata;
};

/* What one kind (knot, routine, level, rule) of the id says. */
struct kw_why_answer {
	const char *id, *kind;
	bool reached;
	struct kw_why_reason *reasons;
	size_t nreasons, cap;
};

struct kw_why_not {
	struct kw_why_answer answers[5];
	size_t n;
};

/* Is id a knot, routine, triage level or rule of this kb (or one that a
 * rule file disabled)? */
bool kw_why_not_known(const struct kw_kb *kb, const char *id);
void kw_why_not(const struct kw_result *res, const char *id, struct kw_why_not *out);
void kw_why_not_free(struct kw_why_not *w);
/* [{"id", "kind", "reached", "reasons": [{"reason", "text", data...}]}] */
void kw_why_not_json(const struct kw_why_not *w, struct kw_json *j);
/* The same as a section of the text output. */
void kw_why_not_text(const struct kw_why_not *w, struct kw_writer *out);

#endif
