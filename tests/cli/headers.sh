#!/bin/sh
# include/knotwise/ is the library's API, what a second front end builds
# on: each header compiles on its own with nothing but include/ on the
# path, and includes no header of the library's inside (src/lib); the
# command line uses nothing else of the library.
. "$TOP_SRCDIR/tests/cli/setup.sh"
cc=${CC:-cc}
count=0
for header in "$TOP_SRCDIR"/include/knotwise/*.h; do
	api=knotwise/${header##*/}
	count=$((count + 1))
	run sh -c "printf '#include \"%s\"\n' '$api' |
		$cc -std=c17 -Wall -Wextra -Werror -fsyntax-only -I'$TOP_SRCDIR/include' -x c -"
	check "$api compiles with only include/ on the path" status_is 0
	check "$api includes only knotwise/ headers and the system's" \
		sh -c "! grep -E '^#include \"' '$header' | grep -qv '\"knotwise/'"
done
check "there are API headers to check" test "$count" -ge 5
# The command line is a front end like any other: the API and the shared
# utilities, never a layer's own headers.
inside=$(grep -hE '^#include "' "$TOP_SRCDIR"/src/cli/*.c "$TOP_SRCDIR"/src/cli/*.h |
	grep -vE '"(knotwise|util)/|"(cli|dialogue|line_input)\.h"' || true)
check "src/cli includes only knotwise/, util/ and its own headers" test -z "$inside"
done_testing
