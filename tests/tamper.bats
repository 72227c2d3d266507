#!/usr/bin/env bats
#
# tamper.bats - the record is append-only and hash-chained: the database
# refuses UPDATE and DELETE on events while its triggers stand, and once
# someone drops them with the sqlite3 shell, fq verify names the dropped
# triggers, and finds an event altered, removed or inserted by hand,
# names it and exits 1.  It rebuilds every cases row from its events and
# names each column changed by hand; it names a timeline that runs
# backwards; --against catches a rewrite with every digest recomputed
# after a head was published; --repair restores triggers and rows.

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

# The findings of fq verify --format json in $output, but the schema's
# (the dropped triggers, named in their own test).
not_schema='[.problems[] | select(startswith("schema:") | not)]'


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
	assert_equal "$(jq -r "$not_schema | length" <<<"$output")" 1
	assert_equal "$(jq -r "$not_schema | .[0] | test(\"event 3 .*altered\")" <<<"$output")" true
}

@test "tamper: a changed actor or time is altered too (who accepted, when replied)" {
	drop_triggers
	sqlite3 "$FQ_DB" "UPDATE events SET actor = 'gao.feng' WHERE id = 2"
	sqlite3 "$FQ_DB" "UPDATE events SET at = at - 6 * 3600 WHERE id = 6"
	run -1 --separate-stderr fq verify
	assert_output --regexp "event 2 .*altered"
	assert_output --regexp "event 6 .*altered"
	# the reply now comes before the follow-up of 03:12
	assert_output --regexp "event 6 .*before that of the case's event 3"
	run -1 --separate-stderr fq verify --format json
	assert_equal "$(jq -r "$not_schema | length" <<<"$output")" 3
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

@test "tamper: dropped triggers are named, and --repair makes them again" {
	drop_triggers
	run -1 --separate-stderr fq verify
	assert_output --partial "schema: trigger 'events_no_update' on 'events' is missing"
	assert_output --partial "schema: trigger 'events_no_delete' on 'events' is missing"
	refute_output --partial "case #"
	run -1 --separate-stderr fq verify --format json
	assert_equal "$(jq -r '.problems | length' <<<"$output")" 2
	run -0 --separate-stderr at 2026-11-27T10:00:00+08:00 fq --as zhou.min verify --repair
	assert_line --index 0 "repaired: trigger 'events_no_delete' made again"
	assert_line --index 1 "repaired: trigger 'events_no_update' made again"
	assert_output --partial "ok: 9 events in 2 cases"
	# the repair is on the record, on the case of the newest event
	run -0 db_value "SELECT case_id, actor, kind, data ->> '\$.schema[0]' FROM events WHERE id = 9"
	assert_output "1|zhou.min|repaired|trigger 'events_no_delete' made again"
	run sqlite3 "$FQ_DB" "DELETE FROM events WHERE id = 3"
	assert_output --partial "append-only"
}

@test "tamper: a dropped index, a changed trigger and a trigger added by hand are named" {
	sqlite3 "$FQ_DB" "DROP INDEX cases_due;
		DROP TRIGGER events_no_delete;
		CREATE TRIGGER events_no_delete BEFORE DELETE ON events WHEN 0
		  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
		CREATE TRIGGER close_quietly AFTER UPDATE OF status ON cases
		  BEGIN SELECT 1; END;"
	run -1 --separate-stderr fq verify
	assert_output --partial "schema: index 'cases_due' on 'cases' is missing"
	assert_output --partial "schema: trigger 'events_no_delete' on 'events' is not as fq defines it"
	assert_output --partial "schema: trigger 'close_quietly' on 'cases' is not part of fq's schema"
	run -0 --separate-stderr at 2026-11-27T10:00:00+08:00 fq --as yang.fan verify --repair
	assert_output --partial "repaired: index 'cases_due' made again"
	assert_output --partial "repaired: trigger 'close_quietly' dropped"
	assert_output --partial "ok: "
	assert_equal "$(db_value "SELECT count(*) FROM sqlite_schema WHERE name = 'close_quietly'")" 0
}

@test "tamper: status and next_due changed by hand are named, the case back in overdue after --repair" {
	run -0 at 2026-11-27T05:00:00+08:00 fq overdue --format tsv
	assert_output --partial "客人要一瓶胶水"
	sqlite3 "$FQ_DB" "UPDATE cases SET status = 'closed', next_due = NULL WHERE id = 2"
	run -0 at 2026-11-27T05:00:00+08:00 fq overdue --format tsv
	refute_output --partial "客人要一瓶胶水"
	run -1 --separate-stderr fq verify
	assert_output --partial "case #2: status is 'closed', events say 'open'"
	assert_output --regexp "case #2: next_due is none, events say 2026-11-27T"
	refute_output --partial "altered"
	run -0 --separate-stderr at 2026-11-27T05:00:00+08:00 fq --as zhou.min verify --repair
	assert_line --index 0 "repaired: case #2 rebuilt from its events (status, next_due)"
	run -0 at 2026-11-27T05:01:00+08:00 fq overdue --format tsv
	assert_output --partial "客人要一瓶胶水"
	# the `repaired` event says what was changed, old and new
	run -0 db_value "SELECT actor, data ->> '\$.changes.status.old', data ->> '\$.changes.status.new' FROM events WHERE kind = 'repaired'"
	assert_output "zhou.min|closed|open"
	run -0 --separate-stderr fq verify
}

@test "tamper: every column of a cases row changed by hand is named" {
	at 2026-11-27T09:30:00+08:00 fq --as zhao.li wait 2 --reason "客人外出" --until 2026-11-27T12:00 >/dev/null
	local col
	for col in summary details guest_name room phone via category status \
		   major first_contact waiting_since waiting_until created_at \
		   updated_at closed_at due_accept due_reply due_resolve \
		   due_promise next_due; do
		cp "$FQ_DB" "$BATS_TEST_TMPDIR/before.db"
		case $col in
		summary|details|guest_name|room|phone) v="'改过'" ;;
		via) v="'letter'" ;;
		category) v="'complaint'" ;;
		status) v="'declined'" ;;
		major|first_contact) v="1 - $col" ;;
		*) v="coalesce($col, 1795700000) + 60" ;;
		esac
		sqlite3 "$FQ_DB" "UPDATE cases SET $col = $v WHERE id IN (1, 2)"
		run -1 --separate-stderr fq verify --format json
		assert_equal "$(jq -r "[.problems[] | select(startswith(\"case #2: $col is \"))] | length" <<<"$output")" 1
		assert_equal "$(jq -r "[.problems[] | select(test(\"events say\") | not)] | length" <<<"$output")" 0
		cp "$BATS_TEST_TMPDIR/before.db" "$FQ_DB"
		rm -f "$FQ_DB-wal" "$FQ_DB-shm"
	done
	run -0 --separate-stderr fq verify
}

@test "tamper: a case row deleted by hand is named, and --repair writes it again" {
	sqlite3 "$FQ_DB" "PRAGMA foreign_keys = OFF; DELETE FROM cases WHERE id = 2"
	run -1 --separate-stderr fq verify
	assert_output --partial "case #2: its row is missing from the cases table"
	run -0 --separate-stderr at 2026-11-27T10:00:00+08:00 fq --as zhou.min verify --repair
	assert_line --index 0 --partial "repaired: case #2 rebuilt from its events"
	assert_equal "$(field 2 .summary)" "客人要一瓶胶水"
	assert_equal "$(field 2 .department)" front_desk
	run -0 --separate-stderr fq verify
}

@test "tamper: a backdated event is named: the case's timeline runs backwards (1)" {
	# FQ_NOW on a personal database is taken as given; verify still names it
	run -0 at 2026-11-27T09:10:00+08:00 fq follow 1 "补记：03:30 已通知保安"
	run -0 at 2026-11-27T03:30:00+08:00 fq follow 1 "补记：03:30 已通知保安"
	run -1 --separate-stderr fq verify
	assert_output --regexp "event 10 \(case #1, seq 8\): its time 2026-11-27T03:30:00\+08:00 is before that of the case's event 9"
	refute_output --partial altered
}

@test "tamper: a rewrite with every digest recomputed verifies, but not against a published head" {
	at 2026-11-27T09:30:00+08:00 fq verify --publish | grep '^fq-head' >"$BATS_TEST_TMPDIR/heads.log"
	# The same night with one follow-up changed, every digest computed
	# afresh (by fq itself), put in the place of the database.
	local real=$FQ_DB
	export FQ_DB="$BATS_TEST_TMPDIR/rewritten.db"
	fq init >/dev/null
	some_night "保安查看后说门已锁"
	sqlite3 "$FQ_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	export FQ_DB=$real
	cp "$BATS_TEST_TMPDIR/rewritten.db" "$FQ_DB"
	rm -f "$FQ_DB-wal" "$FQ_DB-shm"
	run -0 --separate-stderr fq verify
	run -1 --separate-stderr fq verify --against "$BATS_TEST_TMPDIR/heads.log"
	assert_output --regexp "the head published at 2026-11-27T09:30:00\+08:00 \(event 8, [0-9a-f]{12}\.\.\.\) does not match"
	assert_output --partial "rewritten after it was published"
	# events removed after a publication are caught too
	drop_triggers
	sqlite3 "$FQ_DB" "DELETE FROM events WHERE id >= 7"
	run -1 --separate-stderr fq verify --against "$BATS_TEST_TMPDIR/heads.log"
	assert_output --partial "is gone: the database has no event 8"
}
