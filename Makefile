# vitte-pgo - plain GNU make with pkg-config.
#
#   make            build build/vitte-pgo
#   make demo       install missing packages, build, browse the bundled example
#   make check      install missing packages, run every test (plain and ASan/UBSan)
#   make asan       ASan+UBSan build (with clang) in build-asan/ and its tests
#   make debug      -O0 build in build-debug/
#   make coverage   tests with gcov in build-cov/, then a per-file summary
#   make format     clang-format the tree (make format-check: only check)
#   make golden     rewrite the browser's kept screens (tests/e2e/golden/)
#   make fuzz       libFuzzer on the loaders (JSON and vitprof-bin), on
#                   merge/diff/curate and on the browser's key scripts
#                   (FUZZ_TIME=60 seconds each)
#   make install    PREFIX=/usr/local DESTDIR= (binaries, man pages, docs, libvitprof)
#   make deps       apt-get the Debian packages that are missing
#   V=1             show the commands

BUILD    ?= build
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DOCDIR   ?= $(PREFIX)/share/doc/vitte-pgo
CC       ?= cc
PKG_CONFIG ?= pkg-config
WERROR   ?= 0

DEPS_PKGS = libncurses-dev libcjson-dev libdw-dev libcmocka-dev pkg-config tmux clang clang-format \
	    llvm lld

OPT      ?= -O2
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
	    -Wcast-qual -Wwrite-strings -Wpointer-arith -Wundef -Wvla
ifeq ($(WERROR),1)
WARN     += -Werror
endif
CFLAGS   ?= $(OPT) -g
ALL_CFLAGS = -std=gnu11 $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) -I. -MMD -MP
LDFLAGS  ?=
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

CJSON_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcjson 2>/dev/null)
CJSON_LIBS   := $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null || echo -lcjson)
CURSES_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
CURSES_LIBS  := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS  := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

ifeq ($(V),1)
Q =
msg = @true
else
Q = @
msg = @printf '  %-6s %s\n'
endif

# The folders are layers, lowest first; tests/layers.sh holds the order and
# `make layers` checks that no file includes a layer above its own.
#
# The library: base helpers, the model, readers and writers, analyses -
# everything but main()s, the collector and curses.
LIB_SRCS = $(wildcard src/base/*.c src/model/*.c src/writers/*.c loaders/*.c analysis/*.c)
CLI_SRCS = $(wildcard src/cli/*.c) $(REC_SRCS)
# vitte-pgo record: the sampler, and the libdw symbolizer it shares with libvitprof
REC_SRCS = $(wildcard src/collect/*.c)
# the browser: its own objects, the CLI helpers and the library
UI_SRCS  = src/cli/cli.c $(wildcard ui/*.c)
TEST_SRCS = $(wildcard tests/test_*.c)

LIB_OBJS  = $(LIB_SRCS:%.c=$(BUILD)/%.o)
CLI_OBJS  = $(CLI_SRCS:%.c=$(BUILD)/%.o)
UI_OBJS   = $(UI_SRCS:%.c=$(BUILD)/%.o)
TEST_BINS = $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
LIB       = $(BUILD)/libvitte.a
BINS      = $(BUILD)/vitte-pgo $(BUILD)/vitte-pgo-tui

.PHONY: all demo check test layers format-check golden asan debug coverage fuzz bench install deps clean format screenshots
.DEFAULT_GOAL := all
.SECONDARY:

all: $(BINS)

$(BUILD)/loaders/%.o: loaders/%.c
	$(msg) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(CJSON_CFLAGS) -c -o $@ $<

$(BUILD)/ui/%.o: ui/%.c
	$(msg) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(CURSES_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	$(msg) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) $(EXTRA_TEST_CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/%.o: %.c
	$(msg) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	$(msg) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/vitte-pgo: $(CLI_OBJS) $(LIB)
	$(msg) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJS) $(LIB) $(CJSON_LIBS) $(DW_LIBS) -lm $(ALL_LDFLAGS)

$(BUILD)/vitte-pgo-tui: $(UI_OBJS) $(LIB)
	$(msg) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(UI_OBJS) $(LIB) $(CJSON_LIBS) $(CURSES_LIBS) -lm $(ALL_LDFLAGS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB)
	$(msg) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(CJSON_LIBS) $(CMOCKA_LIBS) -lm $(ALL_LDFLAGS)

# the sampler's test drives record_samples.c and the symbolizer (libdw)
REC_TEST_OBJS = $(BUILD)/src/collect/record_samples.o $(BUILD)/src/collect/symbolize.o
$(BUILD)/tests/test_record: $(BUILD)/tests/test_record.o $(REC_TEST_OBJS) $(LIB)
	$(msg) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(REC_TEST_OBJS) $(LIB) $(CJSON_LIBS) $(CMOCKA_LIBS) \
		$(DW_LIBS) -lm $(ALL_LDFLAGS)

# the browser's curses-free parts (key table, key-script parser, line
# editing, the table widget's rows): compiled with curses' flags for its
# KEY_* codes, linked with the objects they test and curses
UI_TESTS     = $(BUILD)/tests/test_actions $(BUILD)/tests/test_script $(BUILD)/tests/test_prompt \
	       $(BUILD)/tests/test_table
UI_TEST_OBJS = $(BUILD)/ui/action.o $(BUILD)/ui/key.o $(BUILD)/ui/script.o $(BUILD)/ui/prompt.o \
	       $(BUILD)/ui/table_rows.o
$(UI_TESTS:%=%.o): EXTRA_TEST_CFLAGS = $(CURSES_CFLAGS)
$(UI_TESTS): %: %.o $(UI_TEST_OBJS) $(LIB)
	$(msg) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(UI_TEST_OBJS) $(LIB) $(CMOCKA_LIBS) $(CURSES_LIBS) -lm \
		$(ALL_LDFLAGS)

# ---- the two README commands ----

demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(BUILD)/vitte-pgo check examples/*.vitprof
	@if [ -t 0 ] && [ -t 1 ]; then $(BUILD)/vitte-pgo-tui examples/full.vitprof; \
	else $(BUILD)/vitte-pgo report examples/full.vitprof; \
		echo "(no terminal: the report instead of the browser)"; fi

check: deps layers format-check
	$(Q)$(MAKE) --no-print-directory test
	$(Q)$(MAKE) --no-print-directory asan

# ---- tests ----

test: $(BINS) $(TEST_BINS)
	$(Q)BUILD=$(BUILD) tests/run.sh $(TEST_BINS)

# rewrite the kept screens of tests/e2e/screens.sh from this build
golden: $(BINS)
	$(Q)BUILD=$(BUILD) UPDATE_GOLDEN=1 sh tests/e2e/screens.sh

# no file includes a header of a layer above its own (tests/layers.sh)
layers:
	$(Q)tests/layers.sh

# clang here, gcc in the plain build: two compilers see more than one
ASAN_CC ?= $(shell command -v clang >/dev/null 2>&1 && echo clang || echo $(CC))
asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan OPT=-O1 CC=$(ASAN_CC) \
		EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		test

debug:
	$(Q)$(MAKE) --no-print-directory BUILD=build-debug OPT=-O0 all

coverage:
	$(Q)rm -rf build-cov
	$(Q)$(MAKE) --no-print-directory BUILD=build-cov OPT=-O0 EXTRA_CFLAGS=--coverage test
	$(Q)for d in src/base src/model src/writers src/collect src/cli loaders analysis; do \
		gcov -n -o build-cov/$$d $$d/*.c 2>/dev/null | grep -A1 "^File '[^/]" | grep -v '^--'; done

FUZZ_TIME ?= 60
fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT=-O1 \
		EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined" build-fuzz/libvitte.a
	$(Q)for t in vitprof vitprof_bin analysis; do \
		clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -I. \
		-o build-fuzz/fuzz-$$t tests/fuzz_$$t.c build-fuzz/libvitte.a $(CJSON_LIBS) -lm || exit 1; \
	done
	$(Q)clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -I. $(CURSES_CFLAGS) \
		-o build-fuzz/fuzz-script tests/fuzz_script.c ui/script.c ui/key.c \
		build-fuzz/libvitte.a $(CURSES_LIBS)
	$(Q)mkdir -p build-fuzz/corpus build-fuzz/corpus-bin build-fuzz/corpus-script && \
		cp tests/data/*.vitprof tests/data/import/* examples/*.vitprof build-fuzz/corpus/ && \
		cp tests/data/bin/*.vpbin tests/data/bin/fuzz/*.vpbin build-fuzz/corpus-bin/
	$(Q)grep -ho -- "--keys[= ]'[^']*'" tests/e2e/*.sh | sed "s/--keys[= ]'//; s/'$$//" | \
		split -l 1 - build-fuzz/corpus-script/k
	build-fuzz/fuzz-vitprof -max_total_time=$(FUZZ_TIME) -max_len=65536 build-fuzz/corpus
	build-fuzz/fuzz-vitprof_bin -max_total_time=$(FUZZ_TIME) -max_len=65536 build-fuzz/corpus-bin
	build-fuzz/fuzz-analysis -max_total_time=$(FUZZ_TIME) -max_len=65536 build-fuzz/corpus
	build-fuzz/fuzz-script -max_total_time=$(FUZZ_TIME) build-fuzz/corpus-script

# ---- benchmarks: report/merge/diff times on generated profiles ----

bench: $(BINS) $(BUILD)/bench/gen-profile $(BUILD)/bench/cjson-parse
	$(Q)BUILD=$(BUILD) bench/run.sh

# 1,000 generated profiles merged as a tree with make -j, checked equal to
# their flat merge byte for byte (bench/tree-merge.sh; N, FUNCS, FANIN, JOBS)
tree-merge: $(BINS) $(BUILD)/bench/gen-profile
	$(Q)BUILD=$(BUILD) bench/tree-merge.sh

$(BUILD)/bench/gen-profile: bench/gen-profile.c
	$(msg) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS)

# the anchor of the load time: a plain cJSON_Parse of the same file
$(BUILD)/bench/cjson-parse: bench/cjson-parse.c
	$(msg) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(CJSON_CFLAGS) -o $@ $< $(CJSON_LIBS) $(ALL_LDFLAGS)

# The pictures in the README, from real runs in tmux (needs rsvg-convert);
# `all`: the runtime too, which builds examples/pgo instrumented.
screenshots: all
	@command -v rsvg-convert >/dev/null || { sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get install -y -qq librsvg2-bin >/dev/null; }
	$(Q)BUILD=$(BUILD) screenshots/make.sh

# ---- installation ----

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)/
	install -m 644 docs/vitte-pgo.1 docs/vitte-pgo-tui.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/

deps:
	@missing=""; for p in $(DEPS_PKGS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "make deps: installing$$missing"; \
		sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing \
			>/dev/null || exit 1; \
	fi

# ---- libvitprof: the runtime linked into instrumented programs ----
#
# build/libvitprof.a and build/libvitprof.so, with src/runtime/vitprof.h and
# a pkg-config file: `cc -finstrument-functions prog.c $(pkg-config --cflags
# --libs vitprof)`. The runtime links the model and the canonical writer
# into user programs, so only its public API may stay global: the archive is
# one `ld -r` object whose other symbols objcopy makes local, the shared
# library is built with -fvisibility=hidden. It is compiled without
# EXTRA_CFLAGS (sanitizers, coverage): the programs it goes into do not link
# those runtimes. See docs/runtime.md.

RT_SRCS     = $(wildcard src/runtime/*.c src/base/*.c src/model/*.c src/writers/*.c) \
	      src/collect/symbolize.c
RT_OBJS     = $(RT_SRCS:%.c=$(BUILD)/rt/%.o)
RT_PUBLIC   = __cyg_profile_func_enter __cyg_profile_func_exit vitprof_branch vitprof_loop_enter \
	      vitprof_loop_iter vitprof_site_register vitprof_dump vitprof_dump_to \
	      __sanitizer_cov_trace_pc_guard_init __sanitizer_cov_trace_pc_guard \
	      __sanitizer_cov_trace_pc __sanitizer_cov_pcs_init
RT_LIBS     = $(BUILD)/libvitprof.a $(BUILD)/libvitprof.so
RT_PC       = $(BUILD)/vitprof.pc
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DW_CFLAGS  := $(shell $(PKG_CONFIG) --cflags libdw 2>/dev/null)
DW_LIBS    := $(shell $(PKG_CONFIG) --libs libdw 2>/dev/null || echo -ldw -lelf)
RT_CFLAGS   = -std=gnu11 $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -I. \
	      $(DW_CFLAGS) -MMD -MP
RT_LDLIBS   = $(DW_LIBS) -lpthread -lm

all: $(RT_LIBS) $(RT_PC)
$(BUILD)/tests/test_runtime: $(RT_LIBS) $(RT_PC)

$(BUILD)/rt/%.o: %.c
	$(msg) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(RT_CFLAGS) -c -o $@ $<

$(BUILD)/libvitprof.a: $(RT_OBJS)
	$(msg) AR $@
	$(Q)ld -r -o $(BUILD)/rt/libvitprof.o $(RT_OBJS)
	$(Q)objcopy $(RT_PUBLIC:%=--keep-global-symbol=%) $(BUILD)/rt/libvitprof.o
	$(Q)rm -f $@ && ar rcs $@ $(BUILD)/rt/libvitprof.o

$(BUILD)/libvitprof.so: $(RT_OBJS)
	$(msg) LINK $@
	$(Q)$(CC) -shared -Wl,-soname,libvitprof.so -Wl,-z,defs -o $@ $(RT_OBJS) $(RT_LDLIBS)

# the pkg-config file: for this tree (PKG_CONFIG_PATH=build), and installed.
# -fno-plt: the hooks, called twice per call, go straight through the GOT
# to the shared library (Lua: 2.15x -> 2.05x; static 2.02x)
RT_PC_TEXT = printf '%s\n' 'prefix=$(1)' 'libdir=$(2)' 'includedir=$(3)' '' \
	'Name: vitprof' 'Description: libvitprof, the vitte-pgo instrumentation runtime' \
	'Version: $(VITTE_VERSION)' 'Requires.private: libdw' \
	'Libs: -L$${libdir} -Wl,-rpath,$${libdir} -lvitprof' 'Libs.private: -lpthread -lm' \
	'Cflags: -I$${includedir} -fno-plt'
VITTE_VERSION := $(shell sed -n 's/.*VITTE_PGO_VERSION "\(.*\)"/\1/p' src/base/version.h)

$(RT_PC): src/base/version.h Makefile
	$(msg) GEN $@
	@mkdir -p $(@D)
	$(Q)$(call RT_PC_TEXT,$(CURDIR),$(CURDIR)/$(BUILD),$(CURDIR)/src/runtime) >$@

install-runtime: $(RT_LIBS)
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 644 src/runtime/vitprof.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(BUILD)/libvitprof.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(BUILD)/libvitprof.so $(DESTDIR)$(LIBDIR)/
	$(call RT_PC_TEXT,$(PREFIX),$(LIBDIR),$(INCLUDEDIR)) >$(DESTDIR)$(LIBDIR)/pkgconfig/vitprof.pc
install: install-runtime

# The runtime's overhead on the Lua interpreter (Debian sources), against
# plain -O2, gprof and clang's instrumentation; not part of `make check`.
bench-overhead: $(RT_LIBS) $(RT_PC)
	$(Q)BUILD=$(BUILD) bench/overhead-lua.sh

# Before/after PGO on zstd and sqlite from Debian's sources: plain, clang's
# own PGO, and the two vitte-pgo routes; not part of `make check`.
pgo-bench: $(BINS) $(RT_LIBS) $(RT_PC)
	+$(Q)BUILD=$(BUILD) bench/pgo-bench.sh

.PHONY: install-runtime bench-overhead pgo-bench tree-merge

# ---- housekeeping ----

FORMAT_SRCS = $(wildcard src/*/*.[ch] loaders/*.[ch] analysis/*.[ch] ui/*.[ch] tests/*.[ch] \
		bench/*.c)
format:
	clang-format -i $(FORMAT_SRCS)

# the tree as clang-format (.clang-format) writes it
format-check:
	$(Q)clang-format --dry-run -Werror $(FORMAT_SRCS)

clean:
	rm -rf build build-asan build-debug build-cov build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
