/*
 * build: raw sections (ini_read) to a kb.  sections.c merges overrides and
 * checks keys; build_*.c turn each kind of section into its kb form.
 * Every problem is a diagnostic; building goes on after one, so that
 * `check` reports them all in one pass.
 */
#ifndef KW_BUILD_H
#define KW_BUILD_H

#include "expr/expr.h"
#include "load/ini_read.h"
#include "ruleset/store.h"
#include "util/strbuf.h"

enum kw_section_kind { KW_SEC_QUESTION, KW_SEC_RULE, KW_SEC_KNOT,
		       KW_SEC_ROUTINE, KW_SEC_GROUP, KW_SEC_MESSAGE,
		       KW_SEC_SETTINGS, KW_SEC_KINDS };

/* The sections in force, per kind, in load order (an override keeps the
 * place of what it replaced). */
struct kw_setting {
	const struct kw_raw_section *section;
	const struct kw_raw_entry *entry;
};

/* A section switched off by `disabled = yes`: the definition it removed,
 * the section that removed it, and what went with it (SPEC §2: the names
 * of it that were dropped, and rules left with nothing to do), grouped by
 * what they were, for one note at the disabling line. */
struct kw_went {
	const char *what;               /* "the 'for' entries of routines" */
	struct kw_strbuf ids;
};

struct kw_disabled {
	enum kw_section_kind kind;
	const struct kw_raw_section *was, *by;
	bool safety;                    /* `was` is a safety item */
	struct kw_went went[4];
	size_t nwent;
};

struct kw_sections {
	const struct kw_raw_section **of[KW_SEC_KINDS];
	size_t len[KW_SEC_KINDS];
	struct kw_setting *settings;    /* every [settings] key, later wins */
	size_t nsettings, settings_cap;
	struct kw_disabled *disabled;   /* in the order of the disabling */
	size_t ndisabled;
};

struct kw_builder {
	struct kw_kb *kb;               /* its view follows the store */
	struct kw_store *st;
	struct kw_arena *arena;         /* the loader's: lives until the load ends */
	struct kw_arena *trees;         /* one condition's parse tree at a time */
	struct kw_diags *diags;
	struct kw_sections sections;
	size_t *position;               /* question index -> asking position */
	size_t dropped;                 /* names dropped as disabled, so far */
	struct kw_disabled *last_drop;  /* the section that took the last one */
};

/* Decide which sections are in force; record every override and disabling
 * in kb->changes, with a note (a warning for a safety item, SPEC §2). */
void kw_sections_merge(struct kw_builder *b, const struct kw_raw_set *set);
void kw_sections_free(struct kw_sections *s);

/* Is this raw section a safety item (SPEC §2): a rule that raises urgent
 * or emergency care or avoids a tag, or a required question? */
bool kw_section_is_safety(const struct kw_raw_section *s);

/* The disabled section of that kind and id, or NULL: a name that went
 * with it is dropped where it is named, and `kw_disabled_took` says so. */
struct kw_disabled *kw_find_disabled(struct kw_sections *s, enum kw_section_kind kind,
				     const char *id);
/* A section defined again after it was disabled is no longer disabled. */
void kw_forget_disabled(struct kw_sections *s, enum kw_section_kind kind,
			const char *id);
void kw_free_disabled(struct kw_sections *s);
/* Record that `id`, one of `what`, went with the disabled section. */
void kw_disabled_took(struct kw_disabled *d, const char *what, const char *id);
/* One note (a warning for a safety item) at each disabling line. */
void kw_report_disabled(struct kw_builder *b);

/* "unknown knot 'x' CONTEXT; did you mean 'y'?", offering the ids of
 * that kind (knot, routine, rule, question). */
void kw_unknown_ref(struct kw_builder *b, struct kw_loc loc, const char *what,
		    const char *id, const char *context);

/* The entry for a key that occurs at most once, or NULL. */
const struct kw_raw_entry *kw_entry(const struct kw_raw_section *s,
				    const char *key);
struct kw_loc kw_entry_loc(const struct kw_raw_section *s,
			   const struct kw_raw_entry *e);

/* The program of a section's condition `key`, or KW_NONE (when absent, or
 * after reporting why it is wrong). */
uint32_t kw_build_condition(struct kw_builder *b, const struct kw_raw_section *s,
			    const char *key, const struct kw_scope *scope);
/* Where the section was written, as the rule set keeps it. */
struct kw_where kw_build_where(const struct kw_raw_section *s);

void kw_build_questions(struct kw_builder *b);
void kw_build_facts(struct kw_builder *b);
void kw_build_knots(struct kw_builder *b);
void kw_build_routines(struct kw_builder *b);
void kw_build_rules(struct kw_builder *b);
void kw_report_orphan_facts(struct kw_builder *b);
void kw_build_groups(struct kw_builder *b);
void kw_check_group_gates(struct kw_builder *b);
void kw_build_messages(struct kw_builder *b);
void kw_build_settings(struct kw_builder *b);
/* Bind the ids of every condition, once all symbols are known. */
void kw_build_resolve_questions(struct kw_builder *b);
void kw_build_resolve_rules(struct kw_builder *b);
void kw_build_resolve_routines(struct kw_builder *b);

#endif
