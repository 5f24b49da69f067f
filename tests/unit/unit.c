#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

enum kw_load_status unit_load(const char *ini, struct kw_kb **kb,
			      struct kw_diags *diags)
{
	return unit_load_limited(ini, &kw_default_limits, kb, diags);
}

enum kw_load_status unit_load_limited(const char *ini, const struct kw_limits *limits,
				      struct kw_kb **kb, struct kw_diags *diags)
{
	char path[] = "/tmp/kw-unit-XXXXXX";
	int fd = mkstemp(path);
	const char *sources[] = { path };
	enum kw_load_status status;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, ini, strlen(ini)), (ssize_t)strlen(ini));
	close(fd);
	status = kw_load_limited(sources, 1, limits, kb, diags);
	unlink(path);
	return status;
}

struct kw_kb *unit_kb(const char *ini)
{
	struct kw_diags diags = {0};
	struct kw_kb *kb;
	enum kw_load_status status = unit_load(ini, &kb, &diags);

	if (status != KW_LOAD_OK)
		kw_diags_print(&diags, stderr);
	ck_assert_int_eq(status, KW_LOAD_OK);
	kw_diags_free(&diags);
	return kb;
}

int unit_has_diag(const struct kw_diags *diags, enum kw_severity severity,
		  unsigned line, const char *text)
{
	for (size_t i = 0; i < diags->len; i++)
		if (diags->items[i].severity == severity &&
		    (!line || diags->items[i].loc.line == line) &&
		    strstr(diags->items[i].message, text))
			return 1;
	return 0;
}

struct kw_result *unit_consult(const struct kw_kb *kb, const char *text,
				struct kw_answers **a)
{
	struct kw_diags diags = {0};
	struct kw_result *res = kw_result_new();

	*a = kw_answers_new(kb);
	ck_assert(kw_answers_read(kb, *a, text, strlen(text), "answers", &diags));
	ck_assert(kw_answers_finish(kb, *a, true, &diags));
	kw_diags_free(&diags);
	kw_engine_run(kb, *a, res);
	return res;
}

size_t unit_steps(const struct kw_result *res, enum kw_step_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < res->nsteps; i++)
		n += res->steps[i].kind == kind;
	return n;
}

int unit_run(Suite *suite)
{
	SRunner *runner = srunner_create(suite);
	int failed;

	srunner_run_all(runner, CK_ENV);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
