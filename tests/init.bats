#!/usr/bin/env bats
#
# init.bats - fq init: the database (schema, pragmas, mode 0660), the
# example policy installed where none is, and what happens before init or
# on a database written by a newer fq.

load helper
bats_require_minimum_version 1.5.0

setup() {
	fq_setup_empty
}

@test "init: creates the database with mode 0660 and says so" {
	run -0 --separate-stderr fq init
	assert_equal "$stderr" ""
	assert_line --index 0 --partial "$FQ_DB"
	assert_line --index 0 --partial "created"
	[ -f "$FQ_DB" ]
	assert_equal "$(stat -c %a "$FQ_DB")" "660"
}

@test "init: mode 0660 whatever the umask" {
	umask 077
	run -0 --separate-stderr fq init
	assert_equal "$(stat -c %a "$FQ_DB")" "660"
}

@test "init: schema user_version 5, WAL mode, tables cases and events" {
	fq init >/dev/null
	assert_equal "$(db_value 'PRAGMA user_version')" "5"
	assert_equal "$(db_value 'PRAGMA journal_mode')" "wal"
	run -0 db_value "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
	assert_line "cases"
	assert_line "events"
	assert_line "search_cases"
	assert_line "search_grams"
}

@test "init: without FQ_DB the database goes to \$XDG_DATA_HOME/fq/fq.db" {
	unset FQ_DB
	run -0 --separate-stderr fq init
	[ -f "$XDG_DATA_HOME/fq/fq.db" ]
	assert_equal "$(stat -c %a "$XDG_DATA_HOME/fq/fq.db")" "660"
	assert_line --index 0 --partial "$XDG_DATA_HOME/fq/fq.db"
}

@test "init: installs the hotel example at the XDG config path when no policy is found" {
	[ ! -e /etc/fq/policy.yaml ] || skip "a system policy exists at /etc/fq/policy.yaml"
	unset FQ_POLICY
	local installed="$XDG_CONFIG_HOME/fq/policy.yaml"
	[ ! -e "$installed" ]
	run -0 --separate-stderr fq init
	assert_equal "$stderr" ""
	assert_output --partial "$installed"
	[ -f "$installed" ]
	cmp "$installed" "$TOP/policies/hotel.yaml"
	# and fq now runs on it, with no FQ_POLICY at all
	run -0 --separate-stderr fq policy check
	assert_output --partial "锦江大酒店"
	run -0 --separate-stderr fq -q log 手机忘在棋牌室
	assert_output "1"
}

@test "init: installs the example where FQ_POLICY points at a missing file" {
	export FQ_POLICY="$BATS_TEST_TMPDIR/etc/fq/policy.yaml"
	run -0 --separate-stderr fq init
	[ -f "$FQ_POLICY" ]
	cmp "$FQ_POLICY" "$TOP/policies/hotel.yaml"
}

@test "init: --example government installs the government hall's policy" {
	unset FQ_POLICY
	[ ! -e /etc/fq/policy.yaml ] || skip "a system policy exists at /etc/fq/policy.yaml"
	run -0 --separate-stderr fq init --example government
	cmp "$XDG_CONFIG_HOME/fq/policy.yaml" "$TOP/policies/government.yaml"
	assert_output --partial "government"
}

@test "init: --example property installs the property office's policy" {
	unset FQ_POLICY
	[ ! -e /etc/fq/policy.yaml ] || skip "a system policy exists at /etc/fq/policy.yaml"
	run -0 --separate-stderr fq init --example property
	cmp "$XDG_CONFIG_HOME/fq/policy.yaml" "$TOP/policies/property.yaml"
}

@test "init: an existing policy is left as it is" {
	mkdir -p "$XDG_CONFIG_HOME/fq"
	printf '# 我自己的策略\n' >"$XDG_CONFIG_HOME/fq/policy.yaml"
	export FQ_POLICY="$XDG_CONFIG_HOME/fq/policy.yaml"
	run -0 --separate-stderr fq init --example property
	assert_equal "$(cat "$FQ_POLICY")" "# 我自己的策略"
	assert_output --partial "exists"
}

@test "init: an unknown example is a usage error (64), and nothing is created" {
	unset FQ_POLICY
	run -64 --separate-stderr fq init --example casino
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: init: .*casino"
	[ ! -e "$FQ_DB" ]
	[ ! -e "$XDG_CONFIG_HOME/fq/policy.yaml" ]
}

@test "init: an extra argument is a usage error (64)" {
	run -64 --separate-stderr fq init 酒店
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: init: "
	[ ! -e "$FQ_DB" ]
}

@test "init: running it twice is safe; the second run says the database exists" {
	fq init >/dev/null
	id=$(log_case --guest 周先生 --room 1208 "昨晚在棋牌室打牌，手机忘在那里了")
	assert_equal "$id" "1"
	snap=$(db_digest)
	run -0 --separate-stderr fq init
	assert_equal "$stderr" ""
	assert_line --index 0 --partial "exists"
	refute_line --index 0 --partial "created"
	assert_equal "$(db_digest)" "$snap"
	assert_equal "$(db_value 'SELECT summary FROM cases WHERE id = 1')" \
		"昨晚在棋牌室打牌，手机忘在那里了"
	assert_equal "$(stat -c %a "$FQ_DB")" "660"
}

@test "init: a path that is a directory is refused" {
	mkdir -p "$BATS_TEST_TMPDIR/目录.db"
	export FQ_DB="$BATS_TEST_TMPDIR/目录.db"
	run --separate-stderr fq init
	[ "$status" -ne 0 ]
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: init: .*目录\.db"
}

@test "init: a command before init exits 66 and names fq init" {
	run -66 --separate-stderr fq list
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: "
	[[ $stderr == *"fq init"* ]]
	[ ! -e "$FQ_DB" ]
	run -66 --separate-stderr fq log 手机丢了
	[[ $stderr == *"fq init"* ]]
	[ ! -e "$FQ_DB" ]
}

@test "init: a database written by a newer fq is refused, and left alone" {
	fq init >/dev/null
	log_case 手机丢了 >/dev/null
	sqlite3 "$FQ_DB" 'PRAGMA user_version = 99'
	snap=$(db_digest)
	run --separate-stderr fq list
	[ "$status" -ne 0 ]
	[ "$status" -ne 70 ]
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: .*newer"
	run --separate-stderr fq log 又一个手机丢了
	[ "$status" -ne 0 ]
	[ "$status" -ne 70 ]
	assert_regex "$stderr" "newer"
	run --separate-stderr fq init
	[ "$status" -ne 0 ]
	[ "$status" -ne 70 ]
	assert_regex "$stderr" "newer"
	assert_equal "$(db_value 'PRAGMA user_version')" "99"
	assert_equal "$(db_digest)" "$snap"
}
