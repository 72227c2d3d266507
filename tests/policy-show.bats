#!/usr/bin/env bats
#
# policy-show.bats - fq policy show: the service commitments (服务承诺) for
# the public board: one row per category, with its department, phone, the
# limits (in JSON as the policy writes them, in the table in words) and
# whether the guest is called back.

bats_require_minimum_version 1.5.0
load helper

setup() {
	# No database: policy show reads the policy alone.
	fq_setup_empty
}

GOV="$TOP/policies/government.yaml"

@test "policy show: JSON has one row per category, in the policy's order" {
	run -0 --separate-stderr fq policy show --format json
	assert_equal "$stderr" ""
	assert_equal "$(jq -r '[.[].category] | join(" ")' <<<"$output")" \
		"complaint item_request lost_property room_service repair billing safety entertainment inquiry"
	assert_equal "$(jq -r '[.[].department] | join(" ")' <<<"$output")" \
		"duty_manager housekeeping security bar engineering finance security card_room front_desk"
	assert_equal "$(jq -r '[.[].phone] | join(" ")' <<<"$output")" \
		"3669100 3669010 3669110 3669050 3669080 3669070 3669110 3669088 3669000"
	assert_equal "$(jq -c '[.[].callback]' <<<"$output")" \
		'[true,false,true,false,true,false,true,false,false]'
	# The card room's number is 3669088, not Sales' 3669068.
	assert_equal "$(jq -r '.[] | select(.category == "entertainment") | .phone' <<<"$output")" 3669088
	# No database was needed or made.
	[ ! -e "$FQ_DB" ]
}

@test "policy show: JSON gives the limits as the policy writes them" {
	run -0 --separate-stderr fq policy show --format json
	assert_equal "$stderr" ""
	# A category without accept_within takes the defaults' 5m.
	run -0 jq -r '.[] | [.category, .accept, .reply, .resolve] | join(" ")' <<<"$output"
	assert_output - <<'EOF'
complaint 5m 15m 4h
item_request 1m 3m 10m
lost_property 5m 30m 1d
room_service 5m 10m 30m
repair 5m 15m 2h
billing 5m 30m 1d
safety 2m 5m 30m
entertainment 5m 10m 30m
inquiry 5m 5m 30m
EOF
}

@test "policy show: JSON gives working-time limits as written (government)" {
	run -0 --separate-stderr fq --policy "$GOV" policy show --format json
	assert_equal "$stderr" ""
	run -0 jq -r '.[] | [.category, .department, .accept, .reply, .resolve, (.callback | tostring)] | join(" ")' <<<"$output"
	assert_output - <<'EOF'
complaint office 1bh 1wd 5wd true
petition petition 2bh 3wd 60wd true
title_review professional 2bh 1wd 20wd false
civil_service civil_service 1bh 1wd 10wd false
wages wages 1bh 1wd 10wd true
talent talent 1bh 4bh 3wd false
approval general 1bh 1wd 5wd true
inquiry hall 30m 4bh 1wd false
EOF
}

@test "policy show: markdown is a document with a heading and a pipe table in Chinese words" {
	run -0 --separate-stderr fq policy show --format markdown
	assert_equal "$stderr" ""
	assert_equal "${lines[0]}" "## 锦江大酒店 服务承诺"
	assert_equal "$(sed -n 2p <<<"$output")" ""
	assert_equal "${lines[1]}" "| 事项 | 承办部门 | 电话 | 受理 | 答复 | 办结 | 回访 |"
	assert_equal "${lines[2]}" "| --- | --- | --- | --- | --- | --- | --- |"
	assert_equal "${lines[3]}" "| 投诉 | 大堂副理 | 3669100 | 5分钟 | 15分钟 | 4小时 | 是 |"
	# Items within three minutes (三分钟内).
	assert_equal "${lines[4]}" "| 物品需求 | 房务中心 | 3669010 | 1分钟 | 3分钟 | 10分钟 |  |"
	assert_equal "${lines[5]}" "| 失物招领 | 安保部 | 3669110 | 5分钟 | 30分钟 | 1天 | 是 |"
	assert_equal "${lines[11]}" "| 咨询 | 前台 | 3669000 | 5分钟 | 5分钟 | 30分钟 |  |"
	assert_equal "${#lines[@]}" 12
}

@test "policy show: the government's limits in working days and working hours" {
	run -0 --separate-stderr fq --policy "$GOV" policy show --format markdown
	assert_equal "$stderr" ""
	assert_equal "${lines[0]}" "## 平安县人事局 服务承诺"
	assert_equal "${lines[3]}" "| 投诉 | 办公室 | 0571-8800102 | 1个工作小时 | 1个工作日 | 5个工作日 | 是 |"
	assert_equal "${lines[8]}" "| 人才档案 | 人才交流中心 | 0571-8800106 | 1个工作小时 | 4个工作小时 | 3个工作日 |  |"
	# 30m is wall-clock time even in an office: no 工作 in its words.
	assert_equal "${lines[10]}" "| 咨询 | 服务大厅 | 0571-8800100 | 30分钟 | 4个工作小时 | 1个工作日 |  |"
	assert_output --partial "1个工作日"
	assert_output --partial "4个工作小时"
}

@test "policy show: the table has the organization's title and aligned columns" {
	run -0 --separate-stderr fq policy show --format table
	assert_equal "$stderr" ""
	assert_equal "${lines[0]}" "锦江大酒店 服务承诺"
	[[ ${lines[1]} == "事项 "*"承办部门"*"电话"*"受理"*"答复"*"办结"*"回访" ]]
	[[ ${lines[3]} == "物品需求 "*"房务中心"*"3669010"*"1分钟"*"3分钟"*"10分钟" ]]
	# The phone column starts at the same display column on every line.
	run -0 python3 -c '
import re, sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = []
for line in sys.stdin.read().split("\n")[1:]:
    if line:
        cols.append(w(line[:re.search("电话|[0-9]{7}", line).start()]))
print(len(cols), len(set(cols)))' <<<"$output"
	assert_output "10 1"
}

@test "policy show: TSV has a header of keys and a line a category" {
	run -0 --separate-stderr fq policy show --format tsv
	assert_equal "$stderr" ""
	assert_equal "${lines[0]}" "$(printf 'category\tdepartment\tphone\taccept\treply\tresolve\tcallback')"
	assert_equal "${lines[2]}" "$(printf '物品需求\t房务中心\t3669010\t1分钟\t3分钟\t10分钟\t')"
	assert_equal "${#lines[@]}" 10
	run -0 --separate-stderr fq policy show --format jsonl
	assert_equal "${#lines[@]}" 9
	assert_equal "$(jq -r .category <<<"${lines[8]}")" inquiry
}

@test "policy show: an extra argument is a usage error (64)" {
	run -64 --separate-stderr fq policy show hotel
	assert_equal "$output" ""
	[[ $stderr == "fq: policy: "* ]]
}
