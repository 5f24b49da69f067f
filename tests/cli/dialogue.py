#!/usr/bin/env python3
"""The questionnaire, driven through a pseudo-terminal (TAP output)."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.environ["TOP_SRCDIR"], "tests"))
import ptydrive  # noqa: E402
from tap import check, done, flat  # noqa: E402

KW = os.environ["KNOTWISE"]
TOP = os.environ["TOP_SRCDIR"]
RULES = ["--no-default-rules", "--rules", os.path.join(TOP, "tests/fixtures/dialogue/rules.ini")]




def talk(replies, extra=(), env=None):
    return ptydrive.converse([KW] + RULES + list(extra), replies, env)


def piped(answers, extra=()):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("".join("%s = %s\n" % kv for kv in answers.items()))
    p = subprocess.run([KW] + RULES + ["--answers", f.name] + list(extra),
                       capture_output=True, text=True)
    os.unlink(f.name)
    return p.returncode, p.stdout


status, out, screen, prompts = talk(["no", "2", "yes", "left", "1 2", "3", "it feels numb"])
check("a full consult exits 0", status == 0, screen)
check("the result goes to stdout", "Quadratus lumborum" in out, out)
check("the questions stay on the terminal", "of about" not in out and "[7 of about 7]" in screen, screen)
check("a tally comes before the result", "Thank you: 7 screens, 7 answers." in screen, screen)
check("free text is matched by the rules", "See a professional" in out, out)

status, out, screen, prompts = talk(["no", "2", "no", "1", "3"])
check("a question that cannot matter is not asked", "Which hip?" not in screen, screen)
check("the questions after it still are", "What do you have?" in screen, screen)
check("progress counts what is still relevant", "[4 of about 6]" in screen, screen)

status, out, screen, prompts = talk(["no", "2", "no", "1", "3", "1"], ["--ask-all"])
check("--ask-all asks what cannot matter too", "Which hip?" in screen, screen)

urgent = ["--no-default-rules", "--rules", os.path.join(TOP, "tests/fixtures/dialogue/urgent.ini")]
status, out, screen, prompts = ptydrive.converse([KW] + urgent, ["yes", "no"])
check("once urgent is certain, what cannot change that is not asked",
      "Does it spread to the hip?" not in screen, screen)
check("what could still make it an emergency is", "face drooping" in screen, screen)

session = ptydrive.Session([KW] + RULES)
session.wait_prompt()
with open("/proc/%d/maps" % session.proc.pid) as maps:
    has_readline = "libreadline" in maps.read()
if has_readline:        # a build with readline: tab completes the choices
    session.type("no")
    session.wait_prompt()
    os.write(session.master, b"ne\t\r")
    session.wait_prompt()
    check("tab completes a choice", "> neck" in session.screen, session.screen)
session.type(None)
session.finish()
with open(os.devnull, "w") as null:
    scripted = subprocess.Popen([KW] + RULES + ["--answers", "-"], stdin=subprocess.PIPE,
                                stdout=null)
    maps = ""
    while "libpcre2-8" not in maps and scripted.poll() is None:  # linking done
        with open("/proc/%d/maps" % scripted.pid) as f:
            maps = f.read()
    loaded = "libreadline" in maps
    scripted.communicate(b"numb = no\n")
check("a scripted consult does not load readline", not loaded)

status, out, screen, prompts = talk(["?", "why", "no", "1"])
check("? shows the question's help", "where you would sit on a bicycle" in screen, screen)
check("why says what a safety answer can change",
      "This is a safety question, asked of everyone. Some answers here can mean you "
      "need emergency care now." in flat(screen), screen)

status, out, screen, prompts = talk(["no", "2", "why"])
check("why says what the answer changes now",
      "Your answer decides which muscles are likely to hold knots." in flat(screen), screen)
status, out, screen, prompts = talk(["no", "why"])
check("or may change, with the answers still to come",
      "Depending on your other answers, your answer decides which muscles" in flat(screen),
      screen)
check("in a sentence or two, naming no rule",
      "because" not in screen.split("> why")[1] and "ql" not in screen.split("> why")[1],
      screen)

status, out, screen, prompts = talk(["no", "1", "back", "2", "no", "", "", "it aches"])
check("back re-asks the previous question", screen.count("Where does it hurt?") == 2, screen)
check("and the new answer counts", "Anything else, in your own words?" in screen, screen)

status, out, screen, prompts = talk(["sometimes", "no", "2"])
check("invalid input says what is allowed", "Please answer yes or no" in screen, screen)
check("and asks again", screen.count("Any numbness around your bottom?") == 1 and prompts >= 3, screen)

status, out, screen, prompts = talk(["", "no", "", "", "", "", ""])
check("a required question cannot be skipped", "This is a safety question: please answer it"
      in flat(screen), screen)
check("empty input skips an optional question", status == 0 and "Which hip?" not in screen, screen)
check("an ask_if that fails hides its question", "own words" not in screen, screen)

status, out, screen, prompts = talk([None])
check("end of input aborts with 65", status == 65, screen)
check("and prints no recommendation", out == "", out)
status, out, screen, prompts = talk(["quit"])
check("quit aborts with 65", status == 65 and out == "", screen)
status, out, screen, prompts = talk(["no", ptydrive.INTERRUPT])
check("Ctrl-C exits 130", status == 130, screen)
check("and prints nothing on stdout", out == "", out)

with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as f:
    f.write("[question idle]\ntext = Unused?\ntype = yesno\n[knot k]\nname = Kay\n")
status, out, screen, prompts = ptydrive.converse([KW, "--no-default-rules", "--rules", f.name],
                                                 [])
os.unlink(f.name)
check("with nothing worth asking, the result comes at once", status == 0 and prompts == 0 and
      "Thank you: 0 screens" in screen, screen)

status, out, screen, prompts = talk(["yes"])
check("an emergency stops the questions at once", prompts == 1, screen)
check("and says so", "emergency help: no more questions" in screen, screen)
check("the emergency result is printed", status == 0 and "EMERGENCY" in out, out)

answers = {"numb": "no", "area": "low", "hip": "yes", "hip_side": "left", "tools": "ball",
           "weeks": "2", "words": "a dull ache"}
status, out, asked, screen, screens = ptydrive.interview(KW, RULES, answers, ["--format", "json"])
given = {k: v for k, v in answers.items() if k in asked}
p_status, p_out = piped(given, ["--format", "json"])
check("interactive and piped consults give the same JSON",
      status == 0 and json.loads(out) == json.loads(p_out), out + "\n" + p_out)

status, out, asked, screen, screens = ptydrive.interview(KW, RULES, {"numb": "yes"},
                                                         ["--format", "json"])
p_status, p_out = piped({"numb": "yes"}, ["--format", "json", "--partial"])
check("after an early stop, the JSON is the piped one with --partial",
      status == 0 and json.loads(out) == json.loads(p_out), out + "\n" + p_out)

vignette = open(os.path.join(TOP, "tests/fixtures/dialogue/v24.answers")).read()
written = dict((k.strip(), v.strip())
               for k, _, v in (l.partition("=") for l in vignette.splitlines() if "=" in l))
typed = {k: v.replace(",", " ") for k, v in written.items()}
status, out, asked, screen, screens = ptydrive.interview(KW, [], typed, ["--format", "json"])
given = {k: written.get(k, v) for k, v in asked.items() if v}
p = subprocess.run([KW, "--format", "json", "--answers", "-"], capture_output=True, text=True,
                   input="".join("%s = %s\n" % kv for kv in given.items()))
check("a built-in consult needs no manual and matches the piped JSON",
      status == 0 and json.loads(out) == json.loads(p.stdout), screen[-2000:] + p.stderr)
check("the built-in questionnaire prunes questions", len(asked) < len(ptydrive.question_ids(KW, [])),
      len(asked))

done()
