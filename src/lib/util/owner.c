#include <config.h>

#include <unistd.h>

#include "util/owner.h"

enum kw_owner_verdict kw_owner_check(const struct stat *st, mode_t others)
{
	if (st->st_uid != getuid() && st->st_uid != 0)
		return KW_OWNER_OTHER_USER;
	return st->st_mode & others ? KW_OWNER_SHARED : KW_OWNER_PRIVATE;
}

void kw_owner_say_shared(struct kw_strbuf *sb, const struct stat *st, mode_t others)
{
	mode_t open = st->st_mode & others;
	/* anyone's bits when it has some, else the group's */
	mode_t by = open & S_IRWXO ? open & S_IRWXO : (open & S_IRWXG) >> 3;
	const char *can = !(by & S_IROTH) ? "write" : by & S_IWOTH ? "read and write" : "read";

	kw_sb_printf(sb, "%s can %s it (mode %04o)", open & S_IRWXO ? "anyone" : "its group",
		     can, (unsigned)(st->st_mode & 07777));
}
