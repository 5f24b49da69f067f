#!/usr/bin/env python3
"""Small readers for knotwise rule files, shared by bench/batch_gen.py and
bench/clips.py (stdlib only).

- read_ini(path): the sections of one rule file, as knotwise reads them
  (SPEC section 2 and 7): [KIND ID] headers, `key = value` (or `key: value`),
  repeated keys kept in order, indented continuation lines joined with one
  space, `#`/`;` comment lines, and a `;` after a blank starting a comment.
- parse(text): the expression language of SPEC section 3 as a tree of tuples:
      ("or", [e...]) ("and", [e...]) ("not", e)
      ("truthy", ID) ("known", ID)
      ("cmp", ID, OP, VALUE)        OP in == != < <= > >=
      ("in", ID, [VALUE...]) ("has", ID, VALUE) ("match", ID, STRING)
      ("count", [ID...], OP, NUMBER)
  VALUE is an int, a float, or a str (a word or a string).
- evaluate(tree, answers, qtypes): the value of the tree over answers
  (id -> yes/no as bool, number, word, list of words, or text), with the
  truthiness rules of SPEC section 3; an unknown id makes a test false.
  Only the `~` test is not supported here (no PCRE2).
"""

import re

SECTION = re.compile(r"^\[\s*([a-z]+)(?:\s+([a-z][a-z0-9_]*))?\s*\]\s*$")


def read_ini(path):
    """Return [(kind, id, {key: [values]}, line)] in file order."""
    sections = []
    cur = None
    last_key = None
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n").rstrip("\r")
            stripped = line.strip()
            if not stripped:
                last_key = None
                continue
            if line[0] in "#;":
                last_key = None
                continue
            if line[0] in " \t":
                if cur is None or last_key is None:
                    raise ValueError("%s:%d: continuation without a key" % (path, lineno))
                piece = _strip_comment(stripped)
                vals = cur[2][last_key]
                vals[-1] = (vals[-1] + " " + piece).strip()
                continue
            m = SECTION.match(line)
            if m:
                cur = (m.group(1), m.group(2), {}, lineno)
                sections.append(cur)
                last_key = None
                continue
            m = re.match(r"^([A-Za-z0-9_]+)\s*[=:]\s*(.*)$", line)
            if not m or cur is None:
                raise ValueError("%s:%d: cannot read %r" % (path, lineno, line))
            key, val = m.group(1), _strip_comment(m.group(2)).strip()
            cur[2].setdefault(key, []).append(val)
            last_key = key
    return sections


def _strip_comment(s):
    """libinih's inline comment rule: a ';' after a blank starts a comment."""
    m = re.search(r"\s;", s)
    return s[:m.start()].rstrip() if m else s


# ---------------------------------------------------------------- expressions

TOKEN = re.compile(r"""\s*(?:
      (?P<str>"(?:\\.|[^"\\])*")
    | (?P<op>==|!=|<=|>=|<|>|~|\(|\)|\{|\}|,)
    | (?P<num>-?\d+(?:\.\d+)?)
    | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*)
    )""", re.X)


def tokenize(text):
    toks, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError("cannot read expression at %r" % text[pos:])
        pos = m.end()
        if m.group("str") is not None:
            s = m.group("str")[1:-1]
            s = s.replace('\\"', '"').replace("\\\\", "\\")
            toks.append(("str", s))
        elif m.group("op") is not None:
            toks.append(("op", m.group("op")))
        elif m.group("num") is not None:
            n = m.group("num")
            toks.append(("num", float(n) if "." in n else int(n)))
        else:
            toks.append(("word", m.group("word")))
    return toks


class _Parser:
    def __init__(self, text):
        self.toks = tokenize(text)
        self.i = 0
        self.text = text

    def peek(self, k=0):
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else (None, None)

    def take(self, kind=None, val=None):
        t = self.peek()
        if (kind and t[0] != kind) or (val is not None and t[1] != val):
            raise ValueError("expected %s in %r, got %r" % (val or kind, self.text, t[1]))
        self.i += 1
        return t

    def expr(self):
        terms = [self.term()]
        while self.peek() == ("word", "or"):
            self.take()
            terms.append(self.term())
        return terms[0] if len(terms) == 1 else ("or", terms)

    def term(self):
        fs = [self.factor()]
        while self.peek() == ("word", "and"):
            self.take()
            fs.append(self.factor())
        return fs[0] if len(fs) == 1 else ("and", fs)

    def factor(self):
        t = self.peek()
        if t == ("word", "not"):
            self.take()
            return ("not", self.factor())
        if t == ("op", "("):
            self.take()
            e = self.expr()
            self.take("op", ")")
            return e
        return self.test()

    def value(self):
        k, v = self.take()
        if k not in ("num", "word", "str"):
            raise ValueError("expected a value in %r" % self.text)
        return v

    def test(self):
        if self.peek() == ("word", "known") and self.peek(1) == ("op", "("):
            self.take(); self.take()
            ident = self.take("word")[1]
            self.take("op", ")")
            return ("known", ident)
        if self.peek() == ("word", "count") and self.peek(1) == ("op", "("):
            self.take(); self.take()
            ids = [self.take("word")[1]]
            while self.peek() == ("op", ","):
                self.take()
                ids.append(self.take("word")[1])
            self.take("op", ")")
            op = self.take("op")[1]
            return ("count", ids, op, self.take("num")[1])
        ident = self.take("word")[1]
        k, v = self.peek()
        if k == "op" and v in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            return ("cmp", ident, v, self.value())
        if (k, v) == ("word", "in"):
            self.take()
            self.take("op", "{")
            vals = [self.value()]
            while self.peek() == ("op", ","):
                self.take()
                vals.append(self.value())
            self.take("op", "}")
            return ("in", ident, vals)
        if (k, v) == ("word", "has"):
            self.take()
            return ("has", ident, self.value())
        if (k, v) == ("op", "~"):
            self.take()
            return ("match", ident, self.take("str")[1])
        return ("truthy", ident)


def parse(text):
    p = _Parser(text)
    e = p.expr()
    if p.i != len(p.toks):
        raise ValueError("trailing input in %r" % text)
    return e


def ids_of(tree):
    """Every id an expression tests, in order of appearance."""
    out = []

    def walk(t):
        tag = t[0]
        if tag in ("or", "and"):
            for s in t[1]:
                walk(s)
        elif tag == "not":
            walk(t[1])
        elif tag == "count":
            out.extend(t[1])
        else:
            out.append(t[1])
    walk(tree)
    seen, res = set(), []
    for i in out:
        if i not in seen:
            seen.add(i)
            res.append(i)
    return res


def truthy(v):
    if v is None:
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    if isinstance(v, list):
        return len(v) > 0
    return v != ""


def _num(v):
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _eq(a, b):
    if isinstance(a, bool):
        return a == (b in ("yes", "true", "y", 1) or b is True)
    if _num(a) is not None and _num(b) is not None:
        return a == b
    return str(a) == str(b)


def evaluate(t, ans):
    tag = t[0]
    if tag == "or":
        return any(evaluate(s, ans) for s in t[1])
    if tag == "and":
        return all(evaluate(s, ans) for s in t[1])
    if tag == "not":
        return not evaluate(t[1], ans)
    if tag == "truthy":
        return truthy(ans.get(t[1]))
    if tag == "known":
        return ans.get(t[1]) is not None
    if tag == "count":
        n = sum(1 for i in t[1] if truthy(ans.get(i)))
        return _compare(n, t[2], t[3])
    v = ans.get(t[1])
    if v is None:
        return False
    if tag == "cmp":
        op, w = t[2], t[3]
        if op == "==":
            return _eq(v, w)
        if op == "!=":
            return not _eq(v, w)
        if _num(v) is None or _num(w) is None:
            return False
        return _compare(v, op, w)
    if tag == "in":
        if isinstance(v, list):
            return any(x in [str(w) for w in t[2]] for x in v)
        return any(_eq(v, w) for w in t[2])
    if tag == "has":
        return isinstance(v, list) and str(t[2]) in v
    if tag == "match":
        raise ValueError("evaluate: '~' (PCRE2) is not supported here")
    raise ValueError("unknown node %r" % (t,))


def _compare(a, op, b):
    return {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b,
            ">": a > b, ">=": a >= b}[op]
