#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/json_writer.h"

void kw_json_init(struct kw_json *j, struct kw_strbuf *out, bool pretty)
{
	*j = (struct kw_json){ .out = out, .pretty = pretty };
}

void kw_json_use_texts(struct kw_json *j, struct kw_json_texts *t)
{
	j->texts = t;
}

void kw_json_texts_init(struct kw_json_texts *t, const char *block, size_t size)
{
	*t = (struct kw_json_texts){ .block = block, .size = size,
				     .at = kw_xcalloc(size + 1, sizeof *t->at) };
}

void kw_json_texts_free(struct kw_json_texts *t)
{
	free(t->at);
	kw_sb_free(&t->forms);
	*t = (struct kw_json_texts){0};
}

static void newline(struct kw_json *j)
{
	kw_sb_addc(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		kw_sb_add(j->out, "  ");
}

/* Before any value: the comma and line break that separate it. */
static void separate(struct kw_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth && j->has_items[j->depth])
		kw_sb_addc(j->out, ',');
	if (j->depth) {
		j->has_items[j->depth] = true;
		if (j->pretty)
			newline(j);
	}
}

static void open(struct kw_json *j, char c)
{
	separate(j);
	kw_sb_addc(j->out, c);
	if (j->depth + 1 < KW_JSON_MAX_DEPTH)
		j->depth++;
	j->has_items[j->depth] = false;
}

void kw_json_object(struct kw_json *j)
{
	open(j, '{');
}

void kw_json_array(struct kw_json *j)
{
	open(j, '[');
}

void kw_json_end(struct kw_json *j, char close)
{
	bool items = j->has_items[j->depth];

	j->depth--;
	if (j->pretty && items)
		newline(j);
	kw_sb_addc(j->out, close);
}

/* 1 for the bytes a JSON string cannot hold as they are (NUL ends it),
 * and for those of the control characters JSON would let through: DEL,
 * and 0xC2, which starts the C1 controls U+0080..U+009F.  Every control
 * character is escaped, so no output can drive a terminal. */
static const unsigned char special[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1, [0x7F] = 1, [0xC2] = 1,
};

static void quoted(struct kw_strbuf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	kw_sb_addc(out, '"');
	for (;;) {
		const char *run = s;
		unsigned char c;
		char esc[7] = "\\u00";

		while (!special[(unsigned char)*s])
			s++;
		kw_sb_addn(out, run, (size_t)(s - run));
		if ((c = (unsigned char)*s++) == '\0')
			break;
		switch (c) {
		case '"': kw_sb_add(out, "\\\""); break;
		case '\\': kw_sb_add(out, "\\\\"); break;
		case '\n': kw_sb_add(out, "\\n"); break;
		case '\t': kw_sb_add(out, "\\t"); break;
		case '\r': kw_sb_add(out, "\\r"); break;
		case 0xC2:
			if ((unsigned char)*s < 0x80 || (unsigned char)*s >= 0xA0) {
				kw_sb_addc(out, (char)c);       /* not a C1 control */
				break;
			}
			c = (unsigned char)*s++;
			/* fall through */
		default:
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			kw_sb_addn(out, esc, 6);
		}
	}
	kw_sb_addc(out, '"');
}

/* Escape the text at off into the kept forms. */
static void keep_form(struct kw_json_texts *t, size_t off)
{
	size_t start = t->forms.len;
	uint32_t len;

	kw_sb_addn(&t->forms, "\0\0\0\0", sizeof len);
	quoted(&t->forms, t->block + off);
	len = (uint32_t)(t->forms.len - start - sizeof len);
	memcpy(t->forms.data + start, &len, sizeof len);
	t->at[off] = (uint32_t)start + 1;
}

/* s as a JSON string: from its kept form when it has one. */
static void string(struct kw_json *j, const char *s)
{
	struct kw_json_texts *t = j->texts;
	size_t off;
	uint32_t at, len;

	if (!t || (off = (uintptr_t)s - (uintptr_t)t->block) >= t->size ||
	    (!t->at[off] && t->forms.len > UINT32_MAX / 2)) {  /* offsets are 32-bit */
		quoted(j->out, s);
		return;
	}
	if (!t->at[off])
		keep_form(t, off);
	at = t->at[off] - 1;
	memcpy(&len, t->forms.data + at, sizeof len);
	kw_sb_addn(j->out, t->forms.data + at + sizeof len, len);
}

void kw_json_key(struct kw_json *j, const char *key)
{
	separate(j);
	string(j, key);
	if (j->pretty)
		kw_sb_addn(j->out, ": ", 2);
	else
		kw_sb_addc(j->out, ':');
	j->after_key = true;
}

void kw_json_string(struct kw_json *j, const char *s)
{
	separate(j);
	if (s)
		string(j, s);
	else
		kw_sb_addn(j->out, "null", 4);
}

/* The digits of n, written backwards from end; where they start. */
static char *digits(char *end, unsigned long long n)
{
	do
		*--end = (char)('0' + n % 10);
	while (n /= 10);
	return end;
}

/* x as printf writes it below, without printf, when x is an integer or a
 * number of hundredths (a rounded certainty) under a million: under that,
 * %.15g of the double nearest k/100 shows k/100 and nothing else. */
static bool hundredths(struct kw_strbuf *out, double x)
{
	char buf[32], *end = buf + sizeof buf, *p = end;
	double k = round(x * 100);
	unsigned long long n = (unsigned long long)fabs(k);

	if (!(fabs(x) < 1e6) || k / 100 != x)
		return false;
	if (n % 100) {
		if (n % 10 == 0)
			*--p = (char)('0' + n / 10 % 10);
		else
			*--p = (char)('0' + n % 10), *--p = (char)('0' + n / 10 % 10);
		*--p = '.';
	}
	p = digits(p, n / 100);
	if (signbit(x))
		*--p = '-';             /* -0 too, as %.0f writes it */
	kw_sb_addn(out, p, (size_t)(end - p));
	return true;
}

/* Integers as integers; other numbers with 15 significant digits, so a
 * certainty rounded to 0.72 prints as 0.72. */
void kw_json_number(struct kw_json *j, double x)
{
	separate(j);
	if (hundredths(j->out, x))
		return;
	if (x == floor(x) && fabs(x) < 9007199254740992.0)      /* 2^53 */
		kw_sb_printf(j->out, "%.0f", x);
	else
		kw_sb_printf(j->out, "%.15g", x);
}

void kw_json_bool(struct kw_json *j, bool b)
{
	separate(j);
	if (b)
		kw_sb_addn(j->out, "true", 4);
	else
		kw_sb_addn(j->out, "false", 5);
}

void kw_json_raw(struct kw_json *j, const char *json)
{
	separate(j);
	kw_sb_add(j->out, json);
}
