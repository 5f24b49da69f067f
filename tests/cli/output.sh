#!/bin/sh
# The text output, line by line against golden files, colour rules,
# --explain chains, --why-not, and `check` finding each kind of problem.
. "$TOP_SRCDIR/tests/cli/setup.sh"
fixtures=$TOP_SRCDIR/tests/fixtures
cd "$fixtures/consult"
kw() { "$KNOTWISE" --no-default-rules --rules rules.ini "$@"; }
same() { diff -u "$1" "$tmp/out" >"$tmp/diff" || { sed 's/^/# /' "$tmp/diff"; false; }; }

run kw --color=never --set hip_pain=yes --set sitting=8 --set minutes=10
check "self-care text matches the golden file" same self_care.txt
check "text lines fit 80 columns off a terminal" test "$(awk 'length > 80' "$tmp/out" | wc -l)" -eq 0
run kw --color=never --set hip_pain=yes --set sitting=8 --set minutes=10 --explain
check "--explain matches the golden file" same explain.txt
check "--explain names the rule, its file and line" out_has 'rule ql_hip, rules.ini:36'
check "--explain quotes the answer used" out_has 'You said: hip_pain ='
run kw --color=never --set hip_pain=yes --set fever=yes
check "urgent text matches the golden file" same urgent.txt
check "urgent text gives no routine" sh -c "! grep -Eq \"Today's routine|Your routine\" '$tmp/out'"
run kw --color=never --set hip_pain=yes --set sitting=8 --set minutes=5 --why-not psoas_stretch
check "--why-not text matches the golden file" same why_not.txt
run kw --format json --set hip_pain=no --why-not ql_hip
check "--why-not in JSON names the failed test" out_has '"test": ?"hip_pain"'
check "--why-not in JSON gives the actual answer" out_has '"actual": ?"you answered hip_pain = no"'
run kw --format json --set hip_pain=yes --set fever=yes --why-not ql_wall_ball
check "--why-not says triage removed the routine" out_has 'no routine is given at triage level urgent'
run kw --set hip_pain=yes --why-not nothing_like_this
check "--why-not of an unknown id exits 64" status_is 64

pty() { script -qec "$1" /dev/null >"$tmp/out" 2>&1; }
if command -v script >/dev/null 2>&1; then
	pty "'$KNOTWISE' --no-default-rules --rules rules.ini --set hip_pain=yes"
	check "auto colours on a terminal" grep -q "$(printf '\033')\[" "$tmp/out"
	pty "NO_COLOR=1 '$KNOTWISE' --no-default-rules --rules rules.ini --set hip_pain=yes"
	check "NO_COLOR turns auto colour off" sh -c "! grep -q '$(printf '\033')\[' '$tmp/out'"
	pty "NO_COLOR= '$KNOTWISE' --no-default-rules --rules rules.ini --set hip_pain=yes"
	check "an empty NO_COLOR does not" grep -q "$(printf '\033')\[" "$tmp/out"
fi
NO_COLOR=1 run kw --color=always --set hip_pain=yes
check "--color=always wins over NO_COLOR" grep -q "$(printf '\033')\[" "$tmp/out"
check "the summary still ends at a plain line of dashes" out_has '^-{20,}$'
run kw --set hip_pain=yes
check "auto does not colour a pipe" sh -c "! grep -q '$(printf '\033')\[' '$tmp/out'"

cd "$fixtures"
run "$KNOTWISE" --no-default-rules check lint
check "check warns about each kind of problem" diff -u lint/check.txt "$tmp/err"
check "warnings alone exit 0" status_is 0
printf '[rule r]\nif = nope\nthen = triage urgent\n' >"$tmp/bad.ini"
run "$KNOTWISE" --no-default-rules check lint "$tmp/bad.ini"
check "an error makes check exit 1" status_is 1
check "the summary counts it" err_has '1 error, [0-9]+ warnings? in 3 files'
done_testing
