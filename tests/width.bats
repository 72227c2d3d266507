#!/usr/bin/env bats
#
# width.bats - runs the unit tests of lib/width.c (display width from the
# bundled Unicode table), built by `make build/width-test`, with no locale
# set as under cron, and fails with their TAP output when any check failed.

@test "width: unit tests of display width, cutting and UTF-8 checks" {
	bin="$BATS_TEST_DIRNAME/../build/width-test"
	if [ ! -x "$bin" ]; then
		echo "no $bin: run 'make build/width-test'"
		return 1
	fi
	run env -u LC_ALL -u LC_CTYPE -u LANG "$bin"
	printf '%s\n' "$output"
	[ "$status" -eq 0 ]
	if grep -q '^not ok' <<<"$output"; then
		return 1
	fi
	grep -q '^1\.\.[1-9]' <<<"$output"
}
