#!/usr/bin/env bats
#
# overdue.bats - fq overdue: every open case past one of its deadlines
# (accept, reply, resolve, promise), silent when nothing is late so that
# cron mails only news; --within adds what falls due soon; --dept and
# --owner filter; --exit-status exits 1 when something is late; a plain
# run writes nothing.  The ladder (--escalate) is in escalate-ladder.bats,
# the mail (--mail) in mail.bats.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# The lost phone of the seed, logged by li.na at 03:00: security holds it
# unaccepted; accept due 03:05, reply 03:30, resolve 03:00 the next day.
PHONE="昨晚在棋牌室打牌，手机忘在那里了"
log_phone() {
	log_case --via phone --guest 周先生 --room 1208 --phone 13912345678 "$PHONE"
}

# The TSV header of fq overdue.
HEADER=$'id\tlate\tdeadline\tdue\tsummary\towner\tholder'

# Column N (1-based) of TSV row R (1 = the first row after the header)
# of $output.
cell() {
	sed -n "$(($1 + 1))p" <<<"$output" | cut -f "$2"
}

# The deadlines of $output (TSV), one word each, joined by commas.
deadlines() {
	tail -n +2 <<<"$output" | cut -f 3 | paste -sd, -
}

@test "overdue: nothing late prints nothing at all and exits 0, also with --exit-status" {
	# an empty database
	run -0 --separate-stderr fq overdue
	assert_equal "$output" ""
	assert_equal "$stderr" ""
	run -0 --separate-stderr fq overdue --exit-status
	assert_equal "$output" ""
	assert_equal "$stderr" ""
	# a case whose clocks have just started, in every format
	log_phone >/dev/null
	for f in table tsv csv jsonl; do
		run -0 --separate-stderr fq overdue --format "$f"
		assert_equal "$output" ""
		assert_equal "$stderr" ""
		run -0 --separate-stderr fq overdue --exit-status --format "$f"
		assert_equal "$output" ""
	done
	# JSON may say "no rows" as an empty array, but nothing more
	run -0 --separate-stderr fq overdue --format json --exit-status
	[[ $output == "" || $output == "[]" ]]
}

@test "overdue: at 03:04 the 03:00 lost phone is not late yet" {
	log_phone >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:04:00+08:00 fq overdue --format tsv
	assert_equal "$output" ""
	assert_equal "$stderr" ""
	run -0 --separate-stderr at 2026-11-27T03:04:59+08:00 fq overdue --exit-status
	assert_equal "$output" ""
}

@test "overdue: at 03:06 the unaccepted hand-over is 60 s late (TSV row)" {
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:06:00+08:00 fq overdue --format tsv
	assert_equal "$stderr" ""
	assert_equal "$(wc -l <<<"$output")" 2
	assert_equal "$(head -n 1 <<<"$output")" "$HEADER"
	assert_equal "$(cell 1 1)" "$id"
	assert_equal "$(cell 1 2)" 60
	assert_equal "$(cell 1 3)" accept
	assert_equal "$(cell 1 4)" 2026-11-27T03:05:00+08:00
	assert_equal "$(cell 1 5)" "$PHONE"
	assert_equal "$(cell 1 6)" 李娜
	# nobody has accepted it: the holder is the department, unaccepted
	[[ $(cell 1 7) == *安保部* ]]
	[[ $(cell 1 7) == *unaccepted* ]]
}

@test "overdue: the table is aligned and shows how late in words" {
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:06:00+08:00 fq overdue --format table
	assert_equal "$(wc -l <<<"$output")" 2
	head=$(head -n 1 <<<"$output")
	for col in '#' late deadline due what owner holder; do
		[[ $head == *"$col"* ]]
	done
	row=$(sed -n 2p <<<"$output")
	[[ $row == *"$id"* && $row == *1m* && $row == *accept* && $row == *03:05* ]]
	[[ $row == *"$PHONE"* && $row == *李娜* && $row == *安保部* ]]
}

@test "overdue: once accepted, only reply and resolve count; reply is late at 03:31" {
	id=$(log_phone)
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	# past the accept deadline of 03:05, but it was accepted in time
	run -0 --separate-stderr at 2026-11-27T03:06:00+08:00 fq overdue --exit-status
	assert_equal "$output" ""
	run -0 --separate-stderr at 2026-11-27T03:29:59+08:00 fq overdue --format tsv
	assert_equal "$output" ""
	run -0 --separate-stderr at 2026-11-27T03:31:00+08:00 fq overdue --format tsv
	assert_equal "$(deadlines)" reply
	assert_equal "$(cell 1 1)" "$id"
	assert_equal "$(cell 1 2)" 60
	assert_equal "$(cell 1 4)" 2026-11-27T03:30:00+08:00
	# the holder is now the handler
	[[ $(cell 1 7) == *王强* ]]
	[[ $(cell 1 7) != *unaccepted* ]]
}

@test "overdue: --exit-status exits 1 when something is late, and still lists it" {
	id=$(log_phone)
	run -1 --separate-stderr at 2026-11-27T03:06:00+08:00 fq overdue --exit-status --format tsv
	assert_equal "$(deadlines)" accept
	assert_equal "$(cell 1 1)" "$id"
	assert_equal "$stderr" ""
	# without --exit-status the same news exits 0
	run -0 --separate-stderr at 2026-11-27T03:06:00+08:00 fq overdue --format tsv
	assert_equal "$(deadlines)" accept
}

@test "overdue: listing and exit status agree at the very second a deadline falls due" {
	log_phone >/dev/null
	# 03:05:00 is the accept deadline itself: either it is late (listed,
	# exit 1) or it is not (nothing printed, exit 0), never half of each.
	run --separate-stderr at 2026-11-27T03:05:00+08:00 fq overdue --exit-status --format tsv
	if [ "$status" -eq 0 ]; then
		assert_equal "$output" ""
	else
		assert_equal "$status" 1
		assert_equal "$(deadlines)" accept
	fi
}

@test "overdue: --within 30m adds what falls due by 03:30; --exit-status stays 0" {
	id=$(log_phone)
	run -0 --separate-stderr fq overdue --within 30m --format tsv
	# accept (03:05) and reply (03:30) fall due by 03:30; resolve does not
	assert_equal "$(deadlines)" accept,reply
	assert_equal "$(cell 1 1)" "$id"
	assert_equal "$(cell 1 4)" 2026-11-27T03:05:00+08:00
	assert_equal "$(cell 2 4)" 2026-11-27T03:30:00+08:00
	run -0 --separate-stderr fq overdue --within 30m --exit-status --format tsv
	assert_equal "$(deadlines)" accept,reply
	run -0 --separate-stderr fq overdue --within 30m --format json
	assert_equal "$(jq -c '[.[].late]' <<<"$output")" '[false,false]'
	# a shorter horizon leaves the reply out
	run -0 --separate-stderr fq overdue --within 10m --format tsv
	assert_equal "$(deadlines)" accept
	# once the accept deadline has passed, --within --exit-status exits 1
	run -1 --separate-stderr at 2026-11-27T03:06:00+08:00 \
		fq overdue --within 30m --exit-status --format tsv
	assert_equal "$(deadlines)" accept,reply
}

@test "overdue: --dept by id or by Chinese name, --owner by staff id" {
	phone=$(log_phone)
	# chen.jing (front desk) logs a towel request: housekeeping holds it
	towel=$(fq --as chen.jing -q log --room 1512 "1512房客人要两条浴巾")
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 fq overdue --format tsv
	assert_equal "$(tail -n +2 <<<"$output" | cut -f 1 | sort -u | paste -sd, -)" \
		"$(printf '%s\n' "$phone" "$towel" | sort | paste -sd, -)"
	for d in security 安保部; do
		run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 \
			fq overdue --dept "$d" --format tsv
		assert_equal "$(tail -n +2 <<<"$output" | cut -f 1 | sort -u)" "$phone"
	done
	for d in housekeeping 房务中心; do
		run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 \
			fq overdue --dept "$d" --format tsv
		assert_equal "$(tail -n +2 <<<"$output" | cut -f 1 | sort -u)" "$towel"
	done
	# a department with nothing late: silence, exit 0
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 \
		fq overdue --dept front_desk --exit-status
	assert_equal "$output" ""
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 \
		fq overdue --owner chen.jing --format tsv
	assert_equal "$(tail -n +2 <<<"$output" | cut -f 1 | sort -u)" "$towel"
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 \
		fq overdue --owner li.na --format tsv
	assert_equal "$(tail -n +2 <<<"$output" | cut -f 1 | sort -u)" "$phone"
	# both filters at once
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 \
		fq overdue --owner li.na --dept housekeeping --exit-status
	assert_equal "$output" ""
}

@test "overdue: the most late first" {
	phone=$(log_phone)
	wallet=$(at 2026-11-27T03:20:00+08:00 fq -q log "客人钱包丢了")
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 fq overdue --format tsv
	# phone accept 03:05, wallet accept 03:25, phone reply 03:30, wallet reply 03:50
	assert_equal "$(tail -n +2 <<<"$output" | cut -f 1,3 | tr '\t' : | paste -sd, -)" \
		"$phone:accept,$wallet:accept,$phone:reply,$wallet:reply"
}

@test "overdue: --format csv, json and jsonl carry the same rows" {
	id=$(log_phone)
	export FQ_NOW=2026-11-27T03:31:00+08:00
	run -0 --separate-stderr fq overdue --format csv
	# RFC 4180: every line ends in CRLF
	assert_equal "$(head -n 1 <<<"$output")" $'id,late,deadline,due,summary,owner,holder\r'
	assert_equal "$(sed -n 2p <<<"$output" | cut -d, -f1-5)" \
		"$id,1560,accept,2026-11-27T03:05:00+08:00,$PHONE"
	assert_equal "$(sed -n 3p <<<"$output" | cut -d, -f1-4)" \
		"$id,60,reply,2026-11-27T03:30:00+08:00"
	assert_equal "$(wc -l <<<"$output")" 3

	run -0 --separate-stderr fq overdue --format json
	assert_equal "$(jq -r type <<<"$output")" array
	assert_equal "$(jq length <<<"$output")" 2
	row=$(jq -c '.[1]' <<<"$output")
	assert_equal "$(jq -r '.id | type' <<<"$row")" number
	assert_equal "$(jq -r .id <<<"$row")" "$id"
	assert_equal "$(jq -r .summary <<<"$row")" "$PHONE"
	assert_equal "$(jq -r .deadline <<<"$row")" reply
	assert_equal "$(jq -r .due <<<"$row")" 2026-11-27T03:30:00+08:00
	assert_equal "$(jq -r .late_seconds <<<"$row")" 60
	assert_equal "$(jq -r .owner <<<"$row")" li.na
	assert_equal "$(jq -r .department <<<"$row")" security
	assert_equal "$(jq -c .handler <<<"$row")" null
	json=$output

	run -0 --separate-stderr fq overdue --format jsonl
	assert_equal "$(wc -l <<<"$output")" 2
	assert_equal "$(jq -sc . <<<"$output")" "$(jq -c . <<<"$json")"
}

@test "overdue: a waiting case is not listed; after resume its deadlines are later" {
	id=$(log_phone)
	at 2026-11-27T03:02:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:10:00+08:00 fq wait "$id" --reason "客人外出，晚上回来" >/dev/null
	# 04:00 is past the reply deadline of 03:30, but the clocks are stopped
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 fq overdue --exit-status
	assert_equal "$output" ""
	run -0 --separate-stderr at 2026-11-27T04:00:00+08:00 fq overdue --within 1d
	assert_equal "$output" ""
	at 2026-11-27T04:10:00+08:00 fq resume "$id" >/dev/null
	# it waited an hour: reply 04:30, resolve 04:00 the next day
	run -0 --separate-stderr at 2026-11-27T04:29:00+08:00 fq overdue --exit-status
	assert_equal "$output" ""
	run -1 --separate-stderr at 2026-11-27T04:31:00+08:00 \
		fq overdue --exit-status --format tsv
	assert_equal "$(deadlines)" reply
	assert_equal "$(cell 1 2)" 60
	assert_equal "$(cell 1 4)" 2026-11-27T04:30:00+08:00
	run -0 --separate-stderr at 2026-11-28T04:01:00+08:00 fq overdue --format tsv
	assert_equal "$(deadlines)" reply,resolve
	assert_equal "$(cell 2 4)" 2026-11-28T04:00:00+08:00
}

@test "overdue: a wait --until that has passed counts again, with the deadlines moved" {
	id=$(log_phone)
	at 2026-11-27T03:02:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:10:00+08:00 fq wait "$id" --reason "客人外出，04:10回来" \
		--until 2026-11-27T04:10:00+08:00 >/dev/null
	run -0 --separate-stderr at 2026-11-27T04:05:00+08:00 fq overdue --exit-status
	assert_equal "$output" ""
	# nobody resumed it; the wait ended at 04:10 by itself: reply due 04:30
	run -0 --separate-stderr at 2026-11-27T04:25:00+08:00 fq overdue --exit-status
	assert_equal "$output" ""
	run -0 --separate-stderr at 2026-11-27T04:25:00+08:00 fq overdue --within 10m --format tsv
	assert_equal "$(deadlines)" reply
	assert_equal "$(cell 1 4)" 2026-11-27T04:30:00+08:00
	run -1 --separate-stderr at 2026-11-27T04:31:00+08:00 fq overdue --exit-status --format json
	assert_equal "$(jq -c '[.[] | [.id, .deadline, .due, .late_seconds]]' <<<"$output")" \
		"[[$id,\"reply\",\"2026-11-27T04:30:00+08:00\",60]]"
}

@test "overdue: a closed case never appears" {
	# settled at intake
	log_case --resolved "已告知客人游泳池开放时间" "请问游泳池几点开门" >/dev/null
	# an item request answered: closed (no callback)
	towel=$(log_case "1208房要两条浴巾")
	at 2026-11-27T03:02:00+08:00 fq reply "$towel" "已送到房间" >/dev/null
	# a lost phone answered and called back
	phone=$(log_phone)
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$phone" >/dev/null
	at 2026-11-27T03:20:00+08:00 fq --as wang.qiang reply "$phone" "手机已找到，在安保部" >/dev/null
	at 2026-11-27T03:25:00+08:00 fq callback "$phone" "客人已取回" >/dev/null
	assert_equal "$(db_value "SELECT count(*) FROM cases WHERE status <> 'closed'")" 0
	for when in 2026-11-27T03:31:00+08:00 2026-11-28T12:00:00+08:00 2027-03-01T00:00:00+08:00; do
		run -0 --separate-stderr at "$when" fq overdue --exit-status --within 1d
		assert_equal "$output" ""
	done
}

@test "overdue: a replied case waiting for the callback still counts its resolve deadline" {
	id=$(log_phone)
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:20:00+08:00 fq --as wang.qiang reply "$id" "手机已找到，在安保部" >/dev/null
	run -0 --separate-stderr at 2026-11-27T05:00:00+08:00 fq overdue --exit-status
	assert_equal "$output" ""
	run -1 --separate-stderr at 2026-11-28T03:01:00+08:00 fq overdue --exit-status --format tsv
	assert_equal "$(deadlines)" resolve
}

@test "overdue: the two buns: the bar never accepted, at 13:00 all three deadlines are late" {
	# 12:00, the guest's assistant tells the kitchen; the kitchen logs it
	# and the policy routes it to the bar, whose ticket the kitchen needs
	id=$(at 2026-11-27T12:00:00+08:00 fq --as cao.gang -q log --room 510 "客人助理要两个馒头送到510房")
	assert_equal "$(fq show "$id" --format json | jq -r .department)" bar
	run -1 --separate-stderr at 2026-11-27T13:00:00+08:00 fq overdue --exit-status --format tsv
	assert_equal "$(deadlines)" accept,reply,resolve
	assert_equal "$(cell 1 2)" 3300
	assert_equal "$(cell 2 2)" 3000
	assert_equal "$(cell 3 2)" 1800
	for r in 1 2 3; do
		assert_equal "$(cell $r 1)" "$id"
		assert_equal "$(cell $r 6)" 曹刚
		[[ $(cell $r 7) == *吧台* ]]
		[[ $(cell $r 7) == *unaccepted* ]]
	done
	run -1 --separate-stderr at 2026-11-27T13:00:00+08:00 fq overdue --exit-status --format json
	assert_equal "$(jq -c '[.[] | [.owner, .department, .handler]] | unique' <<<"$output")" \
		'[["cao.gang","bar",null]]'
	# the kitchen sees it under its own owner, the bar under its department
	run -0 --separate-stderr at 2026-11-27T13:00:00+08:00 fq overdue --owner cao.gang --format tsv
	assert_equal "$(deadlines)" accept,reply,resolve
	run -0 --separate-stderr at 2026-11-27T13:00:00+08:00 fq overdue --dept 吧台 --format tsv
	assert_equal "$(deadlines)" accept,reply,resolve
	run -0 --separate-stderr at 2026-11-27T13:00:00+08:00 fq overdue --dept kitchen
	assert_equal "$output" ""
}

@test "overdue: bad input: --within bogus (65), unknown --dept (65), extra argument (64), unknown option (64)" {
	log_phone >/dev/null
	export FQ_NOW=2026-11-27T04:00:00+08:00
	run -65 --separate-stderr fq overdue --within bogus
	assert_equal "$output" ""
	[[ $stderr == "fq: overdue: "*"bogus"* ]]
	run -65 --separate-stderr fq overdue --dept 洗衣房
	assert_equal "$output" ""
	[[ $stderr == "fq: overdue: "*"洗衣房"* ]]
	run -65 --separate-stderr fq overdue --dept laundry
	assert_equal "$output" ""
	run -64 --separate-stderr fq overdue extra
	assert_equal "$output" ""
	[[ $stderr == "fq: overdue: "*"extra"* ]]
	run -64 --separate-stderr fq overdue --bogus
	assert_equal "$output" ""
	[[ $stderr == "fq: overdue: "*"--bogus"* ]]
	run -64 --separate-stderr fq overdue --within
	assert_equal "$output" ""
}

@test "overdue: no database (66), unknown actor (77), missing policy (78)" {
	run -66 --separate-stderr fq --db "$BATS_TEST_TMPDIR/none.db" overdue
	assert_equal "$output" ""
	[[ $stderr == "fq: overdue: "* ]]
	run -77 --separate-stderr fq --as nobody overdue
	assert_equal "$output" ""
	run -78 --separate-stderr fq --policy "$BATS_TEST_TMPDIR/none.yaml" overdue
	assert_equal "$output" ""
}

@test "overdue: a plain run writes nothing, even with late cases and a wait whose end has passed" {
	phone=$(log_phone)
	wallet=$(log_case "客人钱包丢了")
	at 2026-11-27T03:02:00+08:00 fq --as wang.qiang accept "$wallet" >/dev/null
	at 2026-11-27T03:10:00+08:00 fq wait "$wallet" --reason "客人外出" \
		--until 2026-11-27T03:40:00+08:00 >/dev/null
	snap=$(db_digest)
	run -0 --separate-stderr at 2026-11-27T05:00:00+08:00 fq overdue
	[[ -n $output ]]
	run -1 --separate-stderr at 2026-11-27T05:00:00+08:00 fq overdue --exit-status --within 1d --format json
	run -0 --separate-stderr at 2026-11-27T05:00:00+08:00 fq overdue --dept security --owner li.na
	assert_equal "$(db_digest)" "$snap"
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind IN ('escalated', 'resumed')")" 0
}

@test "overdue: runs as under cron, with no locale set, Chinese intact" {
	id=$(log_phone)
	run -0 --separate-stderr env -u LC_ALL -u LANG -u LC_CTYPE \
		FQ_NOW=2026-11-27T03:06:00+08:00 "$FQ_BIN" overdue --format tsv
	assert_equal "$(cell 1 5)" "$PHONE"
	assert_equal "$(cell 1 6)" 李娜
}
