#!/usr/bin/env bats
#
# reply.bats - fq reply: the answer given to the guest.  Forbidden phrases
# are refused unless --force (which is recorded); a category that needs a
# callback waits for it, the others close.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

@test "reply: a category without callback is answered and closed" {
	id=$(log_case --via desk --room 1208 "客人要一瓶胶水")
	assert_equal "$(field "$id" .handler)" li.na
	run -0 --separate-stderr at 2026-11-27T03:02:00+08:00 \
		fq reply "$id" "已送一瓶胶水到1208房"
	assert_output --partial "closed"
	assert_equal "$stderr" ""
	json=$(at 2026-11-27T03:02:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .status <<<"$json")" closed
	assert_equal "$(jq -r .closed_at <<<"$json")" 2026-11-27T03:02:00+08:00
	assert_equal "$(jq -c '[.due[]]' <<<"$json")" '[null,null,null,null]'
	assert_equal "$(jq -c .late <<<"$json")" '[]'
	assert_equal "$(jq -c '[.events[].kind]' <<<"$json")" '["logged","replied","closed"]'
	ev=$(jq -c '.events[1]' <<<"$json")
	assert_equal "$(jq -r .actor <<<"$ev")" li.na
	assert_equal "$(jq -r .text <<<"$ev")" "已送一瓶胶水到1208房"
	assert_equal "$(jq -r .by <<<"$ev")" in-person
	assert_equal "$(jq -r .due <<<"$ev")" 2026-11-27T03:03:00+08:00
	assert_equal "$(jq -r .late <<<"$ev")" false
	assert_equal "$(jq -r '.forced // "absent"' <<<"$ev")" absent
}

@test "reply: a callback category waits for the owner's callback" {
	id=$(log_phone)
	fq --as wang.qiang accept "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:20:00+08:00 \
		fq --as wang.qiang reply "$id" "手机已在棋牌室找到，暂存大堂副理处"
	assert_output --partial "李娜"
	json=$(at 2026-11-27T03:20:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .status <<<"$json")" replied
	assert_equal "$(jq -r .closed_at <<<"$json")" null
	assert_equal "$(jq -r .due.reply <<<"$json")" null
	assert_equal "$(jq -r .due.resolve <<<"$json")" 2026-11-28T03:00:00+08:00
	assert_equal "$(jq -c '.events[-1] | [.kind, .actor, .by, .late]' <<<"$json")" \
		'["replied","wang.qiang","phone",false]'
}

@test "reply: a late answer is recorded as late" {
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:40:00+08:00 \
		fq --as wang.qiang reply "$id" "手机已找到"
	assert_equal "$(field "$id" '.events[-1].late')" true
	assert_equal "$(field "$id" '.events[-1].due')" 2026-11-27T03:30:00+08:00
}

@test "reply: --by says how the guest was answered" {
	id=$(log_phone)
	run -0 --separate-stderr fq reply "$id" "已短信告知客人手机在大堂副理处" --by sms
	assert_equal "$(field "$id" '.events[-1].by')" sms
}

@test "reply: an unknown --by is a usage error (64), as every fixed word" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq reply "$id" "已告知客人" --by 飞鸽传书
	[[ $stderr == *"--by takes phone, in-person, sms or other, not '飞鸽传书'"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "reply: a forbidden phrase is refused (65) and nothing is written" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq --as wang.qiang reply "$id" "不知道"
	assert_equal "$output" ""
	[[ $stderr == "fq: reply: "* ]]
	[[ $stderr == *"不知道"* ]]
	[[ $stderr == *"--force"* ]]
	assert_equal "$(db_digest)" "$snap"
	run -65 --separate-stderr fq --as wang.qiang reply "$id" "这个事情不归我管，请找前台"
	[[ $stderr == *"不归我管"* ]]
	assert_equal "$(db_digest)" "$snap"
	assert_equal "$(field "$id" .status)" open
}

@test "reply: a forbidden phrase with --force is recorded as forced" {
	id=$(log_phone)
	run -0 --separate-stderr fq --as wang.qiang reply "$id" "暂时不清楚手机在哪，正在查监控" --force
	ev=$(fq show "$id" --format json | jq -c '.events[-1]')
	assert_equal "$(jq -r .kind <<<"$ev")" replied
	assert_equal "$(jq -r .forced <<<"$ev")" true
	assert_equal "$(jq -r .forbidden <<<"$ev")" 不清楚
	assert_equal "$(jq -r .text <<<"$ev")" "暂时不清楚手机在哪，正在查监控"
	assert_equal "$(field "$id" .status)" replied
}

@test "reply: an answer while the case waits ends the wait" {
	id=$(log_phone)
	at 2026-11-27T03:05:00+08:00 fq wait "$id" --reason "客人外出，稍后回电" >/dev/null
	assert_equal "$(at 2026-11-27T03:06:00+08:00 fq show "$id" --format json | jq -r .waiting)" true
	run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 fq reply "$id" "手机已找到"
	assert_equal "$(at 2026-11-27T03:10:00+08:00 fq show "$id" --format json | jq -r .waiting)" false
}

@test "reply: the owner, a member, a manager may; an outsider is refused (77)" {
	a=$(log_phone)
	b=$(log_phone)
	c=$(log_phone)
	run -0 --separate-stderr fq reply "$a" "已安排安保查找"
	run -0 --separate-stderr fq --as gao.feng reply "$b" "已安排安保查找"
	run -0 --separate-stderr fq --as yang.fan reply "$c" "已安排安保查找"
	d=$(log_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as cao.gang reply "$d" "已安排安保查找"
	assert_equal "$output" ""
	[[ $stderr == *"may not reply"* ]]
	assert_equal "$(db_digest)" "$snap"
	# a supervisor of the owner's department is not for that a handler
	run -77 --separate-stderr fq --as lu.gang reply "$d" "已安排"
	assert_equal "$(db_digest)" "$snap"
}

@test "reply: to a closed case is refused (65), naming the state and fq reopen" {
	id=$(log_case "客人要一瓶胶水")
	fq reply "$id" "已送到房间" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq reply "$id" "再送一瓶"
	[[ $stderr == *"closed"* ]]
	[[ $stderr == *"fq reopen"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "reply: to a replied case is refused (65), naming the state and fq callback" {
	id=$(log_phone)
	fq reply "$id" "手机已找到" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq reply "$id" "手机已找到，再说一次"
	[[ $stderr == *"replied"* ]]
	[[ $stderr == *"fq callback"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "reply: to a declined case is refused (65), naming the state and fq sign" {
	id=$(log_phone)
	fq decline "$id" --reason "客人已离店且未留联系方式" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq reply "$id" "手机已找到"
	[[ $stderr == *"declined"* ]]
	[[ $stderr == *"fq sign"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "reply: an empty answer is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq reply "$id" ""
	assert_equal "$(db_digest)" "$snap"
}

@test "reply: usage errors (64): no answer, unknown option, extra argument" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq reply "$id"
	[[ $stderr == *"usage: fq reply"* ]]
	run -64 --separate-stderr fq reply
	run -64 --separate-stderr fq reply "$id" "手机已找到" --loud
	[[ $stderr == *"--loud"* ]]
	run -64 --separate-stderr fq reply "$id" "手机已找到" "多余"
	assert_equal "$(db_digest)" "$snap"
}

@test "reply: no such case (66)" {
	run -66 --separate-stderr fq reply 5 "手机已找到"
}
