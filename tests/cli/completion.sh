#!/bin/sh
# The bash completion keeps step with the tables of the program, as
# --help shows them: it offers every option and no other, knows which
# options take a value (a value is never taken for the command), and
# offers the commands and the formats that --help names.
. "$TOP_SRCDIR/tests/cli/setup.sh"
completion=$TOP_SRCDIR/src/cli/bash-completion/knotwise
kw=$KNOTWISE
if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash not found"
	exit 0
fi

# complete WORD...: what the completion offers for the last word, sorted.
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_knotwise; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$@" |
		sort
}

# offers WORD...: the completion of the last word is the lines of $tmp/want.
offers() {
	complete_words "$@" >"$tmp/got"
	cmp -s "$tmp/want" "$tmp/got"
}

"$kw" --help >"$tmp/help"
# The options of --help, one line each: SHORT LONG ARG, where SHORT is
# "-" when there is none and ARG is "-" (no value), "=" (written
# --name=VALUE) or "value".  The option column is 24 characters wide.
awk 'substr($0, 1, 3) == "  -" || substr($0, 1, 8) == "      --" {
	spec = substr($0, 3, 22); short = "-"
	if (spec ~ /^-[a-zA-Z],/) { short = substr(spec, 1, 2); spec = substr(spec, 5) }
	sub(/^ +/, "", spec); sub(/ +$/, "", spec); long = spec; arg = "-"
	if (match(long, /[ =]/)) { arg = substr(long, RSTART); long = substr(long, 1, RSTART - 1) }
	print short, long, (arg ~ /^=/ ? "=" : arg == "-" ? "-" : "value")
}' "$tmp/help" | sort -u >"$tmp/options"
check "--help shows options to compare with" test -s "$tmp/options"

while read -r short long arg; do
	[ "$short" = - ] || printf '%s\n' "$short"
	if [ "$arg" = = ]; then printf '%s=\n' "$long"; else printf '%s\n' "$long"; fi
done <"$tmp/options" | sort >"$tmp/want"
check "the completion offers every option of --help, and no other" offers knotwise -

printf '%s\n' knots questions routines rules >"$tmp/want"
while read -r short long arg; do
	for option in "$long" "$short"; do
		[ "$option" != - ] || continue
		if [ "$arg" = - ]; then
			check "$option takes no value: the command follows it" \
				offers knotwise "$option" list ''
		else
			check "$option takes a value: the command comes after it" \
				offers knotwise "$option" x list ''
		fi
	done
done <"$tmp/options"

sed -n '/^Commands:/,/^$/p' "$tmp/help" | awk 'NR > 1 && NF { print $1 }' | sort >"$tmp/want"
check "--help shows commands to compare with" test -s "$tmp/want"
check "the completion offers the commands of --help" offers knotwise ''

# "-f, --format FORMAT    text (default) or json": every format named
sed -n 's/^ *-f, --format FORMAT *//p' "$tmp/help" |
	sed 's/ (default)//g; s/, / /g; s/ or / /g' | tr ' ' '\n' | sort -u >"$tmp/want"
check "--help names formats to compare with" test -s "$tmp/want"
check "the completion offers the formats of --help" offers knotwise --format ''

done_testing
