#!/usr/bin/env bats
#
# incident-buns.bats - two steamed buns (蒸两个馒头), played as the seed
# tells it with the shipped hotel policy: at 11:30 a guest's assistant asks
# the kitchen for two buns for room 510; the kitchen cooks only against
# the bar's ticket, so the case goes to the bar (room service), where
# nobody takes it.  At 12:33 the bar's supervisor 邓辉 gives it to 唐雨,
# long after the reply deadline had passed; the buns arrive at 13:00.
#
# The record must not blame 唐雨 for the whole lateness (fq 0.1 said
# "唐雨 late_holding reply 1h20m"): the bar let it lie unaccepted while
# each deadline passed, 邓辉 knew from 11:35 (the ladder told him), the
# owner 曹刚 never followed it up, and the resolve deadline (12:00, closed
# 13:00) is a lapse too.
#
# Limits (room_service): accept 5m, reply 10m, resolve 30m; no callback.
# Cron runs fq overdue --escalate at 11:35 (accept 100%: 邓辉 and the
# owner) and 11:40.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
	at 2026-11-27T11:30:00+08:00 fq -q --as cao.gang log --via desk \
		--room 510 "客人助理说蒸两个馒头送到510房" >/dev/null
	for t in 11:35 11:40; do
		at "2026-11-27T$t:00+08:00" fq overdue --escalate >/dev/null
	done
	at 2026-11-27T12:33:00+08:00 fq --as deng.hui accept 1 --handler tang.yu >/dev/null
	at 2026-11-27T13:00:00+08:00 fq --as tang.yu reply 1 "两个馒头已送到510房" >/dev/null
	export FQ_NOW=2026-11-27T14:00:00+08:00
}

# The lapses as "person lapse deadline late from to passed role".
lapses() {
	fq report --lapses --format json | jq -r '.[] | [.person, .lapse,
		.deadline, .late_seconds, .from[11:16],
		(if .to then .to[11:16] else "now" end), .passed, .role]
		| map(tostring) | join(" ")'
}

@test "incident buns: routed to the bar, accepted by 唐雨 at 12:33, answered and closed at 13:00" {
	run -0 fq show 1 --format json
	assert_equal "$(jq -c '[.category, .department, .handler, .owner, .status]' <<<"$output")" \
		'["room_service","bar","tang.yu","cao.gang","closed"]'
	assert_equal "$(jq -c '[.holders[] | [.department, .handler, .from[11:16], .to[11:16]]]' <<<"$output")" \
		'[["bar",null,"11:30","12:33"],["bar","tang.yu","12:33","13:00"]]'
}

@test "incident buns: each lapse's person, deadline and late time" {
	run -0 lapses
	# accept due 11:35, accepted 12:33: 58m = 3480 while 吧台 held it
	# unaccepted; 邓辉 told at 11:35: 3480.  The owner 曹刚 did nothing
	# after logging: late 11:35-13:00 = 1h25m = 5100 (> the accept limit).
	# reply due 11:40: 吧台 and 邓辉 11:40-12:33 = 53m = 3180; 唐雨
	# 12:33-13:00 = 27m = 1620, the deadline long past (passed false).
	# resolve due 12:00: 吧台 and 邓辉 12:00-12:33 = 1980; 唐雨 1620.
	assert_output - <<'OUT'
null late_holding accept 3480 11:35 12:33 true department
deng.hui late_holding accept 3480 11:35 12:33 false supervisor
cao.gang owner_no_follow_up accept 5100 11:35 13:00 false owner
null late_holding reply 3180 11:40 12:33 true department
deng.hui late_holding reply 3180 11:40 12:33 false supervisor
null late_holding resolve 1980 12:00 12:33 true department
deng.hui late_holding resolve 1980 12:00 12:33 false supervisor
tang.yu late_holding reply 1620 12:33 13:00 false handler
tang.yu late_holding resolve 1620 12:33 13:00 false handler
OUT
	run -0 fq report --lapses --format json
	assert_equal "$(jq -r '[.[] | .due[11:16]] | join(" ")' <<<"$output")" \
		"11:35 11:35 11:35 11:40 11:40 12:00 12:00 11:40 12:00"
	assert_equal "$(jq -r '[.[] | .department] | unique | join(" ")' <<<"$output")" \
		"bar kitchen"
}

@test "incident buns: the late close is kept after closing (限时办结)" {
	run -0 fq report --format json
	assert_equal "$(jq -c '.[0] | [.closed, .replied_on_time_rate, .resolved_on_time_rate, .late_now]' <<<"$output")" \
		'[1,0,0,0]'
	run -0 fq report --held --format json
	assert_equal "$(jq -c '.[] | [.group, .cases_held, .held_seconds, .late_held_seconds, .transfers_in, .transfers_out]' <<<"$output")" \
		'["bar",1,5400,5100,0,0]'
}

@test "incident buns: 唐雨's span shows the clocks already past when it began" {
	run -0 fq show 1 --format json
	assert_equal "$(jq -c '[.holders[1].clocks[] | [.clock, .seconds, .late_seconds, .passed, .ended, .kept]]' <<<"$output")" \
		'[["reply",1620,1620,"before","replied",false],["resolve",1620,1620,"before","closed",false]]'
	run -0 fq show 1
	assert_output --partial "吧台 · 唐雨"
	assert_output --partial "reply 27m late 27m; resolve 27m late 27m"
}
