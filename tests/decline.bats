#!/usr/bin/env bats
#
# decline.bats - fq decline: a refusal with its written reason (否定报备);
# the case is `declined` until a supervisor signs it off.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

@test "decline: the case is declined with its reason; the clocks stop" {
	id=$(log_phone)
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 \
		fq --as wang.qiang decline "$id" --reason "棋牌室当晚未营业，客人记错了地点"
	assert_output --partial "fq sign"
	assert_equal "$stderr" ""
	json=$(at 2026-11-27T05:00:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .status <<<"$json")" declined
	assert_equal "$(jq -r .owner <<<"$json")" li.na
	assert_equal "$(jq -r .closed_at <<<"$json")" null
	assert_equal "$(jq -c '[.due[]]' <<<"$json")" '[null,null,null,null]'
	assert_equal "$(jq -c .late <<<"$json")" '[]'
	assert_equal "$(jq -c '.events[-1] | [.kind, .actor, .at, .reason]' <<<"$json")" \
		'["declined","wang.qiang","2026-11-27T03:10:00+08:00","棋牌室当晚未营业，客人记错了地点"]'
}

@test "decline: a waiting case stops waiting when declined" {
	id=$(log_phone)
	at 2026-11-27T03:05:00+08:00 fq wait "$id" --reason "等客人回电确认" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 fq decline "$id" --reason "客人不再需要"
	assert_equal "$(at 2026-11-27T03:10:00+08:00 fq show "$id" --format json | jq -r .waiting)" false
}

@test "decline: the owner, a member, a supervisor, a manager may" {
	for who in li.na gao.feng zhang.wei yang.fan; do
		id=$(log_phone)
		run -0 --separate-stderr fq --as "$who" decline "$id" --reason "客人已离店"
		assert_equal "$(field "$id" .status)" declined
		assert_equal "$(field "$id" '.events[-1].actor')" "$who"
	done
}

@test "decline: someone outside the case and its department is refused (77)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as cao.gang decline "$id" --reason "不关厨房的事"
	assert_equal "$output" ""
	[[ $stderr == "fq: decline: "* ]]
	[[ $stderr == *"may not"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "decline: without --reason is a usage error (64)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq decline "$id"
	[[ $stderr == *"--reason"* ]]
	assert_equal "$(db_digest)" "$snap"
	assert_equal "$(field "$id" .status)" open
}

@test "decline: an empty reason is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq decline "$id" --reason ""
	[[ $stderr == *"--reason"* ]]
	assert_equal "$(db_digest)" "$snap"
	run -65 --separate-stderr fq decline "$id" --reason=""
	assert_equal "$(db_digest)" "$snap"
}

@test "decline: a closed case is refused (65), naming the state and fq reopen" {
	id=$(log_case "客人要一瓶胶水" --resolved "已送到房间")
	snap=$(db_digest)
	run -65 --separate-stderr fq decline "$id" --reason "没有胶水"
	[[ $stderr == *"closed"* ]]
	[[ $stderr == *"fq reopen"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "decline: a replied case is refused (65), naming the state and fq callback" {
	id=$(log_phone)
	fq reply "$id" "已安排安保查找" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq decline "$id" --reason "找不到"
	[[ $stderr == *"replied"* ]]
	[[ $stderr == *"fq callback"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "decline: declining twice is refused (65), naming the state and fq sign" {
	id=$(log_phone)
	fq decline "$id" --reason "客人已离店" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq decline "$id" --reason "再拒一次"
	[[ $stderr == *"declined"* ]]
	[[ $stderr == *"fq sign"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "decline: usage errors (64): no ID, unknown option, extra argument" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq decline --reason "客人已离店"
	[[ $stderr == *"usage: fq decline"* ]]
	run -64 --separate-stderr fq decline "$id" --reason "客人已离店" --silently
	[[ $stderr == *"--silently"* ]]
	run -64 --separate-stderr fq decline "$id" "$id" --reason "客人已离店"
	run -64 --separate-stderr fq decline "$id" --reason
	assert_equal "$(db_digest)" "$snap"
}

@test "decline: no such case (66)" {
	run -66 --separate-stderr fq decline 12 --reason "客人已离店"
}
