/*
 * answers_read: the three ways answers arrive from outside — `ID = VALUE`
 * lines, a JSON object, and --set — each reduced to kw_answers_put.
 */
#include <config.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/json_reader.h"
#include "ruleset/kb_internal.h"
#include "knotwise/answers.h"
#include "util/scalar.h"
#include "util/strbuf.h"

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

struct json_answers {
	const struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_loc loc;
	bool *seen;
	char **id;              /* batch: where the "id" goes */
	struct kw_strbuf number;
	struct kw_diags *diags;
	bool ok;
};

/* A JSON number as the plain decimal answers are written in (1e3 is
 * 1000); one that has none (1e999, 1e300) is left as written, so that the
 * error quotes what was given rather than 'inf'. */
static const char *plain_number(struct json_answers *j, const char *text)
{
	double x;

	if (!strpbrk(text, "eE"))
		return text;
	x = strtod(text, NULL);
	kw_sb_reset(&j->number);
	kw_sb_printf(&j->number, "%.17g", x);
	return isfinite(x) && !strpbrk(kw_sb_str(&j->number), "eE")
		? kw_sb_str(&j->number) : text;
}

/* A JSON value as the text kw_answers_put reads, or NULL. */
static const char *answer_text(struct json_answers *j, const struct kw_jmember *m)
{
	switch (m->kind) {
	case KW_J_STRING:
	case KW_J_STRINGS:
		return m->text_has_nul ? NULL : m->text;
	case KW_J_TRUE:
		return "yes";
	case KW_J_FALSE:
		return "no";
	case KW_J_NUMBER:
		return plain_number(j, m->text);
	default:
		return NULL;
	}
}

static void json_member(void *data, const struct kw_jmember *m)
{
	struct json_answers *j = data;
	const char *text;

	if (m->key_has_nul) {
		kw_diag(j->diags, KW_ERROR, j->loc, "a key holds a NUL character "
			"(\\u0000) after '%s'", m->key);
		j->ok = false;
		return;
	}
	if (j->id && strcmp(m->key, "id") == 0) {
		if (*j->id)
			kw_diag(j->diags, KW_ERROR, j->loc, "'id' is given twice");
		j->ok &= !*j->id;
		free(*j->id);
		*j->id = kw_json_echo(m->raw, m->raw_len);
		return;
	}
	if (m->kind == KW_J_NULL)
		return;         /* null: not answered */
	if (!(text = answer_text(j, m))) {
		size_t q;
		if (find_question(j->kb, m->key, &q, j->loc, j->diags))
			kw_diag(j->diags, KW_ERROR, j->loc, "the answer to '%s' must be a "
				"string, number, boolean or array of strings", m->key);
		j->ok = false;
		return;
	}
	j->ok &= put_once(j->kb, j->a, m->key, text, j->loc, j->seen, j->diags);
}

bool kw_answers_read_json(const struct kw_kb *kb, struct kw_answers *a,
			  const char *text, size_t len, struct kw_loc loc, char **id,
			  struct kw_diags *diags)
{
	struct json_answers j = { kb, a, loc, kw_xcalloc(kb->nquestions + 1, sizeof *j.seen),
				  id, {0}, diags, true };
	char err[160];
	unsigned line;

	if (!kw_utf8_valid(text, len)) {
		kw_diag(diags, KW_ERROR, loc, "answers are not valid UTF-8 text");
		free(j.seen);
		return false;
	}
	if (!kw_json_read_object(text, len, json_member, &j, err, sizeof err, &line)) {
		loc.line = line;
		kw_diag(diags, KW_ERROR, loc, "%s", err);
		j.ok = false;
	}
	kw_sb_free(&j.number);
	free(j.seen);
	return j.ok;
}

bool kw_answers_read(const struct kw_kb *kb, struct kw_answers *a,
		     const char *text, size_t len, const char *source,
		     struct kw_diags *diags)
{
	struct kw_loc loc = { .file = source };
	size_t i = 0;

	while (i < len && isspace((unsigned char)text[i]))
		i++;
	if (i < len && text[i] == '{')          /* it checks the text itself */
		return kw_answers_read_json(kb, a, text, len, loc, NULL, diags);
	if (!kw_utf8_valid(text, len) || memchr(text, '\0', len)) {
		kw_diag(diags, KW_ERROR, loc, "answers are not valid UTF-8 text");
		return false;
	}
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
