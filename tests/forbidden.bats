#!/usr/bin/env bats
#
# forbidden.bats - forbidden answers (不准推脱) that spacing, case, width
# and punctuation do not dodge; forbidden_patterns in the policy; a
# forced answer recorded with what it matched, flagged in fq show and a
# lapse of its author; and keyword routing that folds case and width.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
	id=$(log_phone)
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	export FQ_NOW=2026-11-27T03:10:00+08:00
}

# refused ANSWER MATCH: fq reply refuses ANSWER (65), naming MATCH, and
# writes nothing.
refused() {
	local snap
	snap=$(db_digest)
	run -65 --separate-stderr fq --as wang.qiang reply "$id" "$1"
	assert_equal "$output" ""
	assert_equal "$stderr" "fq: reply: '$2' is a forbidden answer in this policy; say what you will do and by when instead (or --force, which is recorded)"
	assert_equal "$(db_digest)" "$snap"
}

@test "forbidden: blanks, punctuation, case and full width do not dodge a phrase" {
	refused "不 知 道" 不知道
	refused "不知道。" 不知道
	refused "不，知——道！" 不知道
	refused "　不　清　楚　" 不清楚
	refused "这个……不清楚" 不清楚
	refused "「不归我管」" 不归我管
	refused $'不知\n道' 不知道
}

@test "forbidden: the hotel's patterns catch the push-away forms" {
	refused "这个我不太清楚" 不太清楚
	refused "不归我们管" 不归我们管
	refused "您去问别人吧" 问别人
	refused "我这没有，麻烦您打房务中心电话" 麻烦您打房务中心电话
	refused "您可以打前台电话问问" 您可以打前台电话
	refused "您去找工程部吧" 您去找工程部
	refused "请您找大堂经理" 请您找大堂经理
}

@test "forbidden: an answer that says what was done passes" {
	for a in "我们已打电话给工程部，师傅马上到" "我去找工程部借一个给您" \
		"已在监控中找到，马上送到1208房" "前台电话是3669000，我已替您转告"; do
		n=$(log_case "房间空调坏了")
		run -0 --separate-stderr fq reply "$n" "$a"
	done
}

@test "forbidden: log --resolved is checked the same way" {
	run -65 --separate-stderr fq log --resolved "不 清 楚" "请问附近有银行吗"
	assert_equal "$output" ""
	[[ $stderr == "fq: log: '不清楚' is a forbidden answer"* ]]
}

@test "forbidden: --force records the phrase matched; show flags it; it is its author's lapse after closing" {
	run -0 --separate-stderr fq --as wang.qiang reply "$id" --force "这个我不太清楚，您去问别人吧"
	json=$(fq show "$id" --format json)
	assert_equal "$(jq -c '.events[-1] | [.kind, .forced, .forbidden]' <<<"$json")" \
		'["replied",true,"问别人"]'
	run -0 --separate-stderr fq show "$id"
	assert_line --regexp "^03:10 +王强 +replied +FORCED past '问别人': 这个我不太清楚"
	at 2026-11-27T03:20:00+08:00 fq callback "$id" "客人已自行找到" >/dev/null
	assert_equal "$(fq show "$id" --format json | jq -r .status)" closed
	run -0 --separate-stderr fq report --lapses --format json
	assert_equal "$(jq -c '.[] | [.person, .lapse, .id, .deadline, .late_seconds, .department, .role, .phrase]' <<<"$output")" \
		'["wang.qiang","forbidden_answer",1,null,0,"security","author","问别人"]'
	run -0 --separate-stderr fq report --lapses --format tsv
	assert_equal "${lines[1]}" "$(printf '王强\tforbidden_answer\t1\t\t0\t昨晚在棋牌室打牌，手机忘在那里了\t\t\t问别人')"
}

# A small policy of its own: a forbidden pattern and a phrase, written
# with blanks and full width.
own_policy() {
	sed -e '/^forbidden_phrases:/,$d' "$TOP/policies/hotel.yaml" >"$BATS_TEST_TMPDIR/p.yaml"
	cat >>"$BATS_TEST_TMPDIR/p.yaml" <<'YAML'
forbidden_phrases: ["没 办 法", ＮＯ]
forbidden_patterns: ["明天.{0,2}再来", "^(算了|随便)$"]
shifts: ["07:00", "15:00", "23:00"]
YAML
	export FQ_POLICY="$BATS_TEST_TMPDIR/p.yaml"
}

@test "forbidden: a policy's phrases are normalised too; its patterns are EREs on the normal form" {
	own_policy
	run -0 --separate-stderr fq policy check
	refused "没办法" "没 办 法"
	refused "no, sorry" ＮＯ
	refused "您明天 下午 再来" 明天下午再来
	refused "算了！" 算了
	run -0 --separate-stderr fq --as wang.qiang reply "$id" "算了的话我们明天一早送去"
}

@test "forbidden: a bad pattern is a policy error with its place (78)" {
	printf 'version: 1\norganization: x\ntimezone: Asia/Shanghai\n' >"$BATS_TEST_TMPDIR/bad.yaml"
	printf 'departments: {d: {name: D}}\nstaff: {s: {name: S, department: d}}\n' >>"$BATS_TEST_TMPDIR/bad.yaml"
	printf 'categories: {c: {name: C, department: d}}\ndefault_category: c\n' >>"$BATS_TEST_TMPDIR/bad.yaml"
	printf 'forbidden_patterns: ["a{2,1}", ""]\n' >>"$BATS_TEST_TMPDIR/bad.yaml"
	run -78 --separate-stderr fq policy check "$BATS_TEST_TMPDIR/bad.yaml"
	assert_equal "${#stderr_lines[@]}" 2
	[[ ${stderr_lines[0]} == "$BATS_TEST_TMPDIR/bad.yaml:8:22: bad pattern 'a{2,1}' in forbidden_patterns: "* ]]
	assert_equal "${stderr_lines[1]}" "$BATS_TEST_TMPDIR/bad.yaml:8:32: empty value for forbidden_patterns (expected some text)"
}

@test "forbidden: patterns match characters, not bytes, with no locale (as under cron)" {
	own_policy
	run -65 --separate-stderr env -u LC_ALL -u LANG -u LC_CTYPE "$FQ_BIN" --as wang.qiang reply "$id" "您明天上午再来"
	[[ $stderr == *"'明天上午再来'"* ]]
}

@test "routing: keywords match whatever the case and width (WIFI = wifi = ＷＩＦＩ)" {
	for t in "房间WIFI连不上" "房间wifi连不上" "房间ＷＩＦＩ连不上" "房间Ｗｉｆｉ连不上"; do
		run -0 --separate-stderr fq route "$t" --format json
		assert_equal "$(jq -r '.category' <<<"$output")" repair
	done
	n=$(log_case "1208房ＷＩＦＩ连不上")
	assert_equal "$(fq show "$n" --format json | jq -r '[.category, .events[0].keyword] | join(" ")')" \
		"repair WiFi"
}
