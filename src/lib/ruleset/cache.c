/*
 * cache: reading and writing compiled rule sets (cache.h).  The folder is
 * opened once and checked through its descriptor, and the image is found
 * relative to it, so what was checked is what is used.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ruleset/cache.h"
#include "ruleset/image.h"
#include "util/strbuf.h"

#define MAX_IMAGE ((off_t)1 << 30)

/* $XDG_CACHE_HOME/knotwise, or ~/.cache/knotwise (relative XDG paths
 * are ignored, as the XDG spec says); false when neither can be named. */
static bool cache_dir(struct kw_strbuf *dir)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		kw_sb_printf(dir, "%s/knotwise", xdg);
	else if (home && home[0] == '/')
		kw_sb_printf(dir, "%s/.cache/knotwise", home);
	return dir->len > 0;
}

/* The image's file name in the folder, for the list of rule files `name`. */
static void image_name(char *file, size_t size, uint64_t name)
{
	snprintf(file, size, "rules-%016" PRIx64 ".img", name);
}

/* The user's own, and nobody else can write it. */
static bool private(const struct stat *st)
{
	return st->st_uid == getuid() && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

/* Each missing level of the path, 0700 (XDG's mode for what it creates);
 * whether the last one can be used is for the caller to check. */
static void make_dirs(char *path)
{
	for (char *slash = path + 1; (slash = strchr(slash, '/')) != NULL; slash++) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	mkdir(path, 0700);
}

/* The cache folder, open, when it is a directory of the user's that
 * nobody else can write; else -1.  With create, it is made if missing.
 * O_NONBLOCK: something else in its place never makes open() wait. */
static int open_cache_dir(bool create)
{
	struct kw_strbuf path = {0};
	struct stat st;
	int fd = -1;

	if (cache_dir(&path)) {
		if (create)
			make_dirs(path.data);
		fd = open(path.data, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
	}
	if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode) || !private(&st))) {
		close(fd);
		fd = -1;
	}
	kw_sb_free(&path);
	return fd;
}

/* The image file's pages, mapped read-only, when it is a regular file of
 * the user's that nobody else can write, of a size an image can have.  A
 * symlink is not followed; a FIFO or a device is opened without waiting,
 * never read.  Mapped, not read: a big rule set's image is not copied,
 * and the rule set cannot be written to by mistake.  Only the user could
 * cut the file short under a running knotwise (we never do: an image is
 * replaced by rename), which would end that run with SIGBUS. */
static bool map_image(int dir, const char *file, unsigned char **data, size_t *len)
{
	int fd = openat(dir, file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	void *map = MAP_FAILED;

	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && private(&st) &&
	    st.st_size >= (off_t)sizeof(struct kw_image_header) && st.st_size <= MAX_IMAGE)
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return false;
	*data = map;
	*len = (size_t)st.st_size;
	return true;
}

bool kw_cache_read(struct kw_kb *kb, uint64_t name, uint64_t key)
{
	int dir = open_cache_dir(false);
	char file[32];
	unsigned char *data;
	size_t len;
	bool ok;

	if (dir < 0)
		return false;
	image_name(file, sizeof file, name);
	ok = map_image(dir, file, &data, &len);
	close(dir);
	if (!ok)
		return false;
	if (!kw_image_valid(data, len, key)) {
		munmap(data, len);
		return false;
	}
	kb->image = data;
	kb->image_size = len;
	kb->image_mapped = true;
	kw_image_view(kb);
	return true;
}

static bool write_all(int fd, const unsigned char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		data += n;
		len -= (size_t)n;
	}
	return true;
}

/* Written to a file of this process's own beside its place, then renamed
 * over it: a reader, or another knotwise writing the same image, sees the
 * old image or a new one, never half of one.  (No fsync: an image a crash
 * cut short fails its checks and is written again.) */
void kw_cache_write(const struct kw_kb *kb, uint64_t name)
{
	int dir = kb->image ? open_cache_dir(true) : -1, fd;
	char file[32], tmp[64];
	bool ok;

	if (dir < 0)
		return;
	image_name(file, sizeof file, name);
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", file, (long)getpid());
	fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0) {
		ok = write_all(fd, kb->image, kb->image_size);
		ok = close(fd) == 0 && ok;
		if (!ok || renameat(dir, tmp, dir, file) != 0)
			unlinkat(dir, tmp, 0);
	}
	close(dir);
}
