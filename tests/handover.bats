#!/usr/bin/env bats
#
# handover.bats - fq handover: the shift hand-over sheet (交接班本).
#
# The hotel's shifts change at 07:00, 15:00 and 23:00.  The sheet covers
# the shift that was running an hour before now (at 07:00 or 07:20: the
# night shift 23:00-07:00), and lists the cases not closed that were
# touched in that shift (any event) or are due (or late) before the end
# of the next shift (15:00), for one department: the cases it holds and
# the cases its members own.  --dept defaults to the actor's department.

bats_require_minimum_version 1.5.0
load helper

# step WHEN USER ARGS...: fq ARGS at 2026-WHEN:00+08:00 as USER.
step() {
	local when=$1 who=$2 out
	shift 2
	if ! out=$(FQ_NOW="2026-${when}:00+08:00" FQ_USER="$who" fq "$@" 2>&1); then
		echo "night: $when $who: fq $*: $out" >&2
		return 1
	fi
}

# The night of 2026-11-26 to 27.  Per case: why it is (not) on
# housekeeping's 07:00 sheet (li.na, sun.li and wang.fang are its members).
night() {
	# 1 li.na's lost wallet, with Security: replied 12:20, waits for li.na's
	#   callback; resolve due 11-27 12:00, before 15:00: listed (untouched).
	step 11-26T12:00 li.na log --guest 王女士 --room 0806 "客人的钱包遗失在餐厅"
	step 11-26T12:02 wang.qiang accept 1
	step 11-26T12:20 wang.qiang reply 1 "钱包已找到，请到安保部领取"
	# 2 li.na's lost glasses, with Security, replied: resolve due 11-27
	#   16:00, after 15:00, untouched in the night: not listed at 07:00;
	#   listed at 08:30 (the day shift's next shift ends at 23:00) and with
	#   --since 2026-11-26T15:00.
	step 11-26T16:00 li.na log --room 1501 "客人丢了一副眼镜"
	step 11-26T16:03 gao.feng accept 2
	step 11-26T16:20 gao.feng reply 2 "眼镜已找到，暂存安保部"
	# 3 li.na's own umbrella request, forgotten: late since 22:03; its
	#   last note was written before the shift.  Listed (late).
	step 11-26T22:00 li.na log --room 1208 "送一把雨伞到1208"
	step 11-26T22:30 li.na follow 3 "已通知楼层服务员"
	# 4 front desk's hangers, held by housekeeping, closed at 23:33 in the
	#   shift: not listed, under any --dept.
	step 11-26T23:30 chen.jing log --room 0512 "要两个衣架"
	step 11-26T23:31 sun.li accept 4
	step 11-26T23:33 sun.li reply 4 "衣架已送到"
	# 5 Security's own case (gao.feng), replied, waiting for his
	#   callback, resolve late since 01:30: not housekeeping's; listed with
	#   --dept all and --dept security.
	step 11-27T01:00 gao.feng log "大堂有可疑人员"
	step 11-27T01:04 gao.feng reply 5 "已巡查，无异常"
	# 6 the forgotten phone: li.na's, with Security, reply late since
	#   03:30; the last note is the guard's at 05:00.  Listed.
	step 11-27T03:00 li.na log --via phone --guest 周先生 --room 1208 --phone 13912345678 "昨晚在棋牌室打牌，手机忘在那里了"
	step 11-27T03:04 wang.qiang accept 6
	step 11-27T03:12 li.na follow 6 "已请保安去棋牌室查看，门未锁"
	step 11-27T05:00 wang.qiang follow 6 "监控显示03:10有人进入棋牌室"
	# 7 front desk's toothbrush, held by housekeeping (sun.li), reply late
	#   since 05:33: listed, though its owner is not housekeeping's.
	step 11-27T05:30 chen.jing log --room 0718 "要一把牙刷"
	step 11-27T05:31 sun.li accept 7
	# 8 sun.li's noise complaint, sent to Security, nobody accepted:
	#   accept late since 06:32.  Listed (owned by a member).
	step 11-27T06:30 sun.li log --room 0923 "隔壁房间太吵了"
}

setup() {
	fq_setup
	night
	export FQ_NOW=2026-11-27T07:00:00+08:00
}

# id, next deadline, next due and last note of each row of a JSON sheet.
sheet() {
	jq -r '.[] | [.id, .next_deadline, .next_due, .last_note] | map(tostring) | join(" ")'
}

@test "handover: the scenario holds what the comments say" {
	run -0 sqlite3 "$FQ_DB" "SELECT group_concat(id || ':' || department || ':' ||
		coalesce(handler, '-') || ':' || owner || ':' || status, ' ') FROM cases"
	assert_output "1:security:wang.qiang:li.na:replied 2:security:gao.feng:li.na:replied 3:housekeeping:li.na:li.na:open 4:housekeeping:sun.li:chen.jing:closed 5:security:gao.feng:gao.feng:replied 6:security:wang.qiang:li.na:open 7:housekeeping:sun.li:chen.jing:open 8:security:-:sun.li:open"
}

@test "handover: at 07:00, housekeeping's cases touched in the night or due before 15:00" {
	run -0 --separate-stderr fq handover --format json
	assert_equal "$stderr" ""
	# Most urgent first (next due), then by number.
	run -0 sheet <<<"$output"
	assert_output - <<'EOF'
3 reply 2026-11-26T22:03:00+08:00 已通知楼层服务员
6 reply 2026-11-27T03:30:00+08:00 监控显示03:10有人进入棋牌室
7 reply 2026-11-27T05:33:00+08:00 null
8 accept 2026-11-27T06:32:00+08:00 null
1 resolve 2026-11-27T12:00:00+08:00 钱包已找到，请到安保部领取
EOF
}

@test "handover: each row is the case with its owner, holder, status, summary" {
	run -0 --separate-stderr fq handover --format json
	assert_equal "$(jq -c '.[1] | [.id, .summary, .owner, .department, .handler, .status]' <<<"$output")" \
		'[6,"昨晚在棋牌室打牌，手机忘在那里了","li.na","security","wang.qiang","open"]'
	assert_equal "$(jq -c '.[1].guest' <<<"$output")" '{"name":"周先生","room":"1208","phone":"13912345678"}'
	assert_equal "$(jq -c '.[1].late' <<<"$output")" '["reply"]'
	assert_equal "$(jq -c '.[4] | [.id, .status, .late]' <<<"$output")" '[1,"replied",[]]'
	assert_equal "$(jq -c '.[3] | [.id, .owner, .department, .handler]' <<<"$output")" '[8,"sun.li","security",null]'
}

@test "handover: at 07:20 the sheet is still the night shift's" {
	run -0 --separate-stderr at 2026-11-27T07:20:00+08:00 fq handover --format json
	run -0 sheet <<<"$output"
	assert_equal "$(cut -d' ' -f1 <<<"$output" | tr '\n' ' ')" "3 6 7 8 1 "
	run -0 --separate-stderr at 2026-11-27T07:20:00+08:00 fq handover --format table
	assert_equal "${lines[0]}" "Shift 11-26 23:00–07:00 · 房务中心 · 5 open"
}

@test "handover: a case closed during the shift is not listed" {
	run -0 fq handover --format json
	assert_equal "$(jq '[.[] | select(.id == 4)] | length' <<<"$output")" 0
	run -0 fq handover --dept all --format json
	assert_equal "$(jq '[.[] | select(.id == 4)] | length' <<<"$output")" 0
	run -0 fq handover --dept all --since 2026-11-26 --format json
	assert_equal "$(jq '[.[] | select(.id == 4)] | length' <<<"$output")" 0
}

@test "handover: another department's case is listed only for it, or with --dept all" {
	run -0 fq handover --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" '[3,6,7,8,1]'
	run -0 --separate-stderr fq handover --dept all --format json
	assert_equal "$stderr" ""
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" '[3,5,6,7,8,1]'
	assert_equal "$(jq -r '.[1] | [.next_deadline, .next_due] | join(" ")' <<<"$output")" \
		"resolve 2026-11-27T01:30:00+08:00"
	# Security: what it holds (5 6 8 1), whoever owns it.
	run -0 --separate-stderr fq handover --dept security --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" '[5,6,8,1]'
	run -0 --separate-stderr fq handover --dept 安保部 --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" '[5,6,8,1]'
	# A security guard's sheet is security's.
	run -0 --separate-stderr fq --as gao.feng handover --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" '[5,6,8,1]'
	# --dept housekeeping is the default for li.na; rooms has nothing.
	run -0 fq handover --dept housekeeping --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" '[3,6,7,8,1]'
	run -0 --separate-stderr fq handover --dept rooms --format json
	assert_output "[]"
}

@test "handover: the day shift's sheet looks ahead to 23:00" {
	# At 08:30 the sheet is the day shift's (07:00-15:00): nothing was
	# touched since 07:00, but everything due before 23:00 is listed,
	# case 2 (resolve 16:00) too.
	run -0 --separate-stderr at 2026-11-27T08:30:00+08:00 fq handover --format json
	run -0 sheet <<<"$output"
	assert_output - <<'EOF'
3 reply 2026-11-26T22:03:00+08:00 已通知楼层服务员
6 reply 2026-11-27T03:30:00+08:00 监控显示03:10有人进入棋牌室
7 reply 2026-11-27T05:33:00+08:00 null
8 accept 2026-11-27T06:32:00+08:00 null
1 resolve 2026-11-27T12:00:00+08:00 钱包已找到，请到安保部领取
2 resolve 2026-11-27T16:00:00+08:00 眼镜已找到，暂存安保部
EOF
	run -0 --separate-stderr at 2026-11-27T08:30:00+08:00 fq handover --format table
	assert_equal "${lines[0]}" "Shift 07:00–15:00 · 房务中心 · 6 open"
}

@test "handover: --since widens the window to everything touched since then" {
	# Case 2 was touched at 16:00-16:20 the day before.
	run -0 --separate-stderr fq handover --since 2026-11-26T15:00 --format json
	assert_equal "$stderr" ""
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" '[3,6,7,8,1,2]'
	# Since 17:00, case 2 is neither touched nor due before 15:00.
	run -0 --separate-stderr fq handover --since 2026-11-26T17:00 --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" '[3,6,7,8,1]'
	run -0 --separate-stderr fq handover --since 2026-11-26T15:00 --format table
	[[ ${lines[0]} == "Shift 11-26 15:00–07:00 · 房务中心 · 6 open" ]]
}

@test "handover: TSV is clean for pipes: a header of keys, then tab-separated rows" {
	run -0 --separate-stderr fq handover --format tsv
	assert_equal "$stderr" ""
	assert_equal "${lines[0]}" "$(printf 'id\towner\tholder\tnext_deadline\tnext_due\tlate\tlast_note\tsummary')"
	assert_equal "${#lines[@]}" 6
	# Eight fields on every line, no escape sequences, no title line.
	run -0 awk -F'\t' 'NF != 8 { print NR": "$0 }' <<<"$output"
	assert_output ""
	run -0 fq handover --format tsv
	refute_output --partial $'\033'
	refute_output --partial "Shift"
	assert_equal "$(fq handover --format tsv | cut -f1 | tr '\n' ' ')" "id 3 6 7 8 1 "
	assert_equal "$(fq handover --format tsv | sed -n 2p | cut -f1-8)" \
		"$(printf '3\t李娜\t房务中心 · 李娜\treply\t2026-11-26T22:03:00+08:00\treply,resolve\t已通知楼层服务员\t送一把雨伞到1208')"
	assert_equal "$(fq handover --format tsv | sed -n 5p | cut -f1,2,3,7,8)" \
		"$(printf '8\t孙丽\t安保部 (unaccepted)\t\t隔壁房间太吵了')"
	[[ $(fq handover --format tsv | sed -n 5p | cut -f4) == accept ]]
	# Piped without --format, it is TSV too.
	assert_equal "$(fq handover | head -n 1)" "$(printf 'id\towner\tholder\tnext_deadline\tnext_due\tlate\tlast_note\tsummary')"
}

@test "handover: --format jsonl is one case a line" {
	run -0 --separate-stderr fq handover --format jsonl
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 5
	assert_equal "$(jq -c '[.id, .summary]' <<<"${lines[0]}")" '[3,"送一把雨伞到1208"]'
	assert_equal "$(jq -s -c '[.[].id]' <<<"$output")" '[3,6,7,8,1]'
	assert_equal "$(jq -r '.next_deadline' <<<"${lines[3]}")" accept
}

@test "handover: the table opens with the shift, the department and the count" {
	run -0 --separate-stderr fq handover --format table
	assert_equal "$stderr" ""
	assert_equal "${lines[0]}" "Shift 11-26 23:00–07:00 · 房务中心 · 5 open"
	[[ ${lines[1]} == "#"*"owner"*"holder"*"next"*"due"*"late"*"last note"*"what" ]]
	[[ ${lines[2]} == "3 "*"李娜"*"房务中心 · 李娜"*"reply"*"11-26 22:03"*"reply,resolve"*"已通知楼层服务员"*"送一把雨伞到1208" ]]
	[[ ${lines[5]} == "8 "*"孙丽"*"安保部 (unaccepted)"*"accept"*"06:32"*"accept,reply"*"隔壁房间太吵了" ]]
	[[ ${lines[6]} == "1 "*"李娜"*"安保部 · 王强"*"resolve"*"12:00"*" - "*"钱包已找到"* ]]
	run -0 --separate-stderr fq handover --dept all --format table
	assert_equal "${lines[0]}" "Shift 11-26 23:00–07:00 · all departments · 6 open"
	run -0 --separate-stderr fq handover --dept security --format markdown
	assert_equal "${lines[0]}" "## Shift 11-26 23:00–07:00 · 安保部 · 4 open"
	assert_equal "${lines[1]}" "| # | owner | holder | next | due | late | last note | what |"
}

@test "handover: a department the policy does not have is bad data (65)" {
	snap=$(db_digest)
	run -65 --separate-stderr fq handover --dept laundry
	assert_equal "$output" ""
	[[ $stderr == "fq: handover: "*"laundry"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "handover: a malformed --since is bad data (65)" {
	run -65 --separate-stderr fq handover --since 2026-11-31T25:00
	assert_equal "$output" ""
	[[ $stderr == "fq: handover: "*"--since"* ]]
	run -65 --separate-stderr fq handover --since lastnight
	assert_equal "$output" ""
}

@test "handover: an extra argument or a missing value is a usage error (64)" {
	run -64 --separate-stderr fq handover housekeeping
	assert_equal "$output" ""
	[[ $stderr == "fq: handover: "* ]]
	run -64 --separate-stderr fq handover --dept
	assert_equal "$output" ""
	run -64 --separate-stderr fq handover --shift night
	assert_equal "$output" ""
}

@test "handover: writing the sheet changes nothing in the database" {
	snap=$(db_digest)
	fq handover --format json >/dev/null
	fq handover --dept all --format table >/dev/null
	fq handover --since 2026-11-26 --format tsv >/dev/null
	assert_equal "$(db_digest)" "$snap"
}

@test "handover: a case whose wait ended by itself shows its next deadline" {
	# A leak, accepted at 05:01, waits for a part 05:05-05:30: the reply
	# deadline moves from 05:15 to 05:40.  At 07:00 the wait is over: the
	# sheet shows the late reply, as fq show does.
	id=$(at 2026-11-27T05:00:00+08:00 log_case "浴室漏水")
	at 2026-11-27T05:01:00+08:00 fq --as hu.bin accept "$id" >/dev/null
	at 2026-11-27T05:05:00+08:00 fq --as hu.bin wait "$id" --reason "等配件" --until 05:30 >/dev/null
	assert_equal "$(fq show "$id" --format json | jq -r '[.due.reply, .waiting] | map(tostring) | join(" ")')" \
		"2026-11-27T05:40:00+08:00 false"
	run -0 fq handover --format json
	assert_equal "$(jq -r --argjson id "$id" '.[] | select(.id == $id) | [.next_deadline, .next_due] | join(" ")' <<<"$output")" \
		"reply 2026-11-27T05:40:00+08:00"
}
