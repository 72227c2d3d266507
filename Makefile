# fq - the first-inquiry responsibility system at a shell.
#
#   make          build ./fq
#   make test     build, then run every test on the normal build and on an
#                 AddressSanitizer + UndefinedBehaviorSanitizer build
#   make demo     a night at the front desk on a scratch database
#   make bench    the benchmarks (tests/bench/)
#   make fuzz     the libFuzzer targets, FUZZ_SECONDS=60 each (tests/fuzz/)
#   make install  PREFIX=/usr/local DESTDIR=; as root without DESTDIR,
#                 also make install-system: fq setgid 'fq', its database in
#                 /var/lib/fq and its policy in /etc/fq (README, Install)
#   make pot      po/fq.pot from the sources; make po: merge it into po/*.po
#   make uninstall
#   make clean

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
SHAREDIR ?= $(PREFIX)/share/fq
LOCALEDIR ?= $(PREFIX)/share/locale
# Where the shells look: bash-completion under every XDG data dir
# (/usr/local/share, /usr/share); zsh in Debian's vendor-completions for
# /usr, in site-functions for any other prefix (/usr/local's is on zsh's
# $fpath; vendor-completions there is not).
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(if $(filter /usr,$(PREFIX)),$(PREFIX)/share/zsh/vendor-completions,$(PREFIX)/share/zsh/site-functions)

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
# The message catalogues (po/LANG.po), compiled where ./fq finds them.
LINGUAS = zh_CN
MO = $(LINGUAS:%=build/locale/%/LC_MESSAGES/fq.mo)
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
	lint-man deps-test pot po po-check FORCE

all: fq

fq: $(OBJ) | $(MO)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

$(GEN_SRC): lib/gen-examples.sh $(POLICIES)
	@mkdir -p $(dir $@)
	lib/gen-examples.sh $(POLICIES) > $@.tmp && mv $@.tmp $@

build/obj/%.o: %.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

# Where an installed fq looks for its catalogues (lib/i18n.c): compiled
# in, and i18n.c compiled again when it changes.
I18N_OBJ = build/obj/lib/i18n.o build/san/lib/i18n.o
$(I18N_OBJ): CPPFLAGS += -DLOCALEDIR='"$(LOCALEDIR)"'
$(I18N_OBJ): build/gen/localedir
build/gen/localedir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@

build/locale/%/LC_MESSAGES/fq.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt -c -o $@.tmp $< && mv $@.tmp $@

# po/fq.pot: every message, from the sources (po/extract.sh); po merges
# it into each catalogue, whose new entries then want translating.
pot:
	po/extract.sh > po/fq.pot.tmp && mv po/fq.pot.tmp po/fq.pot

po: pot
	for l in $(LINGUAS); do \
		msgmerge -q -U --backup=none po/$$l.po po/fq.pot || exit 1; \
	done

# Every catalogue complete: checked formats, nothing fuzzy or untranslated.
po-check:
	@for l in $(LINGUAS); do \
		out=$$(msgfmt -c --statistics -o /dev/null po/$$l.po 2>&1) || \
			{ echo "$$out" >&2; exit 1; }; \
		case $$out in *fuzzy* | *untranslated*) \
			echo "po/$$l.po: $$out" >&2; exit 1 ;; esac; \
	done

# The store's unit tests link the whole library (tests/store.bats).
build/store-test: tests/unit/store-test.c $(LIB_SRC:%.c=build/obj/%.o)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ $(LIBS)

# The hash chain's unit tests (tests/chain.bats).
build/chain-test: tests/unit/chain-test.c build/obj/lib/chain.o
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ -lnettle

# The ladder's unit tests link it with the library (tests/ladder.bats).
build/ladder-test: tests/unit/ladder-test.c $(LIB_SRC:%.c=build/obj/%.o)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ $(LIBS)

# The attribution's unit tests link the whole library (tests/lapses.bats).
build/lapses-test: tests/unit/lapses-test.c $(LIB_SRC:%.c=build/obj/%.o)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ $(LIBS)

build/san/fq: $(SAN_OBJ) | $(MO)
	$(CC) $(SANFLAGS) -o $@ $(SAN_OBJ) $(LIBS)

build/san/%.o: %.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(SANFLAGS) -c -o $@ $<

# The unit tests link what they test.  The time layer's come with the
# calendar's (order-only), as the suite's make line names calendar-test.
CAL_OBJ = build/obj/lib/time/calendar.o build/obj/lib/time/localtime.o \
	  build/obj/lib/time/date.o
TIME_OBJ = $(patsubst %.c,build/obj/%.o,$(wildcard lib/time/*.c)) \
	   build/obj/lib/arena.o build/obj/lib/err.o build/obj/lib/i18n.o

build/calendar-test: tests/unit/calendar-test.c $(CAL_OBJ) | build/time-test
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ -lm

build/time-test: tests/unit/time-test.c $(TIME_OBJ)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ -lm

build/width-test: tests/unit/width-test.c build/obj/lib/view/width.o \
		build/obj/lib/utf8.o
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^

# The pure part of fq search: folding, words, grams, snippets.
SEARCH_TEST_OBJ = $(addprefix build/obj/lib/,search.o fold.o json.o val.o \
	utf8.o) $(TIME_OBJ)
build/search-test: tests/unit/search-test.c $(SEARCH_TEST_OBJ)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^

deps-test:
	@msg=$$(tests/deps.sh test) || { echo "make: $$msg" >&2; exit 1; }

lint-man:
	@out=$$(mandoc -Tlint -Wwarning $(MAN) 2>&1); \
	if [ -n "$$out" ]; then echo "$$out" >&2; exit 1; fi

test: deps-test po-check fq build/san/fq build/calendar-test build/time-test \
	build/width-test build/search-test
	@tests/run ./fq build/san/fq

check: test

demo: fq
	@tests/demo.sh ./fq

# The older fq that the benchmarks' `before` compares this one with:
# round 1's release, built from git into build/before (without git, or
# without that commit, the comparison is skipped; FQ_BENCH_BEFORE names
# another).
BENCH_BEFORE = 84572cf

bench: fq
	@before=; \
	if git cat-file -e '$(BENCH_BEFORE)^{commit}' 2>/dev/null; then \
		$(MAKE) --no-print-directory build/before/fq && \
		before=build/before/fq; \
	else \
		echo "make: no commit $(BENCH_BEFORE) here: no before/after" \
		     "comparison"; \
	fi; \
	FQ_BENCH_BEFORE=$${FQ_BENCH_BEFORE:-$$before} tests/bench/run.sh ./fq

build/before/fq:
	rm -rf build/before
	mkdir -p build/before
	git archive $(BENCH_BEFORE) | tar -x -C build/before
	$(MAKE) --no-print-directory -C build/before fq >/dev/null

# The man pages go to $(MANDIR)/manN, where man finds them: /usr/local's
# is on man-db's MANDATORY_MANPATH, another prefix's share/man is found
# from its bin on $PATH.
install: fq
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(SHAREDIR)/policies $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 fq $(DESTDIR)$(BINDIR)/fq
	install -m 644 $(filter %.1,$(MAN)) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(filter %.5,$(MAN)) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(filter %.7,$(MAN)) $(DESTDIR)$(MANDIR)/man7
	install -m 644 policies/*.yaml $(DESTDIR)$(SHAREDIR)/policies
	$(foreach l,$(LINGUAS),install -D -m 644 \
		build/locale/$(l)/LC_MESSAGES/fq.mo \
		$(DESTDIR)$(LOCALEDIR)/$(l)/LC_MESSAGES/fq.mo &&) true
	install -m 644 cmd/completion/fq.bash $(DESTDIR)$(BASHCOMPDIR)/fq
	install -m 644 cmd/completion/_fq $(DESTDIR)$(ZSHCOMPDIR)/_fq
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
	rm -f $(DESTDIR)$(BINDIR)/fq $(DESTDIR)$(BASHCOMPDIR)/fq \
		$(DESTDIR)$(ZSHCOMPDIR)/_fq
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(filter %.1,$(MAN))))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(filter %.5,$(MAN))))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(filter %.7,$(MAN))))
	rm -f $(addprefix $(DESTDIR)$(SHAREDIR)/,$(POLICIES))
	rm -f $(foreach l,$(LINGUAS),$(DESTDIR)$(LOCALEDIR)/$(l)/LC_MESSAGES/fq.mo)
	-rmdir $(DESTDIR)$(SHAREDIR)/policies $(DESTDIR)$(SHAREDIR) 2>/dev/null
	@echo "make: left as they are: /var/lib/fq (the database), /etc/fq" \
	      "(the policy) and group '$(SYSTEM_GROUP)'; remove them by hand" \
	      "if you mean to"

clean:
	rm -rf build fq

# make fuzz: the libFuzzer targets of tests/fuzz/ (its README), built with
# clang and run FUZZ_SECONDS each; a crash fails the run.
FUZZ_CC = clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = policy when json import
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all \
	     -fsanitize=fuzzer-no-link,address,undefined
FUZZ_OBJ = $(LIB_SRC:%.c=build/fuzz/%.o) build/fuzz/tests/fuzz/fuzz-common.o
FUZZ_BIN = $(FUZZ_TARGETS:%=build/fuzz/fuzz-%)

.PHONY: fuzz fuzz-build

fuzz: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BIN)

build/fuzz/%.o: %.c $(HDR) tests/fuzz/fuzz.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -Itests/fuzz -DFUZZ_TOP='"$(CURDIR)"' $(WARN) \
		$(FUZZ_FLAGS) -c -o $@ $<

build/fuzz/fuzz-%: build/fuzz/tests/fuzz/fuzz-%.o $(FUZZ_OBJ)
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS)
