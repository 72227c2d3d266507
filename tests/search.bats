#!/usr/bin/env bats
#
# search.bats - fq search (and fq list --text): every kind of text a
# case carries, Chinese words of one, two and five characters, folding,
# phone fragments, the filters, the order, every format with its match
# fields, bad input, and the index itself: kept by every write, built by
# the migration and by import, checked by fq verify.

load helper
bats_require_minimum_version 1.5.0

# The cases, with where their words are (ids in this order):
#   1  11-17 10:00  客房空调漏水           engineering  (ten days old)
#   2  11-26 22:00  昨晚房间空调不制冷      engineering  周先生 1208 13912345678
#   3  11-26 23:00  客人要一瓶胶水          Smith 806; reply 已从财务部借到一瓶 (closed)
#   4  11-27 00:30  ＷＩＦＩ连不上          room 1501, amended to 1502: 房号记错了
#   5  11-27 01:00  客人反映房间太冷        follow-up 已请工程部检查暖气阀门
#   6  11-27 02:00  客人要求代购香烟        declined: 按规定不能替客人购买烟草
#   7  11-27 02:10  客人说电视没有信号      reply, callback 客人确认电视正常 (closed)
#   8  11-27 02:40  客人说房间有异味        follow-up 可能是空调滤网脏了
setup_file() {
	fq_env
	export FQ_DB="$BATS_FILE_TMPDIR/night.db"
	fq init >/dev/null
	at 2026-11-17T10:00:00+08:00 log_case "客房空调漏水" >/dev/null
	at 2026-11-26T22:00:00+08:00 log_case --guest 周先生 --room 1208 \
		--phone 13912345678 "昨晚房间空调不制冷" >/dev/null
	FQ_USER=chen.jing at 2026-11-26T23:00:00+08:00 log_case --guest Smith \
		--room 806 "客人要一瓶胶水" >/dev/null
	at 2026-11-26T23:05:00+08:00 fq reply 3 "已从财务部借到一瓶，送到806" >/dev/null
	at 2026-11-27T00:30:00+08:00 log_case --room 1501 "ＷＩＦＩ连不上" >/dev/null
	at 2026-11-27T00:40:00+08:00 fq amend 4 --room 1502 --note "房号记错了" >/dev/null
	at 2026-11-27T01:00:00+08:00 log_case "客人反映房间太冷" >/dev/null
	at 2026-11-27T01:10:00+08:00 fq follow 5 "已请工程部检查暖气阀门" >/dev/null
	at 2026-11-27T02:00:00+08:00 log_case "客人要求代购香烟" >/dev/null
	at 2026-11-27T02:05:00+08:00 fq decline 6 --reason "按规定不能替客人购买烟草" >/dev/null
	at 2026-11-27T02:10:00+08:00 log_case "客人说电视没有信号" >/dev/null
	at 2026-11-27T02:20:00+08:00 fq --as zhu.qiang reply 7 "已重新调试机顶盒" >/dev/null
	at 2026-11-27T02:30:00+08:00 fq callback 7 "客人确认电视正常" >/dev/null
	at 2026-11-27T02:40:00+08:00 log_case "客人说房间有异味" >/dev/null
	at 2026-11-27T02:45:00+08:00 fq follow 8 "可能是空调滤网脏了" >/dev/null
	[ ! -e "$FQ_DB-wal" ] || fail "the template database has a WAL left"
}

setup() {
	fq_env
	cp "$BATS_FILE_TMPDIR/night.db" "$FQ_DB"
}

# The ids fq search prints for the given arguments, as a JSON array.
ids() {
	fq search "$@" --format json | jq -c '[.[].id]'
}

# The first match of the first hit, as field/kind/seq: text [marks].
first_match() {
	fq search "$@" --format json | jq -r '.[0].match[0] |
		"\(.field)/\(.kind)/\(.seq): \(.text) \(.marks | tostring)"'
}

@test "search: a word in the summary, newest first; closed cases too" {
	run -0 --separate-stderr ids 空调
	assert_output "[8,2,1]"
	assert_equal "$stderr" ""
	assert_equal "$(ids 胶水)" "[3]"
	assert_equal "$(fq show 3 --format json | jq -r .status)" "closed"
	assert_equal "$(first_match 胶水)" "summary/null/null: 客人要一瓶胶水 [[5,7]]"
}

@test "search: Chinese words of one, two and five characters" {
	assert_equal "$(ids 冷)" "[5,2]"
	assert_equal "$(ids 香)" "[6]"
	assert_equal "$(ids 手机)" "[]"
	assert_equal "$(ids 空调不制冷)" "[2]"
	assert_equal "$(ids 房间空调不制冷)" "[2]"
	assert_equal "$(ids 空调制冷)" "[]"
	assert_equal "$(first_match 冷 --limit 1)" \
		"summary/null/null: 客人反映房间太冷 [[7,8]]"
}

@test "search: every word must be in the case, in any of its texts" {
	assert_equal "$(ids 空调 房间)" "[8,2]"
	assert_equal "$(ids '空调 房间')" "[8,2]"
	assert_equal "$(ids 空调 漏水)" "[1]"
	assert_equal "$(ids 空调 胶水)" "[]"
	# 异味 in the summary, 滤网 in the follow-up note
	assert_equal "$(ids 异味 滤网)" "[8]"
	run -0 fq search 异味 滤网 --format json
	assert_equal "$(jq -c '[.[0].match[] | .field]' <<<"$output")" '["summary","text"]'
}

@test "search: text only in a follow-up note" {
	assert_equal "$(ids 暖气阀门)" "[5]"
	assert_equal "$(first_match 暖气阀门)" \
		"text/followed/2: 已请工程部检查暖气阀门 [[7,11]]"
	# the summary does not hold it: fq list --text finds it all the same
	assert_equal "$(fq list --text 暖气 --format json | jq -c '[.[].id]')" "[5]"
}

@test "search: a reply, a callback, a refusal's reason" {
	assert_equal "$(ids 财务部)" "[3]"
	assert_equal "$(first_match 财务部)" "text/replied/2: 已从财务部借到一瓶，送到806 [[2,5]]"
	assert_equal "$(ids 电视正常)" "[7]"
	assert_equal "$(first_match 电视正常)" "text/called_back/3: 客人确认电视正常 [[4,8]]"
	assert_equal "$(ids 烟草)" "[6]"
	assert_equal "$(first_match 烟草)" "reason/declined/2: 按规定不能替客人购买烟草 [[10,12]]"
}

@test "search: an amendment's note and the value it replaced" {
	assert_equal "$(ids 房号记错)" "[4]"
	assert_equal "$(first_match 房号记错)" "text/amended/2: 房号记错了 [[0,4]]"
	assert_equal "$(ids 1501)" "[4]"
	assert_equal "$(first_match 1501)" "changes.room.old/amended/2: 1501 [[0,4]]"
	assert_equal "$(ids 1502)" "[4]"
	assert_equal "$(first_match 1502)" "guest.room/null/null: 1502 [[0,4]]"
}

@test "search: the guest's name and room" {
	assert_equal "$(ids smith)" "[3]"
	assert_equal "$(ids SMITH)" "[3]"
	assert_equal "$(first_match Smith)" "guest.name/null/null: Smith [[0,5]]"
	assert_equal "$(ids 周先生)" "[2]"
	assert_equal "$(ids 1208)" "[2]"
}

@test "search: full-width and half-width, upper and lower case are one" {
	for w in wifi WIFI WiFi ＷＩＦＩ ｗｉｆｉ ＷiＦi; do
		assert_equal "$(ids "$w")" "[4]"
	done
	assert_equal "$(first_match wifi)" "summary/null/null: ＷＩＦＩ连不上 [[0,4]]"
	# the ideographic space parts words as a space does
	assert_equal "$(ids '空调　漏水')" "[1]"
}

@test "search: a phone number by any four or more of its digits" {
	for w in 1391 5678 12345678 9123 13912345678; do
		assert_equal "$(ids "$w")" "[2]"
	done
	assert_equal "$(ids 139-1234-5678)" "[2]"
	assert_equal "$(ids 139-1234)" "[2]"
	assert_equal "$(ids 1234-5679)" "[]"
	assert_equal "$(first_match 5678)" "guest.phone/null/null: 13912345678 [[7,11]]"
	# a phone logged with dashes is found by its digits alone
	id=$(log_case --phone 138-0013-8000 "客人要毛巾")
	assert_equal "$(ids 13800138000)" "[$id]"
	assert_equal "$(ids 00138000)" "[$id]"
	assert_equal "$(first_match 00138000)" "guest.phone/null/null: 138-0013-8000 [[4,13]]"
}

@test "search: the filters of fq list: --since -7d --dept engineering" {
	assert_equal "$(ids 空调 --since -7d --dept engineering)" "[2]"
	assert_equal "$(ids 空调 --dept 工程部)" "[2,1]"
	assert_equal "$(ids 空调 --since -7d)" "[8,2]"
	assert_equal "$(ids 空调 --until 2026-11-20)" "[1]"
	assert_equal "$(ids 空调 --owner li.na --room 1208)" "[2]"
	assert_equal "$(ids 客人 --status closed)" "[7,3]"
	assert_equal "$(ids 客人 --status declined)" "[6]"
	assert_equal "$(ids 客人 --category repair)" "[7]"
	assert_equal "$(ids 胶水 --guest Smi)" "[3]"
	assert_equal "$(ids 空调 --limit 2)" "[8,2]"
	assert_equal "$(ids 空调 --limit 1 --sort newest)" "[8]"
}

@test "search: --sort relevance puts a word in the summary first" {
	run -0 --separate-stderr fq search 空调 --sort relevance --format json
	assert_equal "$(jq -c '[.[].id] | sort' <<<"$output")" "[1,2,8]"
	# 8 has it only in a note
	assert_equal "$(jq -r '.[-1].id' <<<"$output")" 8
}

@test "search: TSV and CSV: the list's columns, then match_in and match" {
	run -0 --separate-stderr fq search 暖气阀门 --format tsv
	assert_line --index 0 "$(printf 'id\tstatus\tnext_due\tlate\tcategory\tholder\towner\tguest\tsummary\tmatch_in\tmatch')"
	assert_equal "$(cut -f1,9- <<<"${lines[1]}")" "$(printf '5\t客人反映房间太冷\tfollowed\t已请工程部检查暖气阀门')"
	run -0 --separate-stderr fq search 财务部 --format csv
	assert_line --index 0 $'id,status,next_due,late,category,holder,owner,guest,summary,match_in,match\r'
	assert_line --index 1 --partial ",客人要一瓶胶水,replied,已从财务部借到一瓶，送到806"
	[[ ${lines[1]} == 3,closed,* ]]
}

@test "search: JSON and JSON Lines: list's object with match fields" {
	run -0 --separate-stderr fq search 空调 --format json
	assert_equal "$(jq -r '.[1] | [.id, .summary, .department, .status, .guest.phone] | @tsv' <<<"$output")" \
		"$(printf '2\t昨晚房间空调不制冷\tengineering\topen\t13912345678')"
	assert_equal "$(jq -c '.[1].match' <<<"$output")" \
		'[{"field":"summary","kind":null,"seq":null,"text":"昨晚房间空调不制冷","marks":[[4,6]]}]'
	assert_equal "$(jq -r '.[1] | has("next_due") and has("due") and has("late")' <<<"$output")" true
	run -0 --separate-stderr fq search 空调 --format jsonl
	assert_equal "${#lines[@]}" 3
	assert_equal "$(jq -c '[.id, .match[0].field, .match[0].kind, .match[0].seq]' <<<"${lines[0]}")" \
		'[8,"text","followed",2]'
	# nothing found: [] in JSON, nothing at all in the other formats
	run -0 fq search 手机 --format json
	assert_output "[]"
	for f in jsonl tsv csv table markdown; do
		run -0 fq search 手机 --format "$f"
		assert_output ""
	done
}

@test "search: a table aligned by display width, the words in bold" {
	run -0 --separate-stderr fq search 空调 --format table
	assert_aligned "$output"
	assert_line --index 0 --regexp '^#  status +due +late +category +holder +owner +guest +summary +in +match$'
	assert_line --index 3 --regexp '^1  open .* summary +客房空调漏水$'
	run -0 fq search 空调 --format table --color always
	assert_output --partial $'\e[1m空调\e[0m'
	run -0 fq search 空调 --format markdown
	assert_output --partial "| 客房**空调**漏水 |"
}

@test "search: a table's snippet is shown visibly, cut and coloured whole" {
	# a bidi control put into a case row by hand shows as <U+202E>,
	# and the word beside it stays marked
	sqlite3 "$FQ_DB" "UPDATE cases SET summary = '客房空调' || char(8238) || '漏水' WHERE id = 1"
	run -0 --separate-stderr fq search 漏水 --format table --color always
	assert_output --partial $'客房空调<U+202E>\e[1m漏水\e[0m'
	refute_output --partial $'\xe2\x80\xae'
	run -0 --separate-stderr fq search 漏水 --format tsv
	assert_output --partial $'\t客房空调<U+202E>漏水'
	# a late row stays red after the marked word
	run -0 --separate-stderr fq search 漏水 --format table --color always
	assert_output --partial $'\e[1m漏水\e[0m\e[31m'
	# cut to a narrow terminal: the cut ends in an ellipsis, and no
	# line leaves bold or red on
	run -0 --separate-stderr env COLUMNS=80 "$FQ_BIN" search 空调 --format table --color always
	for l in "${lines[@]}"; do
		[[ $l == *$'\e[0m' ]] || fail "a line leaves a style on: $l"
	done
	assert_output --partial $'\e[1m空\e[0m\e[31m\u2026'
}

@test "search: the same bytes without a locale, as under cron" {
	want=$(fq search 空调 --format tsv)
	run -0 env -u LC_ALL -u LC_CTYPE -u LANG "$FQ_BIN" search 空调 --format tsv
	assert_output "$want"
	run -0 env -u LC_ALL -u LC_CTYPE -u LANG "$FQ_BIN" search ＷＩＦＩ --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" "[4]"
}

@test "list --text: the same words, as fq list shows cases (not closed)" {
	assert_equal "$(fq list --text 空调 --format json | jq -c '[.[].id]')" "[8,2,1]"
	assert_equal "$(fq list --text '空调 房间' --format json | jq -c '[.[].id]')" "[8,2]"
	assert_equal "$(fq list --text 电视正常 --format json | jq -c '[.[].id]')" "[]"
	assert_equal "$(fq list --text 电视正常 --status all --format json | jq -c '[.[].id]')" "[7]"
	assert_equal "$(fq list --text 空调 --dept engineering --since -7d --format json | jq -c '[.[].id]')" "[2]"
	run -0 --separate-stderr fq list --text 暖气 --format tsv
	assert_line --index 0 "$(printf 'id\tstatus\tnext_due\tlate\tcategory\tholder\towner\tguest\tsummary')"
	run -0 fq list --text 暖气 --format json
	assert_equal "$(jq -r '.[0] | has("match")' <<<"$output")" false
	run -64 --separate-stderr fq list --text '  '
	assert_equal "${stderr_lines[0]}" "fq: list: nothing to search for (give one or more words)"
}

@test "search: bad input: no words, a bad --limit or --sort (64), an unknown --dept (65); nothing written" {
	snap=$(db_digest)
	run -64 --separate-stderr fq search
	assert_equal "${stderr_lines[0]}" "fq: search: missing TEXT to search for"
	assert_equal "${stderr_lines[1]}" "usage: fq search TEXT... [--sort newest|relevance]"
	assert_output ""
	run -64 --separate-stderr fq search '' ' '
	assert_equal "${stderr_lines[0]}" "fq: search: nothing to search for (give one or more words)"
	run -64 --separate-stderr fq search 空调 --limit 0
	assert_equal "${stderr_lines[0]}" "fq: search: --limit takes a positive number, not '0'"
	run -64 --separate-stderr fq search 空调 --limit ten
	run -64 --separate-stderr fq search 空调 --sort oldest
	assert_equal "${stderr_lines[0]}" "fq: search: --sort takes newest or relevance, not 'oldest'"
	run -64 --separate-stderr fq search 空调 --status opened
	run -64 --separate-stderr fq search 空调 --bogus
	run -65 --separate-stderr fq search 空调 --dept kitchn
	assert_equal "$stderr" "fq: search: no department 'kitchn' in the policy"
	assert_output ""
	run -65 --separate-stderr fq search 空调 --since yesterdy
	run -65 --separate-stderr fq search $'\xe7\xa9'
	assert_equal "$stderr" "fq: search: the text to search for is not valid UTF-8 (check the terminal's encoding)"
	run -65 --separate-stderr fq search $'a\x01b'
	run -65 --separate-stderr fq search a b c d e f g h i j k l m n o p q
	assert_equal "$stderr" "fq: search: too many words; the most is 16"
	run -64 --separate-stderr fq search --reindex 空调
	assert_equal "${stderr_lines[0]}" "fq: search: --reindex takes no words and no filters"
	run -77 --separate-stderr fq --as nobody search 空调
	assert_equal "$(db_digest)" "$snap"
}

@test "search: fq help search and --help print the usage" {
	run -0 fq help search
	assert_line --index 0 "usage: fq search TEXT... [--sort newest|relevance]"
	run -0 fq search --help
	assert_line --index 0 "usage: fq search TEXT... [--sort newest|relevance]"
	assert_line --partial "fq search --reindex"
	run -0 fq help
	assert_output --regexp "  search +cases whose texts hold every word"
}

@test "search: every write keeps the index, in its own transaction" {
	id=$(log_case --guest 王女士 "客人要一个吹风机")
	assert_equal "$(ids 吹风机)" "[$id]"
	fq follow "$id" "库房里找到备用的插头" >/dev/null
	assert_equal "$(ids 插头)" "[$id]"
	fq amend "$id" --guest 汪女士 --note "姓氏听错" >/dev/null
	assert_equal "$(ids 汪女士)" "[$id]"
	assert_equal "$(ids 王女士)" "[$id]"	# the value replaced
	assert_equal "$(first_match 王女士)" "changes.guest_name.old/amended/3: 王女士 [[0,3]]"
	# a step that fails writes nothing, the index included
	snap=$(db_digest)
	run -65 fq reply "$id" "不知道"
	assert_equal "$(db_digest)" "$snap"
	run -0 --separate-stderr fq verify
	assert_output --partial "ok: "
}

@test "search: fq verify names a case whose index disagrees; --reindex mends it" {
	sqlite3 "$FQ_DB" "UPDATE search_cases SET digest = 0 WHERE case_id = 2"
	run -1 --separate-stderr fq verify
	assert_line --index 0 "DAMAGED: search index: case #2 disagrees with its events; run 'fq search --reindex'"
	assert_equal "$(grep -c '^DAMAGED' <<<"$output")" 1
	assert_line --index 1 --partial "note: a personal database"
	# a step on that case is refused rather than break the index further
	snap=$(db_digest)
	run -70 --separate-stderr fq follow 2 "再催工程部"
	assert_equal "$stderr" "fq: follow: the search index of case #2 disagrees with its events; run 'fq verify', then 'fq search --reindex'"
	assert_equal "$(db_digest)" "$snap"
	sqlite3 "$FQ_DB" "DELETE FROM search_cases WHERE case_id IN (3, 5)"
	run -1 --separate-stderr fq verify --format json
	assert_equal "$(jq -r '.problems[0]' <<<"$output")" \
		"search index: case #2 and 2 more disagree with their events; run 'fq search --reindex'"
	run -0 --separate-stderr fq search --reindex
	assert_output "search index rebuilt: 8 cases"
	run -0 --separate-stderr fq verify
	assert_output --partial "ok: "
	assert_equal "$(ids 空调)" "[8,2,1]"
	run -0 fq -q search --reindex
	assert_output ""
}

@test "search: an event altered by hand is fq verify's finding, not the index's" {
	sqlite3 "$FQ_DB" "DROP TRIGGER events_no_update;
		UPDATE events SET data = json_set(data, '\$.text', '已请工程部检查') WHERE case_id = 5 AND seq = 2"
	run -1 --separate-stderr fq verify --format json
	# the altered event, and the trigger dropped to alter it; not the index
	assert_equal "$(jq -r '.problems | length' <<<"$output")" 2
	assert_equal "$(jq -r '.problems[0] | test("altered")' <<<"$output")" true
	assert_equal "$(jq -r '.problems[1] | test("trigger .events_no_update. .* missing")' <<<"$output")" true
	assert_equal "$(jq -r '[.problems[] | select(test("search"))] | length' <<<"$output")" 0
}

@test "search: a round-1 database gets its index when it is opened" {
	cp "$TOP/tests/fixtures/round1.db" "$FQ_DB"
	chmod 0660 "$FQ_DB"
	assert_equal "$(db_value 'PRAGMA user_version')" 1
	run -0 --separate-stderr ids 手机
	assert_output "[1]"
	assert_equal "$(db_value 'PRAGMA user_version')" "$(schema_now)"
	assert_equal "$(ids 胶水)" "[3]"
	assert_equal "$(ids 财务部 胶水)" "[3]"
	assert_equal "$(ids wifi 空调)" "[4]"
	assert_equal "$(ids 5678)" "[1]"
	run -0 --separate-stderr at 2026-11-27T11:00:00+08:00 fq verify
	assert_output --partial "ok: "
}

@test "search: fq import builds the index of what it stores" {
	FQ_USER=zhou.min fq export > "$BATS_TEST_TMPDIR/all.jsonl"
	export FQ_DB="$BATS_TEST_TMPDIR/copy.db"
	fq init >/dev/null
	run -0 --separate-stderr env FQ_USER=zhou.min "$FQ_BIN" import "$BATS_TEST_TMPDIR/all.jsonl"
	assert_equal "$(ids 空调)" "[8,2,1]"
	assert_equal "$(ids 暖气阀门)" "[5]"
	assert_equal "$(ids 1501)" "[4]"
	assert_equal "$(db_value 'SELECT count(*) FROM search_cases')" 8
	run -0 --separate-stderr fq verify
	assert_output --partial "ok: "
}

@test "search: a failed import leaves the index as it was" {
	FQ_USER=zhou.min fq export > "$BATS_TEST_TMPDIR/all.jsonl"
	export FQ_DB="$BATS_TEST_TMPDIR/copy.db"
	fq init >/dev/null
	{ head -n 7 "$BATS_TEST_TMPDIR/all.jsonl"; echo '{"id": 9}'; } \
		> "$BATS_TEST_TMPDIR/bad.jsonl"
	run -65 --separate-stderr env FQ_USER=zhou.min "$FQ_BIN" import "$BATS_TEST_TMPDIR/bad.jsonl"
	assert_equal "$(db_value 'SELECT count(*) FROM search_cases')" 0
	assert_equal "$(ids 空调)" "[]"
	run -0 --separate-stderr fq verify
	assert_output --partial "ok: "
}

@test "search: unit tests of folding, words, grams and snippets" {
	make -s -C "$TOP" build/search-test >/dev/null
	run env -u LC_ALL -u LC_CTYPE -u LANG "$TOP/build/search-test"
	printf '%s\n' "$output"
	[ "$status" -eq 0 ]
	refute_output --partial "not ok"
	assert_output --regexp '1\.\.[1-9][0-9]*'
}
