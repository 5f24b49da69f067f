/*
 * json_value: one answer or fact as SPEC §5 writes it, shared by the
 * result object (json.c) and the journal's records, so that an answer
 * reads the same wherever it is written.
 */
#ifndef KW_JSON_VALUE_H
#define KW_JSON_VALUE_H

#include "ruleset/ruleset.h"
#include "util/json_writer.h"

/* yes/no as a boolean, a number as a number, a choice as its id, a multi
 * as an array of ids, a word or a text as a string, unknown as null.  q
 * is the question the value answers, or NULL for a fact. */
void kw_json_value(struct kw_json *j, const struct kw_kb *kb, const struct kw_question *q,
		   const struct kw_value *v);

#endif
