#!/usr/bin/env bats
#
# mail-i18n.bats - fq overdue --mail writes each message in its reader's
# language: the staff member's `language` in the policy, else the site's
# `language`, else the environment's (none under cron: English); a
# message to an address several colleagues share is in the language of
# the first it greets.  Subject, greeting, lines, deadlines, durations and
# the commands are in that language, the names and the case's own texts
# as written, times numeric.  What is recorded and what fq prints do not
# change with the language.
#
# $FQ_SENDMAIL is a stand-in that keeps each message as a numbered file in
# $BATS_TEST_TMPDIR/outbox/ (as in tests/mail.bats).

bats_require_minimum_version 1.5.0
load helper

PHONE="昨晚在棋牌室打牌，手机忘在那里了"

setup() {
	fq_setup
	OUTBOX="$BATS_TEST_TMPDIR/outbox"
	mkdir -p "$OUTBOX"
	export FQ_SENDMAIL="$BATS_TEST_TMPDIR/sendmail"
	printf '%s\n' '#!/bin/sh' \
		"n=\$(ls '$OUTBOX' | wc -l)" \
		"cat >'$OUTBOX/'\$(printf 'msg%04d' \$((n + 1)))" >"$FQ_SENDMAIL"
	chmod +x "$FQ_SENDMAIL"
	PARSED="$BATS_TEST_TMPDIR/parsed.jsonl"
	PARSE="$BATS_TEST_TMPDIR/parse.py"
	cat >"$PARSE" <<'EOF'
# Each message as a line of JSON: its address, names, subject and body.
import email, email.policy, json, sys
for name in sys.argv[1:]:
    m = email.message_from_bytes(open(name, "rb").read(),
                                 policy=email.policy.default)
    print(json.dumps({
        "to": m["To"].addresses[0].addr_spec,
        "to_name": m["To"].addresses[0].display_name,
        "subject": str(m["Subject"]),
        "body": m.get_content(),
    }, ensure_ascii=False))
EOF
	POLICY="$BATS_TEST_TMPDIR/policy.yaml"
	cp "$TOP/policies/hotel.yaml" "$POLICY"
	export FQ_POLICY="$POLICY"
}

# Gives staff member $1 the language $2 in the policy.
staff_language() {
	sed -i "s|^\(  $1: *{.*\)}|\1, language: $2}|" "$POLICY"
	grep -q "^  $1: .*language: $2}" "$POLICY"
}

# Gives the site the language $1.
site_language() {
	printf 'language: %s\n' "$1" >>"$POLICY"
}

# The phone case, accepted by wang.qiang at 03:04: at 03:35 its reply
# (due 03:30) is 5 minutes late, mailed to zhang.wei and li.na.
log_accepted_phone() {
	local id
	id=$(log_phone)
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	echo "$id"
}

# Parses every message sent into $PARSED.
parse_outbox() {
	python3 "$PARSE" "$OUTBOX"/msg* >"$PARSED"
}

# A field of the message to an address: body_of li.na@hotel.example body
field_of() {
	jq -r --arg a "$1" "select(.to == \$a) | .$2" "$PARSED"
}

# Fails if text holds Chinese (or full-width punctuation) once the names,
# the summary and the organization are taken out.
no_chinese() {
	local rest
	rest=$(sed -e "s/$PHONE//g" -e 's/锦江大酒店//g' -e 's/安保部//g' \
		-e 's/王强//g' -e 's/高峰//g' -e 's/李娜//g' -e 's/张伟//g' -e 's/杨帆//g' -e 's/周敏//g' <<<"$1")
	if grep -qP '[\x{3000}-\x{9fff}\x{ff00}-\x{ffef}]' <<<"$rest"; then
		echo "Chinese left in: $rest" >&2
		return 1
	fi
}

# The checks of a Chinese message to li.na about case $1.
assert_chinese_li_na() {
	local subject body
	subject=$(field_of li.na@hotel.example subject)
	body=$(field_of li.na@hotel.example body)
	[[ $subject == "[fq] 锦江大酒店：1 件待办提醒 (#$1 $PHONE)" ]]
	[[ $body == "李娜，您好："* ]]
	[[ $body == *"有 1 件案件需要您处理（fq overdue，2026-11-27 03:35），最紧急的在前："* ]]
	[[ $body == *"#$1 $PHONE"* ]]
	[[ $body == *"首问责任人 李娜 · 当前经办 安保部 · 王强"* ]]
	[[ $body == *"答复时限已超时 5分钟（2026-11-27 03:30 到期），催办级别 100%"* ]]
	[[ $body == *"办理：fq reply $1 答复内容，或 fq promise $1 时间 --note 说明"* ]]
	[[ $body != *Hello* && $body != *late* && $body != *owner* ]]
}

# The checks of an English message to zhang.wei about case $1.
assert_english_zhang_wei() {
	local subject body
	subject=$(field_of zhang.wei@hotel.example subject)
	body=$(field_of zhang.wei@hotel.example body)
	[[ $subject == "[fq] 锦江大酒店: 1 case needs you (#$1 $PHONE)" ]]
	[[ $body == "Hello 张伟,"* ]]
	[[ $body == *"1 case needs you now (fq overdue, 2026-11-27 03:35), the most urgent first:"* ]]
	[[ $body == *"owner 李娜 · holder 安保部 · 王强"* ]]
	[[ $body == *"reply 5m late (due 2026-11-27 03:30), level 100%"* ]]
	[[ $body == *"to act: fq reply $1 ANSWER, or fq promise $1 WHEN --note TEXT"* ]]
	no_chinese "$subject"
	no_chinese "$body"
}

@test "mail-i18n: a zh_CN staff member gets Chinese, an English one in the same run English" {
	staff_language li.na zh_CN
	staff_language zhang.wei en
	id=$(log_accepted_phone)
	run -0 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	parse_outbox
	assert_equal "$(wc -l <"$PARSED")" 2
	assert_chinese_li_na "$id"
	assert_english_zhang_wei "$id"
	# what fq prints follows the environment (C.UTF-8: English), not them
	[[ $output == *"reply 100%"* ]]
}

@test "mail-i18n: the site's language applies to staff without one, even against the environment" {
	site_language zh_CN
	staff_language zhang.wei en
	id=$(log_accepted_phone)
	run -0 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	parse_outbox
	assert_chinese_li_na "$id"
	assert_english_zhang_wei "$id"
}

@test "mail-i18n: LC_ALL=C.UTF-8 and no language in the policy: English, no Chinese boilerplate" {
	id=$(log_accepted_phone)
	run -0 --separate-stderr at 2026-11-27T03:35:00+08:00 fq overdue --mail
	parse_outbox
	assert_english_zhang_wei "$id"
	body=$(field_of li.na@hotel.example body)
	[[ $body == "Hello 李娜,"* ]]
	no_chinese "$body"
	no_chinese "$(field_of li.na@hotel.example subject)"
}

@test "mail-i18n: no language in the policy: the environment's (LANG=zh_CN.UTF-8)" {
	id=$(log_accepted_phone)
	run -0 --separate-stderr env -u LC_ALL LANG=zh_CN.UTF-8 \
		FQ_NOW=2026-11-27T03:35:00+08:00 "$FQ_BIN" overdue --mail
	assert_equal "$stderr" ""
	parse_outbox
	assert_chinese_li_na "$id"
	[[ $(field_of zhang.wei@hotel.example body) == "张伟，您好："* ]]
}

# fq as cron runs it: nothing in the environment but PATH and fq's own.
cron() {
	env -i ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
		${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
		PATH=/usr/bin:/bin FQ_DB="$FQ_DB" FQ_POLICY="$FQ_POLICY" \
		FQ_USER=li.na FQ_SENDMAIL="$FQ_SENDMAIL" "$@" "$FQ_BIN" \
		overdue --mail
}

@test "mail-i18n: under cron (env -i PATH=/usr/bin:/bin) the staff's language, else English" {
	staff_language li.na zh_CN
	id=$(log_accepted_phone)
	run -0 --separate-stderr cron FQ_NOW=2026-11-27T03:35:00+08:00
	assert_equal "$stderr" ""
	parse_outbox
	assert_chinese_li_na "$id"
	# zhang.wei has none, nor has the site: English
	assert_english_zhang_wei "$id"
	# what cron mails MAILTO is as without a language
	[[ $output == *zhang.wei@hotel.example*"reply 100%"* ]]
}

@test "mail-i18n: under cron the site's language, and an explicit LC_ALL=C yields to the staff's" {
	site_language zh_CN
	staff_language zhang.wei en
	id=$(log_accepted_phone)
	run -0 --separate-stderr cron FQ_NOW=2026-11-27T03:35:00+08:00
	assert_equal "$stderr" ""
	parse_outbox
	assert_chinese_li_na "$id"
	assert_english_zhang_wei "$id"
	# LC_ALL=C: English for the run, Chinese for whoever reads it
	rm "$OUTBOX"/msg*
	b=$(at 2026-11-27T03:04:00+08:00 log_case "客人钱包丢在餐厅了")
	at 2026-11-27T03:05:00+08:00 fq --as gao.feng accept "$b" >/dev/null
	run -0 --separate-stderr cron FQ_NOW=2026-11-27T03:40:00+08:00 LC_ALL=C
	parse_outbox
	[[ $(field_of li.na@hotel.example body) == "李娜，您好："*"#$b 客人钱包丢在餐厅了"* ]]
	[[ $(field_of zhang.wei@hotel.example body) == "Hello 张伟,"* ]]
}

@test "mail-i18n: durations, the highest level, the other deadlines' commands, in both languages" {
	staff_language zhou.min zh_CN
	# unaccepted: at 05:00 accept (03:05) and reply (03:30) are past 200%
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T05:00:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	parse_outbox
	zh=$(field_of zhou.min@hotel.example body)
	en=$(field_of yang.fan@hotel.example body)
	[[ $en == *"accept 1h55m late (due 2026-11-27 03:05), level 200%"*"to act: fq accept $id"* ]]
	[[ $en == *"reply 1h30m late (due 2026-11-27 03:30), level 200%"* ]]
	[[ $en == *"holder 安保部 (unaccepted)"* ]]
	[[ $zh == *"受理时限已超时 1小时55分钟（2026-11-27 03:05 到期），催办级别 200%"*"办理：fq accept $id"* ]]
	[[ $zh == *"答复时限已超时 1小时30分钟（2026-11-27 03:30 到期），催办级别 200%"* ]]
	[[ $zh == *"当前经办 安保部（未受理）"* ]]
	# one line per deadline: the levels passed over are not listed
	assert_equal "$(grep -c 'level' <<<"$en")" 2
	assert_equal "$(grep -c '催办级别' <<<"$zh")" 2
	no_chinese "$en"
}

@test "mail-i18n: a manual escalation in Chinese: its note and fq show" {
	staff_language zhang.wei zh_CN
	id=$(log_phone)
	at 2026-11-27T03:02:00+08:00 fq escalate "$id" "客人很着急，请张队长协调" >/dev/null
	run -0 --separate-stderr at 2026-11-27T03:03:00+08:00 fq overdue --mail
	assert_equal "$stderr" ""
	parse_outbox
	body=$(field_of zhang.wei@hotel.example body)
	[[ $body == *"已人工上报（2026-11-27 03:02）："*"客人很着急，请张队长协调"*"详情：fq show $id"* ]]
}

@test "mail-i18n: one address, several colleagues: the language of the first it greets" {
	# unaccepted at 03:04: the 80% of accept to security's people, who
	# share security@ (wang.qiang first, then gao.feng)
	staff_language wang.qiang zh_CN
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:04:00+08:00 fq overdue --mail
	parse_outbox
	[[ $(field_of security@hotel.example body) == "王强、高峰，您好："* ]]
	assert_equal "$(field_of security@hotel.example to_name)" "王强、高峰"
	# the other way round: English
	cp "$TOP/policies/hotel.yaml" "$POLICY"
	staff_language gao.feng zh_CN
	rm -f "$FQ_DB" "$OUTBOX"/msg*
	fq init >/dev/null
	id=$(log_phone)
	run -0 --separate-stderr at 2026-11-27T03:04:00+08:00 fq overdue --mail
	parse_outbox
	body=$(field_of security@hotel.example body)
	[[ $body == "Hello 王强 and 高峰,"* ]]
	[[ $body == *"accept 1m to go (due 2026-11-27 03:05), level 80%"* ]]
	no_chinese "$body"
}

# The record of a run, and what it printed: run_story NAME
run_story() {
	export FQ_DB="$BATS_TEST_TMPDIR/$1.db"
	fq init >/dev/null
	a=$(log_accepted_phone)
	b=$(log_case "客人钱包丢在餐厅了")
	at 2026-11-27T03:02:00+08:00 fq --as gao.feng escalate "$b" "请张队长协调" >/dev/null
	{
		at 2026-11-27T03:03:00+08:00 fq overdue --mail --format tsv
		at 2026-11-27T03:25:00+08:00 fq overdue --mail --format tsv
		at 2026-11-27T03:35:00+08:00 fq overdue --mail --format tsv
		at 2026-11-27T05:00:00+08:00 fq overdue --mail --format jsonl
	} >"$BATS_TEST_TMPDIR/$1.out"
	sqlite3 "$FQ_DB" "SELECT id, case_id, seq, at, actor, kind, data, digest
		FROM events ORDER BY id" >"$BATS_TEST_TMPDIR/$1.events"
}

@test "mail-i18n: what is recorded and what fq prints are the same whatever the language" {
	run_story english
	for s in li.na zhang.wei wang.qiang gao.feng zhou.min yang.fan; do
		staff_language "$s" zh_CN
	done
	run_story chinese
	cp "$TOP/policies/hotel.yaml" "$POLICY"
	site_language zh_CN
	run_story site
	[[ $(wc -l <"$BATS_TEST_TMPDIR/english.events") -gt 8 ]]
	grep -q passed "$BATS_TEST_TMPDIR/english.events"
	for s in chinese site; do
		cmp "$BATS_TEST_TMPDIR/english.events" "$BATS_TEST_TMPDIR/$s.events"
		cmp "$BATS_TEST_TMPDIR/english.out" "$BATS_TEST_TMPDIR/$s.out"
	done
	# and the messages did differ
	grep -lq 您好 "$OUTBOX"/msg*
	grep -lq Hello "$OUTBOX"/msg*
}

@test "mail-i18n: a malformed staff language is a policy error (78) that names it" {
	staff_language li.na chinese
	run -78 --separate-stderr fq overdue --mail
	[[ $stderr == *"$POLICY:"*": malformed language 'chinese' in staff.li.na.language"* ]]
	run -78 --separate-stderr fq policy check "$POLICY"
	[[ $stderr == *"malformed language 'chinese' in staff.li.na.language"* ]]
	cp "$TOP/policies/hotel.yaml" "$POLICY"
	staff_language li.na zh-CN
	run -78 --separate-stderr fq list
	[[ $stderr == *"malformed language 'zh-CN' in staff.li.na.language"* ]]
	# good ones pass
	cp "$TOP/policies/hotel.yaml" "$POLICY"
	staff_language li.na zh_CN
	staff_language zhang.wei en
	run -0 fq policy check "$POLICY"
}
