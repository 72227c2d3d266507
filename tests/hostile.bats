#!/usr/bin/env bats
#
# hostile.bats - bytes a guest, a staff member or another system may type
# that must never reach a terminal, a mail or a spreadsheet: C1 controls,
# bidirectional overrides, NUL bytes.  Each is refused with exit 65,
# naming the field, and nothing is written.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# refused ARGS...: fq log ARGS exits 65, says what, writes nothing.
refused() {
	snap=$(db_digest)
	run -65 --separate-stderr fq log "$@"
	assert_equal "$output" ""
	assert_equal "$(db_digest)" "$snap"
}

@test "hostile: a C1 control (U+009B, CSI) in a summary is refused" {
	refused "$(printf '空调\xc2\x9b2J坏了')"
	assert_equal "$stderr" "fq: log: the summary contains a control character (U+009B), which a terminal would obey; retype it without"
}

@test "hostile: U+0085 (NEL) in a guest name is refused" {
	refused --guest "$(printf '周\xc2\x85先生')" 空调坏了
	[[ $stderr == *"--guest contains a control character (U+0085)"* ]]
}

@test "hostile: a bidi override (U+202E) in a room is refused" {
	refused --room "$(printf '12\xe2\x80\xae08')" 空调坏了
	[[ $stderr == *"--room contains a control character (U+202E)"* ]]
}

@test "hostile: bidi isolates (U+2066..U+2069) in details are refused" {
	refused --details "$(printf 'a\xe2\x81\xa6b')" 空调坏了
	[[ $stderr == *"(U+2066)"* ]]
}

@test "hostile: --details - with a NUL byte is refused, not cut short" {
	snap=$(db_digest)
	run -65 --separate-stderr sh -c 'printf "前半\000后半" | "$FQ_BIN" log --details - 空调坏了'
	assert_equal "$output" ""
	assert_equal "$stderr" "fq: log: --details on standard input contains a NUL byte; is it a text file?"
	assert_equal "$(db_digest)" "$snap"
}

@test "hostile: a C1 control in a follow-up note or an answer is refused" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq follow "$id" "$(printf '已\xc2\x9d处理')"
	[[ $stderr == *"(U+009D)"* ]]
	run -65 --separate-stderr fq --as wang.qiang reply "$id" "$(printf '找到\xe2\x80\x8f了')"
	[[ $stderr == *"(U+200F)"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "hostile: Chinese text, newlines and tabs in details still pass" {
	run -0 fq -q log --details "$(printf '第一行\n第二行\t缩进')" 空调坏了
	assert_output 1
}

@test "hostile: an error message shows typed controls visibly, never raw" {
	run -65 --separate-stderr fq show "$(printf '\033]0;pwned\007')"
	assert_equal "$stderr" "fq: show: '\\x1b]0;pwned\\x07' is not a case number (use the number 'fq list' shows, e.g. 17)"
	run -65 --separate-stderr fq list --since "$(printf '\xc2\x9b2J\xff')"
	[[ $stderr == *"'<U+009B>2J\\xff'"* ]]
	run -64 --separate-stderr fq "$(printf '\033[2J')"
	assert_equal "$stderr" "fq: '\\x1b[2J' is not an fq command (see 'fq help')"
}

@test "hostile: a field of only CR, LF or tab is refused, not stored blank" {
	refused --guest "$(printf '\r')" 空调坏了
	[[ $stderr == *"--guest contains a control character (0x0d)"* ]]
	refused --room "$(printf '\n\t')" 空调坏了
	refused --details "$(printf ' \r\n ')" 空调坏了
	run -0 fq -q log --phone ' ' 空调坏了
}

@test "hostile: amend refuses a blank summary" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr fq amend "$id" --summary '   ' --note 改
	assert_equal "$stderr" "fq: amend: --summary is empty"
	assert_equal "$(db_digest)" "$snap"
}

@test "hostile: C1 and bidi controls in a policy's names are refused" {
	sed 's/^organization: .*/organization: "锦江\\u009b2J大酒店"/' \
		"$FQ_POLICY" > "$BATS_TEST_TMPDIR/c1.yaml"
	run -78 --separate-stderr fq policy check "$BATS_TEST_TMPDIR/c1.yaml"
	[[ $stderr == *"c1.yaml:11:15: control character in organization"* ]]
	sed 's/name: 前台,/name: "前台\\u202e",/' \
		"$FQ_POLICY" > "$BATS_TEST_TMPDIR/bidi.yaml"
	run -78 --separate-stderr fq policy check "$BATS_TEST_TMPDIR/bidi.yaml"
	[[ $stderr == *"control character in departments.front_desk.name"* ]]
}

@test "hostile: --limit takes digits only" {
	run -64 --separate-stderr fq list --limit ' 5'
	[[ $stderr == "fq: list: --limit takes a positive number, not ' 5'"* ]]
	run -64 fq list --limit +5
}
