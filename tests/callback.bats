#!/usr/bin/env bats
#
# callback.bats - fq callback: the owner's call back to the guest (回访);
# closes the case, or reopens it when the guest is not satisfied, with new
# reply and resolve deadlines counted from the callback.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# The lost phone of the seed, logged by li.na at 03:00, accepted by
# wang.qiang at 03:04 and answered by him at 09:02: it waits for the
# owner's callback.
replied_phone() {
	local id
	id=$(log_case --via phone --guest 周先生 --room 1208 --phone 13912345678 \
		"昨晚在棋牌室打牌，手机忘在那里了")
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T09:02:00+08:00 fq --as wang.qiang reply "$id" \
		"手机已在监控中找到，暂存大堂副理处，请凭证件领取" >/dev/null
	echo "$id"
}

@test "callback: the owner's callback closes a replied case" {
	id=$(replied_phone)
	assert_equal "$(field "$id" .status)" replied
	run -0 --separate-stderr at 2026-11-27T09:20:00+08:00 \
		fq callback "$id" "周先生已取回手机，表示满意"
	assert_output --partial "closed"
	assert_equal "$stderr" ""
	json=$(at 2026-11-27T09:20:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .status <<<"$json")" closed
	assert_equal "$(jq -r .closed_at <<<"$json")" 2026-11-27T09:20:00+08:00
	assert_equal "$(jq -c '[.due[]]' <<<"$json")" '[null,null,null,null]'
	assert_equal "$(jq -c '[.events[-2:][] | .kind]' <<<"$json")" '["called_back","closed"]'
	assert_equal "$(jq -c '.events[-2] | [.actor, .at, .text, .satisfied]' <<<"$json")" \
		'["li.na","2026-11-27T09:20:00+08:00","周先生已取回手机，表示满意",true]'
}

@test "callback: --unsatisfied reopens with reply and resolve due from the callback" {
	id=$(replied_phone)
	run -0 --separate-stderr at 2026-11-27T09:20:00+08:00 \
		fq callback "$id" "客人说找回的不是他的手机" --unsatisfied
	assert_output --partial "reopened"
	json=$(at 2026-11-27T09:20:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .status <<<"$json")" open
	assert_equal "$(jq -r .closed_at <<<"$json")" null
	assert_equal "$(jq -r .owner <<<"$json")" li.na
	assert_equal "$(jq -r .handler <<<"$json")" wang.qiang
	# lost_property: reply within 30m, resolve within 1d, from 09:20
	assert_equal "$(jq -r .due.reply <<<"$json")" 2026-11-27T09:50:00+08:00
	assert_equal "$(jq -r .due.resolve <<<"$json")" 2026-11-28T09:20:00+08:00
	# the handler stays, so no acceptance clock
	assert_equal "$(jq -r .due.accept <<<"$json")" null
	assert_equal "$(jq -c .late <<<"$json")" '[]'
	assert_equal "$(jq -c '[.events[-2:][] | .kind]' <<<"$json")" '["called_back","reopened"]'
	assert_equal "$(jq -r '.events[-2].satisfied' <<<"$json")" false
	# and the case can be answered again
	run -0 --separate-stderr at 2026-11-27T09:40:00+08:00 \
		fq --as wang.qiang reply "$id" "已找到客人自己的手机，黑色外壳"
	assert_equal "$(field "$id" .status)" replied
}

@test "callback: a supervisor of the owner's department, or a manager, may call back" {
	a=$(replied_phone)
	b=$(replied_phone)
	run -0 --separate-stderr fq --as wang.fang callback "$a" "周先生已取回手机"
	assert_equal "$(field "$a" .status)" closed
	assert_equal "$(field "$a" '.events[-2].actor')" wang.fang
	run -0 --separate-stderr fq --as zhou.min callback "$b" "周先生已取回手机"
	assert_equal "$(field "$b" .status)" closed
}

@test "callback: the handler is not the owner and is refused (77)" {
	id=$(replied_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as wang.qiang callback "$id" "客人满意"
	assert_equal "$output" ""
	[[ $stderr == "fq: callback: "* ]]
	[[ $stderr == *"李娜"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "callback: the holding department's supervisor and outsiders are refused (77)" {
	id=$(replied_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as zhang.wei callback "$id" "客人满意"
	run -77 --separate-stderr fq --as sun.li callback "$id" "客人满意"
	run -77 --separate-stderr fq --as cao.gang callback "$id" "客人满意"
	assert_equal "$(db_digest)" "$snap"
}

@test "callback: on an open case is refused (65), naming the state and fq reply" {
	id=$(log_case --via phone "昨晚在棋牌室打牌，手机忘在那里了")
	snap=$(db_digest)
	run -65 --separate-stderr fq callback "$id" "客人满意"
	[[ $stderr == *"open"* ]]
	[[ $stderr == *"fq reply"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "callback: on a declined case is refused (65), naming the state and fq sign" {
	id=$(log_case --via phone "昨晚在棋牌室打牌，手机忘在那里了")
	fq decline "$id" --reason "客人已离店，无法联系" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq callback "$id" "客人满意"
	[[ $stderr == *"declined"* ]]
	[[ $stderr == *"fq sign"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "callback: on a case already closed is recorded and the case stays closed" {
	id=$(log_case "客人要一瓶胶水")
	at 2026-11-27T03:02:00+08:00 fq reply "$id" "已送到1208房" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:30:00+08:00 fq callback "$id" "客人说胶水很好用"
	json=$(at 2026-11-27T03:30:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .status <<<"$json")" closed
	assert_equal "$(jq -r .closed_at <<<"$json")" 2026-11-27T03:02:00+08:00
	assert_equal "$(jq -c '[.events[].kind]' <<<"$json")" '["logged","replied","closed","called_back"]'
}

@test "callback: an empty note is bad data (65)" {
	id=$(replied_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq callback "$id" ""
	assert_equal "$(db_digest)" "$snap"
}

@test "callback: usage errors (64): no note, unknown option, extra argument" {
	id=$(replied_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq callback "$id"
	[[ $stderr == *"usage: fq callback"* ]]
	run -64 --separate-stderr fq callback "$id" "客人满意" --happy
	[[ $stderr == *"--happy"* ]]
	run -64 --separate-stderr fq callback "$id" "客人满意" "多余"
	assert_equal "$(db_digest)" "$snap"
}

@test "callback: no such case (66)" {
	run -66 --separate-stderr fq callback 31 "客人满意"
}
