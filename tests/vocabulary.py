#!/usr/bin/env python3
"""Check that a rule directory defines the built-in set's public ids.

Usage: python3 tests/vocabulary.py RULES_DIR VOCAB_TXT

VOCAB_TXT has one id per line ('#' starts a comment line):
    question ID TYPE [MIN..MAX] [CHOICE ...] [+required] [+unsure=VALUE]
    knot ID REGION
    tag ID
    routine ID KIND [MINUTES]
    message ID
    group ID QUESTION...
    asked_before A B
    setting KEY VALUE
RULES_DIR's *.ini files are read in byte order of their names, the way
knotwise loads them (SPEC section 2): a later section with the same kind and
id replaces an earlier one whole, and 'disabled = yes' removes it. Each
question must have exactly that type, range (scale defaults to 0..10) and
set of choices, and where the line says so, `required = yes` and that
`unsure` value; each knot that region; each tag must be carried by some
routine or named by some 'avoid' action; each routine have that kind (and
minutes); each message be defined; each group (a checklist) hold exactly
those questions, each with an `item` line for the checklist; and A be asked
before B (by `order`, then load order; a group is asked where its first
member is); and [settings] have KEY = VALUE (several [settings] sections
merge key by key, the later value winning). A question's `+KEY=VALUE`
may name any key, e.g. `+journal=consults`. It also checks the conventions
vocabulary.md and the clinical review set for every routine: a release
carries a region_* tag and ends with a short movement of its own (a dose in
seconds or times, not a pointer to another routine); a routine that presses
firmly (deep_pressure, or pressure moderate or firm) says to stay at 3-4/10
the first time; every knot with a firm release also has a gentle one; a
posture habit takes no session time (minutes = 0); every knot has a
`map = X, Y` for the handout's drawing, on the left side of the figure
(0 <= X < 50, 0 <= Y <= 100).
Exits 0 when everything matches,
1 listing every mismatch, 2 on bad usage or an unreadable file.
Standard library only, so it runs at distcheck time without the engine.
"""
import os
import re
import sys

SECTION = re.compile(r"^\[\s*([a-z]+)(?:\s+([^\]\s]+))?\s*\]\s*$")


def strip_comment(value):
    """Cut an inline comment: a ';' that follows a blank (libinih's rule)."""
    m = re.search(r"\s;", value)
    return value[:m.start()] if m else value


def read_ini(path, sections, problems):
    """Add the sections of one file to SECTIONS, a dict keyed by (kind, id)
    whose values are dicts of key -> list of values (keys may repeat)."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        print(f"vocabulary.py: {path}: {e}", file=sys.stderr)
        sys.exit(2)
    current = None      # the section's key dict
    last = None         # (key dict, key) that a continuation line extends
    for num, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if not line.strip():
            last = None
            continue
        if line[0] in " \t":
            if last is None:
                problems.append(f"{path}:{num}: indented line continues nothing")
                continue
            d, key = last
            piece = strip_comment(line).strip()
            if piece:
                d[key][-1] = (d[key][-1] + " " + piece).strip()
            continue
        if line[0] in "#;":
            last = None
            continue
        m = SECTION.match(line)
        if m:
            kind, ident = m.group(1), m.group(2) or ""
            key_ = (kind, ident)
            if kind == "settings" and key_ in sections:
                current = sections[key_]      # [settings] sections merge key by key
            else:
                current = {}
                sections.pop(key_, None)      # a replacement keeps no old keys
                sections[key_] = current
            last = None
            continue
        m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s?(.*)$", line)
        if not m or current is None:
            problems.append(f"{path}:{num}: not a section header or key = value line")
            last = None
            continue
        key, value = m.group(1), strip_comment(m.group(2)).strip()
        current.setdefault(key, []).append(value)
        last = (current, key)


def load(rules_dir):
    sections, problems = {}, []
    try:
        names = sorted(n for n in os.listdir(rules_dir) if n.endswith(".ini"))
    except OSError as e:
        print(f"vocabulary.py: {rules_dir}: {e}", file=sys.stderr)
        sys.exit(2)
    for name in sorted(names, key=lambda n: n.encode()):
        read_ini(os.path.join(rules_dir, name), sections, problems)
    live = {k: v for k, v in sections.items()
            if (v.get("disabled") or ["no"])[-1].lower() not in ("yes", "true", "1")}
    return live, problems


def first(d, key, default=None):
    values = d.get(key)
    return values[-1] if values else default


def as_number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def check_question(sections, ident, words):
    q = sections.get(("question", ident))
    if q is None:
        return [f"question {ident}: not defined"]
    want_type = words[0]
    rest = [w for w in words[1:] if not w.startswith("+")]
    attrs = [w[1:] for w in words[1:] if w.startswith("+")]
    got_type = first(q, "type")
    errs = []
    for attr in attrs:
        key, _, want = attr.partition("=")
        got = first(q, key, "no" if key == "required" else "unknown")
        if got != (want or "yes"):
            errs.append(f"question {ident}: {key} = {got}, wanted {want or 'yes'}")
    if got_type != want_type:
        errs.append(f"question {ident}: type {got_type}, wanted {want_type}")
    if rest and re.fullmatch(r"-?[\d.]+\.\.-?[\d.]+", rest[0]):
        lo, hi = (float(x) for x in rest[0].split(".."))
        rest = rest[1:]
        default = "0" if got_type == "scale" else None
        got_lo = as_number(first(q, "min", default))
        got_hi = as_number(first(q, "max", "10" if got_type == "scale" else None))
        if (got_lo, got_hi) != (lo, hi):
            shown = "..".join("?" if v is None else f"{v:g}" for v in (got_lo, got_hi))
            errs.append(f"question {ident}: range {shown}, wanted {lo:g}..{hi:g}")
    if want_type in ("choice", "multi") or q.get("choice"):
        got = [c.split("|", 1)[0].strip() for c in q.get("choice", [])]
        dups = sorted({c for c in got if got.count(c) > 1})
        missing = [c for c in rest if c not in got]
        extra = [c for c in got if c not in rest]
        if missing:
            errs.append(f"question {ident}: missing choices {' '.join(missing)}")
        if extra:
            errs.append(f"question {ident}: unexpected choices {' '.join(extra)}")
        if dups:
            errs.append(f"question {ident}: repeated choices {' '.join(dups)}")
    return errs


def tags_in_use(sections):
    tags = set()
    for (kind, _), d in sections.items():
        if kind == "routine":
            for value in d.get("tags", []):
                tags.update(t.strip() for t in value.split(",") if t.strip())
        elif kind == "rule":
            for action in d.get("then", []):
                parts = action.split()
                if len(parts) == 2 and parts[0] == "avoid":
                    tags.add(parts[1])
    return tags


FIRST_TIME = re.compile(r"first time.*3-4|3-4.*first time", re.I | re.S)
OWN_MOVEMENT = re.compile(r"\b\d+ (seconds|times|slow)\b", re.I)


def split_list(d, key):
    return [x.strip() for v in d.get(key, []) for x in v.split(",") if x.strip()]


def check_conventions(sections):
    errs, gentle, firm = [], set(), set()
    for (kind, ident), d in sorted(sections.items()):
        if kind != "routine":
            continue
        tags = split_list(d, "tags")
        steps = d.get("step", [])
        pressing = "deep_pressure" in tags or first(d, "pressure") in ("moderate", "firm")
        if pressing and not FIRST_TIME.search(" ".join(steps)):
            errs.append(f"routine {ident}: presses firmly but does not say 3-4/10 the first time")
        if first(d, "kind") == "posture" and first(d, "minutes") != "0":
            errs.append(f"routine {ident}: a posture habit with minutes {first(d, 'minutes')}, not 0")
        if first(d, "kind") != "release":
            continue
        if not any(t.startswith("region_") for t in tags):
            errs.append(f"routine {ident}: a release with no region_* tag")
        if not steps or not OWN_MOVEMENT.search(steps[-1]) or "finish with the" in steps[-1].lower():
            errs.append(f"routine {ident}: a release whose last step is not a movement of its own")
        for knot in split_list(d, "for"):
            (firm if "deep_pressure" in tags else gentle).add(knot)
    for (kind, ident), d in sorted(sections.items()):
        if kind != "knot":
            continue
        xy = [as_number(v.strip()) for v in (first(d, "map") or "").split(",")]
        if len(xy) != 2 or None in xy:
            errs.append(f"knot {ident}: no 'map = X, Y' for the handout's drawing")
        elif not (0 <= xy[0] < 50 and 0 <= xy[1] <= 100):
            errs.append(f"knot {ident}: map {xy[0]:g}, {xy[1]:g} is not on the left side of the figure")
    for knot in sorted(firm - gentle):
        errs.append(f"knot {knot}: a firm release but no gentle one")
    return errs


def asking_position(sections):
    """Question id -> its place in asking order (order, then load order)."""
    qs = [(ident, d) for (kind, ident), d in sections.items() if kind == "question"]
    ranked = sorted(range(len(qs)), key=lambda i: (as_number(first(qs[i][1], "order", "100")), i))
    return {qs[i][0]: pos for pos, i in enumerate(ranked)}


def members(sections, ident):
    g = sections.get(("group", ident))
    return None if g is None else split_list(g, "questions")


def check_group(sections, ident, want):
    got = members(sections, ident)
    if got is None:
        return [f"group {ident}: not defined"]
    errs = []
    missing = [q for q in want if q not in got]
    extra = [q for q in got if q not in want]
    if missing:
        errs.append(f"group {ident}: missing questions {' '.join(missing)}")
    if extra:
        errs.append(f"group {ident}: unexpected questions {' '.join(extra)}")
    for q in got:
        d = sections.get(("question", q))
        if d is not None and not first(d, "item"):
            errs.append(f"group {ident}: question {q} has no item line")
    return errs


def check_before(sections, a, b):
    pos = asking_position(sections)

    def where(ident):
        m = members(sections, ident)
        ids = m if m is not None else [ident]
        known = [pos[i] for i in ids if i in pos]
        return min(known) if known else None
    pa, pb = where(a), where(b)
    if pa is None or pb is None:
        return [f"asked_before {a} {b}: {a if pa is None else b} is not defined"]
    return [] if pa < pb else [f"{a} is asked after {b}, wanted before"]


def main(argv):
    if len(argv) != 2:
        print("usage: vocabulary.py RULES_DIR VOCAB_TXT", file=sys.stderr)
        return 2
    sections, problems = load(argv[0])
    tags = tags_in_use(sections)
    try:
        with open(argv[1], encoding="utf-8") as f:
            vocab = f.read().split("\n")
    except OSError as e:
        print(f"vocabulary.py: {argv[1]}: {e}", file=sys.stderr)
        return 2
    errs, checked = list(problems), 0
    for num, line in enumerate(vocab, 1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        checked += 1
        kind = words[0]
        if kind == "question" and len(words) >= 3:
            errs += check_question(sections, words[1], words[2:])
        elif kind == "knot" and len(words) == 3:
            k = sections.get(("knot", words[1]))
            if k is None:
                errs.append(f"knot {words[1]}: not defined")
            elif first(k, "region") != words[2]:
                errs.append(f"knot {words[1]}: region {first(k, 'region')}, wanted {words[2]}")
        elif kind == "routine" and len(words) in (3, 4):
            r = sections.get(("routine", words[1]))
            if r is None:
                errs.append(f"routine {words[1]}: not defined")
            elif first(r, "kind") != words[2] or (len(words) == 4 and first(r, "minutes") != words[3]):
                errs.append(f"routine {words[1]}: kind {first(r, 'kind')}, minutes {first(r, 'minutes')}, "
                            f"wanted {' '.join(words[2:])}")
        elif kind == "message" and len(words) == 2:
            if ("message", words[1]) not in sections:
                errs.append(f"message {words[1]}: not defined")
        elif kind == "group" and len(words) >= 3:
            errs += check_group(sections, words[1], words[2:])
        elif kind == "asked_before" and len(words) == 3:
            errs += check_before(sections, words[1], words[2])
        elif kind == "setting" and len(words) == 3:
            got = first(sections.get(("settings", ""), {}), words[1])
            if got != words[2]:
                errs.append(f"setting {words[1]} = {got}, wanted {words[2]}")
        elif kind == "tag" and len(words) == 2:
            if words[1] not in tags:
                errs.append(f"tag {words[1]}: no routine carries it and no rule avoids it")
        else:
            errs.append(f"{argv[1]}:{num}: cannot read this line")
    errs += check_conventions(sections)
    for e in errs:
        print(e)
    print(f"{checked} ids checked, {len(errs)} mismatches", file=sys.stderr)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
