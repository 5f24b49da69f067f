/*
 * dialogue: the questionnaire in a terminal, a thin front end over the
 * session (knotwise/session.h), which decides what to ask and reads the
 * replies.  Here: showing a screen wrapped to the terminal's width, the
 * commands that work at every prompt (`?`, `why`, `back`, `quit`), and
 * Ctrl-C.  Nothing reaches stdout: the caller prints the result once the
 * answers are complete.
 */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "dialogue.h"
#include "knotwise/session.h"
#include "line_input.h"
#include "util/text_wrap.h"
#include "util/scalar.h"

enum command { CMD_NONE, CMD_QUIT, CMD_BACK, CMD_HELP, CMD_WHY };

struct dialogue {
	const struct kw_kb *kb;
	struct kw_session *session;
	struct kw_writer w;             /* what goes to the terminal next */
	unsigned rows;                  /* the terminal's height, or 0 */
	const char *words[KW_MAX_CHOICES + 8];
};

static void on_interrupt(int sig)
{
	static const char msg[] = "\nknotwise: interrupted; no recommendation was made\n";

	(void)sig;
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
		_exit(KW_EXIT_INTERRUPTED);
	_exit(KW_EXIT_INTERRUPTED);
}

/* Everything wrapped so far, to the terminal. */
static void flush(struct dialogue *d)
{
	fputs(kw_sb_str(&d->w.out), stderr);
	fflush(stderr);
	kw_sb_reset(&d->w.out);
}

static void say(struct dialogue *d, const char *lead, const char *text)
{
	kw_wrap(&d->w, lead, text);
	flush(d);
}

static void show_hint(struct dialogue *d, const struct kw_screen *sc)
{
	char hint[160];

	switch (sc->type) {
	case KW_YESNO:
		snprintf(hint, sizeof hint, "Type yes or no.");
		break;
	case KW_CHOICE:
		snprintf(hint, sizeof hint, "Type the number of one answer.");
		break;
	case KW_MULTI:
		snprintf(hint, sizeof hint, "Type the numbers of all that apply, for "
			 "example: 1 3. Or 'none'.");
		break;
	case KW_SCALE:
		snprintf(hint, sizeof hint, "Type a whole number from %g to %g.", sc->min, sc->max);
		break;
	case KW_NUMBER:
		snprintf(hint, sizeof hint, "Type a number from %g to %g.", sc->min, sc->max);
		break;
	case KW_TEXT:
		snprintf(hint, sizeof hint, "Type a sentence or two.");
		break;
	}
	kw_wrap(&d->w, "", hint);
}

/* On a screen taller than the terminal the question has scrolled out of
 * sight: say it again, just above the prompt (the hint and the prompt
 * take `below` lines). */
static void remind(struct dialogue *d, const char *text, unsigned below)
{
	unsigned lines = 0;

	for (size_t i = 0; i < d->w.out.len; i++)
		lines += d->w.out.data[i] == '\n';
	if (d->rows && lines - 1 + below > d->rows)
		kw_wrap(&d->w, "", text);
}

/* "  1. " before a choice or an item. */
static void numbered(struct dialogue *d, size_t i, const char *text)
{
	char number[32];

	snprintf(number, sizeof number, "  %2zu. ", i + 1);
	kw_wrap(&d->w, number, text);
}

static void show_question(struct dialogue *d, const struct kw_screen *sc)
{
	if (sc->recheck) {
		struct kw_strbuf intro = {0};
		kw_sb_printf(&intro, "You wrote %s. That may mean yes here, so please "
			     "check this one again:", sc->recheck);
		kw_wrap(&d->w, "", intro.data);
		kw_sb_free(&intro);
	}
	kw_wrap(&d->w, "", sc->text);
	for (size_t i = 0; i < sc->nchoices; i++)
		numbered(d, i, sc->choices[i]);
	remind(d, sc->text, 2);
	show_hint(d, sc);
}

/* The lead line rides on the screen's first line and the hint takes one,
 * so that a checklist of a dozen signs fits an 80 x 24 terminal whole:
 * none of its items may scroll out of sight. */
static void show_checklist(struct dialogue *d, const struct kw_screen *sc)
{
	for (size_t i = 0; i < sc->nitems; i++)
		numbered(d, i, sc->item_texts[i]);
	remind(d, sc->text, 2);
	kw_wrap(&d->w, "", sc->required
		? "Safety questions: type the numbers that apply, or 'none' (or 'unsure 3')."
		: "Type the numbers that apply, or press Enter if none do.");
}

static void show(struct dialogue *d, const struct kw_screen *sc)
{
	char head[64];
	int n = snprintf(head, sizeof head, "[%zu of about %zu] ", sc->number,
			 sc->number + sc->to_go);

	kw_sb_addc(&d->w.out, '\n');
	if (sc->kind == KW_SCREEN_CHECKLIST) {
		kw_wrap(&d->w, head, sc->text);
		show_checklist(d, sc);
	} else {
		if (sc->required)
			snprintf(head + n, sizeof head - (size_t)n, "A safety question: please answer.");
		else
			head[n - 1] = '\0';
		kw_wrap(&d->w, "", head);
		show_question(d, sc);
	}
	if (sc->preset) {
		struct kw_strbuf line = {0};
		kw_sb_printf(&line, "Last time: %s. Press Enter to keep it.", sc->preset_words);
		kw_wrap(&d->w, "", line.data);
		kw_sb_free(&line);
	}
	flush(d);
}

/* Tab completes the question's choices and the commands. */
static void offer_words(struct dialogue *d, const struct kw_screen *sc)
{
	static const char *const commands[] = { "unsure", "why", "back", "quit", "none",
						"yes", "no" };
	bool question = sc->kind == KW_SCREEN_QUESTION;
	size_t n = 0;

	for (size_t i = 0; question && i < sc->nchoices; i++)
		d->words[n++] = sc->choice_ids[i];
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (i < 4 || (i == 4 && !question) || (i > 4 && question && sc->type == KW_YESNO))
			d->words[n++] = commands[i];
	d->words[n] = NULL;
	kw_input_offer(d->words);
}

static enum command command_of(const char *text)
{
	static const struct { const char *word; enum command cmd; } words[] = {
		{ "quit", CMD_QUIT }, { "q", CMD_QUIT }, { "exit", CMD_QUIT },
		{ "back", CMD_BACK }, { "?", CMD_HELP }, { "help", CMD_HELP },
		{ "why", CMD_WHY }, { "why?", CMD_WHY },
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasecmp(text, words[i].word) == 0)
			return words[i].cmd;
	return CMD_NONE;
}

static void help(struct dialogue *d, const struct kw_screen *sc)
{
	say(d, "", sc->help ? sc->help : "No more help for this one: answer as best you "
	    "can, or type 'unsure'.");
	say(d, "", "You can also type 'why' (what your answer changes), 'back' (change "
	    "the last answer) or 'quit'.");
}

/* One reply at the prompt; false when the person quits or input ends. */
static bool converse(struct dialogue *d)
{
	struct kw_strbuf text = {0};
	char *line = kw_input_read("> ");
	char *typed;
	bool going = line != NULL;

	if (!line)
		return false;
	typed = kw_trim(line);
	switch (command_of(typed)) {
	case CMD_QUIT:
		going = false;
		break;
	case CMD_BACK:
		if (kw_session_back(d->session))
			show(d, kw_session_screen(d->session));
		else
			say(d, "", "This is the first question: there is nothing to go back to.");
		break;
	case CMD_HELP:
		help(d, kw_session_screen(d->session));
		break;
	case CMD_WHY:
		kw_session_why(d->session, &text);
		say(d, "", text.data);
		break;
	case CMD_NONE:
		if (!kw_session_reply(d->session, typed, &text))
			say(d, "", text.data);
		else if (kw_session_screen(d->session)->kind != KW_SCREEN_DONE)
			show(d, kw_session_screen(d->session));
		break;
	}
	kw_sb_free(&text);
	free(line);
	return going;
}

/* Ask until done; false when the person quit. */
static bool walk(struct dialogue *d)
{
	if (kw_session_screen(d->session)->kind != KW_SCREEN_DONE)
		show(d, kw_session_screen(d->session));
	while (kw_session_screen(d->session)->kind != KW_SCREEN_DONE) {
		offer_words(d, kw_session_screen(d->session));
		if (!converse(d))
			return kw_input_offer(NULL), false;
	}
	kw_input_offer(NULL);
	return true;
}

static void thank(struct dialogue *d)
{
	struct kw_tally t = kw_session_tally(d->session);
	char line[200];

	snprintf(line, sizeof line, "Thank you: %zu screen%s, %zu answer%s%s.",
		 t.screens, t.screens == 1 ? "" : "s", t.answered, t.answered == 1 ? "" : "s",
		 t.unsure ? ", some not sure" : "");
	kw_sb_addc(&d->w.out, '\n');
	say(d, "", line);
	kw_sb_addc(&d->w.out, '\n');
	flush(d);
}

static void welcome(struct dialogue *d)
{
	const char *text = kw_kb_message(d->kb, KW_MSG_WELCOME);

	if (text)
		say(d, "", text);
	say(d, "", "Press Enter to skip a question you would rather not answer. At any "
	    "prompt: '?' for help, 'why' for what an answer changes, 'back' to change "
	    "the last answer, 'quit' to stop.");
}

int kw_dialogue_run(const struct kw_kb *kb, struct kw_answers *a,
		    const struct kw_dialogue_options *opts)
{
	struct dialogue d = { .kb = kb };
	struct sigaction sa = { .sa_handler = on_interrupt };
	struct kw_diags diags = {0};
	bool finished;
	int status = KW_EXIT_OK;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	d.w.width = kw_terminal_width(STDERR_FILENO) - 1;
	d.rows = kw_terminal_rows(STDERR_FILENO);
	d.session = kw_session_new(kb, a, opts->ask_all);
	for (size_t i = 0; i < opts->npresets; i++)
		kw_session_preset(d.session, opts->presets[i].question, opts->presets[i].text);
	welcome(&d);
	if (opts->opening)
		say(&d, "", opts->opening);
	finished = walk(&d);
	if (!finished) {
		kw_sb_addc(&d.w.out, '\n');
		say(&d, "", "knotwise: stopped; no recommendation was made");
		status = KW_EXIT_DATAERR;
	} else {
		if (kw_session_screen(d.session)->emergency) {
			kw_sb_addc(&d.w.out, '\n');
			say(&d, "", "Your answers call for emergency help: no more questions.");
		}
		thank(&d);
		if (!kw_session_finish(d.session, opts->partial, &diags))
			status = KW_EXIT_DATAERR;
		kw_diags_print(&diags, stderr);
	}
	kw_diags_free(&diags);
	kw_session_free(d.session);
	kw_sb_free(&d.w.out);
	return status;
}
