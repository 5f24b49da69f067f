#!/bin/sh
# Our own black-box cases (tests/cases), rule set + answers -> result.
exec "${PYTHON3:-python3}" "$TOP_SRCDIR/tests/casetest.py" "$KNOTWISE" "$TOP_SRCDIR/tests/cases"
