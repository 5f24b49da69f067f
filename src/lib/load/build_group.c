/*
 * build_group: [group ID] sections, the checklists the questionnaire asks
 * as one screen (SPEC §2).  A member is a yes/no question in no other
 * group; members are kept in asking order, and a member's ask_if may name
 * only questions asked before the group's first member, so that the whole
 * checklist can be shown where that first member would be asked.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "load/build.h"
#include "util/scalar.h"

#define MAX_MEMBERS 64

static void add_member(struct kw_builder *b, const struct kw_raw_section *s,
		       const struct kw_raw_entry *e, size_t g, const char *id)
{
	struct kw_kb *kb = b->kb;
	struct kw_group *group = &kb->groups[g];
	struct kw_disabled *off;
	size_t q;

	if (kw_kb_find_symbol(kb, id, &q) && q < kb->nquestions) {
		if (kb->questions[q].type != KW_YESNO)
			kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "group member '%s' "
				"is a %s question; a checklist takes yesno questions only",
				id, kw_qtype_name(kb->questions[q].type));
		else if (kb->questions[q].group != SIZE_MAX)
			kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "question '%s' is "
				"already in group '%s'", id, kb->groups[kb->questions[q].group].id);
		else
			kb->questions[q].group = g, group->questions[group->nquestions++] = q;
	} else if ((off = kw_find_disabled(&b->sections, KW_SEC_QUESTION, id))) {
		kw_disabled_took(off, "its place in groups", s->id);
	} else {
		kw_unknown_ref(b, kw_entry_loc(s, e), "question", id, "in 'questions'");
	}
}

static int by_asking(const void *pa, const void *pb, void *position)
{
	const size_t *pos = position;
	size_t a = pos[*(const size_t *)pa], b = pos[*(const size_t *)pb];
	return (a > b) - (a < b);
}

static void build_group(struct kw_builder *b, const struct kw_raw_section *s,
			size_t g, const size_t *position)
{
	struct kw_group *group = &b->kb->groups[g];
	const struct kw_raw_entry *e = kw_entry(s, "questions");
	char *items[MAX_MEMBERS + 1], *copy;
	size_t n;

	group->id = s->id;
	group->loc = s->loc;
	group->text = (e = kw_entry(s, "text")) ? e->value : "";
	group->help = (e = kw_entry(s, "help")) ? e->value : NULL;
	if (!(e = kw_entry(s, "questions")))
		return;
	copy = kw_arena_strdup(b->kb->arena, e->value);
	n = kw_split_commas(copy, items, MAX_MEMBERS + 1);
	if (n > MAX_MEMBERS) {
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "more than %d questions",
			MAX_MEMBERS);
		return;
	}
	group->questions = kw_xcalloc(n + 1, sizeof *group->questions);
	for (size_t i = 0; i < n; i++)
		add_member(b, s, e, g, items[i]);
	qsort_r(group->questions, group->nquestions, sizeof *group->questions,
		by_asking, (void *)position);
}

void kw_build_groups(struct kw_builder *b)
{
	struct kw_kb *kb = b->kb;
	size_t n = b->sections.len[KW_SEC_GROUP];

	kb->groups = kw_xcalloc(n + 1, sizeof *kb->groups);
	kb->ngroups = n;
	for (size_t g = 0; g < n; g++)
		build_group(b, b->sections.of[KW_SEC_GROUP][g], g, b->position);
}

struct gate_check {
	struct kw_builder *b;
	const struct kw_group *group;
	const struct kw_question *member;
	const size_t *position;
	size_t first;                   /* asking position of the first member */
};

static void check_gate(size_t sym, bool negative, void *data)
{
	struct gate_check *c = data;
	const struct kw_kb *kb = c->b->kb;

	(void)negative;
	if (sym < kb->nquestions && c->position[sym] >= c->first)
		kw_diag(c->b->diags, KW_ERROR, c->member->loc, "the ask_if of '%s' names "
			"'%s', which is not asked before group '%s' starts", c->member->id,
			kb->questions[sym].id, c->group->id);
}

/* Once ask_if conditions are resolved: the SPEC §2 rule on members' gates. */
void kw_check_group_gates(struct kw_builder *b)
{
	const struct kw_kb *kb = b->kb;

	for (size_t g = 0; g < kb->ngroups; g++) {
		const struct kw_group *group = &kb->groups[g];
		struct gate_check c = { b, group, NULL, b->position, 0 };
		if (!group->nquestions)
			continue;
		c.first = b->position[group->questions[0]];
		for (size_t i = 0; i < group->nquestions; i++) {
			c.member = &kb->questions[group->questions[i]];
			if (c.member->ask_if)
				kw_expr_visit(c.member->ask_if, check_gate, &c);
		}
	}
}
