#!/usr/bin/env bats
#
# cli.bats - the command line as a whole: usage and help, --version,
# global options before or after the command and over their environment
# variables, error messages and exit codes, '--', FQ_NOW, and runs with no
# locale and no HOME, as under cron.

load helper
bats_require_minimum_version 1.5.0

setup() {
	fq_setup
}

# The commands every fq has (SPEC: the core ones and the lifecycle).
COMMANDS="init log transfer accept follow reply callback escalate decline sign reopen wait resume amend show list route policy overdue report handover verify export import help"

@test "cli: fq alone exits 64 with the command list on stderr" {
	run -64 --separate-stderr fq
	assert_equal "$output" ""
	[[ $stderr == *"usage: fq"* ]] || fail "no usage: $stderr"
	for c in $COMMANDS; do
		grep -qE "^  $c " <<<"$stderr" || fail "'$c' missing from: $stderr"
	done
	# only the list: no message that says nothing
	refute_regex "$stderr" "failed \(exit"
}

@test "cli: fq help lists the commands on stdout (0)" {
	run -0 --separate-stderr fq help
	assert_equal "$stderr" ""
	for c in $COMMANDS; do
		assert_line --regexp "^  $c "
	done
	run -0 --separate-stderr fq --help
	assert_line --regexp "^  log "
}

@test "cli: fq help log and fq log --help print the usage (0)" {
	run -0 --separate-stderr fq help log
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp "^usage: fq log SUMMARY"
	assert_output --partial "--resolved"
	help_first=${lines[0]}
	run -0 --separate-stderr fq log --help
	assert_equal "$stderr" ""
	assert_line --index 0 "$help_first"
	run -0 --separate-stderr fq log -h
	assert_line --index 0 "$help_first"
}

@test "cli: --help needs neither database nor policy nor staff" {
	export FQ_DB="$BATS_TEST_TMPDIR/none.db" FQ_POLICY="$BATS_TEST_TMPDIR/none.yaml" FQ_USER=nobody
	run -0 --separate-stderr fq list --help
	assert_line --index 0 --regexp "^usage: fq list"
	run -0 --separate-stderr fq help show
	assert_line --index 0 --regexp "^usage: fq show ID"
	[ ! -e "$FQ_DB" ]
}

@test "cli: fq help COMMAND works for every command in the list" {
	local c n=0
	for c in $(fq help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'); do
		n=$((n + 1))
		run -0 --separate-stderr fq help "$c"
		assert_line --index 0 --regexp "^usage: fq $c( |\$)"
		run -0 --separate-stderr fq "$c" --help
		assert_line --index 0 --regexp "^usage: fq $c( |\$)"
	done
	[ "$n" -ge 7 ] || fail "only $n commands listed"
}

@test "cli: fq help bogus (64)" {
	run -64 --separate-stderr fq help bogus
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: help: .*bogus"
}

@test "cli: fq bogus (64)" {
	run -64 --separate-stderr fq bogus
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: .*bogus"
	run -64 --separate-stderr fq 日志
	assert_regex "$stderr" "^fq: .*日志"
}

@test "cli: fq --version" {
	run -0 --separate-stderr fq --version
	assert_equal "$stderr" ""
	assert_output --regexp "^fq [0-9]+\.[0-9]+(\.[0-9]+)?"
	assert_equal "${#lines[@]}" "1"
}

@test "cli: global options before and after the command give the same result" {
	log_case --guest 周先生 --room 1208 "昨晚在棋牌室打牌，手机忘在那里了" >/dev/null
	run -0 --separate-stderr fq --format json show 1
	before=$output
	run -0 --separate-stderr fq show 1 --format json
	assert_equal "$output" "$before"
	assert_equal "$(jq -r .summary <<<"$output")" "昨晚在棋牌室打牌，手机忘在那里了"
	run -0 --separate-stderr fq show --format=json 1
	assert_equal "$output" "$before"
	run -0 --separate-stderr fq -q log 要两个馒头
	assert_output "2"
	run -0 --separate-stderr fq log 要一瓶胶水 -q
	assert_output "3"
	run -0 --separate-stderr fq --as chen.jing -q log 请问怎么走
	assert_output "4"
	run -0 --separate-stderr fq log 请问怎么走 --as chen.jing -q
	assert_output "5"
	assert_equal "$(fq show 4 --format json | jq -r .owner)" "chen.jing"
	assert_equal "$(fq show 5 --format json | jq -r .owner)" "chen.jing"
}

@test "cli: --db overrides FQ_DB" {
	other="$BATS_TEST_TMPDIR/other.db"
	fq --db "$other" init >/dev/null
	fq --db "$other" -q log "蒸两个馒头" >/dev/null
	log_case 手机丢了 >/dev/null
	log_case 手机又丢了 >/dev/null
	assert_equal "$(fq list --format json | jq length)" "2"
	assert_equal "$(fq --db "$other" list --format json | jq -c '[.[].summary]')" '["蒸两个馒头"]'
	assert_equal "$(fq list --db "$other" --format json | jq length)" "1"
	FQ_DB="$BATS_TEST_TMPDIR/nowhere.db" run -0 --separate-stderr fq --db "$other" list --format json
	assert_equal "$(jq length <<<"$output")" "1"
}

@test "cli: --policy overrides FQ_POLICY" {
	log_case 手机丢了 >/dev/null
	FQ_POLICY="$BATS_TEST_TMPDIR/nowhere.yaml" run -0 --separate-stderr \
		fq --policy "$TOP/policies/hotel.yaml" route 手机丢了
	assert_output --partial "安保部"
	run -78 --separate-stderr fq --policy "$TOP/tests/policies/bad/bad-bool.yaml" list
	assert_equal "$output" ""
	assert_regex "${stderr_lines[0]}" "bad-bool\.yaml:16:15: "
	run -78 --separate-stderr fq list --policy "$BATS_TEST_TMPDIR/nowhere.yaml"
	assert_regex "$stderr" "nowhere\.yaml"
}

@test "cli: --as overrides FQ_USER" {
	FQ_USER=nobody run -0 --separate-stderr fq --as chen.jing -q log 请问怎么走
	assert_output "1"
	assert_equal "$(fq show 1 --format json | jq -r .owner)" "chen.jing"
	run -77 --separate-stderr fq --as nobody list
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: .*nobody"
	FQ_USER=nobody run -77 --separate-stderr fq list
	assert_regex "$stderr" "^fq: list: .*nobody"
}

@test "cli: --format bogus (64)" {
	run -64 --separate-stderr fq --format bogus list
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: .*bogus"
	run -64 --separate-stderr fq list --format yaml
	assert_regex "$stderr" "^fq: list: .*yaml"
}

@test "cli: --color bogus (64)" {
	run -64 --separate-stderr fq --color bogus list
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: .*bogus"
}

@test "cli: --color always colours a table; never and NO_COLOR do not" {
	log_case 手机丢了 >/dev/null
	run -0 --separate-stderr fq list --format table --color always
	assert_output --partial $'\033['
	run -0 --separate-stderr fq list --format table --color never
	refute_output --partial $'\033['
	run -0 --separate-stderr fq list --format table
	refute_output --partial $'\033['
}

@test "cli: a global option with no value (64)" {
	run -64 --separate-stderr fq list --db
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: .*--db"
}

@test "cli: errors are 'fq: COMMAND: ...' on stderr and nothing on stdout" {
	log_case 手机丢了 >/dev/null
	run -66 --separate-stderr fq show 99
	assert_equal "$output" ""
	assert_regex "${stderr_lines[0]}" "^fq: show: "
	run -65 --separate-stderr fq list --since 昨晚
	assert_equal "$output" ""
	assert_regex "${stderr_lines[0]}" "^fq: list: "
	run -64 --separate-stderr fq route
	assert_equal "$output" ""
	assert_regex "${stderr_lines[0]}" "^fq: route: "
	run -64 --separate-stderr fq log --via 电话 手机丢了
	assert_equal "$output" ""
	assert_regex "${stderr_lines[0]}" "^fq: log: "
	run -64 --separate-stderr fq init --example
	assert_equal "$output" ""
	assert_regex "${stderr_lines[0]}" "^fq: init: "
}

@test "cli: -- lets a summary start with '-'" {
	run -0 --separate-stderr fq -q log -- -5度，空调太冷
	assert_output "1"
	assert_equal "$(fq show 1 --format json | jq -r .summary)" "-5度，空调太冷"
	# after --, even a global option is text
	run -0 --separate-stderr fq -q log -- --format json 是客人写的
	assert_output "2"
	assert_equal "$(fq show 2 --format json | jq -r .summary)" "--format json 是客人写的"
}

@test "cli: a malformed FQ_NOW (65)" {
	log_case 手机丢了 >/dev/null
	snap=$(db_digest)
	FQ_NOW="2026-11-27 三点" run -65 --separate-stderr fq list
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: .*FQ_NOW"
	FQ_NOW="2026-02-30T03:00:00+08:00" run -65 --separate-stderr fq log 要两个馒头
	assert_regex "$stderr" "FQ_NOW"
	assert_equal "$(db_digest)" "$snap"
}

@test "cli: FQ_NOW without an offset is in the policy's time zone, not TZ" {
	FQ_NOW=2026-11-27T03:00 TZ=America/New_York run -0 --separate-stderr \
		fq log --format json 手机忘在棋牌室
	assert_equal "$(jq -r .created_at <<<"$output")" "2026-11-27T03:00:00+08:00"
	assert_equal "$(jq -r .due.reply <<<"$output")" "2026-11-27T03:30:00+08:00"
	FQ_NOW=2026-11-26T19:00:00Z run -0 --separate-stderr fq log --format json 手机忘在棋牌室
	assert_equal "$(jq -r .created_at <<<"$output")" "2026-11-27T03:00:00+08:00"
}

@test "cli: under env -i (as cron, no locale) a Chinese case is logged and listed" {
	local db="$BATS_TEST_TMPDIR/cron.db" pol="$TOP/policies/hotel.yaml"
	# Sanitizer settings pass through, so that a report still reaches
	# the suite's log directory; fq reads nothing from them.
	cron() {
		env -i ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
			${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
			FQ_DB="$db" FQ_POLICY="$pol" FQ_USER=li.na \
			FQ_NOW=2026-11-27T03:00:00+08:00 "$FQ_BIN" "$@"
	}
	run -0 --separate-stderr cron init
	assert_equal "$stderr" ""
	run -0 --separate-stderr cron log --guest 周先生 --room 1208 "昨晚在棋牌室打牌，手机忘在那里了"
	assert_equal "$stderr" ""
	assert_line --index 0 --partial "失物招领 → 安保部"
	run -0 --separate-stderr cron log --guest Smith --room 806 "要一瓶胶水"
	run -0 --separate-stderr cron log --guest 欧阳娜娜 "我要投诉，太差了"
	run -0 --separate-stderr cron list --format json
	assert_equal "$(jq -c '[.[].summary]' <<<"$output")" \
		'["我要投诉，太差了","要一瓶胶水","昨晚在棋牌室打牌，手机忘在那里了"]'
	assert_equal "$(jq -r '.[2].guest.name' <<<"$output")" "周先生"
	assert_equal "$(jq -r '.[2].due.reply' <<<"$output")" "2026-11-27T03:30:00+08:00"
	run -0 --separate-stderr cron list
	assert_line --index 3 --partial "昨晚在棋牌室打牌，手机忘在那里了"
	run -0 --separate-stderr cron list --format table
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" "4"
	assert_output --partial "周先生"
	assert_output --partial "欧阳娜娜"
	assert_aligned "$output"
}

@test "cli: HOME and XDG unset: works with --db and --policy" {
	local db="$BATS_TEST_TMPDIR/nohome.db"
	nohome() {
		env -u HOME -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u FQ_DB -u FQ_POLICY \
			"$FQ_BIN" --db "$db" --policy "$TOP/policies/hotel.yaml" "$@"
	}
	run -0 --separate-stderr nohome init
	assert_output --partial "$db"
	[ -f "$db" ]
	run -0 --separate-stderr nohome -q log "手机忘在棋牌室"
	assert_output "1"
	run -0 --separate-stderr nohome list --format json
	assert_equal "$(jq -r '.[0].summary' <<<"$output")" "手机忘在棋牌室"
	run -0 --separate-stderr nohome route 棋牌室
	assert_output --partial "3669088"
}

@test "cli: -V is --version, before or after the command" {
	run -0 --separate-stderr fq --version
	version=$output
	run -0 --separate-stderr fq -V
	assert_output "$version"
	run -0 --separate-stderr fq list -V
	assert_output "$version"
	assert_equal "$stderr" ""
}

@test "cli: a mistyped command names the nearest ones (64)" {
	run -64 --separate-stderr fq lgo
	assert_output ""
	assert_equal "$stderr" "fq: 'lgo' is not an fq command; did you mean 'log'?"
	run -64 --separate-stderr fq tranfser 1 security
	assert_equal "$stderr" "fq: 'tranfser' is not an fq command; did you mean 'transfer'?"
	run -64 --separate-stderr fq re
	assert_equal "$stderr" "fq: 're' is not an fq command; did you mean 'reply', 'reopen', 'resume' or 'report'?"
	run -64 --separate-stderr fq xyzzy
	assert_equal "$stderr" "fq: 'xyzzy' is not an fq command (see 'fq help')"
	run -64 --separate-stderr fq help lsit
	assert_equal "${stderr_lines[0]}" "fq: help: no command 'lsit'; did you mean 'list'?"
	run -64 --separate-stderr fq --verison
	assert_equal "$stderr" "fq: unknown option '--verison'; did you mean '--version'?"
}

@test "cli: a mistyped option names the nearest ones of its command (64)" {
	run -64 --separate-stderr fq list --stauts open
	assert_output ""
	assert_equal "${stderr_lines[0]}" "fq: list: unknown option '--stauts'; did you mean '--status'?"
	assert_regex "${stderr_lines[1]}" "^usage: fq list "
	run -64 --separate-stderr fq log --gest 周先生 手机丢了
	assert_equal "${stderr_lines[0]}" "fq: log: unknown option '--gest'; did you mean '--guest'?"
	# global options are near too
	run -64 --separate-stderr fq list --fromat=json
	assert_equal "${stderr_lines[0]}" "fq: list: unknown option '--fromat'; did you mean '--format'?"
	# an ambiguous start names every option it starts
	run -64 --separate-stderr fq list --s x
	assert_equal "${stderr_lines[0]}" "fq: list: unknown option '--s'; did you mean '--status' or '--since'?"
	run -64 --separate-stderr fq list --frobnicate
	assert_equal "${stderr_lines[0]}" "fq: list: unknown option '--frobnicate'"
	run -64 --separate-stderr fq log --major=yes 手机丢了
	assert_equal "${stderr_lines[0]}" "fq: log: option '--major' takes no value"
}

@test "cli: a value outside an option's fixed words is a usage error (64), named" {
	log_phone >/dev/null
	snap=$(db_digest)
	run -64 --separate-stderr fq list --status bogus
	assert_output ""
	assert_equal "${stderr_lines[0]}" "fq: list: --status takes open, replied, closed, declined or all, not 'bogus'"
	run -64 --separate-stderr fq list --status opne
	assert_equal "${stderr_lines[0]}" "fq: list: --status takes open, replied, closed, declined or all, not 'opne'; did you mean 'open'?"
	run -64 --separate-stderr fq log --via fax 手机丢了
	assert_equal "${stderr_lines[0]}" "fq: log: --via takes desk, phone, online, letter or other, not 'fax'"
	run -64 --separate-stderr fq amend 1 --via fax --note 更正
	run -64 --separate-stderr fq reply 1 已找到 --by fax
	run -64 --separate-stderr fq report --by floor
	run -64 --separate-stderr fq init --example hostel
	assert_equal "${stderr_lines[0]}" "fq: init: --example takes hotel, government or property, not 'hostel'; did you mean 'hotel'?"
	assert_equal "$(db_digest)" "$snap"
}

@test "cli: an unknown --owner or --handler is bad data (65), like an unknown --dept" {
	log_phone >/dev/null
	for c in list export; do
		run -65 --separate-stderr fq $c --owner nobody
		assert_output ""
		assert_equal "$stderr" "fq: $c: --owner: no staff 'nobody' in the policy"
		run -65 --separate-stderr fq $c --handler wang.qaing
		assert_equal "$stderr" "fq: $c: --handler: no staff 'wang.qaing' in the policy"
		run -65 --separate-stderr fq $c --dept kitchn
	done
	run -65 --separate-stderr fq overdue --owner nobody
	assert_equal "$stderr" "fq: overdue: --owner: no staff 'nobody' in the policy"
	# staff who own nothing are no error
	run -0 --separate-stderr fq list --owner yang.fan --format json
	assert_output "[]"
}

@test "cli: show --format tsv, csv or markdown is refused (64), never ignored" {
	log_phone >/dev/null
	for f in tsv csv markdown; do
		run -64 --separate-stderr fq show 1 --format $f
		assert_output ""
		assert_equal "${stderr_lines[0]}" "fq: show: a case is shown as table, json or jsonl, not as '$f' (tsv, csv and markdown are for lists, as of fq list)"
		run -64 --separate-stderr fq follow 1 --format $f
	done
	# on a pipe, without --format, it is the view for people, as before
	run -0 --separate-stderr fq show 1
	assert_line --index 0 --partial "#1"
	table=$output
	run -0 --separate-stderr fq show 1 --format table
	assert_output "$table"
	run -0 --separate-stderr fq show 1 --format jsonl
	assert_equal "$(jq -r .id <<<"$output")" 1
}

@test "cli: --help lists every option of every command, one line each, within 80 columns" {
	local c o n=0
	for c in $(fq help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'); do
		run -0 --separate-stderr fq "$c" --help
		help=$output
		# every option of the usage (the man page's SYNOPSIS) has its line
		for o in $(grep -o -- '--[a-z][a-z-]*' <<<"${lines[*]}" | sort -u); do
			grep -qE -- "^  $o( |\$)" <<<"$help" || fail "$c --help: no line for $o:"$'\n'"$help"
			n=$((n + 1))
		done
		# and nothing is listed that the usage lacks
		for o in $(grep -oE -- '^  --[a-z][a-z-]*' <<<"$help"); do
			grep -q -- "\[*$o[] ]\|$o\$" <<<"$(fq help "$c" | sed -n '1,/^$/p')" ||
				fail "$c --help lists $o, its usage does not"
		done
		awk 'length > 80 { print; bad = 1 } END { exit bad }' <<<"$help" ||
			fail "$c --help is wider than 80 columns"
	done
	[ "$n" -ge 40 ] || fail "only $n options seen"
	run -0 --separate-stderr fq --help
	for o in --db --policy --as --format --quiet --color --raw-csv --bom --help --version; do
		assert_line --regexp "^  (-[a-zA-Z], )?$o( |\$)"
	done
	awk 'length > 80 { print; bad = 1 } END { exit bad }' <<<"$output"
}

@test "cli: after fq init, who is not staff is told how to go on (77)" {
	rm -f "$FQ_DB"
	FQ_USER=root run -0 --separate-stderr fq init
	FQ_USER=root run -77 --separate-stderr fq log 要两个馒头
	assert_output ""
	assert_equal "${stderr_lines[0]}" "fq: log: 'root' is not staff in the policy '$FQ_POLICY'; act as a member with --as or FQ_USER"
	assert_equal "${stderr_lines[1]}" "fq: log: its staff: chen.jing, liu.yang, zhao.li, ... (fq --as chen.jing log); or add 'root' under staff: in the policy"
	# and the hint works
	FQ_USER=root run -0 --separate-stderr fq --as chen.jing -q log 要两个馒头
	assert_output "1"
}
