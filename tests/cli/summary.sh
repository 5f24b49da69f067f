#!/bin/sh
# The text result opens with a summary that fits one 80x24 screen and ends
# at the first line of dashes (SPEC §5, man/knotwise.1 OUTPUT).  Every
# vignette of the shared conformance suite runs with the built-in rules in
# text and in JSON, and the text is held to what the JSON says: the same
# knots and routines, the same minutes, no internal id, no percentage.
. "$TOP_SRCDIR/tests/cli/setup.sh"
vignettes=$TOP_SRCDIR/../shared/conformance/vignettes
if [ ! -d "$vignettes" ]; then
	echo "1..0 # SKIP no shared vignettes at $vignettes"
	exit 0
fi

# answers CASE: the case's answers file, as its runner would write it.
answers() { awk '/^=== / { on = ($0 == "=== file: answers"); next } on' "$1"; }

# expectations: what the text must say, one "KIND VALUE" line each, read
# from the JSON result: its level, what to do, each knot's name, each
# routine as the summary numbers it, the total minutes, and the ids a
# person must never read.  Only ids with an underscore are looked for: a
# one-word id (piriformis, fever) is also a word the text may use.
expectations() {
	"${PYTHON3:-python3}" -c 'import json, sys
doc = json.load(open(sys.argv[1]))
print("level", doc["triage"]["level"])
print("advice", doc["triage"]["advice"] or "")
print("total", sum(r["minutes"] for r in doc["routine"]))
for k in doc["knots"]:
    print("knot", k["name"])
for i, r in enumerate(doc["routine"], 1):
    print("item", "%d. %s - %s" % (i, r["title"], "%d min" % r["minutes"] if r["minutes"] else "habit"))
ids = [k["id"] for k in doc["knots"]] + [r["id"] for r in doc["routine"]]
ids += list(doc["answers"]) + list(doc["facts"]) + doc["fired"] + doc["avoided"]
ids += [v for v in doc["answers"].values() if isinstance(v, str)]
ids += [v for vs in doc["answers"].values() if isinstance(vs, list) for v in vs]
for i in sorted(set(ids)):
    if "_" in i:
        print("id", i)' "$1"
}

# flat FILE: the file on one line, blanks squeezed, so wrapped text matches.
flat() { tr '\n' ' ' <"$1" | tr -s ' '; }
flat_has() { flat "$1" | grep -Fq -- "$2"; }
summary_lines() { wc -l <"$tmp/summary"; }
has_separator() { grep -Eq '^-{20,}$' "$tmp/text"; }
no_wide_line() { test "$(awk 'length > 80' "$tmp/text" | wc -l)" -eq 0; }
no_id() { ! grep -wFq -f "$tmp/ids" "$tmp/text"; }
no_percent() { ! grep -Fq '%' "$tmp/text"; }

routines=0
for file in "$vignettes"/*.case; do
	vignette=$(basename "$file" .case)
	answers "$file" >"$tmp/answers"
	run "$KNOTWISE" --partial --answers "$tmp/answers" --format json
	check "$vignette: the JSON result is made" status_is 0
	expectations "$tmp/out" >"$tmp/expect"
	run "$KNOTWISE" --partial --answers "$tmp/answers" --format text --color=never
	check "$vignette: the text result is made" status_is 0
	cp "$tmp/out" "$tmp/text"
	sed -n '/^-\{20,\}$/q;p' "$tmp/text" >"$tmp/summary"
	sed -n 's/^id //p' "$tmp/expect" >"$tmp/ids"
	level=$(sed -n 's/^level //p' "$tmp/expect")
	total=$(sed -n 's/^total //p' "$tmp/expect")

	check "$vignette: a line of dashes ends the summary" has_separator
	check "$vignette: the summary fits 24 lines ($(summary_lines))" test "$(summary_lines)" -le 24
	check "$vignette: no line is over 80 columns" no_wide_line
	check "$vignette: no internal id" no_id
	check "$vignette: no percentage" no_percent
	check "$vignette: the summary says what to do" \
		flat_has "$tmp/summary" "$(sed -n 's/^advice //p' "$tmp/expect")"
	case $level in
	urgent|emergency)
		check "$vignette: the $level summary gives no routine" \
			sh -c "! grep -q \"Today's routine\" '$tmp/summary'"
		continue ;;
	esac
	routines=$((routines + 1))
	sed -n 's/^knot //p' "$tmp/expect" >"$tmp/knots"
	while IFS= read -r knot; do
		check "$vignette: the summary names the knot $knot" flat_has "$tmp/summary" "$knot"
	done <"$tmp/knots"
	sed -n 's/^item //p' "$tmp/expect" >"$tmp/items"
	while IFS= read -r item; do
		check "$vignette: the summary lists $item" flat_has "$tmp/summary" "$item"
	done <"$tmp/items"
	if [ "$total" -gt 0 ]; then
		check "$vignette: the summary's total is the routine's $total min" \
			flat_has "$tmp/summary" "Today's routine: $total min a day"
	else
		check "$vignette: a routine of habits alone gives no total" \
			sh -c "! grep -q 'min a day' '$tmp/summary'"
	fi
done
check "self-care and professional vignettes were found" test "$routines" -ge 2

# The result says so when the red-flag screen is incomplete, in the
# summary, and says nothing of it when the screen is complete.
answers "$vignettes/v24.case" | grep -v '^saddle_numbness' >"$tmp/answers"
run "$KNOTWISE" --partial --answers "$tmp/answers" --color=never
sed -n '/^-\{20,\}$/q;p' "$tmp/out" >"$tmp/summary"
check "an incomplete screen is named in the summary" \
	flat_has "$tmp/summary" "Some safety questions were not answered"
{ answers "$vignettes/v24.case"; echo "spine_procedure_recent = no"; } >"$tmp/answers"
run "$KNOTWISE" --answers "$tmp/answers" --color=never
check "a complete screen answers without --partial" status_is 0
check "and the result does not call it incomplete" \
	sh -c "! grep -q 'safety questions were not answered' '$tmp/out'"
done_testing
