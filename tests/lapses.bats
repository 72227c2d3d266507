#!/usr/bin/env bats
#
# lapses.bats - fq report --lapses (失职追究), the rules of fq-report(1)
# one by one: lapses survive closing; the owner's follow-up; supervisors
# named from the moment they were told; refusals waiting for a signature.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# The lapses at FQ_NOW as "person lapse id deadline late".
lapses() {
	fq report --lapses --format json | jq -r '.[] | [.person, .lapse,
		.id, .deadline, .late_seconds] | map(tostring) | join(" ")'
}

@test "lapses: a case closed after its resolve deadline keeps its lapse (限时办结)" {
	# repair: reply 15m, resolve 2h, callback.  Logged 10:00, answered
	# on time at 10:10, but the owner calls back only at 18:00: resolve
	# due 12:00, closed 6 h late, while the case waited for her.
	export FQ_NOW=2026-11-27T10:00:00+08:00
	id=$(log_case "1208房空调坏了")
	at 2026-11-27T10:02:00+08:00 fq --as hu.bin accept "$id" >/dev/null
	at 2026-11-27T10:10:00+08:00 fq --as hu.bin reply "$id" "已更换遥控器电池" >/dev/null
	at 2026-11-27T18:00:00+08:00 fq callback "$id" "客人确认空调正常" >/dev/null
	export FQ_NOW=2026-11-28T09:00:00+08:00
	assert_equal "$(fq show "$id" --format json | jq -r .status)" closed
	run -0 lapses
	assert_output "li.na callback_missing $id resolve 21600"
	run -0 fq report --format json
	assert_equal "$(jq -c '.[0] | [.replied_on_time_rate, .resolved_on_time_rate]' <<<"$output")" '[1,0]'
	assert_equal "$(fq show "$id" --format json | jq -c '.events[-1] | [.kind, .deadline, .due, .late]')" \
		'["closed","resolve","2026-11-27T12:00:00+08:00",true]'
}

@test "lapses: a closed-late case, a broken promise and a forced answer, all after closing" {
	export FQ_NOW=2026-11-27T10:00:00+08:00
	# 1: item, handled by li.na herself (housekeeping), closed at 10:30:
	#    reply due 10:03 and resolve 10:10 both missed, by her
	a=$(log_case "送一把雨伞到大堂")
	# 2: lost phone, promised 10:40 by 王强, answered 11:00 and called back
	b=$(log_case "客人手机忘在餐厅了")
	at 2026-11-27T10:01:00+08:00 fq --as wang.qiang accept "$b" >/dev/null
	at 2026-11-27T10:05:00+08:00 fq --as wang.qiang promise "$b" 10:40 --note "正在调监控" >/dev/null
	at 2026-11-27T10:30:00+08:00 fq reply "$a" "雨伞已送到大堂" >/dev/null
	at 2026-11-27T11:00:00+08:00 fq --as wang.qiang reply "$b" "手机已找到" >/dev/null
	at 2026-11-27T11:10:00+08:00 fq callback "$b" "客人已取回" >/dev/null
	# 3: an inquiry answered at once with a forced forbidden answer
	c=$(at 2026-11-27T11:20:00+08:00 log_case "请问健身房在几楼")
	at 2026-11-27T11:21:00+08:00 fq --as chen.jing accept "$c" >/dev/null
	at 2026-11-27T11:22:00+08:00 fq --as chen.jing reply "$c" --force "不清楚，您问别人吧" >/dev/null
	export FQ_NOW=2026-11-27T12:00:00+08:00
	assert_equal "$(fq list --status closed --format json | jq -c '[.[].id] | sort')" "[$a,$b,$c]"
	run -0 lapses
	assert_output - <<OUT
li.na late_holding $a reply 1620
li.na late_holding $a resolve 1200
wang.qiang promise_broken $b promise 1200
chen.jing forbidden_answer $c null 0
OUT
	run -0 fq report --format json
	assert_equal "$(jq -c '.[0] | [.closed, .resolved_on_time_rate, .promises_broken]' <<<"$output")" '[3,0.6667,1]'
}

@test "lapses: an owner who follows up is not charged; one who does not is, once the limit has passed again" {
	# inquiry at the front desk: accept 5m (default), reply 5m, resolve
	# 30m.  Nobody accepts; reply due 10:05.
	export FQ_NOW=2026-11-27T10:00:00+08:00
	id=$(log_case "客人询问附近银行的地址")
	# the owner follows up at 10:08, 3 min into the lateness (< 5m)
	at 2026-11-27T10:08:00+08:00 fq follow "$id" "已催前台" >/dev/null
	# then nothing from her; 前台 accepts at 10:30 and answers at 10:31
	at 2026-11-27T10:30:00+08:00 fq --as chen.jing accept "$id" >/dev/null
	at 2026-11-27T10:31:00+08:00 fq --as chen.jing reply "$id" "最近的工商银行在东门外100米" >/dev/null
	export FQ_NOW=2026-11-27T11:00:00+08:00
	run -0 fq report --lapses --format json
	# 10:05-10:08 (3 min) was followed up in time; 10:08-10:31 (23 min,
	# more than the accept limit of the deadline it was late by) was not
	assert_equal "$(jq -r '.[] | select(.lapse == "owner_no_follow_up") | [.person, .deadline, .late_seconds, .from[11:16], .to[11:16]] | map(tostring) | join(" ")' <<<"$output")" \
		"li.na accept 1380 10:08 10:31"
}

@test "lapses: the owner who holds the case is charged as its holder, not twice" {
	export FQ_NOW=2026-11-27T10:00:00+08:00
	id=$(fq -q --as chen.jing log "客人询问附近银行的地址")
	at 2026-11-27T11:00:00+08:00 fq --as chen.jing reply "$id" "东门外100米" >/dev/null
	# reply due 10:05, resolve 10:30: both hers, nothing for the owner
	run -0 lapses
	assert_output "chen.jing late_holding $id reply 3300
chen.jing late_holding $id resolve 1800"
}

@test "lapses: a supervisor is named only from the moment they were told" {
	export FQ_NOW=2026-11-27T03:00:00+08:00
	id=$(log_phone)
	# accept due 03:05; a guard sends it up to 张伟 by hand at 03:12
	# (fq escalate names the department's supervisors) instead of taking
	# it; 王强 accepts at 03:20
	at 2026-11-27T03:12:00+08:00 fq --as gao.feng escalate "$id" "请队长安排人去棋牌室" >/dev/null
	at 2026-11-27T03:20:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	export FQ_NOW=2026-11-27T03:25:00+08:00
	run -0 fq report --lapses --format json
	assert_equal "$(jq -r '.[] | select(.deadline == "accept") | [.person, .role, .late_seconds, .from[11:16], .to[11:16]] | map(tostring) | join(" ")' <<<"$output")" \
		"null department 900 03:05 03:20
li.na owner 900 03:05 03:20
zhang.wei supervisor 480 03:12 03:20"
	# 高峰 and 王强 are members, not supervisors: never named for it
	assert_equal "$(jq -r '[.[].person] | index("gao.feng")' <<<"$output")" null
}

@test "lapses: a refusal waiting for its signature is its signer's; signed, it is gone" {
	export FQ_NOW=2026-11-27T10:00:00+08:00
	id=$(fq -q --as wu.min log "退房时多收了房费")
	at 2026-11-27T10:05:00+08:00 fq --as wu.min decline "$id" --reason "经核对房费无误" >/dev/null
	run -0 at 2026-11-27T11:05:00+08:00 fq report --lapses --format json
	assert_equal "$(jq -c '.[] | [.person, .lapse, .late_seconds, .role]' <<<"$output")" \
		'["qian.hua","refusal_unsigned",3600,"signer"]'
	at 2026-11-27T11:10:00+08:00 fq --as qian.hua sign "$id" >/dev/null
	run -0 at 2026-11-27T12:00:00+08:00 fq report --lapses --format json
	assert_output "[]"
}

@test "lapses: the wait left out: no lapse for the time the case waited on the guest" {
	export FQ_NOW=2026-11-27T03:00:00+08:00
	id=$(log_phone)
	at 2026-11-27T03:02:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:10:00+08:00 fq --as wang.qiang wait "$id" --reason "客人外出" --until 05:00 >/dev/null
	# reply due 03:30 moved to 05:20 by the wait; answered 05:30, 10 min late
	at 2026-11-27T05:30:00+08:00 fq --as wang.qiang reply "$id" "手机已找到" >/dev/null
	run -0 at 2026-11-27T06:00:00+08:00 fq report --lapses --format json
	assert_equal "$(jq -c '.[] | [.person, .deadline, .late_seconds, .due[11:16], .from[11:16]]' <<<"$output")" \
		'["wang.qiang","reply",600,"05:20","05:20"]'
}

@test "lapses: unit tests of the history and the lapses (build/lapses-test)" {
	run make -s -C "$TOP" build/lapses-test
	assert_success
	run "$TOP/build/lapses-test" "$TOP/policies/hotel.yaml"
	printf '%s\n' "$output"
	assert_success
	refute_output --partial "not ok"
	assert_line --regexp '^1\.\.[1-9][0-9]*$'
}
