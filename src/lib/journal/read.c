/*
 * journal/read: the records of a journal file, line by line.  Lines are
 * held to KW_JOURNAL_MAX_LINE bytes by the line reader (a longer one is
 * skipped without being held), the file to KW_JOURNAL_MAX_BYTES; a line
 * that is no record is skipped with a warning and left in the file.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal/journal.h"
#include "util/arena.h"
#include "util/line_reader.h"

static struct kw_journal *journal_new(const char *path)
{
	struct kw_journal *j = kw_xcalloc(1, sizeof *j);

	j->arena = kw_arena_new();
	j->path = kw_arena_strdup(j->arena, path);
	return j;
}

void kw_journal_free(struct kw_journal *j)
{
	if (!j)
		return;
	free(j->records);
	kw_arena_free(j->arena);
	free(j);
}

const char *kw_journal_path(const struct kw_journal *j)
{
	return j->path;
}

bool kw_journal_exists(const struct kw_journal *j)
{
	return j->exists;
}

size_t kw_journal_nskipped(const struct kw_journal *j)
{
	return j->nskipped;
}

static void skip_line(struct kw_journal *j, unsigned line, const char *why,
		      struct kw_diags *diags)
{
	kw_diag(diags, KW_WARNING, (struct kw_loc){ .file = j->path, .line = line },
		"journal line skipped, and left as it is: %s", why);
	j->nskipped++;
}

/* One line: a record, a blank (nothing to keep), or a line to skip. */
static void take_line(struct kw_journal *j, const struct kw_line *l, unsigned line,
		      struct kw_diags *diags)
{
	struct kw_journal_record rec;
	char why[200];

	if (!l->text) {
		snprintf(why, sizeof why, "it is %zu bytes long, and a record is at most %d",
			 l->full_len, KW_JOURNAL_MAX_LINE);
		skip_line(j, line, why, diags);
	} else if (l->len == strspn(l->text, " \t\r")) {
		return;
	} else if (!kw_journal_parse_record(l->text, l->len, j->arena, &rec, why, sizeof why)) {
		skip_line(j, line, why, diags);
	} else {
		rec.line = line;
		KW_PUSH(j->records, j->nrecords, j->records_cap, rec);
	}
}

static enum kw_journal_status read_lines(struct kw_journal *j, int fd, struct kw_diags *diags)
{
	struct kw_line_reader *r = kw_line_reader_new(kw_read_fd, &fd, KW_JOURNAL_MAX_LINE);
	struct kw_loc loc = { .file = j->path };
	enum kw_journal_status status = KW_JOURNAL_OK;
	struct kw_line l;
	size_t bytes = 0;
	unsigned line = 0;
	int got;

	while (!status && (got = kw_line_reader_next(r, &l)) != 0) {
		if (got < 0) {
			kw_diag(diags, KW_ERROR, loc, "cannot read the journal: %s", strerror(errno));
			status = KW_JOURNAL_IO_ERROR;
		} else if ((bytes += l.full_len + 1) > (size_t)KW_JOURNAL_MAX_BYTES) {
			kw_diag(diags, KW_ERROR, loc, "the journal is larger than %ld bytes, "
				"more than knotwise reads", KW_JOURNAL_MAX_BYTES);
			status = KW_JOURNAL_IO_ERROR;
		} else {
			take_line(j, &l, ++line, diags);
		}
	}
	kw_line_reader_free(r);
	return status;
}

enum kw_journal_status kw_journal_read(const char *path, struct kw_journal **out,
				       struct kw_diags *diags)
{
	enum kw_journal_status status;
	int fd = kw_journal_open_file(path, O_RDONLY, &status, diags);
	struct kw_journal *j;

	*out = NULL;
	if (status)
		return status;
	j = journal_new(path);
	if ((j->exists = fd >= 0)) {
		status = read_lines(j, fd, diags);
		close(fd);
	}
	if (status) {
		kw_journal_free(j);
		return status;
	}
	*out = j;
	return KW_JOURNAL_OK;
}
