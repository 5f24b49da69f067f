/*
 * regex: PCRE2 patterns of `~` tests.  Compiled once at load; matched
 * under a match limit so that a catastrophic pattern on a long answer
 * ends fast (the test is then false and the caller warns).  The JIT is
 * used only once a pattern has been matched often (in batch work): for
 * one consult, JIT-compiling every pattern costs more than it saves.
 */
#ifndef KW_REGEX_H
#define KW_REGEX_H

#include <stdbool.h>
#include <stddef.h>

struct kw_regex;

enum kw_match { KW_MATCH_NO, KW_MATCH_YES, KW_MATCH_LIMIT };

/* NULL on a bad pattern, with its message and 1-based offset set. */
struct kw_regex *kw_regex_compile(const char *pattern, char *errbuf,
				  size_t errlen, size_t *erroffset);
enum kw_match kw_regex_match(struct kw_regex *re, const char *subject);
void kw_regex_free(struct kw_regex *re);

#endif
