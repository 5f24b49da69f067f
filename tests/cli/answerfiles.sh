#!/bin/sh
# Answers files as editors and scripts write them: with a byte-order mark,
# in either form; and every error in one names the line and the question.
. "$TOP_SRCDIR/tests/cli/setup.sh"
kw=$KNOTWISE
rules=$tmp/rules.ini
cat >"$rules" <<'INI'
[question pain]
text = How bad?
type = scale
[question area]
text = Where?
type = choice
choice = neck
choice = lower_back
[question describe]
text = In your words?
type = text
[knot k]
name = Kay
[rule r]
if = pain >= 5
then = suspect k 0.6
because = Strong pain.
INI
own="--no-default-rules --rules $rules --format json"
bom=$(printf '\357\273\277')

printf '%spain = 6\narea = neck\n' "$bom" >"$tmp/bom.txt"
run "$kw" $own --answers "$tmp/bom.txt"
check "ID = VALUE lines after a byte-order mark are read" status_is 0
check "the first one included" out_has '"pain": 6'
printf '%s{"pain": 6, "area": "neck"}\n' "$bom" >"$tmp/bom.json"
run "$kw" $own --answers "$tmp/bom.json"
check "a JSON object after a byte-order mark is read" status_is 0
check "as JSON" out_has '"area": "neck"'
run_in "$tmp/bom.json" "$kw" $own
check "from standard input too" out_has '"pain": 6'

printf 'pain = 6\n# a comment\ndescribe = caf\351 au lait\n' >"$tmp/latin1.txt"
run "$kw" $own --answers "$tmp/latin1.txt"
check "an answer that is not UTF-8 is 65" status_is 65
check "naming the file, the line and the question" \
	err_has "latin1.txt:3: error: the answer to 'describe' is not valid UTF-8"
printf '{\n  "pain": 6,\n  "describe": "caf\351"\n}\n' >"$tmp/latin1.json"
run "$kw" $own --answers "$tmp/latin1.json"
check "so is one in a JSON object" \
	err_has "latin1.json:3: error: the answer to 'describe' is not valid UTF-8"

printf '{\n  "pain": 6,\n  "area": "knee",\n  "pian": 3\n}\n' >"$tmp/bad.json"
run "$kw" $own --answers "$tmp/bad.json"
check "a bad value in a JSON object names its line" \
	err_has "bad.json:3: error: invalid answer 'knee' to 'area'"
check "so does an unknown question" err_has "bad.json:4: error: unknown question 'pian'"
run_in "$tmp/bad.json" "$kw" $own
check "read from standard input, the line is named too" \
	err_has "<stdin>:3: error: invalid answer 'knee'"
printf 'pain = 6\npain = 7\n' >"$tmp/twice.txt"
run "$kw" $own --answers "$tmp/twice.txt"
check "a question answered twice names the second line" \
	err_has "twice.txt:2: error: 'pain' is answered twice"
printf 'pain = 6\ndescribe = a\0b\n' >"$tmp/nul.txt"
run "$kw" $own --answers "$tmp/nul.txt"
check "a NUL byte is an error at its line" err_has "nul.txt:2: error: NUL byte"
done_testing
