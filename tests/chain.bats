#!/usr/bin/env bats
#
# chain.bats - the hash chain's digest versions (lib/chain.c): its unit
# tests (build/chain-test: version 1 as round 1 made it, version 2's
# netstrings, the hex codec, the continuity rule); new events are of
# version 2 and old ones stay of version 1; a chain never goes back from
# version 2 to 1 (verify and import); round 1's exports still import.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# The version-1 digest of stored event $1, computed here from its
# columns: prev, "id case_id seq at", actor, kind and data, each
# followed by a newline.
v1_digest() {
	local prev line actor kind data
	prev=$(db_value "SELECT prev FROM events WHERE id = $1")
	line=$(db_value "SELECT id || ' ' || case_id || ' ' || seq || ' ' || at FROM events WHERE id = $1")
	actor=$(db_value "SELECT actor FROM events WHERE id = $1")
	kind=$(db_value "SELECT kind FROM events WHERE id = $1")
	data=$(db_value "SELECT data FROM events WHERE id = $1")
	printf '%s\n%s\n%s\n%s\n%s\n' "$prev" "$line" "$actor" "$kind" "$data" |
		sha256sum | cut -c1-64
}

# The version-2 digest of stored event $1, computed here from its
# columns: netstrings (LEN:BYTES, with LEN in bytes) of 2, prev, id,
# case_id, seq, at, actor, kind and data.
v2_digest() {
	local f out="" LC_ALL=C
	for f in 2 "$(db_value "SELECT prev FROM events WHERE id = $1")" \
		"$(db_value "SELECT id FROM events WHERE id = $1")" \
		"$(db_value "SELECT case_id FROM events WHERE id = $1")" \
		"$(db_value "SELECT seq FROM events WHERE id = $1")" \
		"$(db_value "SELECT at FROM events WHERE id = $1")" \
		"$(db_value "SELECT actor FROM events WHERE id = $1")" \
		"$(db_value "SELECT kind FROM events WHERE id = $1")" \
		"$(db_value "SELECT data FROM events WHERE id = $1")"; do
		out+="${#f}:$f,"
	done
	printf '%s' "$out" | sha256sum | cut -c1-64
}

@test "chain: unit tests of versions 1 and 2, hex and the continuity rule" {
	run make -s -C "$TOP" build/chain-test
	assert_success
	run "$TOP/build/chain-test"
	printf '%s\n' "$output"
	assert_success
	refute_line --partial "not ok"
	assert_line --regexp '^1\.\.[1-9]'
}

@test "chain: new events are of digest version 2" {
	some_night
	assert_equal "$(db_value 'SELECT DISTINCT version FROM events')" 2
	# the framing fq-verify(1) documents, computed by this shell
	for id in 1 3 8; do
		assert_equal "$(v2_digest $id)" \
			"$(db_value "SELECT digest FROM events WHERE id = $id")"
	done
	# and not the "\n" framing of version 1
	[ "$(v1_digest 1)" != "$(db_value 'SELECT digest FROM events WHERE id = 1')" ]
	run -0 --separate-stderr fq verify
	assert_output --partial "ok: 8 events in 2 cases"
}

@test "chain: a round-1 database keeps version 1 and goes on in version 2" {
	cp "$TOP/tests/fixtures/round1.db" "$FQ_DB"
	chmod 0660 "$FQ_DB"
	run -0 at 2026-11-27T11:05:00+08:00 fq --as li.na follow 2 "再催厨房"
	assert_equal "$(db_value 'SELECT group_concat(DISTINCT version) FROM events WHERE id <= 66')" 1
	assert_equal "$(db_value 'SELECT version FROM events WHERE id = 67')" 2
	assert_equal "$(db_value 'PRAGMA user_version')" 2
	# the round-1 digests recompute in this shell's version-1 framing
	assert_equal "$(v1_digest 66)" "$(db_value 'SELECT digest FROM events WHERE id = 66')"
	run -0 --separate-stderr at 2026-11-27T11:06:00+08:00 fq verify
	assert_output --partial "ok: 67 events in 7 cases"
}

@test "chain: a round-1 export imports, verifies and exports byte for byte" {
	run -0 --separate-stderr env FQ_USER=zhou.min "$FQ_BIN" import \
		"$TOP/tests/fixtures/round1.export.jsonl"
	assert_output "imported 7 cases, 66 events"
	assert_equal "$stderr" ""
	run -0 --separate-stderr at 2026-11-27T11:00:00+08:00 fq verify
	assert_line --index 0 "$(head -n 1 "$TOP/tests/fixtures/round1.verify.txt")"
	run -0 --separate-stderr at 2026-11-27T11:00:00+08:00 fq export
	assert_equal "$output" "$(cat "$TOP/tests/fixtures/round1.export.jsonl")"
	# new events chain on in version 2, and the mixed chain goes round too
	at 2026-11-27T11:05:00+08:00 fq --as li.na follow 2 "再催厨房" >/dev/null
	at 2026-11-27T11:06:00+08:00 fq export >"$BATS_TEST_TMPDIR/mixed.jsonl"
	assert_equal "$(tail -n 1 "$BATS_TEST_TMPDIR/mixed.jsonl" | jq -c '[.events[] | .version // 1] | unique')" "[1]"
	assert_equal "$(jq -s -c '[.[].events[] | select(.id == 67) | .version]' "$BATS_TEST_TMPDIR/mixed.jsonl")" "[2]"
	FQ_DB=$BATS_TEST_TMPDIR/b.db fq init >/dev/null
	run -0 env FQ_DB="$BATS_TEST_TMPDIR/b.db" FQ_USER=zhou.min "$FQ_BIN" \
		import "$BATS_TEST_TMPDIR/mixed.jsonl"
	assert_output "imported 7 cases, 67 events"
	FQ_DB=$BATS_TEST_TMPDIR/b.db at 2026-11-27T11:06:00+08:00 fq export |
		cmp - "$BATS_TEST_TMPDIR/mixed.jsonl"
}

@test "chain: verify: a version changed by hand is altered, and goes back (exit 1)" {
	some_night
	sqlite3 "$FQ_DB" "DROP TRIGGER events_no_update"
	sqlite3 "$FQ_DB" "UPDATE events SET version = 1 WHERE id = 3"
	run -1 --separate-stderr fq verify
	assert_output --regexp "event 3 .*altered"
	assert_output --partial "event 3 (case #1, seq 3): its digest is of version 1, older than version 2 before it"
	refute_output --partial "event 4 "
	sqlite3 "$FQ_DB" "UPDATE events SET version = 7 WHERE id = 3"
	run -1 --separate-stderr fq verify
	assert_output --partial "event 3 (case #1, seq 3): unknown digest version 7"
}

@test "chain: verify: a version-1 event after version 2 is named, though its digest holds" {
	some_night
	sqlite3 "$FQ_DB" "DROP TRIGGER events_no_update"
	# rewrite the newest event as version 1, with a right version-1 digest
	digest=$(v1_digest 8)
	sqlite3 "$FQ_DB" "UPDATE events SET version = 1, digest = '$digest' WHERE id = 8"
	run -1 --separate-stderr fq verify
	assert_line --index 0 "DAMAGED: event 8 (case #1, seq 6): its digest is of version 1, older than version 2 before it (inserted, or its version was changed)"
	# and only the trigger dropped to do it besides (then the note that
	# the database is personal)
	assert_equal "$(grep -c '^DAMAGED: ' <<<"$output")" 2
	assert_line --index 1 --partial "DAMAGED: schema: trigger 'events_no_update' on 'events' is missing"
}

@test "chain: import: a version-1 event after version 2 is refused (65)" {
	some_night
	# event 8, rewritten as version 1 with a right version-1 digest
	digest=$(v1_digest 8)
	fq export | jq -c --arg d "$digest" \
		'.events |= map(if .id == 8 then (del(.version) | .digest = $d) else . end)' \
		>"$BATS_TEST_TMPDIR/old.jsonl"
	FQ_DB=$BATS_TEST_TMPDIR/b.db fq init >/dev/null
	snap=$(FQ_DB=$BATS_TEST_TMPDIR/b.db db_digest)
	run -65 --separate-stderr env FQ_DB="$BATS_TEST_TMPDIR/b.db" \
		FQ_USER=zhou.min "$FQ_BIN" import "$BATS_TEST_TMPDIR/old.jsonl"
	assert_output ""
	assert_equal "$stderr" "fq: import: line 1: event 8 has digest version 1, older than the version 2 of event 7 (line 1) before it"
	assert_equal "$(FQ_DB=$BATS_TEST_TMPDIR/b.db db_digest)" "$snap"
	# a version this fq does not know
	fq export | jq -c '.events[0].version = 3' >"$BATS_TEST_TMPDIR/v3.jsonl"
	run -65 --separate-stderr env FQ_DB="$BATS_TEST_TMPDIR/b.db" \
		FQ_USER=zhou.min "$FQ_BIN" import "$BATS_TEST_TMPDIR/v3.jsonl"
	assert_equal "$stderr" "fq: import: line 1: event 1: 'version' must be 1 to 2 (the digest versions this fq knows)"
}

@test "chain: import: an event's version is part of what its digest seals" {
	some_night
	# version 2 said to be 1: the version-1 digest does not match
	fq export | jq -c 'del(.events[0].version)' >"$BATS_TEST_TMPDIR/a.jsonl"
	FQ_DB=$BATS_TEST_TMPDIR/b.db fq init >/dev/null
	run -65 --separate-stderr env FQ_DB="$BATS_TEST_TMPDIR/b.db" \
		FQ_USER=zhou.min "$FQ_BIN" import "$BATS_TEST_TMPDIR/a.jsonl"
	assert_equal "$stderr" "fq: import: line 1: event 1 (seq 1, 'logged') does not match its digest: it was altered after it was exported"
}
