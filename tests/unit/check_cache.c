/*
 * The rule set's image and its cache (ruleset/image.c, cache.c).  An image
 * is the same bytes whenever the same files are built; a cached one is
 * used when it is valid for the files, and otherwise (a byte changed, cut
 * short, from another version, a file others could have written, not a
 * regular file) ignored: the load then builds from the files and gives
 * exactly the image it would have given with no cache at all.
 *
 * To tell "ignored" from "used", the image put in the cache is often a
 * poisoned one: valid in every check (its checksum made again) but with a
 * knot's name changed, so that a load that used it would show it.
 */
#include <config.h>

#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ruleset/image.h"
#include "ruleset/ruleset.h"
#include "unit.h"
#include "util/build_id.h"
#include "util/line_reader.h"

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
static char rules_path[64], cache_home[64], cache_folder[80];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void write_file(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	ck_assert_int_eq(fchmod(fd, mode), 0);
	close(fd);
}

static void setup(void)
{
	strcpy(dir, "/tmp/kw-cache-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(rules_path, sizeof rules_path, "%s/rules.ini", dir);
	snprintf(cache_home, sizeof cache_home, "%s/cache", dir);
	snprintf(cache_folder, sizeof cache_folder, "%s/knotwise", cache_home);
	write_file(rules_path, rules, strlen(rules), 0644);
	setenv("XDG_CACHE_HOME", cache_home, 1);
}

static void teardown(void)
{
	chmod(cache_folder, 0700);
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	unsetenv("XDG_CACHE_HOME");
}

/* Load the rules (with the cache or not) under these limits; the load
 * must say nothing, whatever state the cache is in. */
static enum kw_load_status load_limited(bool use_cache, const struct kw_limits *limits,
					struct kw_kb **kb)
{
	struct kw_source source = { .path = rules_path };
	struct kw_load_options opts = { .limits = limits, .use_cache = use_cache };
	struct kw_diags diags = {0};
	enum kw_load_status status = kw_load_sources(&source, 1, &opts, kb, &diags);

	if (status == KW_LOAD_OK && diags.len) {
		kw_diags_print(&diags, stderr);
		ck_abort_msg("the load said something");
	}
	kw_diags_free(&diags);
	return status;
}

static struct kw_kb *load(bool use_cache)
{
	struct kw_kb *kb;

	ck_assert_int_eq(load_limited(use_cache, NULL, &kb), KW_LOAD_OK);
	return kb;
}

/* The one image in the cache folder (after a load with the cache). */
static const char *image_path(void)
{
	static char path[128];
	char pattern[128];
	glob_t g;

	snprintf(pattern, sizeof pattern, "%s/rules-*.img", cache_folder);
	ck_assert_int_eq(glob(pattern, 0, NULL, &g), 0);
	ck_assert_uint_eq(g.gl_pathc, 1);
	snprintf(path, sizeof path, "%s", g.gl_pathv[0]);
	globfree(&g);
	return path;
}

/* What a file holds now (malloc'd). */
static unsigned char *file_bytes(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	char *data;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(kw_read_all(fd, (size_t)1 << 30, &data, len), 0);
	close(fd);
	return (unsigned char *)data;
}

/* Does the kb hold exactly this image? */
static bool holds(const struct kw_kb *kb, const unsigned char *image, size_t len)
{
	return kb->image_size == len && memcmp(kb->image, image, len) == 0;
}

/* Make the header's checksum right again after a change. */
static void seal(unsigned char *image, size_t len)
{
	struct kw_image_header h;

	memcpy(&h, image, sizeof h);
	h.checksum = kw_image_checksum(image, len);
	memcpy(image, &h, sizeof h);
}

/* A copy of the kb's image, valid, whose knot is called "Poisoned". */
static unsigned char *poisoned(const struct kw_kb *kb)
{
	unsigned char *image = malloc(kb->image_size);
	char *name;

	memcpy(image, kb->image, kb->image_size);
	name = (char *)image + (kb->strings - (const char *)kb->image) + kb->knots[0].name;
	ck_assert_str_eq(name, "Quadratus lumborum");
	memcpy(name, "Poisoned", sizeof "Poisoned");
	seal(image, kb->image_size);
	return image;
}

static const char *knot_name(const struct kw_kb *kb)
{
	return kw_s(kb, kb->knots[0].name);
}

/* Fill the cache, then put the poisoned image in its place with mode. */
static const char *cache_poisoned(mode_t mode)
{
	struct kw_kb *kb = load(true);
	unsigned char *image = poisoned(kb);
	const char *path = image_path();

	write_file(path, image, kb->image_size, mode);
	free(image);
	kw_kb_free(kb);
	return path;
}

/* The load ignores what the cache holds: it gives the image the files
 * give; and when it could write the cache, the image there is that too. */
static void assert_ignored(bool rewritten)
{
	struct kw_kb *fresh = load(false), *kb = load(true);
	unsigned char *now;
	size_t len;

	ck_assert_str_eq(knot_name(kb), "Quadratus lumborum");
	ck_assert(holds(kb, fresh->image, fresh->image_size));
	if (rewritten) {
		now = file_bytes(image_path(), &len);
		ck_assert(holds(fresh, now, len));
		free(now);
	}
	kw_kb_free(kb);
	kw_kb_free(fresh);
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

	ck_assert(holds(a, b->image, b->image_size));
	kw_kb_free(a);
	kw_kb_free(b);
}
END_TEST

/* kw_build_id gives the note the linker wrote into this test program,
 * found here by its bytes: namesz 4, descsz 20, NT_GNU_BUILD_ID, "GNU". */
START_TEST(the_build_id_is_the_programs)
{
	static const unsigned char note[] = { 4, 0, 0, 0, 20, 0, 0, 0, 3, 0, 0, 0,
					      'G', 'N', 'U', 0 };
	size_t len, id_len;
	unsigned char *exe = file_bytes("/proc/self/exe", &len);
	const unsigned char *at = memmem(exe, len, note, sizeof note);
	const unsigned char *id = kw_build_id(&id_len);

	if (!at) {
		free(exe);
		return;         /* linked without --build-id: nothing to compare */
	}
	ck_assert_uint_eq(id_len, 20);
	ck_assert(memcmp(id, at + sizeof note, 20) == 0);
	free(exe);
}
END_TEST

START_TEST(the_cache_is_used_when_valid)
{
	struct kw_kb *kb;
	struct stat st;

	kw_kb_free(load(true));
	ck_assert_int_eq(stat(cache_folder, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0700);
	ck_assert_int_eq(stat(image_path(), &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	cache_poisoned(0600);
	kb = load(true);
	ck_assert_str_eq(knot_name(kb), "Poisoned");
	kw_kb_free(kb);
}
END_TEST

START_TEST(each_missing_folder_is_made_0700)
{
	struct stat st;

	snprintf(cache_home, sizeof cache_home, "%s/a/b", dir);
	snprintf(cache_folder, sizeof cache_folder, "%s/knotwise", cache_home);
	setenv("XDG_CACHE_HOME", cache_home, 1);
	kw_kb_free(load(true));
	ck_assert_int_eq(stat(cache_folder, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0700);
	ck_assert_int_eq(stat(cache_home, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0700);
	image_path();
}
END_TEST

/* Every byte of the image, changed, makes it invalid. */
START_TEST(every_changed_byte_is_refused)
{
	struct kw_kb *kb = load(false);
	unsigned char *image = kb->image;

	ck_assert(kw_image_valid(image, kb->image_size, kb->key));
	for (size_t i = 0; i < kb->image_size; i++) {
		image[i] ^= 0xff;
		ck_assert_msg(!kw_image_valid(image, kb->image_size, kb->key),
			      "byte %zu of %zu changed, still valid", i, kb->image_size);
		image[i] ^= 0xff;
	}
	kw_kb_free(kb);
}
END_TEST

/* A changed byte in the cached image: the load builds from the files and
 * writes the right image back.  Every byte of the header, then every
 * BODY_STRIDE-th byte of the rest (each load parses the rules again). */
#define BODY_STRIDE 5

static void corrupt_and_load(const unsigned char *good, size_t len, size_t at)
{
	unsigned char *bad = malloc(len);

	memcpy(bad, good, len);
	bad[at] ^= 0xff;
	write_file(image_path(), bad, len, 0600);
	free(bad);
	assert_ignored(true);
}

START_TEST(a_corrupt_image_falls_back_to_the_rules)
{
	struct kw_kb *kb = load(true);

	for (size_t at = 0; at < kb->image_size;
	     at += at < sizeof(struct kw_image_header) ? 1 : BODY_STRIDE)
		corrupt_and_load(kb->image, kb->image_size, at);
	kw_kb_free(kb);
}
END_TEST

START_TEST(a_cut_or_grown_image_is_refused)
{
	struct kw_kb *kb = load(true);
	size_t n = kb->image_size, cuts[] = { 0, 1, 8, sizeof(struct kw_image_header) - 1,
					       sizeof(struct kw_image_header), n / 2, n - 8, n - 1 };
	unsigned char *grown = calloc(1, n + 8);

	for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
		ck_assert(!kw_image_valid(kb->image, cuts[i], kb->key));
		write_file(image_path(), kb->image, cuts[i], 0600);
		assert_ignored(true);
	}
	memcpy(grown, kb->image, n);
	ck_assert(!kw_image_valid(grown, n + 8, kb->key));
	write_file(image_path(), grown, n + 8, 0600);
	assert_ignored(true);
	free(grown);
	kw_kb_free(kb);
}
END_TEST

/* Header changes that keep the checksum right: each is refused for what
 * it says, not for a checksum. */
static void edit_header(struct kw_image_header *h, int what, size_t size)
{
	switch (what) {
	case 0: memcpy(h->magic, "KWRULEZ", 8); break;
	case 1: h->format++; break;
	case 2: h->nparts--; break;
	case 3: h->key ^= 1; break;
	case 4: h->size--; break;
	case 5: snprintf(h->version, sizeof h->version, "0.0.1/10.42 2022-12-11"); break;
	case 6: h->part[KW_PART_QUESTIONS].len = size; break;
	default: h->part[KW_PART_STRINGS].off = size; break;
	}
}

START_TEST(a_foreign_image_is_refused)
{
	struct kw_kb *kb = load(true);
	unsigned char *image = malloc(kb->image_size);
	struct kw_image_header h;

	for (int what = 0; what < 8; what++) {
		memcpy(image, kb->image, kb->image_size);
		memcpy(&h, image, sizeof h);
		edit_header(&h, what, kb->image_size);
		memcpy(image, &h, sizeof h);
		seal(image, kb->image_size);
		ck_assert_msg(!kw_image_valid(image, kb->image_size, kb->key),
			      "header change %d accepted", what);
		write_file(image_path(), image, kb->image_size, 0600);
		assert_ignored(true);
	}
	free(image);
	kw_kb_free(kb);
}
END_TEST

START_TEST(an_image_others_can_write_is_ignored)
{
	chmod(cache_poisoned(0600), 0620);
	assert_ignored(true);
	chmod(cache_poisoned(0600), 0602);
	assert_ignored(true);
}
END_TEST

START_TEST(a_symlink_is_ignored)
{
	char elsewhere[96];
	const char *path = cache_poisoned(0600);
	struct stat st;

	snprintf(elsewhere, sizeof elsewhere, "%s/elsewhere.img", dir);
	ck_assert_int_eq(rename(path, elsewhere), 0);
	ck_assert_int_eq(symlink(elsewhere, path), 0);
	assert_ignored(true);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
}
END_TEST

/* A FIFO nobody writes to: the load neither waits on it nor reads it. */
START_TEST(a_fifo_is_ignored)
{
	const char *path = cache_poisoned(0600);

	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	assert_ignored(true);
}
END_TEST

/* Only root can give a file away to test this. */
START_TEST(an_image_of_another_user_is_ignored)
{
	if (geteuid() != 0)
		return;
	ck_assert_int_eq(chown(cache_poisoned(0600), 65534, 65534), 0);
	assert_ignored(true);
}
END_TEST

/* A folder others could write: not read, and not written either. */
START_TEST(a_folder_others_can_write_is_ignored)
{
	unsigned char *now;
	size_t len;
	struct kw_kb *kb;

	cache_poisoned(0600);
	ck_assert_int_eq(chmod(cache_folder, 0770), 0);
	assert_ignored(false);
	now = file_bytes(image_path(), &len);
	kb = load(false);
	ck_assert(!holds(kb, now, len));        /* still the poisoned one */
	kw_kb_free(kb);
	free(now);
}
END_TEST

/* No folder can be made (a file is in the way) or written: the loads
 * work as if there were no cache, and say nothing. */
START_TEST(an_unusable_folder_is_no_cache)
{
	struct kw_kb *fresh = load(false), *kb;

	write_file(cache_home, "x", 1, 0600);
	kb = load(true);
	ck_assert(holds(kb, fresh->image, fresh->image_size));
	kw_kb_free(kb);
	ck_assert_int_eq(unlink(cache_home), 0);
	ck_assert_int_eq(mkdir(cache_home, 0700), 0);
	ck_assert_int_eq(mkdir(cache_folder, 0500), 0);
	kb = load(true);
	ck_assert(holds(kb, fresh->image, fresh->image_size));
	kw_kb_free(kb);
	kw_kb_free(fresh);
}
END_TEST

START_TEST(changed_rules_are_built_again)
{
	char *changed = strdup(rules);
	struct kw_kb *kb;

	kw_kb_free(load(true));
	memcpy(strstr(changed, "Quadratus"), "Quadratuz", 9);
	write_file(rules_path, changed, strlen(changed), 0644);
	kb = load(true);
	ck_assert_str_eq(knot_name(kb), "Quadratuz lumborum");
	kw_kb_free(kb);
	free(changed);
}
END_TEST

/* An image built under looser limits does not stand in for a load whose
 * limits the files exceed. */
START_TEST(other_limits_do_not_take_the_image)
{
	struct kw_limits tight = kw_default_limits;
	struct kw_kb *kb;

	kw_kb_free(load(true));
	tight.sections = 3;
	ck_assert_int_eq(load_limited(true, &tight, &kb), KW_LOAD_INVALID);
	kw_kb_free(kb);
}
END_TEST

/* Writers at once: each load right, no temporary file left, one good
 * image in the end. */
enum { WRITERS = 4, ROUNDS = 10 };

/* One writer's loads, in a process of its own: no Check call here (it
 * would report from the wrong process); the exit status says how it went. */
static int load_again_and_again(const struct kw_kb *fresh, const char *path)
{
	struct kw_source source = { .path = rules_path };
	struct kw_load_options opts = { .use_cache = true };
	bool right = true;

	for (int r = 0; r < ROUNDS && right; r++) {
		struct kw_diags diags = {0};
		struct kw_kb *kb;

		right = kw_load_sources(&source, 1, &opts, &kb, &diags) == KW_LOAD_OK &&
			diags.len == 0 && holds(kb, fresh->image, fresh->image_size);
		kw_kb_free(kb);
		kw_diags_free(&diags);
		unlink(path);   /* the next load writes it again */
	}
	return right ? 0 : 1;
}

START_TEST(writers_at_once_leave_one_good_image)
{
	struct kw_kb *fresh = load(false);
	unsigned char *now;
	size_t len;
	glob_t g;
	char pattern[128], path[128];
	int status;

	kw_kb_free(load(true));
	snprintf(path, sizeof path, "%s", image_path());
	for (int w = 0; w < WRITERS; w++)
		if (fork() == 0) {
			status = load_again_and_again(fresh, path);
			kw_kb_free(fresh);
			_exit(status);
		}
	for (int w = 0; w < WRITERS; w++) {
		ck_assert_int_gt(wait(&status), 0);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	kw_kb_free(load(true));
	now = file_bytes(image_path(), &len);
	ck_assert(holds(fresh, now, len));
	snprintf(pattern, sizeof pattern, "%s/*", cache_folder);
	ck_assert_int_eq(glob(pattern, 0, NULL, &g), 0);
	ck_assert_uint_eq(g.gl_pathc, 1);
	globfree(&g);
	free(now);
	kw_kb_free(fresh);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cache");
	TCase *image = tcase_create("image"), *cache = tcase_create("cache");

	tcase_add_checked_fixture(image, setup, teardown);
	tcase_add_test(image, an_image_is_the_same_bytes_each_build);
	tcase_add_test(image, the_build_id_is_the_programs);
	tcase_add_test(image, every_changed_byte_is_refused);
	suite_add_tcase(s, image);
	tcase_add_checked_fixture(cache, setup, teardown);
	tcase_set_timeout(cache, 20);
	tcase_add_test(cache, the_cache_is_used_when_valid);
	tcase_add_test(cache, each_missing_folder_is_made_0700);
	tcase_add_test(cache, a_corrupt_image_falls_back_to_the_rules);
	tcase_add_test(cache, a_cut_or_grown_image_is_refused);
	tcase_add_test(cache, a_foreign_image_is_refused);
	tcase_add_test(cache, an_image_others_can_write_is_ignored);
	tcase_add_test(cache, a_symlink_is_ignored);
	tcase_add_test(cache, a_fifo_is_ignored);
	tcase_add_test(cache, an_image_of_another_user_is_ignored);
	tcase_add_test(cache, a_folder_others_can_write_is_ignored);
	tcase_add_test(cache, an_unusable_folder_is_no_cache);
	tcase_add_test(cache, changed_rules_are_built_again);
	tcase_add_test(cache, other_limits_do_not_take_the_image);
	tcase_add_test(cache, writers_at_once_leave_one_good_image);
	suite_add_tcase(s, cache);
	return unit_run(s);
}
