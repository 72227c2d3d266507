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

@test "explain: names the holidays and days off it skipped (10-01..10-07 国庆节)" {
	government
	id=$(at 2026-09-30T16:00:00+08:00 log_case "公务员年度考核结果什么时候公布")
	run -0 --separate-stderr at 2026-10-09T10:00:00+08:00 fq show "$id" --explain
	assert_equal "$stderr" ""
	assert_line "             skipped 10-01..10-07 国庆节"
	assert_line "             skipped 10-01..10-07 国庆节, 10-11 day off, 10-17..10-18 day off"
	run -0 --separate-stderr at 2026-10-09T10:00:00+08:00 fq show "$id" --explain --format json
	assert_equal "$(jq -c '.explain[] | select(.deadline == "reply") | .skipped' <<<"$output")" \
		'[{"from":"2026-10-01","to":"2026-10-07","why":"holiday","name":"国庆节"}]'
	# the adjusted working Saturday 10-10 was worked: not skipped
	assert_equal "$(jq -c '[.explain[] | select(.deadline == "resolve") | .skipped[].from]' <<<"$output")" \
		'["2026-10-01","2026-10-11","2026-10-17"]'
}

@test "explain: a wait that --until ended shows its real end, not now" {
	id=$(log_phone)
	at 2026-11-27T03:02:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:10:00+08:00 fq --as wang.qiang wait "$id" --reason "客人外出" --until 03:40 >/dev/null
	# nothing was written since: the record has no `resumed` yet
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 fq show "$id" --explain
	assert_line "             paused  2026-11-27 03:10–03:40 (客人外出), ended by --until"
	refute_output --partial "03:10–now"
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 fq show "$id" --explain --format json
	ex=$(jq -c '.explain[] | select(.deadline == "reply")' <<<"$output")
	assert_equal "$(jq -c '[.pauses[] | [.from, .to, .ended]]' <<<"$ex")" \
		'[["2026-11-27T03:10:00+08:00","2026-11-27T03:40:00+08:00","until"]]'
	assert_equal "$(jq -r .due <<<"$ex")" 2026-11-27T04:00:00+08:00
	# a wait still going on ends "now"
	at 2026-11-27T04:05:00+08:00 fq --as wang.qiang wait "$id" --reason "再等客人" >/dev/null
	run -0 --separate-stderr at 2026-11-27T04:30:00+08:00 fq show "$id" --explain
	assert_line "             paused  2026-11-27 04:05–now (再等客人)"
}

@test "explain: each clock's use, holder by holder" {
	id=$(log_phone)
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:40:00+08:00 fq --as wang.qiang reply "$id" "手机已找到" >/dev/null
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 fq show "$id" --explain --format json
	assert_equal "$(jq -c '.explain[] | select(.deadline == "reply") | [.running, .ended, .ended_at, [.spans[] | [.department, .handler, .seconds, .late_seconds]]]' <<<"$output")" \
		'[false,"replied","2026-11-27T03:40:00+08:00",[["security",null,240,0],["security","wang.qiang",2160,600]]]'
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 fq show "$id" --explain
	assert_line "             used    安保部 (unaccepted) 4m; 安保部 · 王强 36m (late 10m)"
	assert_line "             ended   2026-11-27 03:40 (replied)"
}

@test "calendar limits: a deadline counted in a year with no holidays warns (log, simulate, explain)" {
	government
	# 10wd from 2026-12-30 runs into 2027, for which the calendar lists
	# no holidays: its New Year would be counted as working days
	run -0 --separate-stderr at 2026-12-30T10:00:00+08:00 fq -q log "公务员年度考核结果什么时候公布"
	id=$output
	assert_equal "$stderr" "fq: log: the calendar lists no holidays for 2027: the resolve deadline (2027-01-13 10:00) counts that year's public holidays as working days (see 'fq policy check')"
	run -0 --separate-stderr fq policy simulate civil_service --at 2026-12-30T10:00
	assert_equal "$stderr" "fq: policy: the calendar lists no holidays for 2027: the resolve deadline (2027-01-13 10:00) counts that year's public holidays as working days"
	run -0 --separate-stderr at 2026-12-30T11:00:00+08:00 fq show "$id" --explain --format json
	assert_equal "$(jq -c '[.explain[] | select(.warnings | length > 0) | .deadline]' <<<"$output")" '["resolve"]'
	run -0 --separate-stderr at 2026-12-30T11:00:00+08:00 fq show "$id" --explain
	assert_output --partial "warning the calendar lists no holidays for 2027"
	# within 2026, nothing to say
	run -0 --separate-stderr at 2026-11-27T10:00:00+08:00 fq -q log "公务员年度考核结果什么时候公布"
	assert_equal "$stderr" ""
	run -0 --separate-stderr fq policy simulate civil_service --at 2026-11-27T10:00
	assert_equal "$stderr" ""
}

@test "calendar limits: policy check warns for this year and next; holidays: [] and calendar: always do not" {
	sed -e '/^  holidays:/,/^  # 2027/d' "$TOP/policies/government.yaml" >"$BATS_TEST_TMPDIR/none.yaml"
	run -0 --separate-stderr fq policy check "$BATS_TEST_TMPDIR/none.yaml"
	assert_equal "${#stderr_lines[@]}" 2
	[[ ${stderr_lines[0]} == "fq: policy: '$BATS_TEST_TMPDIR/none.yaml': the calendar lists no holidays for 2026,"* ]]
	[[ ${stderr_lines[1]} == "fq: policy: '$BATS_TEST_TMPDIR/none.yaml': the calendar lists no holidays for 2027,"* ]]
	assert_output --partial "ok"
	# next year's are in: silent
	sed -e 's/^  holidays: .*/&\n    - 2027-01-01 元旦/' "$TOP/policies/government.yaml" >"$BATS_TEST_TMPDIR/both.yaml"
	run -0 --separate-stderr fq policy check "$BATS_TEST_TMPDIR/both.yaml"
	assert_equal "$stderr" ""
	# in 2027, the check looks at 2027 and 2028
	run -0 --separate-stderr at 2027-03-01T10:00:00+08:00 fq policy check "$BATS_TEST_TMPDIR/both.yaml"
	assert_equal "${#stderr_lines[@]}" 1
	[[ $stderr == *"for 2028,"* ]]
	run -0 --separate-stderr fq policy check "$TOP/policies/property.yaml"
	assert_equal "$stderr" ""
	run -0 --separate-stderr fq policy check "$TOP/policies/hotel.yaml"
	assert_equal "$stderr" ""
}
