"""TAP for the Python black-box tests: one line per assertion, a plan at
the end, and the screen a failed assertion saw as comments."""
import sys

_results = []


def check(name, ok, detail=""):
    _results.append(bool(ok))
    print("%s %d - %s" % ("ok" if ok else "not ok", len(_results), name))
    if not ok and detail:
        print("\n".join("# " + line for line in str(detail)[-2000:].splitlines()))


def flat(text):
    """The words of a screen, however they were wrapped."""
    return " ".join(text.split())


def done():
    print("1..%d" % len(_results))
    sys.exit(0 if all(_results) else 1)
