/*
 * build: raw sections (ini_read) to a kb.  sections.c merges overrides and
 * checks keys; build_*.c turn each kind of section into its kb form.
 * Every problem is a diagnostic; building goes on after one, so that
 * `check` reports them all in one pass.
 */
#ifndef KW_BUILD_H
#define KW_BUILD_H

#include "load/ini_read.h"
#include "ruleset/kb_internal.h"
#include "knotwise/expr.h"

enum kw_section_kind { KW_SEC_QUESTION, KW_SEC_RULE, KW_SEC_KNOT,
		       KW_SEC_ROUTINE, KW_SEC_SETTINGS, KW_SEC_KINDS };

/* The sections in force, per kind, in load order (an override keeps the
 * place of what it replaced). */
struct kw_setting {
	const struct kw_raw_section *section;
	const struct kw_raw_entry *entry;
};

struct kw_sections {
	const struct kw_raw_section **of[KW_SEC_KINDS];
	size_t len[KW_SEC_KINDS];
	struct kw_setting *settings;    /* every [settings] key, later wins */
	size_t nsettings, settings_cap;
};

struct kw_builder {
	struct kw_kb *kb;
	struct kw_diags *diags;
	struct kw_sections sections;
};

void kw_sections_merge(struct kw_sections *out, const struct kw_raw_set *set,
		       struct kw_diags *diags);
void kw_sections_free(struct kw_sections *s);

/* The entry for a key that occurs at most once, or NULL. */
const struct kw_raw_entry *kw_entry(const struct kw_raw_section *s,
				    const char *key);
struct kw_loc kw_entry_loc(const struct kw_raw_section *s,
			   const struct kw_raw_entry *e);

/* The parsed and resolved expression of a section's `key`, or NULL (when
 * absent, or after reporting why it is wrong). */
struct kw_expr *kw_build_condition(struct kw_builder *b, const struct kw_raw_section *s,
				   const char *key, const struct kw_scope *scope);

void kw_build_questions(struct kw_builder *b);
void kw_build_facts(struct kw_builder *b);
void kw_build_knots(struct kw_builder *b);
void kw_build_routines(struct kw_builder *b);
void kw_build_rules(struct kw_builder *b);
void kw_build_settings(struct kw_builder *b);
/* Bind the ids of every condition, once all symbols are known. */
void kw_build_resolve_questions(struct kw_builder *b);
void kw_build_resolve_rules(struct kw_builder *b);
void kw_build_resolve_routines(struct kw_builder *b);

#endif
