#!/usr/bin/env python3
"""Run case files three ways and say whether the results are the same.

usage: cachemodes.py KNOTWISE CASE_OR_DIR...

Each case (the format of casetest.py) runs with a cold cache, again with
the cache the first run left (warm), and with --no-cache; the exit status,
standard output and standard error must be the same all three times.  A
warm run must also leave the images as the cold run wrote them: an image
written again was not used.  A case whose arguments name `check` (which
never uses the cache, and refuses --no-cache) runs cold and warm only.

Every run writes the case's files to the same place, so that the rule
files' paths, which the cache's key holds, do not change; its HOME is made
anew for each run, so that no other state (a journal) carries over.

Prints one line per case: 'ok NAME' or 'FAIL NAME: why'.
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import casetest  # noqa: E402


def images(cache):
    """The images in the cache, each with its inode."""
    folder = os.path.join(cache, "knotwise")
    if not os.path.isdir(folder):
        return {}
    return {name: os.stat(os.path.join(folder, name)).st_ino
            for name in os.listdir(folder)}


def run_fresh(binary, case, home, cache, extra):
    shutil.rmtree(home, ignore_errors=True)
    args, env = casetest.prepare(case, home)
    env["XDG_CACHE_HOME"] = cache
    return casetest.execute(binary, case, extra + args, env)


def differences(first, other, label):
    return ["%s %s differs" % (label, what)
            for what in ("rc", "out", "err") if getattr(first, what) != getattr(other, what)]


def compare(binary, case, tmp):
    home, cache = os.path.join(tmp, "home"), os.path.join(tmp, "cache")
    cold = run_fresh(binary, case, home, cache, [])
    written = images(cache)
    warm = run_fresh(binary, case, home, cache, [])
    why = differences(cold, warm, "warm")
    if images(cache) != written:
        why.append("the warm run wrote the cache again")
    if "check" not in case.args:
        why += differences(cold, run_fresh(binary, case, home, cache, ["--no-cache"]),
                           "--no-cache")
    return why


def case_files(args):
    for arg in args:
        if os.path.isdir(arg):
            for root, _, names in sorted(os.walk(arg)):
                yield from (os.path.join(root, n) for n in sorted(names) if n.endswith(".case"))
        else:
            yield arg


def main(argv):
    binary = os.path.abspath(argv[1])
    for path in case_files(argv[2:]):
        case = casetest.Case(path)
        with tempfile.TemporaryDirectory() as tmp:
            why = compare(binary, case, tmp)
        print("ok %s" % case.name if not why else "FAIL %s: %s" % (case.name, "; ".join(why)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
