/*
 * fuzz_batch: batch input as `knotwise batch` reads it, handed over in
 * small random chunks (short reads, EINTR) as a pipe may deliver it.
 *
 * The first four bytes of the input seed the chunking and the line limit
 * (1 to 256 bytes, so that over-long lines are common); the rest is the
 * batch input.  The line reader (util/line_reader) gets it through a read
 * function that returns 1 to 16 bytes at a time, now and then a larger
 * piece, an EINTR or nothing more than one byte, all from the seed.  The
 * lines it gives must be exactly those of a plain split on '\n' of the
 * whole input: the same count, the same bytes for lines within the limit,
 * the same length for those over it; otherwise the target aborts.  Each
 * line within the limit that is not blank is then read as a batch record
 * against the built-in rules (loaded once): kw_answers_read_json with an
 * id, kw_answers_finish (partial); an echoed id must be valid UTF-8 and
 * hold no tab, CR or LF between its tokens, or the target aborts.
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "knotwise/answers.h"
#include "knotwise/load.h"
#include "util/line_reader.h"
#include "util/scalar.h"

static struct kw_kb *kb;
static struct kw_answers *answers;

struct chunks {
	const char *data;
	size_t len, at;
	uint32_t state;         /* xorshift32, from the seed */
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void release(void)
{
	kw_answers_free(answers);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	kb = fuzz_builtin_rules();
	answers = kw_answers_new(kb);
	atexit(release);
	return 0;
}

static uint32_t next_random(struct chunks *c)
{
	c->state ^= c->state << 13;
	c->state ^= c->state >> 17;
	c->state ^= c->state << 5;
	return c->state;
}

/* A short read: mostly 1..16 bytes, sometimes EINTR or a big piece. */
static ssize_t read_chunk(void *source, char *buf, size_t n)
{
	struct chunks *c = source;
	uint32_t r = next_random(c);
	size_t take = r % 16 + 1;

	if (r % 11 == 0)
		return errno = EINTR, -1;
	if (r % 13 == 0)
		take = r % 4096 + 1;
	if (take > n)
		take = n;
	if (take > c->len - c->at)
		take = c->len - c->at;
	memcpy(buf, c->data + c->at, take);
	c->at += take;
	return (ssize_t)take;
}

/* The line the reader gave must be the next one of a plain split. */
static void expect_line(const char **p, const char *end, size_t max,
			const struct kw_line *line)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	size_t n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);

	if (*p >= end || line->full_len != n || (n <= max) != (line->text != NULL) ||
	    (line->text && (line->len != n || memcmp(line->text, *p, n) != 0 ||
			    line->text[n] != '\0'))) {
		fprintf(stderr, "fuzz_batch: line of %zu bytes read as %zu (max %zu)\n",
			n, line->full_len, max);
		abort();
	}
	*p += n + 1;
}

static void read_record(const struct kw_line *line)
{
	struct kw_diags diags = {0};
	char *id = NULL;

	kw_answers_clear(kb, answers);
	if (kw_answers_read_json(kb, answers, line->text, line->len, (struct kw_loc){0},
				 &id, &diags))
		kw_answers_finish(kb, answers, true, &diags);
	if (id && (!kw_utf8_valid(id, strlen(id)) || strpbrk(id, "\t\r\n"))) {
		fprintf(stderr, "fuzz_batch: id echoed as '%s'\n", id);
		abort();
	}
	free(id);
	kw_diags_free(&diags);
}

static bool blank(const struct kw_line *line)
{
	return strspn(line->text, " \t\r") == line->len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct chunks c = { (const char *)data + 4, size < 4 ? 0 : size - 4, 0, 1 };
	const char *p = c.data, *end = c.data + c.len;
	struct kw_line_reader *r;
	struct kw_line line;
	size_t max;
	int got;

	if (size < 4)
		return 0;
	memcpy(&c.state, data, 4);
	c.state |= 1;           /* xorshift never leaves 0 */
	max = c.state % 256 + 1;
	r = kw_line_reader_new(read_chunk, &c, max);
	while ((got = kw_line_reader_next(r, &line)) > 0) {
		expect_line(&p, end, max, &line);
		if (line.text && !blank(&line))
			read_record(&line);
	}
	kw_line_reader_free(r);
	if (got < 0 || p < end) {
		fprintf(stderr, "fuzz_batch: %s\n", got < 0 ? "read error" : "lines lost");
		abort();
	}
	return 0;
}
