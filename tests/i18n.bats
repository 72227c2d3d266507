#!/usr/bin/env bats
#
# i18n.bats - fq speaks the staff's language: Chinese under a Chinese
# locale (even where zh_CN.UTF-8 is not generated, as on these machines),
# or LANGUAGE=zh_CN, or the policy's `language` under cron; English under
# LC_ALL=C.UTF-8; machine output the same in both; the catalogue complete
# and installed where an installed fq finds it.

load helper
bats_require_minimum_version 1.5.0

setup() {
	fq_setup
	id=$(log_phone)
}

# fq as cron runs it: no locale at all; POLICY is the policy to use.
cron() {
	env -i ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
		${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
		FQ_DB="$FQ_DB" FQ_POLICY="$POLICY" FQ_USER=li.na \
		FQ_NOW="$FQ_NOW" TZ=UTC "$@" "$FQ_BIN" \
		--format table overdue
}

# The hotel policy with a site language.
policy_with_language() {
	POLICY="$BATS_TEST_TMPDIR/policy.yaml"
	cp "$TOP/policies/hotel.yaml" "$POLICY"
	printf 'language: %s\n' "$1" >>"$POLICY"
}

@test "i18n: under LANG=zh_CN.UTF-8 fq overdue is Chinese" {
	run -0 --separate-stderr at 2026-11-27T04:30:00+08:00 \
		zh --format table overdue
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '超时 +时限 +到期 +事项 +首问责任人 +承办方'
	assert_output --partial "安保部（未受理）"
	refute_output --partial "owner"
	refute_output --partial "unaccepted"
}

@test "i18n: under LANG=zh_CN.UTF-8 fq show is Chinese" {
	run -0 --separate-stderr zh show "$id"
	assert_equal "$stderr" ""
	assert_output --partial "首问责任人 李娜"
	assert_output --partial "来源：电话"
	assert_output --partial "登记于 2026-11-27 03:00"
	assert_output --partial "  承办经过"
	assert_output --partial "  办理记录"
	assert_output --regexp '时间 +人员 +环节 +事项'
	refute_output --partial "holders"
	refute_output --partial "timeline"
}

@test "i18n: under LANG=zh_CN.UTF-8 report and list are Chinese, and still line up" {
	run -0 --separate-stderr zh --format table report
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '^分组 +登记 +已办结 +当场办结 +首问办结率'
	log_case "客人要一瓶胶水" >/dev/null
	run -0 --separate-stderr zh --format table list
	assert_line --index 0 --regexp '^# +状态 +到期 +超时 +类别 +承办方'
	# aligned by the heads' display width (C.UTF-8: "·" is narrow)
	run -0 --separate-stderr zh_language --format table list
	assert_aligned "$output"
}

@test "i18n: an unknown case is 66 with a Chinese message" {
	run -66 --separate-stderr zh show 99
	assert_equal "$output" ""
	assert_equal "$stderr" "fq: show: 没有案件 #99"
	run -64 --separate-stderr zh bogus
	assert_equal "$stderr" "fq: 未知命令 'bogus'（见 'fq help'）"
}

@test "i18n: LANGUAGE=zh_CN with LC_ALL=C.UTF-8 is Chinese too" {
	run -0 --separate-stderr zh_language show "$id"
	assert_output --partial "首问责任人 李娜"
	run -66 --separate-stderr zh_language show 99
	assert_equal "$stderr" "fq: show: 没有案件 #99"
	# LANGUAGE alone, no locale at all, as gettext would not have it
	run -66 --separate-stderr env -u LC_ALL -u LANG LANGUAGE=zh_CN \
		"$FQ_BIN" show 99
	assert_equal "$stderr" "fq: show: 没有案件 #99"
}

@test "i18n: LC_ALL=C.UTF-8 is English, and LC_ALL=C is English whatever LANGUAGE says" {
	run -0 --separate-stderr fq show "$id"
	assert_output --partial "owner 李娜"
	assert_output --partial "  timeline"
	run -66 --separate-stderr fq show 99
	assert_equal "$stderr" "fq: show: no case #99"
	run -66 --separate-stderr env LC_ALL=C LANGUAGE=zh_CN "$FQ_BIN" show 99
	assert_equal "$stderr" "fq: show: no case #99"
}

@test "i18n: --help and the command list are Chinese under a Chinese locale" {
	run -0 --separate-stderr zh help transfer
	assert_line --index 0 "用法：fq transfer 编号 [部门] [--to 人员] [--note 说明]"
	run -0 --separate-stderr zh help
	assert_line --index 0 --partial "用法：fq [--db 路径]"
	assert_output --regexp '  transfer +把案件转办到其他部门'
	run -64 --separate-stderr zh show
	assert_equal "${stderr_lines[0]}" "fq: show: 缺少编号"
	assert_equal "${stderr_lines[1]}" "用法：fq show 编号 [--explain]"
}

@test "i18n: JSON, TSV and CSV are byte for byte the same in both languages" {
	local cmd glue
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$id" >/dev/null
	# a case nobody has accepted: its holder cell is "前台 (unaccepted)"
	# in TSV and CSV whatever the language; and a broken promise, a
	# lapse of report --lapses
	glue=$(log_case "客人要一瓶胶水")
	at 2026-11-27T03:01:00+08:00 fq transfer "$glue" \
		front_desk >/dev/null
	# show and route print their view for people in the formats for
	# tables; their JSON is what programs read
	run -0 fq show "$id" --format json
	en=$output
	run -0 zh show "$id" --format json
	assert_equal "$output" "$en"
	run -0 fq show "$glue" --explain --format json
	en=$output
	run -0 zh show "$glue" --explain --format json
	assert_equal "$output" "$en"
	# verify's findings are English in JSON: a damaged row
	sqlite3 "$FQ_DB" "UPDATE cases SET status = 'closed' WHERE id = $glue"
	run -1 --separate-stderr fq verify --format json
	en=$output
	assert_output --partial '"problems":["case #'
	run -1 --separate-stderr zh verify --format json
	assert_equal "$output" "$en"
	sqlite3 "$FQ_DB" "UPDATE cases SET status = 'open' WHERE id = $glue"
	run -0 fq verify --format json
	en=$output
	run -0 zh verify --format json
	assert_equal "$output" "$en"
	run -0 fq route --format json 手机丢了
	en=$output
	run -0 zh route --format json 手机丢了
	assert_equal "$output" "$en"
	for cmd in "list" "list --status all" "overdue" "report" \
		   "report --lapses" "report --by dept" "report --held" \
		   "handover" "follow" "search 胶水" \
		   "policy simulate lost_property --at 03:00"; do
		for f in json jsonl tsv csv; do
			# shellcheck disable=SC2086
			en=$(at 2026-11-27T05:00:00+08:00 fq --format $f $cmd)
			# shellcheck disable=SC2086
			cn=$(FQ_NOW=2026-11-27T05:00:00+08:00 zh --format $f $cmd)
			[ "$en" = "$cn" ] ||
				fail "fq --format $f $cmd differs:"$'\n'"$en"$'\n'"$cn"
		done
	done
	# the words composed for those cells are English there, as ever
	FQ_NOW=2026-11-27T05:00:00+08:00 run -0 zh --format tsv overdue
	assert_output --partial $'\t前台 (unaccepted)'
	FQ_NOW=2026-11-27T05:00:00+08:00 run -0 zh --format tsv report
	assert_line --index 1 --regexp $'^all\t'
	FQ_NOW=2026-11-27T05:00:00+08:00 run -0 zh --format csv report --lapses
	assert_output --partial ',passed,'
}

@test "i18n: the policy's language applies under cron (env -i); a locale overrides it" {
	policy_with_language zh_CN
	FQ_NOW=2026-11-27T04:30:00+08:00 run -0 --separate-stderr cron
	assert_line --index 0 --partial "首问责任人"
	FQ_NOW=2026-11-27T04:30:00+08:00 run -0 --separate-stderr cron LANG=C.UTF-8
	assert_line --index 0 --partial "owner"
	FQ_NOW=2026-11-27T04:30:00+08:00 run -0 --separate-stderr cron LC_ALL=C
	assert_line --index 0 --partial "owner"
	# without one, cron gets English
	POLICY="$TOP/policies/hotel.yaml"
	FQ_NOW=2026-11-27T04:30:00+08:00 run -0 --separate-stderr cron
	assert_line --index 0 --partial "owner"
}

@test "i18n: a malformed policy language is refused (78) with its line" {
	policy_with_language "Chinese please"
	run -78 --separate-stderr fq --policy "$POLICY" policy check
	assert_output ""
	assert_equal "$stderr" "$POLICY:$(wc -l <"$POLICY"):11: malformed language 'Chinese please' (use a gettext language such as zh_CN or en)"
	policy_with_language en
	run -0 fq --policy "$POLICY" policy check
}

@test "i18n: po/zh_CN.po is complete: formats checked, nothing fuzzy or untranslated" {
	run -0 msgfmt -c --statistics -o /dev/null "$TOP/po/zh_CN.po"
	assert_output --regexp '^[0-9]+ translated messages\.$'
}

@test "i18n: every message in the sources has its translation (make pot; make po)" {
	"$TOP/po/extract.sh" >"$BATS_TEST_TMPDIR/fq.pot"
	run -0 msgcmp "$TOP/po/zh_CN.po" "$BATS_TEST_TMPDIR/fq.pot"
}

@test "i18n: make install installs the catalogue, and the installed fq finds it" {
	local root="$BATS_TEST_TMPDIR/root"
	# -o fq: install what is built; never rebuild under the running suite
	run -0 make -s -C "$TOP" -o fq install DESTDIR="$root"
	assert [ -f "$root/usr/local/share/locale/zh_CN/LC_MESSAGES/fq.mo" ]
	run -66 --separate-stderr env -u LC_ALL LANG=zh_CN.UTF-8 \
		"$root/usr/local/bin/fq" show 99
	assert_equal "$stderr" "fq: show: 没有案件 #99"
	run -0 make -n -C "$TOP" -o fq install PREFIX=/usr DESTDIR=/scratch
	assert_output --partial "/scratch/usr/share/locale/zh_CN/LC_MESSAGES/fq.mo"
}
