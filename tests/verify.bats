#!/usr/bin/env bats
#
# verify.bats - fq verify on an undamaged record: exit 0, the head digest
# of the hash chain, the JSON form; usage; the note on a personal
# database; heads published outside the database (--publish, --mail,
# --against); --repair with nothing to repair.  Damage is in tamper.bats.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

@test "verify: an undamaged record: exit 0 and the chain's head digest" {
	some_night
	snap=$(db_digest)
	run -0 --separate-stderr fq verify
	assert_equal "$stderr" ""
	head=$(db_value "SELECT digest FROM events ORDER BY id DESC LIMIT 1")
	[[ $head =~ ^[0-9a-f]{64}$ ]]
	assert_output --partial "$head"
	[[ $output =~ [0-9a-f]{64} ]]
	n=$(db_value "SELECT count(*) FROM events")
	assert_equal "$n" 8
	assert_output --partial "$n events"
	assert_output --partial "2 cases"
	# verify reads only
	assert_equal "$(db_digest)" "$snap"
}

@test "verify: --format json gives ok, counts, head and no problems" {
	some_night
	run -0 --separate-stderr fq verify --format json
	assert_equal "$(jq -r .ok <<<"$output")" true
	assert_equal "$(jq -r .events <<<"$output")" "$(db_value 'SELECT count(*) FROM events')"
	assert_equal "$(jq -r .cases <<<"$output")" 2
	assert_equal "$(jq -r .head <<<"$output")" \
		"$(db_value 'SELECT digest FROM events ORDER BY id DESC LIMIT 1')"
	assert_equal "$(jq -c .problems <<<"$output")" '[]'
}

@test "verify: the head digest moves with every new event" {
	some_night
	h1=$(fq verify --format json | jq -r .head)
	at 2026-11-27T10:00:00+08:00 fq follow 2 "前台已找大堂副理借胶水" >/dev/null
	h2=$(fq verify --format json | jq -r .head)
	[ "$h1" != "$h2" ]
	assert_equal "$(db_value 'SELECT prev FROM events ORDER BY id DESC LIMIT 1')" "$h1"
}

@test "verify: each event's prev is the digest of the event before it" {
	some_night
	run -0 db_value "SELECT count(*) FROM events e JOIN events p ON p.id = e.id - 1 WHERE e.prev <> p.digest"
	assert_output 0
	run -0 db_value "SELECT count(DISTINCT digest) = count(*) FROM events"
	assert_output 1
}

@test "verify: an empty database is fine" {
	run -0 --separate-stderr fq verify --format json
	assert_equal "$(jq -r .ok <<<"$output")" true
	assert_equal "$(jq -r .events <<<"$output")" 0
}

@test "verify: any staff member may verify; someone not in the policy may not (77)" {
	some_night
	run -0 --separate-stderr fq --as cao.gang verify
	run -77 --separate-stderr fq --as outsider verify
	[[ $stderr == *"outsider"* ]]
}

@test "verify: usage errors (64): an argument, an unknown option" {
	some_night
	run -64 --separate-stderr fq verify 1
	[[ $stderr == *"usage: fq verify"* ]]
	run -64 --separate-stderr fq verify --repaired
	[[ $stderr == *"--repaired"* ]]
	run -64 --separate-stderr fq verify --mail
	[[ $stderr == *"--publish"* ]]
	run -64 --separate-stderr fq verify --against
}

@test "verify: no database (66)" {
	rm -f "$FQ_DB"
	run -66 --separate-stderr fq verify
	[[ $stderr == "fq: verify: "* ]]
	[ ! -e "$FQ_DB" ]
}

@test "verify --head: a head written down earlier is still in the chain (0)" {
	some_night
	head=$(fq --format json verify | jq -r .head)
	at 2026-11-27T10:00:00+08:00 fq follow 1 "第二天复查：客人已离店" >/dev/null
	run -0 --separate-stderr fq verify --head "$head"
	refute_output --partial DAMAGED
}

@test "verify --head: a head the chain no longer holds is damage (1), named" {
	some_night
	run -1 --separate-stderr fq verify --head "$(printf '%064d' 7)"
	assert_output --partial "the recorded head $(printf '%064d' 7) is not in the chain"
}

@test "verify --head: a digest that is not 64 hex digits is bad data (65)" {
	some_night
	run -65 --separate-stderr fq verify --head abc123
	assert_output ""
	[[ $stderr == "fq: verify: --head takes the 64 hexadecimal digits"* ]]
	run -64 --separate-stderr fq verify --head
}

@test "verify: a personal database says so, on a line after the result" {
	some_night
	run -0 --separate-stderr fq verify
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp "^ok: 8 events in 2 cases"
	assert_line --index 1 --partial "note: a personal database ('$FQ_DB' is yours"
	assert_line --index 1 --partial "--as and FQ_NOW are honoured"
	assert_equal "$(fq verify --format json | jq -r .database)" personal
	# -q: nothing at all when all is well
	run -0 --separate-stderr fq -q verify
	assert_output ""
}

@test "verify --publish: prints the head line, with the date, event and digest" {
	some_night
	head=$(db_value "SELECT digest FROM events WHERE id = 8")
	run -0 --separate-stderr at 2026-11-28T07:00:00+08:00 fq verify --publish
	assert_equal "$stderr" ""
	assert_line "fq-head: 2026-11-28T07:00:00+08:00 event=8 digest=$head"
	run -0 at 2026-11-28T07:00:00+08:00 fq verify --publish --format json
	assert_equal "$(jq -r .published <<<"$output")" \
		"fq-head: 2026-11-28T07:00:00+08:00 event=8 digest=$head"
}

@test "verify --publish --mail: one message to each manager with an address" {
	some_night
	export FQ_SENDMAIL="cat >>$BATS_TEST_TMPDIR/mail"
	run -0 --separate-stderr at 2026-11-28T07:00:00+08:00 fq verify --publish --mail
	assert_equal "$(grep -c '^To: ' "$BATS_TEST_TMPDIR/mail")" 2
	grep -q '^To: .*<zhou.min@hotel.example>' "$BATS_TEST_TMPDIR/mail"
	grep -q '^To: .*<yang.fan@hotel.example>' "$BATS_TEST_TMPDIR/mail"
	assert_equal "$(grep -c '^fq-head: 2026-11-28T07:00:00+08:00 event=8 ' "$BATS_TEST_TMPDIR/mail")" 2
	# the mailbox is a file --against reads
	run -0 --separate-stderr fq verify --against "$BATS_TEST_TMPDIR/mail"
	assert_line --index 0 --partial "2 published heads match"
}

@test "verify --publish --mail: a failed send is 75, the line printed all the same" {
	some_night
	export FQ_SENDMAIL="exit 3"
	run -75 --separate-stderr fq verify --publish --mail
	assert_output --partial "fq-head: "
	[[ $stderr == "fq: verify: "* ]]
}

@test "verify --against: every head published in a log still holds (0)" {
	some_night
	at 2026-11-27T09:30:00+08:00 fq verify --publish | grep '^fq-head' >"$BATS_TEST_TMPDIR/heads.log"
	at 2026-11-27T10:00:00+08:00 fq follow 2 "前台已找大堂副理借胶水" >/dev/null
	at 2026-11-27T10:30:00+08:00 fq verify --publish | sed 's/^/> /' >>"$BATS_TEST_TMPDIR/heads.log"
	echo "an unrelated line" >>"$BATS_TEST_TMPDIR/heads.log"
	run -0 --separate-stderr fq verify --against "$BATS_TEST_TMPDIR/heads.log"
	assert_line --index 0 --partial "9 events in 2 cases"
	assert_line --index 0 --partial "2 published heads match"
	run -0 fq verify --format json --against - <"$BATS_TEST_TMPDIR/heads.log"
	assert_equal "$(jq -r .heads_checked <<<"$output")" 2
}

@test "verify --against: a file with no head is bad data (65); no file is 66" {
	some_night
	echo "nothing here" >"$BATS_TEST_TMPDIR/empty.log"
	run -65 --separate-stderr fq verify --against "$BATS_TEST_TMPDIR/empty.log"
	[[ $stderr == *"no published head"* ]]
	run -66 --separate-stderr fq verify --against "$BATS_TEST_TMPDIR/missing.log"
	[[ $stderr == *"missing.log"* ]]
}

@test "verify --publish: a damaged record's head is not published (1)" {
	some_night
	sqlite3 "$FQ_DB" "UPDATE cases SET status = 'closed' WHERE id = 2"
	run -1 --separate-stderr fq verify --publish
	refute_output --partial "fq-head:"
	[[ $stderr == *"nothing was published"* ]]
}

@test "verify --repair: a manager; nothing to repair changes nothing (0)" {
	some_night
	snap=$(db_digest)
	run -77 --separate-stderr fq verify --repair
	[[ $stderr == *"only a manager"* ]]
	run -0 --separate-stderr fq --as zhou.min verify --repair
	assert_line --index 0 "repaired: nothing needed repair"
	assert_line --index 1 --partial "ok: 8 events in 2 cases"
	assert_equal "$(db_digest)" "$snap"
}
