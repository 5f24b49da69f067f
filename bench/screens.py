#!/usr/bin/env python3
"""Estimate how many screens a consult shows, from the rule files and a
profile's answers, counting each checklist ([group]) as one screen.

usage: bench/screens.py [--bin KNOTWISE] [--rules PATH]... [--verbose] CASE_OR_DIR...

A profile is the `=== file: answers` block of a case file (cases that use
--no-default-rules are skipped).  The questions, their order, ask_if, group
and journal keys come from `knotwise list questions --format json` on the
rule set the consult would load; the triage level after each screen comes
from running knotwise on the answers given so far (--partial).

The walk, in asking order:
- a question with a `journal` key is never asked; when the question that
  [settings] episode_from names is answered no, the journal answers are
  dropped (a new episode);
- a question whose ask_if does not hold over the answers kept so far is
  not asked (as in piped use: its answer, if any, is dropped);
- every other question is asked, answered or not: an unanswered one is a
  screen where the person presses Enter;
- the members of a group share one screen, where the first asked member is;
- a yes/no answered `no` that its recheck_if contradicts is asked once more
  (one more screen; found from knotwise's warning on the full answers);
- once the answers so far give `emergency`, the questionnaire stops.

Two counts per profile:
  all     every screen the walk reaches: what --ask-all would show;
  pruned  a rough model of the questionnaire's pruning at urgent: once
          `urgent` is certain (a rule that raised it tests only questions
          already asked, directly or through the facts it tests), only
          screens holding a required question, or a question that could
          still raise `emergency` (named in a rule that raises it, or in the
          ask_if or recheck_if of such a question), are counted.
What this cannot know: the real pruning is a three-valued analysis of every
rule and may skip more (also below urgent, where a question can no longer
change any knot, routine or level) or keep other questions; `back`, `?`
and `why` are not modelled; unanswered questions are assumed asked; in a
follow-up consult a default from the journal is still counted as a screen
(Enter keeps it).  Read
`all` as an upper bound and `pruned` as an estimate.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kwexpr  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEVELS = ["self_care", "professional", "urgent", "emergency"]


def profiles(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += [os.path.join(p, n) for n in sorted(os.listdir(p)) if n.endswith(".case")]
        else:
            files.append(p)
    for path in files:
        text = open(path, encoding="utf-8").read()
        if "--no-default-rules" in text or "=== file: answers" not in text:
            continue
        block = text.split("=== file: answers", 1)[1].split("\n===", 1)[0]
        lines = [l for l in block.split("\n") if l.strip() and l[0] not in "#;"]
        answers = {}
        for line in lines:
            key, _, value = line.partition("=")
            answers[key.strip()] = value.strip()
        yield os.path.basename(path)[:-5], answers


def typed(q, raw):
    """An answers-file value as the evaluator's value; None for unknown."""
    if raw.lower() == "unsure":
        u = q.get("unsure") or "unknown"
        return None if u == "unknown" else u == "yes"
    t = q["type"]
    if t == "yesno":
        return raw.lower() in ("yes", "y", "true")
    if t in ("number", "scale"):
        return float(raw)
    if t == "multi":
        return [x.strip() for x in raw.split(",") if x.strip()]
    return raw


class RuleSet:
    def __init__(self, knotwise, rule_args):
        self.knotwise, self.rule_args = knotwise, rule_args
        self.questions = self._list("questions")
        self.by_id = {q["id"]: q for q in self.questions}
        for q in self.questions:
            q["tree"] = kwexpr.parse(q["ask_if"]) if q.get("ask_if") else None
        self.rules = {r["id"]: r for r in self._list("rules")}
        self.setters = {}
        for r in self.rules.values():
            r["ids"] = kwexpr.ids_of(kwexpr.parse(r["if"]))
            for action in r["then"]:
                if action.startswith("set "):
                    fact = action[4:].split("=")[0].strip()
                    self.setters.setdefault(fact, []).append(r)
        self.emergency_ids = self._emergency_ids(self.rules.values())
        self.episode_from = self._setting("episode_from")

    def _setting(self, key):
        """A [settings] key as the rule files give it (the last one wins)."""
        dirs = [] if "--no-default-rules" in self.rule_args else [os.path.join(ROOT, "rules")]
        dirs += [a for a in self.rule_args if a != "--rules" and a != "--no-default-rules"]
        value = None
        for d in dirs:
            files = sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".ini")) \
                if os.path.isdir(d) else [d]
            for f in files:
                for kind, _, keys, _ in kwexpr.read_ini(f):
                    if kind == "settings" and key in keys:
                        value = keys[key][-1]
        return value

    def _list(self, what):
        out = subprocess.run([self.knotwise] + self.rule_args + ["list", what, "--format", "json"],
                             capture_output=True, text=True, check=True).stdout
        return json.loads(out)

    def _emergency_ids(self, rules):
        ids = set()
        for r in rules:
            if "triage emergency" in r["then"]:
                ids.update(kwexpr.ids_of(kwexpr.parse(r["if"])))
        grew = True
        while grew:
            grew = False
            for q in self.questions:
                if q["id"] not in ids:
                    continue
                for key in ("ask_if", "recheck_if"):
                    if q.get(key):
                        new = set(kwexpr.ids_of(kwexpr.parse(q[key]))) - ids
                        ids |= new
                        grew = grew or bool(new)
        return ids

    def settled(self, rule, asked, seen=()):
        """Whether every question RULE tests (through facts too) was asked."""
        for i in rule["ids"]:
            if i in self.by_id:
                if i not in asked:
                    return False
            elif i not in seen and not all(self.settled(r, asked, seen + (i,))
                                           for r in self.setters.get(i, [])):
                return False
        return True

    def certain_level(self, result, asked):
        """The highest level raised by a rule whose questions were all asked."""
        level = "self_care"
        for b in result["triage"]["because"]:
            r = self.rules[b["rule"]]
            raised = [a.split()[1] for a in r["then"] if a.startswith("triage ")]
            if raised and self.settled(r, asked):
                level = max(level, raised[0], key=LEVELS.index)
        return level

    def run(self, answers, tmpdir):
        path = os.path.join(tmpdir, "answers")
        with open(path, "w", encoding="utf-8") as f:
            f.writelines("%s = %s\n" % kv for kv in answers.items())
        p = subprocess.run([self.knotwise] + self.rule_args +
                           ["ask", "--partial", "--answers", path, "--format", "json"],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError("knotwise failed (%d): %s" % (p.returncode, p.stderr.strip()))
        return json.loads(p.stdout)


def walk(rs, answers, rechecked):
    """The screens in asking order: a list of lists of question ids."""
    kept, screens, group_screen = {}, [], {}
    for q in rs.questions:
        qid = q["id"]
        value = typed(q, answers[qid]) if qid in answers else None
        if q.get("journal"):
            if value is not None:
                kept[qid] = value
            continue
        if q["tree"] is not None and not kwexpr.evaluate(q["tree"], kept):
            continue
        g = q.get("group")
        if g and g in group_screen:
            group_screen[g].append(qid)
        else:
            screens.append([qid])
            if g:
                group_screen[g] = screens[-1]
        if qid in rechecked:
            screens.append(["%s (again)" % qid])
        if value is not None:
            kept[qid] = value
        if qid == rs.episode_from and value is False:
            for j in rs.questions:
                if j.get("journal"):
                    kept.pop(j["id"], None)
    return screens


def count(rs, name, answers, tmpdir):
    full = rs.run(answers, tmpdir)
    rechecked = set(re.findall(r"^'(\w+)' was answered no, but the answers disagree",
                               "\n".join(full["warnings"]), re.M))
    screens = walk(rs, answers, rechecked)
    final = full["triage"]["level"]
    given = dict((q["id"], answers[q["id"]]) for q in rs.questions
                 if q.get("journal") and q["id"] in answers)
    asked = set(given)
    n_all = n_pruned = 0
    level = "self_care"
    for screen in screens:
        n_all += 1
        ids = [s.split()[0] for s in screen]
        if LEVELS.index(level) >= LEVELS.index("urgent"):
            if any(rs.by_id[i]["required"] or i in rs.emergency_ids for i in ids):
                n_pruned += 1
        else:
            n_pruned += 1
        given.update((i, answers[i]) for i in ids if i in answers)
        asked.update(ids)
        if LEVELS.index(final) >= LEVELS.index("urgent"):
            result = rs.run(given, tmpdir)
            if result["triage"]["level"] == "emergency":
                break
            level = rs.certain_level(result, asked)
    return final, n_all, n_pruned, screens[:n_all]


def main(argv):
    knotwise = os.path.join(ROOT, "build", "src", "knotwise")
    rule_args, paths, verbose = [], [], False
    it = iter(argv)
    for a in it:
        if a == "--bin":
            knotwise = next(it)
        elif a == "--rules":
            rule_args += ["--rules", next(it)]
        elif a == "--verbose":
            verbose = True
        else:
            paths.append(a)
    if not paths:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 64
    rs = RuleSet(knotwise, rule_args)
    by_level = {}
    print("%-12s %-13s %5s %7s" % ("profile", "level", "all", "pruned"))
    with tempfile.TemporaryDirectory() as tmpdir:
        for name, answers in profiles(paths):
            level, n_all, n_pruned, screens = count(rs, name, answers, tmpdir)
            print("%-12s %-13s %5d %7d" % (name, level, n_all, n_pruned))
            if verbose:
                for i, s in enumerate(screens, 1):
                    print("    %2d %s" % (i, ", ".join(s)))
            key = "self_care" if level in ("self_care", "professional") else level
            by_level.setdefault(key, []).append((n_all, n_pruned))
    for key in ("self_care", "urgent", "emergency"):
        rows = by_level.get(key)
        if not rows:
            continue
        a = [r[0] for r in rows]
        p = [r[1] for r in rows]
        print("%-23s %2d profiles: all median %g, max %d; pruned median %g, max %d"
              % (key + (" + professional" if key == "self_care" else ""), len(rows),
                 statistics.median(a), max(a), statistics.median(p), max(p)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
