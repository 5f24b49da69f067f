#!/usr/bin/env python3
"""Consults a week apart through the real questionnaire (TAP output): the
journal remembers the first, so the second opens with it in words, asks
only what it must (last time's answers are kept with Enter), and
escalates when self-care is not working."""
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.environ["TOP_SRCDIR"], "tests"))
import ptydrive  # noqa: E402
from tap import check, done, flat  # noqa: E402

KW = os.environ["KNOTWISE"]
TOP = os.environ["TOP_SRCDIR"]
journal = os.path.join(tempfile.mkdtemp(), "journal.jsonl")

profile = ptydrive.profile(os.path.join(TOP, "tests/fixtures/dialogue/v24.answers"))


def consult(day, **changes):
    """A consult on 2026-11-DAY with the profile, changed; typing nothing
    where last time's answer is offered (Enter keeps it)."""
    answers = dict(profile, **changes)
    s = ptydrive.Session([KW, "--format", "json", "--journal", journal],
                         {"KNOTWISE_NOW": "2026-11-%02dT09:30:00Z" % day}, columns=400)
    known = ptydrive.questions(KW, [])
    screens, typed, last = 0, 0, None
    while s.wait_prompt():
        lines = s.last_screen() or []
        shown = ptydrive.read_screen(lines, known)
        if not shown or shown == last:
            s.type(None)
            break
        last, screens = shown, screens + 1
        if any(line.startswith("Last time:") for line in lines):
            s.type("")
        elif shown[0][1] is None:
            typed += 1
            s.type(answers.get(shown[0][0], ""))
        else:
            typed += 1
            s.type(ptydrive.checklist_reply(shown, answers)[0])
    status, out = s.finish()
    return status, json.loads(out) if out else {}, s.screen, screens, typed


status, first, screen, screens1, typed1 = consult(1, pain_level="5")
check("a first consult is recorded", status == 0 and os.path.exists(journal) and
      len(open(journal).readlines()) == 1, screen[-1500:])
check("and opens with no 'last time'", "Last time" not in screen, screen[-1500:])

status, second, screen, screens2, typed2 = consult(
    8, pain_level="7", same_episode="yes", routine_days_since_last="6", progress="worse")
check("a week later the consult opens with the last one in words",
      "Last time, 7 days ago: neck and upper back, pain 5/10, the upper trapezius "
      "routine." in flat(screen), screen[:3000])
check("asks whether it is the same pain, and how the routine went",
      "Is this the same pain as at your last consult?" in screen and
      "on how many days did you do the routine?" in screen, screen)
check("offers last time's answers, which Enter keeps",
      second.get("answers", {}).get("tools") == ["hands", "ball"] and
      "Last time: Your own hands, A tennis ball or massage ball." in flat(screen), screen)
check("but asks the pain afresh", "Last time: 5." not in screen, screen)
check("the second consult asks fewer questions (%d against %d)" % (typed2, typed1),
      typed2 < typed1, (screens1, typed1, screens2, typed2))
check("worse than at first, a week on: see a professional",
      second.get("triage", {}).get("level") == "professional" and
      "esc_journal_worse_than_at_first" in [b["rule"] for b in second["triage"]["because"]],
      second.get("triage"))

status, third, screen, _, _ = consult(
    15, pain_level="7", same_episode="yes", routine_days_since_last="7", progress="same")
check("two weeks of the routine and no better: see a professional",
      third.get("triage", {}).get("level") == "professional" and
      "esc_journal_no_better" in [b["rule"] for b in third["triage"]["because"]],
      third.get("triage"))
records = [json.loads(line) for line in open(journal)]
check("each consult is one record of episode 1, in order",
      [r["episode"] for r in records] == [1, 1, 1] and
      [r["time"][:10] for r in records] == ["2026-11-01", "2026-11-08", "2026-11-15"],
      records)
done()
