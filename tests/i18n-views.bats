#!/usr/bin/env bats
#
# i18n-views.bats - the views for people, every word of them, in the
# staff's language under LANG=zh_CN.UTF-8 (tests/i18n.bats has the
# locale rules, the catalogue and the formats for programs): --help,
# show and its --explain, log's read-back, report, verify, init and
# import; and English under LC_ALL=C.UTF-8, as before.

load helper
bats_require_minimum_version 1.5.0

setup() {
	fq_setup
	id=$(log_phone)
}

# Fails when $output has a run of three Latin letters outside `allowed`
# (a regexp of what is data, commands, options and ids).
refute_english() {
	local allowed=$1 left
	left=$(sed -E "s/$allowed//g" <<<"$output" | grep -oE '[A-Za-z]{3,}' |
		sort -u | tr '\n' ' ')
	[ -z "$left" ] || fail "English left: $left"$'\n'"$output"
}

@test "i18n-views: every option's --help line is Chinese" {
	run -0 --separate-stderr zh show --help
	assert_line --regexp '^  --explain +同时说明每个进行中的时限是如何算出的$'
	run -0 --separate-stderr zh help
	assert_line --regexp '^  -h, --help +本帮助$'
	assert_line --regexp '^  --db PATH +数据库文件'
	run -0 --separate-stderr zh list --help
	assert_line --regexp '^  --status open\|replied\|closed\|declined\|all$'
	assert_line --regexp '^ +只列出该状态的案件$'
	# no help line is left in English, in any command
	for c in $(fq help | awk '/^commands:/ { on = 1; next }
			on && /^  [a-z]/ { print $1 }'); do
		run -0 --separate-stderr zh "$c" --help
		refute_english "--[a-z-]+|fq [a-z]+|'[^']*'|\\\$[A-Z_]+|[a-z]+\\|[a-z|]+|(DEPT|PERSON|CATEGORY|ID|FILE|PATH|WHEN|TEXT|DIGEST|NAME|ROOM|PHONE|ANSWER|KEY|DUR|WHY|GROUP|TIME)\\b|[A-Z]\\b|XDG|NO_COLOR|CSV|Excel|tsv|table|auto|JSON|root|/[a-z/]+|hotel|desk|all|simulate|man"
	done
	# English as it was
	run -0 --separate-stderr fq show --help
	assert_line "  --explain             also how each running deadline was derived"
}

@test "i18n-views: show and --explain are Chinese: status, deadlines, rules, holders, timeline" {
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:10:00+08:00 fq --as wang.qiang promise "$id" 03:20 \
		--note "正在调监控" >/dev/null
	FQ_NOW=2026-11-27T03:12:00+08:00 run -0 --separate-stderr zh show "$id" --explain
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '^#1 .*   办理中$'
	assert_line "    答复 时限 2026-11-27 03:30"
	assert_line "  时限说明"
	assert_line "             规则    lost_property.accept_within = 5m，按自然时间计"
	assert_line "             起算    2026-11-27 03:00（登记）"
	assert_line "             计入    5m（自然时间）"
	assert_line "             规则    向客人承诺的时间（fq promise），按自然时间计"
	assert_output --partial "受理 4m 按时"
	assert_output --regexp '03:04–现在'
	assert_output --regexp '03:00  李娜  登记 +→ 安保部'
	assert_output --regexp '03:10  王强  承诺 +03:20 前  正在调监控'
	refute_english "lost_property\.[a-z_]+|fq promise|[0-9]+[smhd]\\b"
	# English as it was
	FQ_NOW=2026-11-27T03:12:00+08:00 run -0 --separate-stderr fq show "$id" --explain
	assert_line "    reply    due 2026-11-27 03:30"
	assert_line "             rule    lost_property.accept_within = 5m, counting wall time"
	assert_output --partial "accept 4m kept"
	assert_output --regexp '03:10  王强  promised +by 03:20  正在调监控'
}

@test "i18n-views: fq's own sentences in a case's record are shown in Chinese, kept in English" {
	local major
	major=$(log_case --major "客人投诉房间有异味")
	at 2026-11-27T03:05:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	at 2026-11-27T03:06:00+08:00 fq --as wang.qiang reply "$id" "找到了" >/dev/null
	at 2026-11-27T03:07:00+08:00 fq callback "$id" "不是客人的" --unsatisfied >/dev/null
	run -0 --separate-stderr zh show "$major"
	assert_output --partial "重大事项：登记时即已上报"
	run -0 --separate-stderr zh --format table follow
	assert_output --partial "客人不满意"
	run -0 --separate-stderr zh --format tsv follow
	assert_output --partial "the guest is not satisfied"
	assert_equal "$(field "$id" '.events[] | select(.kind == "reopened") | .text')" \
		"the guest is not satisfied"
}

@test "i18n-views: log's read-back and the step lines are Chinese" {
	run -0 --separate-stderr zh log --major "客人反映电梯困人"
	assert_line --index 0 --regexp '^#2 已登记  .* → .*   首问责任人 李娜   重大事项$'
	run -0 --separate-stderr zh log --resolved "出门右转" "问路"
	assert_line --index 0 --regexp '^#3 已登记并办结（当场办结）  '
	run -0 --separate-stderr zh --as wang.qiang promise "$id" 03:20 --note "在找"
	assert_line --index 0 "#1 已承诺 03:20 前答复"
	run -0 --separate-stderr fq log "客人要一瓶胶水"
	assert_line --index 0 --regexp '^#4 logged  '
}

@test "i18n-views: report's words and lapses are Chinese in a table, English in TSV" {
	run -0 --separate-stderr at 2026-11-27T05:00:00+08:00 zh --format table report
	assert_line --index 1 --regexp '^全部 '
	run -0 --separate-stderr at 2026-11-27T05:00:00+08:00 zh --format table report --lapses
	assert_line --index 1 --regexp '^安保部（未受理） +超时未办 +1 +受理 .* 超时时承办 '
	run -0 --separate-stderr at 2026-11-27T05:00:00+08:00 zh --format table list
	assert_line --index 1 --regexp '^1 +办理中 .* 受理,答复 '
	run -0 --separate-stderr at 2026-11-27T05:00:00+08:00 zh --format table overdue
	assert_line --index 1 --regexp '^1 +[0-9hm]+ +受理 '
	run -0 --separate-stderr at 2026-11-27T05:00:00+08:00 zh --format tsv report --lapses
	assert_line --index 1 --regexp $'^安保部 \\(unaccepted\\)\tlate_holding\t1\taccept\t.*\tpassed\t'
}

@test "i18n-views: verify speaks Chinese, its JSON stays English" {
	run -0 --separate-stderr zh verify
	assert_line --index 0 --regexp '^正常：1 件案件共 1 条事件；记录链末端摘要 [0-9a-f]{64}$'
	assert_line --index 1 --partial "注意：这是个人数据库"
	sqlite3 "$FQ_DB" "UPDATE cases SET status = 'closed' WHERE id = $id"
	run -1 --separate-stderr zh verify
	assert_line --index 0 "已受损：案件 #1：status 为 'closed'，事件记录为 'open'"
	assert_equal "$stderr" "fq: verify: 发现 1 处问题；受损记录链的末端摘要为 $(fq verify --format json 2>/dev/null | jq -r .head)"
	run -1 --separate-stderr zh verify --format json
	assert_equal "$(jq -r '.problems[0]' <<<"$output")" \
		"case #1: status is 'closed', events say 'open'"
	run -0 --separate-stderr zh --as zhou.min verify --repair
	assert_line --index 0 "已修复：案件 #1 已按其事件重建（status）"
	run -1 --separate-stderr fq verify --format json --head "$(printf 'a%.0s' {1..64})"
	assert_equal "$(jq -r '.problems[0]' <<<"$output")" \
		"the recorded head $(printf 'a%.0s' {1..64}) is not in the chain: the events after it were removed, or the chain was rewritten"
}

@test "i18n-views: init and import speak Chinese" {
	export FQ_DB="$BATS_TEST_TMPDIR/new.db"
	run -0 --separate-stderr zh init
	assert_line --index 0 "数据库   $FQ_DB（已创建，结构版本 $(sqlite3 "$FQ_DB" 'PRAGMA user_version')）"
	assert_line --index 1 "制度     $FQ_POLICY（已存在，保持不变）"
	FQ_DB="$BATS_TEST_TMPDIR/fq.db" fq export >"$BATS_TEST_TMPDIR/a.jsonl"
	run -0 --separate-stderr zh --as zhou.min import "$BATS_TEST_TMPDIR/a.jsonl"
	assert_output "已导入 1 件案件、1 条事件"
	printf '{"id":1}\n' >"$BATS_TEST_TMPDIR/bad.jsonl"
	run -65 --separate-stderr zh --as zhou.min import "$BATS_TEST_TMPDIR/bad.jsonl"
	assert_equal "$stderr" "fq: import: 第 1 行：该行 缺少 'summary'"
}

@test "i18n-views: a fixed word refused lists the words in Chinese" {
	run -64 --separate-stderr zh list --status bogus
	assert_equal "${stderr_lines[0]}" "fq: list: --status 可取 open, replied, closed, declined 或 all，不能是 'bogus'"
	run -64 --separate-stderr zh list --status opn
	assert_equal "${stderr_lines[0]}" "fq: list: --status 可取 open, replied, closed, declined 或 all，不能是 'opn'；您是想用 'open' 吗？"
	run -64 --separate-stderr fq list --status opn
	assert_equal "${stderr_lines[0]}" "fq: list: --status takes open, replied, closed, declined or all, not 'opn'; did you mean 'open'?"
}
