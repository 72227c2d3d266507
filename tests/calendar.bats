#!/usr/bin/env bats
#
# calendar.bats - runs the unit tests of lib/time/calendar.c (durations,
# working time, deadlines), built by `make build/calendar-test`, and fails
# with their TAP output when any check failed.

@test "calendar: unit tests of durations, working time and deadlines" {
	bin="$BATS_TEST_DIRNAME/../build/calendar-test"
	if [ ! -x "$bin" ]; then
		echo "no $bin: run 'make build/calendar-test'"
		return 1
	fi
	run "$bin"
	printf '%s\n' "$output"
	[ "$status" -eq 0 ]
	if grep -q '^not ok' <<<"$output"; then
		return 1
	fi
	grep -q '^1\.\.[1-9]' <<<"$output"
}
