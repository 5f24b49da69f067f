#!/bin/sh
# Limits give clear errors, and batch never loses or breaks a line.
. "$TOP_SRCDIR/tests/cli/setup.sh"
py=${PYTHON3:-python3}
rules=$tmp/rules.ini
cat >"$rules" <<'INI'
[question pain]
text = How bad?
type = scale
[question describe]
text = In your words?
type = text
[knot k]
name = Kay
[rule r]
if = pain >= 5
then = suspect k 0.6
because = Strong pain.
[rule pattern]
if = describe ~ "(a+)+$"
then = suspect k 0.2
because = A pathological pattern.
INI
kw() { "$KNOTWISE" --no-default-rules --rules "$rules" "$@"; }

truncate -s 300M "$tmp/huge.ini"
run "$KNOTWISE" --no-default-rules check "$tmp/huge.ini"
check "a rule file over 256 MiB is an error" status_is 1
check "which says so" err_has 'huge.ini: error: file is 314572800 bytes, larger than the limit'
truncate -s 17M "$tmp/huge.answers"
run kw --answers "$tmp/huge.answers"
check "answers over 16 MiB exit 65" status_is 65
check "and say the file is too large" err_has "huge.answers' is too large"
"$py" -c 'print("describe = " + "a" * 4000 + "!")' >"$tmp/redos"
run kw --format json --answers "$tmp/redos"
check "a catastrophic pattern on a long answer still gives a result" status_is 0
check "it warns that the pattern gave up" out_has 'pattern took too long on the answer to .describe.'
"$py" -c 'print("describe = " + "x" * 4097)' >"$tmp/long"
run kw --answers "$tmp/long"
check "a text answer over 4096 bytes exits 65" status_is 65
printf 'pain = 3\n%s = 1\n' "$("$py" -c 'print("p" * 9000)')" >"$tmp/longline"
run kw --answers "$tmp/longline"
check "an answers line over 8 KiB is an error" err_has 'line longer than 8192 bytes'

"$py" - "$tmp/batch" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(1, 201):
        if i % 10 == 0:
            f.write('{"pain": 5, broken\n' if i % 20 else '{"pain": 99}\n')
        else:
            f.write(json.dumps({"id": "p%d" % i, "pain": i % 11}) + "\n")
    f.write('{"describe": "%s"}\n' % ("y" * (1024 * 1024)))
PY
run_in "$tmp/batch" kw batch
check "batch with broken lines exits 65" status_is 65
check "every input line gives one output line" out_lines 201
check "in order, broken ones as errors in place" "$py" -c '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
ok = all(("error" in l) == (i % 10 == 0 or i == 201) for i, l in enumerate(lines, 1))
ok = ok and lines[0]["id"] == "p1" and lines[9]["id"] == 10 and "1 MiB" in lines[200]["error"]["message"]
sys.exit(0 if ok else 1)' "$tmp/out"

# results of about 90 KB: each line is longer than a pipe buffer
"$py" - "$tmp/many" "$tmp/big.ini" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(20000):
        f.write(json.dumps({"id": i, "pain": 5 + i % 6}) + "\n")
with open(sys.argv[2], "w") as f:
    f.write("[routine long]\ntitle = Long\nkind = release\nfor = k\nminutes = 1\n")
    for step in range(50):
        f.write("step = " + "w" * 170 + "\n" + ("  " + "w" * 170 + "\n") * 10)
PY
check "a killed batch leaves every printed line whole" "$py" -c '
import json, signal, subprocess, sys, time
p = subprocess.Popen(sys.argv[1:] + ["batch"], stdin=open("'"$tmp/many"'"),
                     stdout=subprocess.PIPE)
time.sleep(0.3)
first = p.stdout.read(200000)
p.send_signal(signal.SIGTERM)
rest = p.stdout.read()
p.wait()
lines = (first + rest).decode().split("\n")
assert lines[-1] == "", "output ends inside a line"
for line in lines[:-1]:
    json.loads(line)
sys.exit(0 if len(lines) > 2 and len(lines[0]) > 65536 else 1)' "$KNOTWISE" --no-default-rules \
	--rules "$rules" --rules "$tmp/big.ini"
done_testing
