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

#include "engine/network.h"
#include "load/build.h"
#include "ruleset/cache.h"
#include "ruleset/image.h"
#include "util/arena.h"
#include "util/owner.h"
#include "util/strbuf.h"

/* A rule file, open: its bytes are hashed for the cache key first, and
 * read again to be parsed only when the cache cannot serve. */
struct rule_file {
	struct kw_loc loc;
	int fd;
	uint64_t hash;                  /* of its bytes */
};

struct loader {
	struct kw_arena *arena;         /* the raw sections and file names */
	struct kw_raw_set raw;
	struct kw_diags *diags;
	const struct kw_limits *limits;
	struct rule_file *files;
	size_t nfiles, files_cap;
	bool missing;           /* a source could not be opened, or was refused */
	bool read_failed;       /* reading one failed part way */
};

/* Where a diagnostic about a whole file or directory goes. */
static struct kw_loc path_loc(struct loader *l, const char *path)
{
	return (struct kw_loc){ .file = kw_arena_strdup(l->arena, path),
				.file_rank = l->nfiles };
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
	struct kw_strbuf who = {0};
	enum kw_owner_verdict verdict = kw_owner_check(st, S_IWGRP | S_IWOTH);

	if (verdict == KW_OWNER_OTHER_USER)
		source_error(l, path, "not loaded: it belongs to user %lu, not to you, "
			     "so they could change the advice you get",
			     (unsigned long)st->st_uid);
	if (verdict == KW_OWNER_SHARED) {
		kw_owner_say_shared(&who, st, S_IWGRP | S_IWOTH);
		source_error(l, path, "not loaded: %s, so they could change the advice "
			     "you get; run 'chmod go-w' on it", who.data);
	}
	kw_sb_free(&who);
	return verdict == KW_OWNER_PRIVATE;
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

/* The hash of every byte of fd, read in whole buffers (so that short
 * reads cannot change it): 0, or EFBIG past max bytes, or an errno. */
static int hash_file(int fd, size_t max, uint64_t *hash)
{
	static char buf[65536];
	uint64_t h = KW_HASH_SEED;
	size_t total = 0, n;
	ssize_t got;

	do {
		for (n = 0; n < sizeof buf; n += (size_t)got)
			if ((got = read(fd, buf + n, sizeof buf - n)) == 0)
				break;
			else if (got < 0 && errno == EINTR)
				got = 0;
			else if (got < 0)
				return errno;
		h = kw_hash(buf, n, h);
		if ((total += n) > max)
			return EFBIG;
	} while (n == sizeof buf);
	*hash = h;
	return 0;
}

static void read_file(struct loader *l, const char *path, bool owner_only)
{
	struct stat st;
	struct rule_file f = { .fd = open_rule_file(l, path, owner_only, &st) };
	int error;

	if (f.fd < 0)
		return;
	f.loc = path_loc(l, path);
	if ((size_t)st.st_size > l->limits->file_bytes ||
	    (error = hash_file(f.fd, l->limits->file_bytes, &f.hash)) == EFBIG) {
		kw_diag(l->diags, KW_ERROR, f.loc, "file is %lld bytes, larger than the "
			"limit of %zu", (long long)st.st_size, l->limits->file_bytes);
	} else if (error) {
		kw_diag(l->diags, KW_ERROR, f.loc, "cannot read rule file: %s",
			strerror(error));
		l->read_failed = true;
	} else {
		KW_PUSH(l->files, l->nfiles, l->files_cap, f);
		return;
	}
	close(f.fd);
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
static void build(struct loader *l, struct kw_kb *kb)
{
	struct kw_builder b = { .kb = kb, .st = kw_store_new(kb), .diags = l->diags,
				.arena = l->arena, .trees = kw_arena_new() };

	for (size_t i = 0; i < l->nfiles; i++) {
		kw_sref name = kw_store_text(b.st, l->files[i].loc.file);
		kw_store_add(b.st, KW_PART_FILES, &name, 1);
		if (lseek(l->files[i].fd, 0, SEEK_SET) != 0 ||
		    kw_ini_read(&l->raw, l->files[i].fd, l->files[i].loc, l->diags) != 0)
			l->read_failed = true;
	}
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
	kw_arena_free(b.trees);
	kw_raw_set_free(&l->raw);       /* all that the rule files said is built */
	kw_store_free_maps(b.st);
	kw_engine_prepare(b.st, l->diags);
	kw_store_pack(b.st);
}

const struct kw_limits kw_default_limits = {
	.file_bytes = 256 * 1024 * 1024,
	.sections = 4000000,
	.value_bytes = 64 * 1024,
};

/* An empty rule set loads (check has to be able to say so), but nobody
 * means one: it is how a misnamed directory looks. */
static void warn_if_empty(struct loader *l, const struct kw_kb *kb)
{
	if (kb->nquestions == 0 && !l->missing && !l->read_failed)
		kw_diag(l->diags, KW_WARNING, (struct kw_loc){0}, "the rule set has no "
			"questions (%zu rule file%s loaded)", l->nfiles,
			l->nfiles == 1 ? "" : "s");
}

/* Which rule files: the cache keeps one image for each list of names. */
static uint64_t files_name(const struct loader *l)
{
	uint64_t name = KW_HASH_SEED;

	for (size_t i = 0; i < l->nfiles; i++)
		name = kw_hash(l->files[i].loc.file, strlen(l->files[i].loc.file) + 1, name);
	return name;
}

/* What the rule set depends on: the program, the limits it was loaded
 * under, and each file's name and bytes in load order (names matter: they
 * order files and appear in the output). */
static uint64_t files_key(const struct loader *l)
{
	const size_t limits[] = { l->limits->file_bytes, l->limits->sections,
				  l->limits->value_bytes };
	uint64_t key = kw_hash(limits, sizeof limits, kw_image_program_key());

	for (size_t i = 0; i < l->nfiles; i++) {
		key = kw_hash(l->files[i].loc.file, strlen(l->files[i].loc.file) + 1, key);
		key = kw_hash(&l->files[i].hash, sizeof l->files[i].hash, key);
	}
	return key;
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
	struct kw_load_options opts = { .limits = limits };
	enum kw_load_status status;

	for (size_t i = 0; i < npaths; i++)
		sources[i].path = paths[i];
	status = kw_load_sources(sources, npaths, &opts, out, diags);
	free(sources);
	return status;
}

static void loader_free(struct loader *l)
{
	for (size_t i = 0; i < l->nfiles; i++)
		close(l->files[i].fd);
	free(l->files);
	kw_raw_set_free(&l->raw);
	kw_arena_free(l->arena);
}

/* How the load went, `errors` being the count of errors before it. */
static enum kw_load_status load_status(const struct loader *l,
				       const struct kw_diags *diags, size_t errors)
{
	if (l->read_failed)
		return KW_LOAD_READ_ERROR;
	if (l->missing)
		return KW_LOAD_NO_INPUT;
	return diags->errors == errors ? KW_LOAD_OK : KW_LOAD_INVALID;
}

/* From the cache when it holds an image of exactly these files (and the
 * files gave no diagnostic: check's are wanted whole), else built. */
enum kw_load_status kw_load_sources(const struct kw_source *sources, size_t nsources,
				    const struct kw_load_options *opts, struct kw_kb **out,
				    struct kw_diags *diags)
{
	struct loader l = { .arena = kw_arena_new(), .diags = diags,
			    .limits = opts->limits ? opts->limits : &kw_default_limits };
	struct kw_kb *kb = kw_xcalloc(1, sizeof *kb);
	size_t errors = diags->errors, before = diags->len;
	uint64_t key;

	l.raw.arena = kw_arena_new();
	l.raw.limits = l.limits;
	for (size_t i = 0; i < nsources; i++)
		read_source(&l, &sources[i]);
	key = files_key(&l);
	if (!(opts->use_cache && diags->len == before &&
	      kw_cache_read(kb, files_name(&l), key))) {
		kb->key = key;
		build(&l, kb);
		if (opts->use_cache && load_status(&l, diags, errors) == KW_LOAD_OK)
			kw_cache_write(kb, files_name(&l));
	}
	warn_if_empty(&l, kb);
	loader_free(&l);
	if (out)
		*out = kb;
	else
		kw_kb_free(kb);
	return load_status(&l, diags, errors);
}
