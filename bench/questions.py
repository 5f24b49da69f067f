#!/usr/bin/env python3
"""How many screens a consult shows with the built-in rules, with the
questionnaire's pruning and without it (--ask-all), and how long the
result's summary is, over every profile of the vignette cases.
usage: bench/questions.py [KNOTWISE] [CASE_DIR...]

Each profile is typed into the real questionnaire through a pseudo-terminal
(tests/ptydrive.py): a checklist is one screen, answered with the numbers
of its items the profile says yes to; a question the profile does not
answer is one screen where the person presses Enter (a safety question
gets "no").  The summary is the text result's lines above its first line
of dashes, at 80 columns.  Prints one line per profile, then the median
and the largest count per triage level.
"""
import json
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import ptydrive  # noqa: E402

LEVELS = ("self_care", "professional", "urgent", "emergency")


def profiles(dirs):
    for d in dirs:
        for name in sorted(os.listdir(d)):
            text = open(os.path.join(d, name)).read() if name.endswith(".case") else ""
            if "--no-default-rules" in text or "=== file: answers" not in text:
                continue
            block = text.split("=== file: answers", 1)[1].split("\n===", 1)[0]
            yield name[:-5], dict((k.strip(), v.strip()) for k, _, v in
                                  (l.partition("=") for l in block.splitlines()) if k.strip())


def level_of(knotwise, answers):
    p = subprocess.run([knotwise, "--format", "json", "--partial", "--answers", "-"],
                       capture_output=True, text=True,
                       input="".join("%s = %s\n" % kv for kv in answers.items()))
    return json.loads(p.stdout)["triage"]["level"]


def summary_lines(text):
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if re.match(r"^-{20,}$", line):
            return i
    return len(lines)


def main(argv):
    knotwise = argv[1] if len(argv) > 1 else os.path.join(ROOT, "src", "knotwise")
    dirs = argv[2:] or [os.path.join(ROOT, "..", "shared", "conformance", "vignettes")]
    dirs = [d for d in dirs if os.path.isdir(d)]
    rows = []
    print("%-12s %-13s %7s %7s %8s" % ("profile", "level", "screens", "all", "summary"))
    for name, written in profiles(dirs):
        typed = {k: v.replace(",", " ") for k, v in written.items()}
        _, out, asked, _, screens = ptydrive.interview(knotwise, [], typed)
        _, _, _, _, screens_all = ptydrive.interview(knotwise, [], typed, ["--ask-all"])
        level = level_of(knotwise, {k: written.get(k, v) for k, v in asked.items() if v})
        rows.append((level, screens, screens_all, summary_lines(out)))
        print("%-12s %-13s %7d %7d %8d" % (name, level, screens, screens_all, rows[-1][3]))
    print("\n%-13s %9s %7s %13s %7s %12s" % ("level", "profiles", "median", "median --all",
                                             "max", "max summary"))
    for level in LEVELS:
        mine = [r for r in rows if r[0] == level]
        if mine:
            print("%-13s %9d %7g %13g %7d %12d" % (
                level, len(mine), statistics.median(r[1] for r in mine),
                statistics.median(r[2] for r in mine), max(r[1] for r in mine),
                max(r[3] for r in mine)))
    routine = [r for r in rows if r[0] in ("self_care", "professional")]
    if routine:
        print("%-13s %9d %7g %13g %7d %12d" % (
            "with routine", len(routine), statistics.median(r[1] for r in routine),
            statistics.median(r[2] for r in routine), max(r[1] for r in routine),
            max(r[3] for r in routine)))


if __name__ == "__main__":
    main(sys.argv)
