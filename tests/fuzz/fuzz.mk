# libFuzzer targets for the engine (see tests/fuzz/README.md).
#
#   make fuzz         build tests/fuzz/fuzz_{load,expr,answers,consult,batch,session,
#                     journal} with clang
#   make fuzz-run     run each for $(FUZZ_SECONDS) s on a copy of its seed corpus
#   make fuzz-regress run each on its reproducers in tests/fuzz/regressions/
#   make fuzz-seed    regenerate the gen-* seeds of tests/fuzz/corpus/ from
#                     rules/, tests/fixtures/ and tests/cases/
#
# Only these targets need clang: a plain `make`, `make check` and
# `make distcheck` never touch them.  The engine sources are compiled
# straight into each target with clang's sanitizers and coverage; the
# gcc-built libknotwise.a is not used.

FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_CPPFLAGS = -I$(top_srcdir)/include -I$(top_srcdir)/src/lib -I$(top_builddir) \
	-DKW_FUZZ_RULES='"$(abs_top_srcdir)/rules"' \
	$(INIH_CFLAGS) $(PCRE2_CFLAGS)
FUZZ_LIBS = $(INIH_LIBS) $(PCRE2_LIBS) -lm
FUZZ_RUN_FLAGS = -max_len=65536 -timeout=10 -rss_limit_mb=2048
FUZZ_NAMES = load expr answers consult batch session journal
FUZZ_COMMON = $(srcdir)/tests/fuzz/fuzz_common.c $(srcdir)/tests/fuzz/fuzz_common.h
FUZZ_TARGETS = tests/fuzz/fuzz_load tests/fuzz/fuzz_expr \
	tests/fuzz/fuzz_answers tests/fuzz/fuzz_consult tests/fuzz/fuzz_batch \
	tests/fuzz/fuzz_session tests/fuzz/fuzz_journal

EXTRA_DIST += tests/fuzz/README.md tests/fuzz/fuzz_load.c tests/fuzz/fuzz_common.c \
	tests/fuzz/fuzz_common.h \
	tests/fuzz/fuzz_expr.c tests/fuzz/fuzz_answers.c \
	tests/fuzz/fuzz_consult.c tests/fuzz/fuzz_batch.c tests/fuzz/fuzz_session.c \
	tests/fuzz/fuzz_journal.c \
	tests/fuzz/corpus tests/fuzz/regressions

# The .c files of the engine library, with the source directory in front.
fuzz_engine_sources = for f in $(libknotwise_a_SOURCES); do \
	case $$f in *.c) printf '%s ' "$(srcdir)/$$f";; esac; done

fuzz_need_cc = command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
	echo "fuzz: '$(FUZZ_CC)' not found: install clang and libclang-rt-14-dev," \
	     "or set FUZZ_CC" >&2; exit 1; }

fuzz_link = $(fuzz_need_cc); $(MKDIR_P) tests/fuzz && \
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) `$(fuzz_engine_sources)` \
	$(srcdir)/tests/fuzz/fuzz_common.c

fuzz: $(FUZZ_TARGETS)

tests/fuzz/fuzz_load: $(srcdir)/tests/fuzz/fuzz_load.c $(FUZZ_COMMON) $(libknotwise_a_SOURCES) config.h
	$(AM_V_GEN)$(fuzz_link) $(srcdir)/tests/fuzz/fuzz_load.c $(FUZZ_LIBS) -o $@
tests/fuzz/fuzz_expr: $(srcdir)/tests/fuzz/fuzz_expr.c $(FUZZ_COMMON) $(libknotwise_a_SOURCES) config.h
	$(AM_V_GEN)$(fuzz_link) $(srcdir)/tests/fuzz/fuzz_expr.c $(FUZZ_LIBS) -o $@
tests/fuzz/fuzz_answers: $(srcdir)/tests/fuzz/fuzz_answers.c $(FUZZ_COMMON) $(libknotwise_a_SOURCES) config.h
	$(AM_V_GEN)$(fuzz_link) $(srcdir)/tests/fuzz/fuzz_answers.c $(FUZZ_LIBS) -o $@
tests/fuzz/fuzz_consult: $(srcdir)/tests/fuzz/fuzz_consult.c $(FUZZ_COMMON) $(libknotwise_a_SOURCES) config.h
	$(AM_V_GEN)$(fuzz_link) $(srcdir)/tests/fuzz/fuzz_consult.c $(FUZZ_LIBS) -o $@
tests/fuzz/fuzz_batch: $(srcdir)/tests/fuzz/fuzz_batch.c $(FUZZ_COMMON) $(libknotwise_a_SOURCES) config.h
	$(AM_V_GEN)$(fuzz_link) $(srcdir)/tests/fuzz/fuzz_batch.c $(FUZZ_LIBS) -o $@
tests/fuzz/fuzz_session: $(srcdir)/tests/fuzz/fuzz_session.c $(FUZZ_COMMON) $(libknotwise_a_SOURCES) config.h
	$(AM_V_GEN)$(fuzz_link) $(srcdir)/tests/fuzz/fuzz_session.c $(FUZZ_LIBS) -o $@
tests/fuzz/fuzz_journal: $(srcdir)/tests/fuzz/fuzz_journal.c $(FUZZ_COMMON) $(libknotwise_a_SOURCES) config.h
	$(AM_V_GEN)$(fuzz_link) $(srcdir)/tests/fuzz/fuzz_journal.c $(FUZZ_LIBS) -o $@

# Each target fuzzes a scratch copy of its corpus, so the seeds in the tree
# stay as committed.  A crash, leak, timeout or out-of-memory stops the
# target; the reproducer is tests/fuzz/artifacts/NAME-KIND-SHA1 and the
# log tests/fuzz/fuzz_NAME.log.
fuzz-run: fuzz
	@fail=0; $(MKDIR_P) tests/fuzz/artifacts; \
	for name in $(FUZZ_NAMES); do \
	  work=`mktemp -d "$${TMPDIR:-/tmp}/kw-fuzz-$$name.XXXXXX"` || exit 1; \
	  cp $(srcdir)/tests/fuzz/corpus/$$name/* "$$work"/ || exit 1; \
	  echo "fuzz-run: $$name for $(FUZZ_SECONDS) s"; \
	  if tests/fuzz/fuzz_$$name $(FUZZ_RUN_FLAGS) \
	       -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	       -artifact_prefix=tests/fuzz/artifacts/$$name- "$$work" \
	       >tests/fuzz/fuzz_$$name.log 2>&1; then \
	    grep '^Done' tests/fuzz/fuzz_$$name.log; \
	  else \
	    tail -n 40 tests/fuzz/fuzz_$$name.log; \
	    echo "fuzz-run: $$name FAILED (see tests/fuzz/fuzz_$$name.log;" \
	         "reproducer in tests/fuzz/artifacts/)" >&2; \
	    fail=1; \
	  fi; \
	  rm -rf "$$work"; \
	done; exit $$fail

# Reproducers are named TARGET-WHAT (e.g. consult-leak-...); each must now
# run clean.
fuzz-regress: fuzz
	@fail=0; \
	for name in $(FUZZ_NAMES); do \
	  for f in $(srcdir)/tests/fuzz/regressions/$$name-*; do \
	    test -f "$$f" || continue; \
	    if tests/fuzz/fuzz_$$name $(FUZZ_RUN_FLAGS) "$$f" \
	         >tests/fuzz/regress.log 2>&1; then \
	      echo "PASS: $$f"; \
	    else \
	      tail -n 30 tests/fuzz/regress.log; echo "FAIL: $$f" >&2; fail=1; \
	    fi; \
	  done; \
	done; exit $$fail

# Seeds: rule files for load; `if`/`ask_if` values for expr; the answers of
# the test cases (as lines and as JSON) for answers; small self-contained
# rule sets, a NUL byte and matching answers for consult.  Only gen-* files
# are rewritten; the hand-* seeds are kept as committed.
fuzz-seed:
	@c=$(srcdir)/tests/fuzz/corpus; \
	for name in $(FUZZ_NAMES); do \
	  $(MKDIR_P) $$c/$$name && rm -f $$c/$$name/gen-*; \
	done; \
	for f in $(srcdir)/rules/*.ini; do \
	  cp "$$f" $$c/load/gen-rules-`basename "$$f"`; \
	done; \
	for f in $(srcdir)/tests/fixtures/*/*.ini; do \
	  d=`dirname "$$f"`; \
	  cp "$$f" $$c/load/gen-fixture-`basename "$$d"`-`basename "$$f"`; \
	done; \
	r=$(srcdir)/rules; \
	for combo in core: startback:80-start-back escalation:90-escalation; do \
	  name=$${combo%%:*}; extra=$${combo#*:}; out=$$c/load/gen-combo-$$name.ini; \
	  for n in 00-settings 05-where 10-red-flags 30-symptoms $$extra; do \
	    test -n "$$n" && grep -v '^[#;]' $$r/$$n.ini; \
	  done | cat -s >$$out; \
	done; \
	cat $(srcdir)/rules/*.ini $(srcdir)/tests/fixtures/*/*.ini | \
	  grep -E '^(if|ask_if)[ 	]*=' | sed 's/^[a-z_]*[ 	]*=[ 	]*//' | \
	  LC_ALL=C sort -u | $(AWK) -v dir=$$c/expr \
	    'NR % 7 == 1 { f = sprintf("%s/gen-expr-%03d", dir, NR); \
	                   printf "%s", $$0 > f; close(f) }'; \
	$(AWK) -v dir=$$c/answers ' \
	  FNR == 1 { n++; keep = 0; json = (n % 6 == 3); \
	             lines = (n % 6 == 0); sep = "" } \
	  /^=== / { if (keep && json) { printf "\n}\n" > f; close(f) } \
	            else if (keep) close(f); \
	            keep = ($$0 == "=== file: answers") && (json || lines); \
	            if (keep) { f = sprintf("%s/gen-%s-%03d", dir, \
	                          json ? "json" : "lines", n); \
	                        if (json) printf "{" > f } \
	            next } \
	  !keep { next } \
	  !json { print > f; next } \
	  { eq = index($$0, "="); id = substr($$0, 1, eq - 1); \
	    v = substr($$0, eq + 1); gsub(/^ +| +$$/, "", id); \
	    gsub(/^ +| +$$/, "", v); \
	    if (v ~ /,/) { k = split(v, parts, / *, */); v = "["; \
	      for (i = 1; i <= k; i++) v = v (i > 1 ? ", " : "") "\"" parts[i] "\""; \
	      v = v "]" } \
	    else if (v !~ /^-?[0-9]+(\.[0-9]+)?$$/) v = "\"" v "\""; \
	    printf "%s\n  \"%s\": %s", sep, id, v > f; sep = "," } \
	  END { if (keep && json) printf "\n}\n" > f; close(f) }' \
	  $(srcdir)/tests/cases/rules/*.case; \
	for combo in core startback escalation; do \
	  rules=$$c/load/gen-combo-$$combo.ini; i=0; \
	  for a in `ls $$c/answers/gen-lines-* | head -n 4`; do \
	    i=`expr $$i + 1`; out=$$c/consult/gen-$$combo-$$i; \
	    { cat $$rules; printf '\0'; \
	      $(AWK) 'FNR == NR { if (match($$0, /^\[question [a-z0-9_]+\]/)) \
	                            ids[substr($$0, 11, RLENGTH - 11)] = 1; next } \
	              { id = $$1; if (id in ids) print }' $$rules "$$a"; \
	    } >$$out; \
	  done; \
	done; \
	for name in $(FUZZ_NAMES); do \
	  echo "fuzz-seed: $$name: `ls $$c/$$name | wc -l` seeds"; \
	done

CLEANFILES = $(FUZZ_TARGETS) tests/fuzz/fuzz_load.log \
	tests/fuzz/fuzz_expr.log tests/fuzz/fuzz_answers.log \
	tests/fuzz/fuzz_consult.log tests/fuzz/fuzz_batch.log tests/fuzz/fuzz_journal.log \
	tests/fuzz/fuzz_session.log \
	tests/fuzz/regress.log

.PHONY: fuzz fuzz-run fuzz-regress fuzz-seed
