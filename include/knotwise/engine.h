/*
 * engine: one consult — forward chaining from the answers to a fixpoint,
 * stratum by stratum (SPEC §7), then the knots listed and the routine
 * chosen.  The result depends on nothing but the kb and the answers.
 *
 * The result is opaque: a front end hands it to a renderer (render.h).
 * Inside it the engine keeps a trace, each step recorded as it happens
 * (a rule fired, with the answers it used; a fact set; evidence added; a
 * routine chosen or left out, and why), which is all that --explain,
 * --why-not and the renderers read.
 *
 * Cost: each rule's condition is evaluated once when its stratum starts
 * and again only when a fact it tests is set, so a run costs rules plus
 * firings (times the testers of each fact set), never rules x facts.
 */
#ifndef KNOTWISE_ENGINE_H
#define KNOTWISE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "knotwise/answers.h"
#include "knotwise/kb.h"

struct kw_result;

/* A result to run consults into; one may serve many runs in turn (batch),
 * each run replacing what the last one left.  Freed by kw_result_free. */
struct kw_result *kw_result_new(void);
void kw_result_free(struct kw_result *result);

/* Run one consult.  The kb and answers must outlive the result's use. */
void kw_engine_run(const struct kw_kb *kb, const struct kw_answers *answers,
		   struct kw_result *result);

enum kw_level kw_result_level(const struct kw_result *result);
/* The run's warnings (the answers' first), for stderr or JSON. */
size_t kw_result_nwarnings(const struct kw_result *result);
const char *kw_result_warning(const struct kw_result *result, size_t i);

/* What the person is told to do now: the advice of the first rule (in
 * firing order) that raised the winning level and has one, else that
 * level's [message]; NULL when there is neither. */
const char *kw_triage_advice(const struct kw_kb *kb, const struct kw_result *result);

#endif
