#!/usr/bin/env bats
#
# deadlines.bats - how deadlines are computed and explained: working time
# on the government calendar (office hours, the 2026 holidays and adjusted
# working days of data/cn-holidays-2026.md), fq policy simulate, fq show
# --explain, a promised time (fq log --promise), and wall time across a
# daylight-saving change.  Expected times are worked out by hand from the
# calendar: 09:00-12:00 and 13:30-18:00, 7.5 h a working day.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# Switches to the government service hall; zhao.min works in its hall.
government() {
	export FQ_POLICY="$TOP/policies/government.yaml" FQ_USER=zhao.min
}

# One deadline of fq policy simulate's JSON: simulated CATEGORY WHEN DEADLINE.
simulated() {
	fq policy simulate "$1" --at "$2" --format json |
		jq -r --arg k "$3" '.[] | select(.deadline == $k) | .due'
}

@test "simulate: 1wd from Wed 2026-09-30 16:00 runs over National Day to Thu 10-08 16:00" {
	government
	# civil_service: accept 1bh (default), reply 1wd, resolve 10wd
	run -0 --separate-stderr fq policy simulate civil_service --at 2026-09-30T16:00 --format tsv
	assert_equal "$stderr" ""
	assert_equal "$(head -n 1 <<<"$output")" $'deadline\tlimit\tcounts\tdue'
	assert_equal "$(tail -n +2 <<<"$output")" \
"accept	1bh	working	2026-09-30T17:00:00+08:00
reply	1wd	working	2026-10-08T16:00:00+08:00
resolve	10wd	working	2026-10-20T16:00:00+08:00"
	# the same with an explicit offset, and as JSON
	assert_equal "$(simulated civil_service 2026-09-30T16:00:00+08:00 reply)" 2026-10-08T16:00:00+08:00
	# the worked example's arithmetic, an hour either side
	assert_equal "$(simulated civil_service 2026-09-30T15:00 reply)" 2026-10-08T15:00:00+08:00
	assert_equal "$(simulated civil_service 2026-09-30T17:00 reply)" 2026-10-08T17:00:00+08:00
}

@test "simulate: 1wd from Fri 2026-10-09 17:00 falls on the adjusted working Saturday 10-10 17:00" {
	government
	assert_equal "$(simulated civil_service 2026-10-09T17:00 reply)" 2026-10-10T17:00:00+08:00
	assert_equal "$(simulated civil_service 2026-10-09T17:00 accept)" 2026-10-09T18:00:00+08:00
	# 1 h on Fri, 7.5 h Sat, 5 x 7.5 h Mon-Fri, 3 x 7.5 h Mon-Wed, 6.5 h Thu
	assert_equal "$(simulated civil_service 2026-10-09T17:00 resolve)" 2026-10-22T17:00:00+08:00
	# inquiry: 4bh runs into the Saturday morning; 30m is wall time
	assert_equal "$(simulated inquiry 2026-10-09T17:00 reply)" 2026-10-10T12:00:00+08:00
	assert_equal "$(simulated inquiry 2026-10-09T17:00 accept)" 2026-10-09T17:30:00+08:00
	run -0 --separate-stderr fq policy simulate inquiry --at 2026-10-09T17:00 --format json
	assert_equal "$(jq -r '.[] | select(.deadline == "accept") | .counts' <<<"$output")" wall
	assert_equal "$(jq -r '.[] | select(.deadline == "reply") | .counts' <<<"$output")" working
}

@test "simulate: lunch, evenings and weekends are not counted" {
	government
	# 11:30 + 1bh: 30 min before lunch, 30 min after 13:30
	assert_equal "$(simulated approval 2026-10-13T11:30 accept)" 2026-10-13T14:00:00+08:00
	assert_equal "$(simulated approval 2026-10-13T11:30 reply)" 2026-10-14T11:30:00+08:00
	# Fri 18:30 is after hours: counting starts Mon 09:00
	assert_equal "$(simulated approval 2026-10-16T18:30 accept)" 2026-10-19T10:00:00+08:00
	assert_equal "$(simulated approval 2026-10-16T18:30 reply)" 2026-10-19T18:00:00+08:00
	# Sun 2026-09-20 is an adjusted working day: it counts
	assert_equal "$(simulated approval 2026-09-20T09:00 accept)" 2026-09-20T10:00:00+08:00
	# New Year: 01-01..01-03 off, Sun 01-04 worked
	assert_equal "$(simulated approval 2025-12-31T17:00 reply)" 2026-01-04T17:00:00+08:00
}

@test "simulate: bad category (65), missing --at (64), malformed --at (65)" {
	government
	run -65 --separate-stderr fq policy simulate no_such_thing --at 2026-10-09T17:00
	assert_equal "$output" ""
	[[ $stderr == "fq: policy: "*no_such_thing* ]]
	run -64 --separate-stderr fq policy simulate inquiry
	assert_equal "$output" ""
	[[ $stderr == "fq: policy: "*--at* ]]
	run -65 --separate-stderr fq policy simulate inquiry --at 明天上午
	assert_equal "$output" ""
	[[ $stderr == "fq: policy: "*--at* ]]
	run -65 --separate-stderr fq policy simulate inquiry --at 2026-13-45T10:00
	assert_equal "$output" ""
	run -64 --separate-stderr fq policy simulate --at 2026-10-09T17:00
	assert_equal "$output" ""
}

@test "deadlines: a case logged on a holiday counts from the next working morning" {
	government
	# Sat 2026-10-03, National Day: counting starts Thu 2026-10-08 09:00
	id=$(at 2026-10-03T10:00:00+08:00 log_case "公务员年度考核结果什么时候公布")
	json=$(fq show "$id" --format json)
	assert_equal "$(jq -r .category <<<"$json")" civil_service
	assert_equal "$(jq -r .created_at <<<"$json")" 2026-10-03T10:00:00+08:00
	assert_equal "$(jq -r .due.accept <<<"$json")" 2026-10-08T10:00:00+08:00
	assert_equal "$(jq -r .due.reply <<<"$json")" 2026-10-08T18:00:00+08:00
	assert_equal "$(jq -r .due.resolve <<<"$json")" 2026-10-20T18:00:00+08:00
	# nothing is late during the holiday, however long it lasts
	run -0 --separate-stderr at 2026-10-07T23:59:00+08:00 fq overdue --exit-status
	assert_equal "$output" ""
	run -1 --separate-stderr at 2026-10-08T10:01:00+08:00 fq overdue --exit-status --format tsv
	assert_equal "$(tail -n +2 <<<"$output" | cut -f 3)" accept
}

@test "deadlines: overdue counts working time: the reply is late only after the holiday" {
	government
	id=$(at 2026-09-30T16:00:00+08:00 log_case "公务员年度考核结果什么时候公布")
	at 2026-09-30T16:30:00+08:00 fq --as wang.jun accept "$id" >/dev/null
	run -0 --separate-stderr at 2026-10-05T12:00:00+08:00 fq overdue --exit-status
	assert_equal "$output" ""
	run -0 --separate-stderr at 2026-10-08T15:59:00+08:00 fq overdue --exit-status
	assert_equal "$output" ""
	run -1 --separate-stderr at 2026-10-08T16:01:00+08:00 fq overdue --exit-status --format tsv
	assert_equal "$(tail -n +2 <<<"$output" | cut -f 2,3,4)" $'60\treply\t2026-10-08T16:00:00+08:00'
}

@test "deadlines: the ladder's shares count working time (80% of 1wd from 09-30 16:00 is 10-08 14:30)" {
	government
	id=$(at 2026-09-30T16:00:00+08:00 log_case "公务员年度考核结果什么时候公布")
	at 2026-09-30T16:30:00+08:00 fq --as wang.jun accept "$id" >/dev/null
	# 6 h of 7.5: 2 h on 09-30, 3 h 09:00-12:00 and 1 h 13:30-14:30 on 10-08
	at 2026-10-08T14:29:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind = 'escalated'")" 0
	at 2026-10-08T14:30:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(db_value "SELECT data ->> '\$.deadline' || ' ' || (data ->> '\$.level')
		|| ' ' || (data ->> '\$.to') FROM events WHERE kind = 'escalated'")" \
		'reply 80% ["wang.jun"]'
}

@test "explain: names the rule, the start and how time is counted" {
	government
	id=$(at 2026-10-03T10:00:00+08:00 log_case "公务员年度考核结果什么时候公布")
	run -0 --separate-stderr fq show "$id" --explain
	assert_equal "$stderr" ""
	assert_output --partial "civil_service.reply_within = 1wd"
	assert_output --partial "civil_service.accept_within = 1bh"
	assert_output --partial "civil_service.resolve_within = 10wd"
	assert_output --partial "2026-10-03 10:00"
	assert_output --partial "working"
	assert_output --partial "2026-10-08 18:00"
	run -0 --separate-stderr fq show "$id" --explain --format json
	ex=$(jq -c '.explain[] | select(.deadline == "reply")' <<<"$output")
	assert_equal "$(jq -r .rule <<<"$ex")" "civil_service.reply_within = 1wd"
	assert_equal "$(jq -r .counts <<<"$ex")" working
	assert_equal "$(jq -r .start <<<"$ex")" 2026-10-03T10:00:00+08:00
	assert_equal "$(jq -r .start_kind <<<"$ex")" logged
	assert_equal "$(jq -r .due <<<"$ex")" 2026-10-08T18:00:00+08:00
	assert_equal "$(jq -r .counted_seconds <<<"$ex")" 27000
	assert_equal "$(jq -c .pauses <<<"$ex")" '[]'
	# without --explain, no explanation
	run -0 --separate-stderr fq show "$id" --format json
	assert_equal "$(jq -c .explain <<<"$output")" null
}

@test "explain: a start on a holiday says when the counting began (2026-10-08 09:00)" {
	government
	id=$(at 2026-10-03T10:00:00+08:00 log_case "公务员年度考核结果什么时候公布")
	run -0 --separate-stderr fq show "$id" --explain
	assert_output --partial "2026-10-08 09:00"
}

@test "explain: the working time counted is said in working units, not wall days" {
	government
	id=$(at 2026-10-03T10:00:00+08:00 log_case "公务员年度考核结果什么时候公布")
	run -0 --separate-stderr fq show "$id" --explain
	# resolve is 10wd: 75 working hours; "3d3h" reads as three days
	line=$(grep -A4 '^ *resolve *due' <<<"$output" | grep counted)
	[[ $line == *10wd* || $line == *75h* ]]
	line=$(grep -A4 '^ *reply *due' <<<"$output" | grep counted)
	[[ $line == *1wd* || $line == *7h30m* ]]
}

@test "explain: a wait and resume show as a pause, and the deadlines move by it" {
	id=$(log_case --guest 周先生 "昨晚在棋牌室打牌，手机忘在那里了")
	at 2026-11-27T03:02:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:10:00+08:00 fq wait "$id" --reason "客人外出，晚上回来" >/dev/null
	at 2026-11-27T03:40:00+08:00 fq resume "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:41:00+08:00 fq show "$id" --explain
	assert_output --partial "lost_property.reply_within = 30m"
	assert_output --partial "客人外出，晚上回来"
	assert_output --partial "03:10"
	assert_output --partial "03:40"
	assert_output --partial "2026-11-27 04:00"
	run -0 --separate-stderr at 2026-11-27T03:41:00+08:00 fq show "$id" --explain --format json
	ex=$(jq -c '.explain[] | select(.deadline == "reply")' <<<"$output")
	assert_equal "$(jq -r .due <<<"$ex")" 2026-11-27T04:00:00+08:00
	assert_equal "$(jq -r .counts <<<"$ex")" wall
	assert_equal "$(jq -r .start <<<"$ex")" 2026-11-27T03:00:00+08:00
	assert_equal "$(jq -c '[.pauses[] | [.from, .to, .reason]]' <<<"$ex")" \
		'[["2026-11-27T03:10:00+08:00","2026-11-27T03:40:00+08:00","客人外出，晚上回来"]]'
	ex=$(jq -c '.explain[] | select(.deadline == "resolve")' <<<"$output")
	assert_equal "$(jq -r .due <<<"$ex")" 2026-11-28T03:30:00+08:00
	assert_equal "$(jq -r .rule <<<"$ex")" "lost_property.resolve_within = 1d"
}

@test "promise: fq log --promise 05:00 is stored and is late after 05:00" {
	run -0 --separate-stderr fq -q log --promise 05:00 --guest 周先生 "客人钱包丢了，答应五点前回电"
	id=$output
	assert_equal "$(fq show "$id" --format json | jq -r .due.promise)" 2026-11-27T05:00:00+08:00
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:20:00+08:00 fq follow "$id" "保安正在查监控" >/dev/null
	run -0 --separate-stderr at 2026-11-27T04:59:59+08:00 fq overdue --format tsv
	[[ $(tail -n +2 <<<"$output" | cut -f 3) != *promise* ]]
	run -1 --separate-stderr at 2026-11-27T05:01:00+08:00 fq overdue --exit-status --format tsv
	row=$(tail -n +2 <<<"$output" | awk -F'\t' '$3 == "promise"')
	assert_equal "$(cut -f 1,2,4 <<<"$row")" "$id"$'\t60\t2026-11-27T05:00:00+08:00'
	run -0 --separate-stderr at 2026-11-27T05:01:00+08:00 fq overdue --format json
	assert_equal "$(jq -r '[.[] | select(.deadline == "promise")] | length' <<<"$output")" 1
}

@test "promise: earlier than the reply limit is silent; later warns on stderr and is kept (exit 0)" {
	run -0 --separate-stderr fq -q log --promise 03:20 "客人手机忘在餐厅了"
	assert_equal "$stderr" ""
	id=$output
	assert_equal "$(fq show "$id" --format json | jq -r .due.promise)" 2026-11-27T03:20:00+08:00
	# the reply limit is 30m: 05:00 is later than the policy allows
	run -0 --separate-stderr fq -q log --promise 05:00 "客人钱包丢了"
	id=$output
	[[ $id =~ ^[0-9]+$ ]]
	[[ $stderr == "fq: log: "*promise* ]]
	[[ $stderr == *03:30* ]]
	assert_equal "$(fq show "$id" --format json | jq -r .due.promise)" 2026-11-27T05:00:00+08:00
	# a malformed one is bad data, and nothing is logged
	snap=$(db_digest)
	run -65 --separate-stderr fq -q log --promise 五点前 "客人钱包丢了"
	assert_equal "$output" ""
	assert_equal "$(db_digest)" "$snap"
}

@test "deadlines: a 1d wall limit across the end of daylight saving time is 24 real hours" {
	sed 's|^timezone: Asia/Shanghai$|timezone: America/New_York|' \
		"$TOP/policies/hotel.yaml" >"$BATS_TEST_TMPDIR/ny.yaml"
	grep -q '^timezone: America/New_York$' "$BATS_TEST_TMPDIR/ny.yaml"
	export FQ_POLICY="$BATS_TEST_TMPDIR/ny.yaml"
	# Sat 2026-10-31 12:00 EDT; clocks go back at 02:00 on Sun 11-01
	id=$(at 2026-10-31T12:00:00-04:00 log_case "昨晚在棋牌室打牌，手机忘在那里了")
	json=$(fq show "$id" --format json)
	created=$(jq -r .created_at <<<"$json")
	resolve=$(jq -r .due.resolve <<<"$json")
	assert_equal "$created" 2026-10-31T12:00:00-04:00
	assert_equal "$(( $(date -d "$resolve" +%s) - $(date -d "$created" +%s) ))" 86400
	assert_equal "$resolve" 2026-11-01T11:00:00-05:00
	# fq policy simulate agrees, as does a start inside the repeated hour
	assert_equal "$(simulated lost_property 2026-10-31T12:00 resolve)" 2026-11-01T11:00:00-05:00
	s=$(fq policy simulate lost_property --at 2026-11-01T01:30:00-04:00 --format json |
		jq -r '.[] | select(.deadline == "reply") | .due')
	assert_equal "$(( $(date -d "$s" +%s) - $(date -d 2026-11-01T01:30:00-04:00 +%s) ))" 1800
	assert_equal "$s" 2026-11-01T01:00:00-05:00
	# late by the real clock: at 11:01 EST one minute late, not at 11:59
	run -1 --separate-stderr at 2026-11-01T11:01:00-05:00 fq overdue --exit-status --format json
	assert_equal "$(jq -r '.[] | select(.deadline == "resolve") | .late_seconds' <<<"$output")" 60
}
