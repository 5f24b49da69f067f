/*
 * fuzz_session: the questionnaire's session on the built-in rule set, fed
 * one reply per input line as a person at the terminal would type them:
 * anything at all, and now and then `back` or `why`.
 *
 * Each accepted reply must move to the next screen (its number one more)
 * and each refused one must say why and stay; `back` must return to the
 * screen before.  When the session is done the answers are finished and
 * the consult is rendered, as the program does.  Any break of these
 * rules aborts, so the fuzzer reports it.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "knotwise/engine.h"
#include "knotwise/load.h"
#include "knotwise/session.h"
#include "util/strbuf.h"

static struct kw_kb *kb;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	kb = fuzz_builtin_rules();
	return 0;
}

/* One typed line; false once the session is done. */
static bool type(struct kw_session *s, const char *line, struct kw_strbuf *said)
{
	size_t before = kw_session_screen(s)->number;

	kw_sb_reset(said);
	if (strcmp(line, "back") == 0) {
		if (kw_session_back(s) && kw_session_screen(s)->number != before - 1)
			abort();
	} else if (strcmp(line, "why") == 0) {
		kw_session_why(s, said);
		if (!said->len)
			abort();
	} else if (kw_session_reply(s, line, said)) {
		if (kw_session_screen(s)->number != before + 1)
			abort();
	} else if (!said->len || kw_session_screen(s)->number != before) {
		abort();
	}
	return kw_session_screen(s)->kind != KW_SCREEN_DONE;
}

static void finish(struct kw_answers *a)
{
	struct kw_diags diags = {0};
	struct kw_text_style style = { .width = 80 };
	struct kw_result *res = kw_result_new();

	if (kw_answers_finish(kb, a, false, &diags)) {
		kw_engine_run(kb, a, res);
		free(kw_render_text(kb, res, &style));
	}
	kw_diags_free(&diags);
	kw_result_free(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kw_answers *a = kw_answers_new(kb);
	struct kw_session *s = kw_session_new(kb, a, size % 2);
	struct kw_strbuf said = {0};
	char *text = malloc(size + 1), *line, *rest;
	bool going = true;

	memcpy(text, data, size);
	text[size] = '\0';
	for (line = strtok_r(text, "\n", &rest); going && line; line = strtok_r(NULL, "\n", &rest))
		going = type(s, line, &said);
	if (!going)
		finish(a);
	kw_sb_free(&said);
	free(text);
	kw_session_free(s);
	kw_answers_free(a);
	return 0;
}
