/*
 * kb: the knowledge base — one loaded rule set — and the vocabulary its
 * users share: triage levels, question types, regions, the [message] ids,
 * the journal fields, and the values answers and facts take.
 */
#ifndef KNOTWISE_KB_H
#define KNOTWISE_KB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "knotwise/diag.h"

#define KW_MAX_CHOICES 64       /* a multi answer is a 64-bit set */

enum kw_qtype { KW_YESNO, KW_CHOICE, KW_MULTI, KW_SCALE, KW_NUMBER, KW_TEXT };
enum kw_unsure { KW_UNSURE_UNKNOWN, KW_UNSURE_YES, KW_UNSURE_NO };
enum kw_level { KW_SELF_CARE, KW_PROFESSIONAL, KW_URGENT, KW_EMERGENCY };
enum kw_kind { KW_RELEASE, KW_STRETCH, KW_STRENGTHEN, KW_POSTURE };

/* The regions of the back (SPEC §6), which the safety nets, the knots'
 * `region` and the settings' regions_from speak of. */
enum kw_region { KW_NECK, KW_UPPER_BACK, KW_MID_BACK, KW_LOWER_BACK,
		 KW_HIP_BUTTOCK, KW_NREGIONS };

/* The [message ID] sections: what a person reads in the result, worded
 * in the rule files (SPEC §2).  Any other id is a load error. */
enum kw_message {
	KW_MSG_LEVEL_SELF_CARE, KW_MSG_LEVEL_PROFESSIONAL, KW_MSG_LEVEL_URGENT,
	KW_MSG_LEVEL_EMERGENCY,         /* in kw_level order */
	KW_MSG_SAFETY_NET,
	KW_MSG_SAFETY_NET_REGION,       /* + kw_region: one per region */
	KW_MSG_NOTHING_STANDS_OUT = KW_MSG_SAFETY_NET_REGION + KW_NREGIONS,
	KW_MSG_SCREEN_INCOMPLETE, KW_MSG_DISCLAIMER, KW_MSG_WELCOME,
	KW_NMESSAGES
};

/* The journal fields a question may be answered from (SPEC §8). */
enum kw_journal_field {
	KW_JOURNAL_NONE, KW_JOURNAL_CONSULTS, KW_JOURNAL_DAYS_SINCE_FIRST,
	KW_JOURNAL_DAYS_SINCE_LAST, KW_JOURNAL_FIRST_PAIN, KW_JOURNAL_LAST_PAIN,
	KW_JOURNAL_LAST_LEVEL, KW_JOURNAL_ROUTINE_DAYS, KW_NJOURNAL_FIELDS
};

/* A known value: an answer or a derived fact.  KW_V_UNKNOWN is "not known". */
enum kw_vkind {
	KW_V_UNKNOWN, KW_V_BOOL, KW_V_NUM, KW_V_WORD, KW_V_CHOICE,
	KW_V_SET, KW_V_TEXT
};

struct kw_value {
	enum kw_vkind kind;
	union {
		bool b;
		double num;
		unsigned choice;        /* index into the question's choices */
		uint64_t set;           /* bit i: choice i was picked */
		const char *str;        /* KW_V_WORD, KW_V_TEXT */
	} u;
};

/* A loaded rule set (load.h): read-only once loaded, and able to serve
 * any number of consults.  Its parts are the library's own (the front end
 * asks the session, the renderers and the listing for what it shows). */
struct kw_kb;

const char *kw_level_name(enum kw_level level);
const char *kw_region_name(enum kw_region region);
/* The region with this id, or -1. */
int kw_region_parse(const char *s);
/* The message with this id (level_urgent, safety_net_neck, ...), or -1. */
int kw_message_parse(const char *s);
const char *kw_message_name(enum kw_message message);
const char *kw_journal_field_name(enum kw_journal_field field);
bool kw_level_parse(const char *s, enum kw_level *level);
const char *kw_kind_name(enum kw_kind kind);
const char *kw_qtype_name(enum kw_qtype type);

size_t kw_kb_nquestions(const struct kw_kb *kb);
/* The text of a [message], or NULL when the rule files give none. */
const char *kw_kb_message(const struct kw_kb *kb, enum kw_message message);
/* Rule files loaded, in load order. */
size_t kw_kb_nfiles(const struct kw_kb *kb);
void kw_kb_free(struct kw_kb *kb);

#endif
