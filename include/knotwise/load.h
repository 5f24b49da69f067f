/*
 * load: rule files and directories to a ready kb (SPEC §2).  A directory
 * contributes its `*.ini` files in byte order of their names; a file is
 * read whatever its name.  Sources are given in load order: later ones
 * override earlier ones section by section.  Rule files must be regular
 * files (symlinks to one are followed): anything else is refused unread.
 */
#ifndef KNOTWISE_LOAD_H
#define KNOTWISE_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "knotwise/diag.h"
#include "knotwise/kb.h"

enum kw_load_status {
	KW_LOAD_OK,
	KW_LOAD_INVALID,        /* errors in the rules: see diags */
	KW_LOAD_NO_INPUT,       /* a source could not be opened, is not a
				 * regular file, or was refused: see diags */
	KW_LOAD_READ_ERROR      /* reading a rule file failed: see diags */
};

/* A rule file or directory to load. */
struct kw_source {
	const char *path;
	/* The user's own rules: refused (KW_LOAD_NO_INPUT, unread) when the
	 * directory or a file in it belongs to another user than the user or
	 * root, or when its group or anyone else may write it. */
	bool owner_only;
};

/* What one load accepts; past a limit, a clear error instead of a crawl. */
struct kw_limits {
	size_t file_bytes;      /* one rule file */
	size_t sections;        /* all files together */
	size_t value_bytes;     /* one value, continuation lines joined */
};

/* 256 MiB a file, 4 million sections, 64 KiB a value. */
extern const struct kw_limits kw_default_limits;

struct kw_load_options {
	const struct kw_limits *limits; /* NULL: kw_default_limits */
	/* Use the compiled image of the same rule files from the cache
	 * ($XDG_CACHE_HOME/knotwise), and store one there after building. */
	bool use_cache;
};

/* Load every source into *kb (set even on failure, for `check`, unless
 * NULL); diags get every error, warning and override note. */
enum kw_load_status kw_load_sources(const struct kw_source *sources, size_t nsources,
				    const struct kw_load_options *opts, struct kw_kb **kb,
				    struct kw_diags *diags);
/* The same for paths that need no owner check. */
enum kw_load_status kw_load(const char *const *paths, size_t npaths,
			    struct kw_kb **kb, struct kw_diags *diags);
enum kw_load_status kw_load_limited(const char *const *paths, size_t npaths,
				    const struct kw_limits *limits, struct kw_kb **kb,
				    struct kw_diags *diags);

#endif
