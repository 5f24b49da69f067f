/*
 * build_settings: the [settings] keys (later ones win) and the
 * [message ID] sections, the person-facing wording of the result.
 */
#include <config.h>

#include <string.h>

#include "load/build.h"
#include "util/scalar.h"

/* What each key that names a question needs of it. */
struct question_setting {
	const char *key;
	size_t offset;                  /* of the int32_t in kw_settings */
	unsigned types;                 /* bit mask of kw_qtype */
	const char *needs;
};

#define TYPE(t) (1u << (t))

static const struct question_setting question_settings[] = {
	{ "minutes_from", offsetof(struct kw_settings, minutes_from),
	  TYPE(KW_NUMBER) | TYPE(KW_SCALE), "a number or scale question" },
	{ "regions_from", offsetof(struct kw_settings, regions_from),
	  TYPE(KW_MULTI), "a multi question whose choices are regions" },
	{ "side_from", offsetof(struct kw_settings, side_from),
	  TYPE(KW_CHOICE), "a choice question" },
	{ "pain_from", offsetof(struct kw_settings, pain_from),
	  TYPE(KW_NUMBER) | TYPE(KW_SCALE), "a number or scale question" },
	{ "episode_from", offsetof(struct kw_settings, episode_from),
	  TYPE(KW_YESNO), "a yesno question" },
};

static bool choices_are_regions(const struct kw_kb *kb, const struct kw_question *q)
{
	for (unsigned i = 0; i < q->choices.n; i++)
		if (kw_region_parse(kw_ref(kb, q->choices, i)) < 0)
			return false;
	return true;
}

static void name_question(struct kw_builder *b, const struct question_setting *qs,
			  const struct kw_raw_entry *e, struct kw_loc loc)
{
	const struct kw_kb *kb = b->kb;
	int32_t *field = (int32_t *)((char *)kw_store_at(b->st, KW_PART_SETTINGS, 0) + qs->offset);
	struct kw_disabled *off;
	size_t q;

	*field = -1;
	if (!kw_kb_find_symbol(kb, e->value, &q) || q >= kb->nquestions) {
		if ((off = kw_find_disabled(&b->sections, KW_SEC_QUESTION, e->value)))
			kw_disabled_took(off, "the settings", qs->key);
		else
			kw_unknown_ref(b, loc, "question", e->value, "in the settings");
	} else if (!(qs->types & TYPE(kb->questions[q].type)) ||
		   (qs->offset == offsetof(struct kw_settings, regions_from) &&
		    !choices_are_regions(kb, &kb->questions[q]))) {
		kw_diag(b->diags, KW_ERROR, loc, "'%s' needs %s, and '%s' is not one",
			qs->key, qs->needs, e->value);
	} else {
		*field = (int32_t)q;
	}
}

static void fraction(struct kw_builder *b, const struct kw_raw_entry *e,
		     struct kw_loc loc, double *out)
{
	if (!kw_parse_decimal(e->value, out) || *out < 0 || *out > 1)
		kw_diag(b->diags, KW_ERROR, loc, "'%s' must be a number from 0 to 1, "
			"not '%s'", e->key, e->value);
}

static void apply_setting(struct kw_builder *b, const struct kw_raw_entry *e,
			  struct kw_loc loc)
{
	struct kw_settings *set = kw_store_at(b->st, KW_PART_SETTINGS, 0);
	long n;

	if (strcmp(e->key, "min_certainty") == 0) {
		fraction(b, e, loc, &set->min_certainty);
	} else if (strcmp(e->key, "likely_at") == 0) {
		fraction(b, e, loc, &set->likely_at);
	} else if (strcmp(e->key, "max_knots") == 0) {
		if (kw_parse_int(e->value, 0, 1000000, &n))
			set->max_knots = (int32_t)n;
		else
			kw_diag(b->diags, KW_ERROR, loc, "'max_knots' must be a "
				"whole number, not '%s'", e->value);
	} else {
		for (size_t i = 0; i < sizeof question_settings / sizeof *question_settings; i++)
			if (strcmp(e->key, question_settings[i].key) == 0)
				name_question(b, &question_settings[i], e, loc);
	}
}

void kw_build_settings(struct kw_builder *b)
{
	const struct kw_sections *secs = &b->sections;

	for (size_t i = 0; i < secs->nsettings; i++) {
		const struct kw_setting *set = &secs->settings[i];
		apply_setting(b, set->entry, kw_entry_loc(set->section, set->entry));
	}
}

void kw_build_messages(struct kw_builder *b)
{
	for (size_t i = 0; i < b->sections.len[KW_SEC_MESSAGE]; i++) {
		const struct kw_raw_section *s = b->sections.of[KW_SEC_MESSAGE][i];
		const struct kw_raw_entry *e = kw_entry(s, "text");
		int id = kw_message_parse(s->id);

		if (id < 0)
			kw_diag(b->diags, KW_ERROR, s->loc, "unknown message '%s' (level_*, "
				"safety_net, safety_net_REGION, nothing_stands_out, "
				"screen_incomplete, disclaimer or welcome)", s->id);
		else if (e)
			*(kw_sref *)kw_store_at(b->st, KW_PART_MESSAGES, (size_t)id) =
				kw_store_text(b->st, e->value);
	}
}
