#!/usr/bin/env bats
#
# route.bats - fq route: where a request goes (category, department, its
# extension, the limits), and the department named in the text with the
# look-alike number of the forgotten-phone incident (3669088, not 3669068).

load helper
bats_require_minimum_version 1.5.0

setup() {
	fq_setup
}

@test "route: 棋牌室 gives the card room's extension and names the look-alike" {
	run -0 --separate-stderr fq route 棋牌室
	assert_equal "$stderr" ""
	assert_line --index 0 --partial "棋牌室"
	assert_line --index 0 --partial "3669088"
	# the wrong number of the incident, and whose it is
	assert_line --index 0 --partial "3669068"
	assert_line --index 0 --partial "营销部"
	assert_output --partial "card_room"
}

@test "route: 棋牌室 in JSON names the card room" {
	run -0 --separate-stderr fq route 棋牌室 --format json
	assert_equal "$(jq -r .category <<<"$output")" "entertainment"
	assert_equal "$(jq -r .department <<<"$output")" "card_room"
	assert_equal "$(jq -r .phone <<<"$output")" "3669088"
	assert_equal "$(jq -r .named_department <<<"$output")" "card_room"
}

@test "route: 手机丢了 goes to 失物招领 at 安保部, with the limits" {
	run -0 --separate-stderr fq route 手机丢了
	assert_equal "$stderr" ""
	assert_output --partial "失物招领"
	assert_output --partial "lost_property"
	assert_output --partial "安保部"
	assert_output --partial "3669110"
	assert_output --partial "手机"
	assert_line --regexp "accept 5m.*reply 30m.*resolve 1d"
	assert_output --partial "callback"
}

@test "route: --format json fields" {
	run -0 --separate-stderr fq route --format json 手机丢了
	assert_equal "$stderr" ""
	j=$output
	assert_equal "$(jq -r .category <<<"$j")" "lost_property"
	assert_equal "$(jq -r .keyword <<<"$j")" "手机"
	assert_equal "$(jq -r .department <<<"$j")" "security"
	assert_equal "$(jq -r .phone <<<"$j")" "3669110"
	assert_equal "$(jq -c .limits <<<"$j")" '{"accept":"5m","reply":"30m","resolve":"1d"}'
	assert_equal "$(jq -c .callback <<<"$j")" "true"
	assert_equal "$(jq -c .major <<<"$j")" "false"
	assert_equal "$(jq -c .named_department <<<"$j")" "null"
}

@test "route: a lost phone in the card room is lost property, and the card room is named" {
	run -0 --separate-stderr fq route --format json "手机忘在棋牌室了"
	assert_equal "$(jq -r .category <<<"$output")" "lost_property"
	assert_equal "$(jq -r .department <<<"$output")" "security"
	assert_equal "$(jq -r .named_department <<<"$output")" "card_room"
}

@test "route: the buns go to the bar; a complaint is major" {
	run -0 --separate-stderr fq route --format json "蒸两个馒头"
	assert_equal "$(jq -r .department <<<"$output")" "bar"
	assert_equal "$(jq -r .phone <<<"$output")" "3669050"
	run -0 --separate-stderr fq route --format json "我要投诉"
	assert_equal "$(jq -r .category <<<"$output")" "complaint"
	assert_equal "$(jq -c .major <<<"$output")" "true"
}

@test "route: no keyword: the default category" {
	run -0 --separate-stderr fq route --format json "请问附近有银行吗"
	assert_equal "$(jq -r .category <<<"$output")" "inquiry"
	assert_equal "$(jq -c .keyword <<<"$output")" "null"
	assert_equal "$(jq -r .department <<<"$output")" "front_desk"
	run -0 --separate-stderr fq route "请问附近有银行吗"
	assert_output --partial "咨询"
	assert_output --partial "前台"
}

@test "route: needs no database" {
	export FQ_DB="$BATS_TEST_TMPDIR/none.db"
	run -0 --separate-stderr fq route 手机丢了
	assert_output --partial "安保部"
	[ ! -e "$FQ_DB" ]
}

@test "route: missing TEXT (64)" {
	run -64 --separate-stderr fq route
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: route: .*TEXT"
}

@test "route: invalid UTF-8 (65)" {
	run -65 --separate-stderr fq route $'手机\xff丢了'
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: route: .*UTF-8"
}

@test "route: empty TEXT (65)" {
	run -65 --separate-stderr fq route ""
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: route: "
}
