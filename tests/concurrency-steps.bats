#!/usr/bin/env bats
#
# concurrency-steps.bats - many staff at once on one shared database: 200
# cases logged by 4 processes, then 8 processes stepping through them at
# the same time (follow-ups by all; accept, assign, transfer, reply,
# escalate, wait/resume by one process each, on disjoint cases, so that no
# step can be legitimately refused).  Every command must succeed, every
# follow-up must be on record exactly once, and the hash chain must hold.
#
# Sized to run in under 30 s on 2 cores under ASan (each fq start costs
# about 30 ms there): 200 logs, 200 follow-ups and 225 other steps.

bats_require_minimum_version 1.5.0
load helper

N=200		# cases
WORKERS=8	# processes stepping at once
STRIDE=8	# each worker follows up every STRIDE-th case

setup() {
	fq_setup
}

# Logs cases $1..$2 as li.na, recording each exit status.
logger() {
	local from=$1 to=$2 out=$3 i
	for ((i = from; i <= to; i++)); do
		fq -q log --via phone --room "$((1000 + i))" \
			"第${i}号：客人手机忘在棋牌室了" >/dev/null
		echo "log $i $?" >>"$out"
	done
}

# The actor of worker p's follow-ups.
follower() {
	local a=(wang.qiang zhang.wei li.na wang.qiang gao.feng li.na zhou.min cao.gang)
	echo "${a[$1]}"
}

# One step of worker p on case i (each worker owns the cases i % 8 == p).
step() {
	local p=$1 i=$2
	case $p in
	0) fq -q --as wang.qiang accept "$i" ;;
	1) fq -q --as zhang.wei accept "$i" --handler gao.feng ;;
	2) fq -q transfer "$i" card_room --note "请棋牌室查看${i}号" ;;
	3) fq -q --as wang.qiang reply "$i" "手机已找到，暂存大堂副理处" ;;
	4) fq -q --as gao.feng reply "$i" "监控显示手机被清洁工拾获，已取回" --by sms ;;
	5) fq -q escalate "$i" "第${i}号请张队长协调" ;;
	6) fq -q --as zhou.min transfer "$i" front_desk --to chen.jing ;;
	7) fq -q wait "$i" --reason "客人外出" && fq -q resume "$i" ;;
	esac
}

# Worker p: walks all N cases, following up every STRIDE-th and stepping
# its own; one line per command: "KIND ID STATUS".
worker() {
	local p=$1 out=$2 who i
	who=$(follower "$p")
	for ((i = 1; i <= N; i++)); do
		if (((i + p) % STRIDE == 0)); then
			fq -q --as "$who" follow "$i" "第${p}路跟进${i}号：已电话确认进展"
			echo "follow $i $?" >>"$out"
		fi
		if ((i % WORKERS == p)); then
			step "$p" "$i"
			echo "step $i $?" >>"$out"
		fi
	done
}

@test "concurrency: 8 processes stepping through 200 cases at once; all recorded, chain intact" {
	local pids=() p
	# 200 cases, logged by 4 processes at once
	for p in 0 1 2 3; do
		logger $((p * N / 4 + 1)) $(((p + 1) * N / 4)) "$BATS_TEST_TMPDIR/log$p" &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p"; done
	run -0 cat "$BATS_TEST_TMPDIR"/log?
	assert_equal "$(grep -c ' 0$' <<<"$output")" "$N"
	assert_equal "$(db_value 'SELECT count(*) FROM cases')" "$N"
	assert_equal "$(db_value 'SELECT min(id) || "-" || max(id) FROM cases')" "1-$N"
	assert_equal "$(db_value "SELECT count(*) FROM cases WHERE department = 'security' AND owner = 'li.na'")" "$N"

	# 8 processes stepping at once
	pids=()
	for ((p = 0; p < WORKERS; p++)); do
		worker "$p" "$BATS_TEST_TMPDIR/worker$p" &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p"; done

	run -0 cat "$BATS_TEST_TMPDIR"/worker?
	lines=$output
	failed=$(grep -v ' 0$' <<<"$lines" || true)
	assert_equal "$failed" ""
	follows=$(grep -c '^follow ' <<<"$lines")
	assert_equal "$follows" $((WORKERS * N / STRIDE))
	assert_equal "$(grep -c '^step ' <<<"$lines")" "$N"

	# every follow-up on record, exactly once, WORKERS / STRIDE on each case
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind = 'followed'")" "$follows"
	assert_equal "$(db_value "SELECT count(*) FROM (SELECT case_id, count(*) AS n FROM events WHERE kind = 'followed' GROUP BY case_id) WHERE n = $((WORKERS / STRIDE))")" "$N"
	assert_equal "$(db_value "SELECT count(DISTINCT data ->> '\$.text') FROM events WHERE kind = 'followed'")" "$follows"

	# each worker's steps took effect on its own cases
	per=$((N / WORKERS))
	assert_equal "$(db_value "SELECT count(*) FROM cases WHERE id % 8 = 0 AND handler = 'wang.qiang' AND status = 'open'")" "$per"
	assert_equal "$(db_value "SELECT count(*) FROM cases WHERE id % 8 = 1 AND handler = 'gao.feng'")" "$per"
	assert_equal "$(db_value "SELECT count(*) FROM cases WHERE id % 8 = 2 AND department = 'card_room' AND handler IS NULL")" "$per"
	assert_equal "$(db_value "SELECT count(*) FROM cases WHERE id % 8 IN (3, 4) AND status = 'replied'")" $((2 * per))
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind = 'escalated'")" "$per"
	assert_equal "$(db_value "SELECT count(*) FROM cases WHERE id % 8 = 6 AND department = 'front_desk' AND handler = 'chen.jing'")" "$per"
	assert_equal "$(db_value "SELECT count(*) FROM cases WHERE id % 8 = 7 AND waiting_since IS NULL")" "$per"
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind IN ('waiting', 'resumed')")" $((2 * per))
	assert_equal "$(db_value "SELECT count(*) FROM cases WHERE owner <> 'li.na'")" 0
	# logged + followed + 25 each of 7 single steps + 25 more (resume)
	assert_equal "$(db_value 'SELECT count(*) FROM events')" $((N + follows + 9 * per))

	# no step lost or duplicated within a case, and the chain holds
	run -0 --separate-stderr fq verify
	run -0 --separate-stderr fq verify --format json
	assert_equal "$(jq -r .ok <<<"$output")" true
	assert_equal "$(jq -r .events <<<"$output")" "$(db_value 'SELECT count(*) FROM events')"
	assert_equal "$(db_value 'PRAGMA integrity_check')" ok
}
