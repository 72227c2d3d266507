#!/usr/bin/env bats
#
# follow.bats - fq follow: a follow-up note (any staff member, recorded
# with who wrote it); with an id alone, the case; with nothing, what the
# actor still owes.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

@test "follow: a note is recorded with its author and time; nothing else changes" {
	id=$(log_phone)
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	before=$(at 2026-11-27T03:12:00+08:00 fq show "$id" --format json |
		jq -c '{status, department, handler, owner, due}')
	run -0 --separate-stderr at 2026-11-27T03:12:00+08:00 \
		fq follow "$id" "已请保安去棋牌室查看，门未锁"
	assert_output --partial "#$id"
	assert_equal "$stderr" ""
	json=$(at 2026-11-27T03:12:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -c '{status, department, handler, owner, due}' <<<"$json")" "$before"
	assert_equal "$(jq -c '.events[-1] | [.kind, .actor, .at, .text]' <<<"$json")" \
		'["followed","li.na","2026-11-27T03:12:00+08:00","已请保安去棋牌室查看，门未锁"]'
	assert_equal "$(jq '.events | length' <<<"$json")" 3
}

@test "follow: any staff member may add a note, and the record shows who" {
	id=$(log_phone)
	run -0 --separate-stderr fq --as cao.gang follow "$id" "厨房夜班看到有人在棋牌室门口"
	assert_equal "$(field "$id" '.events[-1].actor')" cao.gang
	assert_equal "$(field "$id" '.events[-1].kind')" followed
}

@test "follow: a note may span lines" {
	id=$(log_phone)
	run -0 --separate-stderr fq follow "$id" $'第一行：已联系安保\n第二行：等待回复'
	assert_equal "$(field "$id" '.events[-1].text')" $'第一行：已联系安保\n第二行：等待回复'
}

@test "follow: Chinese text round-trips with no locale set, as under cron" {
	id=$(log_phone)
	run -0 --separate-stderr env -u LC_ALL -u LC_CTYPE -u LANG \
		"$FQ_BIN" follow "$id" "夜班已交接：监控显示03:10有人进入棋牌室"
	assert_equal "$(field "$id" '.events[-1].text')" "夜班已交接：监控显示03:10有人进入棋牌室"
	run -0 --separate-stderr env -u LC_ALL -u LC_CTYPE -u LANG \
		"$FQ_BIN" show "$id" --format json
	assert_equal "$(jq -r '.events[-1].text' <<<"$output")" "夜班已交接：监控显示03:10有人进入棋牌室"
}

@test "follow: with an id alone, shows the case and writes nothing" {
	id=$(log_phone)
	snap=$(db_digest)
	run -0 --separate-stderr fq follow "$id"
	assert_output --partial "昨晚在棋牌室打牌，手机忘在那里了"
	assert_output --partial "安保部"
	assert_equal "$(db_digest)" "$snap"
}

@test "follow: with nothing, the actor's open cases (owned or handled), with the last note" {
	a=$(log_phone)
	b=$(log_case "客人问早餐几点开始" --resolved "早餐6:30在二楼西餐厅")
	c=$(fq -q --as cao.gang log "客人要两个馒头送到510房")
	fq follow "$a" "已请保安去棋牌室查看" >/dev/null
	fq --as wang.qiang accept "$a" >/dev/null
	run -0 --separate-stderr fq follow --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" "[$a]"
	assert_equal "$(jq -r '.[0].last_note' <<<"$output")" "已请保安去棋牌室查看"
	assert_equal "$(jq -r '.[0].summary' <<<"$output")" "昨晚在棋牌室打牌，手机忘在那里了"
	run -0 --separate-stderr fq --as wang.qiang follow --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" "[$a]"
	run -0 --separate-stderr fq --as cao.gang follow --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" "[$c]"
	[ "$b" != "$a" ]
}

@test "follow: an empty note is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq follow "$id" ""
	[[ $stderr == "fq: follow: "* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "follow: a note that is not UTF-8 is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq follow "$id" $'\xff\xfe已联系'
	[[ $stderr == *"UTF-8"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "follow: an actor who is not staff is refused (77)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as visitor follow "$id" "我来看看"
	[[ $stderr == *"visitor"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "follow: usage errors (64): unknown option, too many arguments" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq follow "$id" "已联系" --urgent
	[[ $stderr == *"--urgent"* ]]
	run -64 --separate-stderr fq follow "$id" "已联系" "第二条"
	[[ $stderr == *"usage: fq follow"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "follow: no such case (66)" {
	run -66 --separate-stderr fq follow 77 "已联系"
	[[ $stderr == *"77"* ]]
	run -66 --separate-stderr fq follow 77
}
