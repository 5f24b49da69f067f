/*
 * journal/append: a finished consult's record, added as one line with a
 * single write(2) on a descriptor opened O_APPEND, so that consults that
 * end at the same moment each leave their line whole.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "answers/answers_internal.h"
#include "engine/result.h"
#include "journal/consult.h"
#include "render/json_value.h"
#include "util/clock.h"
#include "util/json_writer.h"

/* The answers given: the journal's own are the journal's, not this
 * consult's. */
static void answers(struct kw_json *j, const struct kw_journal_consult *c,
		    const struct kw_answers *a)
{
	const struct kw_kb *kb = c->kb;

	kw_json_key(j, "answers");
	kw_json_object(j);
	for (size_t q = 0; q < kb->nquestions; q++)
		if (a->values[q].kind != KW_V_UNKNOWN && !c->filled[q]) {
			kw_json_key(j, kw_s(kb, kb->questions[q].id));
			kw_json_value(j, kb, &kb->questions[q], &a->values[q]);
		}
	kw_json_end(j, '}');
}

static void ids(struct kw_json *j, const char *key, const struct kw_kb *kb,
		const size_t *items, size_t n, bool knots)
{
	kw_json_key(j, key);
	kw_json_array(j);
	for (size_t i = 0; i < n; i++)
		kw_json_string(j, kw_s(kb, knots ? kb->knots[items[i]].id
					     : kb->routines[items[i]].id));
	kw_json_end(j, ']');
}

void kw_journal_record_line(const struct kw_journal_consult *c, const struct kw_answers *a,
			    const struct kw_result *res, struct kw_strbuf *out)
{
	struct kw_json j;
	char time[21];

	kw_clock_format(c->now, time);
	kw_json_init(&j, out, false);
	kw_json_object(&j);
	kw_json_key(&j, "version");
	kw_json_number(&j, KW_JOURNAL_VERSION);
	kw_json_key(&j, "time");
	kw_json_string(&j, time);
	kw_json_key(&j, "episode");
	kw_json_number(&j, (double)kw_journal_consult_episode(c));
	answers(&j, c, a);
	kw_json_key(&j, "level");
	kw_json_string(&j, kw_level_name(res->triage));
	ids(&j, "knots", c->kb, res->listed, res->nlisted, true);
	ids(&j, "routine", c->kb, res->routines, res->nroutines, false);
	kw_json_end(&j, '}');
	kw_sb_addc(out, '\n');
}

/* The whole line in one write(2).  Should the disk fill part way, a line
 * ending is added after what went out, so that the next record starts a
 * line of its own and only this one is lost. */
static enum kw_journal_status write_line(const char *path, int fd, const struct kw_strbuf *line,
					 struct kw_diags *diags)
{
	ssize_t n;

	while ((n = write(fd, line->data, line->len)) < 0 && errno == EINTR)
		continue;
	if (n == (ssize_t)line->len)
		return KW_JOURNAL_OK;
	kw_diag(diags, KW_ERROR, (struct kw_loc){ .file = path }, "cannot add this consult "
		"to the journal: %s", n < 0 ? strerror(errno) : "the disk took only part of it");
	if (n > 0 && write(fd, "\n", 1) != 1)
		kw_diag(diags, KW_ERROR, (struct kw_loc){ .file = path }, "its last line "
			"is cut short: %s", strerror(errno));
	return KW_JOURNAL_IO_ERROR;
}

enum kw_journal_status kw_journal_append(const struct kw_journal_consult *c,
					 const struct kw_answers *a,
					 const struct kw_result *res, struct kw_diags *diags)
{
	struct kw_strbuf line = {0};
	enum kw_journal_status status;
	int fd = kw_journal_open_file(c->j->path, O_WRONLY | O_APPEND | O_CREAT, &status, diags);

	if (fd < 0)
		return status;
	kw_journal_record_line(c, a, res, &line);
	status = write_line(c->j->path, fd, &line, diags);
	if (close(fd) != 0 && status == KW_JOURNAL_OK) {
		kw_diag(diags, KW_ERROR, (struct kw_loc){ .file = c->j->path }, "cannot add "
			"this consult to the journal: %s", strerror(errno));
		status = KW_JOURNAL_IO_ERROR;
	}
	kw_sb_free(&line);
	return status;
}
