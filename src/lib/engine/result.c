/*
 * result: the result of a run and its trace — memory kept from one run
 * to the next on the same kb (a batch reuses one result for every line),
 * the steps appended as they happen, and the few questions a reader asks
 * of them.
 */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "answers/answers_internal.h"
#include "engine/result.h"
#include "expr/matcher.h"
#include "util/arena.h"
#include "util/strbuf.h"

struct kw_result *kw_result_new(void)
{
	return kw_xcalloc(1, sizeof(struct kw_result));
}

static void free_run_state(struct kw_result *res)
{
	free(res->values);
	free(res->scores);
	free(res->listed);
	free(res->routines);
	free(res->left_out);
	free(res->avoided_by);
	free(res->recommended);
	free(res->queued);
	free(res->set_by);
	free(res->chosen);
	kw_matcher_free(res->matcher);
}

/* Arrays sized by the kb: allocated once for a kb, cleared every run. */
static void size_for(struct kw_result *res, const struct kw_kb *kb)
{
	size_t nsyms = kw_kb_nsymbols(kb);

	free_run_state(res);
	res->values = kw_xcalloc(nsyms + 1, sizeof *res->values);
	res->scores = kw_xcalloc(kb->nknots + 1, sizeof *res->scores);
	res->listed = kw_xcalloc(kb->nknots + 1, sizeof *res->listed);
	res->routines = kw_xcalloc(kb->nroutines + 1, sizeof *res->routines);
	res->left_out = kw_xcalloc(kb->nroutines + 1, sizeof *res->left_out);
	res->avoided_by = kw_xcalloc(kb->ntags + 1, sizeof *res->avoided_by);
	res->recommended = kw_xcalloc(kb->nroutines + 1, sizeof *res->recommended);
	res->queued = kw_xcalloc(kb->nrules + 1, sizeof *res->queued);
	res->set_by = kw_xcalloc(nsyms + 1, sizeof *res->set_by);
	res->chosen = kw_xcalloc(kb->nroutines + 1, sizeof *res->chosen);
	res->matcher = kw_matcher_new(kb);
}

static void clear_warnings(struct kw_result *res)
{
	for (size_t i = 0; i < res->nwarnings; i++)
		free(res->warnings[i]);
	res->nwarnings = 0;
}

void kw_result_start(struct kw_result *res, const struct kw_kb *kb,
		     const struct kw_answers *answers)
{
	size_t sizes[5] = { kw_kb_nsymbols(kb), kb->nknots, kb->nroutines, kb->ntags,
			    kb->nrules };

	if (memcmp(sizes, res->sized_for, sizeof sizes) != 0 || res->kb != kb || !res->values) {
		size_for(res, kb);
		memcpy(res->sized_for, sizes, sizeof sizes);
	}
	res->kb = kb;
	res->answers = answers;
	res->triage = KW_SELF_CARE;
	memcpy(res->values, answers->values, kb->nquestions * sizeof *res->values);
	memset(res->values + kb->nquestions, 0, kb->nfacts * sizeof *res->values);
	memset(res->scores, 0, kb->nknots * sizeof *res->scores);
	memset(res->avoided_by, 0xff, kb->ntags * sizeof *res->avoided_by);
	memset(res->recommended, 0, kb->nroutines * sizeof *res->recommended);
	memset(res->queued, 0, kb->nrules * sizeof *res->queued);
	memset(res->chosen, 0, kb->nroutines * sizeof *res->chosen);
	res->nlisted = res->nroutines = res->nleft_out = 0;
	res->nsteps = res->nused = res->nheap = 0;
	clear_warnings(res);
	for (size_t i = 0; i < answers->nwarnings; i++)
		kw_result_warn(res, "%s", answers->warnings[i]);
}

void kw_result_free(struct kw_result *res)
{
	if (!res)
		return;
	free_run_state(res);
	free(res->steps);
	free(res->used);
	free(res->heap);
	clear_warnings(res);
	free(res->warnings);
	free(res);
}

void kw_trace_step(struct kw_result *res, struct kw_step step)
{
	KW_PUSH(res->steps, res->nsteps, res->steps_cap, step);
}

void kw_result_warn(struct kw_result *res, const char *fmt, ...)
{
	struct kw_strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	kw_sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	KW_PUSH(res->warnings, res->nwarnings, res->warnings_cap,
		sb.data ? sb.data : kw_xstrdup(""));
}

enum kw_level kw_result_level(const struct kw_result *res)
{
	return res->triage;
}

size_t kw_result_nwarnings(const struct kw_result *res)
{
	return res->nwarnings;
}

const char *kw_result_warning(const struct kw_result *res, size_t i)
{
	return res->warnings[i];
}

uint32_t kw_result_avoider(const struct kw_result *res, size_t tag)
{
	return res->avoided_by[tag];
}

bool kw_result_has_routine(const struct kw_result *res, size_t routine)
{
	for (size_t i = 0; i < res->nroutines; i++)
		if (res->routines[i] == routine)
			return true;
	return false;
}
