#!/usr/bin/env bats
#
# export.bats - fq export: every case with its events as JSON Lines,
# oldest first, closed ones too; the filters of fq list; each line with
# every key, in order, and the events' stored data, prev, digest and
# digest version as they are in the database.

bats_require_minimum_version 1.5.0
load helper

# The night (ids in this order):
#   1  01:00  li.na      手机忘在棋牌室      security, accepted, replied, called back: closed
#   2  02:00  chen.jing  蒸两个馒头送到510房  waiting on the guest
#   3  02:30  li.na      客人要一瓶胶水      housekeeping, open
#   4  03:00  li.na      请问附近有银行吗    settled at intake: closed
#   5  03:00  zhou.min   我要投诉房间太吵    complaint, escalated at once
setup() {
	fq_setup
	at 2026-11-27T01:00:00+08:00 log_case --guest 周先生 --room 1208 \
		--phone 13912345678 "手机忘在棋牌室" >/dev/null
	FQ_USER=chen.jing at 2026-11-27T02:00:00+08:00 log_case \
		--guest 王小明 --room 510 "蒸两个馒头送到510房" >/dev/null
	at 2026-11-27T02:30:00+08:00 log_case --guest Smith --room 806 \
		"客人要一瓶胶水" >/dev/null
	at 2026-11-27T01:04:00+08:00 fq --as wang.qiang accept 1 >/dev/null
	at 2026-11-27T01:30:00+08:00 fq --as wang.qiang reply 1 \
		"手机已找到，请到大堂副理处领取" >/dev/null
	at 2026-11-27T02:10:00+08:00 fq callback 1 "客人已取回，表示满意" >/dev/null
	FQ_USER=chen.jing at 2026-11-27T02:40:00+08:00 fq wait 2 \
		--reason "客人外出，\"晚上\"回来再送" --until 2026-11-27T20:00 >/dev/null
	log_case --resolved "已告知：出门右转两百米" "请问附近有银行吗" >/dev/null
	FQ_USER=zhou.min log_case --guest 周太太 --room 1210 \
		"我要投诉房间太吵" >/dev/null
}

# The case ids fq export prints for the given options, as a JSON array.
ids() {
	fq export "$@" | jq -s -c '[.[].id]'
}

@test "export: every case, closed ones too, oldest first, one line each" {
	run -0 --separate-stderr fq export
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 5
	assert_equal "$(ids)" "[1,2,3,4,5]"
	assert_equal "$(fq export | jq -s -c '[.[].status]')" \
		'["closed","open","open","closed","open"]'
}

@test "export: each line is one JSON object with every key, in order" {
	fq export >"$BATS_TEST_TMPDIR/all.jsonl"
	run -0 python3 - "$BATS_TEST_TMPDIR/all.jsonl" <<'EOF'
import json, sys
keys = ["id", "summary", "category", "department", "handler", "owner",
        "status", "major", "waiting", "guest", "via", "created_at", "due",
        "late", "closed_at", "details", "first_contact", "waiting_since",
        "waiting_until", "updated_at", "request_key", "events"]
# events made since digest version 2 carry it last; round 1's none
ev = ["id", "seq", "at", "actor", "kind", "data", "prev", "digest",
      "version"]
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    assert line.endswith("\n") and "\n" not in line[:-1], line
    o = json.loads(line)
    assert list(o) == keys, list(o)
    assert list(o["guest"]) == ["name", "room", "phone"], o["guest"]
    assert list(o["due"]) == ["accept", "reply", "resolve", "promise"]
    assert o["events"], o["id"]
    for i, e in enumerate(o["events"]):
        assert list(e) == ev, list(e)
        assert e["version"] == 2, e
        assert e["seq"] == i + 1
        assert isinstance(e["data"], dict)
    assert o["events"][0]["kind"] == "logged"
    n += 1
print(n)
EOF
	assert_output 5
}

@test "export: the case's fields, times with the policy's offset" {
	line=$(fq export | sed -n 2p)
	assert_equal "$(jq -r .summary <<<"$line")" "蒸两个馒头送到510房"
	assert_equal "$(jq -r .owner <<<"$line")" chen.jing
	assert_equal "$(jq -r .guest.name <<<"$line")" 王小明
	assert_equal "$(jq -r .guest.room <<<"$line")" 510
	assert_equal "$(jq -r .created_at <<<"$line")" 2026-11-27T02:00:00+08:00
	assert_equal "$(jq -r .waiting <<<"$line")" true
	assert_equal "$(jq -r .waiting_since <<<"$line")" 2026-11-27T02:40:00+08:00
	assert_equal "$(jq -r .waiting_until <<<"$line")" 2026-11-27T20:00:00+08:00
	assert_equal "$(jq -r .updated_at <<<"$line")" 2026-11-27T02:40:00+08:00
	assert_equal "$(jq -r .request_key <<<"$line")" null
	assert_equal "$(jq -r '.events[-1].kind' <<<"$line")" waiting
	assert_equal "$(jq -r '.events[-1].data.reason' <<<"$line")" \
		'客人外出，"晚上"回来再送'
	line=$(fq export | sed -n 1p)
	assert_equal "$(jq -r .closed_at <<<"$line")" 2026-11-27T02:10:00+08:00
	assert_equal "$(jq -c '[.events[].kind]' <<<"$line")" \
		'["logged","accepted","replied","called_back","closed"]'
}

@test "export: events carry their stored data, prev, digest and version byte for byte" {
	fq export >"$BATS_TEST_TMPDIR/all.jsonl"
	sqlite3 -json "$FQ_DB" "SELECT id, data, prev, digest, version FROM events" \
		>"$BATS_TEST_TMPDIR/events.json"
	run -0 python3 - "$BATS_TEST_TMPDIR/all.jsonl" \
		"$BATS_TEST_TMPDIR/events.json" <<'EOF'
import json, sys
stored = {r["id"]: r for r in json.load(open(sys.argv[2], encoding="utf-8"))}
seen = 0
for line in open(sys.argv[1], encoding="utf-8"):
    for e in json.loads(line)["events"]:
        s = stored[e["id"]]
        text = json.dumps(e["data"], ensure_ascii=False, separators=(",", ":"))
        assert text == s["data"], (text, s["data"])
        assert e["prev"] == s["prev"] and e["digest"] == s["digest"]
        assert e.get("version", 1) == s["version"], (e, s["version"])
        seen += 1
assert seen == len(stored), (seen, len(stored))
print(seen)
EOF
	assert_output "$(db_value 'SELECT count(*) FROM events')"
}

@test "export: --status, --dept, --owner, --handler, --category" {
	assert_equal "$(ids --status open)" "[2,3,5]"
	assert_equal "$(ids --status closed)" "[1,4]"
	assert_equal "$(ids --status all)" "[1,2,3,4,5]"
	assert_equal "$(ids --status replied)" "[]"
	assert_equal "$(ids --dept security)" "[1]"
	assert_equal "$(ids --dept 安保部)" "[1]"
	assert_equal "$(ids --owner li.na)" "[1,3,4]"
	assert_equal "$(ids --owner li.na --status open)" "[3]"
	assert_equal "$(ids --handler wang.qiang)" "[1]"
	assert_equal "$(ids --category complaint)" "[5]"
}

@test "export: --guest, --room, --since, --until, --limit (the oldest)" {
	assert_equal "$(ids --guest 周)" "[1,5]"
	assert_equal "$(ids --room 806)" "[3]"
	assert_equal "$(ids --since 2026-11-27T02:00)" "[2,3,4,5]"
	assert_equal "$(ids --until 2026-11-27T02:30)" "[1,2]"
	assert_equal "$(ids --since 02:00 --until 03:00)" "[2,3]"
	assert_equal "$(ids --limit 2)" "[1,2]"
	assert_equal "$(ids --status open --limit 1)" "[2]"
}

@test "export: a filtered case still carries all of its events" {
	line=$(fq export --room 1208)
	assert_equal "$(jq -c '[.events[].seq]' <<<"$line")" "[1,2,3,4,5]"
	assert_equal "$(jq -r '.events[0].prev' <<<"$line")" \
		0000000000000000000000000000000000000000000000000000000000000000
}

@test "export: nothing to export prints nothing" {
	run -0 --separate-stderr fq export --room 9999
	assert_output ""
	assert_equal "$stderr" ""
	rm -f "$FQ_DB"*
	fq init >/dev/null
	run -0 --separate-stderr fq export
	assert_output ""
}

@test "export: any staff member may export; who is not staff may not (77)" {
	run -0 --separate-stderr fq --as song.jia export --limit 1
	assert_equal "$(jq -r .id <<<"$output")" 1
	run -77 --separate-stderr fq --as nobody export
	assert_output ""
	assert_equal "$stderr" \
		"fq: export: 'nobody' is not staff in the policy '$FQ_POLICY'; act as a member with --as or FQ_USER"
}

@test "export: usage errors (64) and unknown ids (65)" {
	run -64 --separate-stderr fq export --bogus
	assert_output ""
	[[ "$stderr" == *"usage: fq export"* ]]
	run -64 --separate-stderr fq export --status gone
	[[ "$stderr" == *"--status takes open, replied, closed, declined or all"* ]]
	run -64 --separate-stderr fq export --limit 0
	run -64 --separate-stderr fq export 3
	[[ "$stderr" == *"unexpected argument '3'"* ]]
	run -65 --separate-stderr fq export --dept kitchn
	[[ "$stderr" == "fq: export: no department 'kitchn' in the policy" ]]
	run -65 --separate-stderr fq export --since yesterdayish
	run -66 --separate-stderr env FQ_DB="$BATS_TEST_TMPDIR/none.db" \
		"$FQ_BIN" export
}

@test "export: the same bytes without a locale, as under cron" {
	fq export >"$BATS_TEST_TMPDIR/a.jsonl"
	env -u LC_ALL -u LANG "$FQ_BIN" export >"$BATS_TEST_TMPDIR/b.jsonl"
	cmp "$BATS_TEST_TMPDIR/a.jsonl" "$BATS_TEST_TMPDIR/b.jsonl"
	grep -q "手机忘在棋牌室" "$BATS_TEST_TMPDIR/b.jsonl"
}

@test "export: fq help export and --help print the usage" {
	run -0 --separate-stderr fq export --help
	assert_line --index 0 --partial "usage: fq export [--status"
}
