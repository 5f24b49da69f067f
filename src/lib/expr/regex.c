#include <config.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "expr/regex.h"

#define REGEX_MATCH_LIMIT 100000
#define REGEX_DEPTH_LIMIT 5000
#define REGEX_JIT_AFTER 32      /* matches before the JIT pays for itself */

struct kw_regex {
	pcre2_code *code;
	pcre2_match_data *match;
	pcre2_match_context *limits;
	unsigned uses;
};

struct kw_regex *kw_regex_compile(const char *pattern, char *errbuf,
				  size_t errlen, size_t *erroffset)
{
	struct kw_regex *re;
	PCRE2_SIZE offset;
	int code;
	pcre2_code *compiled = pcre2_compile((PCRE2_SPTR)pattern,
		PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
		&code, &offset, NULL);

	if (!compiled) {
		pcre2_get_error_message(code, (PCRE2_UCHAR *)errbuf, errlen);
		*erroffset = offset + 1;
		return NULL;
	}
	re = kw_xcalloc(1, sizeof *re);
	re->code = compiled;
	re->match = pcre2_match_data_create(1, NULL);
	re->limits = pcre2_match_context_create(NULL);
	if (!re->match || !re->limits) {
		kw_regex_free(re);
		snprintf(errbuf, errlen, "out of memory");
		*erroffset = 1;
		return NULL;
	}
	pcre2_set_match_limit(re->limits, REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(re->limits, REGEX_DEPTH_LIMIT);
	return re;
}

enum kw_match kw_regex_match(struct kw_regex *re, const char *subject)
{
	int rc;

	if (++re->uses == REGEX_JIT_AFTER)
		pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);  /* best effort */
	rc = pcre2_match(re->code, (PCRE2_SPTR)subject, strlen(subject), 0, 0,
			 re->match, re->limits);
	if (rc >= 0)
		return KW_MATCH_YES;
	return rc == PCRE2_ERROR_NOMATCH ? KW_MATCH_NO : KW_MATCH_LIMIT;
}

void kw_regex_free(struct kw_regex *re)
{
	if (!re)
		return;
	pcre2_code_free(re->code);
	pcre2_match_data_free(re->match);
	pcre2_match_context_free(re->limits);
	free(re);
}
