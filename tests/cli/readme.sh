#!/bin/sh
# Every ```sh example of README.md runs as written (knotwise on the PATH,
# in a scratch directory) and succeeds.
. "$TOP_SRCDIR/tests/cli/setup.sh"
bin=$tmp/bin
mkdir -p "$bin"
ln -s "$KNOTWISE" "$bin/knotwise"
PATH=$bin:$PATH
export PATH
awk -v dir="$tmp" '
	/^```sh$/ { n++; file = dir "/example" n ".sh"; next }
	/^```/ { file = ""; next }
	file { print > file }' "$TOP_SRCDIR/README.md"
count=0
for example in "$tmp"/example*.sh; do
	count=$((count + 1))
	first=$(grep -m1 -v '^#' "$example")
	mkdir -p "$tmp/run$count"
	run sh -c "cd '$tmp/run$count' && sh -e '$example'"
	check "README example $count ($first) runs" status_is 0
done
check "README has examples to run" test "$count" -ge 3
# What ships stands on its own: nothing a user reads points outside the
# tree (the contract and knowledge the project grew from are not shipped).
outside=$(cd "$TOP_SRCDIR" && grep -rln -e '\.\./shared' -e 'shared/SPEC' -e 'shared/knowledge' \
	README.md man rules src include 2>/dev/null || true)
check "README, man pages, rules and sources name no path outside the tree" test -z "$outside"
done_testing
