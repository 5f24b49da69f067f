/*
 * matcher: compiling patterns at load, matching them in a run (matcher.h).
 */
#include <config.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/matcher.h"
#include "ruleset/store.h"
#include "util/arena.h"

#define MATCH_LIMIT 100000
#define DEPTH_LIMIT 5000
#define JIT_AFTER 32            /* matches before the JIT pays for itself */
#define COMPILE_FLAGS (PCRE2_UTF | PCRE2_MATCH_INVALID_UTF)

struct kw_matcher {
	const struct kw_kb *kb;
	pcre2_code **codes;             /* by pattern, decoded on first use */
	unsigned *uses;
	pcre2_match_data *match;
	pcre2_match_context *limits;
};

static pcre2_code *compile(const char *text, int *error, PCRE2_SIZE *offset)
{
	return pcre2_compile((PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED, COMPILE_FLAGS,
			     error, offset, NULL);
}

/* The same text already in the store: one pattern serves both tests. */
static bool known_pattern(struct kw_store *st, const char *text, uint32_t *index)
{
	const struct kw_kb *kb = st->kb;

	for (uint32_t i = 0; i < kb->npatterns; i++)
		if (strcmp(kw_s(kb, kb->patterns[i].text), text) == 0)
			return *index = i, true;
	return false;
}

bool kw_pattern_add(struct kw_store *st, const char *text, char *errbuf, size_t errlen,
		    size_t *erroffset, uint32_t *index)
{
	struct kw_pattern p;
	PCRE2_SIZE offset, len;
	uint8_t *bytes;
	int error;
	pcre2_code *code;

	if (known_pattern(st, text, index))
		return true;
	if (!(code = compile(text, &error, &offset))) {
		pcre2_get_error_message(error, (PCRE2_UCHAR *)errbuf, errlen);
		*erroffset = offset + 1;
		return false;
	}
	if (pcre2_serialize_encode((const pcre2_code **)&code, 1, &bytes, &len, NULL) < 0)
		kw_out_of_memory();
	while (kw_store_len(st, KW_PART_PATTERN_CODE) % 8)     /* PCRE2 reads words */
		kw_store_add(st, KW_PART_PATTERN_CODE, NULL, 1);
	p.text = kw_store_text(st, text);
	p.code_len = (uint32_t)len;
	p.code = kw_store_add(st, KW_PART_PATTERN_CODE, bytes, len);
	*index = kw_store_add(st, KW_PART_PATTERNS, &p, 1);
	pcre2_serialize_free(bytes);
	pcre2_code_free(code);
	return true;
}

struct kw_matcher *kw_matcher_new(const struct kw_kb *kb)
{
	struct kw_matcher *m = kw_xcalloc(1, sizeof *m);

	m->kb = kb;
	m->codes = kw_xcalloc(kb->npatterns + 1, sizeof *m->codes);
	m->uses = kw_xcalloc(kb->npatterns + 1, sizeof *m->uses);
	m->match = pcre2_match_data_create(1, NULL);
	m->limits = pcre2_match_context_create(NULL);
	if (!m->match || !m->limits)
		kw_out_of_memory();
	pcre2_set_match_limit(m->limits, MATCH_LIMIT);
	pcre2_set_depth_limit(m->limits, DEPTH_LIMIT);
	return m;
}

void kw_matcher_free(struct kw_matcher *m)
{
	if (!m)
		return;
	for (uint32_t i = 0; i < m->kb->npatterns; i++)
		pcre2_code_free(m->codes[i]);
	free(m->codes);
	free(m->uses);
	pcre2_match_data_free(m->match);
	pcre2_match_context_free(m->limits);
	free(m);
}

/* The pattern's code: decoded from the image, or (should PCRE2 refuse
 * that) compiled again from its text, which compiled at load. */
static pcre2_code *code_of(struct kw_matcher *m, uint32_t i)
{
	const struct kw_pattern *p = &m->kb->patterns[i];
	PCRE2_SIZE offset;
	int error;

	if (m->codes[i])
		return m->codes[i];
	if (pcre2_serialize_decode(&m->codes[i], 1, m->kb->pattern_code + p->code, NULL) != 1)
		m->codes[i] = compile(kw_s(m->kb, p->text), &error, &offset);
	if (!m->codes[i])
		kw_out_of_memory();
	return m->codes[i];
}

enum kw_match kw_matcher_match(struct kw_matcher *m, uint32_t i, const char *subject)
{
	pcre2_code *code = code_of(m, i);
	int rc;

	if (++m->uses[i] == JIT_AFTER)
		pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);   /* best effort */
	rc = pcre2_match(code, (PCRE2_SPTR)subject, strlen(subject), 0, 0, m->match,
			 m->limits);
	if (rc >= 0)
		return KW_MATCH_YES;
	return rc == PCRE2_ERROR_NOMATCH ? KW_MATCH_NO : KW_MATCH_LIMIT;
}
