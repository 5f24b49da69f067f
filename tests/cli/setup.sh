# Sourced by every black-box test: strict shell, C locale, a scratch
# directory removed on exit, and TAP output (one line per assertion).
set -eu
# Per-user rule files that others may write are refused: tests that make
# them must not depend on the umask of whoever runs the suite.
umask 022
LC_ALL=C
export LC_ALL
: "${KNOTWISE:?KNOTWISE must name the binary under test}"
: "${TOP_SRCDIR:?TOP_SRCDIR must name the source tree}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp
XDG_CONFIG_HOME=$tmp/.config
XDG_CACHE_HOME=$tmp/.cache
export HOME XDG_CONFIG_HOME XDG_CACHE_HOME
# An interactive consult keeps a journal: in the scratch home, by default.
unset XDG_STATE_HOME
unset NO_COLOR
tap_count=0
status=0
tap_failed=0

# run CMD...: run it, keeping its status, stdout and stderr.
run() {
	set +e
	"$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	set -e
}

# run_in FILE CMD...: the same with FILE as standard input.
run_in() {
	input=$1
	shift
	set +e
	"$@" <"$input" >"$tmp/out" 2>"$tmp/err"
	status=$?
	set -e
}

# check NAME TEST...: one TAP line for a test command.
check() {
	name=$1
	shift
	tap_count=$((tap_count + 1))
	if "$@"; then
		printf "ok %s - %s\n" "$tap_count" "$name"
	else
		tap_failed=$((tap_failed + 1))
		printf "not ok %s - %s\n" "$tap_count" "$name"
		echo "# status $status; stderr: $(head -c 300 "$tmp/err" | tr '\n' ' ')"
	fi
}

# skip NAME REASON: one TAP line for a test that cannot run here.
skip() {
	tap_count=$((tap_count + 1))
	printf "ok %s - %s # SKIP %s\n" "$tap_count" "$1" "$2"
}

status_is() { test "$status" -eq "$1"; }
out_has() { grep -Eq -- "$1" "$tmp/out"; }
err_has() { grep -Eq -- "$1" "$tmp/err"; }
out_empty() { test ! -s "$tmp/out"; }
err_empty() { test ! -s "$tmp/err"; }
out_lines() { test "$(wc -l <"$tmp/out")" -eq "$1"; }

done_testing() {
	echo "1..$tap_count"
	test "$tap_failed" -eq 0
}
