#!/usr/bin/env bats
#
# build.bats - the Makefile's promises that a user meets before fq runs:
# a missing build dependency stops make at once with the apt-get line.

bats_require_minimum_version 1.5.0
load helper

@test "build: make stops with the exact apt-get line when headers are missing" {
	# -nostdinc hides /usr/include: every library header is "missing".
	run -2 make -C "$TOP" -n CC="cc -nostdinc"
	assert_output --partial "missing build dependencies (libsqlite3-dev libyaml-dev nettle-dev)"
	assert_output --partial "run: apt-get install -y gcc make libsqlite3-dev libyaml-dev nettle-dev"
}

@test "build: with the headers in place make has nothing to say about them" {
	run -0 make -C "$TOP" -n fq
	refute_output --partial "missing build dependencies"
}
