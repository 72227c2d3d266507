#!/usr/bin/env bats
#
# list.bats - fq list: which cases (status and every filter), in which
# order, and in every format (TSV, CSV, JSON, JSON Lines, and a table
# aligned by display width).

load helper
bats_require_minimum_version 1.5.0

# The night's cases, logged at different moments (ids in this order):
#   1  01:00  li.na      手机忘在棋牌室       lost_property  security      周先生 1208
#   2  02:00  chen.jing  蒸两个馒头送到510房   room_service   bar           王小明 510
#   3  02:30  li.na      客人要一瓶胶水       item_request   housekeeping  Smith 806 (handler li.na)
#   4  03:00  li.na      请问附近有银行吗     inquiry        closed at once, so
#                                                            held by li.na in housekeeping
#   5  03:00  zhou.min   我要投诉房间太吵     complaint      duty_manager  周太太 1210
setup_file() {
	fq_env
	# Built once, copied for each test (it saves ~150 runs of fq).
	export FQ_DB="$BATS_FILE_TMPDIR/night.db"
	fq init >/dev/null
	at 2026-11-27T01:00:00+08:00 log_case --guest 周先生 --room 1208 \
		"手机忘在棋牌室" >/dev/null
	FQ_USER=chen.jing at 2026-11-27T02:00:00+08:00 log_case \
		--guest 王小明 --room 510 "蒸两个馒头送到510房" >/dev/null
	at 2026-11-27T02:30:00+08:00 log_case --guest Smith --room 806 \
		"客人要一瓶胶水" >/dev/null
	log_case --resolved "已告知：出门右转两百米" "请问附近有银行吗" >/dev/null
	FQ_USER=zhou.min log_case --guest 周太太 --room 1210 \
		"我要投诉房间太吵" >/dev/null
	[ ! -e "$FQ_DB-wal" ] || fail "the template database has a WAL left"
}

setup() {
	fq_env
	cp "$BATS_FILE_TMPDIR/night.db" "$FQ_DB"
}

# The ids fq list prints for the given options, as a JSON array.
ids() {
	fq list "$@" --format json | jq -c '[.[].id]'
}

@test "list: by default every case not closed, newest first" {
	run -0 --separate-stderr ids
	assert_output "[5,3,2,1]"
	run -0 --separate-stderr fq list --format json
	assert_equal "$stderr" ""
	assert_equal "$(jq -r '.[0].summary' <<<"$output")" "我要投诉房间太吵"
	assert_equal "$(jq -r '.[3].summary' <<<"$output")" "手机忘在棋牌室"
}

@test "list: --status all, closed, open" {
	assert_equal "$(ids --status all)" "[5,4,3,2,1]"
	assert_equal "$(ids --status closed)" "[4]"
	assert_equal "$(ids --status open)" "[5,3,2,1]"
	assert_equal "$(ids --status replied)" "[]"
	assert_equal "$(fq list --status closed --format json | jq -r '.[0].status')" "closed"
}

@test "list: --dept by id and by Chinese name" {
	assert_equal "$(ids --dept security)" "[1]"
	assert_equal "$(ids --dept 安保部)" "[1]"
	assert_equal "$(ids --dept 吧台)" "[2]"
	assert_equal "$(ids --dept housekeeping)" "[3]"
	assert_equal "$(ids --dept 房务中心 --status all)" "[4,3]"
	assert_equal "$(ids --dept 前台 --status all)" "[]"
}

@test "list: --owner" {
	assert_equal "$(ids --owner chen.jing)" "[2]"
	assert_equal "$(ids --owner li.na)" "[3,1]"
	assert_equal "$(ids --owner li.na --status all)" "[4,3,1]"
	assert_equal "$(ids --owner zhou.min)" "[5]"
}

@test "list: --handler" {
	assert_equal "$(ids --handler li.na)" "[3]"
	assert_equal "$(ids --handler chen.jing)" "[]"
	FQ_USER=wang.qiang fq accept 1 >/dev/null
	assert_equal "$(ids --handler wang.qiang)" "[1]"
}

@test "list: --category by id and by Chinese name" {
	assert_equal "$(ids --category lost_property)" "[1]"
	assert_equal "$(ids --category 失物招领)" "[1]"
	assert_equal "$(ids --category 投诉)" "[5]"
	assert_equal "$(ids --category inquiry --status all)" "[4]"
}

@test "list: --guest matches part of the name" {
	assert_equal "$(ids --guest 周)" "[5,1]"
	assert_equal "$(ids --guest 先生)" "[1]"
	assert_equal "$(ids --guest Smith)" "[3]"
	assert_equal "$(ids --guest 李)" "[]"
}

@test "list: --room" {
	assert_equal "$(ids --room 510)" "[2]"
	assert_equal "$(ids --room 1208)" "[1]"
	assert_equal "$(ids --room 12)" "[]"
}

@test "list: --since and --until" {
	assert_equal "$(ids --since 02:00)" "[5,3,2]"
	assert_equal "$(ids --until 02:00)" "[1]"
	assert_equal "$(ids --since 01:30 --until 02:45)" "[3,2]"
	assert_equal "$(ids --since 2026-11-27T02:30 --status all)" "[5,4,3]"
	assert_equal "$(ids --since 2026-11-26T18:00:00Z)" "[5,3,2]"
	assert_equal "$(ids --since 2026-11-27)" "[5,3,2,1]"
	assert_equal "$(ids --since 2026-11-28)" "[]"
	# relative to FQ_NOW
	assert_equal "$(ids --since -90m)" "[5,3,2]"
	assert_equal "$(at 2026-11-27T05:00:00+08:00 ids --since -150m)" "[5,3]"
	assert_equal "$(at 2026-11-28T09:00:00+08:00 ids --since yesterday)" "[5,3,2,1]"
	assert_equal "$(at 2026-11-28T09:00:00+08:00 ids --since today)" "[]"
}

@test "list: filters combine" {
	assert_equal "$(ids --owner li.na --dept security)" "[1]"
	assert_equal "$(ids --owner li.na --since 02:00)" "[3]"
	assert_equal "$(ids --guest 周 --category complaint)" "[5]"
}

@test "list: --limit" {
	assert_equal "$(ids --limit 2)" "[5,3]"
	assert_equal "$(ids --limit 1 --status all)" "[5]"
	assert_equal "$(ids --limit 99)" "[5,3,2,1]"
}

@test "list: tsv has a header line of keys and tab-separated rows" {
	run -0 --separate-stderr fq list --format tsv
	assert_equal "${#lines[@]}" "5"
	assert_equal "$(cut -f1 <<<"${lines[0]}")" "id"
	local n s l
	n=$(awk -F'\t' '{ print NF }' <<<"${lines[0]}")
	s=$(awk -F'\t' '{ for (i = 1; i <= NF; i++) if ($i == "summary") print i }' <<<"${lines[0]}")
	[ -n "$s" ] || fail "no summary column: ${lines[0]}"
	for l in "${lines[@]}"; do
		assert_equal "$(awk -F'\t' '{ print NF }' <<<"$l")" "$n"
	done
	assert_equal "$(cut -f1 <<<"${lines[1]}")" "5"
	assert_equal "$(cut -f"$s" <<<"${lines[1]}")" "我要投诉房间太吵"
	assert_equal "$(cut -f1 <<<"${lines[4]}")" "1"
	assert_equal "$(cut -f"$s" <<<"${lines[4]}")" "手机忘在棋牌室"
}

@test "list: tsv is the default when piped" {
	run -0 --separate-stderr fq list
	assert_line --index 0 --regexp $'^id\t'
	assert_equal "$output" "$(fq list --format tsv)"
}

@test "list: csv quotes fields with commas and quotes (RFC 4180)" {
	log_case '客人说"手机,钱包"都丢了' >/dev/null
	run -0 --separate-stderr fq list --format csv --limit 1
	assert_line --index 0 --regexp '^id,'
	python3 - "$output" <<'EOF'
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
assert len(rows) == 1, rows
assert rows[0]["id"] == "6", rows
assert rows[0]["summary"] == '客人说"手机,钱包"都丢了', rows
EOF
}

@test "list: json is one array; [] when nothing matches" {
	run -0 --separate-stderr fq list --format json
	assert_equal "$(jq -r type <<<"$output")" "array"
	assert_equal "$(jq -r length <<<"$output")" "4"
	assert_equal "$(jq -r '.[0] | has("id") and has("summary") and has("due")' <<<"$output")" "true"
	run -0 --separate-stderr fq list --format json --owner yang.fan
	assert_equal "$(jq -c . <<<"$output")" "[]"
}

@test "list: jsonl is one object a line" {
	run -0 --separate-stderr fq list --format jsonl
	assert_equal "${#lines[@]}" "4"
	assert_equal "$(jq -r .id <<<"${lines[0]}")" "5"
	assert_equal "$(jq -r .summary <<<"${lines[3]}")" "手机忘在棋牌室"
	assert_equal "$(jq -r .guest.name <<<"${lines[3]}")" "周先生"
	run -0 --separate-stderr fq list --format jsonl --owner yang.fan
	assert_output ""
}

@test "list: an empty result prints nothing in tsv, csv and table" {
	for f in tsv csv table; do
		run -0 --separate-stderr fq list --format $f --owner yang.fan
		assert_output ""
		assert_equal "$stderr" ""
	done
}

@test "list: --format table aligns Chinese by display width" {
	run -0 --separate-stderr fq list --format table --status all
	assert_equal "${#lines[@]}" "6"
	assert_output --partial "周先生"
	assert_output --partial "失物招领"
	assert_output --partial "投诉"
	assert_output --partial "Smith"
	assert_aligned "$output"
}

@test "list: fullwidth letters and emoji count two columns too" {
	log_case --guest "王🙂" --room １２０８ "要两个馒头" >/dev/null
	log_case --guest "Ａｎｎａ" --room 12 "手机丢了" >/dev/null
	log_case --guest "é" --room 1 "要一瓶胶水" >/dev/null
	run -0 --separate-stderr fq list --format table
	assert_equal "${#lines[@]}" "8"
	assert_output --partial "王🙂 １２０８"
	assert_aligned "$output"
}

@test "list: the deadlines already missed are named in late" {
	# at 03:00, the cases logged at 01:00, 02:00 and 02:30 are late
	run -0 --separate-stderr fq list --format json
	late() { jq -c --argjson id "$1" '.[] | select(.id == $id) | .late | sort' <<<"$output"; }
	assert_equal "$(late 5)" '[]'
	assert_equal "$(late 3)" '["reply","resolve"]'
	assert_equal "$(late 2)" '["accept","reply","resolve"]'
	assert_equal "$(late 1)" '["accept","reply"]'
	# a day later, case 1 has missed its resolve too
	run -0 --separate-stderr at 2026-11-28T02:00:00+08:00 fq list --format json
	assert_equal "$(late 1)" '["accept","reply","resolve"]'
	assert_equal "$(late 5)" '["reply","resolve"]'
}

@test "list: a bad --status (64)" {
	run -64 --separate-stderr fq list --status 待办
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: .*--status"
}

@test "list: a bad --limit (64)" {
	for n in 0 -1 abc 2x; do
		run -64 --separate-stderr fq list --limit "$n"
		assert_equal "$output" ""
		assert_regex "$stderr" "^fq: list: .*--limit"
	done
}

@test "list: an unknown --dept (65)" {
	run -65 --separate-stderr fq list --dept 客服部
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: .*客服部"
}

@test "list: an unknown --category (65)" {
	run -65 --separate-stderr fq list --category 其他
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: .*其他"
}

@test "list: a malformed --since or --until (65)" {
	run -65 --separate-stderr fq list --since 昨天
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: .*--since"
	run -65 --separate-stderr fq list --until 2026-13-01
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: .*--until"
}

@test "list: an extra argument (64)" {
	run -64 --separate-stderr fq list 手机
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: list: .*手机"
}
