# aisubsidy: a hand-written Makefile (see README.md).
.SUFFIXES:

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
BUILD ?= build


CFLAGS ?= -O2 -g
# WERROR=-Werror (CI sets it) makes every warning, in every build of the
# tests and fuzz targets too, an error: a callback of the wrong type once
# got through as a warning in a fuzz target and read a struct as text.
WERROR ?=
STDFLAGS = -std=c11 -Wall -Wextra -Wpedantic -D_POSIX_C_SOURCE=200809L $(WERROR)
PKG_CONFIG ?= pkg-config
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcjson yaml-0.1 2>/dev/null)
DEP_LIBS := $(shell $(PKG_CONFIG) --libs libcjson yaml-0.1 2>/dev/null)
# tools/embed.c composes the built-in YAML documents at build time
YAML_CFLAGS := $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
YAML_LIBS := $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null)
# libunistring (display widths of the text table): Debian's libunistring-dev
# has no .pc file
UNISTRING_LIBS ?= -lunistring
# the parallel batch (src/par.c)
THREAD_LIBS ?= -pthread
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
ALL_CFLAGS = $(STDFLAGS) $(CFLAGS) -Iinclude -Isrc $(DEP_CFLAGS)

LIB_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/builtin.o
RULE_FILES := $(sort $(wildcard rules/*.yaml rules/tests/*.yaml)) \
	$(wildcard schema/*.json)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%) \
	$(BUILD)/tests/test_util_portable $(BUILD)/tests/test_sha256_portable

all: aisubsidy

$(BUILD)/%.o: src/%.c include/aisubsidy.h $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The built-in rules: rules/*.yaml and rules/tests/*.yaml compiled in.
$(BUILD)/embed: tools/embed.c src/sha256.c src/sha256.h src/builtin.h src/rules.h
	@mkdir -p $(@D)
	$(CC) $(STDFLAGS) $(CFLAGS) -Iinclude -Isrc $(YAML_CFLAGS) -o $@ tools/embed.c src/sha256.c $(YAML_LIBS)

$(BUILD)/builtin.c: $(BUILD)/embed $(RULE_FILES)
	$(BUILD)/embed $(RULE_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/builtin.o: $(BUILD)/builtin.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $(BUILD)/builtin.c

$(BUILD)/libaisubsidy.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BUILD)/aisubsidy: $(BUILD)/main.o $(BUILD)/libaisubsidy.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/main.o $(BUILD)/libaisubsidy.a $(DEP_LIBS) $(UNISTRING_LIBS) $(THREAD_LIBS)

aisubsidy: $(BUILD)/aisubsidy
	cp $(BUILD)/aisubsidy $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libaisubsidy.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(BUILD)/libaisubsidy.a $(DEP_LIBS) $(UNISTRING_LIBS) $(THREAD_LIBS) $(CMOCKA_LIBS) $(LDFLAGS)

# util.c again without SSE2, so that the portable JSON scanner is tested too
$(BUILD)/tests/test_util_portable: tests/unit/test_util.c src/util.c src/util.h \
    src/error.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -U__SSE2__ $(CMOCKA_CFLAGS) -o $@ tests/unit/test_util.c \
	    src/util.c src/error.c $(CMOCKA_LIBS) $(LDFLAGS)

# sha256.c again without the SHA extensions, so that the portable code is
# tested on a processor that has them
$(BUILD)/tests/test_sha256_portable: tests/unit/test_sha256.c src/sha256.c \
    src/sha256.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DAIS_SHA256_PORTABLE $(CMOCKA_CFLAGS) -o $@ \
	    tests/unit/test_sha256.c src/sha256.c $(CMOCKA_LIBS) $(LDFLAGS)

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $(TEST_WRAP) $$t; done

cli: $(BUILD)/aisubsidy
	@sh tests/cli/run.sh $(BUILD)/aisubsidy "$(TEST_WRAP)"
	@sh tests/cli/synopsis.sh $(BUILD)/aisubsidy
	@sh tests/cli/readme.sh $(BUILD)/aisubsidy
	@sh tests/cli/parallel.sh $(BUILD)/aisubsidy
	@bash tests/cli/completion.sh $(BUILD)/aisubsidy
	@sh tests/cli/manexamples.sh $(BUILD)/aisubsidy

# calc of one profile parses only the rule files it needs: its output
# against the same with every file parsed, for the examples and a
# generated population, with and without 100 generated jurisdictions
# (docs/performance.md)
selective: $(BUILD)/aisubsidy $(BUILD)/pop/gen
	@sh tests/selective/run.sh $(BUILD)

# The built-in rules, the same from the disk, and the rule sets of their
# own for periods, division and dated entries (tests/rules-dated), for
# the claims ledger (tests/rules-ledger) and for the terms of awards,
# entries_from and pools (tests/rules-terms); then rules check of the
# built-in rules (its warnings in $(BUILD)/rules-check.txt: they do not
# fail the build, docs/rule-tools.md).
ruletest: $(BUILD)/aisubsidy
	$(TEST_WRAP) $(BUILD)/aisubsidy test
	$(TEST_WRAP) $(BUILD)/aisubsidy test rules
	$(TEST_WRAP) $(BUILD)/aisubsidy test tests/rules-dated
	$(TEST_WRAP) $(BUILD)/aisubsidy test tests/rules-ledger
	$(TEST_WRAP) $(BUILD)/aisubsidy test tests/rules-terms
	$(TEST_WRAP) $(BUILD)/aisubsidy rules check --lang en > $(BUILD)/rules-check.txt
	@tail -1 $(BUILD)/rules-check.txt

# docs/programs.md (English) and docs/programs.zh.md (Chinese) are
# generated from the rules, docs/profile.md and docs/profile.zh.md from
# the profile contract (rules/profile.yaml), and none may drift.
GENERATED_DOCS = programs.md programs.zh.md profile.md profile.zh.md
programs-doc: $(BUILD)/aisubsidy
	@$(BUILD)/aisubsidy programs --lang en > $(BUILD)/programs.md
	@$(BUILD)/aisubsidy programs --lang zh > $(BUILD)/programs.zh.md
	@$(BUILD)/aisubsidy schema profile --format markdown --lang en > $(BUILD)/profile.md
	@$(BUILD)/aisubsidy schema profile --format markdown --lang zh > $(BUILD)/profile.zh.md
	@pass=0; fail=0; for f in $(GENERATED_DOCS); do \
	    if cmp -s $(BUILD)/$$f docs/$$f; then \
	        pass=$$((pass + 1)); \
	    else \
	        diff docs/$$f $(BUILD)/$$f | head -20; \
	        echo "docs/$$f differs from the rules: run make docs"; \
	        fail=$$((fail + 1)); \
	    fi; \
	done; \
	echo "generated docs ($(GENERATED_DOCS)): $$pass passed, $$fail failed"; \
	[ $$fail = 0 ]

docs: $(BUILD)/aisubsidy
	$(BUILD)/aisubsidy programs --lang en > docs/programs.md
	$(BUILD)/aisubsidy programs --lang zh > docs/programs.zh.md
	$(BUILD)/aisubsidy schema profile --format markdown --lang en > docs/profile.md
	$(BUILD)/aisubsidy schema profile --format markdown --lang zh > docs/profile.zh.md
	UPDATE=1 sh tests/cli/readme.sh $(BUILD)/aisubsidy

lint:
	@sh tests/lint.sh

# The JSON Schema of the result (schema/result.schema.json) against every
# document calc and pool write for the examples, the rule tests and
# tests/cli, and broken results it must reject (tests/schema/negative).
PYTHON ?= python3
schema-check: $(BUILD)/aisubsidy
	@$(PYTHON) tests/schema/validate.py --aisubsidy $(BUILD)/aisubsidy

# examples/embed.c uses the library through include/aisubsidy.h alone: no
# -Isrc.  Its output on an example profile must not drift.
$(BUILD)/embed-example: examples/embed.c include/aisubsidy.h $(BUILD)/libaisubsidy.a
	$(CC) $(STDFLAGS) $(CFLAGS) -Iinclude -o $@ examples/embed.c \
	    $(BUILD)/libaisubsidy.a $(DEP_LIBS) $(UNISTRING_LIBS) $(THREAD_LIBS) $(LDFLAGS)

embed: $(BUILD)/embed-example
	@$(TEST_WRAP) $(BUILD)/embed-example examples/sichuan-venture-fund.json \
	    > $(BUILD)/embed.out
	@if cmp -s $(BUILD)/embed.out examples/embed.out; then \
	    echo "embed: 1 passed, 0 failed"; \
	else \
	    diff examples/embed.out $(BUILD)/embed.out | head -20; \
	    echo "embed: the output of examples/embed.c changed"; exit 1; \
	fi

# Many threads evaluating against one rule set, under ThreadSanitizer.
THREAD_PROFILES = $(wildcard examples/*.json)
$(BUILD)/test_threads: tests/threads/test_threads.c include/aisubsidy.h $(BUILD)/libaisubsidy.a
	$(CC) $(STDFLAGS) $(CFLAGS) -Iinclude -o $@ tests/threads/test_threads.c \
	    $(BUILD)/libaisubsidy.a $(DEP_LIBS) $(UNISTRING_LIBS) $(THREAD_LIBS) -lpthread $(LDFLAGS)

# calc --batch --jobs 4 against --jobs 1 (ais_batch_run over src/par.c)
$(BUILD)/test_batch_jobs: tests/threads/test_batch_jobs.c $(BUILD)/libaisubsidy.a
	$(CC) $(ALL_CFLAGS) -o $@ tests/threads/test_batch_jobs.c \
	    $(BUILD)/libaisubsidy.a $(DEP_LIBS) $(UNISTRING_LIBS) $(THREAD_LIBS) $(LDFLAGS)

threads: $(BUILD)/test_threads $(BUILD)/test_batch_jobs
	$(TEST_WRAP) $(BUILD)/test_threads $(THREAD_PROFILES)
	$(TEST_WRAP) $(BUILD)/test_batch_jobs $(THREAD_PROFILES)

tsan:
	$(MAKE) BUILD=build-tsan CFLAGS="-O1 -g -fsanitize=thread" \
	    LDFLAGS="-fsanitize=thread" TSAN_OPTIONS="halt_on_error=1" threads

# The report page (tests/report): written from hand-written compare
# reports and by aisubsidy report from a generated population, opened in
# headless Chromium (REPORT_CHROMIUM, default chromium; tools/deps.sh
# installs it), every figure of its DOM compared with the JSON's.
$(BUILD)/report/render: tests/report/render.c $(BUILD)/libaisubsidy.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ tests/report/render.c $(BUILD)/libaisubsidy.a \
	    $(DEP_LIBS) $(UNISTRING_LIBS) $(LDFLAGS)

$(BUILD)/report/gen: bench/gen.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ bench/gen.c $(LDFLAGS)

report-check: $(BUILD)/aisubsidy $(BUILD)/report/render $(BUILD)/report/gen
	@sh tests/report/run.sh $(BUILD)/aisubsidy $(BUILD)/report/render \
	    $(BUILD)/report/gen "$(TEST_WRAP)"

# make oom has a build of its own (fault injection under ASan): the
# sanitizer and valgrind runs of check leave it out, it would be the same.
CHECK_OOM = oom
# the report page in headless Chromium: once, in the plain check (under
# the sanitizers and valgrind the browser's part would be the same; the
# page's code is in unit and cli there)
CHECK_REPORT = report-check
# make install into a scratch directory, and the installed rules used: once,
# in the plain check (install copies the top-level binary)
CHECK_INSTALL = install-check
# the CLI cases again on another day (libfaketime): a case whose expected
# output holds today's date fails here; once, in the plain check
CHECK_DAY = cli-another-day
check: lint unit cli ruletest programs-doc embed threads pop fuzz-regress \
	schema-check selective $(CHECK_REPORT) $(CHECK_OOM) $(CHECK_INSTALL) \
	$(CHECK_DAY)

cli-another-day: $(BUILD)/aisubsidy
	@echo "cli-another-day: the CLI cases as if it were 2031-02-28"
	@faketime '2031-02-28 12:00:00' sh tests/cli/run.sh $(BUILD)/aisubsidy ""

install-check: aisubsidy
	@sh tests/install.sh

# The tests again under AddressSanitizer and UndefinedBehaviorSanitizer,
# with the debug arena (every allocation its own malloc: src/util.h).
sanitize:
	$(MAKE) BUILD=build-san \
	    CFLAGS="-O1 -g -DAIS_DEBUG_ARENA -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" CHECK_OOM= CHECK_INSTALL= \
	    CHECK_REPORT= CHECK_DAY= check

# Every allocation of the entry points failed in turn (tests/oom), in a
# build of its own with fault injection, the sanitizers and the debug
# arena: each attempt succeeds with the bytes of a clean run or fails with
# AIS_ENOMEM, and LeakSanitizer sees nothing left.
OOM_CFLAGS = -O1 -g -DAIS_FAULT_INJECTION -DAIS_DEBUG_ARENA \
	-fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
oom:
	$(MAKE) BUILD=build-oom CFLAGS="$(OOM_CFLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" oom-run

oom-run: $(BUILD)/tests/oom/test_oom
	$(BUILD)/tests/oom/test_oom

$(BUILD)/tests/oom/test_oom: tests/oom/test_oom.c $(BUILD)/libaisubsidy.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ tests/oom/test_oom.c $(BUILD)/libaisubsidy.a \
	    $(DEP_LIBS) $(UNISTRING_LIBS) $(THREAD_LIBS) $(LDFLAGS)

# The tests again under valgrind's memcheck (a build without sanitizers,
# with the debug arena).
valgrind:
	$(MAKE) BUILD=build-vg CFLAGS="-O0 -g -DAIS_DEBUG_ARENA" \
	    TEST_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect" \
	    CHECK_OOM= CHECK_INSTALL= CHECK_REPORT= CHECK_DAY= check

# Throughput against a cJSON baseline, memory and start-up time
# (docs/performance.md).  BENCH_N profiles, 200000 by default.
BENCH_N = 200000
bench: $(BUILD)/aisubsidy
	sh bench/bench.sh $(BUILD)/aisubsidy $(BENCH_N)

# The binary and its man page, and beside them what an installed user
# copies and changes: the rules (with their profile contract), their
# tests, the JSON Schema of the result and the docs.
DATADIR ?= $(PREFIX)/share/aisubsidy
DOCDIR ?= $(PREFIX)/share/doc/aisubsidy
# the shell completions where bash-completion and zsh look for them
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
install: aisubsidy
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(DATADIR)/rules/tests $(DESTDIR)$(DATADIR)/schema \
	    $(DESTDIR)$(DOCDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	cp aisubsidy $(DESTDIR)$(BINDIR)/aisubsidy
	cp aisubsidy.1 $(DESTDIR)$(MANDIR)/man1/aisubsidy.1
	cp rules/*.yaml $(DESTDIR)$(DATADIR)/rules/
	cp rules/tests/*.yaml $(DESTDIR)$(DATADIR)/rules/tests/
	cp schema/*.json $(DESTDIR)$(DATADIR)/schema/
	cp README.md docs/*.md docs/*.png $(DESTDIR)$(DOCDIR)/
	cp completions/aisubsidy.bash $(DESTDIR)$(BASHCOMPDIR)/aisubsidy
	cp completions/_aisubsidy $(DESTDIR)$(ZSHCOMPDIR)/_aisubsidy

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/aisubsidy $(DESTDIR)$(MANDIR)/man1/aisubsidy.1
	rm -f $(DESTDIR)$(BASHCOMPDIR)/aisubsidy $(DESTDIR)$(ZSHCOMPDIR)/_aisubsidy
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

# The Debian packages the build and the tests need (sudo when not root).
deps:
	sh tools/deps.sh

clean:
	rm -rf build build-san build-vg build-bench build-tsan build-oom aisubsidy

# Generated populations (tests/pop) and fuzz targets (tests/fuzz).
-include tests/pop/pop.mk
-include tests/fuzz/fuzz.mk

.PHONY: all lint report-check cli-another-day embed threads tsan unit cli selective ruletest programs-doc schema-check docs check bench sanitize oom oom-run valgrind install uninstall deps clean
