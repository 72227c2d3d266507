# fq - the first-inquiry responsibility system at a shell.
#
#   make          build ./fq
#   make test     build, then run every test on the normal build and on an
#                 AddressSanitizer + UndefinedBehaviorSanitizer build
#   make demo     a night at the front desk on a scratch database
#   make bench    the benchmarks (tests/bench/)
#   make install  PREFIX=/usr/local DESTDIR=; as root without DESTDIR,
#                 also make install-system: fq setgid 'fq', its database in
#                 /var/lib/fq and its policy in /etc/fq (README, Install)
#   make uninstall
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

# Dependencies (tests/deps.sh has the one list, shared with .ci/run): run
# as root, make installs what is missing with apt-get; otherwise it stops
# at once with the exact line that would.
ifeq ($(filter clean,$(MAKECMDGOALS)),)
DEPS_BUILD := $(shell CC='$(CC)' tests/deps.sh build)
ifneq ($(DEPS_BUILD),)
$(error $(DEPS_BUILD))
endif
endif

SYSTEM_GROUP = fq

.PHONY: all test check demo bench install install-system uninstall clean \
	lint-man deps-test

all: fq

fq: $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

$(GEN_SRC): lib/gen-examples.sh $(POLICIES)
	@mkdir -p $(dir $@)
	lib/gen-examples.sh $(POLICIES) > $@.tmp && mv $@.tmp $@

build/obj/%.o: %.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

# The store's unit tests link the whole library (tests/store.bats).
build/store-test: tests/unit/store-test.c $(LIB_SRC:%.c=build/obj/%.o)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ $(LIBS)

# The hash chain's unit tests (tests/chain.bats).
build/chain-test: tests/unit/chain-test.c build/obj/lib/chain.o
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ -lnettle

build/san/fq: $(SAN_OBJ)
	$(CC) $(SANFLAGS) -o $@ $(SAN_OBJ) $(LIBS)

build/san/%.o: %.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(SANFLAGS) -c -o $@ $<

# The unit tests link what they test.  The time layer's come with the
# calendar's (order-only), as the suite's make line names calendar-test.
CAL_OBJ = build/obj/lib/time/calendar.o build/obj/lib/time/localtime.o \
	  build/obj/lib/time/date.o
TIME_OBJ = $(patsubst %.c,build/obj/%.o,$(wildcard lib/time/*.c)) \
	   build/obj/lib/arena.o build/obj/lib/err.o

build/calendar-test: tests/unit/calendar-test.c $(CAL_OBJ) | build/time-test
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ -lm

build/time-test: tests/unit/time-test.c $(TIME_OBJ)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ -lm

build/width-test: tests/unit/width-test.c build/obj/lib/view/width.o \
		build/obj/lib/utf8.o
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^

deps-test:
	@msg=$$(tests/deps.sh test) || { echo "make: $$msg" >&2; exit 1; }

lint-man:
	@out=$$(mandoc -Tlint -Wwarning $(MAN) 2>&1); \
	if [ -n "$$out" ]; then echo "$$out" >&2; exit 1; fi

test: deps-test fq build/san/fq build/calendar-test build/time-test \
	build/width-test
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
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
		$(MAKE) --no-print-directory install-system; \
	else \
		echo "make: fq is installed for personal databases; as root," \
		     "'make install-system' makes it setgid '$(SYSTEM_GROUP)'" \
		     "with its database in /var/lib/fq (see README)"; \
	fi

# The installed fq of a shared host (fq(1), SECURITY): group fq, the
# database in /var/lib/fq (2770 root:fq, the file 0660 root:fq), the
# policy in /etc/fq, and the binary setgid fq.  Staff are not members.
install-system:
	$(DESTDIR)$(BINDIR)/fq init --system
	chgrp $(SYSTEM_GROUP) $(DESTDIR)$(BINDIR)/fq
	chmod 2755 $(DESTDIR)$(BINDIR)/fq

# What make install put there; the database, the policy and the group
# are the site's: they stay, and make says so.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/fq
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(filter %.1,$(MAN))))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(filter %.5,$(MAN))))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(filter %.7,$(MAN))))
	rm -rf $(DESTDIR)$(SHAREDIR)
	@echo "make: left as they are: /var/lib/fq (the database), /etc/fq" \
	      "(the policy) and group '$(SYSTEM_GROUP)'; remove them by hand" \
	      "if you mean to"

clean:
	rm -rf build fq
