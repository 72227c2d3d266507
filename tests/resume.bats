#!/usr/bin/env bats
#
# resume.bats - fq resume: the clocks run again after fq wait; every
# pending deadline moves later by the time waited.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# The lost phone, logged by li.na at 03:00, accepted by wang.qiang at
# 03:04, waiting since 03:10 (reply due 03:30 before the wait).
waiting_phone() {
	local id
	id=$(log_case --via phone --guest 周先生 --room 1208 --phone 13912345678 \
		"昨晚在棋牌室打牌，手机忘在那里了")
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:10:00+08:00 fq --as wang.qiang wait "$id" \
		--reason "客人外出，回来再确认手机型号" "$@" >/dev/null
	echo "$id"
}

@test "resume: the clocks run again; the deadlines move by the time waited" {
	id=$(waiting_phone)
	run -0 --separate-stderr at 2026-11-27T03:40:00+08:00 fq --as wang.qiang resume "$id"
	assert_output --partial "resumed"
	assert_equal "$stderr" ""
	json=$(at 2026-11-27T03:40:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .waiting <<<"$json")" false
	assert_equal "$(jq -r .status <<<"$json")" open
	assert_equal "$(jq -r .due.reply <<<"$json")" 2026-11-27T04:00:00+08:00
	assert_equal "$(jq -r .due.resolve <<<"$json")" 2026-11-28T03:30:00+08:00
	ev=$(jq -c '.events[-1]' <<<"$json")
	assert_equal "$(jq -r .kind <<<"$ev")" resumed
	assert_equal "$(jq -r .actor <<<"$ev")" wang.qiang
	assert_equal "$(jq -r .at <<<"$ev")" 2026-11-27T03:40:00+08:00
	assert_equal "$(jq -r .seconds <<<"$ev")" 1800
}

@test "resume: early, before --until, counts only the time waited" {
	id=$(waiting_phone --until 2026-11-27T05:00:00+08:00)
	run -0 --separate-stderr at 2026-11-27T03:20:00+08:00 fq resume "$id"
	assert_equal "$(field "$id" .waiting)" false
	assert_equal "$(field "$id" .due.reply)" 2026-11-27T03:40:00+08:00
	# no automatic resume later
	at 2026-11-27T05:30:00+08:00 fq follow "$id" "已联系客人" >/dev/null
	assert_equal "$(field "$id" '[.events[] | select(.kind == "resumed")] | length')" 1
}

@test "resume: the owner, a member, a manager may; an outsider is refused (77)" {
	a=$(waiting_phone)
	b=$(waiting_phone)
	c=$(waiting_phone)
	run -0 --separate-stderr fq resume "$a"
	run -0 --separate-stderr fq --as gao.feng resume "$b"
	snap=$(db_digest)
	run -77 --separate-stderr fq --as cao.gang resume "$c"
	assert_equal "$output" ""
	[[ $stderr == "fq: resume: "* ]]
	[[ $stderr == *"may not"* ]]
	assert_equal "$(db_digest)" "$snap"
	run -0 --separate-stderr fq --as zhou.min resume "$c"
}

@test "resume: a case that is not waiting is refused (65)" {
	id=$(log_case --via phone "昨晚在棋牌室打牌，手机忘在那里了")
	snap=$(db_digest)
	run -65 --separate-stderr fq resume "$id"
	[[ $stderr == *"not waiting"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "resume: resuming twice is refused (65)" {
	id=$(waiting_phone)
	at 2026-11-27T03:40:00+08:00 fq resume "$id" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr at 2026-11-27T03:45:00+08:00 fq resume "$id"
	[[ $stderr == *"not waiting"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "resume: after --until has passed, the case is no longer waiting (65)" {
	id=$(waiting_phone --until 2026-11-27T03:40:00+08:00)
	snap=$(db_digest)
	run -65 --separate-stderr at 2026-11-27T03:50:00+08:00 fq resume "$id"
	[[ $stderr == *"not waiting"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "resume: a closed case is refused (65), naming the state and fq reopen" {
	id=$(log_case "客人要一瓶胶水" --resolved "已送到房间")
	snap=$(db_digest)
	run -65 --separate-stderr fq resume "$id"
	[[ $stderr == *"closed"* ]]
	[[ $stderr == *"fq reopen"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "resume: a declined case is refused (65), naming the state and fq sign" {
	id=$(waiting_phone)
	fq decline "$id" --reason "客人已离店" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq resume "$id"
	[[ $stderr == *"declined"* ]]
	[[ $stderr == *"fq sign"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "resume: usage errors (64): no ID, extra argument, unknown option" {
	id=$(waiting_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq resume
	[[ $stderr == *"usage: fq resume"* ]]
	run -64 --separate-stderr fq resume "$id" "客人回来了"
	run -64 --separate-stderr fq resume "$id" --now
	[[ $stderr == *"--now"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "resume: no such case (66)" {
	run -66 --separate-stderr fq resume 6
}
