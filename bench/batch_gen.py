#!/usr/bin/env python3
"""Generate answer sets for the built-in rule set, for `knotwise batch`
(stdlib only).

Usage:
    batch_gen.py [-n COUNT] [--seed S] [-o FILE] [--knotwise PATH]

Writes COUNT (default 100000) JSON Lines to FILE (default stdout), one
answer set per line, each with an integer "id" (its line number).

The questions come from the rule set itself: the ids, types and files
from `knotwise list questions --format json`, and for each question its
choices, min/max, required, unsure and ask_if from its section in that
file (the listing does not carry them).  Every choice id is checked
against knowledge/vocabulary.md when that file is found.

Answers are valid and realistic, and generation is seeded (deterministic):
- questions are answered in asking order (`order`, then load order), and a
  question whose `ask_if` does not hold over the answers so far is left
  out (so no answer is dropped with a warning);
- every required question is answered: the 23 emergency/urgent red-flag
  screens mostly "no" (each "yes" with p = 0.004 and "unsure" with
  p = 0.002, so about 87% of the sets have no red flag at all), the 10
  contraindications "yes" with p = 0.04 each;
- optional questions are answered with p = 0.85; yes/no habits and the
  professional flags "yes" with p = 0.25 and 0.06; numbers drawn from a
  plausible range per id (age 18-85; weeks 0.5 + an exponential with
  mean 3, one decimal; pain_level triangular 1..9, mode 4; routine_weeks
  0 for 70%; ...);
  multi answers 1-3 items (the five regions for pain_area, worst_area one
  of them);
- `describe` (the free-text question matched by `~` rules) is never
  answered, so that bench/clips.py can translate the rules that match it
  (CLIPS has no regular expressions): those rules are false in both
  engines.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import kwexpr  # noqa: E402

SEED = 20241130
VOCABULARY = [os.path.join(ROOT, "..", "shared", "knowledge", "vocabulary.md"),
              os.path.join(ROOT, "knowledge", "vocabulary.md")]

EMERGENCY_URGENT = {
    "saddle_numbness", "bladder_bowel_change", "sexual_function_change",
    "both_legs_symptoms", "leg_weakness_worsening", "chest_pain", "tearing_pain",
    "sudden_belly_back_pain", "sudden_breathless", "major_trauma", "stroke_signs",
    "fever_stiff_neck", "fever", "cancer_history", "weight_loss", "night_pain",
    "constant_pain", "fragile_bone_injury", "spine_lump", "hand_clumsy_gait",
    "urine_symptoms", "calf_clot_signs", "neck_dizzy"}
PROFESSIONAL_FLAGS = {"leg_below_knee", "arm_tingling", "cough_sneeze_worse",
                      "immunosuppressed", "recurrent", "worsening", "stops_daily_life",
                      "strong_painkillers", "worse_after_sessions", "returns_quickly"}
# plausible ranges (inclusive) and whether decimals occur
NUMBER_RANGE = {"age": (18, 85, False),
                "pregnancy_weeks": (4, 40, False), "sitting_hours": (0, 12, False),
                "phone_hours": (0, 8, False), "driving_hours": (0, 4, False),
                "morning_stiffness_minutes": (0, 90, False),
                "routine_weeks": (0, 8, False), "minutes_per_day": (5, 60, False)}
NEVER_ANSWERED = {"describe"}


def knotwise_path():
    return os.environ.get("KNOTWISE") or os.path.join(ROOT, "src", "knotwise")


def load_questions(kw=None, env=None):
    """Questions of the loaded (built-in) rule set in asking order:
    [{id, type, choices, min, max, required, unsure, ask_if (tree or None),
      order, file}]."""
    kw = kw or knotwise_path()
    out = subprocess.run([kw, "list", "questions", "--format", "json"],
                         capture_output=True, text=True, check=True, env=env).stdout
    listed = json.loads(out)
    sections = {}
    for f in sorted({q["file"] for q in listed}):
        for kind, ident, keys, line in kwexpr.read_ini(f):
            if kind == "question":
                sections[(f, ident)] = keys
    qs = []
    for pos, q in enumerate(listed):
        keys = sections.get((q["file"], q["id"]))
        if keys is None:
            raise SystemExit("batch_gen: question %s not found in %s" % (q["id"], q["file"]))
        ktype = keys["type"][-1]
        if ktype != q["type"]:
            raise SystemExit("batch_gen: %s: type %s in the file, %s listed"
                             % (q["id"], ktype, q["type"]))
        num = lambda k: float(keys[k][-1]) if k in keys else None  # noqa: E731
        qs.append({
            "id": q["id"], "type": ktype, "file": q["file"],
            "choices": [c.split("|")[0].strip() for c in keys.get("choice", [])],
            "min": num("min"), "max": num("max"),
            "required": keys.get("required", ["no"])[-1] == "yes",
            "unsure": keys.get("unsure", ["unknown"])[-1],
            "ask_if": kwexpr.parse(keys["ask_if"][-1]) if "ask_if" in keys else None,
            "order": int(keys.get("order", ["100"])[-1]), "pos": pos,
            "journal": q.get("journal")})
    qs.sort(key=lambda q: (q["order"], q["pos"]))
    return qs


def check_vocabulary(qs):
    """Warn (stderr) about choice ids that knowledge/vocabulary.md does not name."""
    for path in VOCABULARY:
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                words = set(re.findall(r"`([a-z][a-z0-9_]*)`", f.read()))
            for q in qs:
                for c in q["choices"]:
                    if c not in words:
                        sys.stderr.write("batch_gen: note: choice %s of %s is not in %s\n"
                                         % (c, q["id"], path))
            return


def gen_answer(rng, q, ans):
    """The answer to q (Python value as in JSON), or None to leave it out."""
    qid, t = q["id"], q["type"]
    if qid in NEVER_ANSWERED:
        return None
    if qid in EMERGENCY_URGENT:
        r = rng.random()
        return True if r < 0.004 else "unsure" if r < 0.006 else False
    if q["required"] and t == "yesno":  # the contraindications
        return rng.random() < 0.04
    if q["journal"]:  # answered from the journal, which batch never reads
        return None
    if not q["required"] and rng.random() >= 0.85:
        return None
    if qid == "worst_area" and ans.get("pain_area"):
        return rng.choice(ans["pain_area"])
    if t == "yesno":
        return rng.random() < (0.06 if qid in PROFESSIONAL_FLAGS else 0.25)
    if qid == "weeks":  # most episodes are short
        return round(min(52.0, 0.5 + rng.expovariate(1 / 3.0)), 1)
    if qid == "routine_weeks" and rng.random() < 0.7:
        return 0
    if qid == "pain_level":
        return int(round(rng.triangular(1, 9, 4)))
    if qid == "improving":
        return rng.random() < 0.6
    if t in ("number", "scale"):
        lo, hi, dec = NUMBER_RANGE.get(qid, (q["min"] if q["min"] is not None else 0,
                                             q["max"] if q["max"] is not None else 10,
                                             False))
        if q["min"] is not None:
            lo = max(lo, q["min"])
        if q["max"] is not None:
            hi = min(hi, q["max"])
        if dec and rng.random() < 0.5:
            return round(rng.uniform(lo, hi), 1)
        return rng.randint(int(lo), int(hi))
    if t == "choice":
        return rng.choice(q["choices"])
    if t == "multi":
        k = min(len(q["choices"]), rng.choice([1, 1, 2, 2, 3]))
        picked = rng.sample(q["choices"], k)
        return [c for c in q["choices"] if c in picked]  # in choice order
    return None  # text


def effective(q, v):
    """The answer as the engine sees it (for ask_if): unsure -> its value."""
    if v == "unsure":
        return True if q["unsure"] == "yes" else False if q["unsure"] == "no" else None
    return v


def gen_record(rng, qs):
    rec, seen = {}, {}
    for q in qs:
        if q["ask_if"] is not None and not kwexpr.evaluate(q["ask_if"], seen):
            continue
        v = gen_answer(rng, q, seen)
        if v is None:
            continue
        rec[q["id"]] = v
        e = effective(q, v)
        if e is not None:
            seen[q["id"]] = e
    return rec


def generate(out, count, seed, qs):
    rng = random.Random(seed)
    for i in range(1, count + 1):
        rec = {"id": i}
        rec.update(gen_record(rng, qs))
        out.write(json.dumps(rec, separators=(",", ":")))
        out.write("\n")


def main(argv):
    ap = argparse.ArgumentParser(description="answer sets for knotwise batch")
    ap.add_argument("-n", type=int, default=100000, help="number of answer sets")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--knotwise", default=None, help="binary (default $KNOTWISE or src/knotwise)")
    a = ap.parse_args(argv[1:])
    qs = load_questions(a.knotwise)
    check_vocabulary(qs)
    if a.output == "-":
        generate(sys.stdout, a.n, a.seed, qs)
    else:
        with open(a.output, "w", encoding="utf-8") as f:
            generate(f, a.n, a.seed, qs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
