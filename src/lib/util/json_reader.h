/*
 * json_reader: the members of one JSON object of answers, read in one
 * pass without building a tree.  Answers are flat — strings, numbers,
 * booleans, null, arrays of strings — so that is what it decodes; any
 * other value (batch's "id" may be anything) is checked and handed over
 * as written.  jansson's tree cost a batch half its time.
 */
#ifndef KW_JSON_READER_H
#define KW_JSON_READER_H

#include <stdbool.h>
#include <stddef.h>

enum kw_jkind {
	KW_J_STRING, KW_J_NUMBER, KW_J_TRUE, KW_J_FALSE, KW_J_NULL,
	KW_J_STRINGS,           /* an array of strings, joined with commas */
	KW_J_OTHER              /* any other value: see raw */
};

struct kw_jmember {
	const char *key;
	bool key_has_nul;       /* a decoded \u0000: key stops there */
	unsigned line;          /* where the member starts, from 1 */
	enum kw_jkind kind;
	const char *text;       /* string, number as written, joined strings */
	bool text_has_nul;      /* a decoded \u0000 (or a ',' in a joined item) */
	const char *raw;        /* the value as written */
	size_t raw_len;
};

/* A JSON value as written, to be echoed (a batch id): the same but for the
 * tabs, CRs and line feeds between its tokens, which are left out so that
 * none reaches the output raw; malloc'd. */
char *kw_json_echo(const char *raw, size_t len);

/* Read the object in text; false (with a message and its line) when the
 * text is not exactly one JSON object.  Otherwise each member is passed to
 * fn in order; pointers stay valid until the next call.  Strings are not
 * checked for UTF-8: what reads them does, and can name the member. */
bool kw_json_read_object(const char *text, size_t len,
			 void (*fn)(void *data, const struct kw_jmember *m), void *data,
			 char *err, size_t errlen, unsigned *errline);

#endif
