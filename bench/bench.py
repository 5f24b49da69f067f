#!/usr/bin/env python3
"""knotwise benchmark driver (stdlib only); run through bench/run.
(`bench/run --clips` hands over to bench/clips.py: knotwise against CLIPS;
`bench/run --jre` to bench/jre.py: against json-rules-engine.)

For each workload (chain, fanout) and N in 1k, 10k, 100k: generate the rule
set with bench/gen.py into a temporary directory, then run

    knotwise --no-default-rules --rules DIR/rules.ini \
             --answers DIR/answers.txt --format json

several times (5, or 3 with --quick), timing the whole process (load + one
consult + JSON output) with a monotonic wall clock, plus one more run, first,
for the peak resident set size (it also warms the page cache).

Peak RSS: rusage's ru_maxrss of a child process also counts the memory of
the process it was forked from, up to the exec (Linux records the old
address space's high-water mark at exec).  Taken around a subprocess of
this Python driver (about 10-50 MB resident) it would report the driver's
size for every small run.  So the RSS run goes through GNU time
(`/usr/bin/time -f %M`, a small C program, about 1 MB), when it is there;
without it, os.wait4's ru_maxrss of the timed runs is used and the table
says which figures may be the driver's rather than knotwise's.

Every run is verified: exit status 0, valid JSON, `fired` exactly the rules
the generator knows must fire (in firing order), and for chain the knot `k`
listed.  Exit status: 0 when every run verified, 1 when any failed, 64 on
bad usage.  Missing a performance target is reported but is not a failure.
"""

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GEN = os.path.join(HERE, "gen.py")

SIZES = [1000, 10000, 100000]
WORKLOADS = ["chain", "fanout"]
TARGET_CHAIN_100K_S = 1.0
TARGET_GROWTH = 12.0


def label(n):
    return "%dk" % (n // 1000) if n % 1000 == 0 else str(n)


def run_once(cmd, outpath, errpath):
    """Run cmd; return (exit code, wall seconds, peak RSS in KiB)."""
    with open(outpath, "wb") as out, open(errpath, "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
    p.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it is reaped
    return p.returncode, t1 - t0, ru.ru_maxrss  # ru_maxrss is KiB on Linux


def gnu_time():
    """Path of GNU time if it is installed, else None."""
    for path in ("/usr/bin/time", shutil.which("gtime") or ""):
        if path and os.access(path, os.X_OK):
            try:
                r = subprocess.run([path, "-f", "%M", "true"], capture_output=True,
                                   text=True, timeout=10)
            except (OSError, subprocess.SubprocessError):
                continue
            if r.returncode == 0 and r.stderr.strip().splitlines()[-1:][0].isdigit():
                return path
    return None


def rss_run(timebin, cmd, outpath, errpath, rsspath):
    """Run cmd under GNU time; return (exit code, peak RSS in KiB or None)."""
    with open(outpath, "wb") as out, open(errpath, "wb") as err:
        rc = subprocess.run([timebin, "-f", "%M", "-o", rsspath] + cmd,
                            stdin=subprocess.DEVNULL, stdout=out, stderr=err).returncode
    try:
        with open(rsspath) as f:
            lines = [l for l in f.read().split() if l.isdigit()]
        return rc, int(lines[-1])
    except (OSError, IndexError, ValueError):
        return rc, None


def verify(rc, outpath, errpath, exp):
    """Return None when the run is correct, else a reason."""
    if rc != 0:
        with open(errpath, errors="replace") as f:
            tail = f.read()[-400:].strip()
        return "exit status %d; stderr: %s" % (rc, tail)
    try:
        with open(outpath) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        return "stdout is not valid JSON: %s" % e
    fired = doc.get("fired")
    if not isinstance(fired, list):
        return "JSON has no 'fired' list"
    if len(fired) != exp["fired"]:
        return "len(fired) = %d, expected %d" % (len(fired), exp["fired"])
    if fired != exp["fired_ids"]:
        bad = next(i for i, (a, b) in enumerate(zip(fired, exp["fired_ids"])) if a != b)
        return ("fired differs from the expected firing order at index %d: got %r, expected %r"
                % (bad, fired[bad], exp["fired_ids"][bad]))
    if exp.get("knot"):
        ids = [k.get("id") for k in doc.get("knots", [])]
        if exp["knot"] not in ids:
            return "knot %r not listed (knots: %r)" % (exp["knot"], ids)
    return None


def main(argv):
    if "--clips" in argv[1:]:  # the side-by-side comparison with CLIPS
        sys.path.insert(0, HERE)
        import clips
        return clips.main(argv)
    if "--jre" in argv[1:]:  # the side-by-side comparison with json-rules-engine
        sys.path.insert(0, HERE)
        import jre
        return jre.main(argv)
    if "--table" in argv[1:]:  # every row of the speed table
        sys.path.insert(0, HERE)
        import table
        return table.main(argv)
    if "--big" in argv[1:]:
        sys.stderr.write("bench: --big goes with --clips (bench/run --clips --big)\n")
        return 64
    runs = 5
    for a in argv[1:]:
        if a == "--quick":
            runs = 3
        elif a in ("-h", "--help"):
            print("usage: bench/run [--quick]\n"
                  "       bench/run --clips [--quick] [--big]\n"
                  "       bench/run --jre [--quick]\n"
                  "       bench/run --table [--quick]\n"
                  "  times knotwise on generated chain and fan-out rule sets "
                  "(N = 1k, 10k, 100k)\n"
                  "  --clips: side by side with CLIPS (chain, fan-out, batch), the floor "
                  "program,\n"
                  "  and the targets; --big adds a 1M-rule chain (knotwise only)\n"
                  "  --jre: side by side with json-rules-engine 7 on node (chain, fan-out)\n"
                  "  --table: every row of the speed table (consult vs floor, batch vs cat,\n"
                  "  vs CLIPS, vs json-rules-engine, chain 1M, batch under GNU parallel)\n"
                  "  KNOTWISE=PATH selects the binary (default: src/knotwise, else "
                  "build/src/knotwise)")
            return 0
        else:
            sys.stderr.write("bench: unknown argument %r (usage: bench/run [--quick])\n" % a)
            return 64

    sys.path.insert(0, HERE)
    import clips
    kw = clips.executable_knotwise()
    if not kw:
        return 66
    try:
        version = subprocess.run([kw, "--version"], capture_output=True, text=True,
                                 timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        version = "?"

    timebin = gnu_time()
    print("# knotwise bench: %s (%s)" % (kw, version))
    print("# %s, %s, nproc %d, %s, %d runs per row (median)"
          % (time.strftime("%Y-%m-%d %H:%M:%S %Z"), platform.machine(),
             os.cpu_count() or 0, platform.node(), runs))
    print("# peak_rss_kb: %s" % ("%s -f %%M (one extra, untimed, first run)" % timebin if timebin
                                  else "os.wait4 ru_maxrss of the timed runs"))
    print("%-10s %-8s %-10s %-8s %-12s %s"
          % ("workload", "N", "median_s", "min_s", "peak_rss_kb", "fired"))
    sys.stdout.flush()

    tmp = tempfile.mkdtemp(prefix="knotwise-bench-")
    failures = []
    driver_rss = False
    medians, mins = {}, {}
    try:
        for wl in WORKLOADS:
            for n in SIZES:
                d = os.path.join(tmp, "%s-%d" % (wl, n))
                subprocess.run([sys.executable, GEN, wl, str(n), d], check=True)
                with open(os.path.join(d, "expected.json")) as f:
                    exp = json.load(f)
                cmd = [kw, "--no-default-rules",
                       "--rules", os.path.join(d, "rules.ini"),
                       "--answers", os.path.join(d, "answers.txt"),
                       "--format", "json"]
                outp, errp = os.path.join(d, "out.json"), os.path.join(d, "err.txt")
                times, rss, bad, peak = [], [], None, -1
                if timebin:  # the RSS run comes first and doubles as a warm-up
                    rc, peak = rss_run(timebin, cmd, outp, errp, os.path.join(d, "rss.txt"))
                    bad = verify(rc, outp, errp, exp)
                    peak = peak if peak is not None else -1
                for _ in range(runs):
                    rc, secs, kb = run_once(cmd, outp, errp)
                    times.append(secs)
                    rss.append(kb)
                    bad = bad or verify(rc, outp, errp, exp)
                mark = ""
                if not timebin:
                    peak = max(rss)
                    if peak <= resource.getrusage(resource.RUSAGE_SELF).ru_maxrss:
                        mark = "*"
                        driver_rss = True
                med = statistics.median(times)
                medians[(wl, n)] = med
                mins[(wl, n)] = min(times)
                fired = "%d" % exp["fired"] if not bad else "FAIL"
                print("%-10s %-8d %-10.3f %-8.3f %-12s %s"
                      % (wl, n, med, min(times), "%d%s" % (peak, mark), fired))
                sys.stdout.flush()
                if bad:
                    failures.append((wl, n, bad, " ".join(cmd)))
    finally:
        if not failures:
            shutil.rmtree(tmp, ignore_errors=True)

    def growth(wl, table=None):
        table = table or medians
        a, b = table.get((wl, 10000)), table.get((wl, 100000))
        return b / a if a and b else float("nan")

    g = growth("chain")
    c100 = medians.get(("chain", 100000), float("nan"))
    print("growth chain 10k->100k: %.1fx (target <= %gx%s); chain 100k: %.3f s (target < %g s%s)"
          % (g, TARGET_GROWTH, "" if g <= TARGET_GROWTH else ", MISSED",
             c100, TARGET_CHAIN_100K_S, "" if c100 < TARGET_CHAIN_100K_S else ", MISSED"))
    print("growth of min_s 10k->100k: chain %.1fx, fanout %.1fx; fanout median %.1fx "
          "(for information; linear is 10x)"
          % (growth("chain", mins), growth("fanout", mins), growth("fanout")))

    if not timebin:
        print("# peak_rss_kb from os.wait4 (GNU time not found: apt-get install -y time)%s"
              % ("; * = not above this driver's own peak (%d KB), so it may be the driver's"
                 % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if driver_rss else ""))

    for wl, n, why, cmd in failures:
        sys.stderr.write("bench: FAIL %s N=%d: %s\n  command: %s\n" % (wl, n, why, cmd))
    if failures:
        sys.stderr.write("bench: rule sets and outputs kept in %s\n" % tmp)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
