#!/usr/bin/env python3
"""The five-minute questionnaire through a pseudo-terminal (TAP output):
checklists (numbers, none, unsure N, back across one), the recheck of a
`no` the person's own words contradict, wrapping at 60 and 100 columns,
the summary-first result and the triage line when the result goes to a
file."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.environ["TOP_SRCDIR"], "tests"))
import ptydrive  # noqa: E402
from tap import check, done, flat  # noqa: E402

KW = os.environ["KNOTWISE"]
TOP = os.environ["TOP_SRCDIR"]
RULES = ["--no-default-rules", "--rules",
         os.path.join(TOP, "tests/fixtures/dialogue/checklist.ini")]




def talk(replies, extra=("--format", "json"), columns=80, rules=RULES):
    status, out, screen, prompts = ptydrive.converse([KW] + rules + list(extra), replies,
                                                     columns=columns)
    try:
        result = json.loads(out)
    except ValueError:
        result = {}
    return status, result, screen


status, result, screen = talk(["it aches", "2"])
check("a checklist is one screen, its items numbered",
      "Do you have any of these now?" in screen and
      "   1. Numbness around your bottom or between your legs" in screen and
      "   3. Pins and needles in both legs" in screen, screen)
check("a number ticks that item, the others are no",
      result.get("answers", {}).get("chest") is True and
      result["answers"].get("numb") is False and result["answers"].get("legs") is False,
      result)
check("and a ticked emergency sign stops the questions",
      result.get("triage", {}).get("level") == "emergency" and "Which of these" not in screen,
      screen)

status, result, screen = talk(["it aches", "none", "1 3", "10"])
check("'none' answers every item no",
      [result.get("answers", {}).get(q) for q in ("numb", "chest", "legs")] ==
      [False, False, False], result)
check("an optional checklist takes several numbers",
      [result.get("answers", {}).get(q) for q in ("desk", "bag", "phone")] ==
      [True, False, True], result)
check("the consult ends with a result", status == 0 and
      result.get("knots", [{}])[0].get("id") == "trap", result)

status, result, screen = talk(["it aches", "unsure 2"])
check("'unsure 2' leaves item 2 unsure, taken the safe way",
      result.get("answers", {}).get("chest") is True and
      result["answers"].get("numb") is False and
      result.get("triage", {}).get("level") == "emergency", result)
check("and the person sees no question id", "'chest'" not in screen and "chest" not in
      screen.split("Thank you")[-1], screen)

status, result, screen = talk(["it aches", "none", "back", "3"])
check("back at the next screen shows the whole checklist again",
      screen.count("Do you have any of these now?") == 2, screen)
check("and the new ticks replace the old answers",
      result.get("answers", {}).get("legs") is True and
      result.get("triage", {}).get("level") == "urgent", result)

status, result, screen = talk(["my bum feels numb", "none", "no", "none", "5"])
check("a no the person's own words contradict is asked again, quoting them",
      'You wrote "my bum feels numb". That may mean yes here' in flat(screen) and
      screen.count("Any numbness around your bottom?") == 1, screen)
check("the second answer stands", result.get("answers", {}).get("numb") is False and
      result.get("triage", {}).get("level") == "self_care" and
      not result.get("warnings"), result)
status, result, screen = talk(["my bum feels numb", "none", "yes"])
check("a yes on the second asking is an emergency",
      result.get("triage", {}).get("level") == "emergency", result)

status, result, screen = talk(["it aches", "none", "", "5"], extra=())
text = screen.replace("\r", "")
check("with the result in a file, the screen still shows the triage",
      "Your result: Self-care." in text and "went to the file you chose" in text, text)

# The built-in questionnaire at 60 and at 100 columns: every line fits,
# and no word is broken.
replies = ["4", "4", "it aches low down on the right side when I sit for long", "?",
           "why", "none", "none", "none", "?", "why", "quit"]
listed = ptydrive.questions(KW, [])
long_texts = [q["item"] or q["text"] for q in listed if q["group"] == "emergency_signs"]
for columns in (60, 100):
    status, out, screen, prompts = ptydrive.converse([KW], replies, columns=columns)
    lines = screen.replace("\r", "").split("\n")
    widest = max(len(line) for line in lines)
    check("at %d columns every line fits (widest %d)" % (columns, widest),
          widest < columns, "\n".join(l for l in lines if len(l) >= columns))
    check("at %d columns no word is broken" % columns,
          all(flat(t) in flat(screen) for t in long_texts), screen)
    check("at %d columns the help and why are wrapped too" % columns,
          "Safety questions: type the numbers that apply" in flat(screen) and
          "This is a safety question" in flat(screen), screen)
check("at 100 columns the width is used", widest > 60, widest)

# At 80 x 24: the emergency signs fit whole; a longer screen says its
# question again just above the prompt.
replies = ["4", "4", "it aches low down", "none", "none", "none", "40", "no", "3", "5",
           "left", "quit"]
status, out, screen, prompts = ptydrive.converse([KW], replies, columns=80, rows=24)
screens = screen.replace("\r", "").split("\n[")
signs = next(s for s in screens if "Do you have any of these now?" in s)
check("at 80 x 24 the twelve emergency signs fit on the terminal",
      len(signs.split("\n> ")[0].split("\n")) + 1 <= 24 and "  12. " in signs, signs)
spread = next((s for s in screens if "Does the pain spread to" in s), "")
body = spread.split("\n> ")[0].split("\n")
check("a screen taller than the terminal asks its question again above the prompt",
      len(body) + 1 > 24 and "\n".join(body).count("Does the pain spread to") == 2 and
      "Does the pain spread to" in "\n".join(body[-4:]), "\n".join(body))

status, out, screen, prompts = ptydrive.converse([KW], ["shoulder"])
shown = flat(screen)
check("a wrong choice is answered in words, not ids",
      "'shoulder' is not one of the answers. Please type the numbers" in shown and
      "upper_back" not in shown and "hip_buttock" not in shown, screen)
check("the opening says Enter skips a question",
      "Press Enter to skip a question" in shown, screen)

profile = ptydrive.profile(os.path.join(TOP, "tests/fixtures/dialogue/v24.answers"))
status, out, asked, screen, screens = ptydrive.interview(KW, [], profile)
summary = out.split("\n")
end = next((i for i, line in enumerate(summary) if re.match(r"^-{20,}$", line)), None)
check("a self-care result opens with a summary of at most 24 lines",
      status == 0 and end is not None and end <= 24, out[:3000])
check("that fits 80 columns", end is not None and
      all(len(line) <= 80 for line in summary[:end]), out[:3000])
check("and names the routine with its minutes",
      end is not None and re.search(r"Today's routine: \d+ min", "\n".join(summary[:end])),
      out[:3000])
check("a self-care consult takes at most 25 screens", screens <= 25, screens)

done()
