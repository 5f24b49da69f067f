#!/bin/sh
# The cache of compiled rule sets (knotwise(1), FILES): --no-cache neither
# reads nor writes it, and without it ask, list and batch keep one image
# for each list of rule files, in a folder of mode 0700.
. "$TOP_SRCDIR/tests/cli/setup.sh"
kw=$KNOTWISE
cache=$XDG_CACHE_HOME/knotwise
rules=$tmp/rules
mkdir -p "$rules"
cat >"$rules/10-base.ini" <<'INI'
[question pain]
text = How bad?
type = scale
[knot k]
name = Kay
[rule r]
if = pain >= 5
then = suspect k 0.6
because = Strong pain.
[routine k_hands]
title = Press with your hands
kind = release
for = k
step = Press.
minutes = 2
INI
own="--no-default-rules --rules $rules"
printf '{"pain": 6}\n' >"$tmp/batch"

# mode PATH: its permission bits, in octal.
mode() { stat -c %a "$1"; }
# images: how many images the cache holds.
images() { find "$cache" -name 'rules-*.img' 2>/dev/null | wc -l; }

run "$kw" $own --no-cache --set pain=6 --format json
check "ask --no-cache gives a result" status_is 0
check "and says nothing" err_empty
run "$kw" $own --no-cache list knots
check "list --no-cache lists" out_has '^k	'
run_in "$tmp/batch" "$kw" $own --no-cache batch
check "batch --no-cache answers" out_has '"level":"self_care"'
check "none of them made the cache folder" test ! -e "$cache"

run "$kw" $own --set pain=6 --format json
check "ask without it gives a result" status_is 0
check "and makes the cache folder" test -d "$cache"
check "of mode 0700" test "$(mode "$cache")" = 700
check "holding one image" test "$(images)" -eq 1
image=$(find "$cache" -name 'rules-*.img')
check "of mode 0600" test "$(mode "$image")" = 600

printf 'not an image\n' >"$image"
cp "$image" "$tmp/garbage"
run "$kw" $own --no-cache --set pain=6 --format json
check "--no-cache does not replace a bad image" cmp -s "$image" "$tmp/garbage"
run "$kw" $own --set pain=6 --format json
check "a run without it does" sh -c "! cmp -s '$image' '$tmp/garbage'"

run "$kw" $own --no-cache check
check "check never uses the cache: --no-cache is a usage error there" status_is 64
check "which says so" err_has "option '--no-cache' does not apply to 'check'"

done_testing
