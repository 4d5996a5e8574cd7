# stampede: make run, make test, make bench, make install.
# SAN=1 builds with AddressSanitizer and UndefinedBehaviorSanitizer.
# make check-report opens a report.html in headless Chromium.
# make fuzz runs the scenario loader under libFuzzer; make memcheck runs
# stampede under valgrind.

PREFIX ?= /usr/local
DESTDIR ?=
DATADIR = $(PREFIX)/share/stampede
MANDIR = $(PREFIX)/share/man/man1
CC ?= cc
BUILD := build$(if $(SAN),-san)
SCENARIO ?= scenarios/herd.yaml

PKGS := gsl libcyaml yaml-0.1
WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wformat=2 -Werror
# Link-time optimisation lets the engine's small calls into the model and
# the probe be inlined across files: 8 % less time at 10^5 clients.
CFLAGS ?= -O2 -g $(if $(SAN),,-flto=auto)
ifdef SAN
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined
endif
# HAVE_INLINE: GSL's documented switch for its inline gsl_rng_uniform
# and friends, which then skip a call into the library at every draw.
# Recursive (=) so that pkg-config runs after `deps` has installed it.
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DHAVE_INLINE $(WARN) $(CFLAGS) \
             $(SANFLAGS) \
             $(shell pkg-config --cflags $(PKGS)) -MMD -MP
LIBS = $(shell pkg-config --libs $(PKGS)) -lpthread -lm
TEST_LIBS = $(shell pkg-config --libs cunit)

SRC := $(wildcard sim/*.c sim/*/*.c)
LIB_SRC := $(filter-out sim/main.c,$(SRC))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/*.c)
BENCH_OBJ := $(BUILD)/tests/bench/bare_loop.o
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)

.PHONY: all run test bench deps format clean install check-e2e \
        check-report fuzz memcheck FORCE

all: deps
	@$(MAKE) --no-print-directory $(BUILD)/stampede

deps:
	@scripts/install-deps.sh

$(BUILD)/stampede: $(BUILD)/sim/main.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/run_tests: $(TEST_OBJ) $(LIB_OBJ)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(TEST_LIBS) $(LIBS)

$(BUILD)/bench/bare_loop: $(BENCH_OBJ) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The plot module also looks for its gnuplot scripts where `make install`
# puts them; it is rebuilt when PREFIX changes.
$(BUILD)/sim/out/plot.o: ALL_CFLAGS += -DSTAMPEDE_DATADIR='"$(DATADIR)"'
$(BUILD)/sim/out/plot.o: $(BUILD)/datadir
$(BUILD)/datadir: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@

run: all
	$(BUILD)/stampede run $(SCENARIO)

test: deps
	@$(MAKE) --no-print-directory $(BUILD)/stampede $(BUILD)/tests/run_tests
	$(BUILD)/tests/run_tests
	tests/run_cli.sh $(BUILD)/stampede
	tests/install.sh $(MAKE) $(if $(SAN),SAN=1)

bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/stampede $(BUILD)/bench/bare_loop
	scripts/bench.sh $(BUILD)/stampede $(BUILD)/bench/bare_loop

format:
	clang-format -i $(SRC) $(wildcard sim/*.h sim/*/*.h) $(TEST_SRC)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/plots \
	    $(DESTDIR)$(MANDIR)
	install -m 755 $(BUILD)/stampede $(DESTDIR)$(PREFIX)/bin/stampede
	install -m 644 scripts/plots/*.gp $(DESTDIR)$(DATADIR)/plots/
	install -m 644 doc/stampede.1 $(DESTDIR)$(MANDIR)/stampede.1

# REPORT=path/to/report.html checks that one; by default a fresh run of
# SCENARIO. The screenshot goes to $(BUILD)/report.png.
REPORT ?=
check-report: all
	@scripts/install-deps.sh chromium
	$(if $(REPORT),,$(BUILD)/stampede run $(SCENARIO) -q \
	    -o $(BUILD)/check-report >/dev/null)
	scripts/check-report.sh \
	    $(or $(REPORT),$(BUILD)/check-report/report.html) \
	    $(BUILD)/report.png

# stampede under valgrind's memcheck; tests/memcheck.sh says what runs.
# Valgrind cannot run a sanitizer build, so this is the plain one.
memcheck:
	@test -z "$(SAN)" || { echo "make memcheck: not with SAN=1" >&2; \
	    exit 2; }
	@$(MAKE) --no-print-directory all
	@scripts/install-deps.sh valgrind
	tests/memcheck.sh build/stampede build/memcheck

# The scenario loader and --set under libFuzzer, with clang's address
# and undefined-behaviour sanitizers, for FUZZ_TIME seconds on one core
# (tests/fuzz/fuzz_scenario.c says how an input is laid out). New inputs
# gather in build/fuzz/corpus, from run to run; crashes, leaks and hangs
# go to build/fuzz/crashes/ and fail the target. FUZZ_FLAGS adds
# libFuzzer options.
FUZZ_TIME ?= 60
FUZZ_FLAGS ?=
FUZZ_CC ?= clang
FUZZ := build/fuzz
FUZZ_SAN := -fsanitize=fuzzer,address,undefined \
            -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -O1 -g $(FUZZ_SAN) \
              $(shell pkg-config --cflags $(PKGS)) -MMD -MP
FUZZ_OBJ := $(LIB_SRC:%.c=$(FUZZ)/%.o) $(FUZZ)/tests/fuzz/fuzz_scenario.o

fuzz: deps
	@scripts/install-deps.sh clang libclang-rt-dev
	@$(MAKE) --no-print-directory $(FUZZ)/fuzz_scenario
	tests/fuzz/prepare.sh $(FUZZ)
	@mkdir -p $(FUZZ)/corpus $(FUZZ)/crashes
	$(FUZZ)/fuzz_scenario -max_total_time=$(FUZZ_TIME) -timeout=10 \
	    -max_len=65536 -dict=$(FUZZ)/scenario.dict \
	    -artifact_prefix=$(FUZZ)/crashes/ $(FUZZ_FLAGS) \
	    $(FUZZ)/corpus $(FUZZ)/seeds

$(FUZZ)/fuzz_scenario: $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_SAN) -o $@ $^ $(LIBS)

$(FUZZ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

clean:
	rm -rf build build-san

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BENCH_OBJ:.o=.d) \
    $(BUILD)/sim/main.d $(FUZZ_OBJ:.o=.d)
