#!/bin/sh
# The journal (SPEC §8): consults over weeks, with the clock set by
# KNOTWISE_NOW, escalate from the record alone; a new episode starts after
# 90 days or a no; a line that cannot be read is skipped and kept; a
# journal others may use is refused; consults that end together each
# leave one whole line; `history` shows it, as a table and a chart or as
# JSON, and --forget deletes it.
. "$TOP_SRCDIR/tests/cli/setup.sh"
kw=$KNOTWISE
TZ=UTC
export TZ
j=$tmp/journal.jsonl

# A person with a lower-back knot, every red flag answered no.
cat >"$tmp/base" <<'EOF'
saddle_numbness = no
bladder_bowel_change = no
sexual_function_change = no
both_legs_symptoms = no
leg_weakness_worsening = no
chest_pain = no
tearing_pain = no
sudden_belly_back_pain = no
sudden_breathless = no
major_trauma = no
stroke_signs = no
fever_stiff_neck = no
fever = no
cancer_history = no
weight_loss = no
night_pain = no
constant_pain = no
fragile_bone_injury = no
spine_procedure_recent = no
spine_lump = no
hand_clumsy_gait = no
urine_symptoms = no
calf_clot_signs = no
neck_dizzy = no
blood_thinners = no
osteoporosis = no
pregnant = no
clot_history = no
recent_surgery = no
skin_problem = no
fracture_recent = no
reduced_sensation = no
inflammatory_flare = no
implant_device = no
age = 40
pain_area = lower_back
worst_area = lower_back
side = left
weeks = 1
refers_to = buttock, outer_hip
worse_with = turning_in_bed, standing_up
tender_spot = yes
tools = ball
minutes_per_day = 15
EOF

# consult DATE [--set ID=VALUE]...: a piped consult on DATE with the journal.
consult() {
	date=$1
	shift
	run env KNOTWISE_NOW="${date}T09:30:00Z" "$kw" --answers "$tmp/base" --journal "$j" \
		--format json "$@"
}

level_is() { grep -q "\"level\": \"$1\"" "$tmp/out"; }
fired() { grep -q "\"rule\": \"$1\"" "$tmp/out"; }
records() { test "$(wc -l <"$j")" -eq "$1"; }
# json_holds EXPR: a Python test of the JSON result d.
json_holds() {
	"${PYTHON3:-python3}" -c "import json, sys; d = json.load(open(sys.argv[1])); sys.exit(not ($1))" \
		"$tmp/out"
}
# last_has TEXT: the journal's last line holds TEXT.
last_has() { tail -n 1 "$j" | grep -q -- "$1"; }

# --- where and when a journal is kept --------------------------------------
run "$kw" --answers "$tmp/base" --set pain_level=6 --format json
check "a piped consult without --journal keeps no journal" \
	test ! -e "$HOME/.local/state/knotwise"
check "and is as before" status_is 0

consult 2026-11-17 --set pain_level=6
check "a piped consult with --journal FILE exits 0" status_is 0
check "and appends one record" records 1
check "created for the user alone (0600)" test "$(stat -c %a "$j")" = 600
check "as the record of SPEC §8" sh -c "head -c 60 '$j' | grep -q '^{\"version\":1,\"time\":\"2026-11-17T09:30:00Z\",\"episode\":1,'"
check "with the answers, the level, the knots and the routine" \
	sh -c "grep -q '\"pain_level\":6' '$j' && grep -q '\"level\":\"self_care\",\"knots\":\[\"quadratus_lumborum\"' '$j' && grep -q '\"routine\":\[\"quadratus_lumborum_ball\"' '$j'"
check "and a first consult is as one without a journal" level_is self_care

# --- X1: two weeks of the routine on most days, and no better ---------------
consult 2026-11-24 --set pain_level=6 --set same_episode=yes \
	--set routine_days_since_last=6 --set progress=same
check "a week on, the journal's answers are filled in" \
	sh -c "grep -q '\"journal_consults\": 1' '$tmp/out' && grep -q '\"journal_days_since_first\": 7' '$tmp/out'"
check "and one week is not yet an escalation" level_is self_care
check "the record leaves the journal's own answers out" \
	sh -c "! tail -n 1 '$j' | grep -q journal_"
consult 2026-12-01 --set pain_level=6 --set same_episode=yes --set routine_days_since_last=6
check "two weeks of the routine and no better: a professional (X1)" level_is professional
check "said by the journal's rule" fired esc_journal_no_better
check "from the journal's days and pain" \
	sh -c "grep -q '\"journal_routine_days\": 6' '$tmp/out' && grep -q '\"journal_first_pain\": 6' '$tmp/out'"
check "three consults, three records" records 3
check "its record keeps the level" last_has '"level":"professional"'

# --- X2: worse each week -------------------------------------------------------
rm -f "$j"
consult 2026-11-03 --set pain_level=3
consult 2026-11-10 --set pain_level=5 --set same_episode=yes --set routine_days_since_last=3
check "worse after one week, with few days of routine, is still self-care" level_is self_care
consult 2026-11-17 --set pain_level=7 --set same_episode=yes --set routine_days_since_last=3
check "worse at each weekly consult: a professional (X2)" level_is professional
check "said by the journal's rule" fired esc_journal_worse_each_time

# --- X3: not largely better by four weeks ---------------------------------------
rm -f "$j"
consult 2026-11-03 --set pain_level=6
consult 2026-11-17 --set pain_level=5 --set same_episode=yes --set routine_days_since_last=2
check "a little better after two weeks, with few days of routine, is self-care" level_is self_care
consult 2026-12-01 --set pain_level=4 --set same_episode=yes --set routine_days_since_last=2 \
	--set progress=better
check "not down to half after four weeks: a professional (X3)" level_is professional
check "said by the journal's rule" fired esc_journal_not_largely_better

# --- X4: sessions leave it worse ------------------------------------------------------
rm -f "$j"
consult 2026-11-01 --set pain_level=5 --set worse_after_sessions=yes
check "a first consult with no routine yet does not ask whether sessions made it worse" \
	out_has "the answer to 'worse_after_sessions' was dropped"
consult 2026-11-08 --set pain_level=5 --set same_episode=yes --set routine_days_since_last=5 \
	--set worse_after_sessions=yes
check "a follow-up after days of routine asks it: worse twice is a professional (X4)" \
	level_is professional
check "said by the rule that stops the pressure work" fired esc_sessions_worse
check "and deep pressure is avoided" json_holds "'deep_pressure' in d['avoided']"

# --- a new episode -------------------------------------------------------------
rm -f "$j"
consult 2026-11-03 --set pain_level=3
consult 2026-11-10 --set pain_level=5 --set same_episode=yes --set routine_days_since_last=3
consult 2026-11-17 --set pain_level=7 --set same_episode=yes --set routine_days_since_last=3
consult 2027-02-20 --set pain_level=4
check "95 days after the last consult, nothing comes from the journal" \
	sh -c "! grep -q journal_ '$tmp/out'"
check "the follow-up questions are not asked of a script either" \
	sh -c "! grep -q '\"follow_up\"' '$tmp/out'"
check "and it starts episode 2" last_has '"episode":2,'
consult 2027-02-27 --set pain_level=4 --set same_episode=yes
check "a week later, episode 2 goes on" last_has '"episode":2,'
check "counting its consults alone" grep -q '"journal_consults": 1' "$tmp/out"
consult 2027-03-06 --set pain_level=4 --set same_episode=no --set routine_days_since_last=4
check "a no to the same pain starts episode 3" last_has '"episode":3,'
check "with the journal's answers taken back" sh -c "! grep -q journal_ '$tmp/out'"
check "keeping the answer that said so" last_has '"same_episode":false'
check "and no word about a dropped answer to it" sh -c "! grep -q \"same_episode' was dropped\" '$tmp/out'"
check "the days since the last consult are dropped: not asked in a new episode" \
	out_has "the answer to 'routine_days_since_last' was dropped"

consult 2027-03-13 --set pain_level=4 --set journal_first_pain=9 --set same_episode=yes
check "a script's own answer to a journal question wins" \
	grep -q '"journal_first_pain": 9' "$tmp/out"
check "the others still come from the journal" grep -q '"journal_consults": 1' "$tmp/out"

# --- what is not recorded ---------------------------------------------------------
check "so far, one record a consult" records 7
run env KNOTWISE_NOW=2027-03-14T09:30:00Z "$kw" --answers "$tmp/base" --set pain_level=11 \
	--journal "$j"
check "a consult that fails (bad answers, 65)" status_is 65
check "records nothing" records 7
run sh -c "KNOTWISE_NOW=2027-03-14T09:30:00Z '$kw' --answers '$tmp/base' --set pain_level=3 --journal '$j' >/dev/full"
check "a result that cannot be written (74)" status_is 74
check "records nothing either" records 7
run "$kw" --answers "$tmp/base" --journal "$j" --no-journal
check "--journal and --no-journal together are a usage error" status_is 64
run "$kw" batch --journal "$j" </dev/null
check "batch never keeps a journal" status_is 64
check "saying --journal does not apply to it" err_has "'--journal' does not apply to 'batch'"

# --- a line that cannot be read ------------------------------------------------------
printf '\001\377 not a record {{{\n' >>"$j"
cp "$j" "$tmp/before"
consult 2027-03-15 --set pain_level=3 --set same_episode=yes
check "a garbage line does not stop the consult" status_is 0
check "it is skipped with a warning naming FILE:LINE" \
	err_has "journal.jsonl:8: warning: journal line skipped, and left as it is"
check "the records around it still count" grep -q '"journal_consults": 2' "$tmp/out"
check "and the line is kept byte for byte" \
	sh -c "head -c \$(wc -c <'$tmp/before') '$j' | cmp -s - '$tmp/before'"
check "with the new record after it" records 9

# --- a journal others may use ---------------------------------------------------------
chmod 0620 "$j"
cp "$j" "$tmp/before"
consult 2027-03-16 --set pain_level=3
check "a journal its group may write is refused: 66" status_is 66
check "with an error naming it" err_has "journal.jsonl: error: journal not used: its group can write it \(mode 0620\)"
check "and nothing on stdout" out_empty
check "nor in the journal" cmp -s "$j" "$tmp/before"
chmod 0644 "$j"
consult 2027-03-16 --set pain_level=3
check "one anyone may read is refused too" err_has "anyone can read it \(mode 0644\), and it holds health data"
chmod 0600 "$j"

# --- consults that end at the same moment ------------------------------------------------
rm -f "$j"
i=0
while [ $i -lt 50 ]; do
	KNOTWISE_NOW=2026-12-01T09:30:00Z "$kw" --answers "$tmp/base" --set pain_level=$((i % 11)) \
		--journal "$j" --format json >/dev/null 2>&1 &
	i=$((i + 1))
done
wait
check "50 consults at once leave 50 lines" records 50
check "each one a whole record" "${PYTHON3:-python3}" -c "
import json, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
assert lines[-1] == '' and len(lines) == 51
pains = sorted(json.loads(l)['answers']['pain_level'] for l in lines[:-1])
assert pains == sorted(i % 11 for i in range(50)), pains
" "$j"

# --- an interactive consult keeps the default journal ----------------------------------------
cat >"$tmp/one.ini" <<'EOF'
[question hurts]
text = Does it hurt when you press the spot?
type = yesno
[rule pressed]
if = hurts
then = triage professional
because = It hurts.
EOF
# talk REPLY... -- ARG...: a consult in a terminal, typing the replies; its
# result in $tmp/out, the screen in $tmp/err.
talk() {
	run "${PYTHON3:-python3}" -c "
import sys
sys.path.insert(0, sys.argv[1])
import ptydrive
split = sys.argv.index('--')
status, out, screen, prompts = ptydrive.converse(sys.argv[split + 1:], sys.argv[2:split],
                                                journal=True)
sys.stdout.write(out)
sys.stderr.write(screen)
sys.exit(0 if status == 0 else 1)" "$TOP_SRCDIR/tests" "$@"
}
default=$HOME/.local/state/knotwise/journal.jsonl
talk yes -- "$kw" --no-default-rules --rules "$tmp/one.ini"
check "an interactive consult completes" status_is 0
check "and is kept in ~/.local/state/knotwise/journal.jsonl" test "$(wc -l <"$default")" -eq 1
check "in a folder for the user alone (0700)" \
	test "$(stat -c %a "$HOME/.local/state/knotwise")" = 700
talk quit -- "$kw" --no-default-rules --rules "$tmp/one.ini"
check "one that is quit" status_is 1
check "records nothing" test "$(wc -l <"$default")" -eq 1
talk yes -- "$kw" --no-default-rules --rules "$tmp/one.ini" --no-journal
check "--no-journal: nothing is recorded" test "$(wc -l <"$default")" -eq 1
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
talk yes -- "$kw" --no-default-rules --rules "$tmp/one.ini"
check "XDG_STATE_HOME moves it" test "$(wc -l <"$tmp/state/knotwise/journal.jsonl")" -eq 1
unset XDG_STATE_HOME

# --- an interactive follow-up consult ------------------------------------------------
cat >"$tmp/follow.ini" <<'EOF'
[settings]
pain_from = pain
episode_from = same
[question pain]
text = How bad is the pain, from 0 to 10?
type = scale
order = 1
[question tools]
text = What do you have at hand?
type = multi
choice = ball | A tennis ball
choice = hands | Your hands
order = 2
[question same]
text = Is this the same pain as last time?
type = yesno
ask_if = known(consults)
order = 3
[question consults]
text = Earlier consults
type = number
min = 0
max = 1000
journal = consults
[question days]
text = Days since the first consult
type = number
min = 0
max = 100000
journal = days_since_first
[question first_pain]
text = The pain at the first consult
type = scale
journal = first_pain
[rule no_better]
if = days >= 14 and pain >= first_pain and not same == no
then = triage professional
because = Two weeks on, the pain is no better.
[rule severe]
if = pain >= 8
then = triage professional
because = The pain is severe.
[knot ql]
name = Quadratus lumborum
region = lower_back
[routine ql_ball]
title = Lean on a ball
kind = release
for = ql
if = tools has ball
step = Lean on the ball.
minutes = 5
[routine ql_hands]
title = Press with your thumbs
kind = release
for = ql
step = Press.
minutes = 5
[rule sore]
if = pain >= 1
then = suspect ql 0.8
because = It hurts.
EOF
f=$tmp/follow.jsonl
asks() { grep -q -- "$1" "$tmp/err"; }
follow() {
	KNOTWISE_NOW=${1}T09:30:00Z
	export KNOTWISE_NOW
	shift
	talk "$@" -- "$kw" --no-default-rules --rules "$tmp/follow.ini" --journal "$f" --format json
	unset KNOTWISE_NOW
}
follow 2026-11-17 5 1
check "a first consult in a terminal is recorded" test "$(wc -l <"$f")" -eq 1
check "and does not ask whether it is the same pain" sh -c "! grep -q 'same pain' '$tmp/err'"
follow 2026-12-01 6 "" yes
check "a follow-up opens with the last consult in words" \
	asks "^Last time, 14 days ago: pain 5/10, the quadratus lumborum routine\."
check "offers the last answers as defaults" asks "^Last time: A tennis ball\. Press Enter to keep it\."
check "which Enter keeps" grep -q '"tools":\["ball"\]' "$f"
check "asks whether it is the same pain" asks "^Is this the same pain as last time\?"
check "and, no better two weeks on, says to see a professional" \
	grep -q '"level": "professional"' "$tmp/out"
check "from the journal's answers" grep -q '"days": 14' "$tmp/out"
follow 2026-12-02 6 "" no
check "a no to the same pain" sh -c "! grep -q '\"level\": \"professional\"' '$tmp/out'"
check "starts episode 2 in the journal" sh -c "tail -n 1 '$f' | grep -q '\"episode\":2,'"
check "keeping the no that said so" sh -c "tail -n 1 '$f' | grep -q '\"same\":false'"
follow 2026-12-03 6 "" yes
check "the next consult goes on with episode 2" sh -c "tail -n 1 '$f' | grep -q '\"episode\":2,'"
check "a follow-up question offers no answer from last time" sh -c "! grep -q '^Last time: yes\.' '$tmp/err'"
check "starting from its one consult" asks "^Last time, yesterday: pain 6/10"

# --- a piped no starts a new episode where it is asked ------------------------------
cat >"$tmp/episode.ini" <<'EOF'
[settings]
episode_from = same
[question consults]
text = Earlier consults
type = number
journal = consults
[question same]
text = Same pain?
type = yesno
order = 50
[question followup]
text = Did it help?
type = yesno
ask_if = known(consults)
[rule r]
if = followup or same
then = triage self_care
EOF
e=$tmp/episode.jsonl
run "$kw" --no-default-rules --rules "$tmp/episode.ini" --journal "$e" --set same=yes
run "$kw" --no-default-rules --rules "$tmp/episode.ini" --journal "$e" --set same=no \
	--set followup=yes --format json
check "a piped no to the same pain keeps that answer" out_has '"same": false'
check "and drops the follow-up the questionnaire would not ask" \
	sh -c "! grep -q '\"followup\"' '$tmp/out'"
check "saying so" out_has "the answer to 'followup' was dropped"

# --- history ------------------------------------------------------------------------
h=$tmp/history.jsonl
run "$kw" history --journal "$h"
check "history of a journal that does not exist exits 0" status_is 0
check "saying so plainly" out_has "^There is no journal yet at .*history.jsonl: knotwise keeps one"
: >"$h"
chmod 600 "$h"
run "$kw" history --journal "$h"
check "an empty journal is said to be empty" out_has "^No consults are recorded yet in the journal .*history.jsonl\.$"
check "with exit 0" status_is 0
run "$kw" history --journal "$h" --format json
check "in JSON, an empty array" test "$(cat "$tmp/out")" = "[]"

run env KNOTWISE_NOW=2026-11-03T09:30:00Z "$kw" --answers "$tmp/base" --set pain_level=6 \
	--journal "$h"
run env COLUMNS=80 "$kw" history --journal "$h"
check "one consult: when" out_has "^1 consult, on 2026-11-03\.$"
check "its row: date, pain, advice, routine, top knot" \
	out_has "^2026-11-03  6/10   self-care     -         Quadratus lumborum$"
check "and a chart with its one point" test "$(grep -c '\*' "$tmp/out")" -eq 2
check "at the pain it gave" out_has "^ 6 \| \*$"

# Thirty consults, two days apart; a new episode from the 21st; one line
# that cannot be read, and one record with a member knotwise does not know.
"${PYTHON3:-python3}" - "$h" <<'EOF'
import datetime, json, sys
start = datetime.datetime(2026, 9, 1, 9, 30)
with open(sys.argv[1], "w") as f:
    for i in range(30):
        t = (start + datetime.timedelta(days=2 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        record = {"version": 1, "time": t, "episode": 1 if i < 20 else 2,
                  "answers": {"pain_level": [8, 7, 7, 6, 5][i % 5] - i // 10,
                              "routine_days_since_last": i % 3},
                  "level": "professional" if i == 12 else "self_care",
                  "knots": ["quadratus_lumborum"], "routine": ["quadratus_lumborum_ball"]}
        if i == 3:
            record["mood"] = {"later": ["versions", {"may": "add"}]}
        f.write(json.dumps(record) + "\n")
        if i == 9:
            f.write("not a record\n")
EOF
run env COLUMNS=120 "$kw" history --journal "$h"
check "thirty consults: what the journal holds" \
	out_has "^30 consults, from 2026-09-01 to 2026-10-29 \(1 line of the journal could not be read\)\.$"
check "the line it could not read is named" err_has "history.jsonl:11: warning: journal line skipped"
check "one row a consult" test "$(grep -c '^2026-[0-9-]* *[0-9]*/10 ' "$tmp/out")" -eq 30
check "the newest last" sh -c "grep '^2026-[0-9-]* *[0-9]*/10 ' '$tmp/out' | tail -n 1 | grep -q '^2026-10-29 '"
check "where a new episode starts is marked" out_has "^-- a new episode starts --$"
check "the routine done since the consult before" out_has "^2026-09-03  7/10   self-care     1 day     Quadratus"
check "or not" out_has "^2026-09-07  6/10   self-care     no "
check "the advice in words" out_has "^2026-09-25  [0-9]+/10 +professional"
check "at 120 columns no line is wider" test "$(awk '{ if (length > m) m = length } END { print m }' "$tmp/out")" -le 120
check "and the chart spans them" test "$(grep -c -- '^   +-*$' "$tmp/out")" -eq 1
check "its axis 120 columns wide" test "$(grep -- '^   +-*$' "$tmp/out" | awk '{ print length }')" -eq 120
check "a point for every consult" test "$(grep '|' "$tmp/out" | tr -cd '*' | wc -c)" -eq 30
check "with the first and the last date under it" out_has "^     2026-09-01 +2026-10-29$"
run env COLUMNS=40 "$kw" history --journal "$h"
check "at 40 columns no line is wider" test "$(awk '{ if (length > m) m = length } END { print m }' "$tmp/out")" -le 40
check "the axis is 40 wide" test "$(grep -- '^   +-*$' "$tmp/out" | awk '{ print length }')" -eq 40
check "the knot goes on a line of its own" out_has "^           Quadratus lumborum$"
check "every row is still there" test "$(grep -c '^2026-[0-9-]* *[0-9]*/10 ' "$tmp/out")" -eq 30
check "and what it holds is wrapped" out_has "^30 consults, from 2026-09-01 to$"
run env COLUMNS=12 "$kw" history --journal "$h"
check "a narrower terminal still gets 40 columns" \
	test "$(grep -- '^   +-*$' "$tmp/out" | awk '{ print length }')" -eq 40
run "$kw" history --journal "$h" --format json
check "--format json: the records as a JSON array" "${PYTHON3:-python3}" -c "
import json, sys
records = json.load(open(sys.argv[1]))
assert len(records) == 30 and records[0]['time'] == '2026-09-01T09:30:00Z', records[0]
assert records[3]['mood'] == {'later': ['versions', {'may': 'add'}]}
" "$tmp/out"
run "$kw" history --journal "$h" --format html
check "--format html does not apply to history" status_is 64
run "$kw" history now
check "history takes no arguments" status_is 64
chmod 0640 "$h"
run "$kw" history --journal "$h"
check "a journal its group may read is refused by history too: 66" status_is 66
chmod 0600 "$h"
run "$kw" history
check "by default, the journal of the consults made in a terminal" out_has "^1 consult, on "

# --- history --forget ------------------------------------------------------------------
run "$kw" history --journal "$h" --yes
check "--yes alone is a usage error" status_is 64
run_in /dev/null "$kw" history --journal "$h" --forget
check "--forget with no terminal to ask at is a usage error" status_is 64
check "that says to add --yes" err_has "add --yes"
check "and deletes nothing" test -s "$h"
talk no -- "$kw" history --journal "$h" --forget
check "a no at the prompt" status_is 0
check "deletes nothing" test -s "$h"
check "and says so" out_has "^Nothing was deleted: the journal .*history.jsonl \(30 consults, from 2026-09-01 to 2026-10-29, and 1 line it could not read\) is kept\.$"
talk yes -- "$kw" history --journal "$h" --forget
check "a yes at the prompt deletes it" test ! -e "$h"
check "saying what it deleted" out_has "^Deleted the journal .*history.jsonl \(30 consults, from 2026-09-01 to 2026-10-29, and 1 line it could not read\)\.$"
run "$kw" history --forget --yes
check "--forget --yes deletes the default journal at once" sh -c "test $status -eq 0 && test ! -e '$default'"
check "saying what it deleted" out_has "^Deleted the journal .*/\.local/state/knotwise/journal\.jsonl \(1 consult, on "
run "$kw" history --forget --yes
check "with nothing left, it says so" out_has "^Nothing to delete: there is no journal at "
check "and exits 0" status_is 0

done_testing
