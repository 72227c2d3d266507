#!/usr/bin/env bats
#
# trust.bats - what a record is worth when fq is not installed setgid
# (the setgid install is tests/install.bats): the database's files made
# without following a link or re-moding what is there; permission denied
# and a read-only database said as such (77); time that cannot run
# backwards (65) on a database shared with others; the policy's
# may_act_for; and --as on a personal database recording what it always
# did.  The tests of permissions run as the unprivileged account
# `nobody` (root reads everything), so they need root.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup_empty
	OPEN=
}

teardown() {
	[ -z "$OPEN" ] || rm -rf "$OPEN"
}

# Runs a command as the unprivileged account nobody, keeping fq's env.
as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env FQ_DB="$FQ_DB" FQ_POLICY="$FQ_POLICY" FQ_NOW="$FQ_NOW" \
		FQ_USER="$FQ_USER" TZ="$TZ" LC_ALL="$LC_ALL" HOME=/ "$@"
}

# A scratch directory that nobody may enter (bats' own may not be), in
# $OPEN; teardown removes it.
open_dir() {
	OPEN=$(mktemp -d /tmp/fq-trust.XXXXXX)
	chmod 755 "$OPEN"
}

need_root() {
	[ "$(id -u)" = 0 ] || skip "needs root, to run as the account nobody"
	command -v setpriv >/dev/null || skip "needs setpriv(1)"
}

@test "trust: init refuses a dangling symbolic link at the database path, creating nothing (66)" {
	ln -s "$BATS_TEST_TMPDIR/elsewhere/target.db" "$FQ_DB"
	run -66 --separate-stderr fq init
	assert_equal "$output" ""
	[[ $stderr == "fq: init: '$FQ_DB' is a symbolic link"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/elsewhere/target.db" ]
	[ ! -e "$BATS_TEST_TMPDIR/elsewhere" ]
	# a link to a real database is refused the same way
	fq init --example hotel >/dev/null 2>&1 || true
	mkdir -p "$BATS_TEST_TMPDIR/elsewhere"
	FQ_DB="$BATS_TEST_TMPDIR/elsewhere/target.db" fq init >/dev/null
	run -66 --separate-stderr fq init
	[[ $stderr == *"symbolic link"* ]]
}

@test "trust: init leaves an existing database's mode as it is" {
	fq init >/dev/null
	chmod 0600 "$FQ_DB"
	run -0 --separate-stderr fq init
	assert_line --index 0 --partial "exists"
	assert_equal "$(stat -c %a "$FQ_DB")" "600"
}

@test "trust: a directory in the way is permission denied (77), named with its owner, group and mode" {
	need_root
	open_dir
	local d=$OPEN
	mkdir -m 0770 "$d/locked"
	export FQ_DB="$d/locked/fq.db"
	fq init >/dev/null
	run -77 --separate-stderr as_nobody "$FQ_BIN" list
	assert_equal "$output" ""
	[[ $stderr == "fq: list: permission denied: cannot enter '$d/locked' (0770, owner root, group root): you (nobody) would need to be in group 'root' to enter it"* ]]
	[[ $stderr != *"fq init"* ]]
}

@test "trust: a database file that may not be read or written is permission denied (77)" {
	need_root
	open_dir
	local d=$OPEN
	export FQ_DB="$d/fq.db"
	fq init >/dev/null
	chmod 0660 "$FQ_DB"
	run -77 --separate-stderr as_nobody "$FQ_BIN" list
	assert_equal "${stderr_lines[0]}" "fq: list: permission denied: you may not read database '$FQ_DB' (0660, owner root, group root): you (nobody) would need to be in group 'root' to read it"
	chmod 0644 "$FQ_DB"
	run -77 --separate-stderr as_nobody "$FQ_BIN" log 手机丢了
	[[ $stderr == "fq: log: permission denied: you may not write database '$FQ_DB' (0644, owner root, group root): its mode lets only its owner root write it" ]]
}

@test "trust: a read-only database says so (77), and reading it still works" {
	need_root
	open_dir
	local d=$OPEN
	export FQ_DB="$d/fq.db"
	fq init >/dev/null
	log_case 手机丢了 >/dev/null
	chown nobody "$FQ_DB" "$d"
	chmod 0444 "$FQ_DB"
	run -77 --separate-stderr as_nobody "$FQ_BIN" log 又一个手机丢了
	assert_equal "$stderr" "fq: log: database '$FQ_DB' is read-only (0444, owner nobody, group root): nobody may write it, so nothing can be recorded"
	run -0 --separate-stderr as_nobody "$FQ_BIN" list --format tsv
	assert_output --partial 手机丢了
}

@test "trust: on a database shared with others, an event before its case's latest is refused (65)" {
	need_root
	fq init >/dev/null
	id=$(log_case 手机丢了)
	at 2026-11-27T05:00:00+08:00 fq follow "$id" "已通知保安" >/dev/null
	chown nobody "$FQ_DB"
	snap=$(db_digest)
	run -65 --separate-stderr at 2026-11-27T04:59:00+08:00 fq follow "$id" "补记"
	assert_equal "$stderr" "fq: follow: case #1's latest event is at 2026-11-27T05:00:00+08:00, after this one (2026-11-27T04:59:00+08:00): time cannot run backwards; check the clock"
	assert_equal "$(db_digest)" "$snap"
	run -0 at 2026-11-27T05:00:00+08:00 fq follow "$id" "同一分钟"
}

@test "trust: on a shared database, an event more than 5 minutes before the newest is refused (65)" {
	need_root
	fq init >/dev/null
	log_case 手机丢了 >/dev/null
	at 2026-11-27T05:00:00+08:00 fq -q log 客人要一瓶胶水 >/dev/null
	chown nobody "$FQ_DB"
	run -65 --separate-stderr at 2026-11-27T04:54:00+08:00 fq follow 1 "补记"
	[[ $stderr == "fq: follow: the newest event in the database is at 2026-11-27T05:00:00+08:00, more than 5 minutes after this one"* ]]
	# two commands that waited for each other are a little out of order
	run -0 at 2026-11-27T04:56:00+08:00 fq follow 1 "补记"
	run -0 --separate-stderr fq verify
	assert_line --index 1 --partial "note: fq is not installed setgid: whoever may write '$FQ_DB' can rewrite the record"
	assert_equal "$(fq verify --format json | jq -r .database)" shared
}

@test "trust: verify names an event more than 5 minutes out of order on a shared database (1)" {
	need_root
	fq init >/dev/null
	log_case 手机丢了 >/dev/null
	at 2026-11-27T05:00:00+08:00 fq -q log 客人要一瓶胶水 >/dev/null
	# made on a personal database, where FQ_NOW is taken as given
	at 2026-11-27T04:00:00+08:00 fq follow 1 "补记" >/dev/null
	run -0 --separate-stderr fq verify
	chown nobody "$FQ_DB"
	run -1 --separate-stderr fq verify
	assert_output --partial "event 3 (case #1, seq 2): its time 2026-11-27T04:00:00+08:00 is more than 5 minutes before that of event 2 (2026-11-27T05:00:00+08:00), recorded before it"
}

@test "trust: on a personal database, --as records the actor alone, as always" {
	fq init >/dev/null
	id=$(fq -q --as chen.jing log 手机丢了)
	at 2026-11-27T03:05:00+08:00 fq --as zhou.min follow "$id" "经理已知悉" >/dev/null
	run -0 db_value "SELECT actor, data ->> '\$.entered_by' FROM events ORDER BY id"
	assert_line --index 0 "chen.jing|"
	assert_line --index 1 "zhou.min|"
	refute_output --partial entered_by
}

@test "trust: the policy's may_act_for names logins and departments" {
	sed 's/^  li.na: *{\(.*\)}$/  li.na:       {\1, may_act_for: [sun.li, front_desk]}/' \
		"$TOP/policies/hotel.yaml" >"$BATS_TEST_TMPDIR/policy.yaml"
	grep -q 'may_act_for: \[sun.li, front_desk\]' "$BATS_TEST_TMPDIR/policy.yaml"
	run -0 --separate-stderr fq policy check "$BATS_TEST_TMPDIR/policy.yaml"
	sed 's/^  li.na: *{\(.*\)}$/  li.na:       {\1, may_act_for: [sun.li, nobody.here]}/' \
		"$TOP/policies/hotel.yaml" >"$BATS_TEST_TMPDIR/bad.yaml"
	run -78 --separate-stderr fq policy check "$BATS_TEST_TMPDIR/bad.yaml"
	assert_regex "${stderr_lines[0]}" "^$BATS_TEST_TMPDIR/bad.yaml:[0-9]+:[0-9]+: no staff member or department 'nobody.here' in staff.li.na.may_act_for"
	sed 's/^  li.na: *{\(.*\)}$/  li.na:       {\1, may_act_for: sun.li}/' \
		"$TOP/policies/hotel.yaml" >"$BATS_TEST_TMPDIR/bad.yaml"
	run -78 --separate-stderr fq policy check "$BATS_TEST_TMPDIR/bad.yaml"
	[[ ${stderr_lines[0]} == *"staff.li.na.may_act_for"* ]]
}
