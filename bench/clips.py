#!/usr/bin/env python3
"""knotwise against CLIPS, side by side (stdlib only); run through
`bench/run --clips [--quick] [--big]` (see bench/README.md).

As a program (main): installs clips/time/libinih-dev from Debian when
missing (root only), then for chain 1k/10k/100k, fanout 1k/10k and batch
100k runs knotwise and CLIPS alternately (5 or 3 timed runs each, after
one untimed run under GNU time for the peak RSS and the verification
lines), compares the floor program (bench/floor.c) with one consult of the
built-in rules (21 runs each, alternating), optionally times a 1M-rule
chain (knotwise only), and prints the table and the targets.  Exit 0 when
everything verified, 1 otherwise, 69 when the tools are missing.

As a library (used by bench/gen.py --clp and by the driver below):
- write_clp(workload, outdir): the CLIPS program (rules.clp) and batch
  driver (driver.bat) for a rule set written by bench/gen.py;
- translate_rules(...): knotwise rules whose conditions test answers only
  -> CLIPS defrules over one `answers` fact (a deftemplate with one slot
  per question);
- write_batch(...): the translated slice of the built-in rules, the answer
  sets as CLIPS facts (one per line) and a driver that resets, asserts and
  runs once per answer set.

The translation, rule by rule:
- each top-level conjunct that tests one question becomes a constraint on
  that question's slot in the single `answers` pattern (`yes`, `~lower_back`,
  `left|right`, `?v&:(numberp ?v)&:(>= ?v 50)`, `$?v&:(member$ x ?v)`);
  conjuncts that mix questions (an `or` across slots, `count`) go into one
  `(test ...)` CE;
- an unknown answer is the symbol nil (single slots) or an empty multislot,
  and every test on it is false, as in knotwise (SPEC section 3);
- `priority` -> `(declare (salience P))`;
- actions: `set F` -> `(assert (fact F))`; `suspect K CF` -> the MYCIN
  combination (SPEC section 2) into the global ?*cf-K*; `triage L` -> raise
  ?*triage* (0..3); `avoid T` -> add T to ?*avoided*;
- every rule also calls (fired INDEX), which counts the firing and adds
  the rule's index to a checksum: these are the counters both engines
  print, so the script can check that both did the same work;
- `ID ~ "regex"` (PCRE2 in knotwise) becomes (no-regex ?ID): false when
  the text is unknown, and a hard error (halt) otherwise - CLIPS has no
  regular expressions, so bench/batch_gen.py never answers `describe`.
"""

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import kwexpr  # noqa: E402

TRIAGE = {"self_care": 0, "professional": 1, "urgent": 2, "emergency": 3}
TRIAGE_NAMES = ["self_care", "professional", "urgent", "emergency"]
# the slice of the built-in rules translated for the batch workload
BATCH_SLICE = ["10-red-flags.ini", "43-lower-back.ini"]
CHECK_MOD = 1009  # batch checksum: record r weighs 1 + r % CHECK_MOD

# ------------------------------------------------------------ translation

PRELUDE = """\
(defglobal ?*nfired* = 0 ?*sum* = 0 ?*triage* = 0 ?*avoided* = (create$))
(deffunction fired (?i)
  (bind ?*nfired* (+ ?*nfired* 1))
  (bind ?*sum* (+ ?*sum* ?i)))
(deffunction mycin (?a ?b)
  (if (and (>= ?a 0) (>= ?b 0)) then (return (+ ?a (* ?b (- 1 ?a)))))
  (if (and (< ?a 0) (< ?b 0)) then (return (+ ?a (* ?b (+ 1 ?a)))))
  (/ (+ ?a ?b) (- 1 (min (abs ?a) (abs ?b)))))
(deffunction raise-triage (?l)
  (if (> ?l ?*triage*) then (bind ?*triage* ?l)))
(deffunction no-regex (?x)
  (if (neq ?x nil) then
    (printout t "clips.py: a '~' test met a known text answer; CLIPS cannot match it" crlf)
    (halt))
  FALSE)
"""


def clp_string(s):
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def clp_num(v):
    if isinstance(v, float) and v.is_integer():
        return "%d" % int(v)
    return repr(v) if isinstance(v, float) else "%d" % v


def clp_word(w):
    w = str(w)
    if not w or not all(c.isalnum() or c in "_-" for c in w):
        raise ValueError("not a CLIPS symbol: %r" % w)
    return w


def template(qs):
    """The answers deftemplate: one slot per question (multislot for multi)."""
    lines = ["(deftemplate answers"]
    for q in qs:
        if q["type"] == "multi":
            lines.append("  (multislot %s)" % q["id"])
        else:
            lines.append("  (slot %s (default nil))" % q["id"])
    lines[-1] += ")"
    return "\n".join(lines) + "\n"


def answers_fact(qtypes, unsure, ans):
    """ans: id -> JSON-like value (bool, number, word, list, "unsure")."""
    parts = []
    for qid, v in ans.items():
        if qid == "id":
            continue
        t = qtypes[qid]
        if isinstance(v, str) and v.lower() == "unsure":
            u = unsure.get(qid, "unknown")
            if u == "unknown":
                continue  # unsure stands for unknown: the slot keeps nil
            v = (u == "yes") if t == "yesno" else u
        if t == "yesno":
            if isinstance(v, str):
                v = v.lower() in ("yes", "y", "true")
            parts.append("(%s %s)" % (qid, "yes" if v else "no"))
        elif t in ("number", "scale"):
            parts.append("(%s %s)" % (qid, clp_num(v)))
        elif t == "multi":
            items = v if isinstance(v, list) else [x.strip() for x in str(v).split(",")]
            parts.append("(%s %s)" % (qid, " ".join(clp_word(x) for x in items if x)))
        elif t == "choice":
            parts.append("(%s %s)" % (qid, clp_word(v)))
        else:
            parts.append("(%s %s)" % (qid, clp_string(v)))
    return "(answers %s)" % " ".join(parts)


class Translator:
    def __init__(self, qtypes):
        self.qtypes = qtypes  # question id -> type
        self.knots = []       # knot ids in first-use order (one global each)

    def var(self, qid):
        return ("$?" if self.qtypes[qid] == "multi" else "?") + qid

    def ref(self, qid):
        return "?" + qid

    def qtype(self, qid):
        t = self.qtypes.get(qid)
        if t is None:
            raise ValueError("'%s' is not a question: only conditions over answers "
                             "are translated" % qid)
        return t

    def val(self, qid, v):
        t = self.qtype(qid)
        if t in ("number", "scale"):
            return clp_num(v)
        if t == "yesno":
            return "yes" if str(v).lower() in ("yes", "true", "y", "1") else "no"
        return clp_word(v)

    def truthy(self, qid):
        t, x = self.qtype(qid), self.ref(qid)
        if t == "yesno":
            return "(eq %s yes)" % x
        if t in ("number", "scale"):
            return "(and (numberp %s) (<> %s 0))" % (x, x)
        if t == "multi":
            return "(> (length$ %s) 0)" % x
        if t == "text":
            return "(and (stringp %s) (neq %s \"\"))" % (x, x)
        return "(neq %s nil)" % x

    def bx(self, t):
        """A CLIPS boolean expression for tree t over the bound slot variables."""
        tag = t[0]
        if tag in ("and", "or"):
            return "(%s %s)" % (tag, " ".join(self.bx(s) for s in t[1]))
        if tag == "not":
            return "(not %s)" % self.bx(t[1])
        if tag == "truthy":
            return self.truthy(t[1])
        if tag == "known":
            qid = t[1]
            if self.qtype(qid) == "multi":
                return "(> (length$ %s) 0)" % self.ref(qid)
            return "(neq %s nil)" % self.ref(qid)
        if tag == "count":
            n = "(+ %s)" % " ".join("(if %s then 1 else 0)" % self.truthy(i) for i in t[1])
            return self.cmp(n, t[2], clp_num(t[3]))
        qid = t[1]
        qt, x = self.qtype(qid), self.ref(qid)
        if tag == "cmp":
            op, v = t[2], t[3]
            if qt in ("number", "scale"):
                return "(and (numberp %s) %s)" % (x, self.cmp(x, op, clp_num(v)))
            if op == "==":
                return "(eq %s %s)" % (x, self.val(qid, v))
            if op == "!=":
                return "(and (neq %s nil) (neq %s %s))" % (x, x, self.val(qid, v))
            raise ValueError("%s on a %s" % (op, qt))
        if tag == "in":
            if qt == "multi":
                return "(or %s)" % " ".join("(member$ %s %s)" % (clp_word(v), x) for v in t[2])
            if qt in ("number", "scale"):
                return "(and (numberp %s) (or %s))" % (
                    x, " ".join("(= %s %s)" % (x, clp_num(v)) for v in t[2]))
            return "(or %s)" % " ".join("(eq %s %s)" % (x, self.val(qid, v)) for v in t[2])
        if tag == "has":
            return "(member$ %s %s)" % (clp_word(t[2]), x)
        if tag == "match":
            return "(no-regex %s)" % x
        raise ValueError("cannot translate %r" % (t,))

    @staticmethod
    def cmp(a, op, b):
        f = {"==": "=", "!=": "<>"}.get(op, op)
        return "(%s %s %s)" % (f, a, b)

    def literal(self, t):
        """A literal slot constraint for t when there is one, else None."""
        tag = t[0]
        if tag == "truthy" and self.qtypes.get(t[1]) == "yesno":
            return "yes"
        if tag == "cmp" and t[2] == "==" and self.qtypes.get(t[1]) in ("yesno", "choice"):
            return self.val(t[1], t[3])
        if (tag == "not" and t[1][0] == "cmp" and t[1][2] == "=="
                and self.qtypes.get(t[1][1]) in ("yesno", "choice")):
            return "~" + self.val(t[1][1], t[1][3])
        if tag == "in" and self.qtypes.get(t[1]) == "choice":
            return "|".join(self.val(t[1], v) for v in t[2])
        return None

    def rule(self, index, rid, cond, thens, priority=0):
        tree = kwexpr.parse(cond)
        conj = tree[1] if tree[0] == "and" else [tree]
        slots, order, rest = {}, [], []
        for c in conj:
            ids = kwexpr.ids_of(c)
            if len(ids) == 1 and c[0] != "count":
                self.qtype(ids[0])
                if ids[0] not in slots:
                    slots[ids[0]] = []
                    order.append(ids[0])
                slots[ids[0]].append(c)
            else:
                rest.append(c)
        tested = set()
        for c in rest:
            tested.update(kwexpr.ids_of(c))
        for qid in sorted(tested, key=lambda i: kwexpr.ids_of(tree).index(i)):
            if qid not in slots:
                self.qtype(qid)
                slots[qid] = []
                order.append(qid)
        pats = []
        for qid in order:
            cs = slots[qid]
            if len(cs) == 1 and qid not in tested:
                lit = self.literal(cs[0])
                if lit is not None:
                    pats.append("(%s %s)" % (qid, lit))
                    continue
            terms = [self.var(qid)]
            for c in cs:
                # a literal only when it is the slot's one constraint: CLIPS
                # rejects contradictory literals (`?v&no&yes`, which the
                # fan-out generator can write) and mishandles repeated ones
                lit = self.literal(c) if len(cs) == 1 else None
                terms.append(lit if lit is not None else ":" + self.bx(c))
            pats.append("(%s %s)" % (qid, "&".join(terms)))
        lhs = "  (answers %s)" % "\n           ".join(pats) if pats else "  (answers)"
        if rest:
            lhs += "\n  (test %s)" % (self.bx(rest[0]) if len(rest) == 1 else
                                      "(and %s)" % " ".join(self.bx(c) for c in rest))
        rhs = ["(fired %d)" % index]
        for a in thens:
            w = a.split()
            if w[0] == "set" and len(w) == 2:
                rhs.append("(assert (fact %s))" % clp_word(w[1]))
            elif w[0] == "suspect" and len(w) == 3:
                k = clp_word(w[1])
                if k not in self.knots:
                    self.knots.append(k)
                rhs.append("(bind ?*cf-%s* (mycin ?*cf-%s* %s))" % (k, k, w[2]))
            elif w[0] == "triage" and len(w) == 2:
                rhs.append("(raise-triage %d)" % TRIAGE[w[1]])
            elif w[0] == "avoid" and len(w) == 2:
                rhs.append("(bind ?*avoided* (create$ ?*avoided* %s))" % clp_word(w[1]))
            else:
                raise ValueError("rule %s: action %r is not translated" % (rid, a))
        decl = "  (declare (salience %d))\n" % priority if priority else ""
        return "(defrule %s\n%s%s\n  =>\n  %s)\n" % (rid, decl, lhs, "\n  ".join(rhs))

    def knot_globals(self):
        if not self.knots:
            return ""
        return "(defglobal %s)\n" % " ".join("?*cf-%s* = 0.0" % k for k in self.knots)


def rules_of(paths):
    """[(id, if, [then], priority)] of the rules in the given rule files."""
    out = []
    for p in paths:
        for kind, ident, keys, _ in kwexpr.read_ini(p):
            if kind == "rule" and keys.get("disabled", ["no"])[-1] != "yes":
                out.append((ident, keys["if"][-1], keys["then"],
                            int(keys.get("priority", ["0"])[-1])))
    return out


def questions_of(paths):
    qs = []
    for p in paths:
        for kind, ident, keys, _ in kwexpr.read_ini(p):
            if kind == "question":
                qs.append({"id": ident, "type": keys["type"][-1],
                           "unsure": keys.get("unsure", ["unknown"])[-1]})
    return qs


def translate_rules(qs, rules):
    """CLIPS source for the rules (translated in order, index = position)."""
    tr = Translator({q["id"]: q["type"] for q in qs})
    body = [tr.rule(i, rid, cond, thens, prio)
            for i, (rid, cond, thens, prio) in enumerate(rules, 1)]
    return PRELUDE + template(qs) + tr.knot_globals() + "".join(body), tr


# ------------------------------------------------------------ workloads

def write_chain_clp(n, outdir):
    """The chain as a fact chain: (defrule ri (f{i-1}) => (assert (fi)))."""
    with open(os.path.join(outdir, "rules.clp"), "w") as f:
        f.write("; knotwise benchmark: chain of %d rules, CLIPS translation (bench/clips.py)\n" % n)
        f.write(PRELUDE)
        f.write("(defglobal ?*cf-k* = 0.0)\n")
        for i in range(1, n + 1):
            f.write("(defrule r%d (f%d) => (fired %d) (assert (f%d)))\n" % (i, i - 1, i, i))
        f.write("(defrule done (f%d) => (fired %d) (bind ?*cf-k* (mycin ?*cf-k* 0.9)))\n"
                % (n, n + 1))
    final = ("(if (and (any-factp ((?f f%d)) TRUE) (>= ?*cf-k* 0.3)) then k else none)" % n)
    write_driver(outdir, "(assert (f0))", final)


def write_fanout_clp(outdir, exp):
    rules_ini = os.path.join(outdir, "rules.ini")
    qs = questions_of([rules_ini])
    src, _ = translate_rules(qs, rules_of([rules_ini]))
    with open(os.path.join(outdir, "rules.clp"), "w") as f:
        f.write("; knotwise benchmark: fan-out, CLIPS translation (bench/clips.py)\n")
        f.write(src)
    ans = {}
    with open(os.path.join(outdir, "answers.txt")) as f:
        for line in f:
            if line.strip() and line[0] not in "#;":
                k, v = line.split("=", 1)
                ans[k.strip()] = v.strip()
    qt = {q["id"]: q["type"] for q in qs}
    for k, v in ans.items():
        if qt[k] in ("number", "scale"):
            ans[k] = float(v) if "." in v else int(v)
    fact = answers_fact(qt, {q["id"]: q["unsure"] for q in qs}, ans)
    last = exp["fired_ids"][-1] + "_fact" if exp["fired_ids"] else "none"
    final = ("(if (any-factp ((?f fact)) (eq (nth$ 1 ?f:implied) %s)) then %s else none)"
             % (last, last))
    write_driver(outdir, "(assert %s)" % fact, final)


def write_driver(outdir, assert_expr, final_expr):
    clp = os.path.abspath(os.path.join(outdir, "rules.clp"))
    with open(os.path.join(outdir, "driver.bat"), "w") as f:
        f.write('(load* %s)\n' % clp_string(clp))
        f.write("(deffunction bench-main ()\n  (reset)\n  %s\n  (run)\n" % assert_expr)
        f.write('  (printout t "fired=" ?*nfired* " sum=" ?*sum* " final=" %s crlf))\n'
                % final_expr)
        f.write("(bench-main)\n(exit)\n")


def write_clp(workload, outdir):
    """rules.clp and driver.bat next to what bench/gen.py wrote in outdir."""
    with open(os.path.join(outdir, "expected.json")) as f:
        exp = json.load(f)
    if workload == "chain":
        write_chain_clp(exp["n"], outdir)
    else:
        write_fanout_clp(outdir, exp)
    return exp


def write_batch(outdir, qs, rules_dir, records_jsonl, files=None):
    """The slice translation (of BATCH_SLICE, or the given rule files), the
    records as CLIPS facts, and the driver.  Returns the slice
    [(id, if, [then], priority)]."""
    files = files or BATCH_SLICE
    rules = rules_of([os.path.join(rules_dir, f) for f in files])
    src, _ = translate_rules(qs, rules)
    with open(os.path.join(outdir, "slice.clp"), "w") as f:
        f.write("; CLIPS translation of %s (bench/clips.py)\n" % ", ".join(files))
        f.write(src)
    qt = {q["id"]: q["type"] for q in qs}
    un = {q["id"]: q["unsure"] for q in qs}
    recs = os.path.join(outdir, "records.clp")
    with open(records_jsonl) as fin, open(recs, "w") as fout:
        for line in fin:
            if line.strip():
                fout.write(answers_fact(qt, un, json.loads(line)) + "\n")
    with open(os.path.join(outdir, "batch.bat"), "w") as f:
        f.write("(load* %s)\n" % clp_string(os.path.abspath(os.path.join(outdir, "slice.clp"))))
        f.write("""\
(deffunction bench-main ()
  (open %s recs "r")
  (bind ?n 0) (bind ?fired 0) (bind ?sum 0)
  (bind ?t0 0) (bind ?t1 0) (bind ?t2 0) (bind ?t3 0)
  (bind ?line (readline recs))
  (while (neq ?line EOF) do
    (bind ?n (+ ?n 1))
    (reset)
    (assert-string ?line)
    (run)
    (bind ?fired (+ ?fired ?*nfired*))
    (bind ?sum (+ ?sum (* ?*sum* (+ 1 (mod ?n %d)))))
    (switch ?*triage* (case 0 then (bind ?t0 (+ ?t0 1))) (case 1 then (bind ?t1 (+ ?t1 1)))
                      (case 2 then (bind ?t2 (+ ?t2 1))) (case 3 then (bind ?t3 (+ ?t3 1))))
    (bind ?line (readline recs)))
  (close recs)
  (printout t "records=" ?n " fired=" ?fired " sum=" ?sum
            " triage=" ?t0 "/" ?t1 "/" ?t2 "/" ?t3 crlf))
(bench-main)
(exit)
""" % (clp_string(os.path.abspath(recs)), CHECK_MOD))
    return rules


def knotwise_batch_line(stream, slice_rules):
    """The counters CLIPS prints, computed from knotwise batch output lines."""
    index = {rid: i for i, (rid, _, _, _) in enumerate(slice_rules, 1)}
    level = {}
    for rid, _, thens, _ in slice_rules:
        for a in thens:
            w = a.split()
            if w[0] == "triage":
                level[rid] = max(level.get(rid, 0), TRIAGE[w[1]])
    n = fired = total = 0
    tri = [0, 0, 0, 0]
    errors = 0
    for line in stream:
        if not line.strip():
            continue
        n += 1
        d = json.loads(line)
        if "error" in d:
            errors += 1
            continue
        s, lv = 0, 0
        for rid in d["fired"]:
            j = index.get(rid)
            if j is not None:
                fired += 1
                s += j
                lv = max(lv, level.get(rid, 0))
        total += s * (1 + n % CHECK_MOD)
        tri[lv] += 1
    line = "records=%d fired=%d sum=%d triage=%s" % (n, fired, total, "/".join(map(str, tri)))
    return line, errors


# ------------------------------------------------------------ measurement

def gnu_time():
    p = "/usr/bin/time"
    if os.access(p, os.X_OK):
        r = subprocess.run([p, "-f", "%M", "true"], capture_output=True, text=True)
        if r.returncode == 0 and r.stderr.strip().splitlines()[-1:][0].isdigit():
            return p
    return None


def bench_packages():
    """BENCH_PACKAGES in ./quickstart: the one list of the Debian packages
    the bench needs beyond the build (./quickstart bench installs them)."""
    try:
        with open(os.path.join(ROOT, "quickstart")) as f:
            m = re.search(r'^BENCH_PACKAGES="([^"]*)"', f.read(), re.M)
    except OSError:
        m = None
    return m.group(1).split() if m else ["time", "clips"]


def installed(pkg):
    """Whether Debian package pkg is installed (or, without dpkg, its command)."""
    if shutil.which("dpkg-query"):
        r = subprocess.run(["dpkg-query", "-W", "-f", "${Status}", pkg],
                           capture_output=True, text=True)
        return r.returncode == 0 and "ok installed" in r.stdout
    return bool(gnu_time() if pkg == "time" else shutil.which(pkg))


def ensure_tools(node=False):
    """Install what the bench needs from Debian when it is missing (needs
    root): the bench packages of ./quickstart, cc and libinih's header (for
    the floor program), and with node=True node and npm."""
    need = [p for p in bench_packages() if not installed(p)]
    if not shutil.which("cc"):
        need.append("gcc")
    if not os.path.exists("/usr/include/ini.h"):
        need.append("libinih-dev")
    if node and not (shutil.which("node") and shutil.which("npm")):
        need += ["nodejs", "npm"]
    if not need:
        return None
    line = "apt-get install -y %s" % " ".join(need)
    if os.geteuid() != 0:
        return ("missing %s; installing needs root: run ./quickstart bench as root, "
                "or `%s`" % (", ".join(need), line))
    sys.stderr.write("bench: installing %s from Debian (apt-get install -y)\n" % " ".join(need))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    r = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends"] + need, env=env,
                       stdout=subprocess.DEVNULL)
    if r.returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, stdout=subprocess.DEVNULL)
        r = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends"] + need,
                           env=env, stdout=subprocess.DEVNULL)
    if r.returncode != 0 or not shutil.which("clips") or not gnu_time():
        return "%s failed" % line
    return None


def run_timed(cmd, stdin_path, out_path):
    """Run cmd (stdin from a file or /dev/null, stdout to a file or
    /dev/null); return (exit status, wall seconds)."""
    with open(stdin_path or os.devnull, "rb") as fin, open(out_path or os.devnull, "wb") as fout:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=subprocess.DEVNULL)
        p.wait()
        t1 = time.perf_counter()
    return p.returncode, t1 - t0


def run_rss(timebin, cmd, stdin_path, out_path, tmp):
    """Run cmd under GNU time; return (exit, wall seconds, peak RSS KiB)."""
    rssf = os.path.join(tmp, "rss.txt")
    with open(stdin_path or os.devnull, "rb") as fin, open(out_path or os.devnull, "wb") as fout, \
            open(os.path.join(tmp, "stderr.txt"), "wb") as ferr:
        rc = subprocess.run([timebin, "-f", "%e %M", "-o", rssf] + cmd,
                            stdin=fin, stdout=fout, stderr=ferr).returncode
    try:
        with open(rssf) as f:
            e, m = f.read().split()[-2:]
        return rc, float(e), int(m)
    except (OSError, ValueError):
        return rc, float("nan"), -1


def rss_stream(timebin, cmd, stdin_path, tmp, consume):
    """Run cmd under GNU time, feeding its stdout lines to consume(lines)."""
    rssf = os.path.join(tmp, "rss.txt")
    with open(stdin_path, "rb") as fin, open(os.path.join(tmp, "stderr.txt"), "wb") as ferr:
        p = subprocess.Popen([timebin, "-f", "%e %M", "-o", rssf] + cmd, stdin=fin,
                             stdout=subprocess.PIPE, stderr=ferr, text=True, bufsize=1 << 20)
        res = consume(p.stdout)
        p.stdout.close()
        rc = p.wait()
    with open(rssf) as f:
        e, m = f.read().split()[-2:]
    return rc, res, float(e), int(m)


def kw_line(path, exp):
    """knotwise's verification line from its JSON output (chain, fanout)."""
    with open(path) as f:
        doc = json.load(f)
    fired = doc["fired"]
    idx = {rid: i for i, rid in enumerate(exp["all_ids"], 1)}
    s = sum(idx.get(r, 0) for r in fired)
    if exp["workload"] == "chain":
        ok = ("k" in [k["id"] for k in doc["knots"]]
              and doc["facts"].get("f%d" % exp["n"]) is True)
        final = "k" if ok else "none"
    else:
        last = exp["fired_ids"][-1] + "_fact" if exp["fired_ids"] else "none"
        final = last if doc["facts"].get(last) is True else "none"
    return "fired=%d sum=%d final=%s" % (len(fired), s, final)


def safe_kw_line(path, exp):
    """kw_line, or why the output cannot be read."""
    try:
        return kw_line(path, exp)
    except (OSError, ValueError, KeyError) as e:
        return "unreadable output (%s)" % e


def all_ids(exp):
    """Every rule id of a generated rule set, in load order (index = position)."""
    n = exp["n"]
    if exp["workload"] == "chain":
        return ["r%d" % i for i in range(1, n + 1)] + ["done"]
    return ["x%d" % i for i in range(1, n + 1)]


def kw_cmd(kw, d):
    """knotwise's command for a generated rule set in d."""
    return [kw, "--no-default-rules", "--rules", os.path.join(d, "rules.ini"),
            "--answers", os.path.join(d, "answers.txt"), "--format", "json"]


def knotwise_path():
    """$KNOTWISE, else src/knotwise of an in-tree build, else build/src/knotwise
    (./quickstart's build directory)."""
    if os.environ.get("KNOTWISE"):
        return os.path.abspath(os.environ["KNOTWISE"])
    for p in (os.path.join(ROOT, "src", "knotwise"),
              os.path.join(ROOT, "build", "src", "knotwise")):
        if os.access(p, os.X_OK):
            return p
    return os.path.join(ROOT, "src", "knotwise")


def executable_knotwise():
    """knotwise_path() when it is an executable; else None, having said so."""
    kw = knotwise_path()
    if os.access(kw, os.X_OK):
        return kw
    sys.stderr.write("bench: %s is not an executable; build it first or set KNOTWISE\n" % kw)
    return None


def expected_line(exp):
    idx = {rid: i for i, rid in enumerate(exp["all_ids"], 1)}
    s = sum(idx[r] for r in exp["fired_ids"])
    final = "k" if exp["workload"] == "chain" else (
        exp["fired_ids"][-1] + "_fact" if exp["fired_ids"] else "none")
    return "fired=%d sum=%d final=%s" % (exp["fired"], s, final)


def clips_line(path):
    with open(path, errors="replace") as f:
        lines = [l.strip() for l in f if l.startswith(("fired=", "records="))]
    return lines[-1] if lines else None


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt_s(x):
    return "%.3f" % x if x < 100 else "%.1f" % x


def label(n):
    if n % 1000000 == 0:
        return "%dM" % (n // 1000000)
    return "%dk" % (n // 1000) if n % 1000 == 0 else str(n)


HEAD = ("%-8s %-5s %9s %8s %9s | %9s %8s %9s | %7s %s"
        % ("workload", "N", "kw_med_s", "kw_min_s", "kw_rss_kb",
           "cl_med_s", "cl_min_s", "cl_rss_kb", "cl/kw", "check"))


def row(wl, n, kt, krss, ct, crss, ok, note=""):
    ratio = med(ct) / med(kt) if ct and kt else float("nan")
    line = ("%-8s %-5s %9s %8s %9s | %9s %8s %9s | %6.1fx %s%s"
            % (wl, n, fmt_s(med(kt)), fmt_s(min(kt)), krss,
               fmt_s(med(ct)) if ct else "-", fmt_s(min(ct)) if ct else "-",
               crss if ct else "-", ratio, "ok" if ok else "FAIL", note))
    print(line)
    sys.stdout.flush()
    return ratio


def v24_answers(tmp, jl):
    """The answers of conformance vignette V24 (a realistic, complete set:
    tests/fixtures/dialogue/v24.answers), or, when that file is not there,
    the first generated answer set."""
    src = os.path.join("tests", "fixtures", "dialogue", "v24.answers")
    dst = os.path.join(tmp, "consult-answers.txt")
    lines = []
    if os.path.exists(os.path.join(ROOT, src)):
        with open(os.path.join(ROOT, src)) as f:
            lines = f.readlines()
    if not lines:
        with open(jl) as f:
            rec = json.loads(f.readline())
        rec.pop("id", None)
        lines, src = [json.dumps(rec) + "\n"], "the first generated answer set"
    with open(dst, "w") as f:
        f.writelines(lines)
    return dst, src


def count_ini_lines(rules_dir):
    """What the floor program's handler should count: every key line and
    every continuation line (libinih calls the handler once for each)."""
    n = 0
    for name in sorted(os.listdir(rules_dir)):
        if name.endswith(".ini"):
            with open(os.path.join(rules_dir, name)) as f:
                n += sum(1 for line in f if line.strip() and line[0] not in "#;[")
    return n


class Bench:
    def __init__(self, runs, timebin, kw, clips, tmp):
        self.runs, self.timebin, self.kw, self.clips, self.tmp = runs, timebin, kw, clips, tmp
        self.failures = []
        self.verify = []
        # a CLIPS run longer than this is not repeated (the 100k chain takes
        # minutes: CLIPS's rule loading grows with the square of N)
        self.clips_max_s = float(os.environ.get("BENCH_CLIPS_MAX_S", "60"))

    def fail(self, what, why, cmd):
        self.failures.append((what, why, " ".join(cmd)))

    def generated(self, wl, n):
        """(a) chain, (b) fanout: one row."""
        d = os.path.join(self.tmp, "%s-%d" % (wl, n))
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), wl, str(n), d, "--clp"],
                       check=True)
        with open(os.path.join(d, "expected.json")) as f:
            exp = json.load(f)
        exp["all_ids"] = ([("r%d" % i) for i in range(1, n + 1)] + ["done"]
                          if wl == "chain" else ["x%d" % i for i in range(1, n + 1)])
        want = expected_line(exp)
        kcmd = [self.kw, "--no-default-rules", "--rules", os.path.join(d, "rules.ini"),
                "--answers", os.path.join(d, "answers.txt"), "--format", "json"]
        ccmd = [self.clips, "-f2", os.path.join(d, "driver.bat")]
        ko, co = os.path.join(d, "kw.json"), os.path.join(d, "clips.out")
        bad = []

        def kline():
            try:
                return kw_line(ko, exp)
            except (OSError, ValueError, KeyError) as e:
                return "unreadable output (%s)" % e

        # untimed first runs: peak RSS, page-cache warm-up, verification
        rc, _, krss = run_rss(self.timebin, kcmd, None, ko, d)
        kgot = kline() if rc == 0 else "exit %d" % rc
        rc, csecs, crss = run_rss(self.timebin, ccmd, None, co, d)
        cgot = clips_line(co) if rc == 0 else "exit %d" % rc
        kt, ct = [], []
        clips_again = csecs <= self.clips_max_s
        if not clips_again:
            ct.append(csecs)
        for i in range(self.runs):
            rc, s = run_timed(kcmd, None, ko)
            kt.append(s)
            if rc != 0 or kline() != want:
                bad.append("knotwise run %d: %s" % (i + 1, "exit %d" % rc if rc else kline()))
            if clips_again:
                rc, s = run_timed(ccmd, None, co)
                ct.append(s)
                if rc != 0 or clips_line(co) != want:
                    bad.append("CLIPS run %d: %s" % (i + 1, clips_line(co)))
        if kgot != want or cgot != want:
            bad.append("knotwise: %s; CLIPS: %s; expected: %s" % (kgot, cgot, want))
        self.verify.append(("%s %s" % (wl, label(n)), kgot, cgot, want))
        note = "" if clips_again else "  (CLIPS: 1 run, %.0f s > %g s)" % (csecs, self.clips_max_s)
        ratio = row(wl, label(n), kt, krss, ct, crss, not bad, note)
        if bad:
            self.fail("%s %s" % (wl, label(n)), bad[0], kcmd + ["/"] + ccmd)
        return med(kt), ratio

    def batch(self, rules_dir, builtin, nrec, src_kw):
        """(c) batch: the built-in rules over nrec answer sets."""
        import batch_gen
        bd = os.path.join(self.tmp, "batch")
        os.makedirs(bd)
        jl = os.path.join(bd, "records.jsonl")
        subprocess.run([sys.executable, os.path.join(HERE, "batch_gen.py"), "-n", str(nrec),
                        "-o", jl, "--knotwise", src_kw], check=True)
        slice_rules = write_batch(bd, batch_gen.load_questions(src_kw), rules_dir, jl)
        kcmd = builtin + ["batch"]
        ccmd = [self.clips, "-f2", os.path.join(bd, "batch.bat")]
        co = os.path.join(bd, "clips.out")
        bad = []
        rc, (kgot, kerr), _, krss = rss_stream(
            self.timebin, kcmd, jl, bd, lambda s: knotwise_batch_line(s, slice_rules))
        if rc != 0 or kerr:
            bad.append("knotwise batch: exit %d, %d error lines" % (rc, kerr))
        rc, csecs, crss = run_rss(self.timebin, ccmd, None, co, bd)
        cgot = clips_line(co) if rc == 0 else "exit %d" % rc
        if cgot != kgot:
            bad.append("knotwise: %s; CLIPS: %s" % (kgot, cgot))
        kt, ct = [], []
        clips_again = csecs <= self.clips_max_s
        if not clips_again:
            ct.append(csecs)
        for i in range(self.runs):
            rc, s = run_timed(kcmd, jl, None)  # full JSON results, to /dev/null
            kt.append(s)
            if rc != 0:
                bad.append("knotwise batch run %d: exit %d" % (i + 1, rc))
            if clips_again:
                rc, s = run_timed(ccmd, None, co)
                ct.append(s)
                if rc != 0 or clips_line(co) != kgot:
                    bad.append("CLIPS batch run %d: %s" % (i + 1, clips_line(co)))
        self.verify.append(("batch %s" % label(nrec), kgot, cgot, None))
        note = "" if clips_again else "  (CLIPS: 1 run, %.0f s > %g s)" % (csecs, self.clips_max_s)
        ratio = row("batch", label(nrec), kt, krss, ct, crss, not bad, note)
        if bad:
            self.fail("batch", bad[0], kcmd + ["<", jl, "/"] + ccmd)
        return med(kt), krss, ratio, jl, len(slice_rules)

    def floor(self, rules_dir, builtin, jl, nruns):
        floor = os.path.join(self.tmp, "floor")
        r = subprocess.run(["cc", "-O2", os.path.join(HERE, "floor.c"), "-linih", "-o", floor],
                           capture_output=True, text=True)
        if r.returncode != 0:
            self.fail("floor", "cc failed: %s" % r.stderr.strip()[-400:], ["cc"])
            return None
        ans, ans_src = v24_answers(self.tmp, jl)
        kc = builtin + ["--format", "json", "--partial", "--answers", ans]
        fc = [floor, rules_dir]
        fo, ko = os.path.join(self.tmp, "floor.out"), os.path.join(self.tmp, "consult.json")
        rc, _, crss = run_rss(self.timebin, kc, None, ko, self.tmp)
        try:
            with open(ko) as f:
                doc = json.load(f)
            nfired = len(doc["fired"])
        except (OSError, ValueError, KeyError):
            nfired = 0
        if rc != 0 or not nfired:
            self.fail("consult", "exit %d, %d rules fired" % (rc, nfired), kc)
        rc, _, frss = run_rss(self.timebin, fc, None, fo, self.tmp)
        want = count_ini_lines(rules_dir)
        with open(fo) as f:
            got = f.read().split()
        if rc != 0 or got[-1:] != [str(want)]:
            self.fail("floor", "floor printed %r, expected %d" % (got[-1:], want), fc)
        ft, kt = [], []
        for i in range(nruns):
            rc, s = run_timed(fc, None, None)
            ft.append(s)
            rc2, s2 = run_timed(kc, None, None)
            kt.append(s2)
            if rc or rc2:
                self.fail("floor/consult", "exit %d/%d in run %d" % (rc, rc2, i + 1), kc)
                break
        return {"ft": ft, "kt": kt, "frss": frss, "crss": crss, "src": ans_src,
                "keys": want, "fired": nfired, "cmd": kc}

    def big_chain(self, n=1000000):
        d = os.path.join(self.tmp, "chain-%d" % n)
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), "chain", str(n), d],
                       check=True)
        with open(os.path.join(d, "expected.json")) as f:
            exp = json.load(f)
        exp["all_ids"] = [("r%d" % i) for i in range(1, n + 1)] + ["done"]
        kcmd = [self.kw, "--no-default-rules", "--rules", os.path.join(d, "rules.ini"),
                "--answers", os.path.join(d, "answers.txt"), "--format", "json"]
        ko = os.path.join(d, "kw.json")
        with open(os.path.join(d, "rules.ini"), "rb") as f:  # into the page cache
            while f.read(1 << 24):
                pass
        rssf = os.path.join(d, "rss.txt")
        with open(ko, "wb") as fout, open(os.path.join(d, "stderr.txt"), "wb") as ferr:
            rc = subprocess.run([self.timebin, "-f", "%e %M %U %S", "-o", rssf] + kcmd,
                                stdin=subprocess.DEVNULL, stdout=fout, stderr=ferr).returncode
        try:
            with open(rssf) as f:
                secs, rss, user, sys_s = f.read().split()[-4:]
            secs, rss, user, sys_s = float(secs), int(rss), float(user), float(sys_s)
        except (OSError, ValueError):
            secs, rss, user, sys_s = float("nan"), -1, float("nan"), float("nan")
        try:
            got = kw_line(ko, exp) if rc == 0 else "exit %d" % rc
        except (OSError, ValueError, KeyError) as e:
            got = "unreadable output (%s)" % e
        ok = got == expected_line(exp)
        self.verify.append(("chain %s" % label(n), got, None, expected_line(exp)))
        if not ok:
            self.fail("chain %s" % label(n), got, kcmd)
        print("%-8s %-5s %9s %8s %9s | %9s %8s %9s | %7s %s  (knotwise only, 1 run: "
              "%.2f s user, %.2f s sys)"
              % ("chain", label(n), fmt_s(secs), "-", rss, "-", "-", "-", "-",
                 "ok" if ok else "FAIL", user, sys_s))
        sys.stdout.flush()
        if ok:
            shutil.rmtree(d, ignore_errors=True)
        return secs, rss


def main(argv):
    runs, big = 5, False
    for a in argv[1:]:
        if a == "--quick":
            runs = 3
        elif a == "--big":
            big = True
        elif a != "--clips":
            sys.stderr.write("bench: unknown argument %r (usage: bench/run --clips "
                             "[--quick] [--big])\n" % a)
            return 64
    nrec = int(os.environ.get("BENCH_BATCH_RECORDS", "100000"))
    floor_runs = 21

    err = ensure_tools()
    if err:
        sys.stderr.write("bench: %s\n" % err)
        return 69
    timebin = gnu_time()
    src_kw = executable_knotwise()
    if not src_kw:
        return 66
    tmp = tempfile.mkdtemp(prefix="knotwise-clips-bench-")
    # A private copy, so that a rebuild during the run cannot mix binaries.
    # A copy does not find the source tree's rules by itself (knotwise does
    # that only when run from its build tree), so the built-in rules are
    # named explicitly: the same files, loaded in the same order.
    kw = os.path.join(tmp, "knotwise")
    shutil.copy2(src_kw, kw)
    rules_dir = os.path.join(ROOT, "rules")
    builtin = [kw, "--no-default-rules", "--rules", rules_dir]
    clips = shutil.which("clips")
    version = subprocess.run([kw, "--version"], capture_output=True, text=True).stdout.strip()
    cver = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "clips"],
                          capture_output=True, text=True).stdout.strip() or "?"
    print("# knotwise vs CLIPS: %s (copy of %s, %s); %s (Debian clips %s)"
          % (kw, src_kw, version, clips, cver))
    print("# %s, %s, nproc %d, load average %.2f %.2f %.2f at the start"
          % (time.strftime("%Y-%m-%d %H:%M:%S %Z"), platform.machine(), os.cpu_count() or 0,
             *os.getloadavg()))
    print("# whole processes (start, read the rules, run, print); %d timed runs per row, "
          "alternating knotwise/CLIPS; *_rss_kb: %s -f %%M of one extra, first run"
          % (runs, timebin))
    print(HEAD)
    sys.stdout.flush()

    b = Bench(runs, timebin, kw, clips, tmp)
    kw_med, ratio = {}, {}
    for wl, sizes in (("chain", [1000, 10000, 100000]), ("fanout", [1000, 10000])):
        for n in sizes:
            kw_med[(wl, n)], ratio[(wl, n)] = b.generated(wl, n)
    bmed, brss, bratio, jl, nslice = b.batch(rules_dir, builtin, nrec, src_kw)
    big_res = b.big_chain() if big else None
    fl = b.floor(rules_dir, builtin, jl, floor_runs)

    print()
    print("verification lines (knotwise's from its JSON output, CLIPS's printed by the driver):")
    for what, k, c, want in b.verify:
        print("  %-12s knotwise: %s" % (what, k))
        if c is not None:
            print("  %-12s CLIPS:    %s" % ("", c))
    print("  (batch: counters over the %d translated rules of %s only; "
          "triage = records whose highest level from those rules is "
          "self_care/professional/urgent/emergency)" % (nslice, " and ".join(BATCH_SLICE)))
    if fl:
        fr = med(fl["kt"]) / med(fl["ft"])
        print()
        print("floor:   %s %s (libinih ini_parse of %d key lines): median %.4f s, min %.4f, "
              "peak RSS %d KB" % ("floor", rules_dir,
                                  fl["keys"], med(fl["ft"]), min(fl["ft"]), fl["frss"]))
        print("consult: knotwise --format json --partial --answers FILE with the built-in "
              "rules (answers of %s; %d rules fired): median %.4f s, min %.4f, peak RSS %d KB"
              % (fl["src"], fl["fired"], med(fl["kt"]), min(fl["kt"]), fl["crss"]))
        print("         %d runs each, alternating; consult/floor %.2fx" % (len(fl["kt"]), fr))
    rate = nrec / bmed

    def verdict(ok):
        return "met" if ok else "MISSED"
    print()
    print("targets:")
    for wl in ("chain", "fanout"):
        r = ratio[(wl, 10000)]
        print("  knotwise >= 10x faster than CLIPS at 10k rules, %-6s  %6.1fx  %s"
              % (wl + ":", r, verdict(r >= 10)))
    g = kw_med[("chain", 100000)] / kw_med[("chain", 10000)]
    if big_res:
        g2 = big_res[0] / kw_med[("chain", 100000)]
        print("  chain cost linear in N up to 1M (<= 12x per 10x):   10k->100k %.1fx, "
              "100k->1M %.1fx (%.2f s, %d KB = %.2f KB/rule)  %s"
              % (g, g2, big_res[0], big_res[1], big_res[1] / 1e6,
                 verdict(g <= 12 and g2 <= 12)))
    else:
        print("  chain cost linear in N (<= 12x per 10x):  10k->100k %.1fx  %s "
              "(bench/run --clips --big adds the 1M chain)" % (g, verdict(g <= 12)))
    print("  batch >= 100000 answer sets/s (one process, full JSON results): %8.0f/s  %s"
          % (rate, verdict(rate >= 100000)))
    if fl:
        print("  single consult within 2x of the floor:              %6.2fx  %s"
              % (fr, verdict(fr <= 2)))
        print("  peak RSS with the built-in rules <= 4096 KB:  consult %d KB %s, batch %d KB %s"
              % (fl["crss"], verdict(0 < fl["crss"] <= 4096), brss, verdict(0 < brss <= 4096)))
    print("# load average %.2f %.2f %.2f at the end" % os.getloadavg())

    for what, why, cmd in b.failures:
        sys.stderr.write("bench: FAIL %s: %s\n  command: %s\n" % (what, why, cmd))
    if b.failures:
        sys.stderr.write("bench: rule sets and outputs kept in %s\n" % tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if b.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
