#!/usr/bin/env bats
#
# wait.bats - fq wait: the clocks stop while the case waits on the guest;
# waiting is a flag, not a status; --until resumes by itself; the waited
# time is not counted (the deadlines move later by it).

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

@test "wait: the case waits; the status stays; nothing goes late while it waits" {
	id=$(log_phone)
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 \
		fq --as wang.qiang wait "$id" --reason "客人外出，晚上回来再确认手机型号"
	assert_output --partial "waiting"
	assert_equal "$stderr" ""
	json=$(at 2026-11-27T03:10:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .waiting <<<"$json")" true
	assert_equal "$(jq -r .status <<<"$json")" open
	assert_equal "$(jq -c '.events[-1] | [.kind, .actor, .at, .reason]' <<<"$json")" \
		'["waiting","wang.qiang","2026-11-27T03:10:00+08:00","客人外出，晚上回来再确认手机型号"]'
	# 03:45 is past the reply deadline of 03:30, but the clocks are stopped
	run -0 --separate-stderr at 2026-11-27T03:45:00+08:00 fq show "$id" --format json
	assert_equal "$(jq -c .late <<<"$output")" '[]'
	assert_equal "$(jq -r .waiting <<<"$output")" true
}

@test "wait: the waited time moves the deadlines later (03:10 to 03:40: reply due 04:00)" {
	id=$(log_phone)
	assert_equal "$(field "$id" .due.reply)" 2026-11-27T03:30:00+08:00
	at 2026-11-27T03:10:00+08:00 fq wait "$id" --reason "客人外出" >/dev/null
	at 2026-11-27T03:40:00+08:00 fq resume "$id" >/dev/null
	json=$(at 2026-11-27T03:40:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .waiting <<<"$json")" false
	assert_equal "$(jq -r .due.reply <<<"$json")" 2026-11-27T04:00:00+08:00
	assert_equal "$(jq -r .due.resolve <<<"$json")" 2026-11-28T03:30:00+08:00
	run -0 --separate-stderr at 2026-11-27T03:59:00+08:00 fq show "$id" --format json
	assert_equal "$(jq -c '.late | index("reply")' <<<"$output")" null
	run -0 --separate-stderr at 2026-11-27T04:01:00+08:00 fq show "$id" --format json
	assert_equal "$(jq -c '.late | index("reply") != null' <<<"$output")" true
}

@test "wait: --until is recorded; once it passes, fq show says waiting false" {
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 \
		fq wait "$id" --reason "客人外出，03:40回来" --until 2026-11-27T03:40:00+08:00
	assert_equal "$(field "$id" '.events[-1].until')" 2026-11-27T03:40:00+08:00
	run -0 --separate-stderr at 2026-11-27T03:30:00+08:00 fq show "$id" --format json
	assert_equal "$(jq -r .waiting <<<"$output")" true
	run -0 --separate-stderr at 2026-11-27T03:50:00+08:00 fq show "$id" --format json
	assert_equal "$(jq -r .waiting <<<"$output")" false
	assert_equal "$(jq -r .due.reply <<<"$output")" 2026-11-27T04:00:00+08:00
	run -0 --separate-stderr at 2026-11-27T03:50:00+08:00 fq list --format json
	assert_equal "$(jq -r ".[] | select(.id == $id) | .waiting" <<<"$output")" false
}

@test "wait: once --until passes, the next writing command records a resumed event by fq" {
	id=$(log_phone)
	at 2026-11-27T03:10:00+08:00 fq wait "$id" --reason "客人外出" \
		--until 2026-11-27T03:40:00+08:00 >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:50:00+08:00 fq follow "$id" "客人已回房"
	json=$(at 2026-11-27T03:50:00+08:00 fq show "$id" --format json)
	assert_equal "$(jq -r .waiting <<<"$json")" false
	assert_equal "$(jq -c '[.events[].kind]' <<<"$json")" \
		'["logged","waiting","resumed","followed"]'
	assert_equal "$(jq -c '.events[2] | [.actor, .until, .auto]' <<<"$json")" \
		'["fq","2026-11-27T03:40:00+08:00",true]'
	# the wait counted until 03:40 only
	assert_equal "$(jq -r .due.reply <<<"$json")" 2026-11-27T04:00:00+08:00
	# and only once
	at 2026-11-27T03:55:00+08:00 fq follow "$id" "再次联系" >/dev/null
	assert_equal "$(field "$id" '[.events[] | select(.kind == "resumed")] | length')" 1
}

@test "wait: a replied case may wait for the callback" {
	id=$(log_phone)
	fq reply "$id" "手机已找到" >/dev/null
	run -0 --separate-stderr fq wait "$id" --reason "客人出差，明天回电"
	assert_equal "$(field "$id" .waiting)" true
	assert_equal "$(field "$id" .status)" replied
}

@test "wait: waiting twice is refused (65), pointing to fq resume" {
	id=$(log_phone)
	at 2026-11-27T03:10:00+08:00 fq wait "$id" --reason "客人外出" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr at 2026-11-27T03:20:00+08:00 fq wait "$id" --reason "还在外面"
	[[ $stderr == "fq: wait: "* ]]
	[[ $stderr == *"fq resume"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "wait: --until not in the future, or malformed, is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq wait "$id" --reason "客人外出" --until 2026-11-27T02:00:00+08:00
	[[ $stderr == *"--until"* ]]
	run -65 --separate-stderr fq wait "$id" --reason "客人外出" --until 2026-11-27T03:00:00+08:00
	run -65 --separate-stderr fq wait "$id" --reason "客人外出" --until 明天早上
	[[ $stderr == *"--until"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "wait: --until as a duration or a time of day" {
	a=$(log_phone)
	run -0 --separate-stderr fq wait "$a" --reason "客人外出" --until 30m
	assert_equal "$(field "$a" '.events[-1].until')" 2026-11-27T03:30:00+08:00
	b=$(log_phone)
	run -0 --separate-stderr fq wait "$b" --reason "客人外出" --until 07:00
	assert_equal "$(field "$b" '.events[-1].until')" 2026-11-27T07:00:00+08:00
}

@test "wait: without --reason is a usage error (64); an empty one is bad data (65)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq wait "$id"
	[[ $stderr == *"--reason"* ]]
	run -65 --separate-stderr fq wait "$id" --reason ""
	assert_equal "$(db_digest)" "$snap"
}

@test "wait: someone outside the case and its department is refused (77)" {
	id=$(log_phone)
	snap=$(db_digest)
	run -77 --separate-stderr fq --as cao.gang wait "$id" --reason "客人外出"
	assert_equal "$output" ""
	[[ $stderr == *"may not"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "wait: a closed case is refused (65), naming the state and fq reopen" {
	id=$(log_case "客人要一瓶胶水" --resolved "已送到房间")
	snap=$(db_digest)
	run -65 --separate-stderr fq wait "$id" --reason "客人外出"
	[[ $stderr == *"closed"* ]]
	[[ $stderr == *"fq reopen"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "wait: a declined case is refused (65), naming the state and fq sign" {
	id=$(log_phone)
	fq decline "$id" --reason "客人已离店" >/dev/null
	snap=$(db_digest)
	run -65 --separate-stderr fq wait "$id" --reason "客人外出"
	[[ $stderr == *"declined"* ]]
	[[ $stderr == *"fq sign"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "wait: usage errors (64): no ID, unknown option, extra argument, --until without value" {
	id=$(log_phone)
	snap=$(db_digest)
	run -64 --separate-stderr fq wait --reason "客人外出"
	[[ $stderr == *"usage: fq wait"* ]]
	run -64 --separate-stderr fq wait "$id" --reason "客人外出" --forever
	[[ $stderr == *"--forever"* ]]
	run -64 --separate-stderr fq wait "$id" "$id" --reason "客人外出"
	run -64 --separate-stderr fq wait "$id" --reason "客人外出" --until
	assert_equal "$(db_digest)" "$snap"
}

@test "wait: no such case (66)" {
	run -66 --separate-stderr fq wait 9 --reason "客人外出"
}
