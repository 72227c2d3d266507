#!/usr/bin/env bats
#
# incident-glue.bats - a bottle of glue (一瓶胶水), played as the seed tells
# it with the shipped hotel policy: at 14:00 a guest asks the floor
# attendant 黄梅 (客房部) for glue.  "I don't have any, please call the
# housekeeping centre" is a forbidden answer; she records the request
# instead, and it crosses 房务中心 -> 前台 -> 大堂副理 -> 财务部, where
# 吴敏 lends a bottle at 14:12.  One owner throughout.
#
# fq 0.1 put the whole reply clock ("reply 12m ... LATE") on 吴敏, who held
# the case for 5 of those 12 minutes, and gave the middle spans no clock.
# The chain of holders now gives every span every clock that ran in it,
# and the lapses go to whoever held it while it was late.
#
# Limits (item_request): accept 1m (5m at the front desk and the duty
# manager's: the same category), reply 3m, resolve 10m; no callback.
#
#   14:00 黄梅 logs it        -> 房务中心, unaccepted (accept due 14:01)
#   14:01 孙丽 accepts
#   14:02 孙丽: to 前台        (房务中心没有胶水; accept due 14:03)
#   14:02 陈静 accepts
#   14:05 陈静: to 大堂副理     (accept due 14:06)
#   14:06 周敏 accepts
#   14:07 周敏: to 财务部 --to 吴敏
#   14:12 吴敏 answers: closed

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
	export FQ_NOW=2026-11-27T14:00:00+08:00
	fq -q --as huang.mei log --via desk --room 806 "客人要一瓶胶水" >/dev/null
	at 2026-11-27T14:01:00+08:00 fq --as sun.li accept 1 >/dev/null
	at 2026-11-27T14:02:00+08:00 fq --as sun.li transfer 1 front_desk --note "房务中心没有胶水" >/dev/null
	at 2026-11-27T14:02:00+08:00 fq --as chen.jing accept 1 >/dev/null
	at 2026-11-27T14:05:00+08:00 fq --as chen.jing transfer 1 duty_manager --note "请大堂副理想办法" >/dev/null
	at 2026-11-27T14:06:00+08:00 fq --as zhou.min accept 1 >/dev/null
	at 2026-11-27T14:07:00+08:00 fq --as zhou.min transfer 1 finance --to wu.min --note "向财务部借一瓶" >/dev/null
	at 2026-11-27T14:12:00+08:00 fq --as wu.min reply 1 "已将一瓶胶水送到806房" >/dev/null
	export FQ_NOW=2026-11-27T15:00:00+08:00
}

@test "incident glue: the push-away answer is refused, however it is written" {
	export FQ_NOW=2026-11-27T14:00:00+08:00
	id=$(fq -q --as huang.mei log --via desk --room 806 "客人要一瓶胶水")
	for a in "对不起，我这没有，麻烦您打房务中心电话" \
		"我这 没有 ， 麻烦您 打 房务中心 电话！" "不归我们管" \
		"您去问别人吧" "这个我不太清楚"; do
		run -65 --separate-stderr fq --as huang.mei reply "$id" "$a"
		assert_equal "$output" ""
		[[ $stderr == "fq: reply: '"*"' is a forbidden answer"* ]]
	done
	assert_equal "$(fq show "$id" --format json | jq -r .status)" open
}

@test "incident glue: one owner, four holders, every clock split between them" {
	run -0 fq show 1 --format json
	j=$output
	assert_equal "$(jq -r .owner <<<"$j")" huang.mei
	# span by span: who, from, to, and each clock's [used, late, passed]
	run -0 jq -r '.holders[] | [(.department + "/" + (.handler // "-")),
		.from[11:16], .to[11:16], ([.clocks[] | .clock + ":" +
		(.seconds | tostring) + ":" + (.late_seconds | tostring) + ":" +
		(.passed // "-")] | join(","))] | join(" ")' <<<"$j"
	assert_output - <<'OUT'
housekeeping/- 14:00 14:01 accept:60:0:-,reply:60:0:-,resolve:60:0:-
housekeeping/sun.li 14:01 14:02 reply:60:0:-,resolve:60:0:-
front_desk/- 14:02 14:02 accept:0:0:-
front_desk/chen.jing 14:02 14:05 reply:180:120:during,resolve:180:0:-
duty_manager/- 14:05 14:06 reply:60:60:before,resolve:60:0:-,accept:60:0:-
duty_manager/zhou.min 14:06 14:07 reply:60:60:before,resolve:60:0:-
finance/wu.min 14:07 14:12 reply:300:300:before,resolve:300:120:during
OUT
	# the reply's 12 minutes: 9 of them late, 5 of those with 吴敏
	assert_equal "$(jq '[.holders[].clocks[] | select(.clock == "reply") | .seconds] | add' <<<"$j")" 720
	assert_equal "$(jq '[.holders[].clocks[] | select(.clock == "reply") | .late_seconds] | add' <<<"$j")" 540
	assert_equal "$(jq -c '[.holders[-1].clocks[] | [.clock, .ended, .kept]]' <<<"$j")" \
		'[["reply","replied",false],["resolve","closed",false]]'
}

@test "incident glue: each lapse's person, deadline and late time" {
	run -0 fq report --lapses --format json
	run -0 jq -r '.[] | [.person, .lapse, .deadline, .late_seconds,
		.due[11:16], .from[11:16], .to[11:16], .passed] | map(tostring)
		| join(" ")' <<<"$output"
	# reply due 14:03: it passed with 陈静 (2m late with her), then 大堂副理
	# unaccepted 1m, 周敏 1m, 吴敏 5m.  resolve due 14:10 passed with 吴敏
	# (2m).  The owner 黄梅 took no step after logging while the case lay
	# late 14:03-14:12 (9m, more than the reply limit of 3m).
	assert_output - <<'OUT'
chen.jing late_holding reply 120 14:03 14:03 14:05 true
huang.mei owner_no_follow_up reply 540 14:03 14:03 14:12 false
null late_holding reply 60 14:03 14:05 14:06 false
zhou.min late_holding reply 60 14:03 14:06 14:07 false
wu.min late_holding reply 300 14:03 14:07 14:12 false
wu.min late_holding resolve 120 14:10 14:10 14:12 true
OUT
}

@test "incident glue: report --by dept follows the case, --held the holders" {
	# --by dept (SPEC's figures): the case is finance's now
	run -0 fq report --by dept --format json
	assert_equal "$(jq -c '.[] | [.group, .logged, .transfers_per_case, .replied_on_time_rate, .resolved_on_time_rate]' <<<"$output")" \
		'["finance",1,3,0,0]'
	# --held: who held it, for how long, how much of it late, and the
	# transfers in and out of each
	run -0 fq report --held --format json
	run -0 jq -r '.[] | [.group, .cases_held, .held_seconds,
		.late_held_seconds, .transfers_in, .transfers_out] | map(tostring)
		| join(" ")' <<<"$output"
	assert_output - <<'OUT'
front_desk 1 180 120 1 1
housekeeping 1 120 0 0 1
finance 1 300 300 1 0
duty_manager 1 120 120 1 1
OUT
	run -0 --separate-stderr fq report --held --format table
	[[ ${lines[0]} == "held by "*"cases"*"time held"*"late while held"*"transfers in"*"transfers out" ]]
	[[ ${lines[1]} == "前台 "*"1"*"3m"*"2m"*"1"*"1" ]]
}

@test "incident glue: the table of holders for people" {
	run -0 --separate-stderr fq show 1
	assert_line --regexp '^前台 · 陈静 +14:02–14:05 +3m  reply 3m late 2m \(due 14:03 passed here\); resolve 3m$'
	assert_line --regexp '^财务部 · 吴敏 +14:07–14:12 +5m  reply 5m late 5m; resolve 5m late 2m \(due 14:10 passed here\)$'
}
