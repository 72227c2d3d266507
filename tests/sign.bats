#!/usr/bin/env bats
#
# sign.bats - fq sign: a supervisor of the holding department (or a
# manager) signs off a refusal; the case closes, keeping its reason and
# signer (否定报备).

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# The lost phone, declined by security's wang.qiang at 03:10.
declined_phone() {
	local id
	id=$(log_case --via phone --guest 周先生 --room 1208 --phone 13912345678 \
		"昨晚在棋牌室打牌，手机忘在那里了")
	at 2026-11-27T03:10:00+08:00 fq --as wang.qiang decline "$id" \
		--reason "棋牌室当晚未营业，客人记错了地点" >/dev/null
	echo "$id"
}

@test "sign: the department's supervisor signs; the case closes with reason and signer" {
	id=$(declined_phone)
	run -0 --separate-stderr at 2026-11-27T08:00:00+08:00 fq --as zhang.wei sign "$id"
	assert_output --partial "closed"
	assert_equal "$stderr" ""
	json=$(at 2026-11-27T08:00:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .status <<<"$json")" closed
	assert_equal "$(jq -r .closed_at <<<"$json")" 2026-11-27T08:00:00+08:00
	assert_equal "$(jq -r .owner <<<"$json")" li.na
	assert_equal "$(jq -c '[.events[].kind]' <<<"$json")" '["logged","declined","signed","closed"]'
	assert_equal "$(jq -c '.events[2] | [.actor, .at, .reason]' <<<"$json")" \
		'["zhang.wei","2026-11-27T08:00:00+08:00","棋牌室当晚未营业，客人记错了地点"]'
	# the refusal itself is still on record with its author
	assert_equal "$(jq -c '.events[1] | [.actor, .reason]' <<<"$json")" \
		'["wang.qiang","棋牌室当晚未营业，客人记错了地点"]'
}

@test "sign: a manager may sign for any department" {
	id=$(declined_phone)
	run -0 --separate-stderr fq --as yang.fan sign "$id"
	assert_equal "$(field "$id" .status)" closed
	assert_equal "$(field "$id" '.events[-2].actor')" yang.fan
}

@test "sign: the card room has no supervisor: a manager signs, its staff may not (77)" {
	id=$(log_case --category entertainment "客人要求通宵包厢")
	fq --as song.jia decline "$id" --reason "棋牌室凌晨2点后不营业" >/dev/null
	snap=$(db_digest)
	run -77 --separate-stderr fq --as han.xue sign "$id"
	assert_equal "$(db_digest)" "$snap"
	run -0 --separate-stderr fq --as zhou.min sign "$id"
	assert_equal "$(field "$id" .status)" closed
}

@test "sign: a member of the department who is not a supervisor is refused (77)" {
	id=$(declined_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as gao.feng sign "$id"
	assert_equal "$output" ""
	[[ $stderr == "fq: sign: "* ]]
	[[ $stderr == *"安保部"* ]]
	assert_equal "$(db_digest)" "$snap"
	assert_equal "$(field "$id" .status)" declined
}

@test "sign: the owner, and a supervisor of another department, are refused (77)" {
	id=$(declined_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq sign "$id"
	run -77 --separate-stderr fq --as wang.fang sign "$id"
	run -77 --separate-stderr fq --as wang.qiang sign "$id"
	assert_equal "$(db_digest)" "$snap"
}

@test "sign: signing twice is refused (65), naming the state" {
	id=$(declined_phone)
	fq --as zhang.wei sign "$id" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq --as zhang.wei sign "$id"
	[[ $stderr == *"closed"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "sign: an open case is refused (65), naming the state and fq decline" {
	id=$(log_case --via phone "昨晚在棋牌室打牌，手机忘在那里了")
	snap=$(db_digest)
	run -65 --separate-stderr fq --as zhang.wei sign "$id"
	[[ $stderr == *"open"* ]]
	[[ $stderr == *"fq decline"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "sign: a replied case is refused (65), naming the state" {
	id=$(log_case --via phone "昨晚在棋牌室打牌，手机忘在那里了")
	fq reply "$id" "已安排安保查找" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq --as zhang.wei sign "$id"
	[[ $stderr == *"replied"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "sign: usage errors (64): no ID, extra argument, unknown option" {
	id=$(declined_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq --as zhang.wei sign
	[[ $stderr == *"usage: fq sign"* ]]
	run -64 --separate-stderr fq --as zhang.wei sign "$id" "同意"
	run -64 --separate-stderr fq --as zhang.wei sign "$id" --reason "同意"
	[[ $stderr == *"--reason"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "sign: no such case (66)" {
	run -66 --separate-stderr fq --as zhang.wei sign 8
}
