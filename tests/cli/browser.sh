#!/bin/sh
# The handout in a real browser: headless Chromium renders the page of
# three vignettes (self-care with two knots on the left, professional,
# emergency) to PNG and, on A4 and on US Letter, to PDF.  Each must render,
# print on the pages expected (pdfinfo), and load nothing: the page's
# Content-Security-Policy must block a load slipped into it (Chromium's
# log says so), and Chromium's network log must show no request from the
# page at all.  Skipped where Chromium is not installed.
#
# KW_PICTURES=DIR keeps the three screenshots there (doc/ holds them):
#   KW_PICTURES=$PWD/../doc make check TESTS=tests/cli/browser.sh
. "$TOP_SRCDIR/tests/cli/setup.sh"
fixtures=$TOP_SRCDIR/tests/fixtures/handout
KNOTWISE_NOW=2026-12-01T09:30:00Z
TZ=UTC
export KNOTWISE_NOW TZ

chromium=""
for name in chromium chromium-browser; do
	command -v "$name" >/dev/null 2>&1 && { chromium=$name; break; }
done
if [ -z "$chromium" ]; then
	echo "1..0 # SKIP chromium not installed (Debian: apt-get install chromium)"
	exit 0
fi
: >"$tmp/err"                    # what check shows on a failure
have_pdfinfo=false
command -v pdfinfo >/dev/null 2>&1 && have_pdfinfo=true

# browse OUT_OPTION PAGE [OPTIONS]: one headless Chromium run, on its own
# profile, with the browser's own background traffic (updates, sync)
# switched off so that its network log shows only what the page asks for.
browse() {
	out=$1
	page=$2
	shift 2
	set +e
	timeout 120 "$chromium" --headless=new --no-sandbox --disable-gpu \
		--user-data-dir="$tmp/profile" --no-first-run --disable-sync \
		--disable-background-networking --disable-component-update \
		--disable-default-apps --disable-extensions --hide-scrollbars \
		--force-device-scale-factor=1 "$out" "$@" "file://$page" \
		>"$tmp/browser.out" 2>"$tmp/browser.err"
	status=$?
	set -e
}
is_png() { test "$(od -An -c -N4 "$1" | tr -d ' ')" = '211PNG'; }
png_width() { od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'; }
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
# The page size in points, rounded: A4 is 595 x 842, Letter 612 x 792.
paper() { pdfinfo "$1" | awk '/^Page size:/ { printf "%.0f x %.0f\n", $3, $5 }'; }
# The page as printed on one paper: the printer's choice, which the page
# leaves open (it sets no size), made here by adding it.
on_paper() { sed "s|</style>|@page { size: $2; }\n</style>|" "$1" >"$3"; }

# vignette NAME HEIGHT PAGES: the page of NAME.txt, a screenshot of HEIGHT
# pixels, and the pages it must print on (on A4 and on Letter).
vignette() {
	v=$1
	"$KNOTWISE" --no-default-rules --rules "$fixtures/rules.ini" --format html \
		--answers "$fixtures/$v.txt" >"$tmp/$v.html"
	browse --screenshot="$tmp/$v.png" "$tmp/$v.html" --window-size="900,$2"
	rendered=false
	[ "$status" -eq 0 ] && is_png "$tmp/$v.png" && rendered=true
	check "$v: Chromium renders it to PNG" $rendered
	check "$v: the PNG is the window's width" test "$(png_width "$tmp/$v.png")" -eq 900
	if [ -n "${KW_PICTURES:-}" ]; then cp "$tmp/$v.png" "$KW_PICTURES/handout-$v.png"; fi
	for size in A4 letter; do
		on_paper "$tmp/$v.html" "$size" "$tmp/$v-$size.html"
		browse --print-to-pdf="$tmp/$v-$size.pdf" "$tmp/$v-$size.html" --no-pdf-header-footer
		check "$v: Chromium prints it on $size" sh -c "test $status -eq 0 && test -s '$tmp/$v-$size.pdf'"
		if $have_pdfinfo; then
			echo "# $v on $size: $(pages "$tmp/$v-$size.pdf") page(s), $(paper "$tmp/$v-$size.pdf") pt"
			check "$v: $3 page(s) on $size" test "$(pages "$tmp/$v-$size.pdf")" -eq "$3"
		else
			skip "$v: $3 page(s) on $size" "pdfinfo not installed (Debian: poppler-utils)"
		fi
	done
	if $have_pdfinfo; then
		check "$v: A4 and Letter are the papers printed on" sh -c \
			"test '$(paper "$tmp/$v-A4.pdf")' = '595 x 842' && test '$(paper "$tmp/$v-letter.pdf")' = '612 x 792'"
	fi
}

vignette self_care 1360 1
vignette professional 1600 1
vignette emergency 640 1

# No network: the page's own log and network log, then a load slipped into
# a copy of the page, which the policy must block, and without the policy
# must show in the network log (so the log check can see a request).
page_requests() { grep -c '"network_isolation_key":"file://' "$1" || :; }
blocked() { grep -c 'violates the following Content Security Policy' "$tmp/browser.err" || :; }
browse --screenshot="$tmp/x.png" "$tmp/self_care.html" --enable-logging=stderr --v=0 \
	--log-net-log="$tmp/page.netlog"
check "the page asks for nothing over the network" test "$(page_requests "$tmp/page.netlog")" -eq 0
check "the page tries no load that the policy blocks" test "$(blocked)" -eq 0
sed 's|<main class="sheet">|&<img src="http://127.0.0.1:9/x.png" alt="">|' "$tmp/self_care.html" >"$tmp/probe.html"
browse --screenshot="$tmp/x.png" "$tmp/probe.html" --enable-logging=stderr --v=0 \
	--log-net-log="$tmp/probe.netlog"
check "the policy blocks an image slipped into the page" test "$(blocked)" -eq 1
check "... before any request is made" test "$(page_requests "$tmp/probe.netlog")" -eq 0
sed '/Content-Security-Policy/d' "$tmp/probe.html" >"$tmp/open.html"
browse --screenshot="$tmp/x.png" "$tmp/open.html" --log-net-log="$tmp/open.netlog"
check "without the policy the network log shows the request" \
	test "$(page_requests "$tmp/open.netlog")" -ge 1

# The built-in rule set's typical self-care result (README's answers)
# fits on two pages at most.
cat >"$tmp/typical.txt" <<'ANSWERS'
pain_area = upper_back
worst_area = upper_back
age = 38
first_episode = no
side = left
pain_level = 4
weeks = 3
refers_to = blade_inner_edge
worse_with = desk_work, reaching_forward
tender_spot = yes
tools = ball, hands
minutes_per_day = 15
ANSWERS
"$KNOTWISE" --format html --partial --answers "$tmp/typical.txt" >"$tmp/typical.html" 2>/dev/null
for size in A4 letter; do
	on_paper "$tmp/typical.html" "$size" "$tmp/typical-$size.html"
	browse --print-to-pdf="$tmp/typical-$size.pdf" "$tmp/typical-$size.html" --no-pdf-header-footer
	if $have_pdfinfo; then
		echo "# built-in self-care on $size: $(pages "$tmp/typical-$size.pdf") page(s)"
		check "a typical built-in self-care page prints on two $size pages at most" \
			test "$(pages "$tmp/typical-$size.pdf")" -le 2
	else
		skip "a typical built-in self-care page prints on two $size pages at most" "no pdfinfo"
	fi
done
done_testing
