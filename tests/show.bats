#!/usr/bin/env bats
#
# show.bats - fq show: a case for people (summary, owner, holder, timeline)
# and as JSON with every field SPEC names, the chain of holders, and bad
# or missing ids.

load helper
bats_require_minimum_version 1.5.0

setup() {
	fq_setup
	# The forgotten phone, logged by 李娜 at 03:00; 王强 (安保部) accepts
	# it at 03:04.
	id=$(log_case --via phone --guest 周先生 --room 1208 \
		--phone 13912345678 --promise 03:20 \
		"昨晚在棋牌室打牌，手机忘在那里了")
}

@test "show: the text view has the summary, the owner and the holder" {
	run -0 --separate-stderr fq show "$id"
	assert_equal "$stderr" ""
	assert_line --index 0 --partial "#1"
	assert_line --index 0 --partial "昨晚在棋牌室打牌，手机忘在那里了"
	assert_line --index 0 --partial "open"
	assert_output --partial "李娜"
	assert_output --partial "安保部"
	assert_output --partial "失物招领"
	assert_output --partial "周先生"
	assert_output --partial "1208"
	assert_output --partial "logged"
	# the deadlines, in the policy's time zone (not TZ=UTC); the promise
	# (03:20) stands in for the reply deadline (fq-lifecycle(7))
	assert_output --partial "03:20"
	assert_output --partial "03:05"
	refute_output --partial "19:20"
	refute_output --partial "03:30"
}

@test "show: after acceptance the holder names the handler" {
	FQ_USER=wang.qiang at 2026-11-27T03:04:00+08:00 fq accept "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 fq show "$id"
	assert_output --partial "王强"
	assert_output --partial "accepted"
}

@test "show: --format json has every field SPEC names" {
	run -0 --separate-stderr fq show "$id" --format json
	assert_equal "$stderr" ""
	j=$output
	jq -e . <<<"$j" >/dev/null
	for k in id summary category department handler owner status major \
		guest via created_at due late closed_at events holders; do
		assert_equal "$(jq --arg k "$k" 'has($k)' <<<"$j")" "true"
	done
	assert_equal "$(jq -r .id <<<"$j")" "1"
	assert_equal "$(jq -r .summary <<<"$j")" "昨晚在棋牌室打牌，手机忘在那里了"
	assert_equal "$(jq -r .category <<<"$j")" "lost_property"
	assert_equal "$(jq -r .department <<<"$j")" "security"
	assert_equal "$(jq -c .handler <<<"$j")" "null"
	assert_equal "$(jq -r .owner <<<"$j")" "li.na"
	assert_equal "$(jq -r .status <<<"$j")" "open"
	assert_equal "$(jq -c .major <<<"$j")" "false"
	assert_equal "$(jq -c .guest <<<"$j")" \
		'{"name":"周先生","room":"1208","phone":"13912345678"}'
	assert_equal "$(jq -r .via <<<"$j")" "phone"
	assert_equal "$(jq -r .created_at <<<"$j")" "2026-11-27T03:00:00+08:00"
	assert_equal "$(jq -c .due <<<"$j")" \
		'{"accept":"2026-11-27T03:05:00+08:00","reply":null,"resolve":"2026-11-28T03:00:00+08:00","promise":"2026-11-27T03:20:00+08:00"}'
	assert_equal "$(jq -c .late <<<"$j")" "[]"
	assert_equal "$(jq -c .closed_at <<<"$j")" "null"
}

@test "show: --format json events carry seq, at, actor, kind" {
	run -0 --separate-stderr fq show "$id" --format json
	assert_equal "$(jq -c '.events | length' <<<"$output")" "1"
	assert_equal "$(jq -c '.events[0] | {seq, at, actor, kind, department}' <<<"$output")" \
		'{"seq":1,"at":"2026-11-27T03:00:00+08:00","actor":"li.na","kind":"logged","department":"security"}'
}

@test "show: --format json holders: the chain, oldest first, with seconds" {
	FQ_USER=wang.qiang at 2026-11-27T03:04:00+08:00 fq accept "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 fq show "$id" --format json
	j=$output
	assert_equal "$(jq -c '[.events[] | {seq, kind, actor}]' <<<"$j")" \
		'[{"seq":1,"kind":"logged","actor":"li.na"},{"seq":2,"kind":"accepted","actor":"wang.qiang"}]'
	assert_equal "$(jq -r '.events[1].at' <<<"$j")" "2026-11-27T03:04:00+08:00"
	assert_equal "$(jq -r .handler <<<"$j")" "wang.qiang"
	assert_equal "$(jq -c '.holders | length' <<<"$j")" "2"
	assert_equal "$(jq -c '.holders[0] | {department, handler, from, to, seconds}' <<<"$j")" \
		'{"department":"security","handler":null,"from":"2026-11-27T03:00:00+08:00","to":"2026-11-27T03:04:00+08:00","seconds":240}'
	assert_equal "$(jq -c '.holders[1] | {department, handler, from, to}' <<<"$j")" \
		'{"department":"security","handler":"wang.qiang","from":"2026-11-27T03:04:00+08:00","to":null}'
	assert_equal "$(jq -c '.holders[1].seconds' <<<"$j")" "360"
}

@test "show: late deadlines are named in late" {
	run -0 --separate-stderr at 2026-11-27T03:40:00+08:00 fq show "$id" --format json
	# the promise given at logging met the reply clock at once
	assert_equal "$(jq -c '.late | sort' <<<"$output")" '["accept","promise"]'
	run -0 --separate-stderr at 2026-11-27T03:40:00+08:00 fq show "$id"
	assert_output --partial "LATE"
}

@test "show: a case closed at once has closed_at and no holder left open" {
	n=$(log_case --resolved "已告知：出门右转" "请问附近有银行吗")
	run -0 --separate-stderr fq show "$n" --format json
	assert_equal "$(jq -r .status <<<"$output")" "closed"
	assert_equal "$(jq -r .closed_at <<<"$output")" "2026-11-27T03:00:00+08:00"
	assert_equal "$(jq -c '[.holders[] | select(.to == null)] | length' <<<"$output")" "0"
}

@test "show: '#3' is accepted as id 3" {
	log_case 蒸两个馒头 >/dev/null
	log_case 要一瓶胶水 >/dev/null
	run -0 --separate-stderr fq show '#3' --format json
	assert_equal "$(jq -r .id <<<"$output")" "3"
	assert_equal "$(jq -r .summary <<<"$output")" "要一瓶胶水"
}

@test "show: a bad id 'abc' (65)" {
	run -65 --separate-stderr fq show abc
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: show: .*'abc'"
	run -65 --separate-stderr fq show 0
	assert_equal "$output" ""
	run -65 --separate-stderr fq show 3号
	assert_equal "$output" ""
}

@test "show: no such case 99 (66)" {
	run -66 --separate-stderr fq show 99
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: show: .*99"
}

@test "show: a missing id (64)" {
	run -64 --separate-stderr fq show
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: show: "
}

@test "show: two ids (64)" {
	run -64 --separate-stderr fq show 1 2
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: show: "
}
