#!/usr/bin/env bats
#
# verify.bats - fq verify on an undamaged record: exit 0, the head digest
# of the hash chain, the JSON form; usage.  Damage is in tamper.bats.

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
	run -64 --separate-stderr fq verify --repair
	[[ $stderr == *"--repair"* ]]
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
