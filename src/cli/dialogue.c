/*
 * dialogue: the questionnaire.  Questions come in asking order; one whose
 * ask_if fails is not asked, and neither is an optional one that can no
 * longer change the outcome (relevance.h).  As soon as an emergency is
 * certain the questions stop.  `?`, `why`, `back`, `unsure` and `quit`
 * work at every prompt.  Nothing reaches stdout here: the caller prints
 * the result once the answers are complete.
 */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/arena.h"
#include "cli.h"
#include "expr/expr.h"
#include "ruleset/ruleset.h"
#include "dialogue.h"
#include "session/relevance.h"
#include "line_input.h"
#include "util/scalar.h"
#include "util/strbuf.h"

enum reply { REPLY_ANSWERED, REPLY_SKIPPED, REPLY_BACK, REPLY_QUIT };

struct dialogue {
	const struct kw_kb *kb;
	struct kw_answers *a;
	struct kw_relevance rel;
	bool *pending;                  /* by question: not asked yet */
	size_t *asked, nasked;          /* positions in ask_order, for `back` */
	const char *words[KW_MAX_CHOICES + 8];
	bool ask_all;                   /* no pruning */
};

static void on_interrupt(int sig)
{
	static const char msg[] = "\nknotwise: interrupted; no recommendation was made\n";

	(void)sig;
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
		_exit(KW_EXIT_INTERRUPTED);
	_exit(KW_EXIT_INTERRUPTED);
}

static void show_question(struct dialogue *d, const struct kw_question *q)
{
	const struct kw_kb *kb = d->kb;
	size_t to_go = d->rel.to_go ? d->rel.to_go - 1 : 0;

	fprintf(stderr, "\nQuestion %zu, about %zu to go%s\n%s\n", d->nasked + 1, to_go,
		q->required ? " (safety question: please answer)" : "", kw_s(kb, q->text));
	switch (q->type) {
	case KW_YESNO:
		fputs("  yes or no\n", stderr);
		break;
	case KW_CHOICE:
	case KW_MULTI:
		for (unsigned i = 0; i < q->choices.n; i++)
			fprintf(stderr, "  %2u. %s\n", i + 1, kw_ref(kb, q->labels, i)
				? kw_ref(kb, q->labels, i) : kw_ref(kb, q->choices, i));
		fputs(q->type == KW_CHOICE ? "  one number\n"
		      : "  one or more numbers, separated by spaces or commas\n", stderr);
		break;
	case KW_SCALE:
		fprintf(stderr, "  a whole number from %g to %g\n", q->min, q->max);
		break;
	case KW_NUMBER:
		if (q->min > -1e300 && q->max < 1e300)
			fprintf(stderr, "  a number from %g to %g\n", q->min, q->max);
		else
			fputs("  a number\n", stderr);
		break;
	case KW_TEXT:
		fputs("  in your own words\n", stderr);
		break;
	}
}

/* Tab completes the question's choices (and yes/no) plus the commands. */
static void offer_words(struct dialogue *d, const struct kw_question *q)
{
	static const char *const commands[] = { "unsure", "why", "back", "quit", "yes", "no" };
	size_t n = 0;

	for (unsigned i = 0; i < q->choices.n; i++)
		d->words[n++] = kw_ref(d->kb, q->choices, i);
	for (size_t i = 0; i < 6; i++)
		if (i < 4 || q->type == KW_YESNO)
			d->words[n++] = commands[i];
	d->words[n] = NULL;
	kw_input_offer(d->words);
}

struct tested {
	size_t q;
	bool found;
};

static void find_q(size_t sym, bool negative, void *data)
{
	struct tested *t = data;
	(void)negative;
	t->found |= sym == t->q;
}

static bool tests(const struct kw_kb *kb, uint32_t prog, size_t q)
{
	struct tested t = { q, false };
	kw_prog_visit(kb, prog, find_q, &t);
	return t.found;
}

/* MYCIN's WHY: what the answer is used for, in the rules' own words. */
static void explain_use(const struct kw_kb *kb, size_t q)
{
	size_t shown = 0, more = 0;

	if (kb->questions[q].required)
		fputs("This is a safety question: it is always asked, because some "
		      "answers mean you need a doctor rather than a massage.\n", stderr);
	fputs("Your answer is used for:\n", stderr);
	for (size_t r = 0; r < kb->nrules; r++) {
		const char *why = kw_s(kb, kb->rules[r].because);
		if (!tests(kb, kb->rules[r].cond, q))
			continue;
		if (shown < 6 && why)
			fprintf(stderr, "  - %s\n", why), shown++;
		else
			more++;
	}
	for (size_t i = 0; i < kb->nroutines && !shown; i++)
		if (tests(kb, kb->routines[i].cond, q))
			fputs("  - choosing routines that suit your answer\n", stderr), shown++;
	for (size_t i = 0; i < kb->nquestions; i++)
		if (tests(kb, kb->questions[i].ask_if, q))
			fprintf(stderr, "  - deciding whether to ask: %s\n",
				kw_s(kb, kb->questions[i].text)), shown++;
	if ((long)kb->settings->minutes_from == (long)q)
		fputs("  - fitting the routine to the time you have\n", stderr), shown++;
	if (more)
		fprintf(stderr, "  - and %zu more rule%s\n", more, more == 1 ? "" : "s");
	else if (!shown)
		fputs("  - nothing in the current rules\n", stderr);
}

static bool is_unsure(const char *s)
{
	static const char *const words[] = {
		"unsure", "not sure", "don't know", "dont know", "i don't know", "no idea"
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

/* "1 3" or "ball, 2" as the comma list of choice ids. */
static void numbers_to_ids(const struct kw_kb *kb, const struct kw_question *q,
			   const char *in, struct kw_strbuf *out)
{
	char *copy = kw_xstrdup(in), *rest, *tok;
	long n;

	for (tok = strtok_r(copy, " ,", &rest); tok; tok = strtok_r(NULL, " ,", &rest)) {
		if (out->len)
			kw_sb_addc(out, ',');
		kw_sb_add(out, kw_parse_int(tok, 1, q->choices.n, &n)
			  ? kw_ref(kb, q->choices, (size_t)n - 1) : tok);
	}
	free(copy);
}

/* Record a typed answer; false (after saying what is allowed) if invalid. */
static bool take_answer(struct dialogue *d, size_t qi, const char *text)
{
	const struct kw_question *q = &d->kb->questions[qi];
	struct kw_strbuf value = {0};
	struct kw_value v;
	char allowed[1200];
	bool ok;

	if (is_unsure(text))
		kw_sb_add(&value, "unsure");
	else if (q->type == KW_CHOICE || q->type == KW_MULTI)
		numbers_to_ids(d->kb, q, text, &value);
	else
		kw_sb_add(&value, text);
	ok = strcmp(kw_sb_str(&value), "unsure") == 0 ||
	     kw_answer_parse(d->kb, qi, kw_sb_str(&value), d->a->arena, &v, allowed,
			     sizeof allowed);
	if (ok) {
		struct kw_diags diags = {0};
		ok = kw_answers_put(d->kb, d->a, qi, kw_sb_str(&value), (struct kw_loc){0}, &diags);
		if (!ok)
			fprintf(stderr, "%s\n", diags.items[0].message);
		kw_diags_free(&diags);
	} else {
		fprintf(stderr, "Please answer with %s (or 'unsure', or '?' for help).\n", allowed);
	}
	kw_sb_free(&value);
	return ok;
}

static enum reply ask(struct dialogue *d, size_t qi)
{
	const struct kw_question *q = &d->kb->questions[qi];
	enum reply reply = REPLY_QUIT;
	char *line;

	show_question(d, q);
	offer_words(d, q);
	while ((line = kw_input_read("> ")) != NULL) {
		char *text = kw_trim(line);
		bool done = true;

		if (!strcasecmp(text, "quit") || !strcasecmp(text, "q") || !strcasecmp(text, "exit"))
			reply = REPLY_QUIT;
		else if (!strcasecmp(text, "back"))
			reply = REPLY_BACK;
		else if (!*text && !q->required)
			reply = REPLY_SKIPPED;
		else if (!*text)
			done = false, fputs("This safety question needs an answer: yes, no "
					    "or 'unsure'.\n", stderr);
		else if (!strcmp(text, "?") || !strcasecmp(text, "help"))
			done = false, fprintf(stderr, "%s\n", q->help ? kw_s(d->kb, q->help)
				: "No more help for this question: answer as best you can, or 'unsure'.");
		else if (!strcasecmp(text, "why"))
			done = false, explain_use(d->kb, qi);
		else if (!(done = take_answer(d, qi, text)))
			;
		else
			reply = REPLY_ANSWERED;
		free(line);
		if (done)
			break;
	}
	kw_input_offer(NULL);
	return reply;
}

static void forget_from(struct dialogue *d, size_t position)
{
	for (size_t i = position; i < d->kb->nquestions; i++) {
		size_t q = d->kb->ask_order[i];
		d->pending[q] = true;
		d->a->state[q] = KW_UNANSWERED;
		d->a->values[q].kind = KW_V_UNKNOWN;
	}
}

/* Walk the questions; true when all were asked, false when the person quit.
 * *stopped tells whether an emergency cut the questions short. */
static bool walk(struct dialogue *d, bool *stopped)
{
	const struct kw_kb *kb = d->kb;
	size_t pos = 0;

	while (pos < kb->nquestions) {
		size_t q = kb->ask_order[pos];
		enum reply reply;

		kw_relevance_compute(&d->rel, kb, d->a, d->pending);
		if (d->rel.emergency)
			return *stopped = true;
		d->pending[q] = false;
		if (!kw_answers_ask_if(kb, d->a, q) || (!d->rel.relevant[q] && !d->ask_all)) {
			pos++;
			continue;
		}
		reply = ask(d, q);
		if (reply == REPLY_QUIT)
			return false;
		if (reply == REPLY_BACK && !d->nasked) {
			fputs("This is the first question: there is nothing to go back to.\n", stderr);
			d->pending[q] = true;
			continue;
		}
		if (reply == REPLY_BACK) {
			pos = d->asked[--d->nasked];
			forget_from(d, pos);
			continue;
		}
		d->asked[d->nasked++] = pos++;
	}
	kw_relevance_compute(&d->rel, kb, d->a, d->pending);
	*stopped = d->rel.emergency;
	return true;
}

static void summary(const struct kw_kb *kb, const struct kw_answers *a, size_t asked)
{
	size_t answered = 0, unsure = 0;

	for (size_t q = 0; q < kb->nquestions; q++) {
		answered += a->state[q] == KW_ANSWERED;
		unsure += a->state[q] == KW_UNSURE;
	}
	fprintf(stderr, "\nThank you: %zu question%s asked, %zu answered, %zu not sure, "
		"%zu skipped.\n\n", asked, asked == 1 ? "" : "s", answered, unsure,
		asked - answered - unsure);
}

int kw_dialogue_run(const struct kw_kb *kb, struct kw_answers *a, bool partial,
		    bool ask_all)
{
	struct dialogue d = { .kb = kb, .a = a, .ask_all = ask_all };
	struct sigaction sa = { .sa_handler = on_interrupt };
	struct kw_diags diags = {0};
	bool stopped = false, finished;
	int status = KW_EXIT_OK;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	kw_relevance_init(&d.rel, kb);
	d.pending = kw_xcalloc(kb->nquestions + 1, sizeof *d.pending);
	d.asked = kw_xcalloc(kb->nquestions + 1, sizeof *d.asked);
	forget_from(&d, 0);
	fputs("knotwise asks a few questions about your pain. At any prompt: '?' "
	      "for help,\n'why' for what an answer is used for, 'back' to change the "
	      "last answer,\n'unsure' if you do not know, 'quit' to stop.\n", stderr);
	finished = walk(&d, &stopped);
	if (!finished) {
		fputs("\nknotwise: stopped; no recommendation was made\n", stderr);
		status = KW_EXIT_DATAERR;
	} else {
		if (stopped)
			fputs("\nYour answers call for emergency help: no more questions.\n", stderr);
		summary(kb, a, d.nasked);
		if (!kw_answers_finish(kb, a, partial || stopped, &diags))
			status = KW_EXIT_DATAERR;
		kw_diags_print(&diags, stderr);
	}
	kw_diags_free(&diags);
	kw_relevance_free(&d.rel);
	free(d.pending);
	free(d.asked);
	return status;
}
