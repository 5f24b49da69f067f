/*
 * journal/file: where the journal lives, and opening it only when it is
 * the user's alone (it holds health data: util/owner.h).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "journal/journal.h"
#include "util/arena.h"
#include "util/owner.h"
#include "util/strbuf.h"

/* Group and others may neither read nor write a journal. */
#define OTHERS_MAY_NOT (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)

char *kw_journal_default_path(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	struct kw_strbuf path = {0};

	if (xdg && xdg[0] == '/')
		kw_sb_printf(&path, "%s/knotwise/journal.jsonl", xdg);
	else if (home && home[0])
		kw_sb_printf(&path, "%s/.local/state/knotwise/journal.jsonl", home);
	return path.data;
}

bool kw_journal_make_folders(const char *path, struct kw_diags *diags)
{
	char *folder = kw_xstrdup(path);
	bool ok = true;

	for (char *slash = strchr(folder + 1, '/'); ok && slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(folder, 0700) != 0 && errno != EEXIST) {
			kw_diag(diags, KW_ERROR, (struct kw_loc){ .file = path },
				"cannot create the journal's folder '%s': %s", folder, strerror(errno));
			ok = false;
		}
		*slash = '/';
	}
	free(folder);
	return ok;
}

static void refuse(const char *path, enum kw_journal_status *status, struct kw_diags *diags,
		   const char *why)
{
	kw_diag(diags, KW_ERROR, (struct kw_loc){ .file = path }, "journal not used: %s", why);
	*status = KW_JOURNAL_REFUSED;
}

/* Is the open journal a regular file that is the user's alone? */
static bool private_file(const char *path, const struct stat *st,
			 enum kw_journal_status *status, struct kw_diags *diags)
{
	enum kw_owner_verdict verdict = kw_owner_check(st, OTHERS_MAY_NOT);
	struct kw_strbuf why = {0};

	if (!S_ISREG(st->st_mode))
		kw_sb_add(&why, "it is not a regular file");
	else if (verdict == KW_OWNER_OTHER_USER)
		kw_sb_printf(&why, "it belongs to user %lu, not to you, and it holds "
			     "health data", (unsigned long)st->st_uid);
	else if (verdict == KW_OWNER_SHARED) {
		kw_owner_say_shared(&why, st, OTHERS_MAY_NOT);
		kw_sb_add(&why, ", and it holds health data; run 'chmod 600' on it");
	}
	if (why.len)
		refuse(path, status, diags, why.data);
	kw_sb_free(&why);
	return *status == KW_JOURNAL_OK;
}

int kw_journal_open_file(const char *path, int flags, enum kw_journal_status *status,
			 struct kw_diags *diags)
{
	/* O_NONBLOCK: a FIFO put in its place cannot make open() wait */
	int fd = open(path, flags | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0600);
	struct stat st;

	*status = KW_JOURNAL_OK;
	if (fd < 0 && errno == ENOENT && !(flags & O_CREAT))
		return -1;
	if (fd < 0 || fstat(fd, &st) != 0) {
		kw_diag(diags, KW_ERROR, (struct kw_loc){ .file = path }, "cannot open the "
			"journal: %s", strerror(errno));
		*status = flags & O_CREAT ? KW_JOURNAL_IO_ERROR : KW_JOURNAL_REFUSED;
	} else if (private_file(path, &st, status, diags)) {
		return fd;
	}
	if (fd >= 0)
		close(fd);
	return -1;
}
