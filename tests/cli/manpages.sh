#!/bin/sh
# The manual pages and the bash completion: mandoc finds nothing to warn
# about, knotwise(1) documents every option, command and exit status that
# --help prints, the worked example of knotwise-rules(5) still loads and
# gives what the page says, and the completion script parses and completes.
. "$TOP_SRCDIR/tests/cli/setup.sh"
if [ -z "${MANDOC-}" ] || [ ! -x "$MANDOC" ]; then
	echo "1..0 # SKIP mandoc not found"
	exit 0
fi
man1=$TOP_SRCDIR/man/knotwise.1
man5=$TOP_SRCDIR/man/knotwise-rules.5
completion=$TOP_SRCDIR/src/cli/bash-completion/knotwise
kw=$KNOTWISE
status=0

# section NAME: the text of one section of the rendered knotwise.1.
section() {
	awk -v name="$1" '$0 == name { on = 1; next } /^[A-Z]/ { on = 0 } on' \
		"$tmp/knotwise.txt"
}

# is_item SECTION PATTERN: a list item of SECTION starts with PATTERN
# (an ERE), at the page's text indent.
is_item() {
	section "$1" | grep -Eq -- "^[[:space:]]{5}$2([[:space:]=]|\$)"
}

run "$MANDOC" -Tlint -W warning "$man1" "$man5"
check "mandoc -Tlint -W warning passes both pages" status_is 0
check "mandoc has nothing to say about them" err_empty
check "nor on stdout" out_empty

# The rendered page, as a reader sees it: no overstrike.
bs=$(printf '\b')
"$MANDOC" -Tascii "$man1" | sed "s/.$bs//g" >"$tmp/knotwise.txt"
"$kw" --help >"$tmp/help"

for option in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
	check "knotwise.1 mentions $option" grep -q -- "$option" "$tmp/knotwise.txt"
	check "knotwise.1 has $option under OPTIONS" \
		is_item OPTIONS "(-[a-zA-Z], )?$option"
done
grep -o -- '-[a-zA-Z], --[a-z][a-z-]*' "$tmp/help" >"$tmp/pairs"
while read -r short long; do
	check "knotwise.1 pairs $short $long as --help does" \
		is_item OPTIONS "$short $long"
done <"$tmp/pairs"

for command in $(sed -n '/^Commands:/,/^$/p' "$tmp/help" | awk 'NR > 1 && NF { print $1 }'); do
	check "knotwise.1 has the command $command under COMMANDS" is_item COMMANDS "$command"
done

for code in $(awk '/^Exit status:/ { on = 1 } on { print } on && /\.$/ { exit }' "$tmp/help" |
	      grep -o '[0-9][0-9]*'); do
	check "knotwise.1 lists exit status $code under EXIT STATUS" is_item 'EXIT STATUS' "$code"
done

# The worked example of knotwise-rules(5), taken from the page itself.
awk '/^# desk\.ini/ { on = 1 } on && /^\.Ed/ { exit } on' "$man5" >"$tmp/desk.ini"
desk() { "$kw" --no-default-rules --rules "$tmp/desk.ini" "$@"; }
run desk check
check "the example rule file of knotwise-rules.5 checks clean" status_is 0
check "with no warning but the messages it leaves to the built-in set" \
	err_has '0 errors, 1 warning in 1 file'
check "which names them" err_has 'warning: no \[message\] for level_self_care, '
run desk --set desk_hours=8 --set worse_with=lifting --format json
check "the example runs" status_is 0
check "its certainty is the page's 0.52" out_has '"certainty": 0.52'
check "its routine is release, stretch, posture" \
	sh -c "tr -d ' \n' <'$tmp/out' | grep -q '\"routine\":\[{\"id\":\"ql_ball\".*\"id\":\"ql_side_bend\".*\"id\":\"desk_breaks\"'"
run desk --set desk_hours=3 --set worse_with=sitting --why-not quadratus_lumborum
check "its --why-not gives the page's reason" \
	out_has 'certainty 0\.20 is below min_certainty 0\.30'
check "at the line the page gives" out_has 'rule ql_lifting \([^ ]*desk\.ini:26\)'

# Its checklist and messages (flags.ini), and the file that disables two
# of their sections (nochest.ini), also taken from the page.
for example in flags nochest; do
	awk -v start="^# $example\\\\.ini" '$0 ~ start { on = 1 } on && /^\.Ed/ { exit } on' \
		"$man5" >"$tmp/$example.ini"
done
flags() { desk --rules "$tmp/flags.ini" "$@"; }
run flags check
check "flags.ini of knotwise-rules.5 checks clean with desk.ini" status_is 0
check "with only the warning for the messages it leaves out" \
	err_has '0 errors, 1 warning in 2 files'
run flags --set desk_hours=8 --set saddle_numbness=no --set chest_pain=unsure
check "its unsure red flag is the page's emergency" status_is 0
check "told in the rule's advice" \
	out_has '^Call 112 now, or go straight to an emergency department\.$'
check "ending with its disclaimer" out_has '^This is not a diagnosis\. If in doubt'
run flags --set desk_hours=8 --set worse_with=lifting --set saddle_numbness=no \
	--set chest_pain=no
check "with no red flag, the level_self_care message" \
	out_has '^Nothing in your answers needs a doctor right now\. Keep moving'
nochest() { flags --rules "$tmp/nochest.ini" "$@"; }
run nochest check
check "nochest.ini gives the page's warning for the safety item" \
	err_has "nochest\.ini:2: warning: disables the safety item question 'chest_pain' from [^ ]*flags\.ini:18; with it went its place in groups: red_flags"
check "and the page's note for the routine" \
	err_has "nochest\.ini:5: note: disables routine 'desk_breaks' from [^ ]*desk\.ini:62; with it went its actions in rules: desk_sitter"
run nochest --set desk_hours=8 --set saddle_numbness=no --format json
check "its changes are the page's" \
	sh -c "tr -d ' \n' <'$tmp/out' | grep -q '\"changes\":\[{\"kind\":\"question\",\"id\":\"chest_pain\",\"change\":\"disabled\",\"file\":\"[^\"]*nochest.ini\",\"line\":2},{\"kind\":\"routine\",\"id\":\"desk_breaks\",\"change\":\"disabled\",\"file\":\"[^\"]*nochest.ini\",\"line\":5}\]'"

# The completion script, sourced in a bash of its own.
if command -v bash >/dev/null 2>&1; then
	# complete WORD...: what the completion offers for the last word.
	complete_words() {
		bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
			_knotwise; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$@"
	}
	run bash -n "$completion"
	check "the completion script parses (bash -n)" status_is 0
	run complete_words knotwise --col
	check "it completes --col to --color=" test "$(cat "$tmp/out")" = "--color="
	run complete_words knotwise li
	check "it completes li to list" test "$(cat "$tmp/out")" = "list"
	run complete_words knotwise --color = al
	check "it completes the --color= values" test "$(cat "$tmp/out")" = "always"
	run complete_words knotwise list ro
	check "it completes the kinds of list" test "$(cat "$tmp/out")" = "routines"
	run complete_words "$kw" --no-default-rules --rules "$tmp/desk.ini" --set des
	check "it completes --set with the question ids of those rules" \
		test "$(cat "$tmp/out")" = "desk_hours="
else
	skip "the completion script" "bash not found"
fi

done_testing
