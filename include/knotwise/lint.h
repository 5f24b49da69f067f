/*
 * lint: what `check` warns about beyond load errors — things that load
 * fine but cannot be what the author meant: questions nothing uses, rules
 * that can never fire, knots without a routine or without a map for the
 * handout, routines nothing reaches, evidence without a reason.
 */
#ifndef KNOTWISE_LINT_H
#define KNOTWISE_LINT_H

#include "knotwise/diag.h"
#include "knotwise/kb.h"

void kw_lint(const struct kw_kb *kb, struct kw_diags *diags);

#endif
