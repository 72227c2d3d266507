#!/usr/bin/env bats
#
# time.bats - the time layer (lib/time/): its unit tests, built by
# `make build/time-test` (which `make build/calendar-test` brings along),
# and what a user sees of its one rule for local wall times:
#
#   A wall time means the first moment at which the local clock reads
#   that time or later.
#
# So in a spring-forward gap a wall time is the moment the gap ends
# (Europe/Berlin 2024-03-31 02:30 is 03:00 CEST), and in a repeated hour
# it is the first pass (Berlin 2024-10-27 02:30 is 02:30 CEST, not CET).
# A time typed on the command line, FQ_NOW, the calendar's working hours
# and the shift changes all follow it.  The hotel policy runs here in
# Europe/Berlin and America/New_York, with shifts at 02:30 and 14:30.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# Makes the hotel policy run in time zone $1, with shifts at 02:30 and
# 14:30, and uses it.
zone_policy() {
	local p="$BATS_TEST_TMPDIR/zone.yaml"

	sed -e "s|^timezone: Asia/Shanghai\$|timezone: $1|" \
		-e 's|^shifts: .*|shifts: ["02:30", "14:30"]|' \
		"$TOP/policies/hotel.yaml" >"$p"
	grep -q "^timezone: $1\$" "$p"
	grep -q '^shifts: \["02:30", "14:30"\]$' "$p"
	export FQ_POLICY="$p"
}

# The promise of a case logged at FQ_NOW with --promise "$1".
promised() {
	local id

	id=$(log_case --promise "$1" "客人钱包丢了，答应回电" 2>/dev/null)
	field "$id" .due.promise
}

@test "time: unit tests of ISO 8601, local time across DST, and agreement" {
	bin="$BATS_TEST_DIRNAME/../build/time-test"
	if [ ! -x "$bin" ]; then
		echo "no $bin: run 'make build/time-test'"
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

@test "time: --promise at a wall time Berlin skips is the moment the gap ends" {
	zone_policy Europe/Berlin
	export FQ_NOW=2024-03-31T01:00:00+01:00
	assert_equal "$(promised "2024-03-31 02:30")" 2024-03-31T03:00:00+02:00
	assert_equal "$(promised "2024-03-31T02:00")" 2024-03-31T03:00:00+02:00
	assert_equal "$(promised "2024-03-31 02:59:59")" 2024-03-31T03:00:00+02:00
	assert_equal "$(promised 02:30)" 2024-03-31T03:00:00+02:00
	assert_equal "$(promised "2024-03-31 01:59")" 2024-03-31T01:59:00+01:00
	assert_equal "$(promised "2024-03-31 03:30")" 2024-03-31T03:30:00+02:00
	# an offset says which moment: it is kept as it is
	assert_equal "$(promised 2024-03-31T02:30:00+01:00)" 2024-03-31T03:30:00+02:00
}

@test "time: --promise in Berlin's repeated hour is its first pass (summer time)" {
	zone_policy Europe/Berlin
	export FQ_NOW=2024-10-27T00:10:00+02:00
	assert_equal "$(promised "2024-10-27 02:30")" 2024-10-27T02:30:00+02:00
	assert_equal "$(promised 02:00)" 2024-10-27T02:00:00+02:00
	assert_equal "$(promised "2024-10-27 03:00")" 2024-10-27T03:00:00+01:00
	# the second pass needs its offset
	assert_equal "$(promised 2024-10-27T02:30:00+01:00)" 2024-10-27T02:30:00+01:00
}

@test "time: New York: 2024-03-10 02:30 is 03:00 EDT; 2024-11-03 01:30 is EDT" {
	zone_policy America/New_York
	FQ_NOW=2024-03-10T00:10:00-05:00 run -0 promised "2024-03-10 02:30"
	assert_output 2024-03-10T03:00:00-04:00
	FQ_NOW=2024-11-03T00:10:00-04:00 run -0 promised "2024-11-03 01:30"
	assert_output 2024-11-03T01:30:00-04:00
	FQ_NOW=2024-11-03T00:10:00-04:00 run -0 promised "2024-11-03 02:00"
	assert_output 2024-11-03T02:00:00-05:00
}

@test "time: FQ_NOW as a wall time in the gap is the gap's end" {
	zone_policy Europe/Berlin
	id=$(at "2024-03-31 02:30" log_case "客人手机忘在餐厅了")
	assert_equal "$(field "$id" .created_at)" 2024-03-31T03:00:00+02:00
	assert_equal "$(field "$id" .due.accept)" 2024-03-31T03:05:00+02:00
}

@test "time: fq list --since a wall time in the gap starts when the gap ends" {
	zone_policy Europe/Berlin
	before=$(at 2024-03-31T01:59:59+01:00 log_case "客人要一瓶胶水")
	after=$(at 2024-03-31T03:00:00+02:00 log_case "客人手机忘在餐厅了")
	export FQ_NOW=2024-03-31T04:00:00+02:00
	run -0 --separate-stderr fq list --since "2024-03-31 02:30" --format json
	assert_equal "$stderr" ""
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" "[$after]"
	run -0 --separate-stderr fq list --since 02:00 --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" "[$after]"
	run -0 --separate-stderr fq list --since "2024-03-31 01:59" --format json
	assert_equal "$(jq -c '[.[].id] | sort' <<<"$output")" "[$before,$after]"
}

@test "time: a shift change at 02:30 on the night Berlin skips it is at 03:00" {
	zone_policy Europe/Berlin
	run -0 --separate-stderr at 2024-03-31T04:30:00+02:00 fq handover --format table
	assert_equal "$stderr" ""
	assert_equal "${lines[0]}" "Shift 03:00–14:30 · 房务中心 · 0 open"
	# and on the night of the repeated hour, at its first pass
	run -0 --separate-stderr at 2024-10-27T04:30:00+01:00 fq handover --format table
	assert_equal "${lines[0]}" "Shift 02:30–14:30 · 房务中心 · 0 open"
}

@test "time: import takes the stored form only; export round-trips across DST" {
	zone_policy Europe/Berlin
	at 2024-03-31T01:30:00+01:00 log_case "客人要一瓶胶水" >/dev/null
	at "2024-03-31 02:30" log_case "客人手机忘在餐厅了" >/dev/null
	at 2024-10-27T02:30:00+01:00 log_case "隔壁房间太吵了" >/dev/null
	fq export >"$BATS_TEST_TMPDIR/a.jsonl"
	dst="$BATS_TEST_TMPDIR/dst.db"
	FQ_DB=$dst fq init >/dev/null
	run -0 --separate-stderr env FQ_DB="$dst" FQ_USER=zhou.min "$FQ_BIN" \
		import "$BATS_TEST_TMPDIR/a.jsonl"
	assert_output "imported 3 cases, 3 events"
	FQ_DB=$dst fq export | cmp - "$BATS_TEST_TMPDIR/a.jsonl"
	# what --since takes, import refuses
	empty="$BATS_TEST_TMPDIR/empty.db"
	FQ_DB=$empty fq init >/dev/null
	for t in "2024-03-31 02:30" 2024-03-31T02:30 2024-03-31T02:30:00 \
		2024-03-31T02:30:00z 2024-03-31T02:30:00+02 2024-03-31; do
		jq -c --arg t "$t" '.created_at = $t' "$BATS_TEST_TMPDIR/a.jsonl" |
			head -n 1 >"$BATS_TEST_TMPDIR/x.jsonl"
		run -65 --separate-stderr env FQ_DB="$empty" \
			FQ_USER=zhou.min "$FQ_BIN" import "$BATS_TEST_TMPDIR/x.jsonl"
		assert_equal "$stderr" "fq: import: line 1: 'created_at': malformed time '$t' (expected ISO 8601 with offset, e.g. 2026-11-27T03:00:00+08:00)"
	done
}
