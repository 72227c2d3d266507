#!/usr/bin/env bats
#
# escalate.bats - fq escalate: any staff member sends a case up by hand
# (重大事项上报): to the holding department's supervisors (the managers
# where it has none), or to --to PERSON.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

@test "escalate: goes to the holding department's supervisor; the case is unchanged" {
	id=$(log_phone)
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	before=$(fq show "$id" --format json | jq -c '{status, department, handler, owner, due}')
	run -0 --separate-stderr at 2026-11-27T03:35:00+08:00 \
		fq escalate "$id" "回复已超时，请张队长协调"
	assert_output --partial "张伟"
	assert_equal "$stderr" ""
	json=$(fq show "$id" --format json)
	assert_equal "$(jq -c '{status, department, handler, owner, due}' <<<"$json")" "$before"
	ev=$(jq -c '.events[-1]' <<<"$json")
	assert_equal "$(jq -r .kind <<<"$ev")" escalated
	assert_equal "$(jq -r .actor <<<"$ev")" li.na
	assert_equal "$(jq -r .at <<<"$ev")" 2026-11-27T03:35:00+08:00
	assert_equal "$(jq -r .text <<<"$ev")" "回复已超时，请张队长协调"
	assert_equal "$(jq -c .to <<<"$ev")" '["zhang.wei"]'
	assert_equal "$(jq -r .level <<<"$ev")" manual
}

@test "escalate: --to names the person" {
	id=$(log_phone)
	run -0 --separate-stderr fq escalate "$id" --to zhou.min "客人是VIP，请大堂副理亲自跟进"
	assert_output --partial "周敏"
	assert_equal "$(field "$id" '.events[-1].to | join(",")')" zhou.min
}

@test "escalate: where the department has no supervisor, to every manager" {
	id=$(log_case --category entertainment "客人投诉包厢被占用")
	assert_equal "$(field "$id" .department)" card_room
	run -0 --separate-stderr fq escalate "$id" "棋牌室无人处理"
	assert_equal "$(field "$id" '.events[-1].to | sort | join(",")')" "yang.fan,zhou.min"
}

@test "escalate: any staff member may, and the record shows who" {
	id=$(log_phone)
	run -0 --separate-stderr fq --as cao.gang escalate "$id" "厨房也看到有人拿走手机"
	assert_equal "$(field "$id" '.events[-1].actor')" cao.gang
	assert_equal "$(field "$id" '.events[-1].kind')" escalated
}

@test "escalate: a replied or declined case may still be escalated" {
	a=$(log_phone)
	fq reply "$a" "已请安保查找" >/dev/null
	run -0 --separate-stderr fq escalate "$a" "客人回电催促"
	b=$(log_phone)
	fq decline "$b" --reason "客人已离店" >/dev/null
	run -0 --separate-stderr fq escalate "$b" "请主管尽快签字"
	assert_equal "$(field "$b" '.events[-1].kind')" escalated
}

@test "escalate: a closed case is refused (65), naming the state and fq reopen" {
	id=$(log_case "客人问早餐几点开始" --resolved "早餐6:30在二楼西餐厅")
	snap=$(db_digest)
	run -65 --separate-stderr fq escalate "$id" "再报一次"
	[[ $stderr == *"closed"* ]]
	[[ $stderr == *"fq reopen"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "escalate: --to someone not in the policy is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq escalate "$id" --to boss "请老板处理"
	[[ $stderr == *"boss"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "escalate: an empty note is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq escalate "$id" ""
	assert_equal "$(db_digest)" "$snap"
}

@test "escalate: an actor who is not staff is refused (77)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as guest escalate "$id" "我要投诉"
	assert_equal "$(db_digest)" "$snap"
}

@test "escalate: usage errors (64): no note, unknown option, --to without value" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq escalate "$id"
	[[ $stderr == *"usage: fq escalate"* ]]
	run -64 --separate-stderr fq escalate "$id" "请处理" --urgent
	[[ $stderr == *"--urgent"* ]]
	run -64 --separate-stderr fq escalate "$id" "请处理" --to
	assert_equal "$(db_digest)" "$snap"
}

@test "escalate: no such case (66)" {
	run -66 --separate-stderr fq escalate 404 "请处理"
}
