/*
 * cmd_list: one line per question (in asking order), rule, knot or
 * routine: id, file:line and a short description, aligned; or the same
 * as a JSON array with --format json.
 */
#include <config.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "cli.h"
#include "util/strbuf.h"

struct row {
	const char *id, *detail, *text;
	struct kw_loc loc;
};

static const char *const listable[] = { "questions", "rules", "knots", "routines" };

static struct row question_row(const struct kw_kb *kb, size_t i)
{
	const struct kw_question *q = &kb->questions[kb->ask_order[i]];
	return (struct row){ q->id, kw_qtype_name(q->type), q->text, q->loc };
}

static struct row rule_row(const struct kw_kb *kb, size_t i)
{
	const struct kw_rule *r = &kb->rules[i];
	return (struct row){ r->id, NULL, r->because ? r->because : r->cond_text, r->loc };
}

static struct row knot_row(const struct kw_kb *kb, size_t i)
{
	const struct kw_knot *k = &kb->knots[i];
	return (struct row){ k->id, k->region >= 0 ? kw_region_name((enum kw_region)k->region) : NULL,
			     k->name, k->loc };
}

static struct row routine_row(const struct kw_kb *kb, size_t i)
{
	const struct kw_routine *r = &kb->routines[i];
	return (struct row){ r->id, kw_kind_name(r->kind), r->title, r->loc };
}

static size_t rows_of(const struct kw_kb *kb, int what, struct row **out)
{
	static struct row (*const row_of[])(const struct kw_kb *, size_t) = {
		question_row, rule_row, knot_row, routine_row
	};
	size_t counts[] = { kb->nquestions, kb->nrules, kb->nknots, kb->nroutines };
	struct row *rows = kw_xcalloc(counts[what] + 1, sizeof *rows);

	for (size_t i = 0; i < counts[what]; i++)
		rows[i] = row_of[what](kb, i);
	*out = rows;
	return counts[what];
}

static char *as_text(const struct row *rows, size_t n)
{
	struct kw_strbuf sb = {0};
	int idw = 0, locw = 0, detw = 0;
	char loc[1024];

	for (size_t i = 0; i < n; i++) {
		int l = snprintf(loc, sizeof loc, "%s:%u", rows[i].loc.file, rows[i].loc.line);
		idw = (int)strlen(rows[i].id) > idw ? (int)strlen(rows[i].id) : idw;
		locw = l > locw ? l : locw;
		if (rows[i].detail && (int)strlen(rows[i].detail) > detw)
			detw = (int)strlen(rows[i].detail);
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(loc, sizeof loc, "%s:%u", rows[i].loc.file, rows[i].loc.line);
		kw_sb_printf(&sb, "%-*s  %-*s  ", idw, rows[i].id, locw, loc);
		if (detw)
			kw_sb_printf(&sb, "%-*s  ", detw, rows[i].detail ? rows[i].detail : "");
		kw_sb_printf(&sb, "%s\n", rows[i].text);
	}
	kw_sb_addn(&sb, "", 0);
	return sb.data;
}

static char *as_json(const struct row *rows, size_t n, int what)
{
	static const char *const detail_names[] = { "type", NULL, "region", "kind" };
	json_t *a = json_array();
	char *out;

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s, s:s, s:i, s:s}", "id", rows[i].id,
				      "file", rows[i].loc.file, "line", (int)rows[i].loc.line,
				      "text", rows[i].text);
		if (detail_names[what])
			json_object_set_new(o, detail_names[what], rows[i].detail
					    ? json_string(rows[i].detail) : json_null());
		json_array_append_new(a, o);
	}
	out = json_dumps(a, JSON_INDENT(2));
	json_decref(a);
	return out;
}

static int parse_what(const struct kw_options *opts)
{
	if (opts->nargs != 1)
		return -1;
	for (int i = 0; i < 4; i++)
		if (strcmp(opts->args[0], listable[i]) == 0)
			return i;
	return -1;
}

int kw_cmd_list(const struct kw_options *opts)
{
	int what = parse_what(opts), status;
	struct kw_kb *kb;
	struct row *rows;
	size_t n;
	char *out;
	bool ok;

	if (what < 0)
		return kw_cli_usage("%s", "'list' needs one of: questions, rules, knots, routines");
	if ((status = kw_cli_load(opts, &kb)) != 0)
		return status;
	n = rows_of(kb, what, &rows);
	out = opts->format == KW_FORMAT_JSON ? as_json(rows, n, what) : as_text(rows, n);
	ok = kw_cli_write(out, strlen(out)) &&
	     (opts->format != KW_FORMAT_JSON || kw_cli_write("\n", 1));
	free(out);
	free(rows);
	kw_kb_free(kb);
	return ok ? KW_EXIT_OK : KW_EXIT_IOERR;
}
