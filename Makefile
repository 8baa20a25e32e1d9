# mahdar — a terminal editor for bidirectional meeting minutes.
#
#   make          install missing Debian packages (as root), build ./build/mahdar
#   make run      the same, then open the bundled Arabic example in the editor
#   make check    the same, then every test: unit, end-to-end, then all again
#                 under AddressSanitizer + UndefinedBehaviorSanitizer
#   make install  PREFIX=/usr/local DESTDIR=
#
# Targets that need the libraries re-invoke make after `deps`, so that
# pkg-config is asked only once the packages are there.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man/man1
DATADIR   ?= $(PREFIX)/share/mahdar
DOCDIR    ?= $(PREFIX)/share/doc/mahdar

CC        ?= cc
CFLAGS    ?= -O2 -g
PKGS      := ncursesw fribidi jansson nettle
SHARED    ?= $(abspath ../shared)
CORPUS    ?= $(SHARED)/corpus

B         := build
BIN       := $(B)/mahdar

SRCS      := $(sort $(wildcard src/*.c))
LIBSRCS   := $(filter-out src/main.c,$(SRCS))
UNITSRCS  := $(sort $(wildcard tests/unit/test_*.c))
BENCHSRCS := $(sort $(wildcard tests/bench/*.c))
E2E       := $(sort $(wildcard tests/e2e/test_*.sh))
HEADERS   := $(wildcard include/mahdar/*.h) $(wildcard tests/unit/*.h)
# The private headers of a module (src/X-int.h) too: a struct in one changes every file of it.
HEADERS   += $(wildcard src/*.h)

.PHONY: all build run check check-all deps install uninstall clean unit e2e \
        asan-unit asan-e2e bench bench-quick layering fuzz valgrind
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory build

deps:
	@sh .ci/deps.sh

run: deps
	@$(MAKE) --no-print-directory build
	$(BIN) examples/ijtima-ar.txt

check: deps
	@$(MAKE) --no-print-directory check-all

clean:
	rm -rf $(B)

# ---------------------------------------------------------------- the build
# (only meaningful once deps are installed; reached through the targets above)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lunistring

WARN      := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS_M = -Iinclude $(PKG_CFLAGS) -DMAHDAR_VERSION='"$(VERSION)"' \
             -DMAHDAR_DATADIR='"$(DATADIR)"'
SAN       := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

OBJS      := $(LIBSRCS:src/%.c=$(B)/obj/%.o)
AOBJS     := $(LIBSRCS:src/%.c=$(B)/asan/%.o)
UNITBINS  := $(UNITSRCS:tests/unit/%.c=$(B)/tests/%)
AUNITBINS := $(UNITSRCS:tests/unit/%.c=$(B)/asan-tests/%)
BENCHBINS := $(BENCHSRCS:tests/bench/%.c=$(B)/bench/%)

build: $(BIN)

$(B)/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_M) -c $< -o $@

$(B)/asan/%.o: src/%.c $(HEADERS)
	@mkdir -p $(@D)
	@echo "  CC+SAN  $<"
	@$(CC) $(WARN) $(SAN) $(CPPFLAGS_M) -c $< -o $@

$(B)/libmahdar.a: $(OBJS)
	@rm -f $@ && ar rcs $@ $^

$(B)/libmahdar-asan.a: $(AOBJS)
	@rm -f $@ && ar rcs $@ $^

$(BIN): $(B)/obj/main.o $(B)/libmahdar.a
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/mahdar-asan: $(B)/asan/main.o $(B)/libmahdar-asan.a
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libmahdar.a $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_M) -Itests/unit -o $@ $< $(B)/libmahdar.a $(PKG_LIBS) -lcmocka

$(B)/asan-tests/%: tests/unit/%.c $(B)/libmahdar-asan.a $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SAN) $(CPPFLAGS_M) -Itests/unit -o $@ $< $(B)/libmahdar-asan.a $(PKG_LIBS) -lcmocka

$(B)/bench/%: tests/bench/%.c $(B)/libmahdar.a $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -g $(CPPFLAGS_M) -o $@ $< $(B)/libmahdar.a $(PKG_LIBS) -lm

# ---------------------------------------------------------------- the tests
TESTENV = MAHDAR_CORPUS=$(CORPUS) MAHDAR_SRCDIR=$(CURDIR) LC_ALL=C.UTF-8

check-all: layering unit valgrind e2e asan-unit asan-e2e
	@echo "make check: all tests passed"

# The layering rule of the architecture: each library header in its one place.
layering:
	@sh tests/layering.sh

unit: $(UNITBINS)
	@sh tests/run-unit.sh "$(TESTENV)" $(UNITBINS)

e2e: $(BIN)
	@sh tests/run-e2e.sh "$(TESTENV) MAHDAR=$(CURDIR)/$(BIN)" $(E2E)

# The layout of hostile bidi lines under valgrind, which sees inside the
# (uninstrumented) libfribidi that ASan cannot.
valgrind: $(B)/tests/test_hostile_bidi
	@echo "== valgrind $<"
	@$(TESTENV) valgrind -q --error-exitcode=1 --leak-check=no $<

asan-unit: $(AUNITBINS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		sh tests/run-unit.sh "$(TESTENV)" $(AUNITBINS)

asan-e2e: $(B)/mahdar-asan
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		sh tests/run-e2e.sh "$(TESTENV) MAHDAR=$(CURDIR)/$(B)/mahdar-asan" $(E2E)

BENCHSH   := $(sort $(wildcard tests/bench/*.sh))
# bench.py: the issue-11 table (mahdar beside vim, nano, Emacs through a pty);
# bench-quick (or MAHDAR_BENCH_QUICK=1): one short run of it.
bench: $(BIN) $(BENCHBINS)
	python3 tests/bench/bench.py --mahdar $(BIN) --docs $(B)/bench-docs
	python3 tests/bench/open.py --mahdar $(BIN) --docs $(B)/bench-docs
	@for b in $(BENCHBINS); do $(TESTENV) MAHDAR=$(CURDIR)/$(BIN) $$b || exit 1; done
	@for b in $(BENCHSH); do $(TESTENV) sh $$b $(CURDIR)/$(BIN) || exit 1; done

bench-quick: $(BIN)
	python3 tests/bench/bench.py --quick --mahdar $(BIN) --docs $(B)/bench-docs

# ---------------------------------------------------------------- fuzzing
# Not part of check: `make fuzz FUZZ_SECONDS=60` runs each libFuzzer target
# (tests/fuzz/fuzz_*.c, built with clang) for that long; crashes are kept in
# build/fuzz/NAME-crashes/.
FUZZ_SECONDS ?= 60
FUZZCC    ?= clang
FUZZSAN   := -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all
FOBJS     := $(LIBSRCS:src/%.c=$(B)/fuzz-obj/%.o)
FUZZBINS  := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

$(B)/fuzz-obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(@D)
	@$(FUZZCC) $(WARN) $(FUZZSAN) -fsanitize=fuzzer-no-link,address,undefined $(CPPFLAGS_M) -c $< -o $@

$(B)/libmahdar-fuzz.a: $(FOBJS)
	@rm -f $@ && ar rcs $@ $^

$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(B)/libmahdar-fuzz.a
	@mkdir -p $(@D)
	$(FUZZCC) $(WARN) $(FUZZSAN) -fsanitize=fuzzer,address,undefined $(CPPFLAGS_M) -o $@ $< \
		$(B)/libmahdar-fuzz.a $(PKG_LIBS)

fuzz: $(FUZZBINS)
	@$(TESTENV) sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZBINS)

# ---------------------------------------------------------------- install
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/keymaps \
		$(DESTDIR)$(DATADIR)/examples $(DESTDIR)$(DOCDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/mahdar
	install -m 644 docs/mahdar.1 $(DESTDIR)$(MANDIR)/mahdar.1
	for f in keymaps/*; do [ -f "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/keymaps/; done; true
	install -m 644 examples/*.txt $(DESTDIR)$(DATADIR)/examples/
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/README.md

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mahdar $(DESTDIR)$(MANDIR)/mahdar.1
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
