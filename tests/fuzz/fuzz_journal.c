/*
 * fuzz_journal: one journal file against the built-in rule set, as a
 * consult and `knotwise history` read it.
 *
 * The input is written to a per-process file (0600) and read with
 * kw_journal_read (the line reader, each line parsed as a record or
 * skipped with a warning).  A consult at a fixed time then sees it:
 * kw_journal_fill, kw_journal_follow_episode with the episode question
 * answered as a hash of the input picks (unanswered, yes or no),
 * kw_journal_last_time, kw_journal_last_answer for every question,
 * kw_answers_finish (partial), kw_engine_run, and the record the consult
 * would append.  History is rendered as text, at a width the hash picks
 * (0 to 299 columns, so below the minimum and past the maximum too),
 * and as JSON.  Two checks turn silent bugs into crashes: the record a
 * consult writes must read back as a record, and no text a person reads
 * (the history, the last consult in words) may hold a control character.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "journal/journal.h"
#include "knotwise/load.h"
#include "render/history.h"
#include "ruleset/ruleset.h"
#include "util/arena.h"

#define NOW 1796117400          /* 2026-12-01T09:30:00Z */

static struct kw_kb *kb;
static const char *path;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	kb = fuzz_builtin_rules();
	path = fuzz_rules_file("journal");
	return 0;
}

/* Text for a person: no control character but the line ending. */
static void check_shown(const char *what, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; p && *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7F) {
			fprintf(stderr, "fuzz_journal: control character 0x%02x in %s:\n%s\n",
				*p, what, text);
			abort();
		}
}

static void answer_episode(struct kw_answers *a, uint32_t hash)
{
	int32_t q = kb->settings->episode_from;
	struct kw_diags diags = {0};

	if (q >= 0 && hash % 3)
		kw_answers_put(kb, a, (size_t)q, hash % 3 == 1 ? "yes" : "no", (struct kw_loc){0},
			       &diags);
	kw_diags_free(&diags);
}

/* The record this consult would append reads back as a record. */
static void check_record(struct kw_journal_consult *c, const struct kw_answers *a,
			 const struct kw_result *res)
{
	struct kw_strbuf line = {0};
	struct kw_arena *arena = kw_arena_new();
	struct kw_journal_record rec;
	char why[200];

	kw_journal_record_line(c, a, res, &line);
	if (!kw_journal_parse_record(line.data, line.len - 1, arena, &rec, why, sizeof why)) {
		fprintf(stderr, "fuzz_journal: its own record does not read back (%s):\n%s",
			why, line.data);
		abort();
	}
	kw_arena_free(arena);
	kw_sb_free(&line);
}

static void consult(const struct kw_journal *j, uint32_t hash)
{
	struct kw_journal_consult *c = kw_journal_consult_new(j, kb, NOW);
	struct kw_answers *a = kw_answers_new(kb);
	struct kw_result *res = kw_result_new();
	struct kw_diags diags = {0};
	char *text;

	answer_episode(a, hash);
	kw_journal_fill(c, a);
	kw_journal_follow_episode(c, a);
	check_shown("the last consult in words", text = kw_journal_last_time(c));
	free(text);
	for (size_t q = 0; q < kb->nquestions; q++)
		free(kw_journal_last_answer(c, q));
	kw_answers_finish(kb, a, true, &diags);
	kw_journal_follow_episode(c, a);
	kw_engine_run(kb, a, res);
	check_record(c, a, res);
	kw_diags_free(&diags);
	kw_result_free(res);
	kw_answers_free(a);
	kw_journal_consult_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t hash = fuzz_hash(data, size);
	struct kw_diags diags = {0};
	struct kw_journal *j;
	char *out;

	fuzz_write_file(path, data, size);
	if (kw_journal_read(path, &j, &diags) != KW_JOURNAL_OK)
		abort();                /* a file of ours, 0600: always read */
	consult(j, hash);
	check_shown("history", out = kw_render_history_text(kb, j, hash % 300));
	free(out);
	free(kw_render_history_json(j));
	kw_journal_free(j);
	kw_diags_free(&diags);
	return 0;
}
