#!/bin/sh
# demo.sh - a night at the front desk of the hotel (policies/hotel.yaml),
# played on a scratch database with FQ_NOW stepping through the night:
# the seed's three incidents logged by the staff who took them, routed,
# handed on, followed up, late, escalated, answered, called back; the
# chain of holders, the morning's overdue list, the report and the
# hand-over sheet.  Usage: tests/demo.sh ./fq
set -eu
fq_bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/fq-demo.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

export FQ_DB="$scratch/fq.db" FQ_POLICY="$top/policies/hotel.yaml"
export FQ_SENDMAIL="cat >> $scratch/outbox"
unset NO_COLOR

# Runs fq as someone at a moment of the night, showing the command.
at() {
	when=$1 who=$2
	shift 2
	printf '\n\033[1m[%s %s]$ fq %s\033[0m\n' "$when" "$who" "$*"
	FQ_NOW="2026-11-27T$when:00+08:00" FQ_USER="$who" "$fq_bin" "$@"
}
say() {
	printf '\n\033[2m# %s\033[0m\n' "$*"
}

"$fq_bin" init >/dev/null
say "03:00 - the forgotten phone: a guest calls the housekeeping centre (li.na)"
at 03:00 li.na log --via phone --guest 周先生 --room 1208 --phone 13912345678 \
	"昨晚在棋牌室打牌，手机忘在那里了"
say "nobody has to remember the card room's number"
at 03:01 li.na route 棋牌室
at 03:04 wang.qiang accept 1
at 03:12 li.na follow 1 "已请保安去棋牌室查看，门未锁"

say "the steamed buns: a guest's assistant tells the kitchen directly"
at 03:15 cao.gang log --room 510 "客人助理要两个馒头送到510房间"
say "the glue: a guest asks the floor attendant (huang.mei)"
at 03:20 huang.mei log --room 806 --guest 林女士 "客人要一瓶胶水"
at 03:22 wang.fang transfer 3 front_desk --note "房务中心没有胶水"
at 03:24 zhao.li transfer 3 finance --to wu.min --note "财务部有胶水，请借一瓶"

say "what li.na still owes, most urgent first"
at 03:25 li.na follow --format table

say "03:35 - cron runs the overdue check and mails the ladder's notices"
at 03:35 li.na overdue --format table
at 03:35 li.na overdue --mail >/dev/null
printf '\n(%s notification mails handed to sendmail)\n' \
	"$(grep -c '^Message-ID:' "$scratch/outbox" || true)"

say "07:00 - shift change: the hand-over sheet of 房务中心 for the day shift"
at 07:00 li.na handover --format table

say "09:00 - the answers"
at 09:00 wang.qiang reply 1 "不知道" || true
at 09:02 wang.qiang reply 1 "手机已在监控中找到，暂存大堂副理处，请凭证件领取"
at 09:05 wu.min reply 3 "已借到胶水，送到806房间"
at 09:20 li.na callback 1 "周先生已取回手机，表示满意"

say "the morning after: what the night left late, and who holds it"
at 09:30 li.na overdue --format table
say "the chain of holders of the forgotten phone (responsibility traced back)"
at 09:30 li.na show 1
say "the glue crossed three departments with one owner"
at 09:30 li.na show 3

say "the morning report, by department, and the lapses by person"
at 09:30 zhou.min report --since 2026-11-27 --by dept --format table
at 09:30 zhou.min report --since 2026-11-27 --lapses --format table
say "09:30 - the day shift's hand-over sheet: what is still open, for everyone"
at 09:30 zhou.min handover --dept all --format table

say "the record's head digest, for the log book"
at 09:30 zhou.min verify
