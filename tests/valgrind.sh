#!/bin/sh
# The binary under valgrind, for `make check VALGRIND='valgrind ...'`: the
# black-box tests run this in place of knotwise.  A memory error or leak
# exits 99, which no test takes for a knotwise status.
exec $KW_VALGRIND "$KNOTWISE_REAL" "$@"
