#include <config.h>

#include "util/line_reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/arena.h"

#define CHUNK 65536

/* buf holds the unread bytes in [start, end); the first `scanned` of them
 * are known to hold no '\n'.  cap is max + CHUNK + 1: a pending line of up
 * to max bytes always leaves a chunk's room to read into, and one byte for
 * the NUL after a last line with no '\n'. */
struct kw_line_reader {
	kw_read_fn *read;
	void *source;
	size_t max;
	char *buf;
	size_t cap, start, end, scanned;
	size_t dropped;         /* bytes of a too-long line already skipped */
	bool eof;
};

ssize_t kw_read_fd(void *source, char *buf, size_t n)
{
	return read(*(const int *)source, buf, n);
}

int kw_read_all(int fd, size_t max, char **data, size_t *len)
{
	size_t cap = max < 65536 ? max + 1 : 65536, n = 0;
	char *buf = kw_xmalloc(cap + 1);

	while (n <= max) {
		ssize_t got;
		if (n == cap)   /* grow, but never past max + 1 bytes */
			buf = kw_xrealloc(buf, (cap = cap > max / 2 ? max + 1 : cap * 2) + 1);
		got = read(fd, buf + n, cap - n);
		if (got == 0) {
			buf[n] = '\0';
			*data = buf;
			*len = n;
			return 0;
		}
		if (got < 0 && errno != EINTR) {
			int error = errno;
			free(buf);
			return error;
		}
		n += got > 0 ? (size_t)got : 0;
	}
	free(buf);
	return EFBIG;
}

struct kw_line_reader *kw_line_reader_new(kw_read_fn *read, void *source, size_t max)
{
	struct kw_line_reader *r = kw_xcalloc(1, sizeof *r);

	r->read = read;
	r->source = source;
	r->max = max;
	r->cap = max + CHUNK + 1;
	r->buf = kw_xmalloc(r->cap);
	return r;
}

void kw_line_reader_free(struct kw_line_reader *r)
{
	if (r) {
		free(r->buf);
		free(r);
	}
}

/* Hand out the next len bytes as a line (and the '\n' after them, if
 * any).  A line that grew past max was dropped while reading: only its
 * length is left. */
static int take(struct kw_line_reader *r, struct kw_line *line, size_t len,
		bool newline)
{
	line->full_len = r->dropped + len;
	if (line->full_len > r->max) {
		line->text = NULL;
		line->len = 0;
	} else {
		line->text = r->buf + r->start;
		line->text[len] = '\0';
		line->len = len;
	}
	r->start += len + newline;
	r->scanned = 0;
	r->dropped = 0;
	return 1;
}

/* Read more after the pending bytes: >0, 0 at the end, -1 on an error. */
static ssize_t fill(struct kw_line_reader *r)
{
	ssize_t n;

	if (r->start && r->cap - 1 - r->end < CHUNK) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	do
		n = r->read(r->source, r->buf + r->end, r->cap - 1 - r->end);
	while (n < 0 && errno == EINTR);
	if (n > 0)
		r->end += (size_t)n;
	return n;
}

int kw_line_reader_next(struct kw_line_reader *r, struct kw_line *line)
{
	for (;;) {
		char *from = r->buf + r->start + r->scanned;
		char *nl = memchr(from, '\n', r->end - r->start - r->scanned);
		ssize_t n;

		if (nl)
			return take(r, line, (size_t)(nl - (r->buf + r->start)), true);
		r->scanned = r->end - r->start;
		if (r->dropped || r->scanned > r->max) {        /* too long: skip it */
			r->dropped += r->scanned;
			r->start = r->end = r->scanned = 0;
		}
		if (!r->eof && (n = fill(r)) != 0) {
			if (n < 0)
				return -1;
			continue;
		}
		r->eof = true;
		if (r->end == r->start && !r->dropped)
			return 0;
		return take(r, line, r->end - r->start, false);
	}
}
