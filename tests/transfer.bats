#!/usr/bin/env bats
#
# transfer.bats - fq transfer: a case moves to another department, the
# owner stays, the handler is cleared (unless --to) and the receiving
# department's acceptance clock starts.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

@test "transfer: to a named department; handler cleared, accept clock restarts, owner stays" {
	id=$(log_phone)
	at 2026-11-27T03:02:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 \
		fq --as wang.qiang transfer "$id" card_room --note "请棋牌室当班查看包厢"
	assert_output --partial "棋牌室"
	assert_output --partial "3669088"
	assert_equal "$stderr" ""
	json=$(at 2026-11-27T03:10:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .status <<<"$json")" open
	assert_equal "$(jq -r .department <<<"$json")" card_room
	assert_equal "$(jq -r .handler <<<"$json")" null
	assert_equal "$(jq -r .owner <<<"$json")" li.na
	# lost_property: accept within 5m, counted from the transfer
	assert_equal "$(jq -r .due.accept <<<"$json")" 2026-11-27T03:15:00+08:00
	# the reply clock is not restarted by a transfer
	assert_equal "$(jq -r .due.reply <<<"$json")" 2026-11-27T03:30:00+08:00
	ev=$(jq -c '.events[-1]' <<<"$json")
	assert_equal "$(jq -r .kind <<<"$ev")" transferred
	assert_equal "$(jq -r .actor <<<"$ev")" wang.qiang
	assert_equal "$(jq -r .at <<<"$ev")" 2026-11-27T03:10:00+08:00
	assert_equal "$(jq -r .department <<<"$ev")" card_room
	assert_equal "$(jq -r .handler <<<"$ev")" null
	assert_equal "$(jq -r .from_department <<<"$ev")" security
	assert_equal "$(jq -r .from_handler <<<"$ev")" wang.qiang
	assert_equal "$(jq -r .text <<<"$ev")" "请棋牌室当班查看包厢"
	# holders: security unaccepted, security/wang.qiang, card_room unaccepted
	assert_equal "$(jq -c '[.holders[] | [.department, .handler, .seconds]]' <<<"$json")" \
		'[["security",null,120],["security","wang.qiang",480],["card_room",null,0]]'
}

@test "transfer: without DEPT goes where the policy routes the text" {
	id=$(log_case --category inquiry "客人的手机忘在棋牌室了，问怎么找回")
	assert_equal "$(field "$id" .department)" front_desk
	run -0 --separate-stderr fq --as chen.jing transfer "$id"
	assert_equal "$(field "$id" .department)" security
	assert_equal "$(field "$id" .owner)" li.na
	assert_equal "$(field "$id" '.events[-1].from_department')" front_desk
}

@test "transfer: a department may be named by its display name" {
	id=$(log_phone)
	run -0 --separate-stderr fq transfer "$id" 财务部
	assert_equal "$(field "$id" .department)" finance
	assert_equal "$(field "$id" '.events[-1].department')" finance
}

@test "transfer: --to names the handler at once; no acceptance clock" {
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:05:00+08:00 \
		fq transfer "$id" card_room --to song.jia --note "宋佳在棋牌室当班"
	json=$(at 2026-11-27T03:05:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .department <<<"$json")" card_room
	assert_equal "$(jq -r .handler <<<"$json")" song.jia
	assert_equal "$(jq -r .due.accept <<<"$json")" null
	assert_equal "$(jq -r '.events[-1].handler' <<<"$json")" song.jia
	assert_equal "$(jq -c '.holders[-1] | [.department, .handler, .from]' <<<"$json")" \
		'["card_room","song.jia","2026-11-27T03:05:00+08:00"]'
}

@test "transfer: --to a colleague within the same department" {
	id=$(log_phone)
	at 2026-11-27T03:01:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:02:00+08:00 \
		fq --as wang.qiang transfer "$id" security --to gao.feng --note "换班交给高峰"
	assert_equal "$(field "$id" .department)" security
	assert_equal "$(field "$id" .handler)" gao.feng
}

@test "transfer: an unaccepted transfer goes late on the accept clock" {
	id=$(log_phone)
	at 2026-11-27T03:01:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:10:00+08:00 fq --as wang.qiang transfer "$id" card_room >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:14:00+08:00 fq show "$id" --format json
	assert_equal "$(jq -c .late <<<"$output")" '[]'
	run -0 --separate-stderr at 2026-11-27T03:16:00+08:00 fq show "$id" --format json
	assert_equal "$(jq -c '.late | index("accept") != null' <<<"$output")" true
}

@test "transfer: the owner never changes through transfers" {
	id=$(log_phone)
	fq --as wang.qiang transfer "$id" front_desk >/dev/null
	fq --as chen.jing transfer "$id" finance >/dev/null
	fq --as wu.min transfer "$id" card_room --to han.xue >/dev/null
	json=$(fq show "$id" --format json)
	assert_equal "$(jq -r .owner <<<"$json")" li.na
	assert_equal "$(jq -r .department <<<"$json")" card_room
	assert_equal "$(jq -c '[.holders[].department]' <<<"$json")" \
		'["security","front_desk","finance","card_room"]'
	assert_equal "$(db_value "SELECT owner FROM cases WHERE id = $id")" li.na
}

@test "transfer: the owner, a member, a supervisor, a manager may" {
	id=$(log_phone)
	run -0 --separate-stderr fq transfer "$id" front_desk			# the owner
	run -0 --separate-stderr fq --as liu.yang transfer "$id" finance --to wu.min	# a member
	run -0 --separate-stderr fq --as qian.hua transfer "$id" engineering	# its supervisor
	run -0 --separate-stderr fq --as zhou.min transfer "$id" card_room	# a manager
	assert_equal "$(field "$id" '[.events[] | select(.kind == "transferred") | .actor] | join(",")')" \
		li.na,liu.yang,qian.hua,zhou.min
	assert_equal "$(field "$id" .department)" card_room
}

@test "transfer: someone outside the case and its department is refused (77)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as cao.gang transfer "$id" front_desk
	assert_equal "$output" ""
	[[ $stderr == "fq: transfer: "* ]]
	[[ $stderr == *"may not transfer"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "transfer: a supervisor of another department is refused (77)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as lu.gang transfer "$id" engineering
	[[ $stderr == *"may not"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "transfer: an actor who is not staff is refused (77)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as nobody transfer "$id" front_desk
	[[ $stderr == *"nobody"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "transfer: a closed case is refused (65), naming the state and fq reopen" {
	id=$(log_case "客人问早餐几点开始" --resolved "早餐6:30在二楼西餐厅")
	assert_equal "$(field "$id" .status)" closed
	snap=$(db_digest)
	run -65 --separate-stderr fq transfer "$id" front_desk
	[[ $stderr == *"closed"* ]]
	[[ $stderr == *"fq reopen"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "transfer: a declined case is refused (65), naming the state and fq sign" {
	id=$(log_case "客人要一瓶胶水")
	fq decline "$id" --reason "胶水库存为零，已建议客人去前台借用" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq transfer "$id" front_desk
	[[ $stderr == *"declined"* ]]
	[[ $stderr == *"fq sign"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "transfer: a replied case is refused (65), naming the state and fq callback" {
	id=$(log_phone)
	fq reply "$id" "已请安保部查看棋牌室，稍后回电" >/dev/null
	assert_equal "$(field "$id" .status)" replied
	snap=$(db_digest)
	run -65 --separate-stderr fq transfer "$id" front_desk
	[[ $stderr == *"replied"* ]]
	[[ $stderr == *"fq callback"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "transfer: an unknown department is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq transfer "$id" 洗衣房
	[[ $stderr == *"洗衣房"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "transfer: --to someone who is not in that department is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq transfer "$id" card_room --to wu.min
	[[ $stderr == *"wu.min"* ]]
	[[ $stderr == *"棋牌室"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "transfer: --to someone not in the policy is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq transfer "$id" card_room --to nobody
	[[ $stderr == *"nobody"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "transfer: to the department that holds it already, without --to, is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq transfer "$id" security
	[[ $stderr == *"安保部"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "transfer: usage errors (64): no ID, unknown option, extra argument, --to without value" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq transfer
	[[ $stderr == *"usage: fq transfer"* ]]
	run -64 --separate-stderr fq transfer "$id" card_room --urgent
	[[ $stderr == *"--urgent"* ]]
	run -64 --separate-stderr fq transfer "$id" card_room front_desk
	[[ $stderr == *"front_desk"* ]]
	run -64 --separate-stderr fq transfer "$id" card_room --to
	assert_equal "$(db_digest)" "$snap"
}

@test "transfer: no such case (66)" {
	run -66 --separate-stderr fq transfer 999 front_desk
	[[ $stderr == *"999"* ]]
}
