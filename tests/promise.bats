#!/usr/bin/env bats
#
# promise.bats - fq promise and the rule of the promise (答复: "if you
# cannot answer now, say why and by when, then keep that promise";
# fq-lifecycle(7)): a promise stands in for the reply deadline in show,
# overdue, handover and the report; giving it late, moving it later and
# breaking it are on the record.
#
# The forgotten phone: logged at 03:00 by 李娜, Security, reply due 03:30,
# resolve due 03:00 the next day; 王强 accepts at 03:04.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
	id=$(log_phone)
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
}

@test "promise: a promise stands in for the reply deadline" {
	run -0 --separate-stderr at 2026-11-27T03:20:00+08:00 \
		fq --as wang.qiang promise "$id" 05:00 --note "监控室09:00才开门，先查走廊录像"
	assert_equal "$stderr" "fq: promise: the promise (2026-11-27 05:00) is later than the reply limit (reply by 2026-11-27 03:30): it stands in for it, so tell the guest why"
	assert_output --partial "#$id"
	assert_output --partial "05:00"
	json=$(at 2026-11-27T03:20:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -c '.due | [.reply, .promise]' <<<"$json")" \
		'[null,"2026-11-27T05:00:00+08:00"]'
	assert_equal "$(jq -c '.events[-1] | [.kind, .actor, .due, .text, .reply_due_at, .late]' <<<"$json")" \
		'["promised","wang.qiang","2026-11-27T05:00:00+08:00","监控室09:00才开门，先查走廊录像","2026-11-27T03:30:00+08:00",false]'
	# at 04:00 the reply limit is past, but the guest was told why and
	# by when: nothing is late, fq overdue is silent
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 fq overdue --exit-status
	assert_equal "$output" ""
	assert_equal "$(at 2026-11-27T04:00:00+08:00 fq show "$id" --format json | jq -c .late)" '[]'
	# after 05:00 the promise is late, and only the promise
	run -1 --separate-stderr at 2026-11-27T05:10:00+08:00 fq overdue --exit-status --format tsv
	assert_equal "$(tail -n +2 <<<"$output" | cut -f 1-4)" "$id"$'\t600\tpromise\t2026-11-27T05:00:00+08:00'
	# the ladder climbs the promise, not the reply deadline
	at 2026-11-27T05:10:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(db_value "SELECT group_concat(DISTINCT data ->> '\$.deadline') FROM events WHERE kind = 'escalated'")" promise
}

@test "promise: the hand-over sheet and show name the promise as the next deadline" {
	at 2026-11-27T03:20:00+08:00 fq --as wang.qiang promise "$id" 05:00 --note "等监控" >/dev/null
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 fq handover --format json
	assert_equal "$(jq -c ".[] | select(.id == $id) | [.next_deadline, .next_due]" <<<"$output")" \
		'["promise","2026-11-27T05:00:00+08:00"]'
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 fq show "$id"
	assert_output --partial "promise  due 2026-11-27 05:00"
	refute_output --partial "reply    due"
	assert_line --regexp '^03:20 +王强 +promised +by 05:00  等监控$'
}

@test "promise: kept by the reply: on time in the report, no lapse" {
	at 2026-11-27T03:20:00+08:00 fq --as wang.qiang promise "$id" 05:00 --note "等监控" >/dev/null
	at 2026-11-27T04:50:00+08:00 fq --as wang.qiang reply "$id" "手机已找到" >/dev/null
	json=$(at 2026-11-27T05:00:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -c '[.events[] | select(.kind == "replied")][0] | [.deadline, .due, .late]' <<<"$json")" \
		'["promise","2026-11-27T05:00:00+08:00",false]'
	run -0 at 2026-11-27T05:00:00+08:00 fq report --format json
	assert_equal "$(jq -c '.[0] | [.replied_on_time_rate, .promises_broken, .promises_moved]' <<<"$output")" '[1,0,0]'
	run -0 at 2026-11-27T05:00:00+08:00 fq report --lapses --format json
	assert_output "[]"
}

@test "promise: moved later, it is on the record and in the report; broken, it is a lapse" {
	at 2026-11-27T03:20:00+08:00 fq --as wang.qiang promise "$id" 04:00 --note "等监控" >/dev/null
	# moved before it passed: not broken, but counted as moved
	run -0 --separate-stderr at 2026-11-27T03:50:00+08:00 \
		fq --as wang.qiang promise "$id" 05:00 --note "录像要多看一段"
	json=$(at 2026-11-27T03:50:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -c '.events[-1] | [.kind, .due, .previous_due_at, .late]' <<<"$json")" \
		'["promised","2026-11-27T05:00:00+08:00","2026-11-27T04:00:00+08:00",false]'
	# broken: the reply comes at 05:30
	at 2026-11-27T05:30:00+08:00 fq --as wang.qiang reply "$id" "手机已找到" >/dev/null
	run -0 at 2026-11-27T06:00:00+08:00 fq report --format json
	assert_equal "$(jq -c '.[0] | [.replied_on_time_rate, .promises_broken, .promises_moved]' <<<"$output")" '[0,1,1]'
	run -0 at 2026-11-27T06:00:00+08:00 fq report --lapses --format json
	assert_equal "$(jq -r '.[] | [.person, .lapse, .deadline, .late_seconds, .due[11:16]] | map(tostring) | join(" ")' <<<"$output")" \
		"wang.qiang promise_broken promise 1800 05:00"
	# the chain of holders shows both promises in 王强's span
	assert_equal "$(at 2026-11-27T06:00:00+08:00 fq show "$id" --format json | jq -c '[.holders[1].clocks[] | select(.clock == "promise") | [.due[11:16], .ended, .kept]]')" \
		'[["04:00","moved",true],["05:00","replied",false]]'
}

@test "promise: given after the reply limit passed, the reply was late all the same" {
	run -0 --separate-stderr at 2026-11-27T03:40:00+08:00 \
		fq --as wang.qiang promise "$id" 05:00 --note "等监控"
	json=$(at 2026-11-27T03:40:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -c '.events[-1] | [.kind, .late]' <<<"$json")" '["promised",true]'
	at 2026-11-27T04:30:00+08:00 fq --as wang.qiang reply "$id" "手机已找到" >/dev/null
	run -0 at 2026-11-27T05:00:00+08:00 fq report --format json
	assert_equal "$(jq -c '.[0] | [.replied_on_time_rate, .promises_broken]' <<<"$output")" '[0,0]'
	run -0 at 2026-11-27T05:00:00+08:00 fq report --lapses --format json
	assert_equal "$(jq -r '.[] | [.person, .lapse, .deadline, .late_seconds] | map(tostring) | join(" ")' <<<"$output")" \
		"wang.qiang late_holding reply 600"
}

@test "promise: a promise at logging meets the reply clock at once" {
	n=$(at 2026-11-27T03:00:00+08:00 log_case --promise 05:00 "客人钱包丢了，答应五点前回电" 2>/dev/null)
	json=$(fq show "$n" --format json)
	assert_equal "$(jq -c '.due | [.reply, .promise]' <<<"$json")" '[null,"2026-11-27T05:00:00+08:00"]'
	assert_equal "$(jq -c '[.holders[0].clocks[] | select(.clock == "reply") | [.seconds, .ended, .kept]]' <<<"$json")" \
		'[[0,"promised",true]]'
}

@test "promise: a promise in the past is refused (65), by fq promise and by fq log --promise" {
	snap=$(db_digest)
	run -65 --separate-stderr at 2026-11-27T03:20:00+08:00 fq --as wang.qiang promise "$id" 03:10 --note "等监控"
	assert_equal "$output" ""
	assert_equal "$stderr" "fq: promise: the promise (2026-11-27 03:10) is already past; promise the guest a time still to come"
	run -65 --separate-stderr at 2026-11-27T03:20:00+08:00 fq --as wang.qiang promise "$id" --note "等监控" -- -5m
	run -65 --separate-stderr at 2026-11-27T03:20:00+08:00 fq log --promise 03:19 "客人钱包丢了"
	assert_equal "$output" ""
	assert_equal "$stderr" "fq: log: the promise (2026-11-27 03:19) is already past; promise the guest a time still to come"
	assert_equal "$(db_digest)" "$snap"
}

@test "promise: only before the answer; a note is needed" {
	run -64 --separate-stderr fq --as wang.qiang promise "$id" 05:00
	assert_equal "$output" ""
	[[ $stderr == "fq: promise: missing --note"* ]]
	run -65 --separate-stderr fq --as wang.qiang promise "$id" 05:00 --note ""
	[[ $stderr == "fq: promise: "*"--note"* ]]
	run -65 --separate-stderr fq --as wang.qiang promise "$id" 五点 --note "等监控"
	[[ $stderr == "fq: promise: "*"WHEN"* ]]
	at 2026-11-27T03:20:00+08:00 fq --as wang.qiang reply "$id" "手机已找到" >/dev/null
	run -65 --separate-stderr at 2026-11-27T03:25:00+08:00 fq --as wang.qiang promise "$id" 05:00 --note "等监控"
	assert_equal "$stderr" "fq: promise: case #$id is replied; a promise is given before the guest is answered"
}

@test "promise: who may: the handler, the owner, the department; not an outsider (77)" {
	run -0 --separate-stderr fq promise "$id" 05:00 --note "已请安保部查找"
	run -0 --separate-stderr fq --as zhang.wei promise "$id" 05:30 --note "队长亲自查看"
	run -77 --separate-stderr fq --as cao.gang promise "$id" 06:00 --note "厨房不知情"
	assert_equal "$output" ""
	[[ $stderr == "fq: promise: "* ]]
}

@test "promise: usage (64) and no such case (66)" {
	run -64 --separate-stderr fq promise
	assert_equal "$output" ""
	run -64 --separate-stderr fq promise "$id"
	run -64 --separate-stderr fq promise "$id" 05:00 extra --note x
	run -64 --separate-stderr fq promise "$id" 05:00 --note x --bogus
	run -66 --separate-stderr fq promise 99 05:00 --note x
	[[ $stderr == "fq: promise: "* ]]
	run -0 --separate-stderr fq help promise
	assert_output --partial "fq promise ID WHEN --note TEXT"
}

@test "promise: verify rebuilds a promised case's row from its events alone" {
	at 2026-11-27T03:20:00+08:00 fq --as wang.qiang promise "$id" 05:00 \
		--note "先查走廊录像" 2>/dev/null >/dev/null
	at 2026-11-27T04:50:00+08:00 fq --as wang.qiang promise "$id" 06:00 \
		--note "监控室要等值班经理" 2>/dev/null >/dev/null
	run -0 --separate-stderr at 2026-11-27T04:51:00+08:00 fq verify
	assert_output --partial "ok:"
	# and a hand edit of the promise is named
	sqlite3 "$FQ_DB" "UPDATE cases SET due_promise = due_promise + 3600 WHERE id = $id"
	run -1 --separate-stderr at 2026-11-27T04:52:00+08:00 fq verify
	assert_output --partial "case #$id"
	assert_output --partial "promise"
}
