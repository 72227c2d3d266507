#!/usr/bin/env bats
#
# escalate-ladder.bats - fq overdue --escalate: the policy's escalation
# ladder.  A level fires when its share of a deadline's limit has been
# used (hotel: 80% to the holder, 100% to the supervisor and the owner,
# 200% to the managers and again every hour), once per case, deadline,
# level and recipient since the deadline's clock started, recorded as an
# `escalated` event by actor "fq" carrying deadline, level and to.  A run
# that comes late fires the highest level reached only: the lower ones it
# passes over are named in the event's "passed" and never fire in that
# clock.  Running it every minute, or ten times at once, is safe.  The
# core that decides is unit-tested in ladder.bats.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# Every recipient of every ladder step, one line each, sorted:
# CASE|DEADLINE|LEVEL|STAFF (a manual or major escalation has no deadline).
fired() {
	sqlite3 "$FQ_DB" "SELECT e.case_id, e.data ->> '\$.deadline',
		e.data ->> '\$.level', t.value
		FROM events e, json_each(e.data, '\$.to') t
		WHERE e.kind = 'escalated' AND e.data ->> '\$.deadline' IS NOT NULL
		ORDER BY 1, 2, 3, 4"
}

# The recipients of one level of one deadline of a case, sorted, by commas.
to_of() {
	sqlite3 "$FQ_DB" "SELECT t.value FROM events e, json_each(e.data, '\$.to') t
		WHERE e.case_id = $1 AND e.kind = 'escalated'
		AND e.data ->> '\$.deadline' = '$2' AND e.data ->> '\$.level' = '$3'
		ORDER BY 1" | paste -sd, -
}

# The number of `escalated` events of one level of one deadline of a case.
events_of() {
	db_value "SELECT count(*) FROM events WHERE case_id = $1 AND
		kind = 'escalated' AND data ->> '\$.deadline' = '$2' AND
		data ->> '\$.level' = '$3'"
}

# (case, deadline, level, recipient) told more than once since the clock
# started: a line each (nothing when every one was told once).
told_twice() {
	fired | uniq -d
}

# The staff ids of a department in the hotel policy.
members_of() {
	awk -v d="$1" '/department: / && $0 ~ "department: " d "," {
		sub(/^ */, ""); sub(/:.*/, ""); print }' "$FQ_POLICY" | sort
}

@test "ladder: the accept deadline warns the holders at 03:04 (80%), the supervisor and owner at 03:05 (100%)" {
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:04:00+08:00 fq overdue --escalate
	assert_equal "$stderr" ""
	run -0 --separate-stderr at 2026-11-27T03:05:00+08:00 fq overdue --escalate
	assert_equal "$stderr" ""
	json=$(fq show "$id" --format json)
	ev=$(jq -c '[.events[] | select(.kind == "escalated")]' <<<"$json")
	assert_equal "$(jq length <<<"$ev")" 2
	assert_equal "$(jq -r '[.[].actor] | unique | join(",")' <<<"$ev")" fq
	assert_equal "$(jq -r '[.[].deadline] | unique | join(",")' <<<"$ev")" accept
	assert_equal "$(jq -r '[.[].at] | join(",")' <<<"$ev")" \
		2026-11-27T03:04:00+08:00,2026-11-27T03:05:00+08:00
	# nothing was passed over
	assert_equal "$(jq -c '[.[].passed]' <<<"$ev")" '[null,null]'
	# 80%: nobody has accepted, so the holder is security's people
	holders=$(to_of "$id" accept 80%)
	[[ ,$holders, == *,wang.qiang,* ]]
	[[ ,$holders, == *,gao.feng,* ]]
	for s in ${holders//,/ }; do
		grep -qx "$s" <<<"$(members_of security)"
	done
	# 100%: security's supervisor and the owner
	assert_equal "$(to_of "$id" accept 100%)" li.na,zhang.wei
	# 200% is at 03:10
	assert_equal "$(events_of "$id" accept 200%)" 0
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind = 'escalated' AND
		data ->> '\$.deadline' <> 'accept'")" 0
}

@test "ladder: a run that comes late fires the highest level reached only, and the lower ones never" {
	id=$(log_phone)
	# the first run at 03:05 finds 80% and 100% reached: 100% alone fires
	run -0 --separate-stderr at 2026-11-27T03:05:00+08:00 fq overdue --escalate
	assert_equal "$stderr" ""
	assert_equal "$(fired | cut -d'|' -f2,3 | sort -u)" "accept|100%"
	assert_equal "$(to_of "$id" accept 100%)" li.na,zhang.wei
	ev=$(fq show "$id" --format json | jq -c '[.events[] | select(.kind == "escalated")]')
	assert_equal "$(jq length <<<"$ev")" 1
	assert_equal "$(jq -c '.[0].passed' <<<"$ev")" '["80%"]'
	# the warning passed over is not sent later either
	at 2026-11-27T03:06:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 80%)" 0
	# a run at 03:20 finds 200%: it fires, passing nothing more over
	at 2026-11-27T03:20:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(to_of "$id" accept 200%)" yang.fan,zhou.min
	assert_equal "$(db_value "SELECT data ->> '\$.passed' FROM events
		WHERE kind = 'escalated' AND data ->> '\$.level' = '200%'")" ""
	assert_equal "$(events_of "$id" accept 80%)" 0
	assert_equal "$(events_of "$id" accept 100%)" 1
	assert_equal "$(told_twice)" ""
	run -0 fq verify
}

@test "ladder: each level waits for its share: nothing at 03:03, 80% at 03:04, 200% to the managers at 03:10" {
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:03:59+08:00 fq overdue --escalate
	assert_equal "$output" ""
	assert_equal "$(fired)" ""
	run -0 --separate-stderr at 2026-11-27T03:04:00+08:00 fq overdue --escalate
	# nothing is late yet, so nothing is listed; the warning is recorded
	assert_equal "$output" ""
	assert_equal "$(fired | cut -d'|' -f2,3 | sort -u)" "accept|80%"
	run -0 --separate-stderr at 2026-11-27T03:09:59+08:00 fq overdue --escalate
	assert_equal "$(events_of "$id" accept 100%)" 1
	assert_equal "$(events_of "$id" accept 200%)" 0
	run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 fq overdue --escalate
	assert_equal "$(to_of "$id" accept 200%)" yang.fan,zhou.min
	assert_equal "$(told_twice)" ""
}

@test "ladder: once accepted, the holder is the handler alone" {
	id=$(log_phone)
	at 2026-11-27T03:03:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:24:00+08:00 fq overdue --escalate
	assert_equal "$(fired)" "$id|reply|80%|wang.qiang"
	run -0 --separate-stderr at 2026-11-27T03:30:00+08:00 fq overdue --escalate
	assert_equal "$(to_of "$id" reply 100%)" li.na,zhang.wei
	# the accept deadline was met: it never fires
	assert_equal "$(events_of "$id" accept 80%)" 0
}

@test "ladder: the event carries the deadline, the level, its due time and who ran it" {
	id=$(log_phone)
	at 2026-11-27T03:05:00+08:00 fq --as chen.jing overdue --escalate >/dev/null
	ev=$(fq show "$id" --format json | jq -c '[.events[] | select(.kind == "escalated"
		and .level == "100%")][0]')
	assert_equal "$(jq -r .actor <<<"$ev")" fq
	assert_equal "$(jq -r .deadline <<<"$ev")" accept
	assert_equal "$(jq -r .due <<<"$ev")" 2026-11-27T03:05:00+08:00
	assert_equal "$(jq -r .run_by <<<"$ev")" chen.jing
	assert_equal "$(jq -r '.to | type' <<<"$ev")" array
}

@test "ladder: ten runs at the same moment record each case, deadline, level and recipient once" {
	a=$(log_phone)
	b=$(log_case "客人钱包丢了")
	for t in 03:04 03:05 03:10; do
		at 2026-11-27T$t:00+08:00 fq overdue --escalate >/dev/null
	done
	once=$(fired)
	events=$(db_value "SELECT count(*) FROM events WHERE kind = 'escalated'")
	[[ -n $once ]]
	for i in 1 2 3 4 5 6 7 8 9 10; do
		run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 fq overdue --escalate
	done
	assert_equal "$(fired)" "$once"
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind = 'escalated'")" "$events"
	assert_equal "$(told_twice)" ""
	# both cases, every level of accept (reply is at a third of its limit)
	assert_equal "$(fired | cut -d'|' -f1-3 | sort -u | paste -sd' ' -)" \
		"$a|accept|100% $a|accept|200% $a|accept|80% $b|accept|100% $b|accept|200% $b|accept|80%"
}

@test "ladder: ten concurrent runs record each once" {
	for i in 1 2 3; do
		log_case "客人手机忘在餐厅了，第${i}位" >/dev/null
	done
	pids=()
	for i in 1 2 3 4 5 6 7 8 9 10; do
		FQ_NOW=2026-11-27T03:10:00+08:00 "$FQ_BIN" overdue --escalate \
			>"$BATS_TEST_TMPDIR/out.$i" 2>"$BATS_TEST_TMPDIR/err.$i" &
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait "$p"
	done
	for i in 1 2 3 4 5 6 7 8 9 10; do
		assert_equal "$(cat "$BATS_TEST_TMPDIR/err.$i")" ""
	done
	assert_equal "$(told_twice)" ""
	# 3 cases x accept 200% (80% and 100% passed over): one event each
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind = 'escalated'")" 3
	assert_equal "$(fired | cut -d'|' -f1-3 | sort -u | wc -l)" 3
	assert_equal "$(db_value "SELECT DISTINCT data ->> '\$.passed' FROM events
		WHERE kind = 'escalated'")" '["80%","100%"]'
	run -0 fq verify
}

@test "ladder: the 200% level repeats after an hour, not before; the others do not repeat" {
	id=$(log_phone)
	at 2026-11-27T03:10:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 200%)" 1
	at 2026-11-27T03:40:00+08:00 fq overdue --escalate >/dev/null
	at 2026-11-27T04:09:59+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 200%)" 1
	at 2026-11-27T04:10:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 200%)" 2
	assert_equal "$(db_value "SELECT e.data ->> '\$.to' FROM events e WHERE case_id = $id
		AND kind = 'escalated' AND data ->> '\$.deadline' = 'accept'
		AND data ->> '\$.level' = '200%' ORDER BY seq DESC LIMIT 1")" '["zhou.min","yang.fan"]'
	# again at the same moment: nothing more
	at 2026-11-27T04:10:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 200%)" 2
	# an hour after the second
	at 2026-11-27T05:09:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 200%)" 2
	at 2026-11-27T05:10:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 200%)" 3
	# passed over by the first run, at 03:10: never sent
	assert_equal "$(events_of "$id" accept 80%)" 0
	assert_equal "$(events_of "$id" accept 100%)" 0
	assert_equal "$(events_of "$id" reply 100%)" 1
}

@test "ladder: a transfer starts a new accept clock, and its levels fire again" {
	id=$(log_phone)
	for t in 03:04 03:05 03:10; do
		at 2026-11-27T$t:00+08:00 fq overdue --escalate >/dev/null
	done
	assert_equal "$(events_of "$id" accept 80%)" 1
	# security hands it to the card room at 03:12: accept due 03:17
	at 2026-11-27T03:12:00+08:00 fq transfer "$id" card_room --note "请棋牌室查找" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:12:00+08:00 fq overdue --escalate
	assert_equal "$(events_of "$id" accept 80%)" 1
	at 2026-11-27T03:16:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 80%)" 2
	at 2026-11-27T03:17:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 100%)" 2
	# the new ones name the card room's people and carry the new due time
	new=$(fq show "$id" --format json | jq -c '[.events[] | select(.kind == "escalated"
		and .deadline == "accept" and .level == "80%")][1]')
	assert_equal "$(jq -r .due <<<"$new")" 2026-11-27T03:17:00+08:00
	assert_equal "$(jq -r '.to | sort | join(",")' <<<"$new")" "$(members_of card_room | paste -sd, -)"
	# the card room has no supervisor: 100% goes to the managers and the owner
	new=$(fq show "$id" --format json | jq -c '[.events[] | select(.kind == "escalated"
		and .deadline == "accept" and .level == "100%")][1]')
	assert_equal "$(jq -r '.to | sort | join(",")' <<<"$new")" li.na,yang.fan,zhou.min
	at 2026-11-27T03:22:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 200%)" 2
	# the reply clock did not restart: its levels are not told twice
	at 2026-11-27T03:24:00+08:00 fq overdue --escalate >/dev/null
	at 2026-11-27T03:30:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" reply 80%)" 1
}

@test "ladder: a card-room case has no supervisor, so the managers hear at 100%" {
	id=$(log_case --category entertainment "包厢空调太冷，客人要换包厢")
	assert_equal "$(fq show "$id" --format json | jq -r .department)" card_room
	at 2026-11-27T03:04:00+08:00 fq overdue --escalate >/dev/null
	at 2026-11-27T03:05:00+08:00 fq overdue --escalate >/dev/null
	assert_equal "$(to_of "$id" accept 80%)" "$(members_of card_room | paste -sd, -)"
	assert_equal "$(to_of "$id" accept 100%)" li.na,yang.fan,zhou.min
}

@test "ladder: a major category (投诉) is escalated as it is logged" {
	id=$(log_case --guest 王女士 --room 806 "我要投诉前台服务态度差")
	json=$(fq show "$id" --format json)
	assert_equal "$(jq -r .category <<<"$json")" complaint
	assert_equal "$(jq -r .major <<<"$json")" true
	ev=$(jq -c '[.events[] | select(.kind == "escalated")]' <<<"$json")
	assert_equal "$(jq length <<<"$ev")" 1
	assert_equal "$(jq -r '.[0].at' <<<"$ev")" 2026-11-27T03:00:00+08:00
	# the duty managers' department has no supervisor: the managers
	assert_equal "$(jq -r '.[0].to | sort | join(",")' <<<"$ev")" yang.fan,zhou.min
	# and nothing of the ladder yet
	assert_equal "$(fired)" ""
}

@test "ladder: a waiting case does not climb; a closed one never does" {
	w=$(log_phone)
	at 2026-11-27T03:01:00+08:00 fq --as wang.qiang accept "$w" >/dev/null
	at 2026-11-27T03:02:00+08:00 fq wait "$w" --reason "客人外出" >/dev/null
	c=$(log_case "1208房要两条浴巾")
	at 2026-11-27T03:01:00+08:00 fq reply "$c" "已送到" >/dev/null
	run -0 --separate-stderr at 2026-11-27T06:00:00+08:00 fq overdue --escalate
	assert_equal "$output" ""
	assert_equal "$(fired)" ""
}

@test "ladder: plain fq overdue records nothing; --escalate still lists and exits as overdue does" {
	id=$(log_phone)
	snap=$(db_digest)
	run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 fq overdue --format tsv
	assert_equal "$(db_digest)" "$snap"
	plain=$output
	run -1 --separate-stderr at 2026-11-27T03:10:00+08:00 \
		fq overdue --escalate --exit-status --format tsv
	assert_equal "$output" "$plain"
	[[ -n $(fired) ]]
}

@test "ladder: a working-time repeat (repeat: 1wd) waits a working day, not 7.5 wall hours" {
	export FQ_POLICY="$TOP/policies/government.yaml"
	# Wed 2026-09-30 16:00, the hall logs a civil-service question:
	# accept 1bh (200% at 2026-10-08 10:00, after the National Day break)
	id=$(FQ_USER=zhao.min FQ_NOW=2026-09-30T16:00:00+08:00 log_case "公务员年度考核结果什么时候公布")
	at 2026-10-08T10:00:00+08:00 fq --as zhao.min overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 200%)" 1
	assert_equal "$(to_of "$id" accept 200%)" liu.jianguo,sun.hongmei
	# 22:00 is 12 wall hours later but only 6.5 working hours: no repeat
	at 2026-10-08T22:00:00+08:00 fq --as zhao.min overdue --escalate >/dev/null
	at 2026-10-09T09:59:00+08:00 fq --as zhao.min overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 200%)" 1
	# one working day (7.5 h) after 10:00 on Thu is 10:00 on Fri
	at 2026-10-09T10:00:00+08:00 fq --as zhao.min overdue --escalate >/dev/null
	assert_equal "$(events_of "$id" accept 200%)" 2
}
