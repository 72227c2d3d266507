#!/usr/bin/env bats
#
# incidents.bats - the seed's incidents played end to end, with the clock
# stepping through the day: the forgotten phone (遗忘的手机), the two
# steamed buns (蒸两个馒头), the bottle of glue (一瓶胶水).

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# The case as JSON at the current FQ_NOW.
case_json() {
	fq show "$1" --format json
}

@test "incident 1: the forgotten phone, from the 03:00 call to the 09:20 callback" {
	# 03:00 - the guest phones the housekeeping centre; li.na records it
	export FQ_NOW=2026-11-27T03:00:00+08:00
	run -0 --separate-stderr fq log --via phone --guest 周先生 --room 1208 \
		--phone 13912345678 "昨晚在棋牌室打牌，手机忘在那里了"
	assert_output --partial "安保部"
	assert_output --partial "3669110"
	id=$(db_value "SELECT max(id) FROM cases")
	json=$(case_json "$id")
	assert_equal "$(jq -r .category <<<"$json")" lost_property
	assert_equal "$(jq -r .department <<<"$json")" security
	assert_equal "$(jq -r .handler <<<"$json")" null
	assert_equal "$(jq -r .owner <<<"$json")" li.na
	assert_equal "$(jq -c '[.guest.name, .guest.room, .guest.phone, .via]' <<<"$json")" \
		'["周先生","1208","13912345678","phone"]'
	assert_equal "$(jq -r .due.reply <<<"$json")" 2026-11-27T03:30:00+08:00

	# 03:04 - security's night guard takes it
	export FQ_NOW=2026-11-27T03:04:00+08:00
	run -0 --separate-stderr fq --as wang.qiang accept "$id"
	json=$(case_json "$id")
	assert_equal "$(jq -c '[.handler, .owner]' <<<"$json")" '["wang.qiang","li.na"]'

	# 03:12 - the owner follows it up
	export FQ_NOW=2026-11-27T03:12:00+08:00
	run -0 --separate-stderr fq follow "$id" "已请保安去棋牌室查看，门未锁"
	assert_equal "$(case_json "$id" | jq -r .owner)" li.na

	# 03:35 - nobody has called the guest back: late, and sent up by hand
	export FQ_NOW=2026-11-27T03:35:00+08:00
	json=$(case_json "$id")
	assert_equal "$(jq -c .late <<<"$json")" '["reply"]'
	run -0 --separate-stderr fq escalate "$id" "回复已超时，请张队长协调安保部"
	json=$(case_json "$id")
	assert_equal "$(jq -c '.events[-1].to' <<<"$json")" '["zhang.wei"]'
	assert_equal "$(jq -r .owner <<<"$json")" li.na

	# 09:02 - the answer; "I don't know" is not one
	export FQ_NOW=2026-11-27T09:02:00+08:00
	run -65 --separate-stderr fq --as wang.qiang reply "$id" "不知道"
	run -0 --separate-stderr fq --as wang.qiang reply "$id" \
		"手机已在监控中找到，暂存大堂副理处，请凭证件领取"
	json=$(case_json "$id")
	assert_equal "$(jq -r .status <<<"$json")" replied
	assert_equal "$(jq -r '.events[-1].late' <<<"$json")" true
	assert_equal "$(jq -r .owner <<<"$json")" li.na

	# 09:20 - the owner calls the guest back; closed
	export FQ_NOW=2026-11-27T09:20:00+08:00
	run -0 --separate-stderr fq callback "$id" "周先生已取回手机，表示满意"

	export FQ_NOW=2026-11-27T10:00:00+08:00
	json=$(case_json "$id")
	assert_equal "$(jq -r .status <<<"$json")" closed
	assert_equal "$(jq -r .owner <<<"$json")" li.na
	assert_equal "$(jq -r .closed_at <<<"$json")" 2026-11-27T09:20:00+08:00
	assert_equal "$(jq -c '[.events[].kind]' <<<"$json")" \
		'["logged","accepted","followed","escalated","replied","called_back","closed"]'
	assert_equal "$(jq -c '[.events[].actor]' <<<"$json")" \
		'["li.na","wang.qiang","li.na","li.na","wang.qiang","li.na","li.na"]'
	assert_equal "$(jq -c '[.events[].at[11:16]]' <<<"$json")" \
		'["03:00","03:04","03:12","03:35","09:02","09:20","09:20"]'
	assert_equal "$(jq -c '[.holders[] | {department, handler, from, to, seconds}]' <<<"$json")" \
		'[{"department":"security","handler":null,"from":"2026-11-27T03:00:00+08:00","to":"2026-11-27T03:04:00+08:00","seconds":240},{"department":"security","handler":"wang.qiang","from":"2026-11-27T03:04:00+08:00","to":"2026-11-27T09:20:00+08:00","seconds":22560}]'
	# which clock judged each span, and whether it was kept (责任倒查)
	assert_equal "$(jq -c '[.holders[] | [.clock, .kept]]' <<<"$json")" \
		'[["accept",true],["reply",false]]'
	# the owner was never anyone else, on the record either
	assert_equal "$(db_value "SELECT owner FROM cases WHERE id = $id")" li.na
	run -0 --separate-stderr fq verify
}

@test "incident 2: two steamed buns: routed to the bar, nobody accepts, late after an hour" {
	# 12:00 - the guest's assistant tells the kitchen directly
	export FQ_NOW=2026-11-27T12:00:00+08:00
	id=$(fq -q --as cao.gang log --via desk --room 510 "客人助理说蒸两个馒头送到510房")
	json=$(case_json "$id")
	assert_equal "$(jq -r .category <<<"$json")" room_service
	assert_equal "$(jq -r .department <<<"$json")" bar
	assert_equal "$(jq -r .owner <<<"$json")" cao.gang
	assert_equal "$(jq -r .handler <<<"$json")" null
	assert_equal "$(jq -r .due.accept <<<"$json")" 2026-11-27T12:05:00+08:00
	assert_equal "$(jq -c .late <<<"$json")" '[]'

	# 13:00 - an hour later nothing has arrived, and nobody took it
	export FQ_NOW=2026-11-27T13:00:00+08:00
	json=$(case_json "$id")
	assert_equal "$(jq -r .status <<<"$json")" open
	assert_equal "$(jq -r '.late | index("accept") != null' <<<"$json")" true
	assert_equal "$(jq -r '.late | index("reply") != null' <<<"$json")" true
	assert_equal "$(jq -c '[.events[].kind]' <<<"$json")" '["logged"]'
	# the chain of holders: the bar, unaccepted, for the whole hour
	assert_equal "$(jq -c '[.holders[] | {department, handler, from, to, seconds}]' <<<"$json")" \
		'[{"department":"bar","handler":null,"from":"2026-11-27T12:00:00+08:00","to":null,"seconds":3600}]'

	run -0 --separate-stderr fq list --format json
	row=$(jq -c ".[] | select(.id == $id)" <<<"$output")
	[ -n "$row" ]
	assert_equal "$(jq -r .summary <<<"$row")" "客人助理说蒸两个馒头送到510房"
	assert_equal "$(jq -r .department <<<"$row")" bar
	assert_equal "$(jq -r .handler <<<"$row")" null
	accept=$(jq -r .due.accept <<<"$row")
	assert_equal "$accept" 2026-11-27T12:05:00+08:00
	[ "$(date -d "$accept" +%s)" -lt "$(date -d "$FQ_NOW" +%s)" ]
	assert_equal "$(jq -r '.late | index("accept") != null' <<<"$row")" true
	# the kitchen's own list shows what it owes
	run -0 --separate-stderr fq --as cao.gang follow --format json
	assert_equal "$(jq -c '[.[].id]' <<<"$output")" "[$id]"
}

@test "incident 3: a bottle of glue: one owner across three departments" {
	# 14:00 - a guest asks the floor attendant; she records it (no "not my job")
	export FQ_NOW=2026-11-27T14:00:00+08:00
	id=$(fq -q --as huang.mei log --via desk --room 806 "客人要一瓶胶水")
	json=$(case_json "$id")
	assert_equal "$(jq -r .category <<<"$json")" item_request
	assert_equal "$(jq -r .department <<<"$json")" housekeeping
	assert_equal "$(jq -r .owner <<<"$json")" huang.mei
	assert_equal "$(jq -r .handler <<<"$json")" null
	run -65 --separate-stderr fq --as huang.mei reply "$id" "对不起，我这里没有，不归我管，请您打房务中心电话"
	[[ $stderr == *"不归我管"* ]]

	# 14:01 - housekeeping has none: to the front desk
	export FQ_NOW=2026-11-27T14:01:00+08:00
	run -0 --separate-stderr fq --as wang.fang transfer "$id" front_desk --note "房务中心没有胶水"
	json=$(case_json "$id")
	assert_equal "$(jq -c '[.department, .handler, .owner]' <<<"$json")" '["front_desk",null,"huang.mei"]'

	# 14:05 - the front desk borrows one from Finance: wu.min has it
	export FQ_NOW=2026-11-27T14:05:00+08:00
	run -0 --separate-stderr fq --as zhao.li transfer "$id" finance --to wu.min \
		--note "大堂副理向财务部借到胶水"
	json=$(case_json "$id")
	assert_equal "$(jq -c '[.department, .handler, .owner]' <<<"$json")" '["finance","wu.min","huang.mei"]'

	# 14:08 - the glue reaches room 806
	export FQ_NOW=2026-11-27T14:08:00+08:00
	run -0 --separate-stderr fq --as wu.min reply "$id" "已将一瓶胶水送到806房"

	export FQ_NOW=2026-11-27T15:00:00+08:00
	json=$(case_json "$id")
	assert_equal "$(jq -r .status <<<"$json")" closed
	assert_equal "$(jq -r .owner <<<"$json")" huang.mei
	assert_equal "$(jq -c '[.events[].kind]' <<<"$json")" \
		'["logged","transferred","transferred","replied","closed"]'
	assert_equal "$(jq -c '[.events[].actor]' <<<"$json")" \
		'["huang.mei","wang.fang","zhao.li","wu.min","wu.min"]'
	# items within three minutes: 14:08 is late
	assert_equal "$(jq -r '.events[3].late' <<<"$json")" true
	assert_equal "$(jq -c '[.holders[] | [.department, .handler, .from[11:16], .to[11:16], .seconds]]' <<<"$json")" \
		'[["housekeeping",null,"14:00","14:01",60],["front_desk",null,"14:01","14:05",240],["finance","wu.min","14:05","14:08",180]]'
	assert_equal "$(db_value "SELECT owner FROM cases WHERE id = $id")" huang.mei
}
