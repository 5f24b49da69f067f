/*
 * refs: a name that a section uses and no section defines.  The message
 * says what kind of thing was expected and, where an id of that kind is
 * close (a typo, or the wrong case), which one was probably meant.
 */
#include <config.h>

#include <string.h>

#include "load/build.h"

static void offer_all(const struct kw_kb *kb, const char *what, struct kw_suggest *s)
{
	if (strcmp(what, "knot") == 0)
		for (size_t i = 0; i < kb->nknots; i++)
			kw_suggest_offer(s, kw_s(kb, kb->knots[i].id));
	else if (strcmp(what, "routine") == 0)
		for (size_t i = 0; i < kb->nroutines; i++)
			kw_suggest_offer(s, kw_s(kb, kb->routines[i].id));
	else if (strcmp(what, "rule") == 0)
		for (size_t i = 0; i < kb->nrules; i++)
			kw_suggest_offer(s, kw_s(kb, kb->rules[i].id));
	else
		for (size_t i = 0; i < kb->nquestions; i++)
			kw_suggest_offer(s, kw_s(kb, kb->questions[i].id));
}

void kw_unknown_ref(struct kw_builder *b, struct kw_loc loc, const char *what,
		    const char *id, const char *context)
{
	struct kw_suggest s = { .word = id };
	const char *hint;

	offer_all(b->kb, what, &s);
	hint = kw_suggest_result(&s);
	kw_diag(b->diags, KW_ERROR, loc, "unknown %s '%s'%s%s%s%s%s", what, id,
		context ? " " : "", context ? context : "",
		hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
}
