#!/bin/sh
# The handout (--format html) as a page: what it shows and what it never
# does (no script, no load from anywhere, no internal id, no percentage,
# no unescaped text from a rule file or an answer), the sides the knots
# are drawn on, the urgent page, the fixed date for tests, and the usage
# errors.  The browser tests (browser.sh) render the same pages.
. "$TOP_SRCDIR/tests/cli/setup.sh"
fixtures=$TOP_SRCDIR/tests/fixtures/handout
KNOTWISE_NOW=2026-12-01T09:30:00Z
TZ=UTC
export KNOTWISE_NOW TZ
kw() { "$KNOTWISE" --no-default-rules --rules "$fixtures/rules.ini" --format html "$@"; }
page() { run kw --answers "$fixtures/$1.txt"; }
# count PATTERN: how many times the page has it (grep -o).
count() { grep -o -- "$1" "$tmp/out" | wc -l; }
has_count() { test "$(count "$1")" -eq "$2"; }
out_lacks() { ! grep -Eq -- "$1" "$tmp/out"; }
# The words a person reads: the body without the style sheet.
body_lacks() { ! sed -n '/<body/,$p' "$tmp/out" | grep -Eq -- "$1"; }
have_tidy() { command -v tidy >/dev/null 2>&1; }
tidy_clean() { tidy -errors -q "$tmp/out" >"$tmp/tidy" 2>&1 || { sed 's/^/# /' "$tmp/tidy"; false; }; }
page self_care
check "self-care page exits 0 with nothing on stderr" sh -c "test $status -eq 0 && test ! -s '$tmp/err'"
check "it is one HTML5 document" sh -c "head -1 '$tmp/out' | grep -qx '<!DOCTYPE html>' && tail -1 '$tmp/out' | grep -qx '</html>'"
check "a Content-Security-Policy forbids every load" \
	out_has "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
check "no script" out_lacks '<script|javascript:|[[:space:]]on[a-z]+='
check "no external resource, web font or link" out_lacks '<link|<img|<iframe|@import|url\(|@font-face|<[^>]* (src|href)='
check "the date is the fixed one" out_has '<p class="date">Tuesday 1 December 2026</p>'
check "the tick boxes are the next seven days" \
	out_has '<span class="day">Tue 1</span>.*<span class="day">Mon 7</span>'
check "one row of seven per routine and habit" has_count '<span class="day">' 21
check "two knots drawn, on the left side only" \
	sh -c "test $(count 'class="dot"') -eq 2 && test $(count 'label to-left') -eq 2 && test $(count 'label to-right') -eq 0"
check "the drawing is labelled with the knots' names" out_has '<tspan[^>]*>Rhomboids</tspan>'
check "the knots are listed with their letters" out_has '<span class="letter">B</span>'
check "certainty in words" sh -c "grep -q '>likely<' '$tmp/out' && grep -q '>possible<' '$tmp/out'"
check "never a percentage" body_lacks '%'
check "no internal id (of any section with an underscore)" sh -c "
	sed -n 's/^\[[a-z]* \([a-z0-9]*_[a-z0-9_]*\)\]/\1/p' '$fixtures/rules.ini' |
	while read -r id; do ! grep -q \"\$id\" '$tmp/out' || { echo \"# \$id\"; exit 1; }; done"
check "the routine is numbered, with minutes, pressure and frequency" \
	out_has '<span class="number">1</span> <bdi>Lean on a ball between shoulder blade and spine</bdi>'
check "... and its facts" out_has '5 min · <bdi>moderate</bdi> pressure · <bdi>once a day</bdi>'
check "posture habits" out_has '<h2>Posture habits</h2>'
check "when to see a professional: for everyone" out_has 'no better after 2 weeks'
check "... and for the upper back that hurts" out_has 'between the shoulder blades, call'
check "the person's own words" out_has 'In your words:.*A burning spot'
check "the disclaimer and the date in the footer" out_has 'it is not a diagnosis.*Made by knotwise .* on Tuesday 1 December 2026'
check "no rule changes to report" out_lacks 'Rule changes'
if have_tidy; then check "tidy finds nothing wrong" tidy_clean
else skip "tidy finds nothing wrong" "tidy not installed (Debian: tidy)"; fi

page professional
check "professional: what to do and why" \
	sh -c "grep -q '<h2>See a professional</h2>' '$tmp/out' && grep -q 'six weeks or more' '$tmp/out'"
check "both sides: two knots drawn twice" \
	sh -c "test $(count 'class="dot"') -eq 4 && test $(count 'label to-right') -eq 2"
check "a knot without a map is listed, not drawn" \
	sh -c "grep -q '<bdi>Iliopsoas</bdi>' '$tmp/out' && ! grep -q '>Iliopsoas</tspan>' '$tmp/out' &&
	       grep -q 'Not marked on the drawing' '$tmp/out'"
check "the regions that hurt bring their safety nets" out_has 'With low back pain'
if have_tidy; then check "tidy finds nothing wrong (professional)" tidy_clean
else skip "tidy finds nothing wrong (professional)" "tidy not installed"; fi

run kw --answers "$fixtures/self_care.txt" --set side=right
check "the right side only when the right side hurts" \
	sh -c "test $(count 'class="dot"') -eq 2 && test $(count 'label to-left') -eq 0"
run kw --answers "$fixtures/self_care.txt" --set side=centre
check "both sides when the pain is in the middle" has_count 'class="dot"' 4
grep -v '^side' "$fixtures/self_care.txt" >"$tmp/no_side.txt"
run kw --answers "$tmp/no_side.txt"
check "both sides when the side is not known" has_count 'class="dot"' 4

page emergency
check "emergency: exits 0" status_is 0
check "the page is the level, in large type" out_has '<body class="emergency alarm">'
check "what to do now" out_has '<p class="advice">Call your local emergency number now'
check "and why" out_has 'cauda equina'
check "no drawing, no knot, no routine, no tick box" \
	out_lacks '<svg|Where to press|Your routine|Posture habits|class="day"'
check "the disclaimer and date still" out_has 'Made by knotwise .* on Tuesday 1 December 2026'
if have_tidy; then check "tidy finds nothing wrong (emergency)" tidy_clean
else skip "tidy finds nothing wrong (emergency)" "tidy not installed"; fi

# A page of the built-in rules, a consult with two knots and a routine.
run "$KNOTWISE" --format html --partial --set pain_area=upper_back --set worst_area=upper_back \
	--set age=38 --set first_episode=no --set pain_level=4 --set weeks=3 \
	--set side=left --set refers_to=blade_inner_edge --set tender_spot=yes --set tools=ball
check "a built-in rules page has its knots and routine" \
	sh -c "grep -q 'Where to press' '$tmp/out' && grep -q 'Your routine' '$tmp/out'"
if have_tidy; then check "tidy finds nothing wrong (built-in rules)" tidy_clean
else skip "tidy finds nothing wrong (built-in rules)" "tidy not installed"; fi

# Urgent, like emergency: only what to do now and why, in large type.
printf '[rule severe]\nif = pain_level >= 9\nthen = triage urgent\nbecause = Pain this severe needs a doctor to look at it today.\n' \
	>"$tmp/urgent.ini"
run kw --rules "$tmp/urgent.ini" --answers "$fixtures/self_care.txt" --set pain_level=9
check "urgent: exits 0" status_is 0
check "the urgent page is the level, in large type" out_has '<body class="urgent alarm">'
check "what to do today" out_has '<p class="advice">See a doctor today'
check "and why" out_has 'Pain this severe needs a doctor'
check "no drawing, no knot, no routine, no tick box at urgent either" \
	out_lacks '<svg|Where to press|Your routine|Posture habits|class="day"'
if have_tidy; then check "tidy finds nothing wrong (urgent)" tidy_clean
else skip "tidy finds nothing wrong (urgent)" "tidy not installed"; fi

run kw --set pain_area=neck --set saddle_numbness=no
check "nothing stands out: said, and nothing drawn" \
	sh -c "grep -q 'No single muscle stands out' '$tmp/out' && ! grep -q '<svg' '$tmp/out'"
run kw --partial --set blade_ache=yes
check "an incomplete screen is said on the page" out_has 'class="incomplete">Some safety questions'
run kw --set blade_ache=yes --set saddle_numbness=unsure
check "warnings go to stderr, the page to stdout" \
	sh -c "test $status -eq 0 && grep -q 'warning' '$tmp/err' && grep -q '</html>' '$tmp/out'"
long=$(printf 'word %.0s' $(seq 1 400))
run kw --answers "$fixtures/self_care.txt" --set "describe=$long"
check "long own words are cut, with an ellipsis" \
	sh -c "grep -q 'word…</bdi>' '$tmp/out' && test \$(grep -o 'word' '$tmp/out' | wc -l) -lt 80"

# Escaping: rule texts and an answer with tags, ampersands, quotes and
# direction marks (hostile.ini, hostile.txt).
run kw --rules "$fixtures/hostile.ini" --answers "$fixtures/hostile.txt"
check "hostile texts: the page is made" status_is 0
check "no tag from a text survives" out_lacks '<script|<img|<b>|<em>|<!--|</h3><'
check "tags become text" out_has '&lt;script&gt;alert\(&quot;knot&quot;\)&lt;/script&gt;'
check "ampersands are escaped, even an entity's" \
	sh -c "grep -q 'Ball &amp; wall' '$tmp/out' && grep -q 'Not a diagnosis &amp;amp; not' '$tmp/out'"
check "quotes are escaped" out_has 'It&#39;s &quot;typical&quot;'
check "the answer is escaped and kept to its own direction" \
	out_has '<bdi>&lt;script&gt;document.location=&quot;http://evil.example/&quot;'
check "direction marks are written as references" \
	sh -c "grep -q '&#x202E;reversed&#x202C; &#x200F;mark' '$tmp/out' && grep -q '&#x202E;desrever' '$tmp/out'"
check "no raw direction mark is left" sh -c "! grep -q \"\$(printf '\342\200\256')\" '$tmp/out' &&
	! grep -q \"\$(printf '\342\200\217')\" '$tmp/out'"
check "the drawing's label is escaped too" out_has '<tspan[^>]*>&lt;script&gt;alert'
check "the rule changes are listed, without ids" \
	sh -c "grep -q 'changed a muscle, “<bdi>Rhomboids &lt;script' '$tmp/out' &&
	       grep -q 'changed a routine, .*(<bdi>hostile.ini</bdi>, line 11)' '$tmp/out'"
check "only one meta http-equiv" has_count 'http-equiv' 1
if have_tidy; then check "tidy finds nothing wrong (hostile texts)" tidy_clean
else skip "tidy finds nothing wrong (hostile texts)" "tidy not installed"; fi

printf '[rule saddle]\nif = saddle_numbness\nthen = triage emergency\nbecause = Changed.\n\n[rule long_episode]\ndisabled = yes\n' >"$tmp/changes.ini"
run kw --rules "$tmp/changes.ini" --answers "$fixtures/self_care.txt"
check "a changed safety check stands out" \
	out_has '<li class="safety-change">A safety check: changed “<bdi>New numbness'
check "a switched-off rule is listed" out_has 'switched off a rule \(<bdi>changes.ini</bdi>, line 6\)'

run kw --answers "$fixtures/self_care.txt" --explain
check "--explain is not for html (64)" sh -c "test $status -eq 64 && grep -q 'do not apply to --format html' '$tmp/err'"
run kw --answers "$fixtures/self_care.txt" --why-not rhomboids
check "--why-not is not for html (64)" status_is 64
run "$KNOTWISE" --no-default-rules --rules "$fixtures/rules.ini" list knots --format html
check "list does not print html (64)" status_is 64
run "$KNOTWISE" --format htm
check "an unknown format names html among the formats" err_has 'text, json or html'
KNOTWISE_NOW=2026-02-30T09:30:00Z run kw --answers "$fixtures/self_care.txt"
check "a KNOTWISE_NOW that is no date is a usage error" \
	sh -c "test $status -eq 64 && grep -q 'KNOTWISE_NOW' '$tmp/err' && test ! -s '$tmp/out'"
KNOTWISE_NOW= run kw --answers "$fixtures/self_care.txt"
check "an empty KNOTWISE_NOW means now" sh -c "test $status -eq 0 && grep -q 'Made by' '$tmp/out'"
if test -w /dev/full; then
	set +e
	kw --answers "$fixtures/self_care.txt" >/dev/full 2>"$tmp/err"
	status=$?
	set -e
	check "a page that cannot be written is 74" status_is 74
fi
done_testing
