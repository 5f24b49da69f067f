#!/bin/sh
# Input that is not what it should be: rule "files" that are FIFOs,
# devices or directories, reads that fail, lines without end.  Nothing
# hangs, nothing is taken for an empty file, memory stays bounded.
. "$TOP_SRCDIR/tests/cli/setup.sh"
kw=$KNOTWISE
py=${PYTHON3:-python3}
rules=$TOP_SRCDIR/tests/fixtures/cli/pain.ini
own="--no-default-rules --rules $rules"

# "does not hang": a generous bound, only there so that a hang fails
in_time() { timeout 20 "$@"; }
not_hung() { test "$status" -ne 124; }

# Memory limits (ulimit -v) do not mix with ASan or valgrind, which need
# far more address space: those subtests are skipped there.
limited() { (ulimit -v 60000 && exec "$@"); }
if limited "$kw" --version >/dev/null 2>&1; then can_limit=yes; else can_limit=no; fi
# 1. A FIFO, a device or a directory is never read as a rule file.
mkdir "$tmp/d"
cp "$rules" "$tmp/d/10-ok.ini"
mkfifo "$tmp/d/20-f.ini"
run in_time "$kw" --no-default-rules check "$tmp/d"
check "a FIFO in a rule directory does not hang check" not_hung
check "it is exit 66" status_is 66
check "naming the FIFO" err_has "d/20-f.ini: error: .*FIFO"
mkfifo "$tmp/fifo.ini"
run in_time "$kw" --no-default-rules -r "$tmp/fifo.ini" --set pain=5
check "a FIFO given with -r does not hang" not_hung
check "it is exit 66 too" status_is 66
mkdir -p "$XDG_CONFIG_HOME/knotwise/rules.d"
mkfifo "$XDG_CONFIG_HOME/knotwise/rules.d/50-mine.ini"
run in_time "$kw" --set pain=5
check "a FIFO in the per-user rules does not hang a plain knotwise" not_hung
check "and is exit 66 naming it" err_has "rules.d/50-mine.ini: error: .*FIFO"
rm "$XDG_CONFIG_HOME/knotwise/rules.d/50-mine.ini"
run in_time "$kw" -r /dev/zero --set pain=5
check "/dev/zero as a rule file is refused, unread" status_is 66
check "as a device" err_has "/dev/zero: error: .*device"
run in_time "$kw" --no-default-rules check /dev/zero
check "check /dev/zero is 66, not '0 errors'" status_is 66
mkdir "$tmp/d2" "$tmp/d2/self.ini"
cp "$rules" "$tmp/d2/10-ok.ini"
run "$kw" --no-default-rules check "$tmp/d2"
check "a directory named like a rule file is 66" status_is 66
check "and not an empty file" err_has "self.ini: error: .*directory"

# 2. A read error is an error, never the end of the file.
if test -r /proc/self/mem; then
	run "$kw" --no-default-rules check /proc/self/mem
	check "a rule file that fails to read is 74" status_is 74
	check "naming it and the error" err_has "/proc/self/mem: error: cannot read rule file"
else
	skip "a rule file that fails to read is 74" "no /proc/self/mem"
fi
run_in / "$kw" $own batch
check "batch reading a directory is 74" status_is 74
check "with a message" err_has "cannot read standard input"
set +e
"$kw" $own batch <&- >"$tmp/out" 2>"$tmp/err"
status=$?
set -e
check "batch with stdin closed is 74" status_is 74
check "with a message too" err_has "cannot read standard input"
set +e
"$kw" $own <&- >"$tmp/out" 2>"$tmp/err"
status=$?
set -e
check "ask with stdin closed is 74" status_is 74

# Lines far over the limits cost no memory: the rest is still read.
if test $can_limit = yes; then
	{ echo '{"id": "a", "pain": 6}'; printf '{"id": "b", "pain": "'
	  head -c 80000000 /dev/zero | tr '\0' x; echo '"}'
	  echo '{"id": "c", "pain": 7}'; } >"$tmp/huge.jsonl"
	run_in "$tmp/huge.jsonl" limited "$kw" $own batch
	check "an 80 MB batch line under a 60 MB memory limit: 65" status_is 65
	check "every line has its output line" out_lines 3
	check "the long one an error in its place" out_has '^\{"id":2,"error":.*longer than 1 MiB'
	check "and the line after it a result" out_has '^\{"id":"c","version":1'
	rm "$tmp/huge.jsonl"
	{ printf '[knot long]\nname = '; head -c 80000000 /dev/zero | tr '\0' x
	  printf '\nnot a key line\n'; } >"$tmp/huge.ini"
	run limited "$kw" --no-default-rules check "$tmp/huge.ini"
	check "an 80 MB rule line under a memory limit is one error" \
		err_has "huge.ini:2: error: line too long \(80000007 bytes"
	check "and the lines after it are still read" err_has "huge.ini:3: error: expected"
	rm "$tmp/huge.ini"
	head -c 200000000 /dev/zero >"$tmp/zeros"
	run_in "$tmp/zeros" limited "$kw" $own batch
	check "200 MB without a newline under a memory limit: one error line" out_lines 1
	check "exit 65" status_is 65
	rm "$tmp/zeros"
else
	skip "memory limits" "ulimit -v and this build do not mix"
fi

# 4. Whether a rule set is valid does not depend on the locale: ids are
# ASCII, byte by byte.  ISO-8859-1 calls the bytes of 'aສ' lower-case
# letters; a locale built here, so the test needs none installed.
mkdir "$tmp/locale"
localedef -i en_US -f ISO-8859-1 "$tmp/locale/en_US.ISO-8859-1" >/dev/null 2>&1 || :
latin1="env LOCPATH=$tmp/locale LC_ALL=en_US.ISO-8859-1"
if test "$($latin1 locale charmap 2>/dev/null)" = ISO-8859-1; then
	printf '[question a\340\272\252]\ntext = Which?\ntype = yesno\n' >"$tmp/latin.ini"
	run $latin1 "$kw" --no-default-rules check "$tmp/latin.ini"
	check "an id that is not ASCII is invalid under ISO-8859-1 too" status_is 1
	check "as under C" err_has "latin.ini:1: error: invalid id"
else
	skip "ids are checked the same in every locale" "localedef could not build en_US.ISO-8859-1"
fi

# 5. Control characters never reach the terminal: text output and
# diagnostics show them escaped, JSON escapes every one (C1 and DEL too).
controls=$(printf '[\001-\010\013-\037\177]')
c1=$(printf '\302[\200-\237]')
raw_controls() { LC_ALL=C grep -q -e "$controls" -e "$c1" "$@"; }
no_raw_controls() { ! raw_controls "$tmp/out" "$tmp/err"; }
printf '[knot k]\nname = Kay\033[2J\a\b\302\233\n[rule r]\nif = pain >= 5\nthen = suspect k 0.6\nbecause = Strong\033]0;owned\a\n  pain\033[5m now.\n' >"$tmp/ctl.ini"
run "$kw" $own --rules "$tmp/ctl.ini" --set pain=7 --explain
check "rule texts with ESC, BEL, backspace, CSI: a result" status_is 0
check "whose text output holds no raw control character" no_raw_controls
check "and shows them escaped" out_has 'Kay\\x1b\[2J\\x07\\x08\\u009b'
run "$kw" $own --rules "$tmp/ctl.ini" check
check "check warns where a rule file holds one" err_has "ctl.ini:2: warning: control character"
check "on a continuation line too" err_has "ctl.ini:7: warning: control character"
printf '[knot k]\nname = A long plain name, \033[2J\n[knot l]\nname = Another long name\177\n[knot m]\nname = And one more long one \302\233\n' >"$tmp/late.ini"
run "$kw" $own --rules "$tmp/late.ini" check
check "an ESC after many plain bytes is found" err_has "late.ini:2: warning: control character"
check "a DEL after many plain bytes" err_has "late.ini:4: warning: control character"
check "a C1 control after many plain bytes" err_has "late.ini:6: warning: control character"
run "$kw" $own --set "pain=$(printf '\033[2J\b')"
check "a --set value with control characters is echoed escaped" err_has "invalid answer '\\\\x1b\[2J\\\\x08'"
check "and only so" no_raw_controls
printf '{"id": [1,\r2], "pain": 7}\n' >"$tmp/cr.jsonl"
run_in "$tmp/cr.jsonl" "$kw" $own batch
check "a batch id with a CR between its items is echoed without it" out_has '^\{"id":\[1,2\],'
check "so no raw CR is written" no_raw_controls
cat >"$tmp/words.ini" <<'INI'
[question describe]
text = In your words?
type = text
INI
printf '{"describe": "esc\\u001b c1\\u0085 del\\u007f"}\n' >"$tmp/c.jsonl"
run_in "$tmp/c.jsonl" "$kw" $own --rules "$tmp/words.ini" batch
check "JSON output escapes C0, C1 and DEL alike" out_has '"esc\\u001b c1\\u0085 del\\u007f"'
check "and holds none of them raw" no_raw_controls

# 6. Smaller ones.
printf '{"pain\\u0000x": 5}\n' >"$tmp/nul.jsonl"
run_in "$tmp/nul.jsonl" "$kw" $own batch
check "a JSON key with \\u0000 is an error" out_has '"error":.*NUL character'
check "not an answer to the key cut at the NUL" status_is 65
# exactly 1 MiB (not counting the newline) is within the limit; a byte more is not
"$py" - "$tmp/mib.jsonl" <<'PY'
import sys
head = '{"pain": 6'
with open(sys.argv[1], "w") as f:
    for size in (1048576, 1048577):
        f.write(head + " " * (size - len(head) - 1) + "}\n")
PY
run_in "$tmp/mib.jsonl" "$kw" $own batch
check "a batch line of exactly 1 MiB is read" out_has '^\{"id":1,"version":1,'
check "one of 1 MiB and a byte is not" out_has '^\{"id":2,"error":.*1048577 bytes, longer than 1 MiB'
run "$kw" --no-default-rules check
check "check of an empty rule set passes" status_is 0
check "with a warning" err_has "warning: the rule set has no questions"
mkdir "$tmp/upper"
cp "$rules" "$tmp/upper/10-RULES.INI"
run "$kw" --no-default-rules check "$tmp/upper"
check "a *.INI file is not loaded, with a warning" err_has "10-RULES.INI: warning: not loaded"
check "nor is a directory with no rule file silent" err_has "upper: warning: no rule files"
run "$kw" --no-default-rules --rules "$tmp/upper" --set pain=5
check "ask with no questions is 78" status_is 78
check "and says so" err_has "the rule set has no questions"
run "$kw" --version=3
check "--version=3 is a usage error" status_is 64
check "about --version, not -V" err_has "option '--version' takes no value"
printf '{"pain": 1e999}\n' >"$tmp/inf.jsonl"
run_in "$tmp/inf.jsonl" "$kw" $own batch
check "1e999 is quoted as given, not as inf" out_has "invalid answer '1e999' to 'pain'"
printf '[rule c]\nif = pain >= 5 and\n  pain <= 9 and\n\tpian > 2\nthen = suspect k 0.5\nbecause = c\n' >"$tmp/cont.ini"
run "$kw" $own --rules "$tmp/cont.ini" check
check "an error on a continuation line is at that line" \
	err_has "cont.ini:4: error: unknown question or fact 'pian'.* \(column 1\)"

# A file of garbage gives 100 errors and a count, not one per line.
yes 'not a key line' | head -n 5000 >"$tmp/garbage.ini"
run "$kw" --no-default-rules check "$tmp/garbage.ini"
check "a garbage rule file fails check" status_is 1
check "with at most 100 of its errors shown" test "$(grep -c ': error: expected' "$tmp/err")" -eq 100
check "and a count of the rest" err_has "garbage.ini:5000: error: 4900 more errors in this file not shown"

# Sizes that are only known by reading: the limit holds while reading.
head -c 17000000 /dev/zero | tr '\0' 'a' >"$tmp/big"
run sh -c "cat '$tmp/big' | '$kw' $own --answers -"
check "answers from a pipe past 16 MiB are refused while read" status_is 65
check "saying so" err_has "standard input is too large \(more than 16777216 bytes\)"
run "$kw" $own --answers /dev/zero
check "an endless answers device is refused, not read forever" status_is 65
check "naming it" err_has "'/dev/zero' is too large"

# A symbolic link to a regular rule file is that file.
ln -s "$rules" "$tmp/link.ini"
run "$kw" --no-default-rules --rules "$tmp/link.ini" --set pain=6 --format json
check "a rule file reached through a symbolic link loads" status_is 0
check "and gives its rules' result" out_has '"id": "k"'
done_testing
