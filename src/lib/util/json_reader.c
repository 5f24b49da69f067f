#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/json_reader.h"
#include "util/strbuf.h"

#define MAX_DEPTH 64

struct reader {
	const char *p, *end, *start;
	unsigned line;                  /* of r->p: '\n' is only ever a blank */
	struct kw_strbuf scratch;       /* strings that are only skipped */
	char *err;
	size_t errlen;
	bool failed;
};

struct member {
	size_t key, text;       /* offsets into the decoded buffer */
	enum kw_jkind kind;
	unsigned line;
	bool key_nul, has_nul;
	size_t raw, raw_len;    /* offsets into the input */
};

static bool fail(struct reader *r, const char *what)
{
	if (!r->failed)
		snprintf(r->err, r->errlen, "%s", what);
	r->failed = true;
	return false;
}

static void skip_space(struct reader *r)
{
	for (; r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' ||
				 *r->p == '\r'); r->p++)
		r->line += *r->p == '\n';
}

static int hex4(const char *s)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v = v * 16 + (c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -100000);
	}
	return v < 0 ? -1 : v;
}

static void put_utf8(struct kw_strbuf *out, unsigned cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80)
		b[0] = (char)cp, n = 1;
	else if (cp < 0x800)
		b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 63)), n = 2;
	else if (cp < 0x10000)
		b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | ((cp >> 6) & 63)),
		b[2] = (char)(0x80 | (cp & 63)), n = 3;
	else
		b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | ((cp >> 12) & 63)),
		b[2] = (char)(0x80 | ((cp >> 6) & 63)), b[3] = (char)(0x80 | (cp & 63)), n = 4;
	kw_sb_addn(out, b, n);
}

/* \uXXXX, with a surrogate pair as one code point. */
static bool unicode_escape(struct reader *r, struct kw_strbuf *out, bool *nul)
{
	int hi, lo;

	if (r->end - r->p < 6 || (hi = hex4(r->p + 2)) < 0)  /* r->p: the backslash */
		return fail(r, "bad \\u escape in a string");
	r->p += 6;
	if (hi >= 0xDC00 && hi <= 0xDFFF)
		return fail(r, "lone low surrogate in a string");
	if (hi >= 0xD800 && hi <= 0xDBFF) {
		if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
		    (lo = hex4(r->p + 2)) < 0xDC00 || lo > 0xDFFF)
			return fail(r, "lone high surrogate in a string");
		r->p += 6;
		hi = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
	}
	*nul |= hi == 0;
	put_utf8(out, (unsigned)hi);
	return true;
}

/* Past the bytes that need no second look in a string: eight at a time
 * while none of them is a quote, a backslash or a control character. */
static void skip_plain(struct reader *r)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = ones << 7;
	uint64_t w, quote, backslash;

	for (; r->end - r->p >= 8; r->p += 8) {
		memcpy(&w, r->p, 8);
		quote = w ^ (ones * '"');
		backslash = w ^ (ones * '\\');
		if (((quote - ones) & ~quote & highs) | ((backslash - ones) & ~backslash & highs) |
		    ((w - ones * 0x20) & ~w & highs))
			return;
	}
}

/* A string at r->p (its opening quote), decoded and NUL-terminated onto
 * out. */
static bool string(struct reader *r, struct kw_strbuf *out, bool *nul)
{
	static const char plain[] = "\"\\/bfnrt", as[] = "\"\\/\b\f\n\r\t";
	const char *run = ++r->p;

	skip_plain(r);
	while (r->p < r->end && *r->p != '"') {
		const char *hit;
		if ((unsigned char)*r->p < 0x20)
			return fail(r, "control character in a string");
		if (*r->p != '\\') {
			r->p++;
			continue;
		}
		kw_sb_addn(out, run, (size_t)(r->p - run));
		if (r->p + 1 < r->end && r->p[1] == 'u') {
			if (!unicode_escape(r, out, nul))
				break;
		} else if (r->p + 1 < r->end && r->p[1] && (hit = strchr(plain, r->p[1])) != NULL) {
			kw_sb_addc(out, as[hit - plain]);
			r->p += 2;
		} else {
			fail(r, "bad escape in a string");
			break;
		}
		run = r->p;
		skip_plain(r);
	}
	if (!r->failed && r->p >= r->end)
		fail(r, "unterminated string");
	if (r->failed)
		return false;
	kw_sb_addn(out, run, (size_t)(r->p - run));
	kw_sb_addc(out, '\0');
	r->p++;
	return true;
}

static bool digits(struct reader *r)
{
	const char *from = r->p;

	while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
		r->p++;
	return r->p > from;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool number(struct reader *r)
{
	if (r->p < r->end && *r->p == '-')
		r->p++;
	if (r->p < r->end && *r->p == '0')
		r->p++;
	else if (!digits(r))
		return fail(r, "bad number");
	if (r->p < r->end && *r->p == '.' && (r->p++, !digits(r)))
		return fail(r, "bad number");
	if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
		r->p++;
		if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
			r->p++;
		if (!digits(r))
			return fail(r, "bad number");
	}
	return true;
}

static bool word(struct reader *r, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, w, n) != 0)
		return fail(r, "unexpected character");
	r->p += n;
	return true;
}

static bool value(struct reader *r, int depth);

/* `"key":` at r->p, the key decoded onto out. */
static bool key(struct reader *r, struct kw_strbuf *out, bool *nul)
{
	if (r->p >= r->end || *r->p != '"')
		return fail(r, "expected a \"key\" in the object");
	if (!string(r, out, nul))
		return false;
	skip_space(r);
	if (r->p >= r->end || *r->p != ':')
		return fail(r, "expected ':' after a key");
	r->p++;
	return true;
}

/* An object or array at r->p, checked and skipped. */
static bool container(struct reader *r, int depth)
{
	char close = *r->p == '{' ? '}' : ']';
	bool object = close == '}', nul = false;

	if (depth > MAX_DEPTH)
		return fail(r, "nested too deep");
	r->p++;
	skip_space(r);
	if (r->p < r->end && *r->p == close)
		return r->p++, true;
	for (;;) {
		skip_space(r);
		if (object && !key(r, &r->scratch, &nul))
			return false;
		if (!value(r, depth + 1))
			return false;
		skip_space(r);
		kw_sb_reset(&r->scratch);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == close)
			return r->p++, true;
		return fail(r, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static bool value(struct reader *r, int depth)
{
	bool nul = false;

	skip_space(r);
	if (r->p >= r->end)
		return fail(r, "unexpected end of input");
	switch (*r->p) {
	case '"': return string(r, &r->scratch, &nul);
	case '{': case '[': return container(r, depth);
	case 't': return word(r, "true");
	case 'f': return word(r, "false");
	case 'n': return word(r, "null");
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9': return number(r);
	default: return fail(r, "unexpected character");
	}
}

/* ["a", "b"] decoded as "a,b"; false (nothing read) for any other array. */
static bool strings(struct reader *r, struct kw_strbuf *buf, struct member *m)
{
	const char *from = r->p;
	size_t at = buf->len;
	unsigned line = r->line;

	r->p++;
	skip_space(r);
	if (r->p < r->end && *r->p == ']') {
		r->p++;
		kw_sb_addc(buf, '\0');
		return m->kind = KW_J_STRINGS, m->text = at, true;
	}
	while (r->p < r->end && *r->p == '"') {
		size_t item;
		if (buf->len > at)
			buf->data[buf->len - 1] = ',';  /* over the previous NUL */
		item = buf->len;
		if (!string(r, buf, &m->has_nul))
			break;
		m->has_nul |= memchr(buf->data + item, ',', buf->len - 1 - item) != NULL;
		skip_space(r);
		if (r->p < r->end && *r->p == ']') {
			r->p++;
			return m->kind = KW_J_STRINGS, m->text = at, true;
		}
		if (r->p >= r->end || *r->p != ',')
			break;
		r->p++;
		skip_space(r);
	}
	r->p = from;            /* not an array of strings: read it as any value */
	r->line = line;
	buf->len = at;
	r->failed = false;
	return false;
}

static bool member_value(struct reader *r, struct kw_strbuf *buf, struct member *m)
{
	const char *from;
	char c;

	skip_space(r);
	from = r->p;
	c = r->p < r->end ? *r->p : 0;
	m->raw = (size_t)(from - r->start);
	m->text = buf->len;
	if (c == '"') {
		m->kind = KW_J_STRING;
		if (!string(r, buf, &m->has_nul))
			return false;
	} else if (!(c == '[' && strings(r, buf, m))) {
		if (!value(r, 0))
			return false;
		m->kind = c == 't' ? KW_J_TRUE : c == 'f' ? KW_J_FALSE : c == 'n' ? KW_J_NULL
			: c == '{' || c == '[' ? KW_J_OTHER : KW_J_NUMBER;
		kw_sb_addn(buf, from, (size_t)(r->p - from));
		kw_sb_addc(buf, '\0');
	}
	m->raw_len = (size_t)(r->p - from);
	return true;
}

static bool members(struct reader *r, struct kw_strbuf *buf, struct member **list,
		    size_t *n, size_t *cap)
{
	r->p++;
	skip_space(r);
	if (r->p < r->end && *r->p == '}')
		return r->p++, true;
	for (;;) {
		struct member m = { .key = buf->len };
		skip_space(r);
		m.line = r->line;
		if (!key(r, buf, &m.key_nul) || !member_value(r, buf, &m))
			return false;
		KW_PUSH(*list, *n, *cap, m);
		skip_space(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '}')
			return r->p++, true;
		return fail(r, "expected ',' or '}'");
	}
}

char *kw_json_echo(const char *raw, size_t len)
{
	char *out = kw_xmalloc(len + 1), *o = out;
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		char c = raw[i];

		if (in_string && c == '\\' && i + 1 < len)
			*o++ = raw[i++];        /* an escape: its next byte is kept too */
		else if (c == '"')
			in_string = !in_string;
		else if (!in_string && (c == '\t' || c == '\n' || c == '\r'))
			continue;
		*o++ = raw[i];
	}
	*o = '\0';
	return out;
}

bool kw_json_read_object(const char *text, size_t len,
			 void (*fn)(void *data, const struct kw_jmember *m), void *data,
			 char *err, size_t errlen, unsigned *errline)
{
	struct reader r = { .p = text, .end = text + len, .start = text, .line = 1,
			    .err = err, .errlen = errlen };
	struct kw_strbuf buf = {0};
	struct member *list = NULL;
	size_t n = 0, cap = 0;
	bool ok;

	kw_sb_grow(&buf, len);          /* what is decoded is never longer */
	skip_space(&r);
	ok = r.p < r.end && *r.p == '{' ? members(&r, &buf, &list, &n, &cap)
					 : fail(&r, "answers must be a JSON object");
	skip_space(&r);
	if (ok && r.p != r.end)
		ok = fail(&r, "text after the object");
	if (!ok)
		*errline = r.line;
	for (size_t i = 0; ok && i < n; i++) {
		struct kw_jmember m = {
			.key = buf.data + list[i].key, .key_has_nul = list[i].key_nul,
			.line = list[i].line, .kind = list[i].kind,
			.text = buf.data + list[i].text, .text_has_nul = list[i].has_nul,
			.raw = text + list[i].raw, .raw_len = list[i].raw_len,
		};
		fn(data, &m);
	}
	free(list);
	kw_sb_free(&buf);
	kw_sb_free(&r.scratch);
	return ok;
}
