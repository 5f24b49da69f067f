#!/usr/bin/env python3
"""knotwise against json-rules-engine 7 (node), side by side (stdlib only);
run through `bench/run --jre [--quick]` (see bench/README.md).

As a program (main): installs json-rules-engine with npm inside bench/ on
first use (from bench/package.json and package-lock.json, into
bench/node_modules), then for chain 1k/10k/100k and fanout 1k/10k/100k
runs knotwise and `node bench/jre.js` alternately (5 or 3 timed runs each,
after one untimed run under GNU time for the peak RSS and the verification
lines) and prints the table.  Exit 0 when everything verified, 1
otherwise, 69 when node, npm or the package cannot be had.

As a library (used by bench/table.py):
- write_json(outdir): DIR/rules.json, the json-rules-engine side of a rule
  set that bench/gen.py wrote in DIR (rules.ini, answers.txt,
  expected.json);
- ensure_jre(): the package is there (installing it when asked), or why not;
- jre_cmd(outdir): the command that runs it.

The translation, rule by rule, from the rule file itself:
- a condition becomes a json-rules-engine condition tree: `and` -> all,
  `or` -> any, `not` -> not; `q == v` -> equal (a yes/no answer is a JSON
  boolean), `q >= n` and the other comparisons -> greaterThanInclusive and
  its kin, `q in {a, b}` -> in (a choice) or someFact:in (a multi answer:
  some item is one of them), `q has v` -> contains, a bare fact or yes/no
  id -> equal true;
- answers are the engine's facts, set once at the start (answers.txt read
  with the question types: yes/no -> true/false, numbers, lists);
- actions are the event's params, carried out by one handler in
  bench/jre.js: `set F` -> almanac.addRuntimeFact(F, true), `suspect K CF`
  -> the MYCIN combination;
- priorities: json-rules-engine has no agenda.  It evaluates each rule
  once, priority set by priority set, and reads a set's facts when the set
  starts, so a rule that tests a fact set by another rule must come in a
  later set.  Each rule's level is 0 when it tests answers only, else one
  more than the highest level of the rules that set what it tests; its
  priority is (highest level + 1 - level).  Chain N so gets N+1 sets of
  one rule each (r1 first, done last); fanout, whose rules test answers
  only, one set.  This is how the package's own documentation chains
  rules (a higher priority for the rule whose result another reads).
"""

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import clips  # noqa: E402
import kwexpr  # noqa: E402

JRE_MAJOR = "7"
OPS = {"<": "lessThan", "<=": "lessThanInclusive", ">": "greaterThan",
       ">=": "greaterThanInclusive"}

# ------------------------------------------------------------ translation


class Translator:
    def __init__(self, qtypes, facts):
        self.qtypes = qtypes  # question id -> type
        self.facts = facts    # ids that rules set

    def value(self, qid, v):
        t = self.qtypes.get(qid)
        if t == "yesno":
            return str(v).lower() in ("yes", "true", "y", "1")
        if t in ("number", "scale"):
            if not isinstance(v, (int, float)):
                raise ValueError("%s: %r is not a number" % (qid, v))
            return v
        return str(v)

    @staticmethod
    def test(fact, op, value):
        return {"fact": fact, "operator": op, "value": value}

    def cond(self, t):
        tag = t[0]
        if tag == "and":
            return {"all": [self.cond(s) for s in t[1]]}
        if tag == "or":
            return {"any": [self.cond(s) for s in t[1]]}
        if tag == "not":
            return {"not": self.cond(t[1])}
        qid = t[1] if tag != "count" else None
        qt = self.qtypes.get(qid)
        if tag == "truthy" and (qid in self.facts or qt == "yesno"):
            return self.test(qid, "equal", True)
        if tag == "cmp" and t[2] == "==" and qt in ("yesno", "choice", "number", "scale"):
            return self.test(qid, "equal", self.value(qid, t[3]))
        if tag == "cmp" and t[2] in OPS and qt in ("number", "scale"):
            return self.test(qid, OPS[t[2]], self.value(qid, t[3]))
        if tag == "in" and qt in ("choice", "number", "scale"):
            return self.test(qid, "in", [self.value(qid, v) for v in t[2]])
        if tag == "in" and qt == "multi":
            return self.test(qid, "someFact:in", [str(v) for v in t[2]])
        if tag == "has" and qt == "multi":
            return self.test(qid, "contains", str(t[2]))
        raise ValueError("json-rules-engine translation: %r is not translated" % (t,))

    @staticmethod
    def event(rid, index, thens):
        params = {"i": index}
        for a in thens:
            w = a.split()
            if w[0] == "set" and len(w) == 2:
                params.setdefault("set", []).append(w[1])
            elif w[0] == "suspect" and len(w) == 3:
                params.setdefault("suspect", []).append([w[1], float(w[2])])
            else:
                raise ValueError("rule %s: action %r is not translated" % (rid, a))
        return {"type": rid, "params": params}


def levels(rules, facts_of):
    """Each rule's level: 0 when it tests no fact that a rule sets, else one
    more than the highest level of the rules setting what it tests (Kahn's
    algorithm over setter -> reader; a cycle is an error)."""
    setters = {}
    for i, (_, _, thens) in enumerate(rules):
        for f in facts_of(thens):
            setters.setdefault(f, []).append(i)
    readers = [[] for _ in rules]
    indeg = [0] * len(rules)
    for i, (_, tree, _) in enumerate(rules):
        for f in kwexpr.ids_of(tree):
            for s in setters.get(f, []):
                readers[s].append(i)
                indeg[i] += 1
    level = [0] * len(rules)
    todo = [i for i, d in enumerate(indeg) if d == 0]
    done = 0
    while todo:
        i = todo.pop()
        done += 1
        for j in readers[i]:
            level[j] = max(level[j], level[i] + 1)
            indeg[j] -= 1
            if indeg[j] == 0:
                todo.append(j)
    if done != len(rules):
        raise ValueError("the rules' facts form a cycle: no priority order exists")
    return level


def set_facts(thens):
    return [a.split()[1] for a in thens if a.split()[0] == "set"]


def read_answers(path, qtypes):
    facts = {}
    with open(path) as f:
        for line in f:
            if not line.strip() or line.lstrip()[0] in "#;":
                continue
            k, v = (s.strip() for s in line.split("=", 1))
            t = qtypes[k]
            if t == "yesno":
                facts[k] = v.lower() in ("yes", "y", "true")
            elif t in ("number", "scale"):
                facts[k] = float(v) if "." in v else int(v)
            elif t == "multi":
                facts[k] = [x.strip() for x in v.split(",") if x.strip()]
            else:
                facts[k] = v
    return facts


def write_json(outdir):
    """rules.json next to what bench/gen.py wrote in outdir; returns exp."""
    with open(os.path.join(outdir, "expected.json")) as f:
        exp = json.load(f)
    rules_ini = os.path.join(outdir, "rules.ini")
    qtypes = {q["id"]: q["type"] for q in clips.questions_of([rules_ini])}
    rules = [(rid, kwexpr.parse(cond), thens)
             for rid, cond, thens, _ in clips.rules_of([rules_ini])]
    facts = {f for _, _, thens in rules for f in set_facts(thens)}
    tr = Translator(qtypes, facts)
    level = levels(rules, set_facts)
    top = max(level) if level else 0
    out = []
    for i, (rid, tree, thens) in enumerate(rules):
        out.append({"name": rid, "priority": top + 1 - level[i],
                    "conditions": tr.cond(tree if tree[0] in ("and", "or", "not")
                                          else ("and", [tree])),
                    "event": tr.event(rid, i + 1, thens)})
    if exp["workload"] == "chain":
        final = {"fact": "f%d" % exp["n"], "knot": exp["knot"], "min": 0.3}
    else:
        final = ({"fact": exp["fired_ids"][-1] + "_fact"} if exp["fired_ids"] else None)
    spec = {"source": "bench/jre.py from %s" % os.path.basename(rules_ini),
            "rules": out,
            "facts": read_answers(os.path.join(outdir, "answers.txt"), qtypes),
            "final": final}
    with open(os.path.join(outdir, "rules.json"), "w") as f:
        json.dump(spec, f, separators=(",", ":"))
        f.write("\n")
    return exp


# ------------------------------------------------------------ the package

def jre_version():
    """The installed json-rules-engine's version, or None."""
    try:
        with open(os.path.join(HERE, "node_modules", "json-rules-engine", "package.json")) as f:
            return json.load(f)["version"]
    except (OSError, ValueError, KeyError):
        return None


def node_version():
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True,
                              timeout=30).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def ensure_jre():
    """Install json-rules-engine into bench/node_modules on first use (npm
    ci from the committed lock file).  Returns None or why it cannot."""
    v = jre_version()
    if v and v.split(".")[0] == JRE_MAJOR and node_version():
        return None
    if not shutil.which("node") or not shutil.which("npm"):
        return ("node and npm are needed for json-rules-engine: "
                "./quickstart bench installs them (Debian: nodejs npm)")
    sys.stderr.write("bench: installing json-rules-engine %s.x into %s (npm ci)\n"
                     % (JRE_MAJOR, os.path.join(HERE, "node_modules")))
    r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=HERE, stdout=subprocess.DEVNULL)
    v = jre_version()
    if r.returncode != 0 or not v or v.split(".")[0] != JRE_MAJOR:
        return "npm ci in %s failed (json-rules-engine %s)" % (HERE, v or "not installed")
    return None


def fired_rules(path):
    """The rules json-rules-engine fired, from bench/jre.js's `rules=` line."""
    with open(path) as f:
        for line in f:
            if line.startswith("rules="):
                return line[len("rules="):].split()
    return None


def same_rules(kw_json, jre_out, ordered):
    """None when json-rules-engine fired the same rules as knotwise (in the
    same order when ordered), else what differs."""
    try:
        with open(kw_json) as f:
            kw = json.load(f)["fired"]
    except (OSError, ValueError, KeyError) as e:
        return "knotwise's output cannot be read (%s)" % e
    got = fired_rules(jre_out)
    if got is None:
        return "json-rules-engine printed no rules= line"
    if ordered and got != kw:
        i = next((i for i, (a, b) in enumerate(zip(got, kw)) if a != b), min(len(got), len(kw)))
        return ("json-rules-engine fired %d rules, knotwise %d; first difference at %d"
                % (len(got), len(kw), i))
    if set(got) != set(kw):
        return ("json-rules-engine and knotwise fired different rules: %d only in "
                "json-rules-engine, %d only in knotwise"
                % (len(set(got) - set(kw)), len(set(kw) - set(got))))
    return None


def jre_cmd(outdir):
    return ["node", os.path.join(HERE, "jre.js"), os.path.join(outdir, "rules.json")]


# ------------------------------------------------------------ side by side

HEAD = ("%-8s %-5s %9s %8s %9s | %9s %8s %9s | %7s %s"
        % ("workload", "N", "kw_med_s", "kw_min_s", "kw_rss_kb",
           "jre_med_s", "jre_min", "jre_rss", "jre/kw", "check"))


def side_by_side(kw, timebin, runs, tmp, wl, n, verify):
    """Generate wl n, run both engines alternately; print one row."""
    d = os.path.join(tmp, "%s-%d" % (wl, n))
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), wl, str(n), d], check=True)
    exp = write_json(d)
    exp["all_ids"] = clips.all_ids(exp)
    want = clips.expected_line(exp)
    kcmd = clips.kw_cmd(kw, d)
    jcmd = jre_cmd(d)
    ko, jo = os.path.join(d, "kw.json"), os.path.join(d, "jre.out")
    bad = []
    rc, _, krss = clips.run_rss(timebin, kcmd, None, ko, d)
    kgot = clips.safe_kw_line(ko, exp) if rc == 0 else "exit %d" % rc
    rc, _, jrss = clips.run_rss(timebin, jcmd, None, jo, d)
    jgot = clips.clips_line(jo) if rc == 0 else "exit %d" % rc
    if kgot != want or jgot != want:
        bad.append("knotwise: %s; json-rules-engine: %s; expected: %s" % (kgot, jgot, want))
    why = same_rules(ko, jo, ordered=(wl == "chain"))
    if why:
        bad.append(why)
    kt, jt = [], []
    for i in range(runs):
        rc, s = clips.run_timed(kcmd, None, ko)
        kt.append(s)
        if rc != 0 or clips.safe_kw_line(ko, exp) != want:
            bad.append("knotwise run %d: exit %d" % (i + 1, rc))
        rc, s = clips.run_timed(jcmd, None, jo)
        jt.append(s)
        if rc != 0 or clips.clips_line(jo) != want:
            bad.append("json-rules-engine run %d: exit %d, %s" % (i + 1, rc, clips.clips_line(jo)))
    verify.append(("%s %s" % (wl, clips.label(n)), kgot, jgot))
    ratio = clips.row(wl, clips.label(n), kt, krss, jt, jrss, not bad)
    if not bad:
        shutil.rmtree(d, ignore_errors=True)
    return ratio, bad, kcmd + ["/"] + jcmd


def main(argv):
    runs = 5
    for a in argv[1:]:
        if a == "--quick":
            runs = 3
        elif a != "--jre":
            sys.stderr.write("bench: unknown argument %r (usage: bench/run --jre [--quick])\n" % a)
            return 64
    err = ensure_jre()
    timebin = clips.gnu_time()
    if err or not timebin:
        sys.stderr.write("bench: %s\n" % (err or "GNU time is needed: apt-get install -y time"))
        return 69
    src_kw = clips.executable_knotwise()
    if not src_kw:
        return 66
    tmp = tempfile.mkdtemp(prefix="knotwise-jre-bench-")
    kw = os.path.join(tmp, "knotwise")
    shutil.copy2(src_kw, kw)
    version = subprocess.run([kw, "--version"], capture_output=True, text=True).stdout.strip()
    print("# knotwise vs json-rules-engine: %s (copy of %s, %s); json-rules-engine %s on node %s"
          % (kw, src_kw, version, jre_version(), node_version()))
    print("# %s, %s, nproc %d, load average %.2f %.2f %.2f at the start"
          % (time.strftime("%Y-%m-%d %H:%M:%S %Z"), platform.machine(), os.cpu_count() or 0,
             *os.getloadavg()))
    print("# whole processes (start, read the rules, run, print); %d timed runs per row, "
          "alternating; *_rss: %s -f %%M of one extra, first run" % (runs, timebin))
    print(HEAD)
    sys.stdout.flush()
    verify, failures = [], []
    for wl in ("chain", "fanout"):
        for n in (1000, 10000, 100000):
            _, bad, cmd = side_by_side(kw, timebin, runs, tmp, wl, n, verify)
            if bad:
                failures.append(("%s %s" % (wl, clips.label(n)), bad[0], " ".join(cmd)))
    print()
    print("verification lines (knotwise's from its JSON output, json-rules-engine's "
          "printed by bench/jre.js):")
    for what, k, j in verify:
        print("  %-12s knotwise:          %s" % (what, k))
        print("  %-12s json-rules-engine: %s" % ("", j))
    print("# load average %.2f %.2f %.2f at the end" % os.getloadavg())
    for what, why, cmd in failures:
        sys.stderr.write("bench: FAIL %s: %s\n  command: %s\n" % (what, why, cmd))
    if failures:
        sys.stderr.write("bench: rule sets and outputs kept in %s\n" % tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
