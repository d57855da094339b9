# tests/pop: a generated population checked against invariants
# (tests/pop/README.md).  Included by the main Makefile.
#     make pop                       POP_N profiles, one in POP_EVERY alone
#     make pop POP_N=100000 POP_SEED=7
# Sanitized builds (CFLAGS with -fsanitize) and wrapped runs (TEST_WRAP,
# valgrind) get smaller populations unless POP_N is given.
POP_SEED ?= 20251201
ifneq ($(findstring -fsanitize,$(CFLAGS)),)
POP_N ?= 3000
POP_EVERY ?= 25
else ifneq ($(strip $(TEST_WRAP)),)
POP_N ?= 200
POP_EVERY ?= 40
else
POP_N ?= 20000
POP_EVERY ?= 10
endif

$(BUILD)/pop/gen: tests/pop/gen.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ tests/pop/gen.c $(LDFLAGS)

$(BUILD)/pop/check: tests/pop/check.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ tests/pop/check.c $(DEP_LIBS) $(LDFLAGS)

pop: $(BUILD)/aisubsidy $(BUILD)/pop/gen $(BUILD)/pop/check
	@POP_SEED=$(POP_SEED) sh tests/pop/run.sh $(BUILD) $(POP_N) \
	    $(POP_EVERY) "$(TEST_WRAP)"

.PHONY: pop
