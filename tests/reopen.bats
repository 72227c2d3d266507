#!/usr/bin/env bats
#
# reopen.bats - fq reopen: the owner (a supervisor of the owner's
# department, a manager) opens a closed case again; the reply and resolve
# clocks start anew from the reopening.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# The glue, asked of li.na (housekeeping handles it: she is its handler
# from the start), answered and closed at 03:02.
closed_glue() {
	local id
	id=$(log_case --room 1208 "客人要一瓶胶水")
	at 2026-11-27T03:02:00+08:00 fq reply "$id" "已送一瓶胶水到1208房" >/dev/null
	echo "$id"
}

@test "reopen: a closed case opens again with new reply and resolve deadlines" {
	id=$(closed_glue)
	assert_equal "$(field "$id" .status)" closed
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 \
		fq reopen "$id" "客人说胶水不粘，要换一瓶"
	assert_output --partial "reopened"
	assert_equal "$stderr" ""
	json=$(at 2026-11-27T04:00:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .status <<<"$json")" open
	assert_equal "$(jq -r .closed_at <<<"$json")" null
	assert_equal "$(jq -r .owner <<<"$json")" li.na
	assert_equal "$(jq -r .handler <<<"$json")" li.na
	# item_request: reply within 3m, resolve within 10m, from 04:00
	assert_equal "$(jq -r .due.reply <<<"$json")" 2026-11-27T04:03:00+08:00
	assert_equal "$(jq -r .due.resolve <<<"$json")" 2026-11-27T04:10:00+08:00
	assert_equal "$(jq -r .due.accept <<<"$json")" null
	assert_equal "$(jq -c '.events[-1] | [.kind, .actor, .at, .text]' <<<"$json")" \
		'["reopened","li.na","2026-11-27T04:00:00+08:00","客人说胶水不粘，要换一瓶"]'
	# the chain of holders: closed from 03:02 to 04:00, open again since
	assert_equal "$(jq -c '[.holders[] | [.handler, .from, .to]]' <<<"$json")" \
		'[["li.na","2026-11-27T03:00:00+08:00","2026-11-27T03:02:00+08:00"],["li.na","2026-11-27T04:00:00+08:00",null]]'
	# and it can be answered again
	run -0 --separate-stderr at 2026-11-27T04:02:00+08:00 fq reply "$id" "已换一瓶强力胶"
	assert_equal "$(field "$id" .status)" closed
}

@test "reopen: a case with no handler starts the acceptance clock again" {
	id=$(log_case --via phone "昨晚在棋牌室打牌，手机忘在那里了")
	at 2026-11-27T03:10:00+08:00 fq --as wang.qiang decline "$id" --reason "客人记错了地点" >/dev/null
	at 2026-11-27T03:20:00+08:00 fq --as zhang.wei sign "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T05:00:00+08:00 fq reopen "$id" "客人确认确实在棋牌室"
	json=$(at 2026-11-27T05:00:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .status <<<"$json")" open
	assert_equal "$(jq -r .due.accept <<<"$json")" 2026-11-27T05:05:00+08:00
	assert_equal "$(jq -r .due.reply <<<"$json")" 2026-11-27T05:30:00+08:00
}

@test "reopen: a supervisor of the owner's department, or a manager, may reopen" {
	a=$(closed_glue)
	b=$(closed_glue)
	run -0 --separate-stderr fq --as wang.fang reopen "$a" "客人投诉胶水不好用"
	assert_equal "$(field "$a" .status)" open
	assert_equal "$(field "$a" '.events[-1].actor')" wang.fang
	run -0 --separate-stderr fq --as zhou.min reopen "$b" "客人投诉胶水不好用"
	assert_equal "$(field "$b" .status)" open
}

@test "reopen: the handler who is not the owner, and outsiders, are refused (77)" {
	id=$(log_case --via phone "昨晚在棋牌室打牌，手机忘在那里了")
	fq --as wang.qiang accept "$id" >/dev/null
	fq --as wang.qiang reply "$id" "手机已找到" >/dev/null
	fq callback "$id" "客人满意" >/dev/null
	assert_equal "$(field "$id" .status)" closed
	snap=$(db_digest)
	run -77 --separate-stderr fq --as wang.qiang reopen "$id" "再查一次"
	assert_equal "$output" ""
	[[ $stderr == "fq: reopen: "* ]]
	[[ $stderr == *"李娜"* ]]
	run -77 --separate-stderr fq --as zhang.wei reopen "$id" "再查一次"
	run -77 --separate-stderr fq --as cao.gang reopen "$id" "再查一次"
	assert_equal "$(db_digest)" "$snap"
}

@test "reopen: an open case is refused (65), naming the state" {
	id=$(log_case "客人要一瓶胶水")
	snap=$(db_digest)
	run -65 --separate-stderr fq reopen "$id" "再开一次"
	[[ $stderr == *"open"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "reopen: a replied case is refused (65), naming the state and fq callback" {
	id=$(log_case --via phone "昨晚在棋牌室打牌，手机忘在那里了")
	fq reply "$id" "已安排安保查找" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq reopen "$id" "再开一次"
	[[ $stderr == *"replied"* ]]
	[[ $stderr == *"fq callback"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "reopen: a declined case is refused (65), naming the state and fq sign" {
	id=$(log_case "客人要一瓶胶水")
	fq decline "$id" --reason "库存为零" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq reopen "$id" "再开一次"
	[[ $stderr == *"declined"* ]]
	[[ $stderr == *"fq sign"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "reopen: an empty note is bad data (65)" {
	id=$(closed_glue)
	snap=$(db_digest)
	run -65 --separate-stderr fq reopen "$id" ""
	assert_equal "$(db_digest)" "$snap"
}

@test "reopen: usage errors (64): no note, unknown option, extra argument" {
	id=$(closed_glue)
	snap=$(db_digest)
	run -64 --separate-stderr fq reopen "$id"
	[[ $stderr == *"usage: fq reopen"* ]]
	run -64 --separate-stderr fq reopen "$id" "客人不满意" --force
	[[ $stderr == *"--force"* ]]
	run -64 --separate-stderr fq reopen "$id" "客人不满意" "多余"
	assert_equal "$(db_digest)" "$snap"
}

@test "reopen: no such case (66)" {
	run -66 --separate-stderr fq reopen 3 "客人不满意"
}
