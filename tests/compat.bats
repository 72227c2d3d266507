#!/usr/bin/env bats
#
# compat.bats - a database made by round 1's fq (tests/fixtures/round1.db,
# see make-round1.sh) opens with this binary, verifies, and exports byte
# for byte as round 1 exported it: the digests of old events never change.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_env
	cp "$TOP/tests/fixtures/round1.db" "$FQ_DB"
	chmod 0660 "$FQ_DB"
	export FQ_USER=zhou.min
}

@test "compat: a round-1 database verifies with the same head" {
	run -0 --separate-stderr at 2026-11-27T11:00:00+08:00 fq verify
	assert_equal "$stderr" ""
	assert_line --index 0 "$(head -n 1 "$TOP/tests/fixtures/round1.verify.txt")"
}

@test "compat: a round-1 database exports byte-identically" {
	run -0 --separate-stderr at 2026-11-27T11:00:00+08:00 fq export
	assert_equal "$stderr" ""
	assert_equal "$output" "$(cat "$TOP/tests/fixtures/round1.export.jsonl")"
}

@test "compat: a round-1 database takes new events on its chain" {
	run -0 at 2026-11-27T11:05:00+08:00 fq --as li.na follow 2 "再催厨房"
	run -0 --separate-stderr at 2026-11-27T11:06:00+08:00 fq verify
	assert_output --partial "ok: 67 events in 7 cases"
}
