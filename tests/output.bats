#!/usr/bin/env bats
#
# output.bats - safe and native output (issues 12 and 13): hostile bytes
# in the data never reach a terminal, a spreadsheet or a browser; CSV for
# Excel (CRLF, --bom, formulas behind a '); tables that fit 80 columns
# with long Chinese text; colour only on a colour terminal; an empty
# list on a terminal says so.
#
# fq log, follow and the other steps refuse control characters, and
# import is being tightened too, so the hostile text is written straight
# into the database with sqlite3, as a damaged or foreign file could.

load helper
bats_require_minimum_version 1.5.0

setup() {
	fq_setup
}

# The bytes no output for people may carry: C0 controls but tab and
# newline, DEL, C1 controls (UTF-8 C2 80..C2 9F) and the bidi controls
# U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069.
CONTROLS='[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]'

# Fails when the text holds one of the CONTROLS (tab, newline and, with
# "crlf", CR before a newline are allowed).
refute_controls() {
	local text=$1
	if [ "${2:-}" = crlf ]; then
		text=${text//$'\r\n'/$'\n'}
		text=${text%$'\r'}
	fi
	if printf '%s' "$text" | LC_ALL=C grep -qaP "$CONTROLS"; then
		printf '%s' "$text" | LC_ALL=C grep -naP "$CONTROLS" | od -c | head -20
		fail "a control character reached the output"
	fi
}

# A case whose summary, guest and details hold every kind of hostile
# byte: an OSC title change, a bell, a screen clear, CSI as the C1 byte
# U+009B, a bidi override and isolate, DEL, CR, and Markdown/HTML.
hostile_case() {
	local id
	id=$(log_phone)
	sqlite3 "$FQ_DB" "UPDATE cases SET
	  summary = '手机' || char(27) || ']0;pwned' || char(7) ||
	    char(27) || '[2J' || char(155) || '31m' || char(8238) || 'gnp.exe' ||
	    char(8294) || char(127) || char(13) || 'x|<b>[a](b)\`c\` & \\',
	  guest_name = '周' || char(27) || '[31m先生',
	  details = '第一行' || char(10) || char(9) || '第二行' || char(27) || '[5m'
	  WHERE id = $id"
	echo "$id"
}

# The widest line of the text in display columns (W and F are 2; with
# "wide", East Asian Ambiguous characters too).
max_width() {
	python3 - "$1" "${2:-}" <<'EOF'
import sys, unicodedata
wide = "WFA" if sys.argv[2] == "wide" else "WF"
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in wide else 1 for c in s)
print(max(width(l) for l in sys.argv[1].split("\n")))
EOF
}

# Runs a command on a pseudo-terminal (script(1)); its output, CR LF
# turned back into LF, in $output and $lines.
on_tty() {
	run -0 script -qec "$*" /dev/null
	output=${output//$'\r'/}
	mapfile -t lines <<<"$output"
}

# --- one sanitiser for every output for people --------------------------

@test "output: show prints hostile text visibly: \\x1b, <U+009B>, <U+202E>, never the bytes" {
	id=$(hostile_case)
	run -0 --separate-stderr fq show "$id"
	refute_controls "$output"
	assert_line --index 0 --partial \
		'#1 手机\x1b]0;pwned\x07\x1b[2J<U+009B>31m<U+202E>gnp.exe<U+2066>\x7f\x0dx|<b>[a](b)`c` & \'
	assert_output --partial '周\x1b[31m先生 · 1208'
	# the details keep their line break and tab, each line indented
	assert_output --partial $'  details\n    第一行\n    \t第二行\\x1b[5m\n'
	run -0 --separate-stderr fq --color always show "$id"
	# the only escapes are fq's own styles
	refute_controls "$(sed -E $'s/\033\\[[0-9;]*m//g' <<<"$output")"
}

@test "output: tables, handover and report --lapses show hostile text visibly" {
	id=$(hostile_case)
	run -0 --separate-stderr fq list --format table
	refute_controls "$output"
	assert_output --partial '手机\x1b]0;pwned'
	assert_output --partial '周\x1b[31m先生'
	run -0 --separate-stderr fq handover --format table
	refute_controls "$output"
	assert_output --partial '手机\x1b]0;'
	run -0 --separate-stderr at 2026-11-28T09:00:00+08:00 \
		fq report --lapses --format table
	refute_controls "$output"
	assert_output --partial '手机\x1b]0;'
	run -0 --separate-stderr at 2026-11-28T09:00:00+08:00 \
		fq overdue --format table
	refute_controls "$output"
	assert_output --partial '手机\x1b]0;'
}

@test "output: TSV escapes tab, newline, CR and backslash; shows other controls visibly" {
	id=$(log_phone)
	sqlite3 "$FQ_DB" "UPDATE cases SET summary = 'a' || char(9) || 'b' ||
	  char(13) || char(10) || 'c\\d' || char(27) || '[0m' || char(8238) ||
	  '中' WHERE id = $id"
	run -0 --separate-stderr fq list --format tsv
	refute_controls "$output"
	assert_equal "${#lines[@]}" 2
	s=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "summary") print i }' <<<"$output")
	assert_equal "$(cut -f"$s" <<<"${lines[1]}")" \
		'a\tb\r\nc\\d\x1b[0m<U+202E>中'
}

@test "output: Markdown escapes \\ | < > [ ] \` & and shows controls visibly" {
	id=$(hostile_case)
	run -0 --separate-stderr fq list --format markdown
	refute_controls "$output"
	assert_output --partial \
		'| 手机\\x1b\]0;pwned\\x07\\x1b\[2J\<U+009B\>31m\<U+202E\>gnp.exe\<U+2066\>\\x7f<br>x\|\<b\>\[a\](b)\`c\` \& \\ |'
	refute_output --partial '<b>'
	refute_output --partial '[a](b)'
}

@test "output: JSON stays exact: the stored bytes, escaped by JSON's rules" {
	id=$(hostile_case)
	want=$(sqlite3 "$FQ_DB" "SELECT lower(hex(summary)) FROM cases WHERE id = $id")
	run -0 --separate-stderr fq show "$id" --format json
	assert_equal "$(jq -j .summary <<<"$output" | od -An -tx1 | tr -d ' \n')" "$want"
	run -0 --separate-stderr fq list --format jsonl
	assert_equal "$(jq -j .summary <<<"$output" | od -An -tx1 | tr -d ' \n')" "$want"
}

# --- CSV for spreadsheets -------------------------------------------------

@test "output: CSV puts a ' before what a spreadsheet would run as a formula" {
	log_case '=HYPERLINK("http://evil.test/","点我")' >/dev/null
	log_case '+86 139 1234 5678 来电' >/dev/null
	log_case -- '-5 元的差价要退' >/dev/null
	log_case '@SUM(A1:A9) 客人写的' >/dev/null
	id=$(log_case '制表符开头')
	sqlite3 "$FQ_DB" "UPDATE cases SET summary = char(9) || '=1+1' WHERE id = $id"
	id=$(log_case '回车开头')
	sqlite3 "$FQ_DB" "UPDATE cases SET summary = char(13) || '=1+1' WHERE id = $id"
	run -0 --separate-stderr fq list --format csv
	python3 - "$output" <<'EOF'
import csv, io, sys
rows = {r["id"]: r["summary"] for r in csv.DictReader(io.StringIO(sys.argv[1], newline=""))}
want = {
    "1": "'=HYPERLINK(\"http://evil.test/\",\"点我\")",
    "2": "'+86 139 1234 5678 来电",
    "3": "'-5 元的差价要退",
    "4": "'@SUM(A1:A9) 客人写的",
    "5": "'\t=1+1",
    "6": "'\\x0d=1+1",
}
assert rows == want, rows
EOF
	# --raw-csv: the bytes as stored, for scripts
	run -0 --separate-stderr fq --raw-csv list --format csv
	python3 - "$output" <<'EOF'
import csv, io, sys
rows = {r["id"]: r["summary"] for r in csv.DictReader(io.StringIO(sys.argv[1], newline=""))}
assert rows["1"] == '=HYPERLINK("http://evil.test/","点我")', rows
assert rows["5"] == "\t=1+1", rows
EOF
	# the other formats keep the text as it is
	assert_equal "$(fq list --format tsv | grep -c "^1	.*	=HYPERLINK")" 1
}

@test "output: CSV leaves numbers alone, shows controls visibly unless --raw-csv" {
	log_phone >/dev/null
	# not late yet: late_seconds is negative, and stays a number
	run -0 --separate-stderr fq overdue --within 1h --format csv
	assert_equal "$(sed -n 2p <<<"$output" | cut -d, -f1-3)" "1,-300,accept"
	id=$(hostile_case)
	run -0 --separate-stderr fq list --format csv
	refute_controls "$output" crlf
	assert_output --partial '手机\x1b]0;pwned\x07'
	assert_output --partial '\x7f\x0dx|<b>'
	run -0 --separate-stderr fq --raw-csv list --format csv
	assert_output --partial $'手机\033]0;pwned\a'
}

@test "output: CSV lines end in CRLF (RFC 4180), header too; TSV in LF" {
	log_phone >/dev/null
	log_case --details $'两行\n说明' '第二件事' >/dev/null
	fq list --format csv >"$BATS_TEST_TMPDIR/out.csv"
	python3 - "$BATS_TEST_TMPDIR/out.csv" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\r\n"), data
assert data.count(b"\n") == data.count(b"\r\n") == 3, data
assert not data.startswith(b"\xef\xbb\xbf"), data
EOF
	fq list --format tsv >"$BATS_TEST_TMPDIR/out.tsv"
	run -1 grep -c $'\r' "$BATS_TEST_TMPDIR/out.tsv"
}

@test "output: --bom starts CSV with a UTF-8 byte order mark, for Excel" {
	log_phone >/dev/null
	run -0 --separate-stderr bash -c "'$FQ_BIN' --bom list --format csv | head -c 5 | od -An -tx1"
	assert_equal "$(tr -s ' ' <<<"$output")" " ef bb bf 69 64"
	run -0 --separate-stderr bash -c "'$FQ_BIN' list --format csv --bom | head -c 3 | od -An -tx1"
	assert_equal "$(tr -s ' ' <<<"$output")" " ef bb bf"
	# only CSV has one; an empty list is still nothing at all
	run -0 --separate-stderr bash -c "'$FQ_BIN' --bom list --format tsv | head -c 2"
	assert_output "id"
	run -0 --separate-stderr fq --bom list --format csv --owner yang.fan
	assert_output ""
}

# --- tables that fit the terminal -----------------------------------------

# A night of long Chinese text: long summaries, guest names and notes,
# cases accepted (a holder with " · ") and late.
long_night() {
	local a b c
	a=$(log_case --via phone --guest 欧阳先生和他的家人们一行五位 --room 1208 \
		--phone 13912345678 \
		"昨晚在棋牌室打牌，手机忘在那里了，客人非常着急，希望尽快找到并送回房间，另外还要求酒店给予一定的补偿")
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$a" >/dev/null
	at 2026-11-27T03:12:00+08:00 fq --as wang.qiang follow "$a" \
		"已请保安去棋牌室查看，门未锁，桌上没有发现手机，正在调取监控录像，稍后回复客人" >/dev/null
	b=$(log_case --guest 司马女士 --room 2306 \
		"房间空调噪音太大，整夜无法入睡，客人要求立即更换房间并且投诉值班经理的服务态度")
	c=$(log_case "客人要一瓶胶水，用来粘补行李箱上脱落的拉杆套，越快越好，谢谢")
	at 2026-11-27T03:20:00+08:00 fq transfer "$c" front_desk >/dev/null
}

@test "output: at COLUMNS=80 no line of list, overdue, follow, handover is wider than 80" {
	long_night
	export FQ_NOW=2026-11-27T09:00:00+08:00
	for cmd in "list --status all" overdue follow handover \
		"--as wang.qiang follow" "handover --dept all"; do
		# shellcheck disable=SC2086
		run -0 --separate-stderr env COLUMNS=80 "$FQ_BIN" $cmd --format table
		[ "${#lines[@]}" -ge 2 ] || fail "fq $cmd printed no table: $output"
		assert_equal "$stderr" ""
		w=$(max_width "$output")
		[ "$w" -le 80 ] || fail "fq $cmd: a line is $w columns wide:"$'\n'"$output"
	done
	# it was cut, with the ellipsis, and still lines up
	run -0 --separate-stderr env COLUMNS=80 "$FQ_BIN" list --format table
	assert_output --partial "…"
	assert_aligned "$output"
}

@test "output: in a Chinese locale or with FQ_AMBIGUOUS=wide, · and … count as two columns" {
	long_night
	export FQ_NOW=2026-11-27T09:00:00+08:00
	for env in FQ_AMBIGUOUS=wide LC_ALL=zh_CN.UTF-8 "LANG=zh_CN.UTF-8 LC_ALL="; do
		for cmd in "list --status all" overdue handover \
			"--as wang.qiang follow"; do
			# shellcheck disable=SC2086
			run -0 --separate-stderr env $env COLUMNS=80 "$FQ_BIN" $cmd \
				--format table
			w=$(max_width "$output" wide)
			[ "$w" -le 80 ] || fail "$env fq $cmd: $w columns:"$'\n'"$output"
		done
	done
	# the two ways of counting differ on these tables, so the switch works
	run -0 env COLUMNS=80 "$FQ_BIN" list --format table
	narrow=$output
	run -0 env COLUMNS=80 FQ_AMBIGUOUS=wide "$FQ_BIN" list --format table
	[ "$output" != "$narrow" ]
	run -0 env COLUMNS=80 FQ_AMBIGUOUS=narrow LC_ALL=zh_CN.UTF-8 \
		"$FQ_BIN" list --format table
	assert_equal "$output" "$narrow"
}

@test "output: without COLUMNS, a table on a pipe is not cut" {
	long_night
	run -0 --separate-stderr env -u COLUMNS "$FQ_BIN" list --format table
	w=$(max_width "$output")
	[ "$w" -gt 80 ]
	# as wide as on a wide terminal: only the columns' own caps cut
	assert_equal "$output" "$(COLUMNS=1000 "$FQ_BIN" list --format table)"
}

@test "output: report at 80 columns leaves out the less important figures" {
	long_night
	run -0 --separate-stderr env -u COLUMNS "$FQ_BIN" report --by dept --format table
	assert_line --index 0 --regexp '^group +logged +closed +settled +first-contact +on-time +reply p50 +reply p90 +accept p50 +transfers +escalations +declines +callbacks +unsatisfied +late now$'
	full=$(max_width "$output")
	[ "$full" -gt 80 ]
	run -0 --separate-stderr env COLUMNS=80 "$FQ_BIN" report --by dept --format table
	assert_line --index 0 --regexp '^group +logged +closed +settled +first-contact +on-time +reply p50 +late now$'
	w=$(max_width "$output")
	[ "$w" -le 80 ] || fail "$w columns:"$'\n'"$output"
	assert_line --regexp '^安保部 +1 +0 +0 +0% '
	# TSV and JSON keep every figure
	run -0 --separate-stderr env COLUMNS=80 "$FQ_BIN" report --format tsv
	assert_line --index 0 --partial "unsatisfied_callbacks"
}

# --- colour, terminals and pipes ------------------------------------------

@test "output: late rows are red on a colour terminal, plain on TERM=dumb and on a pipe" {
	long_night
	export FQ_NOW=2026-11-27T09:00:00+08:00
	unset NO_COLOR
	on_tty TERM=xterm "$FQ_BIN" list
	assert_line --index 0 --regexp $'^\033\\[1m#'
	assert_line --regexp $'^\033\\[31m *3  open .*\033\\[0m$'
	on_tty TERM=dumb "$FQ_BIN" list
	refute_output --partial $'\033'
	assert_line --regexp '^ *3  open '
	on_tty TERM=xterm NO_COLOR= "$FQ_BIN" list
	refute_output --partial $'\033'
	run -0 --separate-stderr env TERM=xterm "$FQ_BIN" list --format table
	refute_output --partial $'\033'
	# --color always is always, even on a pipe
	run -0 --separate-stderr fq --color always list --format table
	assert_line --regexp $'^\033\\[31m *3  open .*\033\\[0m$'
	# a case not late yet is not red
	id=$(log_case "刚刚登记的事")
	run -0 --separate-stderr fq --color always list --format table
	assert_line --regexp "^ *$id  open "
}

@test "output: an empty list on a terminal says 'no cases match'; on a pipe nothing" {
	on_tty "$FQ_BIN" list --owner yang.fan
	assert_output "no cases match"
	on_tty "$FQ_BIN" overdue
	assert_output "no cases match"
	on_tty "$FQ_BIN" list --owner yang.fan --format tsv
	assert_output ""
	on_tty "$FQ_BIN" list --owner yang.fan --format json
	assert_output "[]"
	run -0 --separate-stderr fq list --owner yang.fan --format table
	assert_output ""
	assert_equal "$stderr" ""
	run -0 --separate-stderr fq overdue
	assert_output ""
}

@test "output: --raw-csv and --bom are global options: before or after the command" {
	log_phone >/dev/null
	run -0 --separate-stderr fq list --raw-csv --format csv
	run -0 --separate-stderr fq --raw-csv --bom --format csv list
	run -64 --separate-stderr fq --bom=yes list
	run -0 --separate-stderr fq --help
	assert_output --partial "[--raw-csv] [--bom]"
}
