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

#include "answers/answer_text.h"
#include "util/arena.h"
#include "util/json_reader.h"
#include "ruleset/ruleset.h"
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

/* One `ID = VALUE` line of n bytes (no '\n'), a comment or a blank. */
static bool read_line(const struct kw_kb *kb, struct kw_answers *a, const char *text,
		      size_t n, struct kw_loc loc, bool *seen, struct kw_diags *diags)
{
	char *line, *eq;
	bool ok;

	if (n > KW_MAX_ANSWER_LINE) {
		kw_diag(diags, KW_ERROR, loc, "line longer than %d bytes", KW_MAX_ANSWER_LINE);
		return false;
	}
	if (memchr(text, '\0', n)) {
		kw_diag(diags, KW_ERROR, loc, "NUL byte in line");
		return false;
	}
	line = kw_xmalloc(n + 1);
	memcpy(line, text, n);
	line[n] = '\0';
	if (*line == '#' || *line == ';' || !*kw_trim(line)) {
		ok = true;                      /* a comment, or blank */
	} else if (!(eq = strchr(line, '='))) {
		kw_diag(diags, KW_ERROR, loc, "expected 'ID = VALUE'");
		ok = false;
	} else {
		*eq = '\0';
		ok = put_once(kb, a, kw_trim(line), kw_trim(eq + 1), loc, seen, diags);
	}
	free(line);
	return ok;
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

		loc.line++;
		ok &= read_line(kb, a, p, n, loc, seen, diags);
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
static const char *plain_number(const char *text, struct kw_strbuf *scratch)
{
	double x;

	if (!strpbrk(text, "eE"))
		return text;
	x = strtod(text, NULL);
	kw_sb_reset(scratch);
	kw_sb_printf(scratch, "%.17g", x);
	return isfinite(x) && !strpbrk(kw_sb_str(scratch), "eE") ? kw_sb_str(scratch) : text;
}

const char *kw_answer_text_of_json(const struct kw_jmember *m, struct kw_strbuf *scratch)
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
		return plain_number(m->text, scratch);
	default:
		return NULL;
	}
}

/* A batch record's "id", kept as written to be echoed (it must be UTF-8:
 * the output is). */
static void json_id(struct json_answers *j, const struct kw_jmember *m,
		    struct kw_loc loc)
{
	if (*j->id || !kw_utf8_valid(m->raw, m->raw_len)) {
		kw_diag(j->diags, KW_ERROR, loc, *j->id ? "'id' is given twice"
			: "'id' is not valid UTF-8");
		j->ok = false;
		return;
	}
	*j->id = kw_json_echo(m->raw, m->raw_len);
}

static void json_answer(struct json_answers *j, const struct kw_jmember *m,
			struct kw_loc loc)
{
	const char *text = kw_answer_text_of_json(m, &j->number);
	size_t q;

	if (text) {
		j->ok &= put_once(j->kb, j->a, m->key, text, loc, j->seen, j->diags);
		return;
	}
	if (find_question(j->kb, m->key, &q, loc, j->diags))
		kw_diag(j->diags, KW_ERROR, loc, "the answer to '%s' must be a string, "
			"number, boolean or array of strings", m->key);
	j->ok = false;
}

/* Each member is an answer (null: not answered), reported at its line. */
static void json_member(void *data, const struct kw_jmember *m)
{
	struct json_answers *j = data;
	struct kw_loc loc = j->loc;

	loc.line = m->line;
	if (m->key_has_nul) {
		kw_diag(j->diags, KW_ERROR, loc, "a key holds a NUL character "
			"(\\u0000) after '%s'", m->key);
		j->ok = false;
	} else if (j->id && strcmp(m->key, "id") == 0) {
		json_id(j, m, loc);
	} else if (m->kind != KW_J_NULL) {
		json_answer(j, m, loc);
	}
}

bool kw_answers_read_json(const struct kw_kb *kb, struct kw_answers *a,
			  const char *text, size_t len, struct kw_loc loc, char **id,
			  struct kw_diags *diags)
{
	struct json_answers j = { kb, a, loc, kw_xcalloc(kb->nquestions + 1, sizeof *j.seen),
				  id, {0}, diags, true };
	char err[160];
	unsigned line;

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

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3, len -= 3;            /* a byte-order mark, as editors write */
	while (i < len && isspace((unsigned char)text[i]))
		i++;
	if (i < len && text[i] == '{')
		return kw_answers_read_json(kb, a, text, len, loc, NULL, diags);
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
