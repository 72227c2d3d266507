#!/usr/bin/env bats
#
# concurrency.bats - many staff logging at the same moment on one shared
# database: every case recorded once, with its own id, no busy errors, and
# the database and the event chain intact afterwards.

load helper
bats_require_minimum_version 1.5.0

setup() {
	fq_setup
}

@test "concurrency: 8 processes logging 50 cases each at once" {
	local out="$BATS_TEST_TMPDIR/ids" err="$BATS_TEST_TMPDIR/stderr" p i
	: >"$out"
	: >"$err"
	for p in 1 2 3 4 5 6 7 8; do
		(
			for i in $(seq 1 50); do
				fq -q log "并发测试 $p-$i" || echo FAIL
			done >>"$out" 2>>"$err"
		) &
	done
	wait
	if grep -q FAIL "$out"; then
		fail "$(grep -c FAIL "$out") logs failed; stderr: $(head -n 5 "$err")"
	fi
	[ ! -s "$err" ] || fail "stderr: $(head -n 10 "$err")"
	assert_equal "$(wc -l <"$out")" "400"
	assert_equal "$(sort -u "$out" | wc -l)" "400"
	assert_equal "$(grep -cvE '^[0-9]+$' "$out")" "0"
	assert_equal "$(db_value 'SELECT count(*) FROM cases')" "400"
	assert_equal "$(db_value 'SELECT count(DISTINCT summary) FROM cases')" "400"
	assert_equal "$(db_value "SELECT count(*) FROM cases WHERE summary = '并发测试 8-50'")" "1"
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind = 'logged'")" "400"
	# the ids printed are the ids stored
	assert_equal "$(sort -n "$out" | tr '\n' ' ')" \
		"$(db_value 'SELECT id FROM cases ORDER BY id' | tr '\n' ' ')"
	assert_equal "$(db_value 'PRAGMA integrity_check')" "ok"
	run -0 --separate-stderr fq verify
	assert_equal "$stderr" ""
	run -0 --separate-stderr fq verify --format json
	assert_equal "$(jq -c '{ok, events, cases}' <<<"$output")" \
		'{"ok":true,"events":400,"cases":400}'
}

@test "concurrency: 8 processes logging with the same --key at once make one case" {
	local out="$BATS_TEST_TMPDIR/ids" p
	for p in 1 2 3 4 5 6 7 8; do
		(fq -q log --key 来电-0300-周先生 "手机忘在棋牌室 $p" 2>/dev/null ||
			echo FAIL) >>"$out" &
	done
	wait
	refute grep -q FAIL "$out"
	assert_equal "$(wc -l <"$out")" "8"
	assert_equal "$(sort -u "$out")" "1"
	assert_equal "$(db_value 'SELECT count(*) FROM cases')" "1"
	assert_equal "$(db_value 'SELECT count(*) FROM events')" "1"
}

@test "concurrency: 8 processes running fq init at once on a new database" {
	export FQ_DB="$BATS_TEST_TMPDIR/new/fq.db"
	local out="$BATS_TEST_TMPDIR/out" err="$BATS_TEST_TMPDIR/err" p
	for p in 1 2 3 4 5 6 7 8; do
		(fq init >/dev/null 2>>"$err" || echo FAIL) >>"$out" &
	done
	wait
	[ ! -s "$out" ] || fail "$(cat "$out") $(cat "$err")"
	[ ! -s "$err" ] || fail "stderr: $(cat "$err")"
	assert_equal "$(db_value 'PRAGMA user_version')" "2"
	assert_equal "$(db_value 'PRAGMA integrity_check')" "ok"
	run -0 --separate-stderr fq -q log "手机忘在棋牌室"
	assert_output "1"
}
