#!/usr/bin/env python3
"""The whole speed table, one command: `bench/run --table [--quick]`
(see bench/README.md, "The speed table").  Stdlib only.

Rows, each measured as whole processes, medians of several runs, every
run verified:

  consult   one consult with the built-in rules vs the floor (bench/floor.c),
            with and without a valid rule-set cache when the binary has one
  batch     `knotwise batch`, 100k answer sets (bench/batch_gen.py), to a
            file, vs `cat` writing the same bytes to a file
  clips     the same batch vs CLIPS 6.30 running a translation of about 200
            of the built-in rules (bench/clips.py)
  chain     chain 100k vs json-rules-engine 7 on node (bench/jre.py)
  fanout    fan-out 10k vs CLIPS and vs json-rules-engine
  1M        chain 1M: wall time over chain 100k, and peak RSS
  parallel  the batch under GNU parallel (--pipe -k, --pipepart -k) on all
            cores vs one process, output byte-identical

Exit status: 0 when every run verified, 1 when one did not (the reason
and the command on stderr, the files kept), 64 bad usage, 66 no binary,
69 a tool is missing.  A missed goal is reported, not a failure.
"""

import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import clips  # noqa: E402
import jre  # noqa: E402

# about 200 of the built-in rules, all testing answers only (206 rules)
CLIPS_SLICE = ["10-red-flags.ini", "40-neck.ini", "41-upper-back.ini", "42-mid-back.ini",
               "43-lower-back.ini"]
PARALLEL_BLOCK = "10M"


def nruns(n):
    return "%d run%s" % (n, "" if n == 1 else "s")


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(1 << 22)
            if not b:
                return h.hexdigest()
            h.update(b)


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout
        return out.strip().splitlines()[0] if out.strip() else "?"
    except (OSError, subprocess.SubprocessError, IndexError):
        return "?"


class Table:
    def __init__(self, runs, quick, timebin, kw, tmp):
        self.runs, self.quick, self.timebin, self.kw, self.tmp = runs, quick, timebin, kw, tmp
        self.failures = []
        self.rows = []      # (row, measured, goal, verdict)
        self.details = []   # lines printed under the table
        self.builtin = [kw, "--no-default-rules", "--rules", os.path.join(ROOT, "rules")]

    def fail(self, what, why, cmd):
        self.failures.append((what, why, " ".join(cmd)))
        self.details.append("  FAIL %s: %s" % (what, why))

    def row(self, name, measured, goal, met):
        verdict = "FAIL" if met is None else "met" if met else "missed"
        self.rows.append((name, measured, goal, verdict))

    def note(self, line):
        self.details.append(line)
        print("  " + line, file=sys.stderr)

    # -------------------------------------------------- generated rule sets

    def generated(self, wl, n, with_clips, with_jre):
        """Generate wl n; run knotwise, CLIPS and json-rules-engine in turn,
        runs times each.  Returns {engine: median seconds}, or None when a
        verification failed."""
        d = os.path.join(self.tmp, "%s-%d" % (wl, n))
        gen = [sys.executable, os.path.join(HERE, "gen.py"), wl, str(n), d]
        subprocess.run(gen + (["--clp"] if with_clips else []), check=True)
        exp = jre.write_json(d) if with_jre else json.load(open(os.path.join(d, "expected.json")))
        exp["all_ids"] = clips.all_ids(exp)
        want = clips.expected_line(exp)
        engines = [("knotwise", clips.kw_cmd(self.kw, d), os.path.join(d, "kw.json"))]
        if with_clips:
            engines.append(("CLIPS", [shutil.which("clips"), "-f2", os.path.join(d, "driver.bat")],
                            os.path.join(d, "clips.out")))
        if with_jre:
            engines.append(("json-rules-engine", jre.jre_cmd(d), os.path.join(d, "jre.out")))
        ko = engines[0][2]

        def check(name, out):
            if name == "knotwise":
                return clips.safe_kw_line(ko, exp), None
            got = clips.clips_line(out)
            if name == "json-rules-engine":
                return got, jre.same_rules(ko, out, ordered=(wl == "chain"))
            return got, None

        times = {name: [] for name, _, _ in engines}
        rss, ok = {}, True
        for name, cmd, out in engines:  # untimed: peak RSS, warm-up, verification
            rc, _, rss[name] = clips.run_rss(self.timebin, cmd, None, out, d)
            got, why = check(name, out) if rc == 0 else ("exit %d" % rc, None)
            self.details.append("  %-10s %-18s %s" % ("%s %s" % (wl, clips.label(n)), name + ":",
                                                      got))
            if got != want or why:
                ok = False
                self.fail("%s %s %s" % (wl, clips.label(n), name),
                          why or "%s, expected %s" % (got, want), cmd)
        for i in range(self.runs):
            for name, cmd, out in engines:
                rc, s = clips.run_timed(cmd, None, out)
                times[name].append(s)
                got, why = check(name, out) if rc == 0 else ("exit %d" % rc, None)
                if got != want or why:
                    ok = False
                    self.fail("%s %s %s run %d" % (wl, clips.label(n), name, i + 1),
                              why or got, cmd)
        for name, _, _ in engines:
            self.details.append("  %-10s %-18s median %s s, min %s s, peak RSS %d KB (%s)"
                                % ("", name, clips.fmt_s(med(times[name])),
                                   clips.fmt_s(min(times[name])), rss[name],
                                   nruns(len(times[name]))))
        if ok:
            shutil.rmtree(d, ignore_errors=True)
        return ({name: med(t) for name, t in times.items()}, rss) if ok else (None, rss)

    def big_chain(self, n, runs):
        """Chain n, knotwise only: one run under GNU time (peak RSS,
        verification), then runs timed runs.  (median s, peak KB) or None."""
        d = os.path.join(self.tmp, "chain-%d" % n)
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), "chain", str(n), d],
                       check=True)
        with open(os.path.join(d, "expected.json")) as f:
            exp = json.load(f)
        exp["all_ids"] = clips.all_ids(exp)
        want = clips.expected_line(exp)
        cmd, out = clips.kw_cmd(self.kw, d), os.path.join(d, "kw.json")
        rc, _, peak = clips.run_rss(self.timebin, cmd, None, out, d)
        got = clips.safe_kw_line(out, exp) if rc == 0 else "exit %d" % rc
        self.details.append("  %-10s %-18s %s" % ("chain " + clips.label(n), "knotwise:", got))
        ok = got == want
        times = []
        for i in range(runs if ok else 0):
            rc, s = clips.run_timed(cmd, None, out)
            times.append(s)
            if rc != 0 or clips.safe_kw_line(out, exp) != want:
                ok = False
                break
        if not ok:
            self.fail("chain %s" % clips.label(n), got, cmd)
            return None
        self.details.append("  %-10s %-18s median %s s, min %s s, peak RSS %d KB (%s)"
                            % ("", "knotwise", clips.fmt_s(med(times)),
                               clips.fmt_s(min(times)), peak, nruns(len(times))))
        shutil.rmtree(d, ignore_errors=True)
        return med(times), peak

    # -------------------------------------------------- batch

    def batch_reference(self, jl, nrec, out):
        """The first batch run, to a file, read whole: one line per record,
        ids 1..nrec in order, no error line.  Also the CLIPS counters over
        the slice.  Returns (sha256, counters line) or None."""
        cmd = self.builtin + ["batch"]
        rc, _, rss = clips.run_rss(self.timebin, cmd, jl, out, self.tmp)
        if rc != 0:
            self.fail("batch", "exit %d" % rc, cmd + ["<", jl])
            return None
        slice_rules = clips.rules_of([os.path.join(ROOT, "rules", f) for f in CLIPS_SLICE])
        bad = []

        def lines():
            with open(out, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    if not bad and not line.startswith('{"id":%d,' % n) and \
                            json.loads(line).get("id") != n:
                        bad.append("line %d has id %r" % (n, json.loads(line).get("id")))
                    yield line
        try:
            (counters, errors) = clips.knotwise_batch_line(lines(), slice_rules)
        except (ValueError, KeyError) as e:
            bad.append("unreadable result line (%s)" % e)
            counters, errors = None, 0
        if errors:
            bad.append("%d error lines" % errors)
        if counters and not counters.startswith("records=%d " % nrec):
            bad.append("%s, expected %d records" % (counters.split()[0], nrec))
        if bad:
            self.fail("batch", bad[0], cmd + ["<", jl])
            return None
        self.batch_rss = rss
        self.details.append("  %-10s %-18s %s (peak RSS %d KB)"
                            % ("batch", "knotwise:", counters, rss))
        return sha256(out), counters

    def batch_vs_cat(self, jl, nrec, ref, digest):
        """knotwise batch > file vs cat ref > file, alternately."""
        cmd = self.builtin + ["batch"]
        out, cat_out = os.path.join(self.tmp, "batch.out"), os.path.join(self.tmp, "cat.out")
        kt, ct = [], []
        for i in range(self.runs):
            rc, s = clips.run_timed(cmd, jl, out)
            kt.append(s)
            if rc != 0 or sha256(out) != digest:
                self.fail("batch run %d" % (i + 1), "exit %d or output differs from the first "
                          "run's" % rc, cmd + ["<", jl])
                return None
            rc, s = clips.run_timed(["cat", ref], None, cat_out)
            ct.append(s)
            if rc != 0 or os.path.getsize(cat_out) != os.path.getsize(ref):
                self.fail("cat run %d" % (i + 1), "exit %d or short output" % rc, ["cat", ref])
                return None
        os.unlink(cat_out)
        os.unlink(out)
        size = os.path.getsize(ref)
        self.details.append("  %-10s %-18s median %s s, min %s s; cat: median %s s, min %s s; "
                            "%.0f MB of output (%s each)"
                            % ("batch", "knotwise:", clips.fmt_s(med(kt)), clips.fmt_s(min(kt)),
                               clips.fmt_s(med(ct)), clips.fmt_s(min(ct)), size / 1e6,
                               nruns(len(kt))))
        return med(kt), med(ct), size

    def batch_vs_clips(self, jl, counters, src_kw):
        """knotwise batch (full results, to /dev/null) vs CLIPS over the
        slice; the CLIPS counters must equal knotwise's."""
        import batch_gen
        bd = os.path.join(self.tmp, "clips-batch")
        os.makedirs(bd)
        slice_rules = clips.write_batch(bd, batch_gen.load_questions(src_kw),
                                        os.path.join(ROOT, "rules"), jl, CLIPS_SLICE)
        kcmd = self.builtin + ["batch"]
        ccmd = [shutil.which("clips"), "-f2", os.path.join(bd, "batch.bat")]
        co = os.path.join(bd, "clips.out")
        kt, ct = [], []
        crun = 1 if self.quick else self.runs
        for i in range(self.runs):
            rc, s = clips.run_timed(kcmd, jl, None)
            kt.append(s)
            if rc != 0:
                self.fail("batch to /dev/null run %d" % (i + 1), "exit %d" % rc, kcmd)
                return None
            if i < crun:
                rc, s = clips.run_timed(ccmd, None, co)
                ct.append(s)
                got = clips.clips_line(co)
                if rc != 0 or got != counters:
                    self.fail("CLIPS batch run %d" % (i + 1),
                              "%s, knotwise: %s" % (got, counters), ccmd)
                    return None
                if i == 0:
                    self.details.append("  %-10s %-18s %s" % ("", "CLIPS:", got))
        self.details.append("  %-10s %-18s (%d rules of %s)"
                            % ("", "", len(slice_rules), ", ".join(CLIPS_SLICE)))
        self.details.append("  %-10s %-18s knotwise median %s s (%s), CLIPS median %s s "
                            "(%s)" % ("", "", clips.fmt_s(med(kt)), nruns(len(kt)),
                                           clips.fmt_s(med(ct)), nruns(len(ct))))
        shutil.rmtree(bd, ignore_errors=True)
        return med(kt), med(ct), len(slice_rules)

    def parallel(self, jl, digest):
        """The batch under GNU parallel, output to a file, byte-identical to
        one process's."""
        shm = "/dev/shm"
        ptmp = tempfile.mkdtemp(prefix="knotwise-par-", dir=shm if os.path.isdir(shm) else
                                self.tmp)
        base = ["parallel", "--tmpdir", ptmp, "--block", PARALLEL_BLOCK, "-k"]
        kw = self.builtin + ["batch"]
        variants = [("one process", kw, jl),
                    ("--pipe -k", base + ["--pipe"] + kw, jl),
                    ("--pipepart -k", base + ["--pipepart", "-a", jl] + kw, None)]
        out = os.path.join(self.tmp, "parallel.out")
        res = {}
        times = {name: [] for name, _, _ in variants}
        try:
            for i in range(self.runs):
                for name, cmd, stdin in variants:
                    rc, s = clips.run_timed(cmd, stdin, out)
                    times[name].append(s)
                    if rc != 0 or sha256(out) != digest:
                        self.fail("parallel %s run %d" % (name, i + 1),
                                  "exit %d or output not byte-identical to one process's" % rc,
                                  cmd)
                        return None
        finally:
            shutil.rmtree(ptmp, ignore_errors=True)
            if os.path.exists(out):
                os.unlink(out)
        for name, cmd, _ in variants:
            res[name] = med(times[name])
            shown = " ".join({ptmp: "TMPDIR", jl: "FILE"}.get(c, c)
                             for c in cmd[:len(cmd) - len(kw)])
            self.details.append("  %-10s %-18s median %s s, min %s s (%s): %s"
                                % ("parallel", name + ":", clips.fmt_s(res[name]),
                                   clips.fmt_s(min(times[name])), nruns(len(times[name])),
                                   (shown + " " if shown else "") + "knotwise batch"))
        self.details.append("  %-10s %-18s output byte-identical to one process's in every run; "
                            "runs interleaved" % ("", ""))
        one = res.pop("one process")
        return {name: one / t for name, t in res.items()}

    # -------------------------------------------------- one consult

    def consult(self, jl, count, has_cache):
        floor = os.path.join(self.tmp, "floor")
        r = subprocess.run(["cc", "-O2", os.path.join(HERE, "floor.c"), "-linih", "-o", floor],
                           capture_output=True, text=True)
        if r.returncode != 0:
            self.fail("floor", "cc failed: %s" % r.stderr.strip()[-400:], ["cc"])
            return None
        rules_dir = os.path.join(ROOT, "rules")
        ans, src = clips.v24_answers(self.tmp, jl)
        tail = ["--format", "json", "--partial", "--answers", ans]
        variants = [("floor", [floor, rules_dir])]
        if has_cache:
            variants += [("no cache", [self.kw, "--no-cache"] + self.builtin[1:] + tail),
                         ("valid cache", self.builtin + tail)]
        else:
            variants += [("no cache", self.builtin + tail)]
        outs = {}
        for name, cmd in variants:  # untimed: peak RSS, verification, fills the cache
            out = os.path.join(self.tmp, "consult-%s.out" % name.replace(" ", "-"))
            rc, _, rss = clips.run_rss(self.timebin, cmd, None, out, self.tmp)
            with open(out, "rb") as f:
                outs[name] = (rc, f.read(), rss)
        want = clips.count_ini_lines(rules_dir)
        rc, text, frss = outs["floor"]
        if rc != 0 or text.split()[-1:] != [str(want).encode()]:
            self.fail("floor", "floor printed %r, expected %d" % (text[-40:], want),
                      variants[0][1])
            return None
        rc, text, crss = outs["no cache"]
        try:
            fired = len(json.loads(text)["fired"])
        except (ValueError, KeyError):
            fired = 0
        if rc != 0 or not fired:
            self.fail("consult", "exit %d, %d rules fired" % (rc, fired), variants[1][1])
            return None
        if has_cache and outs["valid cache"][:2] != (0, text):
            self.fail("consult with cache", "output differs from --no-cache's", variants[2][1])
            return None
        if has_cache:
            cache_dir = os.path.join(os.environ["XDG_CACHE_HOME"], "knotwise")
            if not (os.path.isdir(cache_dir) and os.listdir(cache_dir)):
                self.note("note: this binary has --no-cache but wrote no image under "
                          "$XDG_CACHE_HOME/knotwise")
        times = {name: [] for name, _ in variants}
        for i in range(count):
            for name, cmd in variants:
                rc, s = clips.run_timed(cmd, None, None)
                times[name].append(s)
                if rc != 0:
                    self.fail("consult %s run %d" % (name, i + 1), "exit %d" % rc, cmd)
                    return None
        self.details.append("  %-10s %-18s %s (%d key lines), answers of %s: %d rules fired%s"
                            % ("consult", "", rules_dir, want, src, fired,
                               "; same output with and without the cache" if has_cache else ""))
        for name, _ in variants:
            self.details.append("  %-10s %-18s median %.4f s, min %.4f s (%s), peak RSS %d KB"
                                % ("", name + ":", med(times[name]), min(times[name]),
                                   nruns(len(times[name])), outs[name][2]))
        f = med(times["floor"])
        return {name: med(t) / f for name, t in times.items() if name != "floor"}, crss


def fx(x):
    return "%.2f×" % x if x < 10 else "%.1f×" % x


def main(argv):
    runs, quick = 5, False
    for a in argv[1:]:
        if a == "--quick":
            runs, quick = 3, True
        elif a != "--table":
            sys.stderr.write("bench: unknown argument %r (usage: bench/run --table [--quick])\n"
                             % a)
            return 64
    nrec = int(os.environ.get("BENCH_BATCH_RECORDS", "100000"))
    err = clips.ensure_tools(node=True) or jre.ensure_jre()
    if not err and not shutil.which("parallel"):
        err = "GNU parallel is missing: ./quickstart bench installs it"
    timebin = clips.gnu_time()
    if err or not timebin:
        sys.stderr.write("bench: %s\n" % (err or "GNU time is missing"))
        return 69
    src_kw = clips.executable_knotwise()
    if not src_kw:
        return 66
    tmp = tempfile.mkdtemp(prefix="knotwise-table-")
    free = shutil.disk_usage(tmp).free
    if free < 4e9:
        sys.stderr.write("bench: %.1f GB free in %s; the batch rows need about 2 GB\n"
                         % (free / 1e9, tmp))
    # knotwise finds no user rules, cache or journal of this user's: its own
    for var in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[var] = os.path.join(tmp, var.lower())
        os.makedirs(os.environ[var], mode=0o700)
    kw = os.path.join(tmp, "knotwise")
    shutil.copy2(src_kw, kw)  # a rebuild during the run cannot mix binaries
    help_text = subprocess.run([kw, "--help"], capture_output=True, text=True).stdout
    has_cache = "--no-cache" in help_text
    commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                            capture_output=True, text=True).stdout.strip() or "?"
    t0 = time.time()
    print("# speed table: %s (copy of %s, %s, source tree at %s)"
          % (kw, src_kw, tool_version([kw, "--version"]), commit))
    print("# CLIPS %s; json-rules-engine %s on node %s; %s; %s"
          % (subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "clips"],
                            capture_output=True, text=True).stdout.strip() or "?",
             jre.jre_version(), jre.node_version(), tool_version(["parallel", "--version"]),
             "GNU time"))
    print("# %s, %s, nproc %d, load average %.2f %.2f %.2f at the start; %s"
          % (time.strftime("%Y-%m-%d %H:%M:%S %Z"), platform.machine(), os.cpu_count() or 0,
             *os.getloadavg(), "quick: 3 runs a row" if quick else "%d runs a row" % runs))
    sys.stdout.flush()
    t = Table(runs, quick, timebin, kw, tmp)
    try:
        rc = run_rows(t, nrec, src_kw, has_cache)
    finally:
        if not t.failures:
            shutil.rmtree(tmp, ignore_errors=True)
    print()
    print("| row | measured | goal | |")
    print("|---|---|---|---|")
    for name, measured, goal, verdict in t.rows:
        print("| %s | %s | %s | %s |" % (name, measured, goal, verdict))
    print()
    print("verification and medians:")
    for line in t.details:
        print(line)
    print("# load average %.2f %.2f %.2f at the end; %.0f s in all"
          % (*os.getloadavg(), time.time() - t0))
    for what, why, cmd in t.failures:
        sys.stderr.write("bench: FAIL %s: %s\n  command: %s\n" % (what, why, cmd))
    if t.failures:
        sys.stderr.write("bench: rule sets and outputs kept in %s\n" % tmp)
        return 1
    return rc


def step(msg):
    sys.stderr.write("bench: %s (%s)\n" % (msg, time.strftime("%H:%M:%S")))


def run_rows(t, nrec, src_kw, has_cache):
    """Measure every row in turn; a row whose verification failed says so."""
    jl = os.path.join(t.tmp, "records.jsonl")
    step("generating %d answer sets" % nrec)
    subprocess.run([sys.executable, os.path.join(HERE, "batch_gen.py"), "-n", str(nrec),
                    "-o", jl, "--knotwise", src_kw], check=True)
    k = clips.label(nrec)
    failed = "verification FAILED (below)"

    step("one consult vs the floor")
    name = "one consult, built-in rules, vs the libinih floor (`bench/floor.c`)"
    goal = "≤ 1.3× with a valid cache, ≤ 2× without"
    r = t.consult(jl, 11 if t.quick else 21, has_cache)
    if not r:
        t.row(name, failed, goal, None)
    elif has_cache:
        ratios = r[0]
        t.row(name, "%s with a valid cache, %s without"
              % (fx(ratios["valid cache"]), fx(ratios["no cache"])), goal,
              ratios["valid cache"] <= 1.3 and ratios["no cache"] <= 2)
    else:
        ratios = r[0]
        t.row(name, "%s without a cache (this binary has none)" % fx(ratios["no cache"]),
              goal, ratios["no cache"] <= 2)

    step("batch of %s to a file, and cat" % k)
    ref = os.path.join(t.tmp, "batch-reference.out")
    first = t.batch_reference(jl, nrec, ref)
    name = ("`batch`, %s built-in answer sets (`bench/batch_gen.py`), to a file, vs `cat` "
            "writing the same output to a file" % k)
    r = t.batch_vs_cat(jl, nrec, ref, first[0]) if first else None
    if r:
        single, cat_s, size = r
        t.row(name.replace("the same output", "the same %.0f MB of output" % (size / 1e6)),
              "%.1fk sets/s; %s the `cat` time (%.2f s vs %.2f s)"
              % (nrec / single / 1000, fx(single / cat_s), single, cat_s),
              "≤ 2× the `cat` time", single / cat_s <= 2)
    else:
        t.row(name, failed, "≤ 2× the `cat` time", None)

    step("batch vs CLIPS")
    r = t.batch_vs_clips(jl, first[1], src_kw) if first else None
    if r:
        kmed, cmed, nrules = r
        t.row("batch, %s records, %d rules, vs CLIPS 6.30" % (k, nrules),
              "%s (%.2f s vs %.1f s)" % (fx(cmed / kmed), kmed, cmed), "≥ 10×",
              cmed / kmed >= 10)
    else:
        t.row("batch, %s records, about 200 rules, vs CLIPS 6.30" % k, failed, "≥ 10×", None)

    step("chain 100k vs json-rules-engine")
    meds, _ = t.generated("chain", 100000, False, True)
    name = "chain 100k rules vs json-rules-engine 7 (node)"
    chain100k = meds["knotwise"] if meds else None
    if meds:
        r = meds["json-rules-engine"] / meds["knotwise"]
        t.row(name, "%s (%.2f s vs %.2f s)" % (fx(r), meds["knotwise"],
                                               meds["json-rules-engine"]), "≥ 10×", r >= 10)
    else:
        t.row(name, failed, "≥ 10×", None)

    step("fan-out 10k vs CLIPS and json-rules-engine")
    meds, _ = t.generated("fanout", 10000, True, True)
    name = "fan-out 10k vs CLIPS and vs json-rules-engine"
    if meds:
        rc_, rj = meds["CLIPS"] / meds["knotwise"], meds["json-rules-engine"] / meds["knotwise"]
        t.row(name, "%s and %s (%.3f s vs %.2f s and %.2f s)"
              % (fx(rc_), fx(rj), meds["knotwise"], meds["CLIPS"], meds["json-rules-engine"]),
              "≥ 10× both", rc_ >= 10 and rj >= 10)
    else:
        t.row(name, failed, "≥ 10× both", None)

    step("chain 1M")
    big = t.big_chain(1000000, 1 if t.quick else 3)
    name = "chain 1M: wall time over chain 100k; peak RSS"
    if big and chain100k:
        g = big[0] / chain100k
        t.row(name, "%.1f×; %.2f GB (%.2f s vs %.3f s)" % (g, big[1] / 1e6, big[0], chain100k),
              "≤ 10.5×; ≤ 500 MB", g <= 10.5 and big[1] <= 500000)
    else:
        t.row(name, failed, "≤ 10.5×; ≤ 500 MB", None)

    step("batch under GNU parallel")
    sp = t.parallel(jl, first[0]) if first else None
    name = ("`batch` under GNU parallel on %d cores vs one process, same output to a file"
            % (os.cpu_count() or 0))
    if sp:
        t.row(name, "%.2f× with `--pipe -k`, %.2f× with `--pipepart -k` (%s sets)"
              % (sp["--pipe -k"], sp["--pipepart -k"], k),
              "≥ 1.5×, output identical", max(sp.values()) >= 1.5)
    else:
        t.row(name, failed, "≥ 1.5×, output identical", None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
