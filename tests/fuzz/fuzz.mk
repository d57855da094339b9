# tests/fuzz/fuzz.mk: the libFuzzer targets (tests/fuzz/README.md).
# Included by the Makefile; uses its variables and its rules for the
# library, run again with BUILD=$(FUZZ_BUILD) and clang.
#
#   make fuzz-build        the fuzz targets, in $(FUZZ_BUILD)/ (clang)
#   make fuzz              each target for FUZZ_SECONDS (60) on its corpus
#   make fuzz-smoke        each for FUZZ_SMOKE_SECONDS (10), then the
#                          regression inputs (for CI)
#   make fuzz-regress      tests/fuzz/regress/* and tests/fuzz/seeds/*
#                          replayed through $(BUILD) with any compiler
#                          (no libFuzzer): for make check / make sanitize
#   make fuzz-cov          line counts of the engine over the corpus
#                          (clang source-based coverage)

FUZZ_BUILD ?= build-fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_FLAGS ?=
FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer -DAIS_DEBUG_ARENA
FUZZ_LDFLAGS = -fsanitize=fuzzer,address,undefined
FUZZ_COV_BUILD ?= build-fuzz-cov
LLVM_PROFDATA ?= llvm-profdata-14
LLVM_COV ?= llvm-cov-14

FUZZ_TARGETS := fuzz_profile fuzz_rules fuzz_expr fuzz_ruletest \
	$(if $(wildcard src/batch.h),fuzz_batch) \
	$(if $(wildcard src/text.h),fuzz_text) \
	$(if $(wildcard src/whatif.h),fuzz_whatif) \
	$(if $(wildcard src/reform.h),fuzz_reform) \
	$(if $(wildcard src/report.h),fuzz_report)
FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%)
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
FUZZ_EXAMPLES := $(sort $(wildcard examples/*.json tests/fuzz/seeds/fuzz_profile/*))

# the dictionary of each target
FUZZ_DICT_fuzz_profile = tests/fuzz/json.dict
FUZZ_DICT_fuzz_batch = tests/fuzz/json.dict
FUZZ_DICT_fuzz_text = tests/fuzz/json.dict
FUZZ_DICT_fuzz_whatif = tests/fuzz/json.dict
FUZZ_DICT_fuzz_rules = tests/fuzz/yaml.dict
FUZZ_DICT_fuzz_ruletest = tests/fuzz/yaml.dict
FUZZ_DICT_fuzz_reform = tests/fuzz/yaml.dict
FUZZ_DICT_fuzz_report = tests/fuzz/json.dict
FUZZ_DICT_fuzz_expr = tests/fuzz/expr.dict

# The example profiles fuzz_rules evaluates, compiled in.
$(BUILD)/fuzz/examples.c: $(BUILD)/embed $(FUZZ_EXAMPLES)
	@mkdir -p $(@D)
	$(BUILD)/embed $(FUZZ_EXAMPLES) | sed -e 's/ais_builtin_files/fuzz_example_files/g' -e 's/ais_builtin_nfiles/fuzz_example_nfiles/g' -e 's/ais_builtin_digest/fuzz_example_digest/g' > $@.tmp
	mv $@.tmp $@

$(BUILD)/fuzz/examples.o: $(BUILD)/fuzz/examples.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The fuzz targets: only with BUILD=$(FUZZ_BUILD), as fuzz-build runs.
$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h \
    $(FUZZ_BUILD)/fuzz/examples.o $(FUZZ_BUILD)/libaisubsidy.a
	$(CC) $(ALL_CFLAGS) $(FUZZ_LDFLAGS) -o $@ $< \
	    $(FUZZ_BUILD)/fuzz/examples.o $(FUZZ_BUILD)/libaisubsidy.a $(DEP_LIBS) $(UNISTRING_LIBS)

# The same targets with a main() that replays files (tests/fuzz/replay.c).
$(BUILD)/fuzz/replay_%: tests/fuzz/%.c tests/fuzz/fuzz_common.h \
    tests/fuzz/replay.c $(BUILD)/fuzz/examples.o $(BUILD)/libaisubsidy.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay.c \
	    $(BUILD)/fuzz/examples.o $(BUILD)/libaisubsidy.a $(DEP_LIBS) $(UNISTRING_LIBS) $(LDFLAGS)

fuzz-bins: $(FUZZ_BINS)
fuzz-replay-bins: $(FUZZ_REPLAY)

fuzz-build:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) CFLAGS="$(FUZZ_CFLAGS)" \
	    LDFLAGS="$(FUZZ_LDFLAGS)" fuzz-bins

# The seed corpora, from the tests, the examples and the rules.
fuzz-seeds:
	sh tests/fuzz/seeds.sh $(FUZZ_BUILD)/corpus

# One target for SECONDS: new inputs go to $(FUZZ_BUILD)/corpus/TARGET,
# crashes to $(FUZZ_BUILD)/artifacts/.
define fuzz_run
	@mkdir -p $(FUZZ_BUILD)/corpus/$(1) $(FUZZ_BUILD)/artifacts
	@echo "== $(1) for $(2) s"
	$(FUZZ_BUILD)/$(1) -max_total_time=$(2) -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -dict=$(FUZZ_DICT_$(1)) \
	    -artifact_prefix=$(FUZZ_BUILD)/artifacts/$(1)- $(FUZZ_FLAGS) \
	    $(FUZZ_BUILD)/corpus/$(1) $(wildcard tests/fuzz/seeds/$(1))

endef

# The regression inputs of tests/fuzz/regress, run once each.
define fuzz_regress_run
	$(if $(wildcard tests/fuzz/regress/$(1)-*),$(FUZZ_BUILD)/$(1) \
	    -runs=1 $(wildcard tests/fuzz/regress/$(1)-*))

endef

fuzz: fuzz-build fuzz-seeds
	$(foreach t,$(FUZZ_TARGETS),$(call fuzz_run,$(t),$(FUZZ_SECONDS)))

fuzz-smoke: fuzz-build fuzz-seeds
	$(foreach t,$(FUZZ_TARGETS),$(call fuzz_regress_run,$(t)))
	$(foreach t,$(FUZZ_TARGETS),$(call fuzz_run,$(t),$(FUZZ_SMOKE_SECONDS)))

# Replays the regression inputs and the committed seeds through the
# library of $(BUILD) (the plain build, or build-san under make sanitize
# when this target is part of check), with no libFuzzer.
fuzz-regress: $(FUZZ_REPLAY)
	@set -e; for t in $(FUZZ_TARGETS); do \
	    set -- $$(ls -d tests/fuzz/regress/$$t-* tests/fuzz/seeds/$$t \
	        2>/dev/null); \
	    [ $$# -gt 0 ] || continue; \
	    $(TEST_WRAP) $(BUILD)/fuzz/replay_$$t -q "$$@"; \
	done

# Source-based coverage of the corpus (and seeds and regressions), for
# the functions FUZZ_COV_FUNCS, in $(FUZZ_COV_BUILD)/.
FUZZ_COV_FUNCS ?= resolve_same_project finish_item
fuzz-cov:
	LLVM_PROFILE_FILE=$(FUZZ_COV_BUILD)/build.profraw \
	    $(MAKE) BUILD=$(FUZZ_COV_BUILD) CC=clang \
	    CFLAGS="-O0 -g -fprofile-instr-generate -fcoverage-mapping" \
	    LDFLAGS="-fprofile-instr-generate" fuzz-replay-bins
	@set -e; rm -f $(FUZZ_COV_BUILD)/*.profraw; for t in $(FUZZ_TARGETS); do \
	    LLVM_PROFILE_FILE=$(FUZZ_COV_BUILD)/$$t.profraw \
	    $(FUZZ_COV_BUILD)/fuzz/replay_$$t -q $$(ls -d $(FUZZ_BUILD)/corpus/$$t \
	        tests/fuzz/seeds/$$t tests/fuzz/regress/$$t-* 2>/dev/null) \
	        || echo "$$t: the replay failed (a crash input?)"; \
	done
	$(LLVM_PROFDATA) merge -o $(FUZZ_COV_BUILD)/fuzz.profdata \
	    $(FUZZ_COV_BUILD)/*.profraw
	$(LLVM_COV) report $(FUZZ_COV_BUILD)/fuzz/replay_fuzz_profile \
	    -instr-profile=$(FUZZ_COV_BUILD)/fuzz.profdata \
	    $(foreach t,$(filter-out fuzz_profile,$(FUZZ_TARGETS)),-object $(FUZZ_COV_BUILD)/fuzz/replay_$(t)) \
	    src/*.c
	$(LLVM_COV) show $(FUZZ_COV_BUILD)/fuzz/replay_fuzz_profile \
	    -instr-profile=$(FUZZ_COV_BUILD)/fuzz.profdata \
	    $(foreach f,$(FUZZ_COV_FUNCS),-name=$(f)) src/engine.c

fuzz-clean:
	rm -rf $(FUZZ_BUILD) $(FUZZ_COV_BUILD)

.PHONY: fuzz fuzz-build fuzz-bins fuzz-replay-bins fuzz-seeds fuzz-smoke \
	fuzz-regress fuzz-cov fuzz-clean
