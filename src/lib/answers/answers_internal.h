/*
 * answers_internal: what a set of answers holds, for the library's own
 * readers (engine, session, journal, renderers); a front end goes through
 * knotwise/answers.h.
 */
#ifndef KW_ANSWERS_INTERNAL_H
#define KW_ANSWERS_INTERNAL_H

#include "knotwise/answers.h"

enum kw_answer_state { KW_UNANSWERED, KW_ANSWERED, KW_UNSURE };

struct kw_answers {
	struct kw_value *values;        /* by question */
	enum kw_answer_state *state;
	bool *confirmed;                /* by question: a `no` the person kept when
	                                 * asked again (recheck_if no longer applies) */
	char **warnings;
	size_t nwarnings, warnings_cap;
	bool incomplete;                /* required questions left unanswered */
	struct kw_arena *arena;         /* texts of text answers */
	struct kw_matcher *matcher;     /* patterns of ask_if and recheck_if */
};

/* Parse one value for question q; on failure, `why` says what is allowed. */
bool kw_answer_parse(const struct kw_kb *kb, size_t q, const char *text,
		     struct kw_arena *arena, struct kw_value *v, char *why,
		     size_t whylen);

/* Is question q asked, given the answers kept so far? */
bool kw_answers_ask_if(const struct kw_kb *kb, const struct kw_answers *a, size_t q);

/* Does a `no` to yes/no question q disagree with the person's own words
 * (its recheck_if holds, and the person has not confirmed the `no`)? */
bool kw_answers_disagree(const struct kw_kb *kb, const struct kw_answers *a, size_t q);
/* The text answers q's recheck_if tests, each in quotes ("with_ids":
 * as `id = "text"`), appended to sb. */
struct kw_strbuf;
void kw_answers_quote_words(const struct kw_kb *kb, const struct kw_answers *a,
			    size_t q, bool with_ids, struct kw_strbuf *sb);

void kw_answers_warn(struct kw_answers *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
