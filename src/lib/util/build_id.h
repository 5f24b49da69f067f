/*
 * build_id: the id the linker gave the running program (its GNU build-id
 * note), which changes whenever the program's code does.  The rule-set
 * cache keys its images with it, so that two builds of one version never
 * read each other's images.
 */
#ifndef KW_BUILD_ID_H
#define KW_BUILD_ID_H

#include <stddef.h>

/* The id's bytes (static, never freed) and their count; *len is 0 when
 * the program has no such note or the system cannot say. */
const unsigned char *kw_build_id(size_t *len);

#endif
