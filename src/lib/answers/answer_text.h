/*
 * answer_text: a JSON value as the text an answers file would give, so
 * that every reader of JSON answers (an answers object, a batch line, a
 * journal record) means the same by the same value.
 */
#ifndef KW_ANSWER_TEXT_H
#define KW_ANSWER_TEXT_H

#include "util/json_reader.h"
#include "util/strbuf.h"

/* "yes" for true, "no" for false, "lower_back,neck" for an array of
 * strings, a number as a plain decimal (scratch holds one rewritten from
 * an exponent); NULL for what is no answer: null, an object, another
 * array, a string holding a NUL.  Valid until scratch changes. */
const char *kw_answer_text_of_json(const struct kw_jmember *m, struct kw_strbuf *scratch);

#endif
