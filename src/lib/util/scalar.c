#include <config.h>

#include "util/scalar.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool kw_parse_int(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool kw_parse_decimal(const char *s, double *out)
{
	const char *p = s;
	char *end;

	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
		return false;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			return false;
	*out = strtod(s, &end);
	return *end == '\0' && isfinite(*out);
}

bool kw_parse_yesno(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "y", "true" };
	static const char *const no[] = { "no", "n", "false" };

	for (size_t i = 0; i < 3; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return *out = true, true;
		if (strcasecmp(s, no[i]) == 0)
			return *out = false, true;
	}
	return false;
}

bool kw_valid_id(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 40 || !kw_is_lower(s[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!kw_is_lower(s[i]) && !kw_is_digit(s[i]) && s[i] != '_')
			return false;
	return true;
}

char *kw_trim(char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

size_t kw_split_commas(char *s, char **items, size_t max)
{
	size_t n = 0;

	for (;;) {
		char *comma = strchr(s, ',');
		if (comma)
			*comma = '\0';
		if (n < max)
			items[n] = kw_trim(s);
		n++;
		if (!comma)
			return n;
		s = comma + 1;
	}
}

/* Well-formed UTF-8: no overlongs, no surrogates, nothing past U+10FFFF. */
bool kw_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + n;

	while (s < end) {
		unsigned c, len, min, cp;

		while (end - s >= 8) {          /* plain ASCII, eight bytes at a time */
			uint64_t w;
			memcpy(&w, s, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			s += 8;
		}
		if (s >= end)
			break;
		if ((c = *s++) < 0x80)
			continue;
		if (c >= 0xC2 && c <= 0xDF)
			len = 1, min = 0x80, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 2, min = 0x800, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 3, min = 0x10000, cp = c & 0x07;
		else
			return false;
		if ((size_t)(end - s) < len)
			return false;
		for (unsigned i = 0; i < len; i++, s++) {
			if ((*s & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (*s & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
	}
	return true;
}
