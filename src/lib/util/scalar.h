/*
 * scalar: the strict parsers for the words and numbers found in rule
 * files and answers.  Each takes the whole string or fails: "12abc" is not
 * a number and "yess" is not yes.
 */
#ifndef KW_SCALAR_H
#define KW_SCALAR_H

#include <stdbool.h>
#include <stddef.h>

bool kw_parse_int(const char *s, long min, long max, long *out);
/* A finite decimal such as 0.5 or -3 (no hex, no exponents, no inf). */
bool kw_parse_decimal(const char *s, double *out);
/* yes/no/y/n/true/false, any case. */
bool kw_parse_yesno(const char *s, bool *out);
/* ASCII classes, the same in every locale: ctype's follow LC_CTYPE, and
 * under ISO-8859-1 islower(0xe0) holds, which would let 'aສ' pass for an
 * id there and not under C.UTF-8. */
static inline bool kw_is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool kw_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool kw_is_alpha(char c)
{
	return kw_is_lower(c) || (c >= 'A' && c <= 'Z');
}

/* An id: a lower-case letter, then up to 39 lower-case letters, digits, '_'. */
bool kw_valid_id(const char *s);
/* Trim blanks in place; returns s advanced past leading blanks. */
char *kw_trim(char *s);
/* Split a comma list in place into trimmed items; returns the count
 * (empty items are kept so the caller can reject them). */
size_t kw_split_commas(char *s, char **items, size_t max);

/* Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
bool kw_utf8_valid(const char *s, size_t n);

#endif
