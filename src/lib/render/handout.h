/*
 * handout: what the printable page (--format html) shows, read out of the
 * rule set and the result in this one place.  The page (html.c) and the
 * drawing (back.c) render from this model alone and never reach into the
 * kb or the result, so a change to how those are stored touches only
 * handout.c.  Every string is borrowed from the kb (or is a constant):
 * the model lives no longer than the kb and the result it was read from.
 */
#ifndef KW_HANDOUT_H
#define KW_HANDOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "knotwise/engine.h"

/* Where the drawing marks the knots: on the side that hurts, or on both
 * when the pain is on both sides, in the middle, or nobody said. */
enum kw_side { KW_SIDE_BOTH, KW_SIDE_LEFT, KW_SIDE_RIGHT };

struct kw_handout_knot {
	const char *name, *where, *refers;      /* where, refers: NULL if not given */
	bool likely;                    /* else "possible" */
	bool has_map;
	double x, y;                    /* the map: 0-100 across and down, left side */
};

struct kw_handout_routine {
	const char *title, *pressure, *frequency;   /* NULL if not given */
	int minutes;
	bool posture;
	const char **steps, **cautions;
	size_t nsteps, ncautions;
	size_t *knots, nknots;          /* the listed knots it treats (their index) */
};

struct kw_handout_change {
	const char *noun;               /* "a rule", "a routine", ... */
	const char *words;              /* the item in words, or NULL */
	bool disabled, safety;
	const char *file;               /* the changing file's name, no folders */
	unsigned line;
};

struct kw_handout {
	struct kw_arena *arena;         /* owns the model's arrays */
	enum kw_level level;
	const char *advice;             /* what to do now, or NULL */
	const char **because;           /* of the rules that raised the level */
	size_t nbecause;
	const char *incomplete;         /* the screen_incomplete message, when it applies */
	const char *nothing_stands_out; /* when no knot is listed */
	struct kw_handout_knot *knots;
	size_t nknots;
	enum kw_side side;
	const char *side_words;         /* the answer's label, or NULL */
	const char **regions;           /* the regions that hurt, in words */
	size_t nregions;
	bool has_pain;
	double pain, pain_max;          /* the pain_from answer, out of its max */
	const char **own_words;         /* answered text questions */
	size_t nown_words;
	struct kw_handout_routine *routines;
	size_t nroutines;
	int minutes;                    /* of the routine, posture habits aside */
	const char **left_out;          /* titles of routines that did not fit */
	size_t nleft_out;
	const char **safety_nets;       /* for everyone, then per region */
	size_t nsafety_nets;
	struct kw_handout_change *changes;
	size_t nchanges;
	const char *disclaimer;
};

struct kw_handout *kw_handout_new(const struct kw_kb *kb, const struct kw_result *res);
void kw_handout_free(struct kw_handout *h);

#endif
