#!/usr/bin/env bats
#
# mail.bats - fq overdue --mail: the notifications of the ladder levels
# that fired in this run, and of the manual and major escalations not
# mailed yet, one message per address, UTF-8 and RFC 5322/2047-correct,
# handed to $FQ_SENDMAIL outside any transaction, with a timeout.  A send
# that fails leaves its notifications unrecorded for the next run, the
# sends that succeeded stay recorded, and the command exits 75.  It
# prints only what it sent.
#
# $FQ_SENDMAIL is a stand-in: it keeps each message as a numbered file in
# $BATS_TEST_TMPDIR/outbox/ and exits 0 - or 1 when $BATS_TEST_TMPDIR/fail
# exists and is empty, or holds a word found in the message's To: header.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
	OUTBOX="$BATS_TEST_TMPDIR/outbox"
	export FQ_SENDMAIL="$BATS_TEST_TMPDIR/sendmail"
	cat >"$FQ_SENDMAIL" <<'EOF'
#!/bin/sh
# A stand-in for sendmail -t: keeps the message, or fails on demand.
dir=$(dirname "$0")
mkdir -p "$dir/outbox"
printf '%s\n' "$*" >>"$dir/sendmail.args"
tmp=$(mktemp "$dir/outbox/.new.XXXXXX") || exit 1
cat >"$tmp"
if [ -f "$dir/fail" ]; then
	if [ ! -s "$dir/fail" ]; then
		rm -f "$tmp"
		exit 1
	fi
	to=$(sed -n '/^$/q; /^To:/p' "$tmp")
	while IFS= read -r who; do
		case $who in
		"") ;;
		*) case $to in *"$who"*) rm -f "$tmp"; exit 1 ;; esac ;;
		esac
	done <"$dir/fail"
fi
# a numbered name, taken atomically (runs may overlap)
n=1
while ! ln "$tmp" "$dir/outbox/$(printf 'msg%04d' "$n")" 2>/dev/null; do
	n=$((n + 1))
done
rm -f "$tmp"
exit 0
EOF
	chmod +x "$FQ_SENDMAIL"
	PARSE="$BATS_TEST_TMPDIR/parse.py"
	PARSED="$BATS_TEST_TMPDIR/parsed.jsonl"
	cat >"$PARSE" <<'EOF'
# Prints each message as a line of JSON: its file, decoded headers,
# addresses and body, and facts about its raw header lines.
import email, email.policy, email.utils, json, sys
for name in sys.argv[1:]:
    raw = open(name, "rb").read()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    head = raw.split(b"\n\n", 1)[0]
    print(json.dumps({
        "file": name,
        "subject": str(m["Subject"]),
        "to": [a.addr_spec for a in m["To"].addresses],
        "to_names": [a.display_name for a in m["To"].addresses],
        "from": [a.addr_spec for a in m["From"].addresses],
        "from_names": [a.display_name for a in m["From"].addresses],
        "date": email.utils.parsedate_to_datetime(str(m["Date"])).isoformat()
                if m["Date"] else None,
        "message_id": m["Message-ID"] and str(m["Message-ID"]),
        "mime_version": m["MIME-Version"] and str(m["MIME-Version"]),
        "content_type": m.get_content_type(),
        "charset": (m.get_content_charset() or "").lower(),
        "body": m.get_content(),
        "defects": [type(d).__name__ for d in m.defects] +
                   [type(d).__name__ for k in m.keys() for d in m[k].defects],
        "header_max": max(len(l) for l in head.split(b"\n")),
        "header_ascii": all(b < 0x80 for b in head),
    }, ensure_ascii=False))
EOF
}

# The lost phone of the seed, logged by li.na at 03:00 and accepted by
# wang.qiang at 03:04; at 03:25 reply (03:30) is at 83%: 80% to the
# handler wang.qiang (no own address: security@); at 03:35 it is 5 minutes
# late: 100% to the supervisor zhang.wei and the owner li.na.
PHONE="昨晚在棋牌室打牌，手机忘在那里了"
log_phone() {
	local id
	id=$(log_case --via phone --guest 周先生 --room 1208 --phone 13912345678 "$PHONE")
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	echo "$id"
}

# The runs at 03:25 and 03:35: three messages, one per address.
warn_and_late() {
	at 2026-11-27T03:25:00+08:00 fq overdue --mail >/dev/null
	at 2026-11-27T03:35:00+08:00 fq overdue --mail >/dev/null
}

# The messages sent so far, one file name a line.
sent() {
	ls "$OUTBOX" 2>/dev/null | grep '^msg' | sed "s|^|$OUTBOX/|"
}

# Parses every message sent so far into $PARSED, one JSON object a line
# (python3 starts slowly: once per look at the outbox).
parse_outbox() {
	: >"$PARSED"
	if [ -n "$(sent)" ]; then
		python3 "$PARSE" $(sent) >"$PARSED"
	fi
}

# The To: address of every message parsed, sorted, one a line.
recipients() {
	jq -r '.to[]' "$PARSED" | sort
}

# The parsed message(s) sent to an address, one JSON object a line.
message_to() {
	jq -c --arg a "$1" 'select(.to == [$a])' "$PARSED"
}

# Every staff id named by an `escalated` event of the ladder, sorted.
recorded() {
	sqlite3 "$FQ_DB" "SELECT e.data ->> '\$.level' || ' ' || t.value
		FROM events e, json_each(e.data, '\$.to') t
		WHERE e.kind = 'escalated' AND e.data ->> '\$.deadline' IS NOT NULL
		ORDER BY 1"
}

@test "mail: one message per address, 80% at 03:25 and 100% at 03:35" {
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:25:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	assert_equal "$(sent | wc -l)" 1
	run -0 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	assert_equal "$(sent | wc -l)" 3
	parse_outbox
	assert_equal "$(recipients | paste -sd, -)" \
		li.na@hotel.example,security@hotel.example,zhang.wei@hotel.example
	# and the notifications are recorded
	assert_equal "$(recorded | paste -sd, -)" "100% li.na,100% zhang.wei,80% wang.qiang"
	# what this run sent is printed, the case's number and summary on it
	[[ $output == *"$PHONE"* ]]
	[[ $output == *zhang.wei@hotel.example* && $output == *li.na@hotel.example* ]]
	[[ $output != *security@* ]]
}

@test "mail: quiet unless there is news: only what this run sent, a line per recipient and case" {
	a=$(log_phone)
	b=$(log_case "客人钱包丢在餐厅了")
	at 2026-11-27T03:04:00+08:00 fq --as gao.feng accept "$b" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:25:00+08:00 fq overdue --mail --format tsv
	assert_equal "$stderr" ""
	assert_equal "$(head -n 1 <<<"$output")" $'to\taddress\tid\tnotice\tsummary'
	# wang.qiang and gao.feng share security@: one message, a line each
	assert_equal "$(tail -n +2 <<<"$output" | sort)" \
		"$(printf '%s\t%s\t%s\t%s\t%s\n' \
			王强 security@hotel.example "$a" "reply 80%" "$PHONE" \
			高峰 security@hotel.example "$b" "reply 80%" 客人钱包丢在餐厅了 | sort)"
	assert_equal "$(sent | wc -l)" 1
	# nothing new: nothing printed, whatever is late (plain fq overdue lists it)
	run -0 --separate-stderr at 2026-11-27T03:26:00+08:00 fq overdue --mail
	assert_equal "$output" ""
	assert_equal "$stderr" ""
	run -0 --separate-stderr at 2026-11-27T03:40:00+08:00 fq overdue --mail --format jsonl
	assert_equal "$(jq -r '[.to, .address, .id, .notice] | @tsv' <<<"$output" | sort)" \
		"$(printf '%s\t%s\t%s\t%s\n' li.na li.na@hotel.example "$a" "reply 100%" \
			li.na li.na@hotel.example "$b" "reply 100%" \
			zhang.wei zhang.wei@hotel.example "$a" "reply 100%" \
			zhang.wei zhang.wei@hotel.example "$b" "reply 100%" | sort)"
	run -0 --separate-stderr at 2026-11-27T03:41:00+08:00 fq overdue --mail
	assert_equal "$output" ""
	run -0 --separate-stderr at 2026-11-27T03:41:00+08:00 fq overdue --format tsv
	[[ $output == *"$PHONE"* ]]
	# --exit-status still says whether anything is late
	run -1 --separate-stderr at 2026-11-27T03:42:00+08:00 fq overdue --mail --exit-status
	assert_equal "$output" ""
}

@test "mail: the headers: Subject, To, From, Date, Message-ID, MIME, UTF-8" {
	id=$(log_phone)
	warn_and_late
	parse_outbox
	m=$(message_to zhang.wei@hotel.example)
	[[ -n $m ]]
	subject=$(jq -r .subject <<<"$m")
	[[ $subject == *锦江大酒店* ]]
	[[ $subject == *"$PHONE"* ]]
	assert_equal "$(jq -r '.to_names[0]' <<<"$m")" 张伟
	assert_equal "$(jq -r '.from | join(",")' <<<"$m")" fq@hotel.example
	assert_equal "$(jq -r '.from_names[0]' <<<"$m")" fq
	assert_equal "$(jq -r .date <<<"$m")" 2026-11-27T03:35:00+08:00
	[[ $(jq -r .message_id <<<"$m") =~ ^\<[^@\<\>\ ]+@[^@\<\>\ ]+\>$ ]]
	assert_equal "$(jq -r .mime_version <<<"$m")" 1.0
	assert_equal "$(jq -r .content_type <<<"$m")" text/plain
	assert_equal "$(jq -r .charset <<<"$m")" utf-8
	assert_equal "$(jq -c .defects <<<"$m")" '[]'
	assert_equal "$(jq -r .header_ascii <<<"$m")" true
	# wang.qiang has no address of his own: his department's
	assert_equal "$(message_to security@hotel.example | jq -r '.to_names[0]')" 王强
	# every message has an id of its own
	assert_equal "$(jq -r .message_id "$PARSED" | sort -u | wc -l)" 3
}

@test "mail: the body names the case, its summary intact, the deadline and how late" {
	id=$(log_phone)
	warn_and_late
	parse_outbox
	assert_equal "$(wc -l <"$PARSED")" 3
	while IFS= read -r body; do
		[[ $body == *"$PHONE"* ]]
		[[ $body == *"#$id"* ]]
		[[ $body == *reply* ]]
		[[ $body == *5m* ]]
		[[ $body == *"1 case needs you"* ]]
		# who holds it
		[[ $body == *王强* ]]
	done < <(jq -c .body "$PARSED" | jq -r 'gsub("\n"; " ")')
	[[ $(message_to security@hotel.example | jq -r .body) == *"5m to go"*"level 80%"* ]]
	[[ $(message_to li.na@hotel.example | jq -r .body) == *"5m late"*"level 100%"* ]]
	# the raw bytes hold the summary as UTF-8, not encoded away
	grep -qF "$PHONE" "$(message_to li.na@hotel.example | jq -r .file)"
}

@test "mail: every header line is at most 78 bytes, even for a long summary and many names" {
	long="客人反映：昨晚十一点左右在三楼棋牌室打麻将时把黑色华为手机忘在了八号包厢的桌子上，手机壳是蓝色的，里面夹着一张身份证和两张银行卡，请尽快帮忙查找并回电，客人今天中午十二点要退房去机场"
	id=$(log_case --guest 周先生 --room 1208 "$long")
	# unaccepted: wang.qiang and gao.feng share security@ in one message
	run -0 --separate-stderr at 2026-11-27T03:04:00+08:00 fq overdue --mail
	run -0 --separate-stderr at 2026-11-27T03:05:00+08:00 fq overdue --mail
	[[ $(sent | wc -l) -ge 3 ]]
	parse_outbox
	assert_equal "$(jq -r .header_ascii "$PARSED" | sort -u)" true
	assert_equal "$(jq -c .defects "$PARSED" | sort -u)" '[]'
	[[ $(jq -s 'map(.header_max) | max' "$PARSED") -le 78 ]]
	assert_equal "$(jq -r '.subject | contains("锦江大酒店")' "$PARSED" | sort -u)" true
	m=$(message_to security@hotel.example)
	[[ $(jq -r .subject <<<"$m") == *"${long:0:20}"* ]]
	[[ $(jq -r .body <<<"$m") == *"$long"* ]]
	names=$(jq -r '.to_names[0]' <<<"$m")
	[[ $names == *王强* && $names == *高峰* ]]
}

@test "mail: one message per address lists every case that fired for it" {
	a=$(log_phone)
	b=$(log_case "客人钱包丢在餐厅了")
	at 2026-11-27T03:04:00+08:00 fq --as gao.feng accept "$b" >/dev/null
	warn_and_late
	parse_outbox
	# li.na owns both: one message naming both
	assert_equal "$(message_to li.na@hotel.example | wc -l)" 1
	body=$(message_to li.na@hotel.example | jq -r .body)
	[[ $body == *"#$a"* && $body == *"$PHONE"* ]]
	[[ $body == *"#$b"* && $body == *客人钱包丢在餐厅了* ]]
	# wang.qiang and gao.feng, one handler each, share security@: one message
	assert_equal "$(message_to security@hotel.example | wc -l)" 1
	assert_equal "$(sent | wc -l)" 3
}

@test "mail: a second run at the same moment, or a minute later, sends nothing" {
	log_phone >/dev/null
	warn_and_late
	assert_equal "$(sent | wc -l)" 3
	snap=$(db_digest)
	run -0 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	run -0 --separate-stderr at 2026-11-27T03:36:00+08:00 fq overdue --mail
	assert_equal "$(sent | wc -l)" 3
	assert_equal "$(db_digest)" "$snap"
}

@test "mail: concurrent runs send each message once" {
	log_phone >/dev/null
	at 2026-11-27T03:25:00+08:00 fq overdue --mail >/dev/null
	pids=()
	for i in 1 2 3 4 5; do
		FQ_NOW=2026-11-27T03:35:00+08:00 "$FQ_BIN" overdue --mail \
			>/dev/null 2>"$BATS_TEST_TMPDIR/err.$i" &
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait "$p"
	done
	assert_equal "$(cat "$BATS_TEST_TMPDIR"/err.*)" ""
	assert_equal "$(sent | wc -l)" 3
	# each to a different address
	assert_equal "$(for f in $(sent); do sed -n '/^$/q; /^To:/p' "$f"; done | sort -u | wc -l)" 3
	assert_equal "$(recorded | paste -sd, -)" "100% li.na,100% zhang.wei,80% wang.qiang"
}

@test "mail: a failing sendmail exits 75, says so, and records nothing; the next run sends it all" {
	log_phone >/dev/null
	: >"$BATS_TEST_TMPDIR/fail"
	run -75 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	[[ $stderr == "fq: overdue: "* ]]
	[[ $stderr == *sendmail* ]]
	[[ $stderr == *"next run"* ]]
	assert_equal "$output" ""
	assert_equal "$(sent | wc -l)" 0
	assert_equal "$(recorded)" ""
	rm "$BATS_TEST_TMPDIR/fail"
	run -0 --separate-stderr at 2026-11-27T03:40:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	assert_equal "$(sent | wc -l)" 2
	assert_equal "$(recorded | paste -sd, -)" "100% li.na,100% zhang.wei"
}

@test "mail: one address failing: the others are sent and recorded, it alone goes out next run" {
	log_phone >/dev/null
	at 2026-11-27T03:25:00+08:00 fq overdue --mail >/dev/null
	echo zhang.wei >"$BATS_TEST_TMPDIR/fail"
	run -75 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	[[ $stderr == *"next run"* ]]
	assert_equal "$(sent | wc -l)" 2
	assert_equal "$(sent | xargs grep -l '^To:.*zhang\.wei@' | wc -l)" 0
	assert_equal "$(recorded | paste -sd, -)" "100% li.na,80% wang.qiang"
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind = 'escalated'
		AND data LIKE '%zhang.wei%'")" 0
	# still failing: nothing new, still 75
	run -75 --separate-stderr at 2026-11-27T03:36:00+08:00 fq overdue --mail
	assert_equal "$(sent | wc -l)" 2
	rm "$BATS_TEST_TMPDIR/fail"
	run -0 --separate-stderr at 2026-11-27T03:37:00+08:00 fq overdue --mail
	assert_equal "$(sent | wc -l)" 3
	parse_outbox
	assert_equal "$(recipients | paste -sd, -)" \
		li.na@hotel.example,security@hotel.example,zhang.wei@hotel.example
	assert_equal "$(recorded | paste -sd, -)" "100% li.na,100% zhang.wei,80% wang.qiang"
	run -0 --separate-stderr at 2026-11-27T03:38:00+08:00 fq overdue --mail
	assert_equal "$(sent | wc -l)" 3
}

@test "mail: \$FQ_SENDMAIL is a shell command line" {
	log_phone >/dev/null
	export FQ_SENDMAIL="$FQ_SENDMAIL -t -oi"
	run -0 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	assert_equal "$(sent | wc -l)" 2
	assert_equal "$(sort -u "$BATS_TEST_TMPDIR/sendmail.args")" "-t -oi"
	# a command that cannot run at all is a failed send too
	export FQ_SENDMAIL="$BATS_TEST_TMPDIR/no-such-sendmail -t"
	id=$(at 2026-11-27T03:35:00+08:00 log_case "客人钱包丢了")
	run -75 --separate-stderr at 2026-11-27T04:00:00+08:00 fq overdue --mail
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE case_id = $id
		AND kind = 'escalated'")" 0
}

@test "mail: nothing fired, nothing sent, silence" {
	log_phone >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:10:00+08:00 fq overdue --mail
	assert_equal "$output" ""
	assert_equal "$stderr" ""
	assert_equal "$(sent | wc -l)" 0
}

@test "mail: works with no locale set, as under cron" {
	log_phone >/dev/null
	run -0 --separate-stderr env -u LC_ALL -u LANG -u LC_CTYPE \
		FQ_NOW=2026-11-27T03:35:00+08:00 "$FQ_BIN" overdue --mail
	assert_equal "$(sent | wc -l)" 2
	parse_outbox
	m=$(message_to zhang.wei@hotel.example)
	[[ $(jq -r .subject <<<"$m") == *锦江大酒店* ]]
	[[ $(jq -r .body <<<"$m") == *"$PHONE"* ]]
}

@test "mail: a Chinese sender name in mail_from is RFC 2047-encoded" {
	export FQ_POLICY="$TOP/policies/government.yaml" FQ_USER=zhao.min
	# Wed 2026-09-30 16:00, a civil-service question, reply due 2026-10-08 16:00
	at 2026-09-30T16:00:00+08:00 log_case "公务员年度考核结果什么时候公布" >/dev/null
	run -0 --separate-stderr at 2026-10-08T16:30:00+08:00 fq overdue --mail
	[[ $(sent | wc -l) -ge 1 ]]
	parse_outbox
	assert_equal "$(jq -r .header_ascii "$PARSED" | sort -u)" true
	[[ $(jq -s 'map(.header_max) | max' "$PARSED") -le 78 ]]
	assert_equal "$(jq -r '.from | join(",")' "$PARSED" | sort -u)" fq@rsj.example
	assert_equal "$(jq -r '.from_names[0]' "$PARSED" | sort -u)" 人事局首问服务
	assert_equal "$(jq -r '.subject | contains("平安县人事局")' "$PARSED" | sort -u)" true
}

@test "mail: a display name with a double quote gives a valid From: (a quoted string)" {
	sed 's|^mail_from:.*|mail_from: '"'"'Front "Desk" \\ Night <fd@hotel.example>'"'"'|' \
		"$TOP/policies/hotel.yaml" >"$BATS_TEST_TMPDIR/policy.yaml"
	grep -q '^mail_from: .Front "Desk"' "$BATS_TEST_TMPDIR/policy.yaml"
	export FQ_POLICY="$BATS_TEST_TMPDIR/policy.yaml"
	log_phone >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	parse_outbox
	assert_equal "$(jq -r '.from | join(",")' "$PARSED" | sort -u)" fd@hotel.example
	assert_equal "$(jq -r '.from_names[0]' "$PARSED" | sort -u)" 'Front "Desk" \ Night'
	assert_equal "$(jq -c .defects "$PARSED" | sort -u)" '[]'
	grep -qxF 'From: "Front \"Desk\" \\ Night" <fd@hotel.example>' $(sent | head -n 1)
}

@test "mail: a CR or LF in a summary reaches no header and no line bare: shown as \\r and \\n" {
	id=$(log_phone)
	# as an import from another system could bring it
	sqlite3 "$FQ_DB" "UPDATE cases SET summary = 'Bcc: x@evil.test' || char(13) ||
		char(10) || 'Subject: hi' || char(13) || 'end' WHERE id = $id"
	run -0 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	assert_equal "$(sent | wc -l)" 2
	for f in $(sent); do
		# no CR at all, and the summary's LF did not start a header
		run -1 grep -c $'\r' "$f"
		run -1 grep -c '^Bcc:' "$f"
		run -1 grep -c '^Subject: hi' "$f"
		grep -qF 'Bcc: x@evil.test\r\nSubject: hi\rend' "$f"
	done
	parse_outbox
	assert_equal "$(jq -c .defects "$PARSED" | sort -u)" '[]'
	[[ $(jq -r .subject "$PARSED" | head -n 1) == *'x@evil.test\r\nSubject: hi\rend'* ]]
	assert_equal "$(jq -r '.to | length' "$PARSED" | sort -u)" 1
}

@test "mail: a manual escalation is mailed by the next run, once, with its note" {
	id=$(log_phone)
	at 2026-11-27T03:05:00+08:00 fq --as wang.qiang escalate "$id" "客人很着急，请张队长协调" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:06:00+08:00 fq overdue --mail --format tsv
	assert_equal "$stderr" ""
	assert_equal "$(tail -n +2 <<<"$output")" \
		"$(printf '%s\t%s\t%s\t%s\t%s' 张伟 zhang.wei@hotel.example "$id" manual "$PHONE")"
	parse_outbox
	body=$(message_to zhang.wei@hotel.example | jq -r .body)
	[[ $body == *"#$id $PHONE"* ]]
	[[ $body == *"escalated by hand"*客人很着急，请张队长协调* ]]
	# recorded as sent: a `notified` event naming the escalation
	assert_equal "$(db_value "SELECT actor || ' ' || (data ->> '\$.escalation') || ' ' ||
		(data ->> '\$.level') || ' ' || (data ->> '\$.to') FROM events
		WHERE kind = 'notified'")" "fq 3 manual [\"zhang.wei\"]"
	run -0 --separate-stderr at 2026-11-27T03:06:30+08:00 fq overdue --mail
	assert_equal "$output" ""
	assert_equal "$(sent | wc -l)" 1
	# escalated again, to someone else: mailed again, to them
	at 2026-11-27T03:06:40+08:00 fq escalate "$id" --to zhou.min "请值班经理处理" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:06:50+08:00 fq overdue --mail
	assert_equal "$(sent | wc -l)" 2
	[[ $output == *zhou.min@hotel.example* ]]
	run -0 fq verify
}

@test "mail: a major case's escalation is mailed by the next run, once; a closed case's is not" {
	id=$(log_case --guest 王女士 --room 806 "我要投诉前台服务态度差")
	run -0 --separate-stderr at 2026-11-27T03:01:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	parse_outbox
	assert_equal "$(recipients | paste -sd, -)" "$(printf '%s\n' \
		"$(awk '/^  yang.fan:/ { sub(/.*email: */, ""); sub(/}.*/, ""); print }' "$FQ_POLICY")" \
		"$(awk '/^  zhou.min:/ { sub(/.*email: */, ""); sub(/}.*/, ""); print }' "$FQ_POLICY")" |
		sort | paste -sd, -)"
	[[ $(jq -r .body "$PARSED" | head -c 2000) == *"a major case"* ]]
	run -0 --separate-stderr at 2026-11-27T03:01:30+08:00 fq overdue --mail
	assert_equal "$output" ""
	n=$(sent | wc -l)
	# logged and closed at once: nobody is mailed about it
	log_case --major --resolved "已当面致歉并处理" "客人投诉早餐太咸" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:02:00+08:00 fq overdue --mail
	assert_equal "$output" ""
	assert_equal "$(sent | wc -l)" "$n"
}

@test "mail: one message lists at most 200 cases, the most urgent first, with the total" {
	id=$(log_phone)
	# 204 more like it, due a second later each (as if logged so), the
	# last ones held by two departments
	sqlite3 "$FQ_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
		WHERE i < 204) INSERT INTO cases (summary, via, category, department,
		handler, owner, status, created_at, updated_at, due_accept, due_reply,
		due_resolve, next_due) SELECT '第' || i || '件', via, category,
		CASE WHEN i > 200 AND i % 2 THEN 'housekeeping' ELSE department END,
		handler, owner, status, created_at + i, updated_at, due_accept + i,
		due_reply + i, due_resolve + i, next_due + i FROM cases, n WHERE id = $id"
	run -0 --separate-stderr at 2026-11-27T03:29:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	parse_outbox
	body=$(message_to security@hotel.example | jq -r .body)
	[[ $body == *"205 cases need you now"* ]]
	assert_equal "$(grep -c '^#' <<<"$body")" 200
	# the earliest due first: the phone, then the 1st, 2nd ... copies
	assert_equal "$(grep '^#' <<<"$body" | head -n 2 | cut -d' ' -f2 | paste -sd, -)" \
		"$PHONE,第1件"
	[[ $body == *'and 5 more: run `fq overdue`'* ]]
	# every one of them counts as told
	assert_equal "$(db_value "SELECT count(DISTINCT case_id) FROM events
		WHERE kind = 'escalated'")" 205
	run -0 --separate-stderr at 2026-11-27T03:29:10+08:00 fq overdue --mail
	assert_equal "$output" ""
}

@test "mail: sendmail runs outside any transaction: fq log goes on while it takes 12 s" {
	log_phone >/dev/null
	marks="$BATS_TEST_TMPDIR/marks"
	# the first message takes 12 s to hand over
	printf '%s\n' '#!/bin/sh' 'cat >/dev/null' \
		"if [ ! -e '$BATS_TEST_TMPDIR/slept' ]; then" \
		"  : >'$BATS_TEST_TMPDIR/slept'" \
		"  echo sendmail started >>'$marks'" \
		'  sleep 12' \
		"  echo sendmail done >>'$marks'" \
		'fi' >"$BATS_TEST_TMPDIR/slow"
	chmod +x "$BATS_TEST_TMPDIR/slow"
	FQ_SENDMAIL="$BATS_TEST_TMPDIR/slow" FQ_NOW=2026-11-27T03:35:00+08:00 \
		"$FQ_BIN" overdue --mail >"$BATS_TEST_TMPDIR/out" 2>&1 &
	mail=$!
	while ! grep -q started "$marks" 2>/dev/null; do sleep 0.1; done
	# the front desk logs a case meanwhile, from another process
	run -0 --separate-stderr fq -q log "客人要一瓶胶水"
	echo "log done" >>"$marks"
	wait "$mail"
	assert_equal "$(cat "$marks")" $'sendmail started\nlog done\nsendmail done'
	# both messages went out and are recorded
	assert_equal "$(recorded | paste -sd, -)" "100% li.na,100% zhang.wei"
}

@test "mail: a sendmail past FQ_SENDMAIL_TIMEOUT is killed with its children; its notices stay owed (75)" {
	log_phone >/dev/null
	printf '%s\n' '#!/bin/sh' 'cat >/dev/null' \
		"echo \$\$ >'$BATS_TEST_TMPDIR/pids'" \
		'sleep 60 &' \
		"echo \$! >>'$BATS_TEST_TMPDIR/pids'" \
		'wait' >"$BATS_TEST_TMPDIR/hang"
	chmod +x "$BATS_TEST_TMPDIR/hang"
	FQ_SENDMAIL="$BATS_TEST_TMPDIR/hang" FQ_SENDMAIL_TIMEOUT=1 run -75 \
		--separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	[[ $stderr == *"longer than 1 s"* ]]
	[[ $stderr == *"next run"* ]]
	assert_equal "$output" ""
	# the run stopped at the first: one sendmail, killed with its sleep
	# (gone, or a zombie left for init to reap)
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/pids")" 2
	for pid in $(cat "$BATS_TEST_TMPDIR/pids"); do
		state=$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null || true)
		[[ -z $state || $state == Z ]]
	done
	assert_equal "$(recorded)" ""
	# the next run sends them all
	run -0 --separate-stderr at 2026-11-27T03:36:00+08:00 fq overdue --mail
	assert_equal "$(sent | wc -l)" 2
	assert_equal "$(recorded | paste -sd, -)" "100% li.na,100% zhang.wei"
}

@test "mail: FQ_SENDMAIL_TIMEOUT must be whole seconds (78, nothing sent)" {
	log_phone >/dev/null
	for bad in 0 -5 1.5 60s abc 86401; do
		FQ_SENDMAIL_TIMEOUT=$bad run -78 --separate-stderr \
			at 2026-11-27T03:35:00+08:00 fq overdue --mail
		assert_equal "$stderr" "fq: overdue: FQ_SENDMAIL_TIMEOUT: '$bad' is not a number of seconds from 1 to 86400"
	done
	assert_equal "$(sent | wc -l)" 0
	assert_equal "$(recorded)" ""
}

@test "mail: without FQ_SENDMAIL the sendmail is /usr/sbin/sendmail -t -oi, found without PATH" {
	[ ! -e /usr/sbin/sendmail ] || skip "this machine has a real /usr/sbin/sendmail"
	log_phone >/dev/null
	unset FQ_SENDMAIL
	run -75 --separate-stderr env PATH=/nonexistent \
		FQ_NOW=2026-11-27T03:35:00+08:00 "$FQ_BIN" overdue --mail
	[[ $stderr == *"cannot run '/usr/sbin/sendmail -t -oi': No such file or directory"* ]]
	assert_equal "$(recorded)" ""
}

@test "mail: two overlapping runs never send the same notice twice (the guard)" {
	log_phone >/dev/null
	# the first run's messages take 3 s each to hand over
	printf '%s\n' '#!/bin/sh' "exec '$FQ_SENDMAIL' \"\$@\"" >"$BATS_TEST_TMPDIR/quick"
	printf '%s\n' '#!/bin/sh' "sleep 3; exec '$FQ_SENDMAIL' \"\$@\"" >"$BATS_TEST_TMPDIR/lazy"
	chmod +x "$BATS_TEST_TMPDIR/quick" "$BATS_TEST_TMPDIR/lazy"
	FQ_SENDMAIL="$BATS_TEST_TMPDIR/lazy" FQ_NOW=2026-11-27T03:35:00+08:00 \
		"$FQ_BIN" overdue --mail >"$BATS_TEST_TMPDIR/first" 2>&1 &
	first=$!
	sleep 1
	FQ_SENDMAIL="$BATS_TEST_TMPDIR/quick" run -0 --separate-stderr \
		at 2026-11-27T03:35:30+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	assert_equal "$output" ""
	wait "$first"
	assert_equal "$(sent | wc -l)" 2
	assert_equal "$(recorded | paste -sd, -)" "100% li.na,100% zhang.wei"
}

@test "mail: a crash between sending and recording repeats the notice on the next run, never loses it" {
	log_phone >/dev/null
	# a sendmail that takes the message, then kills the fq that ran it
	printf '%s\n' '#!/bin/sh' "'$FQ_SENDMAIL' \"\$@\" || exit 1" \
		'p=$PPID' \
		'[ "$(cat /proc/$p/comm)" = sh ] && p=$(cut -d" " -f4 /proc/$p/stat)' \
		'kill -9 "$p"' >"$BATS_TEST_TMPDIR/crash"
	chmod +x "$BATS_TEST_TMPDIR/crash"
	FQ_SENDMAIL="$BATS_TEST_TMPDIR/crash" run -137 \
		at 2026-11-27T03:35:00+08:00 fq overdue --mail
	assert_equal "$(sent | wc -l)" 1
	assert_equal "$(recorded)" ""
	run -0 fq verify
	run -0 --separate-stderr at 2026-11-27T03:36:00+08:00 fq overdue --mail
	assert_equal "$(sent | wc -l)" 3
	assert_equal "$(recorded | paste -sd, -)" "100% li.na,100% zhang.wei"
}
