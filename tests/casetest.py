#!/usr/bin/env python3
"""Run knotwise case files and report TAP.

usage: casetest.py KNOTWISE CASE_OR_DIR...

A case file is a sequence of blocks, each opened by '=== KIND[: ARG]':
  args: TOKENS (shell words; @NAME is the path of file NAME written for
  the case, @rules the case's rules/ folder), file: NAME (the lines that
  follow), stdin, env: KEY=VALUE, stdout: PATH, expect (one check a line).
Checks: exit N, stdout RE, stderr RE, notstdout RE, nostdout, lines N,
and on the JSON output (PATH dotted, '@K.' picks line K of JSON Lines):
eq PATH JSON, near PATH NUM, len PATH N, has PATH JSON, lacks PATH JSON,
absent PATH, match PATH RE, some/none LIST FIELD JSON..., top N LIST FIELD
JSON..., somematch LIST FIELD JSON RE, sumle LIST FIELD N.  A line may
join checks with ' && ' and alternatives with ' || '.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

os.umask(0o022)  # per-user rule files that others may write are refused


class Case:
    def __init__(self, path):
        self.path, self.name = path, os.path.basename(path)[:-5]
        self.files, self.args, self.env = {}, [], {}
        self.stdin, self.stdout, self.checks = None, None, []
        self._read(open(path, encoding="utf-8", errors="surrogateescape").read())

    def _read(self, text):
        kind, arg, body = None, "", []
        for line in text.split("\n") + ["=== end"]:
            head = re.match(r"^=== (\w+)(?::\s?(.*))?$", line)
            if not head:
                body.append(line)
                continue
            self._block(kind, (arg or "").strip(), body)
            kind, arg, body = head.group(1), head.group(2), []

    def _block(self, kind, arg, body):
        text = "\n".join(body).rstrip("\n") + "\n"
        if kind == "args":
            self.args = shlex.split(arg)
        elif kind == "env":
            key, _, value = arg.partition("=")
            self.env[key] = value
        elif kind == "stdout":
            self.stdout = arg
        elif kind == "file":
            self.files[arg] = text
        elif kind == "stdin":
            self.stdin = text
        elif kind == "expect":
            self.checks = [l for l in body if l.strip() and not l.startswith("#")]


def walk(doc, path):
    for part in path.split("."):
        if isinstance(doc, list) and re.fullmatch(r"-?\d+", part) and -len(doc) <= int(part) < len(doc):
            doc = doc[int(part)]
        elif isinstance(doc, dict) and part in doc:
            doc = doc[part]
        else:
            raise KeyError(path)
    return doc


def fields(text):
    """'a "x" b ["y"]' -> [("a", "x"), ("b", ["y"])]"""
    pairs, decoder = [], json.JSONDecoder()
    text = text.strip()
    while text:
        field, _, text = text.partition(" ")
        value, end = decoder.raw_decode(text.strip())
        pairs.append((field, value))
        text = text.strip()[end:].strip()
    return pairs


def matches(item, pairs):
    def one(field, want):
        got = item.get(field)
        return got == want or (isinstance(got, list) and want in got)
    return isinstance(item, dict) and all(one(f, w) for f, w in pairs)


class Outcome:
    def __init__(self, rc, out, err):
        self.rc, self.out, self.err = rc, out, err

    def json(self, path):
        if path.startswith("@"):
            k, _, path = path[1:].partition(".")
            return walk(json.loads(self.out.splitlines()[int(k)]), path)
        return walk(json.loads(self.out), path)

    def check(self, line):
        op, _, rest = line.strip().partition(" ")
        text_checks = {
            "exit": lambda: self.rc == int(rest),
            "stdout": lambda: re.search(rest, self.out, re.M) is not None,
            "stderr": lambda: re.search(rest, self.err, re.M) is not None,
            "notstdout": lambda: re.search(rest, self.out, re.M) is None,
            "nostdout": lambda: self.out == "",
            "lines": lambda: len(self.out.splitlines()) == int(rest),
        }
        if op in text_checks:
            return text_checks[op]()
        if op == "absent":
            try:
                self.json(rest)
                return False
            except KeyError:
                return True
        if op == "top":
            n, _, rest = rest.partition(" ")
        path, _, arg = rest.partition(" ")
        got = self.json(path)
        if op == "top":
            return any(matches(i, fields(arg)) for i in got[:int(n)])
        return self._json_check(op, got, arg)

    @staticmethod
    def _json_check(op, got, arg):
        if op == "eq":
            return got == json.loads(arg)
        if op == "near":
            return abs(got - float(arg)) <= 0.006
        if op == "len":
            return len(got) == int(arg)
        if op == "has":
            return json.loads(arg) in got
        if op == "lacks":
            return json.loads(arg) not in got
        if op == "match":
            return re.search(arg, json.dumps(got, ensure_ascii=False)) is not None
        if op in ("some", "none"):
            found = any(matches(i, fields(arg)) for i in got)
            return found if op == "some" else not found
        if op == "somematch":
            field, _, tail = arg.partition(" ")
            want, end = json.JSONDecoder().raw_decode(tail)
            pattern = tail[end:].strip()
            return any(re.search(pattern, json.dumps(i, ensure_ascii=False))
                       for i in got if isinstance(i, dict) and i.get(field) == want)
        if op == "sumle":
            field, _, limit = arg.partition(" ")
            return sum(i.get(field, 0) for i in got) <= float(limit)
        raise ValueError("unknown check '%s'" % op)

    def holds(self, line):
        for alternative in line.split(" || "):
            try:
                if all(self.check(part) for part in alternative.split(" && ")):
                    return True
            except (KeyError, ValueError, IndexError, TypeError):
                continue
        return False


def prepare(case, tmp):
    """Write the case's files under tmp; its arguments and environment."""
    os.makedirs(os.path.join(tmp, "rules"), exist_ok=True)
    for name, body in case.files.items():
        full = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(body)
    args = [re.sub(r"@([\w.\-/]+)", lambda m: os.path.join(tmp, m.group(1)), a)
            for a in case.args]
    env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, ".config"),
               XDG_CACHE_HOME=os.path.join(tmp, ".cache"),
               XDG_STATE_HOME=os.path.join(tmp, ".state"), **case.env)
    return args, env


def execute(binary, case, args, env):
    stdout = open(case.stdout, "w") if case.stdout else subprocess.PIPE
    try:
        p = subprocess.run([binary] + args, stdout=stdout, stderr=subprocess.PIPE,
                           input=(case.stdin or "").encode("utf-8", "surrogateescape"),
                           env=env, timeout=60)
    finally:
        if case.stdout:
            stdout.close()
    decode = lambda b: b.decode("utf-8", "replace") if b is not None else ""
    return Outcome(p.returncode, decode(p.stdout), decode(p.stderr))


def run(binary, case):
    with tempfile.TemporaryDirectory() as tmp:
        args, env = prepare(case, tmp)
        return execute(binary, case, args, env)


def main(argv):
    binary, paths = os.path.abspath(argv[1]), []
    for arg in argv[2:]:
        if os.path.isdir(arg):
            for root, _, names in sorted(os.walk(arg)):
                paths += sorted(os.path.join(root, n) for n in names if n.endswith(".case"))
        else:
            paths.append(arg)
    print("1..%d" % len(paths))
    failed = 0
    for number, path in enumerate(paths, 1):
        case = Case(path)
        outcome = run(binary, case)
        bad = [line for line in case.checks if not outcome.holds(line)]
        failed += bool(bad)
        print("%s %d - %s" % ("not ok" if bad else "ok", number, case.name))
        for line in bad:
            print("# failed: %s" % line)
        if bad and outcome.err.strip():
            print("# stderr: %s" % outcome.err.strip().splitlines()[0][:300])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
