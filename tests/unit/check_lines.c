/* The bounded line reader: the same lines however the bytes arrive. */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "util/line_reader.h"
#include "util/strbuf.h"
#include "unit.h"

/* A source handing out its text `step` bytes at a time, EINTR before each
 * piece, and then an error or the end. */
struct source {
	const char *text;
	size_t len, at, step;
	bool interrupted, fail;
};

static ssize_t read_source(void *data, char *buf, size_t n)
{
	struct source *s = data;

	if ((s->interrupted = !s->interrupted))
		return errno = EINTR, -1;
	if (s->at == s->len && s->fail)
		return errno = EIO, -1;
	if (n > s->step)
		n = s->step;
	if (n > s->len - s->at)
		n = s->len - s->at;
	memcpy(buf, s->text + s->at, n);
	s->at += n;
	return (ssize_t)n;
}

/* Every line as "text|" (or "<too long: N>|"), then "end" or "error". */
static void read_all(struct source *s, size_t max, struct kw_strbuf *out)
{
	struct kw_line_reader *r = kw_line_reader_new(read_source, s, max);
	struct kw_line line;
	int got;

	kw_sb_reset(out);
	while ((got = kw_line_reader_next(r, &line)) > 0) {
		if (line.text)
			kw_sb_printf(out, "%.*s|", (int)line.len, line.text);
		else
			kw_sb_printf(out, "<too long: %zu>|", line.full_len);
	}
	kw_sb_add(out, got < 0 ? "error" : "end");
	kw_line_reader_free(r);
}

START_TEST(lines_are_the_same_whatever_the_reads)
{
	static const char text[] = "one\n\ntwelve bytes\nfour\nlast";
	struct kw_strbuf out = {0};

	for (size_t step = 1; step < sizeof text + 2; step++) {
		struct source s = { .text = text, .len = sizeof text - 1, .step = step };
		read_all(&s, 4, &out);
		ck_assert_str_eq(kw_sb_str(&out), "one||<too long: 12>|four|last|end");
	}
	kw_sb_free(&out);
}
END_TEST

START_TEST(read_errors_are_not_the_end)
{
	struct source s = { .text = "a\nb", .len = 3, .step = 2, .fail = true };
	struct kw_strbuf out = {0};

	read_all(&s, 10, &out);
	ck_assert_str_eq(kw_sb_str(&out), "a|error");
	kw_sb_free(&out);
}
END_TEST

START_TEST(a_long_last_line_is_still_a_line)
{
	struct source s = { .text = "abcdefgh", .len = 8, .step = 3 };
	struct kw_strbuf out = {0};

	read_all(&s, 7, &out);
	ck_assert_str_eq(kw_sb_str(&out), "<too long: 8>|end");
	kw_sb_free(&out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lines");
	TCase *tc = tcase_create("lines");

	tcase_add_test(tc, lines_are_the_same_whatever_the_reads);
	tcase_add_test(tc, read_errors_are_not_the_end);
	tcase_add_test(tc, a_long_last_line_is_still_a_line);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
