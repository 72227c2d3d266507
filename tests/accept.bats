#!/usr/bin/env bats
#
# accept.bats - fq accept: a member of the holding department takes the
# case; its supervisor or a manager may assign it to any member.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

@test "accept: a member takes the case; the accept clock stops" {
	id=$(log_phone)
	assert_equal "$(field "$id" .due.accept)" 2026-11-27T03:05:00+08:00
	run -0 --separate-stderr at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id"
	assert_output --partial "王强"
	assert_output --partial "安保部"
	assert_equal "$stderr" ""
	json=$(at 2026-11-27T03:04:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .handler <<<"$json")" wang.qiang
	assert_equal "$(jq -r .department <<<"$json")" security
	assert_equal "$(jq -r .owner <<<"$json")" li.na
	assert_equal "$(jq -r .status <<<"$json")" open
	assert_equal "$(jq -r .due.accept <<<"$json")" null
	assert_equal "$(jq -r .due.reply <<<"$json")" 2026-11-27T03:30:00+08:00
	ev=$(jq -c '.events[-1]' <<<"$json")
	assert_equal "$(jq -r .kind <<<"$ev")" accepted
	assert_equal "$(jq -r .actor <<<"$ev")" wang.qiang
	assert_equal "$(jq -r .at <<<"$ev")" 2026-11-27T03:04:00+08:00
	assert_equal "$(jq -r .handler <<<"$ev")" wang.qiang
	assert_equal "$(jq -r .department <<<"$ev")" security
	assert_equal "$(jq -c '[.holders[] | [.department, .handler, .seconds]]' <<<"$json")" \
		'[["security",null,240],["security","wang.qiang",0]]'
}

@test "accept: accepted late, nothing is late afterwards on the accept clock" {
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:08:00+08:00 fq show "$id" --format json
	assert_equal "$(jq -c .late <<<"$output")" '["accept"]'
	at 2026-11-27T03:08:00+08:00 fq --as gao.feng accept "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:09:00+08:00 fq show "$id" --format json
	assert_equal "$(jq -c .late <<<"$output")" '[]'
}

@test "accept: the department's supervisor assigns a member with --handler" {
	id=$(log_phone)
	run -0 --separate-stderr fq --as zhang.wei accept "$id" --handler gao.feng
	assert_equal "$(field "$id" .handler)" gao.feng
	assert_equal "$(field "$id" '.events[-1].actor')" zhang.wei
	assert_equal "$(field "$id" '.events[-1].handler')" gao.feng
}

@test "accept: a manager assigns where the department has no supervisor (card room)" {
	id=$(log_case --category entertainment "1208客人预订今晚的麻将包厢")
	assert_equal "$(field "$id" .department)" card_room
	run -0 --separate-stderr fq --as zhou.min accept "$id" --handler song.jia
	assert_equal "$(field "$id" .handler)" song.jia
	assert_equal "$(field "$id" '.events[-1].actor')" zhou.min
}

@test "accept: a member may name themselves with --handler" {
	id=$(log_phone)
	run -0 --separate-stderr fq --as gao.feng accept "$id" --handler gao.feng
	assert_equal "$(field "$id" .handler)" gao.feng
}

@test "accept: another member takes over; the chain of holders shows both" {
	id=$(log_phone)
	at 2026-11-27T03:02:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:20:00+08:00 fq --as gao.feng accept "$id"
	json=$(at 2026-11-27T03:20:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .handler <<<"$json")" gao.feng
	assert_equal "$(jq -r '.events[-1].from_handler' <<<"$json")" wang.qiang
	assert_equal "$(jq -c '[.holders[] | [.handler, .seconds]]' <<<"$json")" \
		'[[null,120],["wang.qiang",1080],["gao.feng",0]]'
}

@test "accept: someone outside the holding department is refused (77)" {
	id=$(log_phone)
	snap=$(db_digest)
	# the owner herself is not a member of security
	run -77 --separate-stderr fq accept "$id"
	assert_equal "$output" ""
	[[ $stderr == "fq: accept: "* ]]
	[[ $stderr == *"安保部"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "accept: a plain member may not assign someone else (77)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as gao.feng accept "$id" --handler wang.qiang
	[[ $stderr == *"may not"* ]]
	[[ $stderr == *"王强"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "accept: a supervisor of another department may not assign (77)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as wang.fang accept "$id" --handler wang.qiang
	[[ $stderr == *"may not"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "accept: an actor who is not staff is refused (77)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as ghost accept "$id"
	[[ $stderr == *"ghost"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "accept: the handler accepting again is bad data (65)" {
	id=$(log_phone)
	fq --as wang.qiang accept "$id" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq --as wang.qiang accept "$id"
	[[ $stderr == *"王强"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "accept: a closed case is refused (65), naming the state and fq reopen" {
	id=$(log_case --category entertainment "客人问棋牌室几点关门" --resolved "棋牌室营业到凌晨2点")
	assert_equal "$(field "$id" .status)" closed
	snap=$(db_digest)
	run -65 --separate-stderr fq --as song.jia accept "$id"
	[[ $stderr == *"closed"* ]]
	[[ $stderr == *"fq reopen"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "accept: a declined case is refused (65), naming the state and fq sign" {
	id=$(log_phone)
	fq decline "$id" --reason "客人已退房，无法联系" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq --as wang.qiang accept "$id"
	[[ $stderr == *"declined"* ]]
	[[ $stderr == *"fq sign"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "accept: usage errors (64): no ID, unknown option, extra argument, --handler without value" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq --as wang.qiang accept
	[[ $stderr == *"usage: fq accept"* ]]
	run -64 --separate-stderr fq --as wang.qiang accept "$id" --now
	[[ $stderr == *"--now"* ]]
	run -64 --separate-stderr fq --as wang.qiang accept "$id" "$id"
	run -64 --separate-stderr fq --as zhang.wei accept "$id" --handler
	assert_equal "$(db_digest)" "$snap"
}

@test "accept: no such case (66)" {
	run -66 --separate-stderr fq --as wang.qiang accept 42
	[[ $stderr == *"42"* ]]
}
