#include <config.h>

#include "knotwise/load.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "load/build.h"
#include "util/strbuf.h"
#include "knotwise/engine.h"

struct loader {
	struct kw_kb *kb;
	struct kw_raw_set raw;
	struct kw_diags *diags;
	size_t files_cap;
	bool missing;           /* a source could not be opened, or was refused */
	bool read_failed;       /* reading one failed part way */
};

/* Where a diagnostic about a whole file or directory goes. */
static struct kw_loc path_loc(struct loader *l, const char *path)
{
	return (struct kw_loc){ .file = kw_arena_strdup(l->kb->arena, path),
				.file_rank = l->kb->nfiles };
}

static void source_error(struct loader *l, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A source that is not read at all: the status says "cannot open" (66). */
static void source_error(struct loader *l, const char *path, const char *fmt, ...)
{
	struct kw_strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	kw_sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	kw_diag(l->diags, KW_ERROR, path_loc(l, path), "%s", kw_sb_str(&sb));
	kw_sb_free(&sb);
	l->missing = true;
}

static const char *file_type(mode_t mode)
{
	return S_ISDIR(mode) ? "a directory" : S_ISFIFO(mode) ? "a FIFO"
		: S_ISCHR(mode) ? "a character device" : S_ISBLK(mode) ? "a block device"
		: S_ISSOCK(mode) ? "a socket" : "a special file";
}

/* The user's own rules change the advice the user gets: like ssh with
 * its keys, refuse them when someone else could have written them. */
static bool trusted(struct loader *l, const char *path, const struct stat *st)
{
	if (st->st_uid != getuid() && st->st_uid != 0) {
		source_error(l, path, "not loaded: it belongs to user %lu, not to you, "
			     "so they could change the advice you get",
			     (unsigned long)st->st_uid);
		return false;
	}
	if (st->st_mode & (S_IWGRP | S_IWOTH)) {
		source_error(l, path, "not loaded: %s can write it (mode %04o), so "
			     "they could change the advice you get; run 'chmod go-w' on it",
			     (st->st_mode & S_IWOTH) ? "anyone" : "its group",
			     (unsigned)(st->st_mode & 07777));
		return false;
	}
	return true;
}

/* Rule files are regular files (or symlinks to one): a FIFO, a device or
 * a directory is never read, so `check` cannot hang on one or read
 * /dev/zero forever.  O_NONBLOCK keeps open() itself from waiting on a
 * FIFO with no writer; fstat then looks at what was really opened. */
static int open_rule_file(struct loader *l, const char *path, bool owner_only,
			  struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		source_error(l, path, "cannot open rule file: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, st) != 0)
		source_error(l, path, "cannot open rule file: %s", strerror(errno));
	else if (!S_ISREG(st->st_mode))
		source_error(l, path, "not read: %s, and rule files must be regular files",
			     file_type(st->st_mode));
	else if (!owner_only || trusted(l, path, st))
		return fd;
	close(fd);
	return -1;
}

static void read_file(struct loader *l, const char *path, bool owner_only)
{
	struct kw_kb *kb = l->kb;
	struct stat st;
	int fd = open_rule_file(l, path, owner_only, &st);
	struct kw_loc loc;

	if (fd < 0)
		return;
	loc = path_loc(l, path);
	KW_PUSH(kb->files, kb->nfiles, l->files_cap, loc.file);
	if ((size_t)st.st_size > l->raw.limits->file_bytes)
		kw_diag(l->diags, KW_ERROR, loc, "file is %lld bytes, larger than the "
			"limit of %zu", (long long)st.st_size, l->raw.limits->file_bytes);
	else if (kw_ini_read(&l->raw, fd, loc, l->diags) != 0)
		l->read_failed = true;
	close(fd);
}

static int by_bytes(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool ends_in_ini(const char *name, bool any_case)
{
	size_t n = strlen(name);

	return n > 4 && name[0] != '.' &&
	       (any_case ? strcasecmp : strcmp)(name + n - 4, ".ini") == 0;
}

static void warn_about(struct loader *l, const char *path, const char *message)
{
	kw_diag(l->diags, KW_WARNING, path_loc(l, path), "%s", message);
}

/* The `*.ini` files, in byte order; a `*.INI` one is skipped, but not in
 * silence, nor is a directory that holds no rule file at all. */
static void read_directory(struct loader *l, const char *dir, bool owner_only)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, by_bytes);
	size_t rule_files = 0;

	if (n < 0) {
		source_error(l, dir, "cannot read rule directory: %s", strerror(errno));
		return;
	}
	for (int i = 0; i < n; i++) {
		struct kw_strbuf path = {0};
		const char *name = names[i]->d_name;

		kw_sb_printf(&path, "%s/%s", dir, name);
		if (ends_in_ini(name, false)) {
			read_file(l, path.data, owner_only);
			rule_files++;
		} else if (ends_in_ini(name, true)) {
			warn_about(l, path.data, "not loaded: rule files are named "
				   "'*.ini', in lower case");
		}
		kw_sb_free(&path);
		free(names[i]);
	}
	free(names);
	if (!rule_files)
		warn_about(l, dir, "no rule files ('*.ini') in this directory");
}

static void read_source(struct loader *l, const struct kw_source *source)
{
	struct stat st;

	if (stat(source->path, &st) != 0 || !S_ISDIR(st.st_mode))
		read_file(l, source->path, source->owner_only);
	else if (!source->owner_only || trusted(l, source->path, &st))
		read_directory(l, source->path, source->owner_only);
}

/* The order matters: each step needs the ids the ones before it made. */
static void build(struct loader *l)
{
	struct kw_builder b = { .kb = l->kb, .diags = l->diags };

	kw_sections_merge(&b, &l->raw);
	kw_build_questions(&b);
	kw_build_facts(&b);
	kw_build_knots(&b);
	kw_build_routines(&b);
	kw_build_rules(&b);
	kw_report_orphan_facts(&b);
	kw_build_groups(&b);
	kw_build_messages(&b);
	kw_build_settings(&b);
	kw_build_resolve_questions(&b);
	kw_build_resolve_rules(&b);
	kw_build_resolve_routines(&b);
	kw_check_group_gates(&b);
	kw_report_disabled(&b);
	kw_sections_free(&b.sections);
	free(b.position);
}

const struct kw_limits kw_default_limits = {
	.file_bytes = 256 * 1024 * 1024,
	.sections = 4000000,
	.value_bytes = 64 * 1024,
};

/* An empty rule set loads (check has to be able to say so), but nobody
 * means one: it is how a misnamed directory looks. */
static void warn_if_empty(struct loader *l)
{
	if (l->kb->nquestions == 0 && !l->missing && !l->read_failed)
		kw_diag(l->diags, KW_WARNING, (struct kw_loc){0}, "the rule set has no "
			"questions (%zu rule file%s loaded)", l->kb->nfiles,
			l->kb->nfiles == 1 ? "" : "s");
}

enum kw_load_status kw_load(const char *const *paths, size_t npaths,
			    struct kw_kb **out, struct kw_diags *diags)
{
	return kw_load_limited(paths, npaths, &kw_default_limits, out, diags);
}

enum kw_load_status kw_load_limited(const char *const *paths, size_t npaths,
				    const struct kw_limits *limits, struct kw_kb **out,
				    struct kw_diags *diags)
{
	struct kw_source *sources = kw_xcalloc(npaths + 1, sizeof *sources);
	enum kw_load_status status;

	for (size_t i = 0; i < npaths; i++)
		sources[i].path = paths[i];
	status = kw_load_sources(sources, npaths, limits, out, diags);
	free(sources);
	return status;
}

enum kw_load_status kw_load_sources(const struct kw_source *sources, size_t nsources,
				    const struct kw_limits *limits, struct kw_kb **out,
				    struct kw_diags *diags)
{
	struct loader l = { .kb = kw_kb_new(), .diags = diags };
	size_t errors = diags->errors;

	l.raw.arena = l.kb->arena;      /* the kb keeps the strings read */
	l.raw.limits = limits;
	for (size_t i = 0; i < nsources; i++)
		read_source(&l, &sources[i]);
	build(&l);
	kw_engine_prepare(l.kb, diags);
	warn_if_empty(&l);
	kw_raw_set_free(&l.raw);
	if (out)
		*out = l.kb;
	else
		kw_kb_free(l.kb);
	if (l.read_failed)
		return KW_LOAD_READ_ERROR;
	if (l.missing)
		return KW_LOAD_NO_INPUT;
	return diags->errors == errors ? KW_LOAD_OK : KW_LOAD_INVALID;
}
