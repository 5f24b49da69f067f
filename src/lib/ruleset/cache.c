/*
 * cache: reading and writing compiled rule sets (cache.h).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ruleset/cache.h"
#include "ruleset/image.h"
#include "util/arena.h"
#include "util/line_reader.h"
#include "util/strbuf.h"

#define MAX_IMAGE ((size_t)1 << 30)

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

static bool image_path(struct kw_strbuf *path, uint64_t name)
{
	if (!cache_dir(path))
		return false;
	kw_sb_printf(path, "/rules-%016" PRIx64 ".img", name);
	return true;
}

/* The user's own, and nobody else can write it. */
static bool private(const struct stat *st)
{
	return st->st_uid == getuid() && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

static bool dir_trusted(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode) && private(&st);
}

bool kw_cache_read(struct kw_kb *kb, uint64_t name, uint64_t key)
{
	struct kw_strbuf path = {0}, dir = {0};
	struct stat st;
	char *data = NULL;
	size_t len = 0;
	int fd = -1;
	bool ok = false;

	if (cache_dir(&dir) && dir_trusted(dir.data) && image_path(&path, name) &&
	    (fd = open(path.data, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) >= 0 &&
	    fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && private(&st) &&
	    kw_read_all(fd, MAX_IMAGE, &data, &len) == 0 &&
	    kw_image_valid((unsigned char *)data, len, key)) {
		kb->image = (unsigned char *)data;
		kb->image_size = len;
		kw_image_view(kb);
		ok = true;
	}
	if (!ok)
		free(data);
	if (fd >= 0)
		close(fd);
	kw_sb_free(&path);
	kw_sb_free(&dir);
	return ok;
}

/* Each missing level of the cache folder, 0700. */
static bool make_dirs(char *path)
{
	for (char *slash = path + 1; (slash = strchr(slash, '/')) != NULL; slash++) {
		*slash = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*slash = '/';
			return false;
		}
		*slash = '/';
	}
	return (mkdir(path, 0700) == 0 || errno == EEXIST) && dir_trusted(path);
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

/* Written beside its place, then renamed over it: a reader sees the old
 * image or the new one, never half of one. */
void kw_cache_write(const struct kw_kb *kb, uint64_t name)
{
	struct kw_strbuf dir = {0}, path = {0}, tmp = {0};
	int fd;

	if (!kb->image || !cache_dir(&dir) || !make_dirs(dir.data) || !image_path(&path, name))
		goto out;
	kw_sb_printf(&tmp, "%s.%ld.tmp", path.data, (long)getpid());
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	if (!write_all(fd, kb->image, kb->image_size) || close(fd) != 0 ||
	    rename(tmp.data, path.data) != 0)
		unlink(tmp.data);
out:
	kw_sb_free(&dir);
	kw_sb_free(&path);
	kw_sb_free(&tmp);
}
