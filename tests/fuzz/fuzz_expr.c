/*
 * fuzz_expr: one expression, as written after `if =` or `ask_if =`.
 *
 * A fixed small kb with one question of every type and facts of every
 * value kind is loaded once (LLVMFuzzerInitialize, through kw_load on a
 * temporary file), and a fixed set of answers is run through the engine
 * once so that facts have values too.  Each input is then
 *   kw_expr_parse   (the text, NUL-terminated; stops at an inner NUL),
 *   kw_expr_resolve (against the fixed kb, any id in scope; this compiles
 *                    the regexes of `~` tests with PCRE2),
 *   kw_expr_eval    (against the answered values, and against nothing
 *                    known), plus kw_expr_visit and kw_expr_format.
 * Parsing and resolving allocate from the kb's arena and give regexes to
 * the kb; to keep one run from growing the next, each run swaps in its own
 * arena and frees the regexes it added before it returns.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/arena.h"
#include "ruleset/ruleset.h"
#include "knotwise/answers.h"
#include "engine/result.h"
#include "expr/expr.h"
#include "knotwise/load.h"
#include "expr/matcher.h"
#include "ruleset/store.h"
#include "util/strbuf.h"

static const char fixed_rules[] =
	"[question yn]\ntext = Yes or no?\ntype = yesno\nunsure = yes\n\n"
	"[question ch]\ntext = One colour?\ntype = choice\n"
	"choice = red | Red\nchoice = green\nchoice = blue\n\n"
	"[question mu]\ntext = Which tools?\ntype = multi\n"
	"choice = ball\nchoice = cane | A cane\nchoice = roller\n\n"
	"[question sc]\ntext = How bad?\ntype = scale\n\n"
	"[question num]\ntext = How many hours?\ntype = number\n"
	"min = -100\nmax = 1000\n\n"
	"[question txt]\ntext = Anything else?\ntype = text\n\n"
	"[question describe]\ntext = Describe it\ntype = text\n\n"
	"[question later]\ntext = Asked only sometimes\ntype = yesno\n"
	"ask_if = yn and ch in {red, green}\norder = 200\n\n"
	"[question never]\ntext = Never answered\ntype = number\n\n"
	"[knot k]\nname = A knot\nregion = neck\n\n"
	"[rule r_bool]\nif = yn and ch == red\nthen = set f_bool\n"
	"then = suspect k 0.5\n\n"
	"[rule r_num]\nif = sc >= 3\nthen = set f_num = 3\n\n"
	"[rule r_word]\nif = mu has ball\nthen = set f_word = high\n\n"
	"[rule r_mixed_a]\nif = num > 10\nthen = set f_mixed = 2\n\n"
	"[rule r_mixed_b]\nif = num < 0\nthen = set f_mixed = low\n\n"
	"[rule r_not]\nif = not f_word and count(yn, f_bool, f_num) >= 2\n"
	"then = set f_neg\n\n"
	"[rule r_unset]\nif = never > 1\nthen = set f_unset\n";

static const char fixed_answers[] =
	"yn = yes\nch = red\nmu = ball, roller\nsc = 7\nnum = 12.5\n"
	"txt = I slept wrong and now my NECK is numb; \"ouch\" \\ ok\n"
	"describe = I slept wrong and can't turn my head; a burning band "
	"between my shoulder blades\n"
	"later = no\n";

static struct kw_kb *kb;
static struct kw_answers *answers;
static struct kw_result *result;
static struct kw_value *unknown_values;
static size_t regex_limits;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void load_fixed_kb(void)
{
	char path[64];
	const char *sources[] = { path };
	struct kw_diags diags = {0};
	FILE *fp;

	snprintf(path, sizeof path, "/tmp/kw-fuzz-expr-%ld.ini", (long)getpid());
	fp = fopen(path, "w");
	if (!fp || fputs(fixed_rules, fp) == EOF || fclose(fp) != 0)
		abort();
	if (kw_load(sources, 1, &kb, &diags) != KW_LOAD_OK) {
		kw_diags_print(&diags, stderr);
		abort();
	}
	unlink(path);
	kw_diags_free(&diags);
}

static void answer_fixed(void)
{
	struct kw_diags diags = {0};

	answers = kw_answers_new(kb);
	if (!kw_answers_read(kb, answers, fixed_answers, strlen(fixed_answers),
			     "fixed", &diags) ||
	    !kw_answers_finish(kb, answers, true, &diags)) {
		kw_diags_print(&diags, stderr);
		abort();
	}
	kw_diags_free(&diags);
	result = kw_result_new();
	kw_engine_run(kb, answers, result);
	unknown_values = kw_xcalloc(kw_kb_nsymbols(kb), sizeof *unknown_values);
}

static void release_fixed(void)
{
	free(unknown_values);
	kw_result_free(result);
	kw_answers_free(answers);
	kw_kb_free(kb);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	load_fixed_kb();
	answer_fixed();
	atexit(release_fixed);
	return 0;
}

static void count_limit(void *data, const char *symbol_id)
{
	(void)data;
	(void)symbol_id;
	regex_limits++;
}

static void visit(size_t sym, bool negative, void *data)
{
	(void)negative;
	if (sym >= kw_kb_nsymbols(kb))
		abort();        /* resolve bound an id to no symbol */
	(*(size_t *)data)++;
}

/* Run the program as every reader of a condition would. */
static void exercise(const struct kw_kb *k, uint32_t prog)
{
	struct kw_matcher *m = kw_matcher_new(k);
	struct kw_eval known = { k, result->values, m, count_limit, NULL };
	struct kw_eval none = { k, unknown_values, m, count_limit, NULL };
	bool *open = kw_xcalloc(kw_kb_nsymbols(k) + 1, sizeof *open), held;
	struct kw_strbuf sb = {0};
	size_t nvisited = 0;

	kw_prog_eval(prog, &known);
	kw_prog_eval(prog, &none);
	kw_prog_eval3(prog, &known, open);
	kw_prog_deciding_test(prog, &known, &held);
	kw_prog_visit(k, prog, visit, &nvisited);
	kw_prog_format(&sb, k, prog);
	kw_sb_free(&sb);
	free(open);
	kw_matcher_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kw_scope any = { .before_position = SIZE_MAX };
	struct kw_loc loc = { .file = "fuzz", .line = 1 };
	struct kw_diags diags = {0};
	struct kw_arena *arena = kw_arena_new();
	struct kw_kb *k = kw_xcalloc(1, sizeof *k);  /* the fixed kb, growing */
	struct kw_store *st = kw_store_reopen(kb, k);
	char *text = kw_xmalloc(size + 1);
	struct kw_expr *e;

	memcpy(text, data, size);
	text[size] = '\0';
	e = kw_expr_parse(arena, text, loc, &diags);
	if (e && kw_expr_resolve(st, arena, e, &any, loc, &diags))
		exercise(k, kw_expr_compile(st, e));
	kw_kb_free(k);
	kw_arena_free(arena);
	kw_diags_free(&diags);
	free(text);
	return 0;
}
