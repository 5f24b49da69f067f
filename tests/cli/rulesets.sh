#!/bin/sh
# A therapist's client files and a user's own rule directory on top of the
# built-in set (disabling, overrides, `changes`, safety items), and the
# rule-file features a script relies on: [message] wording, `advice`,
# `recheck_if`, a certain emergency with answers missing, comparisons
# between two numbers, groups and settings that are checked at load.
. "$TOP_SRCDIR/tests/cli/setup.sh"
kw() { "$KNOTWISE" "$@"; }
# flat_has REGEX: stdout matches with its lines joined (text wraps).
flat_has() { tr '\n' ' ' <"$tmp/out" | tr -s ' ' | grep -Eq -- "$1"; }
# json_ok EXPR: a Python expression over `doc`, the JSON on stdout.
json_ok() {
	"${PYTHON3:-python3}" -c 'import json, sys
doc = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$tmp/out" "$1"
}
mkdir -p "$tmp/client"
client=$tmp/client/50-client.ini

# Disabling what is not there is an error at its line, with a suggestion.
printf '# the therapist meant the routine\n[rule rhomboids_ball]\ndisabled = yes\n' >"$client"
run kw check "$tmp/client"
check "disabling a routine as a rule fails check" status_is 1
check "at the disabling line, suggesting the right kind" \
	err_has '50-client\.ini:2: error: no earlier \[rule rhomboids_ball\] to disable; did you mean \[routine rhomboids_ball\]\?'
run kw -r "$tmp/client" --partial --set pain_area=neck
check "and ask refuses the rule set (78)" status_is 78
printf '[routine quadratus_lumborum_bal]\ndisabled = yes\n' >"$client"
run kw check "$tmp/client"
check "a misspelt id is suggested" err_has "50-client\.ini:1: error: .*did you mean 'quadratus_lumborum_ball'\?"

# Disabling a built-in knot removes what names it; nothing else breaks.
printf '# no piriformis work for this client\n[knot piriformis]\ndisabled = yes\n' >"$client"
run kw check "$tmp/client"
check "disabling a built-in knot checks clean" status_is 0
check "with no error or warning in the built-in files" sh -c "! grep -E ': (error|warning):' '$tmp/err'"
check "one note at the disabling line lists what went with it" \
	err_has "50-client\.ini:2: note: disables knot 'piriformis' .*with it went the 'for' entries of routines: piriformis_ball, .*rules left with no action: piriformis_"
run kw -r "$tmp/client" --format json --partial --set pain_area=hip_buttock \
	--set refers_to=buttock,back_thigh --set worse_with=sitting,crossing_legs --set tools=ball
check "a consult with it runs" status_is 0
check "and never lists the knot" json_ok '"piriformis" not in [k["id"] for k in doc["knots"]]'
check "nor a routine for it" json_ok 'not any("piriformis" in r["for"] for r in doc["routine"])'
check "and lists the change" \
	json_ok '{"kind": "knot", "id": "piriformis", "change": "disabled"}.items() <= doc["changes"][0].items()'
run kw -r "$tmp/client" --partial --set pain_area=hip_buttock --why-not piriformis
check "--why-not names the line that disabled it" flat_has 'switched off \(disabled = yes\) at .*50-client\.ini:2'

printf '[question wallet_back_pocket]\ndisabled = yes\n[routine quadratus_lumborum_ball]\ndisabled = yes\n' >"$client"
run kw check "$tmp/client"
check "disabling a built-in question and routine checks clean" status_is 0
run kw -r "$tmp/client" --format json --partial --set wallet_back_pocket=yes
check "an answer to a disabled question is an unknown question" status_is 65
run kw -r "$tmp/client" --format json --partial --set pain_area=lower_back \
	--set refers_to=outer_hip,flank --set worse_with=turning_in_bed --set tools=ball
check "a disabled routine is never chosen" \
	json_ok '"quadratus_lumborum_ball" not in [r["id"] for r in doc["routine"]]'
check "while its knot still gets one" json_ok 'doc["knots"][0]["id"] == "quadratus_lumborum" and doc["routine"]'
run kw -r "$tmp/client" --partial --set pain_area=lower_back --why-not quadratus_lumborum_ball
check "--why-not a disabled routine names the line that disabled it" \
	flat_has 'routine quadratus_lumborum_ball\? - it was switched off \(disabled = yes\) at .*50-client\.ini:3'

printf '[rule rf_saddle_numbness]\ndisabled = yes\nif = saddle_numbness\n' >"$client"
run kw check "$tmp/client"
check "a disabled section's other keys are a warning" \
	err_has "50-client\.ini:2: warning: \[rule rf_saddle_numbness\] is disabled, so its other keys are ignored"

# A user's own directory that switches a red-flag rule off: the result says so.
mkdir -p "$tmp/.config/knotwise/rules.d"
user=$tmp/.config/knotwise/rules.d/50-mine.ini
printf '[rule rf_saddle_numbness]\ndisabled = yes\n' >"$user"
chmod 600 "$user"
run kw check
check "check warns when a safety rule is disabled" \
	err_has "50-mine\.ini:1: warning: disables the safety item rule 'rf_saddle_numbness'"
run kw --partial --set saddle_numbness=yes --format json
check "JSON lists the change, with file and line" \
	json_ok 'doc["changes"][0]["id"] == "rf_saddle_numbness" and doc["changes"][0]["change"] == "disabled" and doc["changes"][0]["file"].endswith("50-mine.ini") and doc["changes"][0]["line"] == 1'
run kw --partial --set saddle_numbness=yes
check "the text names the changed safety check" \
	flat_has 'Safety checks changed by local rule files: "Numbness around the bottom or genitals'
check "with the file that changed it" flat_has '50-mine\.ini:1\)'
printf '[question saddle_numbness]\ntext = Numb?\ntype = yesno\nrequired = yes\nunsure = no\n' >"$user"
run kw check
check "replacing a required question is a warning too" \
	err_has "50-mine\.ini:1: warning: replaces the safety item question 'saddle_numbness'"
run kw --partial --set saddle_numbness=no
check "and the text names the replaced safety question" \
	flat_has 'Safety checks changed by local rule files: "Is there new numbness.* was changed \(.*50-mine\.ini:1\)'
run kw --partial --set saddle_numbness=unsure --format json
check "and is listed as an override" \
	json_ok '[(c["kind"], c["id"], c["change"]) for c in doc["changes"]] == [("question", "saddle_numbness", "override")]'
rm -f "$user"

# The wording of the result comes from [message] sections and `advice`.
cat >"$client" <<'MSG'
[message level_emergency]
text = Call 911 now, or go to the nearest emergency room.
[message level_urgent]
text = Go to an urgent care clinic today.
MSG
run kw -r "$tmp/client" --set saddle_numbness=yes
check "a client's emergency wording is what the person reads" out_has 'Call 911 now'
run kw -r "$tmp/client" --set saddle_numbness=yes --format json
check "and JSON's triage.advice" out_has '"advice": "Call 911 now, or go to the nearest emergency room\."'
check "an emergency certain without the other screens exits 0" status_is 0
check "and warns about the unanswered ones" \
	json_ok 'any("no answer to" in w and "bladder_bowel_change" in w for w in doc["warnings"])'
run kw -r "$tmp/client" --partial --set fever=yes
check "a client's urgent wording is what the person reads" out_has 'Go to an urgent care clinic today\.'
check "instead of the built-in one" sh -c "! grep -q 'See a doctor today: ask your doctor' '$tmp/out'"
printf '{"id": "a", "saddle_numbness": "yes"}\n{"id": "b", "pain_area": ["neck"]}\n' >"$tmp/in.jsonl"
run_in "$tmp/in.jsonl" kw -r "$tmp/client" batch
check "batch gives the certain emergency" out_has '^\{"id":"a","version":1,"triage":\{"level":"emergency","advice":"Call 911'
check "and an error where it is not certain" out_has '^\{"id":"b","error":\{"code":65,.*required questions left unanswered'
check "so batch exits 65" status_is 65

# Small rule sets for the features themselves.
cat >"$tmp/base.ini" <<'RULES'
[question describe]
text = In your own words?
type = text
order = 1
[question saddle]
text = Numb between the legs?
type = yesno
unsure = yes
recheck_if = describe ~ "(?i)\bnumb\w*\b.{0,30}\b(bottom|bum|genitals?)\b"
  or describe ~ "(?i)saddle"
[question pain]
text = Pain now?
type = scale
[question last_pain]
text = Pain last time
type = scale
journal = last_pain
[rule em]
if = saddle
then = triage emergency
because = Numbness there can mean the nerves are squeezed.
[rule worse]
if = pain > last_pain
then = triage professional
because = Worse than last time.
advice = Book a physiotherapist this week.
RULES
base() { "$KNOTWISE" --no-default-rules --rules "$tmp/base.ini" "$@"; }
run base --format json --set 'describe=it goes numb round my bum when I sit' --set saddle=no
check "a no that the person's words contradict is taken as unsure" out_has '"level": "emergency"'
check "with a warning quoting the words" \
	out_has "'saddle' was answered no, but the answers disagree \\(describe = .*goes numb round my bum"
run base --format json --set 'describe=it goes numb round my bum when I sit' --set saddle=no
check "quoting them once, however many patterns looked" \
	json_ok 'sum(w.count("goes numb round my bum") for w in doc["warnings"]) == 1'
run base --format json --set 'describe=no numbness at all, just an ache' --set saddle=no
check "words that do not match leave the no alone" out_has '"level": "self_care"'
run base --format json --set pain=6 --set last_pain=4
check "a number compared with a number" out_has '"level": "professional"'
check "and the winning rule's advice" out_has '"advice": "Book a physiotherapist this week\."'
run base --format json --set pain=3 --set last_pain=4
check "holds only when it should" out_has '"level": "self_care"'
check "and a level with no message has null advice" out_has '"advice": null'
printf '[question t]\ntext = T?\ntype = text\n[rule r]\nif = pain > t\nthen = triage urgent\n' >"$client"
run base -r "$client" check
check "comparing a number with a text is an error" \
	err_has "50-client\.ini:5: error: 't' is a text: only numbers and scales can be compared"

printf '[settings]\nmax_knot = 3\n' >"$client"
run base -r "$client" check
check "a misspelt setting is one error" err_has "^knotwise: 1 error"
check "naming the key" err_has "unknown key 'max_knot' in \[settings\]; did you mean 'max_knots'\?"
printf '[settings]\nregions_from = pain\nside_from = nothing\n' >"$client"
run base -r "$client" check
check "regions_from needs a multi of regions" err_has "50-client\.ini:2: error: 'regions_from' needs a multi question"
check "side_from names a question" err_has "50-client\.ini:3: error: unknown question 'nothing' in the settings"
printf '[question q]\ntext = Q?\ntype = yesno\njournal = visits\n[knot k]\nname = K\nmap = 120, 4\n' >"$client"
run base -r "$client" check
check "an unknown journal field is an error at its line" err_has "50-client\.ini:4: error: unknown journal field 'visits'"
check "a map outside 0-100 is an error" err_has "50-client\.ini:7: error: 'map' is 'X, Y'"
cat >"$client" <<'GROUP'
[question early]
text = Early?
type = yesno
order = 0
[question late]
text = Late?
type = yesno
order = 50
[question a]
text = A?
type = yesno
order = 20
[question b]
text = B?
type = yesno
order = 30
ask_if = a
[group g]
text = Any of these?
questions = a, b
GROUP
run base -r "$client" check
check "a member's ask_if must come before the group" \
	err_has "50-client\.ini:13: error: the ask_if of 'b' names 'a', which is not asked before group 'g' starts"

# Suggestions where the mistake is easy to make.
printf '[routine r]\ntitle = R\nkind = release\nfor = rhomboid\nstep = s\nminutes = 1\n' >"$client"
run kw check "$client"
check "an unknown knot in 'for' gets a suggestion" \
	err_has "50-client\.ini:4: error: unknown knot 'rhomboid' in 'for'; did you mean 'rhomboids'\?"
printf '[rule r]\nif = pain_area has neck\nthen = recommend upper_trapezius_hand\nbecause = x\n' >"$client"
run kw check "$client"
check "a misspelt routine in recommend gets a suggestion" \
	err_has "50-client\.ini:3: error: unknown routine 'upper_trapezius_hand'; did you mean 'upper_trapezius_hands'\?"
printf '[rule r]\nif = TOOLS has ball\nthen = triage urgent\n' >"$client"
run kw check "$client"
check "an id in the wrong case gets the right one" err_has "unknown question or fact 'TOOLS'; did you mean 'tools'\?"
printf '[rule r]\nif = describe ~ \342\200\234numb\342\200\235\nthen = triage urgent\n' >"$client"
run kw check "$client"
check "curly quotes are named as such" err_has "error: a curly quote: strings take straight double quotes"
printf '[rule r]\nif = pain_area has neck\nthen = avoid deep_presure\nbecause = Typo.\n' >"$client"
run kw check "$client"
check "an avoided tag that is a typo is a warning" \
	err_has "50-client\.ini:3: warning: no routine carries the tag 'deep_presure'; did you mean 'deep_pressure'\?"
done_testing
