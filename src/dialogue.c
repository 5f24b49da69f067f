#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "cli.h"
#include "dialogue.h"
#include "scalar.h"
#include "strbuf.h"

static void show_question(const struct kw_question *q)
{
	fprintf(stderr, "\n%s\n", q->text);
	switch (q->type) {
	case KW_YESNO:
		fputs("  (yes or no)\n", stderr);
		break;
	case KW_CHOICE:
	case KW_MULTI:
		for (unsigned i = 0; i < q->nchoices; i++)
			fprintf(stderr, "  %2u. %s\n", i + 1,
				q->labels[i] ? q->labels[i] : q->choices[i]);
		fprintf(stderr, "  (%s)\n", q->type == KW_CHOICE ? "one number or name"
			: "any numbers or names, separated by commas or spaces");
		break;
	case KW_SCALE:
		fprintf(stderr, "  (a whole number from %g to %g)\n", q->min, q->max);
		break;
	case KW_NUMBER:
		fputs("  (a number)\n", stderr);
		break;
	case KW_TEXT:
		fputs("  (in your own words)\n", stderr);
		break;
	}
}

/* Turn "1 3" or "ball, 2" into the comma list of choice ids. */
static void numbers_to_ids(const struct kw_question *q, const char *in,
			   struct kw_strbuf *out)
{
	char *copy = kw_xstrdup(in), *rest, *tok;
	long n;

	for (tok = strtok_r(copy, " ,", &rest); tok; tok = strtok_r(NULL, " ,", &rest)) {
		if (out->len)
			kw_sb_addc(out, ',');
		if (kw_parse_int(tok, 1, q->nchoices, &n))
			kw_sb_add(out, q->choices[n - 1]);
		else
			kw_sb_add(out, tok);
	}
	free(copy);
}

static bool is_unsure(const char *s)
{
	return !strcasecmp(s, "unsure") || !strcasecmp(s, "not sure") ||
	       !strcasecmp(s, "don't know") || !strcasecmp(s, "dont know");
}

enum reply { REPLY_ANSWERED, REPLY_SKIPPED, REPLY_QUIT };

static enum reply ask_one(const struct kw_kb *kb, struct kw_answers *a, size_t qi)
{
	const struct kw_question *q = &kb->questions[qi];
	struct kw_strbuf value = {0};
	char *line = NULL;
	size_t cap = 0;
	enum reply reply = REPLY_QUIT;

	show_question(q);
	for (;;) {
		struct kw_diags diags = {0};
		char *text;

		fputs("> ", stderr);
		if (getline(&line, &cap, stdin) < 0)
			break;
		text = kw_trim(line);
		if (!strcasecmp(text, "quit") || !strcasecmp(text, "q"))
			break;
		if (!strcmp(text, "?")) {
			fprintf(stderr, "%s\n", q->help ? q->help : "No more help for this question.");
			continue;
		}
		if (!*text && !q->required) {
			reply = REPLY_SKIPPED;
			break;
		}
		kw_sb_reset(&value);
		if (is_unsure(text))
			kw_sb_add(&value, "unsure");
		else if (q->type == KW_CHOICE || q->type == KW_MULTI)
			numbers_to_ids(q, text, &value);
		else
			kw_sb_add(&value, text);
		if (*text && kw_answers_put(kb, a, qi, kw_sb_str(&value), (struct kw_loc){0}, &diags)) {
			reply = REPLY_ANSWERED;
			break;
		}
		if (!*text)
			fputs("This question needs an answer (or 'unsure').\n", stderr);
		else
			fprintf(stderr, "%s\n", diags.items[0].message);
		kw_diags_free(&diags);
	}
	free(line);
	kw_sb_free(&value);
	return reply;
}

int kw_dialogue_run(const struct kw_kb *kb, struct kw_answers *a, bool partial)
{
	struct kw_diags diags = {0};
	int status = KW_EXIT_OK;

	for (size_t i = 0; i < kb->nquestions; i++) {
		size_t qi = kb->ask_order[i];
		if (!kw_answers_ask_if(kb, a, qi))
			continue;
		if (ask_one(kb, a, qi) == REPLY_QUIT) {
			fputs("\nknotwise: stopped; no recommendation was made\n", stderr);
			return KW_EXIT_DATAERR;
		}
	}
	if (!kw_answers_finish(kb, a, partial, &diags))
		status = KW_EXIT_DATAERR;
	kw_diags_print(&diags, stderr);
	kw_diags_free(&diags);
	return status;
}
