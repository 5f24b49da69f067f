/*
 * fuzz_load: one rule file, as `knotwise check FILE` reads it.
 *
 * The input is written to a per-process file under /tmp (reused for every
 * run) and given to the public kw_load, so the fuzzer goes through the same
 * fopen + line reader + libinih path as the program; then kw_lint runs
 * unless the file could not be opened, and the diagnostics are sorted and
 * printed (to /dev/null) as `check` does.  Everything is freed each run so
 * that LeakSanitizer sees any leak on an error path.
 */
#include <config.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "knotwise/diag.h"
#include "knotwise/kb.h"
#include "knotwise/lint.h"
#include "knotwise/load.h"

static char rules_path[64];
static FILE *devnull;

static void remove_rules_file(void)
{
	unlink(rules_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(rules_path, sizeof rules_path, "/tmp/kw-fuzz-load-%ld.ini",
		 (long)getpid());
	atexit(remove_rules_file);
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

/* Overwrite in place, then cut to size: truncating to zero first (fopen
 * "w") makes ext4 flush the file on close, which cost 0.5 ms a run here,
 * against 0.03 ms this way. */
static void write_rules(const uint8_t *data, size_t size)
{
	int fd = open(rules_path, O_WRONLY | O_CREAT, 0600);

	if (fd < 0 || pwrite(fd, data, size, 0) != (ssize_t)size ||
	    ftruncate(fd, (off_t)size) != 0 || close(fd) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *sources[] = { rules_path };
	struct kw_diags diags = {0};
	struct kw_kb *kb = NULL;
	enum kw_load_status status;

	write_rules(data, size);
	status = kw_load(sources, 1, &kb, &diags);
	if (status != KW_LOAD_NO_INPUT)
		kw_lint(kb, &diags);
	kw_diags_sort(&diags);
	kw_diags_print(&diags, devnull);
	kw_diags_free(&diags);
	kw_kb_free(kb);
	return 0;
}
