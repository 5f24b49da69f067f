/*
 * The rule set's image (ruleset/image.c): the same bytes whenever the
 * same files are built.
 */
#include <config.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ruleset/image.h"
#include "unit.h"

/* Every kind of record: questions of each type, facts, rules with each
 * action, a pattern, a knot with a map, routines, a group, a message and
 * settings. */
static const char rules[] =
	"[settings]\nmin_certainty = 0.2\nminutes_from = minutes\n"
	"[message level_self_care]\ntext = Keep moving.\n"
	"[group signs]\ntext = Any of these?\nquestions = numb, weak\n"
	"[question desk_hours]\ntext = Hours at a desk?\ntype = number\nmin = 0\nmax = 24\n"
	"required = yes\n"
	"[question worse_with]\ntext = Worse with?\ntype = multi\n"
	"choice = sitting | Sitting\nchoice = lifting | Lifting\n"
	"[question side]\ntext = Which side?\ntype = choice\nchoice = left\nchoice = right\n"
	"[question pain]\ntext = How bad?\ntype = scale\nmin = 0\nmax = 10\n"
	"[question minutes]\ntext = Minutes a day?\ntype = number\nmin = 0\nmax = 120\n"
	"[question describe]\ntext = In your words?\ntype = text\n"
	"ask_if = pain >= 3\n"
	"[question numb]\ntext = Numb?\ntype = yesno\nunsure = yes\n"
	"[question weak]\ntext = Weak?\ntype = yesno\n"
	"[knot ql]\nname = Quadratus lumborum\nwhere = Side of the low back.\n"
	"region = lower_back\nmap = 40, 62\n"
	"[rule lifting]\nif = worse_with has lifting and side in {left, right}\n"
	"then = suspect ql 0.4\nthen = set lifter = yes\nbecause = Lifting loads it.\n"
	"[rule sitter]\nif = desk_hours >= 6 or count(numb, weak, lifter) >= 1\n"
	"then = suspect ql 0.25\nthen = recommend breaks\nthen = set hours = 6.5\n"
	"because = Sitting shortens it.\n"
	"[rule numb_words]\nif = describe ~ \"(?i)numb\" or numb\nthen = triage urgent\n"
	"then = avoid deep_pressure\nbecause = Numbness needs a doctor.\n"
	"[routine ql_ball]\ntitle = Lean on a ball\nkind = release\nfor = ql\n"
	"step = Lean into it.\nminutes = 4\ntags = deep_pressure\n"
	"caution = Not on the spine.\n"
	"[routine breaks]\ntitle = Stand up\nkind = posture\nstep = Walk.\nminutes = 1\n";

static char dir[] = "/tmp/kw-cache-XXXXXX";
static char rules_path[64];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void setup(void)
{
	FILE *fp;

	strcpy(dir, "/tmp/kw-cache-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(rules_path, sizeof rules_path, "%s/rules.ini", dir);
	ck_assert_ptr_nonnull(fp = fopen(rules_path, "w"));
	fputs(rules, fp);
	fclose(fp);
}

static void teardown(void)
{
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static struct kw_kb *load(bool use_cache)
{
	struct kw_source source = { .path = rules_path };
	struct kw_load_options opts = { .use_cache = use_cache };
	struct kw_diags diags = {0};
	struct kw_kb *kb;
	enum kw_load_status status = kw_load_sources(&source, 1, &opts, &kb, &diags);

	if (status != KW_LOAD_OK)
		kw_diags_print(&diags, stderr);
	ck_assert_int_eq(status, KW_LOAD_OK);
	kw_diags_free(&diags);
	return kb;
}

/* Fill the stack that the next calls will use with `byte`: a record's
 * undefined bytes would come from there. */
static void __attribute__((noinline)) scribble_stack(unsigned char byte)
{
	volatile unsigned char junk[1 << 20];

	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = byte;
}

static struct kw_kb *build_over(unsigned char byte)
{
	scribble_stack(byte);
	return load(false);
}

START_TEST(an_image_is_the_same_bytes_each_build)
{
	struct kw_kb *a = build_over(0x00), *b = build_over(0xa5);

	ck_assert_uint_eq(a->image_size, b->image_size);
	for (size_t i = 0; i < a->image_size; i++)
		ck_assert_msg(a->image[i] == b->image[i], "byte %zu differs", i);
	kw_kb_free(a);
	kw_kb_free(b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cache");
	TCase *image = tcase_create("image");

	tcase_add_checked_fixture(image, setup, teardown);
	tcase_add_test(image, an_image_is_the_same_bytes_each_build);
	suite_add_tcase(s, image);
	return unit_run(s);
}
