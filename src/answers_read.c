/*
 * answers_read: the three ways answers arrive from outside — `ID = VALUE`
 * lines, a JSON object, and --set — each reduced to kw_answers_put.
 */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kb_internal.h"
#include "knotwise/answers.h"
#include "scalar.h"
#include "knotwise/strbuf.h"

static bool find_question(const struct kw_kb *kb, const char *id, size_t *q,
			  struct kw_loc loc, struct kw_diags *diags)
{
	const char *hint;

	if (kw_kb_find_symbol(kb, id, q) && *q < kb->nquestions)
		return true;
	hint = kw_kb_suggest_symbol(kb, id);
	if (hint && kw_kb_find_symbol(kb, hint, q) && *q < kb->nquestions)
		kw_diag(diags, KW_ERROR, loc, "unknown question '%s'; did you mean "
			"'%s'?", id, hint);
	else
		kw_diag(diags, KW_ERROR, loc, "unknown question '%s'", id);
	return false;
}

static bool put_once(const struct kw_kb *kb, struct kw_answers *a,
		     const char *id, const char *value, struct kw_loc loc,
		     bool *seen, struct kw_diags *diags)
{
	size_t q;

	if (!find_question(kb, id, &q, loc, diags))
		return false;
	if (seen[q]) {
		kw_diag(diags, KW_ERROR, loc, "'%s' is answered twice", id);
		return false;
	}
	seen[q] = true;
	return kw_answers_put(kb, a, q, value, loc, diags);
}

static bool read_line(const struct kw_kb *kb, struct kw_answers *a, char *line,
		      struct kw_loc loc, bool *seen, struct kw_diags *diags)
{
	char *eq, *id;

	if (*line == '#' || *line == ';' || !*kw_trim(line))
		return true;
	if (strlen(line) > KW_MAX_ANSWER_LINE) {
		kw_diag(diags, KW_ERROR, loc, "line longer than %d bytes",
			KW_MAX_ANSWER_LINE);
		return false;
	}
	if (!(eq = strchr(line, '='))) {
		kw_diag(diags, KW_ERROR, loc, "expected 'ID = VALUE'");
		return false;
	}
	*eq = '\0';
	id = kw_trim(line);
	return put_once(kb, a, id, kw_trim(eq + 1), loc, seen, diags);
}

static bool read_lines(const struct kw_kb *kb, struct kw_answers *a,
		       const char *text, size_t len, struct kw_loc loc,
		       struct kw_diags *diags)
{
	bool *seen = kw_xcalloc(kb->nquestions, sizeof *seen), ok = true;
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = kw_xmalloc(n + 1);

		memcpy(line, p, n);
		line[n] = '\0';
		if (n && line[n - 1] == '\r')
			line[n - 1] = '\0';
		loc.line++;
		ok &= read_line(kb, a, line, loc, seen, diags);
		free(line);
		p += n + 1;
	}
	free(seen);
	return ok;
}

/* A JSON member's value as the text kw_answers_put reads. */
static bool json_to_text(json_t *v, struct kw_strbuf *out)
{
	size_t i;
	json_t *item;

	switch (json_typeof(v)) {
	case JSON_STRING:
		kw_sb_addn(out, json_string_value(v), json_string_length(v));
		return strlen(json_string_value(v)) == json_string_length(v);
	case JSON_TRUE:
	case JSON_FALSE:
		kw_sb_add(out, json_is_true(v) ? "yes" : "no");
		return true;
	case JSON_INTEGER:
		kw_sb_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return true;
	case JSON_REAL:
		kw_sb_printf(out, "%.17g", json_real_value(v));
		return true;
	case JSON_ARRAY:
		json_array_foreach(v, i, item) {
			if (!json_is_string(item) || strchr(json_string_value(item), ','))
				return false;
			kw_sb_printf(out, "%s%s", i ? "," : "", json_string_value(item));
		}
		return true;
	default:
		return false;
	}
}

bool kw_answers_read_json(const struct kw_kb *kb, struct kw_answers *a,
			  json_t *object, struct kw_loc loc, struct kw_diags *diags)
{
	bool *seen = kw_xcalloc(kb->nquestions, sizeof *seen), ok = true;
	struct kw_strbuf text = {0};
	const char *key;
	json_t *value;

	json_object_foreach(object, key, value) {
		kw_sb_reset(&text);
		if (json_is_null(value))
			continue;       /* null: not answered */
		if (!json_to_text(value, &text)) {
			kw_diag(diags, KW_ERROR, loc, "the answer to '%s' must be a "
				"string, number, boolean or array of strings", key);
			ok = false;
			continue;
		}
		ok &= put_once(kb, a, key, kw_sb_str(&text), loc, seen, diags);
	}
	kw_sb_free(&text);
	free(seen);
	return ok;
}

static bool read_json_text(const struct kw_kb *kb, struct kw_answers *a,
			   const char *text, size_t len, struct kw_loc loc,
			   struct kw_diags *diags)
{
	json_error_t err;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	bool ok;

	if (!root || !json_is_object(root)) {
		loc.line = root ? 1 : (unsigned)(err.line > 0 ? err.line : 1);
		kw_diag(diags, KW_ERROR, loc, "%s", root ? "answers must be a JSON object"
			: err.text);
		json_decref(root);
		return false;
	}
	ok = kw_answers_read_json(kb, a, root, loc, diags);
	json_decref(root);
	return ok;
}

bool kw_answers_read(const struct kw_kb *kb, struct kw_answers *a,
		     const char *text, size_t len, const char *source,
		     struct kw_diags *diags)
{
	struct kw_loc loc = { .file = source };
	size_t i = 0;

	if (!kw_utf8_valid(text, len) || memchr(text, '\0', len)) {
		kw_diag(diags, KW_ERROR, loc, "answers are not valid UTF-8 text");
		return false;
	}
	while (i < len && isspace((unsigned char)text[i]))
		i++;
	if (i < len && text[i] == '{')
		return read_json_text(kb, a, text, len, loc, diags);
	return read_lines(kb, a, text, len, loc, diags);
}

bool kw_answers_set(const struct kw_kb *kb, struct kw_answers *a,
		    const char *assignment, struct kw_diags *diags)
{
	struct kw_loc loc = { .file = "--set" };
	char *copy = kw_xstrdup(assignment), *eq = strchr(copy, '=');
	size_t q;
	bool ok = false;

	if (!eq)
		kw_diag(diags, KW_ERROR, loc, "expected ID=VALUE, not '%s'", assignment);
	else if ((*eq = '\0', find_question(kb, kw_trim(copy), &q, loc, diags)))
		ok = kw_answers_put(kb, a, q, kw_trim(eq + 1), loc, diags);
	free(copy);
	return ok;
}
