#!/bin/sh
# Command-line conventions: usage, exit codes, where rules come from,
# output that is all or nothing.
. "$TOP_SRCDIR/tests/cli/setup.sh"
kw=$KNOTWISE
rules=$tmp/rules
mkdir -p "$rules"
cp "$TOP_SRCDIR/tests/fixtures/cli/pain.ini" "$rules/10-base.ini"
own="--no-default-rules --rules $rules"
printf '{"pain": 1}\n' >"$tmp/pain1"

run "$kw" --help
check "--help goes to stdout and exits 0" status_is 0
for command in ask check list batch; do
	check "--help lists $command" out_has "^  $command"
done
check "--help is quiet on stderr" err_empty
check "--help shows each command's options under its name" out_has '^list options:$'
check "as batch's --partial" \
	sh -c "sed -n '/^batch options:/,/^\$/p' '$tmp/out' | grep -q -- '^ *--partial '"
check "and no section for a command that takes none" sh -c "! grep -q '^check options:' '$tmp/out'"
run "$kw" -V
check "-V prints name and version" out_has '^knotwise [0-9]+\.[0-9]+\.[0-9]+$'
run "$kw" --bogus
check "an unknown option exits 64" status_is 64
check "an unknown option names itself" err_has "'--bogus'"
check "a usage error hints at --help" err_has "Try 'knotwise --help'"
run "$kw" frobnicate
check "an unknown command exits 64" status_is 64
check "and the commands are named" err_has "unknown command 'frobnicate' \(ask, check, list, batch or history\)"
run "$kw" --format yaml
check "an unknown format exits 64" status_is 64
check "and the formats are named" err_has "unknown format 'yaml' \(text, json or html\)"
run "$kw" --color=sometimes
check "an unknown colour exits 64" status_is 64
run "$kw" list
check "list without a kind exits 64" status_is 64
run "$kw" $own batch --set pain=3
check "an option the command does not take exits 64" status_is 64
check "and says which" err_has "'--set' does not apply to 'batch'"
run "$kw" $own check --explain
check "check takes no ask option" status_is 64
run "$kw" $own list knots --explain
check "nor does list" err_has "'--explain' does not apply to 'list'"
run_in "$tmp/pain1" "$kw" $own batch --partial
check "batch takes --partial" status_is 0

run "$kw" $own ask --set pain=7 --format json
check "ask with --set exits 0" status_is 0
check "the knot is listed" out_has '"id": "k"'
run "$kw" ask $own --format=json --set pain=7
check "options may follow the command" out_has '"id": "k"'
run "$kw" $own --set pain=7 --format json
check "ask is the default command" out_has '"id": "k"'

printf 'pain = 7\n' >"$tmp/answers"
run "$kw" $own --answers "$tmp/missing" --format json
check "a missing answers file exits 66" status_is 66
check "a missing answers file is named" err_has missing
run "$kw" --no-default-rules --rules "$tmp/nowhere" --set pain=1
check "a missing rules path exits 66" status_is 66
run "$kw" --no-default-rules check "$tmp/nowhere"
check "check on a missing path exits 66" status_is 66
printf '[rule r]\nif = nothing\nthen = triage urgent\n' >"$tmp/bad.ini"
run "$kw" $own --rules "$tmp/bad.ini" --set pain=1
check "invalid rules exit 78" status_is 78
check "invalid rules print nothing on stdout" out_empty
check "the error names file and line" err_has 'bad.ini:2: error: unknown question or fact'

run "$kw" $own --answers "$tmp/answers" --format json
check "answers from a file" out_has '"pain": 7'
run_in "$tmp/answers" "$kw" $own --answers - --format json
check "--answers - reads stdin" out_has '"pain": 7'
run "$kw" $own --set pain=11
check "an answer out of range exits 65" status_is 65
check "and prints nothing" out_empty

run "$kw" $own --set pain=7 --format json
cp "$tmp/out" "$tmp/first"
run "$kw" $own --set pain=7 --format json
check "the same answers give the same output" cmp -s "$tmp/out" "$tmp/first"

for cmd in "--set pain=7" "--set pain=7 --format json" "list rules" "--help"; do
	run sh -c "\"$kw\" $own $cmd >/dev/full"
	check "writing to /dev/full exits 74 ($cmd)" status_is 74
	check "and says why ($cmd)" err_has 'cannot write output'
done
run sh -c "printf '{\"pain\": 1}\n' | \"$kw\" $own batch >/dev/full"
check "batch to /dev/full exits 74" status_is 74

printf '{"pain": 7}\n\n{"id": [1], "pain": 1}\nnot json\n{"pain": 99}\n' >"$tmp/batch"
run_in "$tmp/batch" "$kw" $own batch
check "batch exits 65 when a record fails" status_is 65
check "batch skips blank lines" out_lines 4
check "batch ids default to the line number" out_has '^\{"id":1,|"id":1[,}]'
check "batch echoes any JSON id" out_has '"id":\[1\]'
check "batch reports a bad line in place" out_has '"id":4,"error"|"error".*"id":4'
check "batch names the bad value" out_has 'pain.*0 to 10'

# lines leave several to a write, but none is held while batch waits for
# input: a client that sends one record and waits gets its result
check "batch answers each record before the next arrives" \
	"${PYTHON3:-python3}" - "$kw" $own batch <<'PY'
import select, subprocess, sys
p = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
for pain in (1, 7, 99):
    p.stdin.write(b'{"pain": %d}\n' % pain)
    p.stdin.flush()
    if not select.select([p.stdout], [], [], 10)[0] or not p.stdout.readline():
        sys.exit("no result for pain %d while the input stays open" % pain)
p.stdin.close()
sys.exit(0 if p.wait() == 65 else 1)
PY

tab=$(printf '\t')
run "$kw" $own list rules
check "list shows id and file:line" out_has "^r${tab}.*10-base.ini:6${tab}Strong pain\\.\$"
run "$kw" $own list knots --format json
check "list --format json is data" out_has '"id": "k"'

# What a script writer needs to answer the built-in questions.
run "$kw" list questions
check "list questions gives each one's allowed values" \
	out_has "^tools${tab}multi${tab}hands,ball,foam_roller,spine_massager,cane${tab}optional"
check "and bounds" out_has "^pain_level${tab}scale${tab}0\\.\\.10${tab}"
check "and whether it must be answered, and what unsure means" \
	out_has "^saddle_numbness${tab}yesno${tab}yes\\|no${tab}required,unsure=yes${tab}"
check "and when it is asked" out_has "^sb1${tab}.*,ask_if=pain_area has lower_back${tab}"
run "$kw" list questions --format json
check "in JSON with every key" "${PYTHON3:-python3}" -c 'import json, sys
q = {x["id"]: x for x in json.load(open(sys.argv[1]))}
t = q["tools"]
assert [c["id"] for c in t["choices"]][:2] == ["hands", "ball"], t
assert q["pain_level"]["min"] == 0 and q["pain_level"]["max"] == 10
assert q["saddle_numbness"]["required"] is True and q["saddle_numbness"]["unsure"] == "yes"
assert q["sb1"]["ask_if"] == "pain_area has lower_back", q["sb1"]' "$tmp/out"
run "$kw" list routines
check "list routines gives kind, minutes, knots and tags" \
	out_has "^quadratus_lumborum_ball${tab}release${tab}[0-9]+ min${tab}quadratus_lumborum${tab}[a-z_,]*deep_pressure"
run "$kw" list knots --format json
check "list knots gives region and where" "${PYTHON3:-python3}" -c 'import json, sys
k = {x["id"]: x for x in json.load(open(sys.argv[1]))}
assert k["piriformis"]["region"] == "hip_buttock" and k["piriformis"]["where"]' "$tmp/out"

mkdir -p "$tmp/.config/knotwise/rules.d"
printf '[rule r]\nif = pain >= 1\nthen = suspect k 0.9\nbecause = Any pain.\n' \
	>"$tmp/.config/knotwise/rules.d/50-mine.ini"
run "$kw" --rules "$rules" --set pain=2 --format json --no-default-rules
check "--no-default-rules skips the user directory" out_has '"knots": \[\]'
rm -rf "$tmp/.config"

run "$kw" check
check "the built-in rules check clean" status_is 0
check "check prints a summary" err_has '0 errors'
run "$kw" list knots
check "the built-in rules have the 18 knots" out_lines 18
check "each with its region and where to find it" \
	sh -c "awk -F '\t' 'NF != 5 || \$2 == \"-\" || \$3 == \"-\"' '$tmp/out' | grep -q . && exit 1 || exit 0"
check "upper trapezius on top of the shoulder" \
	out_has '^upper_trapezius	neck	The thick ridge of muscle on top of the shoulder'

done_testing
