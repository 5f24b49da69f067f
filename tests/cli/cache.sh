#!/bin/sh
# The cache of compiled rule sets (knotwise(1), FILES).  It can make a run
# faster, never change its result: the shared conformance cases and
# vignettes give the same results with a cold cache, a warm one and
# --no-cache; an image that is garbage, cut short, writable by others, a
# symlink or a FIFO is ignored (same result, exit 0, nothing on stderr, no
# hang) and written again; a changed rule file is seen on the next run; a
# cache that cannot be written is no cache.  --no-cache neither reads nor
# writes it; without it the folder is made 0700.
. "$TOP_SRCDIR/tests/cli/setup.sh"
kw=$KNOTWISE
cache=$XDG_CACHE_HOME/knotwise
rules=$tmp/rules
mkdir -p "$rules"
cp "$TOP_SRCDIR/tests/fixtures/cli/pain.ini" "$rules/10-base.ini"
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
run "$kw" $own --no-cache --journal "$tmp/none.jsonl" history
check "history --no-cache reads the journal" status_is 0
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

# Our own cases, each run cold, warm and with --no-cache (tests/cachemodes.py).
"${PYTHON3:-python3}" "$TOP_SRCDIR/tests/cachemodes.py" "$KNOTWISE" "$TOP_SRCDIR/tests/cases" \
	>"$tmp/own-modes"
check "our own cases ran three ways" test "$(wc -l <"$tmp/own-modes")" -ge 240
check "each the same cold, warm and with --no-cache" sh -c "! grep -v '^ok ' '$tmp/own-modes'"

# The shared conformance suite and vignettes, the same way, when ../shared
# is there.
shared=$TOP_SRCDIR/../shared/conformance
if [ -d "$shared/vignettes" ]; then
	"${PYTHON3:-python3}" "$TOP_SRCDIR/tests/cachemodes.py" "$KNOTWISE" \
		"$shared/cases" "$shared/cases-next/clinical" "$shared/cases-next/traps" \
		"$shared/cases-next/consult" "$shared/cases-next/journal" \
		"$shared/vignettes" >"$tmp/modes"
	check "the conformance cases and vignettes ran three ways" \
		test "$(wc -l <"$tmp/modes")" -ge 70
	while read -r verdict name why; do
		check "${name%:}: the same cold, warm and with --no-cache${why:+ ($why)}" \
			test "$verdict" = ok
	done <"$tmp/modes"
fi

# The built-in rules and a person's answers: what every run below must give.
answers=$tmp/answers
cat >"$answers" <<'ANSWERS'
pain_area = lower_back, hip_buttock
worst_area = lower_back
side = right
pain_level = 5
weeks = 3
refers_to = outer_hip, sacrum_si
worse_with = turning_in_bed, standing_up
tools = hands, ball
ANSWERS
consult() { "$kw" --partial --answers "$answers" --format json; }
rm -rf "$cache"
run consult
check "a consult with the built-in rules" status_is 0
cp "$tmp/out" "$tmp/want"
image=$(find "$cache" -name 'rules-*.img')
cp "$image" "$tmp/good.img"
mkdir "$tmp/other-cache"
XDG_CACHE_HOME=$tmp/other-cache consult >/dev/null
check "two processes write the same image, byte for byte" \
	cmp -s "$tmp/good.img" "$(find "$tmp/other-cache" -name 'rules-*.img')"
inode=$(stat -c %i "$image")
run consult
check "a warm consult gives the same result" cmp -s "$tmp/out" "$tmp/want"
check "from the image, which it leaves as it was" test "$(stat -c %i "$image")" = "$inode"

# flip_byte FILE OFFSET: change the byte at OFFSET to another value.
flip_byte() {
	old=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "\\$(printf %o $(((old + 1) % 256)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# ignored WHAT: one run over a cache in that state gives the result, with
# exit 0 and nothing on stderr, within 10 s, and leaves the good image.
ignored() {
	run timeout 10 sh -c '"$0" --partial --answers "$1" --format json' "$kw" "$answers"
	check "$1: exit 0" status_is 0
	check "$1: the same result" cmp -s "$tmp/out" "$tmp/want"
	check "$1: nothing on stderr" err_empty
	check "$1: the image is written again, a regular file of mine, mode 0600" \
		sh -c "test -f '$image' && test ! -h '$image' &&
		       test \"\$(stat -c %a.%u '$image')\" = 600.$(id -u)"
	check "$1: the good image" cmp -s "$image" "$tmp/good.img"
}

head -c "$(wc -c <"$tmp/good.img")" /dev/urandom >"$image"
ignored "an image of garbage"
head -c 1000 "$tmp/good.img" >"$image"
ignored "a cut image"
flip_byte "$image" 5000
check "(the byte is changed)" sh -c "! cmp -s '$image' '$tmp/good.img'"
ignored "an image with one byte changed"
chmod g+w "$image"
ignored "a group-writable image"
chmod o+w "$image"
ignored "a world-writable image"
cp "$tmp/good.img" "$tmp/elsewhere.img"
rm "$image"
ln -s "$tmp/elsewhere.img" "$image"
ignored "a symlink to a good image"
rm "$image"
mkfifo "$image"
ignored "a FIFO"
if [ "$(id -u)" -eq 0 ]; then
	chown 65534 "$image"
	ignored "an image of another user"
fi

chmod 777 "$cache"
run consult
check "a cache folder others can write: the same result" cmp -s "$tmp/out" "$tmp/want"
check "and nothing on stderr" err_empty
chmod 700 "$cache"

# Several processes at once on a cold cache.
rm -rf "$cache"
for i in 1 2 3 4; do consult >"$tmp/at-once$i" 2>&1 & done
wait
for i in 1 2 3 4; do
	check "run $i of 4 at once gives the result" cmp -s "$tmp/at-once$i" "$tmp/want"
done
check "they leave one image and nothing else" test "$(ls "$cache" | wc -l)" -eq 1
check "the good one" cmp -s "$(find "$cache" -name 'rules-*.img')" "$tmp/good.img"

# A rule file changed between runs is seen on the next one.
mine=$tmp/mine
mkdir "$mine"
cp "$rules/10-base.ini" "$mine/"
run "$kw" --no-default-rules --rules "$mine" --set pain=6 --format json
check "a run with my rules" out_has '"name": "Kay"'
sed 's/^name = Kay$/name = Kay Two/' "$rules/10-base.ini" >"$mine/10-base.ini"
run "$kw" --no-default-rules --rules "$mine" --set pain=6 --format json
check "a changed rule file is seen at once" out_has '"name": "Kay Two"'
run "$kw" --no-default-rules --rules "$mine" --set pain=6 --format json
check "and again from the cache" out_has '"name": "Kay Two"'

# A cache that cannot be written: no cache, and not a word about it.
printf 'a file, not a folder\n' >"$tmp/not-a-folder"
run env XDG_CACHE_HOME="$tmp/not-a-folder" "$kw" --partial --answers "$answers" --format json
check "XDG_CACHE_HOME a file: the same result" cmp -s "$tmp/out" "$tmp/want"
check "XDG_CACHE_HOME a file: nothing on stderr" err_empty
mkdir "$tmp/read-only"
chmod 500 "$tmp/read-only"
run env XDG_CACHE_HOME="$tmp/read-only" "$kw" --partial --answers "$answers" --format json
check "XDG_CACHE_HOME read-only: the same result" cmp -s "$tmp/out" "$tmp/want"
check "XDG_CACHE_HOME read-only: nothing on stderr" err_empty
chmod 700 "$tmp/read-only"

done_testing
