#!/usr/bin/env bats
#
# tamper.bats - the record is append-only and hash-chained: the database
# refuses UPDATE and DELETE on events while its triggers stand, and once
# someone drops them with the sqlite3 shell, fq verify finds an event
# altered, removed or inserted by hand, names it and exits 1.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
	some_night
}

# What an administrator with the sqlite3 shell would do first.
drop_triggers() {
	sqlite3 "$FQ_DB" "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;"
}

@test "tamper: the untouched record verifies, with a 64-hex head digest" {
	assert_equal "$(db_value 'SELECT count(*) FROM events')" 8
	run -0 --separate-stderr fq verify
	[[ $output =~ [0-9a-f]{64} ]]
	assert_output --partial "$(db_value 'SELECT digest FROM events WHERE id = 8')"
	refute_output --partial DAMAGED
}

@test "tamper: UPDATE and DELETE on events fail while the triggers stand" {
	snap=$(db_digest)
	run sqlite3 "$FQ_DB" "UPDATE events SET data = '{\"text\":\"保安说门已锁\"}' WHERE id = 3"
	[ "$status" -ne 0 ]
	assert_output --partial "append-only"
	run sqlite3 "$FQ_DB" "DELETE FROM events WHERE id = 3"
	[ "$status" -ne 0 ]
	assert_output --partial "append-only"
	run sqlite3 "$FQ_DB" "DELETE FROM events"
	[ "$status" -ne 0 ]
	assert_equal "$(db_digest)" "$snap"
	run -0 --separate-stderr fq verify
}

@test "tamper: an event whose data was changed is named as altered (exit 1)" {
	drop_triggers
	sqlite3 "$FQ_DB" "UPDATE events SET data = json_set(data, '\$.text', '保安说棋牌室门已锁，无人进入') WHERE id = 3"
	assert_equal "$(db_value 'SELECT data ->> "$.text" FROM events WHERE id = 3')" \
		"保安说棋牌室门已锁，无人进入"
	run -1 --separate-stderr fq verify
	assert_output --partial "event 3 "
	assert_output --partial "altered"
	[[ $stderr == *"problem"* ]]
	# only that event is named
	refute_output --partial "event 2 "
	refute_output --partial "event 4 "
	run -1 --separate-stderr fq verify --format json
	assert_equal "$(jq -r .ok <<<"$output")" false
	assert_equal "$(jq -r '.problems | length' <<<"$output")" 1
	assert_equal "$(jq -r '.problems[0] | test("event 3 .*altered")' <<<"$output")" true
}

@test "tamper: a changed actor or time is altered too (who accepted, when replied)" {
	drop_triggers
	sqlite3 "$FQ_DB" "UPDATE events SET actor = 'gao.feng' WHERE id = 2"
	sqlite3 "$FQ_DB" "UPDATE events SET at = at - 6 * 3600 WHERE id = 6"
	run -1 --separate-stderr fq verify
	assert_output --regexp "event 2 .*altered"
	assert_output --regexp "event 6 .*altered"
	run -1 --separate-stderr fq verify --format json
	assert_equal "$(jq -r '.problems | length' <<<"$output")" 2
}

@test "tamper: a deleted event is named as removed (exit 1)" {
	drop_triggers
	sqlite3 "$FQ_DB" "DELETE FROM events WHERE id = 3"
	run -1 --separate-stderr fq verify
	assert_output --partial "event 3 removed"
	refute_output --partial "event 30"
	run -1 --separate-stderr fq verify --format json
	assert_equal "$(jq -r .ok <<<"$output")" false
	assert_equal "$(jq -r '[.problems[] | select(test("event 3 removed"))] | length' <<<"$output")" 1
	# the case it belonged to is named as incomplete
	assert_equal "$(jq -r '[.problems[] | select(test("case #1"))] | length' <<<"$output")" 1
}

@test "tamper: several deleted events are named as a range (exit 1)" {
	drop_triggers
	sqlite3 "$FQ_DB" "DELETE FROM events WHERE id IN (4, 5)"
	run -1 --separate-stderr fq verify
	assert_output --partial "events 4 to 5 removed"
	# case #2 lost every event
	run -1 --separate-stderr fq verify --format json
	assert_equal "$(jq -r '[.problems[] | select(test("case #2"))] | length' <<<"$output")" 1
}

@test "tamper: the newest event deleted: only the head digest written down shows it" {
	head=$(fq verify --format json | jq -r .head)
	drop_triggers
	sqlite3 "$FQ_DB" "DELETE FROM events WHERE id = 8"
	run --separate-stderr fq verify --format json
	[ "$(jq -r .head <<<"$output")" != "$head" ]
}

@test "tamper: an inserted fake event is named (exit 1)" {
	drop_triggers
	at=$(date -d 2026-11-27T03:25:00+08:00 +%s)
	head=$(db_value 'SELECT digest FROM events WHERE id = 8')
	sqlite3 "$FQ_DB" "INSERT INTO events (case_id, seq, at, actor, kind, data, prev, digest)
		VALUES (2, 3, $at, 'zhao.li', 'accepted',
		        '{\"department\":\"front_desk\",\"handler\":\"zhao.li\"}',
		        '$head', '$(printf '%064d' 0)')"
	id=$(db_value "SELECT max(id) FROM events")
	assert_equal "$id" 9
	run -1 --separate-stderr fq verify
	assert_output --partial "event 9 "
	refute_output --partial "event 8 "
	run -1 --separate-stderr fq verify --format json
	assert_equal "$(jq -r .ok <<<"$output")" false
	assert_equal "$(jq -r '[.problems[] | select(test("event 9 "))] | length >= 1' <<<"$output")" true
}

@test "tamper: an inserted event that does not follow the chain is named (exit 1)" {
	drop_triggers
	sqlite3 "$FQ_DB" "INSERT INTO events (case_id, seq, at, actor, kind, data, prev, digest)
		VALUES (1, 7, $(date -d 2026-11-27T09:30:00+08:00 +%s), 'li.na', 'followed',
		        '{\"text\":\"补记：客人很满意\"}', '$(printf '%064d' 1)', '$(printf '%064d' 2)')"
	run -1 --separate-stderr fq verify
	assert_output --regexp "event 9 .*does not follow event 8"
}

@test "tamper: a case row whose owner or holder was changed by hand is named (exit 1)" {
	sqlite3 "$FQ_DB" "UPDATE cases SET owner = 'wang.qiang' WHERE id = 1;
		UPDATE cases SET department = 'security', handler = 'gao.feng' WHERE id = 2"
	run -1 --separate-stderr fq verify
	assert_output --partial "case #1: its owner is 'wang.qiang' but its record says 'li.na'"
	assert_output --partial "case #2: its department is 'security' but its record says 'front_desk'"
	assert_output --partial "case #2: its handler is 'gao.feng' but its record says ''"
	# the events themselves are intact
	refute_output --partial "altered"
}
