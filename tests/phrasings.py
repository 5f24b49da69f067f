#!/usr/bin/env python3
"""Check the built-in emergency screens' recheck_if against phrasing lists; TAP.

usage: phrasings.py KNOTWISE [--known KNOWN_TSV] TSV...

Each TSV line is FLAG<TAB>match|nomatch<TAB>PHRASE ('#' lines are comments).
For every line, knotwise reads the phrase as `describe`, with every required
question answered no (so FLAG is answered no), through `batch`. "match" means
the person's words tell of FLAG: the answer no must be doubted, so the result
has a warning naming FLAG. "nomatch" means it must not. FLAG "any" with
"nomatch" means no screen may be doubted at all. KNOWN_TSV lists phrases
(FLAG<TAB>phrase<TAB>reason) known to come out wrong: they are reported as
TODO, and one that comes out right is a failure, so the list stays true.
"""
import json
import subprocess
import sys

REQUIRED = """saddle_numbness bladder_bowel_change sexual_function_change both_legs_symptoms
leg_weakness_worsening chest_pain tearing_pain sudden_belly_back_pain sudden_breathless
major_trauma stroke_signs fever_stiff_neck fever cancer_history weight_loss night_pain
constant_pain fragile_bone_injury spine_lump hand_clumsy_gait urine_symptoms calf_clot_signs
neck_dizzy blood_thinners osteoporosis pregnant clot_history recent_surgery
spine_procedure_recent skin_problem fracture_recent reduced_sensation inflammatory_flare
implant_device first_episode""".split()
FLAGS = ["saddle_numbness", "bladder_bowel_change", "both_legs_symptoms", "chest_pain",
         "tearing_pain", "sudden_breathless"]


def read(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for num, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                flag, want, phrase = line.split("\t")
                if want not in ("match", "nomatch") or (flag not in FLAGS and flag != "any"):
                    sys.exit(f"{path}:{num}: expected FLAG<TAB>match|nomatch<TAB>PHRASE")
                rows.append((flag, want, phrase))
    return rows


def doubted(result):
    """The screens whose 'no' the result's warnings say was doubted."""
    return {flag for flag in FLAGS for w in result.get("warnings", [])
            if w.startswith(f"'{flag}' was answered no")}


def main(argv):
    if len(argv) < 2:
        print("usage: phrasings.py KNOTWISE TSV...", file=sys.stderr)
        return 2
    known = {}
    if len(argv) > 2 and argv[1] == "--known":
        with open(argv[2], encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    flag, phrase, reason = line.rstrip("\n").split("\t")
                    known[(flag, phrase)] = reason
        argv = argv[:1] + argv[3:]
    rows = read(argv[1:])
    base = {q: "no" for q in REQUIRED}
    base.update(age=40, pain_area=["lower_back"], pain_level=4, weeks=1)
    lines = [json.dumps(dict(base, id=i, describe=phrase)) for i, (_, _, phrase) in enumerate(rows)]
    run = subprocess.run([argv[0], "batch"], input="\n".join(lines) + "\n",
                         capture_output=True, text=True)
    results = [json.loads(line) for line in run.stdout.splitlines()]
    print(f"1..{len(rows) + 1}")
    whole = run.returncode == 0 and len(results) == len(rows)
    print(f"{'ok' if whole else 'not ok'} 1 - batch ran every phrase (exit {run.returncode})")
    if not whole:
        print("# " + run.stderr.strip().replace("\n", "\n# "))
    tally = {}
    for n, ((flag, want, phrase), res) in enumerate(zip(rows, results), 2):
        got = doubted(res)
        hit = bool(got) if flag == "any" else flag in got
        good = hit == (want == "match")
        t = tally.setdefault(flag, [0, 0, 0, 0])
        t[0 if want == "match" else 2] += hit
        t[1 if want == "match" else 3] += 1
        reason = known.get((flag, phrase))
        if reason and good:
            print(f"not ok {n} - {flag} {want}: {phrase} (listed as known wrong, but now right)")
        elif reason:
            print(f"not ok {n} - {flag} {want}: {phrase} # TODO {reason}")
        else:
            print(f"{'ok' if good else 'not ok'} {n} - {flag} {want}: {phrase}")
        if "error" in res:
            print(f"# error: {res['error']}")
    for flag, (found, matches, false, nomatches) in tally.items():
        print(f"# {flag}: {found}/{matches} matches found, {false}/{nomatches} false matches")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
