#!/bin/sh
# Output that cannot go on: a reader that stops reading, one that goes
# away, a full disk.  A stop signal always gets through, a closed pipe ends
# knotwise quietly, and other write errors are 74 with a message.
. "$TOP_SRCDIR/tests/cli/setup.sh"
kw=$KNOTWISE
py=${PYTHON3:-python3}
rules=$TOP_SRCDIR/tests/fixtures/cli/pain.ini
# results of about 90 KB: one line is more than a pipe holds, so a reader
# that takes a few bytes and stops leaves knotwise stuck inside a line
"$py" - "$tmp/many.jsonl" "$tmp/big.ini" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(200):
        f.write(json.dumps({"id": i, "pain": 5 + i % 6}) + "\n")
with open(sys.argv[2], "w") as f:
    f.write("[routine long]\ntitle = Long\nkind = release\nfor = k\nminutes = 1\n")
    for step in range(50):
        f.write("step = " + "w" * 170 + "\n" + ("  " + "w" * 170 + "\n") * 10)
PY
own="--no-default-rules --rules $rules --rules $tmp/big.ini"

# SIGNAL: start a batch whose reader reads 100 bytes and then nothing,
# send SIGNAL once knotwise is stuck writing, and say how it ended.
stuck_batch() {
	"$py" - "$1" "$tmp/many.jsonl" "$kw" $own batch <<'PY'
import signal, subprocess, sys, time
sig = getattr(signal, sys.argv[1])
# whatever the test harness ignores (a background job ignores SIGINT),
# knotwise starts with the default actions here
default = lambda: [signal.signal(s, signal.SIG_DFL)
                   for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)]
p = subprocess.Popen(sys.argv[3:], stdin=open(sys.argv[2]), stdout=subprocess.PIPE,
                     preexec_fn=default)
p.stdout.read(100)
time.sleep(0.5)
p.send_signal(sig)
try:
    p.wait(timeout=15)      # generous: the point is that it ends at all
except subprocess.TimeoutExpired:
    p.kill()
    p.wait()
    print("still running 15 s after the signal")
    sys.exit(1)
print("ended by", -p.returncode)
sys.exit(0 if p.returncode == -sig else 1)
PY
}

for sig in SIGTERM SIGHUP SIGINT; do
	run stuck_batch $sig
	check "$sig ends a batch stuck writing to a reader that stopped" status_is 0
done

# a reader that reads on after the signal gets every line whole
check "a signal in the middle of a line finishes the line for a reader" \
	"$py" - "$tmp/many.jsonl" "$kw" $own batch <<'PY'
import json, signal, subprocess, sys, time
p = subprocess.Popen(sys.argv[2:], stdin=open(sys.argv[1]), stdout=subprocess.PIPE)
first = p.stdout.read(1000)
time.sleep(0.3)
p.send_signal(signal.SIGTERM)
rest = p.stdout.read()
p.wait()
lines = (first + rest).decode().split("\n")
assert lines[-1] == "", "output ends inside a line"
for line in lines[:-1]:
    json.loads(line)
sys.exit(0 if p.returncode == -signal.SIGTERM else 1)
PY

# A reader that goes away ends knotwise quietly, by SIGPIPE, like any
# filter; the output is longer than a pipe holds, so the write meets the
# closed pipe whatever the timing.
pipe_status() {
	{ set +e; "$kw" "$@" 2>"$tmp/err"; echo $? >"$tmp/status"; } | head -n 1 >/dev/null
	status=$(cat "$tmp/status")
}
pipe_status $own batch <"$tmp/many.jsonl"
check "batch | head -n 1 ends knotwise by SIGPIPE" status_is 141
check "without a word" err_empty
i=0
while test $i -lt 2000; do
	printf '[rule r%d]\nif = pain >= 5\nthen = suspect k 0.6\nbecause = Rule %d.\n' $i $i
	i=$((i + 1))
done >"$tmp/more.ini"
pipe_status $own --rules "$tmp/more.ini" list rules
check "list rules | head -n 1 ends knotwise by SIGPIPE" status_is 141
check "without a word either" err_empty

# Any other write error is 74, with a message.
run sh -c "\"$kw\" $own --set pain=6 >/dev/full"
check "a full disk is 74" status_is 74
check "with a message" err_has "knotwise: error: cannot write output: No space left on device"
run sh -c "\"$kw\" $own --set pain=6 >&-"
check "a closed stdout is 74" status_is 74
check "with a message too" err_has "cannot write output: Bad file descriptor"
done_testing
