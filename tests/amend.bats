#!/usr/bin/env bats
#
# amend.bats - fq amend: corrects what was mistyped at intake; the record
# keeps the old and new values, who changed them, why and when.  Routing
# and deadlines do not change.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# The lost phone, with a phone number mistyped (the last two digits swapped).
log_phone() {
	log_case --via phone --guest 周先生 --room 1208 --phone 13912345687 \
		"昨晚在棋牌室打牌，手机忘在那里了"
}

@test "amend: corrected fields keep old and new values in the amended event" {
	id=$(log_phone)
	before=$(fq show "$id" --format json | jq -c '{category, department, handler, owner, status, due}')
	run -0 --separate-stderr at 2026-11-27T03:03:00+08:00 \
		fq amend "$id" --phone 13912345678 --room 1209 --note "复述时客人更正了电话和房号"
	assert_equal "$stderr" ""
	json=$(at 2026-11-27T03:03:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .guest.phone <<<"$json")" 13912345678
	assert_equal "$(jq -r .guest.room <<<"$json")" 1209
	assert_equal "$(jq -r .guest.name <<<"$json")" 周先生
	assert_equal "$(jq -c '{category, department, handler, owner, status, due}' <<<"$json")" "$before"
	ev=$(jq -c '.events[-1]' <<<"$json")
	assert_equal "$(jq -r .kind <<<"$ev")" amended
	assert_equal "$(jq -r .actor <<<"$ev")" li.na
	assert_equal "$(jq -r .at <<<"$ev")" 2026-11-27T03:03:00+08:00
	assert_equal "$(jq -r .text <<<"$ev")" "复述时客人更正了电话和房号"
	assert_equal "$(jq -c .changes.phone <<<"$ev")" '{"old":"13912345687","new":"13912345678"}'
	assert_equal "$(jq -c .changes.room <<<"$ev")" '{"old":"1208","new":"1209"}'
	assert_equal "$(jq -c '.changes | keys' <<<"$ev")" '["phone","room"]'
	# the logged event still holds what was typed at intake
	assert_equal "$(jq -r '.events[0].phone' <<<"$json")" 13912345687
}

@test "amend: a new summary does not re-route the case" {
	id=$(log_phone)
	run -0 --separate-stderr fq amend "$id" --summary "客人的手机忘在棋牌室3号包厢" \
		--details "黑色华为手机，有蓝色外壳" --note "补充细节"
	json=$(fq show "$id" --format json)
	assert_equal "$(jq -r .summary <<<"$json")" "客人的手机忘在棋牌室3号包厢"
	assert_equal "$(jq -r .details <<<"$json")" "黑色华为手机，有蓝色外壳"
	assert_equal "$(jq -r .category <<<"$json")" lost_property
	assert_equal "$(jq -r .department <<<"$json")" security
	assert_equal "$(jq -c '.events[-1].changes.summary' <<<"$json")" \
		'{"old":"昨晚在棋牌室打牌，手机忘在那里了","new":"客人的手机忘在棋牌室3号包厢"}'
	assert_equal "$(jq -c '.events[-1].changes.details' <<<"$json")" \
		'{"old":null,"new":"黑色华为手机，有蓝色外壳"}'
	# a summary that would route to housekeeping leaves the routing alone
	run -0 --separate-stderr fq amend "$id" --summary "客人要一瓶胶水" --note "记错了"
	assert_equal "$(field "$id" .department)" security
	assert_equal "$(field "$id" .category)" lost_property
}

@test "amend: an empty value clears an optional field; --via is corrected" {
	id=$(log_phone)
	run -0 --separate-stderr fq amend "$id" --guest "" --via desk --note "不是周先生本人，客人在前台"
	json=$(fq show "$id" --format json)
	assert_equal "$(jq -r .guest.name <<<"$json")" null
	assert_equal "$(jq -r .via <<<"$json")" desk
	assert_equal "$(jq -c '.events[-1].changes.guest_name' <<<"$json")" '{"old":"周先生","new":null}'
	assert_equal "$(jq -c '.events[-1].changes.via' <<<"$json")" '{"old":"phone","new":"desk"}'
}

@test "amend: without --note is a usage error (64); an empty note is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq amend "$id" --phone 13912345678
	[[ $stderr == *"--note"* ]]
	run -65 --separate-stderr fq amend "$id" --phone 13912345678 --note ""
	assert_equal "$(db_digest)" "$snap"
	assert_equal "$(field "$id" .guest.phone)" 13912345687
}

@test "amend: nothing to amend is a usage error (64)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq amend "$id" --note "没什么要改的"
	[[ $stderr == *"--summary"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "amend: bad values are bad data (65): empty summary, bad UTF-8; an unknown --via is a usage error (64)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq amend "$id" --summary "" --note "清空"
	[[ $stderr == *"--summary"* ]]
	run -64 --separate-stderr fq amend "$id" --via 微信 --note "客人通过微信联系"
	[[ $stderr == *"--via takes desk, phone, online, letter or other, not '微信'"* ]]
	run -65 --separate-stderr fq amend "$id" --guest $'\xc0周' --note "更正"
	assert_equal "$(db_digest)" "$snap"
}

@test "amend: the owner, a member, a manager may; an outsider is refused (77)" {
	id=$(log_phone)
	run -0 --separate-stderr fq --as gao.feng amend "$id" --room 1209 --note "安保核对房号"
	run -0 --separate-stderr fq --as yang.fan amend "$id" --room 1210 --note "大堂副理核对"
	assert_equal "$(field "$id" '[.events[] | select(.kind == "amended") | .actor] | join(",")')" \
		gao.feng,yang.fan
	snap=$(db_digest)
	run -77 --separate-stderr fq --as cao.gang amend "$id" --room 1211 --note "改一下"
	assert_equal "$output" ""
	[[ $stderr == "fq: amend: "* ]]
	[[ $stderr == *"may not"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "amend: usage errors (64): no ID, unknown option, extra argument" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq amend --room 1209 --note "更正"
	[[ $stderr == *"usage: fq amend"* ]]
	run -64 --separate-stderr fq amend "$id" --category complaint --note "更正"
	[[ $stderr == *"--category"* ]]
	run -64 --separate-stderr fq amend "$id" "$id" --room 1209 --note "更正"
	assert_equal "$(db_digest)" "$snap"
}

@test "amend: no such case (66)" {
	run -66 --separate-stderr fq amend 2 --room 1209 --note "更正"
}
