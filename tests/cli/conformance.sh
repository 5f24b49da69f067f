#!/bin/sh
# The shared conformance suite and vignettes, run by their own runner when
# ../shared is beside the source tree (it is not inside a release tarball:
# then this skips).  The runner's lines become TAP.
shared=$TOP_SRCDIR/../shared/conformance
if [ ! -x "$shared/run" ]; then
	echo "1..0 # SKIP no shared conformance suite at $shared"
	exit 0
fi
unset XDG_CACHE_HOME     # each case's cache is then in its own HOME
"${PYTHON3:-python3}" "$shared/run" --bin "$KNOTWISE" "$shared/cases" "$shared/cases-next/clinical" \
	"$shared/cases-next/traps" "$shared/cases-next/consult" "$shared/cases-next/journal" \
	"$shared/vignettes" |
awk '/^ok / { n++; print "ok " n " - " $2; next }
     /^FAIL / { n++; print "not ok " n " - " substr($0, 6); next }
     { print "# " $0 }
     END { print "1.." n }'
