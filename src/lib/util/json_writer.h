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
#include <stdint.h>

#include "util/strbuf.h"

#define KW_JSON_MAX_DEPTH 32

/* The JSON forms of the texts in one block of memory (a rule set's
 * string pool), each escaped once, when first written, and kept: a
 * string that starts in the block is then copied, not escaped again.
 * A batch writes the same ids and texts in every one of its results. */
struct kw_json_texts {
	const char *block;
	size_t size;
	uint32_t *at;                   /* by offset in the block: where its
					 * form is in forms, + 1; 0: not yet */
	struct kw_strbuf forms;         /* each: its length (4 bytes), then it */
};

void kw_json_texts_init(struct kw_json_texts *t, const char *block, size_t size);
void kw_json_texts_free(struct kw_json_texts *t);

struct kw_json {
	struct kw_strbuf *out;
	struct kw_json_texts *texts;    /* or NULL */
	bool pretty;
	int depth;
	bool has_items[KW_JSON_MAX_DEPTH];      /* per level: a value was written */
	bool after_key;
};

void kw_json_init(struct kw_json *j, struct kw_strbuf *out, bool pretty);
/* Strings in t's block are written from their kept forms from now on. */
void kw_json_use_texts(struct kw_json *j, struct kw_json_texts *t);
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
