# fbaudit: one Makefile, no generated build system.
#   make            build ./fbaudit (installs missing Debian packages as root)
#   make check      build, then unit, golden and end-to-end tests, twice:
#                   plainly and under AddressSanitizer + UBSan (both run)
#   make check-repeat N=10   N checks with another check beside them
#   make demo       run fbaudit on the bundled sample seller
#   make bench      the benchmark of bench/ (a program, not a test)
#   make fuzz       libFuzzer on every parser (FUZZ_SECONDS each)
#   make valgrind   the test suite's fbaudit runs under valgrind
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
CC	?= cc
SAN	?=
BUILD	?= build/$(if $(SAN),san,release)
FUZZ_SECONDS ?= 60

PKGS	= sqlite3 zlib libxml-2.0 libcurl libcrypto jansson inih
# Evaluated once, on first use: after the deps step has installed them.
PKG_CFLAGS = $(eval PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS)) -lm)$(PKG_LIBS)
CMOCKA_LIBS = $(eval CMOCKA_LIBS := $(shell pkg-config --libs cmocka))$(CMOCKA_LIBS)

WARN	= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	  -Wpointer-arith -Wformat=2 -Wvla -Werror
SANFLAGS = -fsanitize=address,undefined
OPT	= $(if $(SAN),-O1 -fno-omit-frame-pointer $(SANFLAGS) \
	  -fno-sanitize-recover=all,-O2)
CFLAGS	?=
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -g -pthread \
	  $(OPT) $(WARN) -I. $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = -pthread $(if $(SAN),$(SANFLAGS)) $(LDFLAGS)

LIB_SRCS = $(wildcard lib/*.c store/*.c ingest/*.c market/*.c audit/*.c \
	   claims/*.c reports/*.c)
CLI_SRCS = $(wildcard cli/*.c)
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
TOOL_SRCS = $(wildcard tests/tools/*.c)
FUZZ_SRCS = $(wildcard tests/fuzz/fuzz_*.c)

LIB_OBJS = $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
CLI_OBJS = $(CLI_SRCS:%.c=$(BUILD)/obj/%.o)
LIBA	 = $(BUILD)/libfbaudit.a
# The commands' files but main.c, for unit tests of cli/ (a test links
# only the objects it uses).
CLIA	 = $(BUILD)/libfbaudit-cli.a
BIN	 = $(BUILD)/fbaudit
UNITS	 = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TOOLS	 = $(TOOL_SRCS:tests/tools/%.c=$(BUILD)/tools/%)
DEPSTAMP = build/.deps-build
TESTSTAMP = build/.deps-test

.PHONY: all fbaudit check check-repeat test test-build demo bench fuzz \
	valgrind install clean deps

all: fbaudit

# The top-level ./fbaudit is the release build.
fbaudit: $(DEPSTAMP)
	@$(MAKE) --no-print-directory SAN= $(dir $(BUILD))release/fbaudit
	@cp build/release/fbaudit fbaudit.tmp.$$$$ && mv -f fbaudit.tmp.$$$$ fbaudit

$(DEPSTAMP): deploy/debian-deps.sh
	@mkdir -p build
	@deploy/debian-deps.sh build
	@touch $@

$(TESTSTAMP): deploy/debian-deps.sh
	@mkdir -p build
	@deploy/debian-deps.sh test
	@touch $@

deps: $(DEPSTAMP)

$(BUILD)/obj/%.o: %.c | $(DEPSTAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIBA): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

# Linked to a temp file and renamed: a run still executing the old binary
# keeps it whole, and no one ever runs half a binary ("Text file busy",
# "Permission denied" while the linker writes).
$(BIN): $(CLI_OBJS) $(LIBA)
	$(CC) $(ALL_LDFLAGS) -o $@.tmp.$$$$ $(CLI_OBJS) $(LIBA) $(PKG_LIBS) && \
	    mv -f $@.tmp.$$$$ $@

$(CLIA): $(filter-out $(BUILD)/obj/cli/main.o,$(CLI_OBJS))
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tests/%: tests/unit/%.c $(CLIA) $(LIBA) | $(TESTSTAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CLIA) $(LIBA) $(CMOCKA_LIBS) \
	    $(PKG_LIBS)
# The helpers some unit tests share (tests/unit/*.h).
$(UNITS): $(wildcard tests/unit/*.h)

$(BUILD)/tools/%: tests/tools/%.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBA) $(PKG_LIBS)

# The language catalogues (lib/i18n/*.cat) of the reports and the case
# packets, compiled into the library, so the binary needs no data folder
# at run time.
I18N_CATS = $(sort $(wildcard lib/i18n/*.cat))
I18N_OBJ = $(BUILD)/obj/gen/i18n_data.o

$(BUILD)/gen/i18n_data.c: $(I18N_CATS) lib/i18n/gen.sh
	@mkdir -p $(dir $@)
	sh lib/i18n/gen.sh $(I18N_CATS) >$@.tmp
	@mv $@.tmp $@

$(I18N_OBJ): $(BUILD)/gen/i18n_data.c | $(DEPSTAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBA): $(I18N_OBJ)

# Runs the whole suite against one build.
test: $(TESTSTAMP) $(BIN) $(UNITS) $(TOOLS)
	@tests/run $(BUILD)

# Everything one build's suite needs, built without running it.
test-build: $(TESTSTAMP) $(BIN) $(UNITS) $(TOOLS)

# Both passes run whatever the other found; the last line totals them.
check: $(TESTSTAMP)
	@$(MAKE) --no-print-directory fbaudit
	@MAKE="$(MAKE)" tests/check

# N runs of make check with a second make check beside them: the proof
# that the suite passes on a busy machine (tests/check-repeat).
check-repeat: $(TESTSTAMP)
	@MAKE="$(MAKE)" N=$(or $(N),10) tests/check-repeat

demo: fbaudit
	@deploy/debian-deps.sh demo
	@tests/demo.sh ./fbaudit

# The kill loop of tests/t_crash.sh, 100 nights (make check runs 10).
.PHONY: crashtest
crashtest: $(TESTSTAMP) $(BIN) $(TOOLS)
	@FBAUDIT=$(CURDIR)/$(BIN) TOOLS=$(CURDIR)/$(BUILD)/tools \
	    CRASH_ITERATIONS=$${CRASH_ITERATIONS:-100} bash tests/t_crash.sh

# The issue's scale-out check: 200 sellers in 4 parallel shards end up
# exactly as one run (make check runs it with 40).
.PHONY: scaletest
scaletest: $(TESTSTAMP) $(BIN) $(TOOLS)
	@FBAUDIT=$(CURDIR)/$(BIN) TOOLS=$(CURDIR)/$(BUILD)/tools \
	    SHARD_SELLERS=$${SHARD_SELLERS:-200} bash tests/t_run.sh

bench: fbaudit
	FBAUDIT=$(CURDIR)/fbaudit bench/run

valgrind: $(TESTSTAMP)
	@$(MAKE) --no-print-directory SAN= build/release/fbaudit
	@FBAUDIT_WRAP="valgrind -q --error-exitcode=99 --leak-check=full" \
	    tests/run build/release

# clang's -Wformat=2 also warns of a va_list passed on by a function
# without a format attribute (lib/log.c's log_emit), which gcc accepts.
fuzz: $(TESTSTAMP)
	@$(MAKE) --no-print-directory SAN= BUILD=build/fuzz CC=clang \
	    OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	    -fno-sanitize-recover=all" \
	    build/fuzz/libfbaudit.a
	@tests/fuzz/run build/fuzz $(FUZZ_SECONDS)

install: fbaudit
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 fbaudit $(DESTDIR)$(BINDIR)/fbaudit
	install -m 644 docs/fbaudit.1 $(DESTDIR)$(MANDIR)/man1/fbaudit.1

clean:
	rm -rf build fbaudit

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)
