/*
 * matcher: the `~` patterns of a rule set as one run uses them.
 *
 * At load each pattern is compiled once (a bad one is a load error with
 * its column) and stored in the rule set both as text and as PCRE2's
 * serialized code, so that an image read from the cache needs no compile.
 * A run owns a matcher: it decodes a pattern's code on first use, JIT-
 * compiles it once it has been used often (batch work; for one consult
 * the JIT costs more than it saves), and matches under a match limit so a
 * catastrophic pattern on a long answer ends fast (the test is then false
 * and the caller warns).  The rule set itself is never written.
 */
#ifndef KW_MATCHER_H
#define KW_MATCHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kw_kb;
struct kw_store;
struct kw_matcher;

enum kw_match { KW_MATCH_NO, KW_MATCH_YES, KW_MATCH_LIMIT };

/* Compile a pattern into the store (once per text): its index, or false
 * with the message and 1-based offset of what is wrong. */
bool kw_pattern_add(struct kw_store *st, const char *text, char *errbuf, size_t errlen,
		    size_t *erroffset, uint32_t *index);

struct kw_matcher *kw_matcher_new(const struct kw_kb *kb);
void kw_matcher_free(struct kw_matcher *m);
enum kw_match kw_matcher_match(struct kw_matcher *m, uint32_t pattern, const char *subject);

#endif
