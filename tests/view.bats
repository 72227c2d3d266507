#!/usr/bin/env bats
#
# view.bats - the view layer (lib/view/): show's sections are tables in
# every format for people, the styles of a human view, the titles of
# lists, and that nothing else in lib/ writes to standard output.

load helper
bats_require_minimum_version 1.5.0

setup() {
	fq_setup
	# The forgotten phone: 失物招领 at 安保部, reply due 03:30.
	id=$(log_case --via phone --guest 周先生 --room 1208 \
		--phone 13912345678 "昨晚在棋牌室打牌，手机忘在那里了")
}

@test "view: show prints its sections as tables whatever --format says" {
	run -0 --separate-stderr fq show "$id" --format table
	assert_equal "$stderr" ""
	assert_line "  holders"
	assert_line --regexp '^holder +from–to +held +clock used$'
	assert_line "  timeline"
	assert_line --regexp '^at +who +step +what$'
	table=$output
	for f in tsv csv markdown; do
		run -0 --separate-stderr fq show "$id" --format "$f"
		assert_equal "$output" "$table"
	done
}

@test "view: show --color always: the heading in bold, late deadlines in red up to the end of their line" {
	run -0 --separate-stderr at 2026-11-28T04:00:00+08:00 \
		fq --color always show "$id"
	assert_line --index 0 --regexp $'^\033\\[1m#1 昨晚.*\033\\[0m   open$'
	# the red stops at the end of each late line: the next starts plain
	assert_output --partial $'\n    accept   due \033[31m2026-11-27 03:05  LATE\033[0m\n'
	assert_output --partial $'\n    reply    due \033[31m2026-11-27 03:30  LATE\033[0m\n'
	assert_output --partial $'\n    resolve  due \033[31m2026-11-28 03:00  LATE\033[0m\n  holders\n'
	# no line ends with a style on: its last escape is always a reset
	refute_line --regexp $'\033\\[[0-9;]*[1-9]m[^\033]*$'
	run -0 --separate-stderr at 2026-11-28T04:00:00+08:00 \
		fq --color never show "$id"
	refute_output --partial $'\033'
	assert_output --partial $'resolve  due 2026-11-28 03:00  LATE\n  holders\n'
}

@test "view: a list's title is for people: a table and Markdown have it, TSV and JSON do not" {
	run -0 --separate-stderr fq policy show --format table
	assert_equal "$(sed -n 1p <<<"$output")" "锦江大酒店 服务承诺"
	assert_equal "$(sed -n 2p <<<"$output")" ""
	run -0 --separate-stderr fq policy show --format markdown
	assert_equal "$(sed -n 1p <<<"$output")" "## 锦江大酒店 服务承诺"
	assert_equal "$(sed -n 2p <<<"$output")" ""
	assert_equal "$(sed -n 3p <<<"$output" | cut -c1 )" "|"
	run -0 --separate-stderr fq policy show --format tsv
	refute_output --partial "服务承诺"
	run -0 --separate-stderr fq policy show --format json
	assert_equal "$(jq -r type <<<"$output")" "array"
}

@test "view: a step's confirmation is two lines for people, the case in JSON, nothing with -q" {
	run -0 --separate-stderr at 2026-11-27T03:04:00+08:00 \
		fq --as wang.qiang accept "$id"
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 "#1 accepted by 王强 (安保部)"
	assert_line --index 1 --regexp '^    open · 安保部 · 王强 · owner 李娜 · reply due 03:30'
	id2=$(log_case "手机又丢了")
	run -0 --separate-stderr at 2026-11-27T03:04:00+08:00 \
		fq --as wang.qiang --format json accept "$id2"
	assert_equal "$(jq -r .status <<<"$output")" "open"
	id3=$(log_case "手机还丢了")
	run -0 --separate-stderr at 2026-11-27T03:04:00+08:00 \
		fq --as wang.qiang -q accept "$id3"
	assert_output ""
}

@test "view: outside lib/view/, lib/ never writes to standard output" {
	cd "$TOP"
	files=$(ls lib/*.c lib/*/*.c | grep -v '^lib/view/')
	# shellcheck disable=SC2086
	run -1 grep -nE '(^|[^_a-z])(printf|puts|putchar|vprintf)\(|stdout' \
		$files
	assert_output ""
}
