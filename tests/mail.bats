#!/usr/bin/env bats
#
# mail.bats - fq overdue --mail: the notifications of the ladder levels
# that fired in this run, one message per address, UTF-8 and RFC
# 5322/2047-correct, handed to $FQ_SENDMAIL.  A send that fails leaves its
# notifications unrecorded for the next run, the sends that succeeded stay
# recorded, and the command exits 75.
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
# wang.qiang at 03:04; at 03:35 reply (03:30) is 5 minutes late: 80% to the
# handler wang.qiang (no own address: security@), 100% to the supervisor
# zhang.wei and the owner li.na.
PHONE="昨晚在棋牌室打牌，手机忘在那里了"
log_phone() {
	local id
	id=$(log_case --via phone --guest 周先生 --room 1208 --phone 13912345678 "$PHONE")
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	echo "$id"
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

@test "mail: one message per address at 03:35" {
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	assert_equal "$(sent | wc -l)" 3
	parse_outbox
	assert_equal "$(recipients | paste -sd, -)" \
		li.na@hotel.example,security@hotel.example,zhang.wei@hotel.example
	# and the notifications are recorded
	assert_equal "$(recorded | paste -sd, -)" "100% li.na,100% zhang.wei,80% wang.qiang"
	# the list is printed as without --mail
	[[ $output == *"$PHONE"* ]]
}

@test "mail: the headers: Subject, To, From, Date, Message-ID, MIME, UTF-8" {
	id=$(log_phone)
	at 2026-11-27T03:35:00+08:00 fq overdue --mail >/dev/null
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
	at 2026-11-27T03:35:00+08:00 fq overdue --mail >/dev/null
	parse_outbox
	assert_equal "$(wc -l <"$PARSED")" 3
	while IFS= read -r body; do
		[[ $body == *"$PHONE"* ]]
		[[ $body == *"#$id"* ]]
		[[ $body == *reply* ]]
		[[ $body == *late* ]]
		[[ $body == *5m* ]]
		# who holds it
		[[ $body == *王强* ]]
	done < <(jq -c .body "$PARSED" | jq -r 'gsub("\n"; " ")')
	# the raw bytes hold the summary as UTF-8, not encoded away
	grep -qF "$PHONE" "$(message_to li.na@hotel.example | jq -r .file)"
}

@test "mail: every header line is at most 78 bytes, even for a long summary and many names" {
	long="客人反映：昨晚十一点左右在三楼棋牌室打麻将时把黑色华为手机忘在了八号包厢的桌子上，手机壳是蓝色的，里面夹着一张身份证和两张银行卡，请尽快帮忙查找并回电，客人今天中午十二点要退房去机场"
	id=$(log_case --guest 周先生 --room 1208 "$long")
	# unaccepted: wang.qiang and gao.feng share security@ in one message
	run -0 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
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
	at 2026-11-27T03:35:00+08:00 fq overdue --mail >/dev/null
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
	at 2026-11-27T03:35:00+08:00 fq overdue --mail >/dev/null
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
	assert_equal "$(sent | wc -l)" 0
	assert_equal "$(recorded)" ""
	rm "$BATS_TEST_TMPDIR/fail"
	run -0 --separate-stderr at 2026-11-27T03:40:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	assert_equal "$(sent | wc -l)" 3
	assert_equal "$(recorded | paste -sd, -)" "100% li.na,100% zhang.wei,80% wang.qiang"
}

@test "mail: one address failing: the others are sent and recorded, it alone goes out next run" {
	log_phone >/dev/null
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
	assert_equal "$(sent | wc -l)" 3
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
	assert_equal "$(sent | wc -l)" 3
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
