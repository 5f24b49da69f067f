#!/usr/bin/env python3
"""Every vignette typed into the real questionnaire (TAP output): its JSON
must be the piped JSON of the same answers, and its triage the one the
vignette's full answers give when piped.  So neither the asking order nor
the checklists nor the early stop change a result."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.environ["TOP_SRCDIR"], "tests"))
import ptydrive  # noqa: E402

KW = os.environ["KNOTWISE"]
TOP = os.environ["TOP_SRCDIR"]
VIGNETTES = os.path.join(TOP, "..", "shared", "conformance", "vignettes")
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), name))
    if not ok and detail:
        print("\n".join("# " + line for line in str(detail)[-1500:].splitlines()))


def profile_of(path):
    text = open(path).read()
    block = text.split("=== file: answers", 1)[1].split("\n===", 1)[0]
    return dict((k.strip(), v.strip())
                for k, _, v in (line.partition("=") for line in block.splitlines()) if k.strip())


def piped(answers):
    p = subprocess.run([KW, "--format", "json", "--partial", "--answers", "-"],
                       capture_output=True, text=True,
                       input="".join("%s = %s\n" % kv for kv in answers.items()))
    return json.loads(p.stdout)


if not os.path.isdir(VIGNETTES):
    print("1..0 # SKIP no vignettes beside the source tree")
    sys.exit(0)
for name in sorted(os.listdir(VIGNETTES)):
    written = profile_of(os.path.join(VIGNETTES, name))
    typed = {k: v.replace(",", " ") for k, v in written.items()}
    status, out, asked, screen, screens = ptydrive.interview(KW, [], typed,
                                                             ["--format", "json"])
    given = {k: written.get(k, v) for k, v in asked.items() if v}
    try:
        asked_json = json.loads(out)
    except ValueError:
        check("%s: the questionnaire gives a result" % name[:-5], False, screen[-1500:])
        continue
    warnings = ("warnings",)   # the questionnaire's answers are complete
    same = {k: v for k, v in asked_json.items() if k not in warnings} == \
        {k: v for k, v in piped(given).items() if k not in warnings}
    check("%s: the questionnaire's JSON is the piped JSON of its answers" % name[:-5],
          status == 0 and same, out)
    check("%s: and its triage is that of the vignette's own answers" % name[:-5],
          asked_json["triage"]["level"] == piped(written)["triage"]["level"],
          asked_json["triage"])

print("1..%d" % len(results))
sys.exit(0 if all(results) else 1)
