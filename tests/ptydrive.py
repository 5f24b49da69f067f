"""Drive knotwise's questionnaire through a pseudo-terminal, as a person.

Standard input and standard error are the terminal; standard output is a
pipe, so the result is kept apart from the conversation, as with
`knotwise > routine.txt`.  Each reply is typed when a prompt ('> ') shows.
A reply may be a string, None (end of input, Ctrl-D) or INTERRUPT (Ctrl-C),
or the whole conversation can follow a profile: answers by question id,
the id of each question found from its text (`knotwise list questions`).

A consult in a terminal keeps a journal (SPEC §8), and the next one starts
from it: each session gets a state folder of its own, so that it is a
first consult, unless journal=True keeps the environment's.
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import tempfile
import termios
import time

INTERRUPT = object()
PROMPT = re.compile(r"(^|\n)> (\x1b\[[0-9;?]*[A-Za-z])*$")
HEADER = re.compile(r"\[(\d+) of about (\d+)\][^\n]*")
ITEM = re.compile(r"^\s+(\d+)\. (.*)$")


def _own_terminal():
    """In the child: a new session whose controlling terminal is the pty,
    so that Ctrl-C reaches it as SIGINT."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Session:
    def __init__(self, argv, env=None, columns=80, journal=False, rows=50):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.state = None if journal else tempfile.TemporaryDirectory(prefix="kw-pty-state-")
        fresh = {"XDG_STATE_HOME": self.state.name} if self.state else {}
        self.proc = subprocess.Popen(argv, stdin=slave, stderr=slave, stdout=subprocess.PIPE,
                                     env=dict(os.environ, TERM="dumb", **fresh, **(env or {})),
                                     close_fds=True, preexec_fn=_own_terminal)
        os.close(slave)
        self.screen = ""
        self.prompts = 0

    def _read(self, timeout):
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return None
        if not data:
            return None
        self.screen += data.decode("utf-8", "replace")
        return True

    def wait_prompt(self, timeout=15):
        """Read until a prompt shows (True) or the program ends (False)."""
        start = len(self.screen)
        deadline = time.time() + timeout
        while time.time() < deadline:
            got = self._read(0.2)
            if got is None:
                return False
            if PROMPT.search(self.screen[start:]) and not self._read(0.05):
                self.prompts += 1
                return True
            if self.proc.poll() is not None and not got:
                return False
        raise TimeoutError("no prompt within %s s; screen ends: %r" % (timeout, self.screen[-300:]))

    def type(self, reply):
        if reply is None:
            os.write(self.master, b"\x04")
        elif reply is INTERRUPT:
            os.write(self.master, b"\x03")
        else:
            os.write(self.master, reply.encode("utf-8") + b"\r")

    def finish(self, timeout=15):
        out = self.proc.stdout.read().decode("utf-8", "replace")
        status = self.proc.wait(timeout)
        while self._read(0.05):
            pass
        os.close(self.master)
        if self.state:
            self.state.cleanup()
        return status, out

    def last_screen(self):
        """The lines of the screen shown last, after its '[N of about M]'."""
        heads = list(HEADER.finditer(self.screen))
        if not heads:
            return None
        return [line.rstrip("\r") for line in self.screen[heads[-1].end():].split("\n")][1:]


def converse(argv, replies, env=None, columns=80, journal=False, rows=50):
    """Type the replies in order; returns (status, stdout, screen, prompts)."""
    s = Session(argv, env, columns, journal, rows)
    for reply in replies:
        if not s.wait_prompt():
            break
        s.type(reply)
        if reply is None or reply is INTERRUPT:
            break
    else:
        if s.wait_prompt():
            s.type(None)
    status, out = s.finish()
    return status, out, s.screen, s.prompts


def questions(knotwise, rule_args):
    listed = subprocess.run([knotwise] + rule_args + ["list", "questions", "--format", "json"],
                            capture_output=True, text=True, check=True)
    return json.loads(listed.stdout)


def question_ids(knotwise, rule_args):
    return {q["text"]: q["id"] for q in questions(knotwise, rule_args)}


def _norm(text):
    return " ".join(text.split())


def read_screen(lines, known):
    """What a screen asks: [(question id, item number or None)], from its
    lines (printed wide enough that nothing wraps)."""
    by_text = {_norm(q["text"]): q for q in known}
    by_item = {_norm(q["item"] or q["text"]): q for q in known if q["group"]}
    items = [ITEM.match(line) for line in lines]
    items = [(int(m.group(1)), _norm(m.group(2))) for m in items if m]
    for line in lines:
        q = by_text.get(_norm(line))
        if q:
            return [(q["id"], None)]
    return [(by_item[text]["id"], n) for n, text in items if text in by_item]


def checklist_reply(shown, profile):
    """'2 5 unsure 3', or 'none', for the items the profile says yes to,
    with the answer each item gets (unticked: no)."""
    said = {}
    for qid, _ in shown:
        value = profile.get(qid, "no").lower()
        said[qid] = value if value in ("yes", "unsure") else "no"
    yes = [str(n) for qid, n in shown if said[qid] == "yes"]
    unsure = [str(n) for qid, n in shown if said[qid] == "unsure"]
    reply = " ".join(yes) + (" unsure " + " ".join(unsure) if unsure else "")
    return reply.strip() or "none", said


def profile(path):
    """An answers file (ID = VALUE) as what a person types: a multi
    answer's commas become spaces."""
    answers = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.partition("=")
            if value:
                answers[key.strip()] = value.strip().replace(",", " ")
    return answers


def interview(knotwise, rule_args, profile, extra=(), env=None):
    """Answer every screen from profile (id -> text): a question with its
    answer (Enter when the profile has none; a safety question "no" or
    "unsure"), a checklist with the numbers of its items answered yes.
    Returns (status, stdout, the answers given by id in asking order ("" for
    Enter), screen, screens shown)."""
    known = questions(knotwise, rule_args)
    # a safety question the profile does not answer cannot be skipped
    required = {q["id"]: "no" if q["type"] == "yesno" else "unsure"
                for q in known if q["required"]}
    s = Session([knotwise] + rule_args + list(extra), env, columns=400)
    asked, screens, last = {}, 0, None
    while s.wait_prompt():
        shown = read_screen(s.last_screen() or [], known)
        if not shown or shown == last:
            s.type(None)
            break
        last, screens = shown, screens + 1
        if shown[0][1] is None:
            reply = profile.get(shown[0][0], required.get(shown[0][0], ""))
            asked[shown[0][0]] = reply
        else:
            reply, said = checklist_reply(shown, profile)
            asked.update(said)
        s.type(reply)
    status, out = s.finish()
    return status, out, asked, s.screen, screens
