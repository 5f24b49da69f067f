/*
 * json_writer: JSON written straight into a string buffer, no tree.  A
 * batch of 100k results cannot afford building and freeing a jansson tree
 * per record; this writes each value once, escaping only what JSON needs.
 * Compact, or pretty with two-space indents.  Strings must be UTF-8
 * (answers and rule files are checked for it when read).
 */
#ifndef KW_JSON_WRITER_H
#define KW_JSON_WRITER_H

#include <stdbool.h>

#include "util/strbuf.h"

#define KW_JSON_MAX_DEPTH 32

struct kw_json {
	struct kw_strbuf *out;
	bool pretty;
	int depth;
	bool has_items[KW_JSON_MAX_DEPTH];      /* per level: a value was written */
	bool after_key;
};

void kw_json_init(struct kw_json *j, struct kw_strbuf *out, bool pretty);
void kw_json_object(struct kw_json *j);
void kw_json_array(struct kw_json *j);
void kw_json_end(struct kw_json *j, char close);      /* '}' or ']' */
void kw_json_key(struct kw_json *j, const char *key);
void kw_json_string(struct kw_json *j, const char *s);     /* NULL: null */
void kw_json_number(struct kw_json *j, double x);
void kw_json_bool(struct kw_json *j, bool b);
/* Text that is already JSON (one value), such as an echoed batch id. */
void kw_json_raw(struct kw_json *j, const char *json);

#endif
