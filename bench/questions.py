#!/usr/bin/env python3
"""How many questions a consult asks with the built-in rules, with the
questionnaire's pruning and without it (--ask-all), over every profile of
the vignette cases.  usage: bench/questions.py [KNOTWISE] [CASE_DIR...]

Each profile is typed into the real questionnaire through a pseudo-terminal
(tests/ptydrive.py); questions the profile does not answer are skipped with
Enter.  Prints one line per profile and the medians.
"""
import os
import re
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import ptydrive  # noqa: E402


def profiles(dirs):
    for d in dirs:
        for name in sorted(os.listdir(d)):
            text = open(os.path.join(d, name)).read() if name.endswith(".case") else ""
            if "--no-default-rules" in text or "=== file: answers" not in text:
                continue
            block = text.split("=== file: answers", 1)[1].split("\n===", 1)[0]
            answers = dict((k.strip(), v.strip().replace(",", " "))
                           for k, _, v in (l.partition("=") for l in block.splitlines()) if k.strip())
            yield name[:-5], answers


def main(argv):
    knotwise = argv[1] if len(argv) > 1 else os.path.join(ROOT, "src", "knotwise")
    dirs = argv[2:] or [os.path.join(ROOT, "..", "shared", "conformance", "vignettes"),
                        os.path.join(ROOT, "tests", "cases", "rules")]
    dirs = [d for d in dirs if os.path.isdir(d)]
    total = len(ptydrive.question_ids(knotwise, []))
    pruned, full = [], []
    print("%-40s %7s %7s" % ("profile", "pruned", "all"))
    for name, answers in profiles(dirs):
        _, _, asked, _ = ptydrive.interview(knotwise, [], answers)
        _, _, asked_all, _ = ptydrive.interview(knotwise, [], answers, ["--ask-all"])
        pruned.append(len(asked))
        full.append(len(asked_all))
        print("%-40s %7d %7d" % (name, len(asked), len(asked_all)))
    print("%d profiles, %d questions in the rule set" % (len(pruned), total))
    print("median questions asked: %g with pruning, %g without (--ask-all); mean %.1f vs %.1f"
          % (statistics.median(pruned), statistics.median(full),
             statistics.mean(pruned), statistics.mean(full)))


if __name__ == "__main__":
    main(sys.argv)
