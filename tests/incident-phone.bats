#!/usr/bin/env bats
#
# incident-phone.bats - the forgotten phone (遗忘的手机), played as the seed
# tells it with the shipped hotel policy: 03:00, a guest phones the
# housekeeping centre about the phone he left in the card room; the
# attendant records it (it goes to Security, lost property), and then
# nobody takes it, nobody follows it up, until the morning.  The record
# must blame the right people (fq-report(1), LAPSES):
#
#   the department that let it lie unaccepted, and its supervisor from
#   the moment the ladder told him; the guard who took it already late;
#   the owner who never followed it up.
#
# Limits (lost_property): accept 5m, reply 30m, resolve 1d, callback.
# Cron runs fq overdue --escalate at 03:05, 03:30 and 04:00: the ladder
# tells 张伟 (Security's supervisor) and the owner at 03:05 (accept 100%).

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
	at 2026-11-27T03:00:00+08:00 fq -q log --via phone --guest 周先生 \
		--room 1208 --phone 13912345678 \
		"昨晚在棋牌室打牌，手机忘在那里了" >/dev/null
	for t in 03:05 03:30 04:00; do
		at "2026-11-27T$t:00+08:00" fq overdue --escalate >/dev/null
	done
	# 09:00 - the morning guard takes it; 09:10 the answer; 09:30 the
	# owner's callback closes it
	at 2026-11-27T09:00:00+08:00 fq --as wang.qiang accept 1 >/dev/null
	at 2026-11-27T09:10:00+08:00 fq --as wang.qiang reply 1 \
		"手机已在监控中找到，暂存大堂副理处，请凭证件领取" >/dev/null
	at 2026-11-27T09:30:00+08:00 fq callback 1 "周先生已取回手机，表示满意" >/dev/null
	export FQ_NOW=2026-11-27T10:00:00+08:00
}

# The lapses as "person lapse deadline late from to passed role".
lapses() {
	fq report --lapses --format json | jq -r '.[] | [.person, .lapse,
		.deadline, .late_seconds, .from[11:16],
		(if .to then .to[11:16] else "now" end), .passed, .role]
		| map(tostring) | join(" ")'
}

@test "incident phone: the ladder told the supervisor and the owner at 03:05" {
	run -0 jq -r '[.events[] | select(.kind == "escalated" and
		.level == "100%")][0] | [.at[11:16], .deadline,
		(.to | join(","))] | join(" ")' < <(fq show 1 --format json)
	assert_output "03:05 accept zhang.wei,li.na"
}

@test "incident phone: each lapse's person, deadline and late time" {
	run -0 lapses
	# accept due 03:05, accepted 09:00: 5h55m = 21300, all of it while
	# 安保部 held it unaccepted (the deadline passed there); 张伟 was told
	# at 03:05, so all of it is his too.  The owner 李娜 took no step from
	# 03:05 until her callback at 09:30: the case lay late 03:05-09:10
	# (accept, then reply) = 6h5m = 21900, more than the accept limit.
	# reply due 03:30, answered 09:10: 安保部 03:30-09:00 = 5h30m = 19800
	# (passed there), 张伟 likewise, 王强 09:00-09:10 = 600.  The resolve
	# deadline (next day 03:00) was kept.
	assert_output - <<'OUT'
null late_holding accept 21300 03:05 09:00 true department
zhang.wei late_holding accept 21300 03:05 09:00 false supervisor
li.na owner_no_follow_up accept 21900 03:05 09:10 false owner
null late_holding reply 19800 03:30 09:00 true department
zhang.wei late_holding reply 19800 03:30 09:00 false supervisor
wang.qiang late_holding reply 600 09:00 09:10 false handler
OUT
	run -0 fq report --lapses --format json
	assert_equal "$(jq -r '[.[].department] | unique | join(" ")' <<<"$output")" \
		"housekeeping security"
	assert_equal "$(jq -r '[.[].due[11:16]] | join(" ")' <<<"$output")" \
		"03:05 03:05 03:05 03:30 03:30 03:30"
}

@test "incident phone: the table names the department, the supervisor and the owner" {
	run -0 --separate-stderr fq report --lapses --format table
	[[ ${lines[1]} == "安保部 (unaccepted) "*"late_holding"*"accept"*"5h55m"*"passed"* ]]
	[[ ${lines[2]} == "张伟 "*"late_holding"*"accept"*"5h55m"* ]]
	[[ ${lines[3]} == "李娜 "*"owner_no_follow_up"*"accept"*"6h5m"* ]]
}

@test "incident phone: the chain of holders splits each clock between its holders" {
	run -0 fq show 1 --format json
	assert_equal "$(jq -c '[.holders[] | {department, handler, from: .from[11:16], to: .to[11:16]}]' <<<"$output")" \
		'[{"department":"security","handler":null,"from":"03:00","to":"09:00"},{"department":"security","handler":"wang.qiang","from":"09:00","to":"09:30"}]'
	assert_equal "$(jq -c '[.holders[0].clocks[] | [.clock, .seconds, .late_seconds, .passed]]' <<<"$output")" \
		'[["accept",21600,21300,"during"],["reply",21600,19800,"during"],["resolve",21600,0,null]]'
	assert_equal "$(jq -c '[.holders[1].clocks[] | [.clock, .seconds, .late_seconds, .passed, .ended, .kept]]' <<<"$output")" \
		'[["reply",600,600,"before","replied",false],["resolve",1800,0,null,"closed",true]]'
}

@test "incident phone: the closed case keeps its lapses, and the report counts it" {
	run -0 fq report --format json
	assert_equal "$(jq -c '.[0] | [.closed, .replied_on_time_rate, .resolved_on_time_rate]' <<<"$output")" \
		'[1,0,1]'
	# the morning after, nothing is forgotten
	run -0 at 2026-11-28T12:00:00+08:00 fq report --lapses --format json
	assert_equal "$(jq length <<<"$output")" 6
}
