#!/usr/bin/env bats
#
# log.bats - fq log: a new case, its owner, its routing, its deadlines,
# settling at once, promises, idempotency keys, escalation of major cases,
# and every kind of bad input refused with nothing written.
#
# The clock is 03:00 on 2026-11-27 (Asia/Shanghai); the actor is li.na
# (李娜, 房务中心) unless a test says otherwise.

load helper
bats_require_minimum_version 1.5.0

setup() {
	fq_setup
}

# The JSON of a case: case_json ID
case_json() {
	fq show "$1" --format json
}

# One field of a case by jq path: field ID '.due.reply'
field() {
	case_json "$1" | jq -r "$2"
}

# Runs fq expecting it to refuse: exit CODE, nothing on stdout, a message
# on stderr that contains PATTERN, and the database unchanged.
#   refuse CODE PATTERN ARGS...
refuse() {
	local code=$1 pattern=$2 snap
	shift 2
	snap=$(db_digest)
	run -"$code" --separate-stderr fq "$@"
	assert_equal "$output" ""
	[[ -n $stderr ]] || fail "no message on stderr"
	[[ $stderr == *"$pattern"* ]] ||
		fail "stderr does not mention '$pattern': $stderr"
	assert_equal "$(db_digest)" "$snap"
}

@test "log: records a case with Chinese in every field" {
	run -0 --separate-stderr fq log --via phone --guest 周先生 \
		--room 行政楼1208 --phone 13912345678 \
		--details "客人说昨晚十点左右离开，手机是黑色的" \
		--key 夜班来电-0300 "昨晚在棋牌室打牌，手机忘在那里了"
	assert_equal "$stderr" ""
	assert_line --index 0 --partial "#1 logged"
	assert_line --index 0 --partial "失物招领 → 安保部"
	assert_line --index 0 --partial "3669110"
	assert_line --index 0 --partial "李娜"
	assert_output --partial "周先生"
	assert_output --partial "139****5678"
	run -0 case_json 1
	local j=$output
	assert_equal "$(jq -r .summary <<<"$j")" "昨晚在棋牌室打牌，手机忘在那里了"
	assert_equal "$(jq -r .guest.name <<<"$j")" "周先生"
	assert_equal "$(jq -r .guest.room <<<"$j")" "行政楼1208"
	assert_equal "$(jq -r .guest.phone <<<"$j")" "13912345678"
	assert_equal "$(jq -r .details <<<"$j")" "客人说昨晚十点左右离开，手机是黑色的"
	assert_equal "$(jq -r .via <<<"$j")" "phone"
	assert_equal "$(jq -r .status <<<"$j")" "open"
	assert_equal "$(jq -r .created_at <<<"$j")" "2026-11-27T03:00:00+08:00"
	# stored as UTF-8 text, readable in the sqlite3 shell
	assert_equal "$(db_value 'SELECT guest_name FROM cases WHERE id = 1')" "周先生"
	assert_equal "$(db_value 'SELECT hex(summary) FROM cases WHERE id = 1')" \
		"$(printf '%s' '昨晚在棋牌室打牌，手机忘在那里了' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
	assert_equal "$(db_value 'SELECT request_key FROM cases WHERE id = 1')" "夜班来电-0300"
}

@test "log: a phone number with Chinese in it is stored as typed, and printed as valid UTF-8" {
	run -0 --separate-stderr fq log --guest 周先生 --phone "0571-8888转601" "手机忘在棋牌室"
	printf '%s' "$output" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 ||
		fail "the output is not valid UTF-8: $(printf '%s' "$output" | od -c | head -n 20)"
	assert_output --partial "601"
	assert_equal "$(field 1 .guest.phone)" "0571-8888转601"
}

@test "log: the actor becomes the owner" {
	id=$(log_case 手机丢了)
	assert_equal "$(field "$id" .owner)" "li.na"
	id=$(FQ_USER=wang.qiang log_case 要两个馒头)
	assert_equal "$(field "$id" .owner)" "wang.qiang"
	assert_equal "$(field "$id" '.events[0].actor')" "wang.qiang"
}

@test "log: keyword routing: 手机 → lost_property at security" {
	run -0 --separate-stderr fq log --format json "客人的手机找不到了"
	assert_equal "$(jq -r .category <<<"$output")" "lost_property"
	assert_equal "$(jq -r .department <<<"$output")" "security"
	assert_equal "$(jq -r .handler <<<"$output")" "null"
}

@test "log: keyword routing: 馒头 → room_service at the bar (蒸两个馒头)" {
	run -0 --separate-stderr fq log --format json --room 510 "蒸两个馒头送到510房"
	assert_equal "$(jq -r .category <<<"$output")" "room_service"
	assert_equal "$(jq -r .department <<<"$output")" "bar"
}

@test "log: keyword routing: 胶水 → item_request at housekeeping (一瓶胶水)" {
	run -0 --separate-stderr fq log --format json "客人要一瓶胶水"
	assert_equal "$(jq -r .category <<<"$output")" "item_request"
	assert_equal "$(jq -r .department <<<"$output")" "housekeeping"
}

@test "log: a keyword in --details routes too" {
	run -0 --separate-stderr fq log --format json --details "要两个馒头" "客人来电"
	assert_equal "$(jq -r .category <<<"$output")" "room_service"
}

@test "log: --category by id overrides the keywords" {
	run -0 --separate-stderr fq log --format json --category billing "手机充值发票"
	assert_equal "$(jq -r .category <<<"$output")" "billing"
	assert_equal "$(jq -r .department <<<"$output")" "finance"
}

@test "log: --category by its Chinese name" {
	run -0 --separate-stderr fq log --format json --category 工程维修 "请派人来看看"
	assert_equal "$(jq -r .category <<<"$output")" "repair"
	assert_equal "$(jq -r .department <<<"$output")" "engineering"
}

@test "log: nothing matches: the default category (inquiry, front desk)" {
	run -0 --separate-stderr fq log --format json "请问附近有银行吗"
	assert_equal "$(jq -r .category <<<"$output")" "inquiry"
	assert_equal "$(jq -r .department <<<"$output")" "front_desk"
	assert_equal "$(jq -r .handler <<<"$output")" "null"
	assert_equal "$(jq -r .due.accept <<<"$output")" "2026-11-27T03:05:00+08:00"
}

@test "log: routed to the owner's own department: the owner handles it, no accept clock" {
	FQ_USER=chen.jing run -0 --separate-stderr fq log --format json "请问附近有银行吗"
	assert_equal "$(jq -r .department <<<"$output")" "front_desk"
	assert_equal "$(jq -r .owner <<<"$output")" "chen.jing"
	assert_equal "$(jq -r .handler <<<"$output")" "chen.jing"
	assert_equal "$(jq -r .due.accept <<<"$output")" "null"
	assert_equal "$(jq -r .due.reply <<<"$output")" "2026-11-27T03:05:00+08:00"
	# li.na is housekeeping: the glue is hers to handle
	run -0 --separate-stderr fq log --format json "客人要一瓶胶水"
	assert_equal "$(jq -r .handler <<<"$output")" "li.na"
	assert_equal "$(jq -r .due.accept <<<"$output")" "null"
}

@test "log: routed elsewhere: no handler, the accept clock runs" {
	run -0 --separate-stderr fq log --format json "蒸两个馒头"
	assert_equal "$(jq -r .handler <<<"$output")" "null"
	assert_equal "$(jq -r .due.accept <<<"$output")" "2026-11-27T03:05:00+08:00"
}

@test "log: due times per category (lost_property, room_service, item_request, complaint)" {
	run -0 --separate-stderr fq log --format json "手机忘在棋牌室"
	assert_equal "$(jq -c .due <<<"$output")" \
		'{"accept":"2026-11-27T03:05:00+08:00","reply":"2026-11-27T03:30:00+08:00","resolve":"2026-11-28T03:00:00+08:00","promise":null}'
	run -0 --separate-stderr fq log --format json "蒸两个馒头"
	assert_equal "$(jq -c .due <<<"$output")" \
		'{"accept":"2026-11-27T03:05:00+08:00","reply":"2026-11-27T03:10:00+08:00","resolve":"2026-11-27T03:30:00+08:00","promise":null}'
	run -0 --separate-stderr fq log --format json "要一瓶胶水"
	assert_equal "$(jq -c .due <<<"$output")" \
		'{"accept":null,"reply":"2026-11-27T03:03:00+08:00","resolve":"2026-11-27T03:10:00+08:00","promise":null}'
	run -0 --separate-stderr fq log --format json "我要投诉你们的服务"
	assert_equal "$(jq -c .due <<<"$output")" \
		'{"accept":"2026-11-27T03:05:00+08:00","reply":"2026-11-27T03:15:00+08:00","resolve":"2026-11-27T07:00:00+08:00","promise":null}'
	assert_equal "$(jq -c .late <<<"$output")" "[]"
}

@test "log: the deadlines are stored, and shown the same later" {
	id=$(log_case "手机忘在棋牌室")
	assert_equal "$(at 2026-11-27T03:10:00+08:00 field "$id" .due.reply)" \
		"2026-11-27T03:30:00+08:00"
	assert_equal "$(at 2026-11-27T03:40:00+08:00 field "$id" '.late | index("reply") != null')" "true"
}

@test "log: -q prints the id alone" {
	run -0 --separate-stderr fq -q log 手机丢了
	assert_output "1"
	assert_equal "$stderr" ""
	run -0 --separate-stderr fq log --quiet 要两个馒头
	assert_output "2"
	run -0 --separate-stderr fq log 要一瓶胶水 -q
	assert_output "3"
}

@test "log: --resolved closes at once (first-contact resolution)" {
	run -0 --separate-stderr fq -q log --resolved "已告知客人：出门右转两百米" "请问附近有银行吗"
	assert_output "1"
	run -0 case_json 1
	assert_equal "$(jq -r .status <<<"$output")" "closed"
	assert_equal "$(jq -r .first_contact <<<"$output")" "true"
	assert_equal "$(jq -r .closed_at <<<"$output")" "2026-11-27T03:00:00+08:00"
	assert_equal "$(jq -c '[.events[].kind]' <<<"$output")" '["logged","replied","closed"]'
	assert_equal "$(jq -r '.events[] | select(.kind == "replied") | .text' <<<"$output")" \
		"已告知客人：出门右转两百米"
	assert_equal "$(jq -c .late <<<"$output")" "[]"
	# the owner settled it: held by the owner, in the owner's department
	assert_equal "$(jq -r .category <<<"$output")" "inquiry"
	assert_equal "$(jq -r .handler <<<"$output")" "li.na"
	assert_equal "$(jq -r .department <<<"$output")" "housekeeping"
	# not in the default list of cases not closed
	run -0 --separate-stderr fq list --format json
	assert_output "[]"
}

@test "log: --resolved with a forbidden phrase is refused (65) and nothing is written" {
	log_case 手机丢了 >/dev/null
	refuse 65 "不知道" log --resolved "这个我不知道" "请问附近有银行吗"
	assert_equal "$(db_value 'SELECT count(*) FROM cases')" "1"
	assert_equal "$(db_value 'SELECT count(*) FROM events')" "1"
}

@test "log: --resolved with a blank answer is refused (65) and nothing is written" {
	log_case 手机丢了 >/dev/null
	refuse 65 "--resolved" log --resolved "" "请问附近有银行吗"
	refuse 65 "--resolved" log --resolved "   " "请问附近有银行吗"
	assert_equal "$(db_value 'SELECT count(*) FROM cases')" "1"
}

@test "log: --promise 03:20 is stored as due.promise, without a warning" {
	run -0 --separate-stderr fq log --format json --promise 03:20 "手机忘在棋牌室"
	assert_equal "$stderr" ""
	assert_equal "$(jq -r .due.promise <<<"$output")" "2026-11-27T03:20:00+08:00"
	assert_equal "$(field 1 .due.promise)" "2026-11-27T03:20:00+08:00"
}

@test "log: --promise 04:00 is stored; later than the reply limit, it warns but succeeds" {
	run -0 --separate-stderr fq log --format json --promise 04:00 "手机忘在棋牌室"
	assert_equal "$(jq -r .due.promise <<<"$output")" "2026-11-27T04:00:00+08:00"
	assert_regex "$stderr" "^fq: log: .*promise"
	assert_equal "$(field 1 .due.promise)" "2026-11-27T04:00:00+08:00"
}

@test "log: --promise takes a duration and a full ISO time" {
	run -0 --separate-stderr fq log --format json --promise 20m "手机忘在棋牌室"
	assert_equal "$(jq -r .due.promise <<<"$output")" "2026-11-27T03:20:00+08:00"
	run -0 --separate-stderr fq log --format json --promise 2026-11-26T19:25:00Z "手机忘在棋牌室"
	assert_equal "$(jq -r .due.promise <<<"$output")" "2026-11-27T03:25:00+08:00"
	# a time without offset is in the policy's zone (Asia/Shanghai), not TZ
	run -0 --separate-stderr fq log --format json --promise 2026-11-27T03:15 "手机忘在棋牌室"
	assert_equal "$(jq -r .due.promise <<<"$output")" "2026-11-27T03:15:00+08:00"
}

@test "log: --details - reads standard input" {
	run -0 --separate-stderr fq -q log --details - "手机忘在棋牌室" <<<$'黑色手机，\n屏幕有裂痕'
	assert_output "1"
	assert_equal "$(field 1 .details)" $'黑色手机，\n屏幕有裂痕'
}

@test "log: --key: the same key twice gives the same id and one case" {
	run -0 --separate-stderr fq -q log --key 来电-0300-周先生 "手机忘在棋牌室"
	assert_output "1"
	run -0 --separate-stderr fq -q log --key 来电-0300-周先生 "手机忘在棋牌室"
	assert_output "1"
	assert_equal "$(db_value 'SELECT count(*) FROM cases')" "1"
	assert_equal "$(db_value 'SELECT count(*) FROM events')" "1"
	run -0 --separate-stderr fq -q log --key 来电-0301 "手机忘在棋牌室"
	assert_output "2"
}

@test "log: --major records an escalated event" {
	run -0 --separate-stderr fq -q log --major "客人要一瓶胶水"
	assert_equal "$(field 1 .major)" "true"
	assert_equal "$(field 1 '[.events[].kind] | index("escalated") != null')" "true"
}

@test "log: a major category (投诉) records an escalated event" {
	run -0 --separate-stderr fq -q log "我要投诉，服务态度太差"
	assert_equal "$(field 1 .category)" "complaint"
	assert_equal "$(field 1 .major)" "true"
	assert_equal "$(field 1 '[.events[].kind] | index("escalated") != null')" "true"
	# and an ordinary case is not escalated
	log_case 蒸两个馒头 >/dev/null
	assert_equal "$(field 2 .major)" "false"
	assert_equal "$(field 2 '[.events[].kind]' | jq -c .)" '["logged"]'
}

@test "log: a summary of several words is joined with spaces" {
	run -0 --separate-stderr fq -q log 客人 手机 忘在 棋牌室
	assert_equal "$(field 1 .summary)" "客人 手机 忘在 棋牌室"
	assert_equal "$(field 1 .category)" "lost_property"
}

@test "log: a summary of exactly 200 characters is accepted" {
	long=$(printf '字%.0s' {1..200})
	run -0 --separate-stderr fq -q log "$long"
	assert_equal "$(field 1 .summary)" "$long"
}

# Bad input: an exit code, a message, nothing on stdout, nothing written.

@test "log: no summary (64)" {
	log_case 手机丢了 >/dev/null
	refuse 64 "SUMMARY" log --guest 周先生
	assert_regex "$stderr" "^fq: log: "
}

@test "log: unknown option (64)" {
	log_case 手机丢了 >/dev/null
	refuse 64 "--bogus" log --bogus "手机丢了"
	assert_regex "$stderr" "^fq: log: "
}

@test "log: --via bogus is a usage error (64): the words are fixed" {
	log_case 手机丢了 >/dev/null
	refuse 64 "bogus" log --via bogus "手机丢了"
	assert_regex "$stderr" "^fq: log: .*--via"
}

@test "log: malformed --promise (65)" {
	log_case 手机丢了 >/dev/null
	refuse 65 "25:00" log --promise 25:00 "手机丢了"
	assert_regex "$stderr" "^fq: log: .*--promise"
	refuse 65 "明天下午" log --promise 明天下午 "手机丢了"
}

@test "log: invalid UTF-8 in the summary (65)" {
	log_case 手机丢了 >/dev/null
	refuse 65 "UTF-8" log $'手机\xff\xfe丢了'
	assert_regex "$stderr" "^fq: log: "
}

@test "log: invalid UTF-8 in --guest (65)" {
	log_case 手机丢了 >/dev/null
	refuse 65 "UTF-8" log --guest $'\xff\xfe' "手机丢了"
}

@test "log: an over-long summary, 201 Chinese characters (65)" {
	log_case 手机丢了 >/dev/null
	long=$(printf '字%.0s' {1..201})
	refuse 65 "200" log "$long"
	assert_regex "$stderr" "^fq: log: "
}

@test "log: a control character in the summary (65)" {
	log_case 手机丢了 >/dev/null
	refuse 65 "control" log $'手机\n丢了'
	refuse 65 "control" log $'手机\a丢了'
	assert_regex "$stderr" "^fq: log: "
}

@test "log: an empty summary (65)" {
	log_case 手机丢了 >/dev/null
	refuse 65 "empty" log ""
	refuse 65 "empty" log "   "
	assert_regex "$stderr" "^fq: log: "
}

@test "log: an unknown --category (65)" {
	log_case 手机丢了 >/dev/null
	refuse 65 "不存在的类别" log --category 不存在的类别 "手机丢了"
	assert_regex "$stderr" "^fq: log: "
}

@test "log: unknown staff (77)" {
	log_case 手机丢了 >/dev/null
	FQ_USER=nobody refuse 77 "nobody" log "手机丢了"
	assert_regex "$stderr" "^fq: log: "
}

@test "log: no database (66)" {
	export FQ_DB="$BATS_TEST_TMPDIR/没有/fq.db"
	run -66 --separate-stderr fq log "手机丢了"
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: log: .*fq init"
	[ ! -e "$FQ_DB" ]
}

@test "log: the policy is missing (78)" {
	log_case 手机丢了 >/dev/null
	FQ_POLICY="$BATS_TEST_TMPDIR/nowhere.yaml" refuse 78 "nowhere.yaml" log "手机丢了"
	assert_regex "$stderr" "^fq: log: "
}

@test "log: the policy is invalid (78)" {
	log_case 手机丢了 >/dev/null
	FQ_POLICY="$TOP/tests/policies/bad/bad-bool.yaml" refuse 78 \
		"bad-bool.yaml:16:15: expected true or false" log "手机丢了"
}
