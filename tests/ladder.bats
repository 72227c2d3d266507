#!/usr/bin/env bats
#
# ladder.bats - the escalation ladder's pure core (lib/case/ladder.c) as
# a unit: build/ladder-test gives it a case, its memory and a moment and
# checks what is owed (the levels, who is told, what is passed over,
# repeats, clocks that start again, promises, manual escalations), with
# no database and no clock.  What fq overdue --escalate makes of it is in
# escalate-ladder.bats.

bats_require_minimum_version 1.5.0
load helper

@test "ladder core: unit tests of the pure core" {
	run make -s -C "$TOP" build/ladder-test
	assert_success
	run "$TOP/build/ladder-test" "$TOP/policies/hotel.yaml"
	printf '%s\n' "$output"
	assert_success
	refute_line --partial "not ok"
	assert_line --regexp '^1\.\.[1-9]'
}
