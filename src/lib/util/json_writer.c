#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/json_writer.h"

void kw_json_init(struct kw_json *j, struct kw_strbuf *out, bool pretty)
{
	*j = (struct kw_json){ .out = out, .pretty = pretty };
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

void kw_json_key(struct kw_json *j, const char *key)
{
	separate(j);
	quoted(j->out, key);
	kw_sb_add(j->out, j->pretty ? ": " : ":");
	j->after_key = true;
}

void kw_json_string(struct kw_json *j, const char *s)
{
	separate(j);
	if (s)
		quoted(j->out, s);
	else
		kw_sb_add(j->out, "null");
}

/* Integers as integers; other numbers with 15 significant digits, so a
 * certainty rounded to 0.72 prints as 0.72. */
void kw_json_number(struct kw_json *j, double x)
{
	separate(j);
	if (x == floor(x) && fabs(x) < 9007199254740992.0)      /* 2^53 */
		kw_sb_printf(j->out, "%.0f", x);
	else
		kw_sb_printf(j->out, "%.15g", x);
}

void kw_json_bool(struct kw_json *j, bool b)
{
	separate(j);
	kw_sb_add(j->out, b ? "true" : "false");
}

void kw_json_raw(struct kw_json *j, const char *json)
{
	separate(j);
	kw_sb_add(j->out, json);
}
