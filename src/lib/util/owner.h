/*
 * owner: is a file the user's alone?  Two things refuse a file that
 * someone else could have touched, as ssh does with its keys: the
 * per-user rules (nobody else may write them, since they change the
 * advice) and the journal (nobody else may read or write it, since it
 * holds health data).  One check serves both; each says which
 * permissions others must not have.
 */
#ifndef KW_OWNER_H
#define KW_OWNER_H

#include <sys/stat.h>

#include "util/strbuf.h"

enum kw_owner_verdict {
	KW_OWNER_PRIVATE,       /* the user's (or root's), closed to others */
	KW_OWNER_OTHER_USER,    /* it belongs to another user */
	KW_OWNER_SHARED         /* its group or anyone has one of the bits */
};

/* Judge st (from stat or fstat) against `others`: the permission bits of
 * group and others that must be clear, such as S_IWGRP | S_IWOTH. */
enum kw_owner_verdict kw_owner_check(const struct stat *st, mode_t others);

/* Who else may do what, for a KW_OWNER_SHARED file: "anyone can write it
 * (mode 0777)", "its group can read and write it (mode 0660)". */
void kw_owner_say_shared(struct kw_strbuf *sb, const struct stat *st, mode_t others);

#endif
