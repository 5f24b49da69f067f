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

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "knotwise/diag.h"
#include "knotwise/lint.h"
#include "knotwise/load.h"

static const char *rules_path;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rules_path = fuzz_rules_file("load");
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *sources[] = { rules_path };
	struct kw_diags diags = {0};
	struct kw_kb *kb = NULL;
	enum kw_load_status status;

	fuzz_write_file(rules_path, data, size);
	status = kw_load(sources, 1, &kb, &diags);
	if (status != KW_LOAD_NO_INPUT)
		kw_lint(kb, &diags);
	kw_diags_sort(&diags);
	kw_diags_print(&diags, devnull);
	kw_diags_free(&diags);
	kw_kb_free(kb);
	return 0;
}
