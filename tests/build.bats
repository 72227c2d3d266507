#!/usr/bin/env bats
#
# build.bats - the Makefile's promises that a user meets before fq runs:
# a missing dependency is installed when make runs as root with apt-get
# (tests/deps.sh), and otherwise stops make at once with the exact line.
# apt-get, id and sudo are stand-ins on PATH: nothing is installed here.

bats_require_minimum_version 1.5.0
load helper

# Stand-ins: `id -u` prints $FAKE_UID; apt-get logs its arguments.
stand_ins() {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	cat >"$BATS_TEST_TMPDIR/bin/id" <<-'EOS'
	#!/bin/sh
	[ "$1" = -u ] && { echo "$FAKE_UID"; exit 0; }
	exec /usr/bin/id "$@"
	EOS
	cat >"$BATS_TEST_TMPDIR/bin/apt-get" <<-'EOS'
	#!/bin/sh
	echo "apt-get $*" >>"$APT_LOG"
	EOS
	chmod +x "$BATS_TEST_TMPDIR/bin/id" "$BATS_TEST_TMPDIR/bin/apt-get"
	export PATH="$BATS_TEST_TMPDIR/bin:$PATH"
	export APT_LOG="$BATS_TEST_TMPDIR/apt.log"
	: >"$APT_LOG"
}

@test "build: not root, make stops with the exact sudo apt-get line when headers are missing" {
	stand_ins
	# -nostdinc hides /usr/include: every library header is "missing".
	FAKE_UID=1000 run -2 make -C "$TOP" -n CC="cc -nostdinc"
	assert_output --partial "missing build dependencies (libsqlite3-dev libyaml-dev nettle-dev)"
	assert_output --partial "run: sudo apt-get install -y gcc make libsqlite3-dev libyaml-dev nettle-dev gettext"
	assert_equal "$(cat "$APT_LOG")" ""
}

@test "build: as root, make installs what is missing with apt-get, then says what is still missing" {
	stand_ins
	FAKE_UID=0 run -2 make -C "$TOP" -n CC="cc -nostdinc"
	assert_output --partial "installing missing build dependencies: libsqlite3-dev libyaml-dev nettle-dev"
	assert_output --partial "run: apt-get install -y gcc make libsqlite3-dev libyaml-dev nettle-dev gettext"
	run cat "$APT_LOG"
	assert_line --index 0 "apt-get update -qq"
	assert_line --index 1 "apt-get install -y -qq gcc make libsqlite3-dev libyaml-dev nettle-dev gettext"
}

@test "build: make test installs missing test packages as root (bats-assert, parallel, ...)" {
	stand_ins
	# A PATH without parallel, mandoc or jq: they are "missing".
	mkdir -p "$BATS_TEST_TMPDIR/min"
	for t in sh cc gcc make printf cat id grep sed awk; do
		p=$(command -v "$t") && ln -sf "$p" "$BATS_TEST_TMPDIR/min/$t"
	done
	FAKE_UID=0 PATH="$BATS_TEST_TMPDIR/bin:$BATS_TEST_TMPDIR/min" \
		run -1 sh "$TOP/tests/deps.sh" test
	assert_output --partial "run: apt-get install -y sqlite3 bats bats-assert bats-support mandoc python3 jq parallel zsh bash-completion"
	run cat "$APT_LOG"
	assert_line "apt-get install -y -qq sqlite3 bats bats-assert bats-support mandoc python3 jq parallel zsh bash-completion"
}

@test "build: with every dependency in place make has nothing to say about them" {
	stand_ins
	FAKE_UID=0 run -0 make -C "$TOP" -n fq
	refute_output --partial "missing"
	assert_equal "$(cat "$APT_LOG")" ""
}
