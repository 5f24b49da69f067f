#include <config.h>

#include "load/ini_read.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <ini.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/diag.h"
#include "util/line_reader.h"
#include "util/scalar.h"
#include "util/strbuf.h"

enum line_kind { LINE_OTHER, LINE_KEY, LINE_CONTINUATION };

struct reader {
	struct kw_raw_set *set;
	struct kw_line_reader *lines;
	struct kw_loc loc;              /* loc.line: the line being read */
	struct kw_diags *diags;
	enum line_kind prev;
	struct kw_strbuf joining;       /* a value with continuation lines */
	struct kw_span *spans;          /* where its pieces came from */
	size_t nspans, spans_cap;
	struct kw_raw_entry *entries;   /* of the section being read */
	size_t nentries, entries_cap;
	size_t open_entry;              /* the entry they continue */
	bool has_open_entry;
	bool in_section;                /* keys have a section to go to */
	bool bad_section;               /* its header was wrong: drop keys */
	int read_errno;                 /* why reading failed, or 0 */
	size_t bytes;
	size_t errors, hidden;          /* line errors of this file, and those
					 * past KW_MAX_FILE_ERRORS not kept */
	size_t errors_before;
};

static void line_error(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A file of garbage (a binary, /dev/urandom copied by mistake) would give
 * an error per line: past KW_MAX_FILE_ERRORS they are only counted, and
 * warnings are no longer given. */
static bool too_many_errors(const struct reader *r)
{
	return r->errors >= KW_MAX_FILE_ERRORS;
}

static void line_error(struct reader *r, const char *fmt, ...)
{
	struct kw_strbuf sb = {0};
	va_list ap;

	if (r->in_section && !r->bad_section)
		r->set->sections[r->set->len - 1].damaged = true;
	if (too_many_errors(r)) {
		r->hidden++;
		return;
	}
	r->errors++;
	va_start(ap, fmt);
	kw_sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	kw_diag(r->diags, KW_ERROR, r->loc, "%s", kw_sb_str(&sb));
	kw_sb_free(&sb);
}

/* The kind's own name (kept, never copied), or NULL for no kind. */
static const char *known_kind(const char *kind)
{
	static const char *const kinds[] = {
		"question", "rule", "knot", "routine", "group", "message", "settings"
	};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return kinds[i];
	return NULL;
}

/* The entries of the section just read go into the arena, exactly sized:
 * a section holds few, and a rule set may hold a million sections. */
static void close_section(struct reader *r)
{
	struct kw_raw_section *s;

	if (!r->nentries)
		return;
	s = &r->set->sections[r->set->len - 1];
	s->entries = kw_arena_alloc(r->set->arena, r->nentries * sizeof *s->entries);
	memcpy(s->entries, r->entries, r->nentries * sizeof *s->entries);
	s->nentries = r->nentries;
	r->nentries = 0;
}

static void start_section(struct reader *r, const char *kind, const char *id)
{
	struct kw_raw_set *set = r->set;
	struct kw_raw_section s = { .loc = r->loc };

	if (set->len >= set->limits->sections) {
		line_error(r, "too many sections (at most %zu)", set->limits->sections);
		r->bad_section = true;
		return;
	}
	s.kind = known_kind(kind);
	s.id = id ? kw_arena_strdup(set->arena, id) : NULL;
	KW_PUSH(set->sections, set->len, set->cap, s);
	r->in_section = true;
	r->bad_section = false;
}

/* `[KIND ID]` or `[settings]`; the line has no line ending. */
static void read_header(struct reader *r, char *line)
{
	char *end = strrchr(line, ']'), *kind, *id, *rest;

	close_section(r);
	r->in_section = true;
	r->bad_section = true;
	if (!end || end[1] != '\0') {
		line_error(r, "section header must end with ']'");
		return;
	}
	*end = '\0';
	kind = strtok_r(line + 1, " \t", &rest);
	id = kind ? strtok_r(NULL, " \t", &rest) : NULL;
	if (!kind) {
		line_error(r, "empty section header");
	} else if (!known_kind(kind)) {
		line_error(r, "unknown section kind '%s' (question, rule, knot, "
			   "routine, group, message or settings)", kind);
	} else if (strtok_r(NULL, " \t", &rest)) {
		line_error(r, "section header has more than a kind and an id");
	} else if (strcmp(kind, "settings") == 0) {
		if (id)
			line_error(r, "[settings] takes no id");
		else
			start_section(r, kind, NULL);
	} else if (!id) {
		line_error(r, "section [%s] needs an id", kind);
	} else if (!kw_valid_id(id)) {
		line_error(r, "invalid id '%s' (lower-case letter, then up to 39 "
			   "lower-case letters, digits or '_')", id);
	} else {
		start_section(r, kind, id);
	}
}

/* Where a ` ;` comment starts (libinih's rule), or NULL. */
static char *inline_comment(char *s)
{
	for (char *p = s + 1; (p = strchr(p, ';')) != NULL; p++)
		if (isspace((unsigned char)p[-1]))
			return p;
	return NULL;
}

/* A ` ;` ends the value there: say so, so a clipped sentence is seen. */
static void warn_comment(struct reader *r, const char *comment)
{
	if (!too_many_errors(r))
		kw_diag(r->diags, KW_WARNING, r->loc, "' ;' starts a comment, so the "
			"value stops before '%.30s'", comment);
}

static void rstrip(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

static bool looks_like_key(const char *s)
{
	while (kw_is_lower(*s) || *s == '_')
		s++;
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '=' || *s == ':';
}

/* Rule texts reach terminals (the questionnaire, text output, lists): a
 * control character in one (ESC, BEL, backspace...) is kept visible as
 * \x1b instead, with a warning at its line, so that no rule file can send
 * a terminal commands.  Lines are valid UTF-8 by now: 0xC2 0x80..0x9F is
 * a C1 control. */
static bool has_control(const char *s)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = ones << 7;
	const char *end = s + strlen(s);
	uint64_t w;

	/* eight bytes at a time while none is below 0x20 or above 0x7E */
	for (; end - s >= 8; s += 8) {
		memcpy(&w, s, 8);
		if (((w - ones * 0x20) & ~w & highs) | ((w | (w + ones)) & highs))
			break;
	}
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7F ||
		    ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] < 0xA0 &&
		     (unsigned char)s[1] >= 0x80))
			return true;
	return false;
}

static void add_value_text(struct reader *r, struct kw_strbuf *sb, const char *text)
{
	if (!has_control(text)) {
		kw_sb_add(sb, text);
		return;
	}
	if (!too_many_errors(r))
		kw_diag(r->diags, KW_WARNING, r->loc, "control character in the value, "
			"kept visible as \\xHH");
	kw_sb_add_shown(sb, text, strlen(text));
}

/* The value a continuation is joined to is built up here and stored once
 * the next line shows it is complete: no copy per continuation line.  Its
 * spans go with it, so that an error at a column of the joined value is
 * reported at the line and column it came from. */
static void finish_value(struct reader *r)
{
	struct kw_raw_entry *e;
	struct kw_spans *spans;

	if (!r->joining.len)
		return;
	e = &r->entries[r->open_entry];
	e->value = kw_arena_strndup(r->set->arena, r->joining.data, r->joining.len);
	spans = kw_arena_alloc(r->set->arena, sizeof *spans + r->nspans * sizeof *spans->at);
	spans->n = r->nspans;
	memcpy(spans->at, r->spans, r->nspans * sizeof *spans->at);
	e->spans = spans;
	kw_sb_reset(&r->joining);
	r->nspans = 0;
}

/* The piece of the value from offset on was read on this line. */
static void add_span(struct reader *r, size_t offset, unsigned line)
{
	struct kw_span span = { offset, line };

	KW_PUSH(r->spans, r->nspans, r->spans_cap, span);
}

/* text: the line past its indent. */
static void read_continuation(struct reader *r, char *text)
{
	struct kw_raw_entry *e;
	char *comment;

	if (r->prev == LINE_OTHER) {
		line_error(r, "indented line with no key line directly above it "
			   "(keys are not indented)");
		return;
	}
	r->prev = LINE_CONTINUATION;
	if (!r->has_open_entry)         /* its key was rejected, and said so */
		return;
	if ((comment = inline_comment(text)) != NULL) {
		warn_comment(r, comment);
		*comment = '\0';
	}
	rstrip(text);
	if (looks_like_key(text) && !too_many_errors(r))
		kw_diag(r->diags, KW_WARNING, r->loc, "continuation line looks like "
			"'key = value': is a key indented by mistake?");
	e = &r->entries[r->open_entry];
	if (!r->nspans) {
		kw_sb_add(&r->joining, e->value);
		add_span(r, 0, e->line);
	}
	if (r->joining.len + strlen(text) + 1 > r->set->limits->value_bytes) {
		line_error(r, "value of '%s' longer than %zu bytes", e->key,
			   r->set->limits->value_bytes);
		r->has_open_entry = false;
		return;
	}
	if (r->joining.len)
		kw_sb_addc(&r->joining, ' ');
	add_span(r, r->joining.len, r->loc.line);
	add_value_text(r, &r->joining, text);
}

/* Decide what a physical line is; returns the text inih should see. */
static const char *classify(struct reader *r, char *line)
{
	char *text = line;

	while (*text == ' ' || *text == '\t')
		text++;
	if (text == line || *text == '\0' || *text == ';' || *text == '#') {
		finish_value(r);
		r->has_open_entry = false;
	}
	if (*text == '\0' || *text == ';' || *text == '#') {
		r->prev = LINE_OTHER;
		return "\n";
	}
	if (text != line) {
		read_continuation(r, text);
		return "\n";
	}
	r->prev = LINE_OTHER;
	if (*line == '[') {
		read_header(r, line);
		return "\n";
	}
	if (!strpbrk(line, "=:")) {
		line_error(r, "expected 'key = value'");
		return "\n";
	}
	/* libinih cuts a ' ;' comment before it looks for the '=': such a
	 * line would vanish without a word */
	if ((text = inline_comment(line)) != NULL && text < strpbrk(line, "=:")) {
		line_error(r, "expected 'key = value' before the ' ;' comment");
		return "\n";
	}
	if ((text = inline_comment(strpbrk(line, "=:"))) != NULL)
		warn_comment(r, text);
	r->prev = LINE_KEY;
	return NULL;
}

/* The line inih is given for one this reader dealt with itself: a blank
 * one, so that inih's line count stays in step. */
static char *skip_line(struct reader *r, char *str)
{
	r->prev = LINE_OTHER;
	return memcpy(str, "\n", 2);
}

/* The next physical line, or false at the end (or where reading must
 * stop: inih asks for no more lines after that). */
static bool next_line(struct reader *r, struct kw_line *line)
{
	int got = kw_line_reader_next(r->lines, line);

	if (got < 0) {
		r->read_errno = errno;
		kw_diag(r->diags, KW_ERROR, (struct kw_loc){ .file = r->loc.file,
			.file_rank = r->loc.file_rank }, "cannot read rule file: %s",
			strerror(errno));
	}
	if (got <= 0)
		return false;
	r->loc.line++;
	r->bytes += line->full_len + 1;
	if (r->bytes > r->set->limits->file_bytes) {
		line_error(r, "file larger than %zu bytes", r->set->limits->file_bytes);
		return false;
	}
	return true;
}

static char *read_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	struct kw_line line;
	char *text;
	size_t n;

	if (!next_line(r, &line))
		return NULL;
	if (!line.text) {
		line_error(r, "line too long (%zu bytes, at most %d): continue a long "
			   "value on an indented next line", line.full_len, KW_MAX_LINE);
		return skip_line(r, str);
	}
	if (memchr(line.text, '\0', line.len)) {
		line_error(r, "NUL byte in line");
		return skip_line(r, str);
	}
	if (!kw_utf8_valid(line.text, line.len)) {
		line_error(r, "line is not valid UTF-8");
		return skip_line(r, str);
	}
	text = line.text;
	n = line.len;
	if (r->loc.line == 1 && strncmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3, n -= 3;
	while (n && text[n - 1] == '\r')
		text[--n] = '\0';
	if (n > KW_MAX_LINE) {
		line_error(r, "line too long (%zu bytes, at most %d): continue a "
			   "long value on an indented next line", n, KW_MAX_LINE);
		return skip_line(r, str);
	}
	/* inih sees a key line as it is, and a blank line for everything this
	 * reader handled itself (the line count stays in step either way) */
	if (classify(r, text) != NULL || n + 2 > (size_t)num)
		n = 0;
	memcpy(str, text, n);
	memcpy(str + n, "\n", 2);
	return str;
}

/* Keys are few and repeat on every section: known ones are not copied. */
static const char *intern_key(struct kw_arena *arena, const char *name)
{
	static const char *const known[] = {
		"text", "type", "choice", "min", "max", "help", "ask_if", "order",
		"required", "unsure", "disabled", "if", "then", "priority", "because",
		"name", "where", "refers", "region", "title", "kind", "for", "step",
		"minutes", "pressure", "frequency", "tags", "caution", "min_certainty",
		"max_knots", "minutes_from"
	};

	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (name[0] == known[i][0] && strcmp(name, known[i]) == 0)
			return known[i];
	return kw_arena_strdup(arena, name);
}

static int on_key(void *user, const char *section, const char *name,
		  const char *value)
{
	struct reader *r = user;
	struct kw_raw_entry e = { .line = r->loc.line };

	(void)section;
	if (!r->in_section) {
		line_error(r, "key '%s' outside any section", name);
		return 1;
	}
	if (r->bad_section)
		return 1;
	if (!*name) {
		line_error(r, "missing key before '='");
		return 1;
	}
	e.key = intern_key(r->set->arena, name);
	if (has_control(value)) {
		struct kw_strbuf shown = {0};
		add_value_text(r, &shown, value);
		e.value = kw_arena_strdup(r->set->arena, shown.data);
		kw_sb_free(&shown);
	} else {
		e.value = kw_arena_strdup(r->set->arena, value);
	}
	KW_PUSH(r->entries, r->nentries, r->entries_cap, e);
	r->open_entry = r->nentries - 1;
	r->has_open_entry = true;
	return 1;
}

int kw_ini_read(struct kw_raw_set *set, int fd, struct kw_loc file,
		struct kw_diags *diags)
{
	/* room for a line over the limit by a byte-order mark and a '\r',
	 * so that its length can be told exactly */
	struct kw_line_reader *lines = kw_line_reader_new(kw_read_fd, &fd, KW_MAX_LINE + 4);
	struct reader r = { .set = set, .lines = lines, .loc = file, .diags = diags,
			    .errors_before = diags->errors };

	r.loc.line = 0;
	/* every line libinih would reject is rejected above, with its reason;
	 * should one still get through, it is not dropped in silence */
	if (ini_parse_stream(read_line, &r, on_key, &r) > 0 && diags->errors == r.errors_before)
		kw_diag(diags, KW_ERROR, file, "libinih could not parse the file");
	finish_value(&r);
	close_section(&r);
	free(r.entries);
	free(r.spans);
	if (r.hidden)
		kw_diag(diags, KW_ERROR, r.loc, "%zu more error%s in this file not shown",
			r.hidden, r.hidden == 1 ? "" : "s");
	kw_sb_free(&r.joining);
	kw_line_reader_free(lines);
	return r.read_errno;
}

void kw_raw_set_free(struct kw_raw_set *set)
{
	free(set->sections);
	kw_arena_free(set->arena);
	*set = (struct kw_raw_set){0};
}
