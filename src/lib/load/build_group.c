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

struct members {
	uint32_t q[MAX_MEMBERS];
	size_t n;
};

static void add_member(struct kw_builder *b, const struct kw_raw_section *s,
		       const struct kw_raw_entry *e, size_t g, const char *id,
		       struct members *m)
{
	const struct kw_kb *kb = b->kb;
	struct kw_disabled *off;
	size_t q;

	if (kw_kb_find_symbol(kb, id, &q) && q < kb->nquestions) {
		struct kw_question *question = kw_store_at(b->st, KW_PART_QUESTIONS, q);
		if (question->type != KW_YESNO)
			kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "group member '%s' "
				"is a %s question; a checklist takes yesno questions only",
				id, kw_qtype_name((enum kw_qtype)question->type));
		else if (question->group != KW_NONE)
			kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "question '%s' is "
				"already in group '%s'", id,
				kw_s(kb, kb->groups[question->group].id));
		else
			question->group = (uint32_t)g, m->q[m->n++] = (uint32_t)q;
	} else if ((off = kw_find_disabled(&b->sections, KW_SEC_QUESTION, id))) {
		kw_disabled_took(off, "its place in groups", s->id);
	} else {
		kw_unknown_ref(b, kw_entry_loc(s, e), "question", id, "in 'questions'");
	}
}

static int by_asking(const void *pa, const void *pb, void *position)
{
	const size_t *pos = position;
	size_t a = pos[*(const uint32_t *)pa], b = pos[*(const uint32_t *)pb];
	return (a > b) - (a < b);
}

static void build_group(struct kw_builder *b, const struct kw_raw_section *s, size_t g)
{
	struct kw_group group = { .id = kw_store_text(b->st, s->id),
				  .where = kw_build_where(s) };
	const struct kw_raw_entry *e;
	char *items[MAX_MEMBERS + 1], *copy;
	struct members m = { .n = 0 };
	size_t n;

	group.text = kw_store_text(b->st, (e = kw_entry(s, "text")) ? e->value : "");
	group.help = (e = kw_entry(s, "help")) ? kw_store_text(b->st, e->value) : 0;
	kw_store_add(b->st, KW_PART_GROUPS, &group, 1);
	if (!(e = kw_entry(s, "questions")))
		return;
	copy = kw_arena_strdup(b->arena, e->value);
	n = kw_split_commas(copy, items, MAX_MEMBERS + 1);
	if (n > MAX_MEMBERS) {
		kw_diag(b->diags, KW_ERROR, kw_entry_loc(s, e), "more than %d questions",
			MAX_MEMBERS);
		return;
	}
	for (size_t i = 0; i < n; i++)
		add_member(b, s, e, g, items[i], &m);
	qsort_r(m.q, m.n, sizeof *m.q, by_asking, b->position);
	((struct kw_group *)kw_store_at(b->st, KW_PART_GROUPS, g))->questions =
		(struct kw_slice){ kw_store_add(b->st, KW_PART_U32, m.q, m.n), (uint32_t)m.n };
}

void kw_build_groups(struct kw_builder *b)
{
	for (size_t g = 0; g < b->sections.len[KW_SEC_GROUP]; g++)
		build_group(b, b->sections.of[KW_SEC_GROUP][g], g);
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
		kw_diag(c->b->diags, KW_ERROR, kw_kb_loc(kb, c->member->where), "the ask_if "
			"of '%s' names '%s', which is not asked before group '%s' starts",
			kw_s(kb, c->member->id), kw_s(kb, kb->questions[sym].id),
			kw_s(kb, c->group->id));
}

/* Once ask_if conditions are resolved: the SPEC §2 rule on members' gates. */
void kw_check_group_gates(struct kw_builder *b)
{
	const struct kw_kb *kb = b->kb;

	for (size_t g = 0; g < kb->ngroups; g++) {
		const struct kw_group *group = &kb->groups[g];
		struct gate_check c = { b, group, NULL, b->position, 0 };
		if (!group->questions.n)
			continue;
		c.first = b->position[kw_u32(kb, group->questions, 0)];
		for (size_t i = 0; i < group->questions.n; i++) {
			c.member = &kb->questions[kw_u32(kb, group->questions, i)];
			kw_prog_visit(kb, c.member->ask_if, check_gate, &c);
		}
	}
}
