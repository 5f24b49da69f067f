/*
 * unit: helpers shared by the Check suites — load a rule set from a
 * string, answer it from a string, and run a consult.
 */
#ifndef KW_UNIT_H
#define KW_UNIT_H

#include <check.h>

#include "knotwise/answers.h"
#include "engine/result.h"
#include "knotwise/load.h"

/* Load rules given as text (written to a temporary file); *diags keeps
 * what the loader said.  Returns the load status. */
enum kw_load_status unit_load(const char *ini, struct kw_kb **kb,
			      struct kw_diags *diags);
/* The same with other limits than the defaults. */
enum kw_load_status unit_load_limited(const char *ini, const struct kw_limits *limits,
				      struct kw_kb **kb, struct kw_diags *diags);
/* Load rules that must be valid; fails the test otherwise. */
struct kw_kb *unit_kb(const char *ini);
/* Does some diagnostic of this severity contain `text` (and, when line is
 * not 0, sit on that line)? */
int unit_has_diag(const struct kw_diags *diags, enum kw_severity severity,
		  unsigned line, const char *text);
/* Answer `ID = VALUE` text and run a consult; the answers must be valid.
 * The caller frees the result and the answers. */
struct kw_result *unit_consult(const struct kw_kb *kb, const char *answers,
				struct kw_answers **a);
/* How many steps of that kind the run's trace holds. */
size_t unit_steps(const struct kw_result *res, enum kw_step_kind kind);
/* Run the suite with TAP or plain output as CK_* variables say. */
int unit_run(Suite *suite);

#endif
