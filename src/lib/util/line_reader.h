/*
 * line_reader: lines of bounded length from any source of bytes, with
 * memory that stays bounded whatever the input.  A line longer than the
 * limit is not kept: the reader skips to its end, counting, so a 900 MB
 * line or an endless /dev/zero costs the buffer and nothing more.  Read
 * errors are reported as errors, never taken for the end of the input.
 * Short reads and EINTR are normal: lines come out the same however the
 * bytes arrive.
 */
#ifndef KW_LINE_READER_H
#define KW_LINE_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Like read(2): bytes read, 0 at the end, or -1 with errno set (EINTR is
 * retried). */
typedef ssize_t kw_read_fn(void *source, char *buf, size_t n);

/* kw_read_fn over a file descriptor; source points to the int. */
ssize_t kw_read_fd(void *source, char *buf, size_t n);

/* All the bytes of fd, up to max: 0 and a malloc'd, NUL-terminated *data
 * of *len bytes; else an errno value, or EFBIG when there are more than
 * max bytes (only max + 1 of them are ever held). */
int kw_read_all(int fd, size_t max, char **data, size_t *len);

struct kw_line {
	char *text;             /* without its '\n', NUL-terminated, the caller's
				 * to change; NULL when the line was too long */
	size_t len;             /* bytes in text (which may hold NUL bytes) */
	size_t full_len;        /* the line's real length, also when too long */
};

struct kw_line_reader;

/* A reader keeping lines of at most max bytes (not counting the '\n'). */
struct kw_line_reader *kw_line_reader_new(kw_read_fn *read, void *source, size_t max);
void kw_line_reader_free(struct kw_line_reader *r);
/* The next line: 1, with *line valid until the next call; 0 at the end of
 * the input; -1 after a read error (errno says which).  A last line with
 * no '\n' is still a line. */
int kw_line_reader_next(struct kw_line_reader *r, struct kw_line *line);

#endif
