#include <config.h>

#include "knotwise/load.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/arena.h"
#include "load/build.h"
#include "knotwise/engine.h"

struct loader {
	struct kw_kb *kb;
	struct kw_raw_set raw;
	struct kw_diags *diags;
	size_t files_cap;
	bool missing;
};

static void read_file(struct loader *l, const char *path)
{
	struct kw_kb *kb = l->kb;
	struct kw_loc loc = { .file = kw_arena_strdup(kb->arena, path),
			      .file_rank = kb->nfiles };
	FILE *fp = fopen(path, "r");
	struct stat st;

	if (!fp) {
		kw_diag(l->diags, KW_ERROR, (struct kw_loc){ .file = loc.file },
			"cannot open rule file: %s", strerror(errno));
		l->missing = true;
		return;
	}
	KW_PUSH(kb->files, kb->nfiles, l->files_cap, loc.file);
	if (fstat(fileno(fp), &st) == 0 && (size_t)st.st_size > l->raw.limits->file_bytes) {
		kw_diag(l->diags, KW_ERROR, loc, "file is %lld bytes, larger than the "
			"limit of %zu", (long long)st.st_size, l->raw.limits->file_bytes);
		fclose(fp);
		return;
	}
	kw_ini_read(&l->raw, fp, loc, l->diags);
	fclose(fp);
}

static int by_bytes(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_ini(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n > 4 && d->d_name[0] != '.' && strcmp(d->d_name + n - 4, ".ini") == 0;
}

static void read_directory(struct loader *l, const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, is_ini, by_bytes);

	if (n < 0) {
		kw_diag(l->diags, KW_ERROR, (struct kw_loc){ .file = dir },
			"cannot read rule directory: %s", strerror(errno));
		l->missing = true;
		return;
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
		char *path = kw_xmalloc(len);
		snprintf(path, len, "%s/%s", dir, names[i]->d_name);
		read_file(l, path);
		free(path);
		free(names[i]);
	}
	free(names);
}

static void read_source(struct loader *l, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		read_directory(l, path);
	else
		read_file(l, path);
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

enum kw_load_status kw_load(const char *const *sources, size_t nsources,
			    struct kw_kb **out, struct kw_diags *diags)
{
	return kw_load_limited(sources, nsources, &kw_default_limits, out, diags);
}

enum kw_load_status kw_load_limited(const char *const *sources, size_t nsources,
				    const struct kw_limits *limits, struct kw_kb **out,
				    struct kw_diags *diags)
{
	struct loader l = { .kb = kw_kb_new(), .diags = diags };
	size_t errors = diags->errors;

	l.raw.arena = l.kb->arena;      /* the kb keeps the strings read */
	l.raw.limits = limits;
	for (size_t i = 0; i < nsources; i++)
		read_source(&l, sources[i]);
	build(&l);
	kw_engine_prepare(l.kb, diags);
	kw_raw_set_free(&l.raw);
	if (out)
		*out = l.kb;
	else
		kw_kb_free(l.kb);
	if (l.missing)
		return KW_LOAD_NO_INPUT;
	return diags->errors == errors ? KW_LOAD_OK : KW_LOAD_INVALID;
}
