# fq - the first-inquiry responsibility system at a shell.
#
#   make          build ./fq
#   make test     build, then run every test on the normal build and on an
#                 AddressSanitizer + UndefinedBehaviorSanitizer build
#   make demo     a night at the front desk on a scratch database
#   make bench    the benchmarks (tests/bench/)
#   make install  PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
SHAREDIR ?= $(PREFIX)/share/fq

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
# Each layer of lib/ may be a folder; headers are included by name.
CPPFLAGS += -D_GNU_SOURCE -Ilib $(patsubst %/,-I%,$(wildcard lib/*/)) -Icmd
LIBS = -lsqlite3 -lyaml -lnettle -lm -pthread
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all

LIB_SRC = $(sort $(wildcard lib/*.c lib/*/*.c))
CMD_SRC = $(sort $(wildcard cmd/*.c))
GEN_SRC = build/gen/examples.c
SRC = $(LIB_SRC) $(CMD_SRC) $(GEN_SRC)
OBJ = $(SRC:%.c=build/obj/%.o)
SAN_OBJ = $(SRC:%.c=build/san/%.o)
POLICIES = policies/hotel.yaml policies/government.yaml policies/property.yaml
HDR = $(wildcard lib/*.h lib/*/*.h) cmd/cmds.h
MAN = $(sort $(wildcard man/*.1 man/*.5 man/*.7))

# Build dependencies: stop at once with the line that installs them.
BUILD_PKGS = gcc make libsqlite3-dev libyaml-dev nettle-dev
hash := \#
have_hdr = $(shell printf '$(hash)include <$(1)>\n' | $(CC) -E -x c - >/dev/null 2>&1 && echo y)
ifeq ($(filter clean,$(MAKECMDGOALS)),)
MISSING :=
ifneq ($(call have_hdr,sqlite3.h),y)
MISSING += libsqlite3-dev
endif
ifneq ($(call have_hdr,yaml.h),y)
MISSING += libyaml-dev
endif
ifneq ($(call have_hdr,nettle/sha2.h),y)
MISSING += nettle-dev
endif
ifneq ($(strip $(MISSING)),)
$(error missing build dependencies ($(strip $(MISSING))); run: apt-get install -y $(BUILD_PKGS))
endif
endif

TEST_PKGS = bats bats-assert bats-support mandoc python3 jq sqlite3
TEST_MISSING = $(shell command -v bats >/dev/null || echo bats; \
	[ -d /usr/lib/bats/bats-assert ] || echo bats-assert; \
	[ -d /usr/lib/bats/bats-support ] || echo bats-support; \
	command -v mandoc >/dev/null || echo mandoc; \
	command -v python3 >/dev/null || echo python3; \
	command -v jq >/dev/null || echo jq; \
	command -v sqlite3 >/dev/null || echo sqlite3)

.PHONY: all test check demo bench install clean lint-man deps-test

all: fq

fq: $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

$(GEN_SRC): lib/gen-examples.sh $(POLICIES)
	@mkdir -p $(dir $@)
	lib/gen-examples.sh $(POLICIES) > $@.tmp && mv $@.tmp $@

build/obj/%.o: %.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

build/san/fq: $(SAN_OBJ)
	$(CC) $(SANFLAGS) -o $@ $(SAN_OBJ) $(LIBS)

build/san/%.o: %.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(SANFLAGS) -c -o $@ $<

build/calendar-test: tests/unit/calendar-test.c build/obj/lib/calendar.o
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ -lm

build/width-test: tests/unit/width-test.c build/obj/lib/width.o
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^

SEARCH_TEST_OBJ = $(addprefix build/obj/lib/,search.o fold.o json.o val.o \
	width.o arena.o err.o)
build/search-test: tests/unit/search-test.c $(SEARCH_TEST_OBJ)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^

deps-test:
	@if [ -n "$(strip $(TEST_MISSING))" ]; then \
	  echo "make: missing test dependencies ($(strip $(TEST_MISSING))); run: apt-get install -y $(TEST_PKGS)" >&2; \
	  exit 1; fi

lint-man:
	@out=$$(mandoc -Tlint -Wwarning $(MAN) 2>&1); \
	if [ -n "$$out" ]; then echo "$$out" >&2; exit 1; fi

test: deps-test fq build/san/fq build/calendar-test build/width-test \
	build/search-test
	@tests/run ./fq build/san/fq

check: test

demo: fq
	@tests/demo.sh ./fq

bench: fq
	@tests/bench/run.sh ./fq

install: fq
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(SHAREDIR)/policies
	install -m 755 fq $(DESTDIR)$(BINDIR)/fq
	install -m 644 $(filter %.1,$(MAN)) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(filter %.5,$(MAN)) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(filter %.7,$(MAN)) $(DESTDIR)$(MANDIR)/man7
	install -m 644 policies/*.yaml $(DESTDIR)$(SHAREDIR)/policies

clean:
	rm -rf build fq
