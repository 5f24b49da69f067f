#!/bin/sh
# Every public id of vocabulary.md (kept in tests/vocabulary.txt) is
# defined by the built-in rules with exactly its type and values, and the
# built-in set checks with no error and no warning.
. "$TOP_SRCDIR/tests/cli/setup.sh"
run "${PYTHON3:-python3}" "$TOP_SRCDIR/tests/vocabulary.py" "$TOP_SRCDIR/rules" \
	"$TOP_SRCDIR/tests/vocabulary.txt"
check "every public id is defined as vocabulary.md says" status_is 0
check "the vocabulary check read the ids" err_has '[0-9]+ ids checked, 0 mismatches'
run "$KNOTWISE" check
check "the built-in rules check clean" status_is 0
check "with no warning" err_has '^knotwise: 0 errors, 0 warnings'
done_testing
