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
	if grep -q '^COLUMNS=80 knotwise history' "$example"; then
		cp "$tmp/out" "$tmp/history.out"
		(cd "$tmp/run$count" && COLUMNS=64 knotwise history --journal journal.jsonl) \
			>"$tmp/history64.out"
	fi
done
# The history shown in the README is what its example prints.
awk '/^```text$/ { block = 1; next } /^```/ { block = 0 }
	block && shown { print } block && /^\$ knotwise history$/ { shown = 1 }' \
	"$TOP_SRCDIR/README.md" >"$tmp/history.shown"
check "README shows a history" test -s "$tmp/history.shown"
check "and it is what the example that replays those weeks prints" \
	cmp -s "$tmp/history.shown" "$tmp/history.out"
# knotwise(1) shows the same weeks at 64 columns: its literal block, from
# the command line to the first line that is indented less.
if [ -n "${MANDOC-}" ] && [ -x "$MANDOC" ]; then
	"$MANDOC" -Tutf8 "$TOP_SRCDIR/man/knotwise.1" 2>/dev/null | col -bx |
		awk '/^ *\$ COLUMNS=64 knotwise history$/ { indent = index($0, "$"); on = 1; next }
		     on && /[^ ]/ && match($0, /[^ ]/) < indent { exit }
		     on { print substr($0, indent) }' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' \
		>"$tmp/man-history"
	check "knotwise(1) shows a history" test -s "$tmp/man-history"
	check "and it is what those weeks give at 64 columns" \
		cmp -s "$tmp/man-history" "$tmp/history64.out"
else
	skip "knotwise(1) shows a history" "mandoc not found"
	skip "and it is what those weeks give at 64 columns" "mandoc not found"
fi
done_testing
