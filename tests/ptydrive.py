"""Drive knotwise's questionnaire through a pseudo-terminal, as a person.

Standard input and standard error are the terminal; standard output is a
pipe, so the result is kept apart from the conversation, as with
`knotwise > routine.txt`.  Each reply is typed when a prompt ('> ') shows.
A reply may be a string, None (end of input, Ctrl-D) or INTERRUPT (Ctrl-C),
or the whole conversation can follow a profile: answers by question id,
the id of each question found from its text (`knotwise list questions`).
"""
import fcntl
import json
import os
import pty
import re
import select
import subprocess
import termios
import time

INTERRUPT = object()
PROMPT = re.compile(r"(^|\n)> (\x1b\[[0-9;?]*[A-Za-z])*$")


def _own_terminal():
    """In the child: a new session whose controlling terminal is the pty,
    so that Ctrl-C reaches it as SIGINT."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Session:
    def __init__(self, argv, env=None):
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(argv, stdin=slave, stderr=slave, stdout=subprocess.PIPE,
                                     env=dict(os.environ, TERM="dumb", **(env or {})),
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
        return status, out

    def last_question(self):
        """The question text shown last: the line after 'Question N, ...'."""
        found = re.findall(r"Question \d+, about \d+ to go[^\n]*\r?\n([^\r\n]*)", self.screen)
        return found[-1] if found else None


def converse(argv, replies, env=None):
    """Type the replies in order; returns (status, stdout, screen, prompts)."""
    s = Session(argv, env)
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


def question_ids(knotwise, rule_args):
    listed = subprocess.run([knotwise] + rule_args + ["list", "questions", "--format", "json"],
                            capture_output=True, text=True, check=True)
    return {q["text"]: q["id"] for q in json.loads(listed.stdout)}


def interview(knotwise, rule_args, profile, extra=(), env=None):
    """Answer every question from profile (id -> text); unknown ids are
    skipped with Enter.  Returns (status, stdout, asked ids, screen)."""
    ids = question_ids(knotwise, rule_args)
    s = Session([knotwise] + rule_args + list(extra), env)
    asked = []
    while s.wait_prompt():
        text = s.last_question()
        qid = ids.get(text)
        if qid is None or (asked and asked[-1] == qid):
            s.type(None)
            break
        asked.append(qid)
        s.type(profile.get(qid, ""))
    status, out = s.finish()
    return status, out, asked, s.screen
