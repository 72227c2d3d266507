#!/usr/bin/env bats
#
# plans.bats - the query plans of the hot commands are chosen by design:
# every statement that overdue, --escalate, --mail, show, handover,
# list, report, verify and log prepare (FQ_DEBUG_SQL prints each) is run
# through EXPLAIN QUERY PLAN, and none may SCAN a table - walk all of it
# - but the few that read everything by nature (verify's walks, the
# chain's head, a one-row table) and the scans of the open cases' partial
# indexes; and fq list walks its cases in order, never sorts them.  The
# plans are checked three times: without statistics, with
# the statistics ANALYZE writes for a 1M-case database with a year of
# history (tests/bench), and with the rough ones PRAGMA optimize writes
# (analysis_limit), under which an index on a few values of `kind` looks
# selective when it is not.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
	export FQ_SENDMAIL="$BATS_TEST_TMPDIR/sendmail"
	printf '%s\n' '#!/bin/sh' 'cat >/dev/null' >"$FQ_SENDMAIL"
	chmod +x "$FQ_SENDMAIL"
}

# Runs fq with FQ_DEBUG_SQL and appends the SQL it prepared to $SQL.
traced() {
	FQ_DEBUG_SQL=1 "$FQ_BIN" "$@" 2>&1 >/dev/null |
		sed -n 's/^fq: [a-z]*: sql: //p' >>"$SQL"
}

# A night with every kind of step the ladder reads, and the SQL of the
# hot commands over it.
night() {
	SQL="$BATS_TEST_TMPDIR/sql"
	: >"$SQL"
	a=$(log_phone)
	b=$(log_case "客人钱包丢了")
	c=$(log_case --guest 王女士 "我要投诉前台服务态度差")
	at 2026-11-27T03:02:00+08:00 fq --as wang.qiang accept "$a" >/dev/null
	at 2026-11-27T03:03:00+08:00 fq transfer "$b" front_desk --note "请前台处理" >/dev/null
	at 2026-11-27T03:04:00+08:00 fq escalate "$a" "请张队长协调" >/dev/null
	at 2026-11-27T03:05:00+08:00 traced overdue
	at 2026-11-27T03:05:00+08:00 traced overdue --escalate
	at 2026-11-27T03:06:00+08:00 traced -q log "客人要一瓶胶水"
	at 2026-11-27T03:07:00+08:00 traced overdue --mail
	at 2026-11-27T03:08:00+08:00 fq --as wang.qiang reply "$a" "手机已找到" >/dev/null
	at 2026-11-27T03:09:00+08:00 fq callback "$a" "周先生已取回手机" >/dev/null
	at 2026-11-27T03:40:00+08:00 traced overdue --mail
	at 2026-11-27T03:41:00+08:00 traced show "$a"
	at 2026-11-27T03:41:00+08:00 traced handover
	at 2026-11-27T03:41:00+08:00 traced list
	at 2026-11-27T03:41:00+08:00 traced list --dept security --limit 5
	at 2026-11-27T03:41:00+08:00 traced --as zhou.min report
	at 2026-11-27T03:41:00+08:00 traced --as zhou.min report --by dept --lapses
	at 2026-11-27T03:41:00+08:00 traced --as zhou.min report --held
	at 2026-11-27T03:41:00+08:00 traced --as zhou.min verify
	sort -u -o "$SQL" "$SQL"
}

# Checks the plan of every statement in $SQL against $FQ_DB under each
# set of statistics; prints what it found, fails on a scan.
check_plans() {
	python3 - "$FQ_DB" "$SQL" <<'EOF'
import re, shutil, sqlite3, sys, tempfile

db, sqlfile = sys.argv[1], sys.argv[2]
stmts = [l.strip() for l in open(sqlfile) if l.strip()]

# sqlite_stat1 of the 1M-case benchmark database: a full ANALYZE, and
# the rough one of PRAGMA analysis_limit = 1000 (what PRAGMA optimize
# at close writes).
FULL = """cases||1000000
cases|cases_active|47336 15779 1
cases|cases_open|47336 1
cases|cases_created|1000000 1 1
cases|cases_due|8377 2 2 2 1
cases|cases_promise|10 1
cases|sqlite_autoindex_cases_1|1000000 1000000
events||5958826
events|events_kind|5958826 496569 2
events|sqlite_autoindex_events_1|5958826 6 1
escalations|escalations|1257087 4 3 2 1
escalations|escalations_unmailed|10396 10396 2
clocks||1000000
escalations_read||1"""
ROUGH = """cases|cases_active|39775 1001 1
cases|cases_open|39775 1
cases|cases_created|1094016 1 1
cases|cases_due|8502 1 1 1 1
cases|sqlite_autoindex_cases_1|1043072 1001
events|events_kind|4837170 1001 1
events|sqlite_autoindex_events_1|8472672 6 1
escalations|escalations|580320 4 3 2 1
escalations|escalations_unmailed|11122 1001 2
escalations_read||1"""

# What may walk a whole table, and why: (a part of the SQL, the table).
ALLOWED = [
    ("FROM events ORDER BY id", "events"),      # verify: the chain, all of it
    ("ORDER BY id DESC LIMIT 1", "events"),     # the chain's head: the last rowid
    ("FROM escalations_read", "escalations_read"),   # one row
    ("UPDATE escalations_read", "escalations_read"),  # one row
    ("FROM cases c LEFT JOIN events e", "c"),   # verify: every case's seqs
    ("coalesce(data ->> '$.handler', '')", "c"),  # verify: every case's holders
    ("SELECT count(*) FROM cases", "cases"),    # verify: how many
    ("FROM search_cases ORDER BY case_id", "search_cases"),  # verify: the search index, all of it
    ("lag(at) OVER (PARTITION BY case_id ORDER BY seq)", "(subquery-2)"),  # verify: every event's time, in chain order
    ("next_due FROM cases ORDER BY id", "cases"),  # verify: every case row, rebuilt
]
# Scans that are no walk of a table: CTEs of the ladder's folding, table
# functions, the open cases' partial indexes.
HARMLESS = re.compile(r"^SCAN (esc|note|sent|closing|clk|CONSTANT ROW)\b|"
                      r"VIRTUAL TABLE|USING (COVERING )?INDEX cases_(active|open)")
# Statements that must be among those checked (a rename would hide them).
HOT = ["next_due <= :horizon AND", "due_promise > 0",
       "FROM escalations WHERE case_id = :case",
       "FROM escalations x JOIN cases c", "WITH esc AS", "WITH note AS",
       "WITH closing AS", "WITH clk AS", "LEFT JOIN clocks k",
       "FROM cases c WHERE status <> 'closed'",
       "GROUP BY +case_id", "FROM events e WHERE e.case_id IN",
       "FROM cases WHERE id IN (SELECT id", "FROM events ORDER BY id",
       "FROM events WHERE case_id = :case ORDER BY seq",
       "FROM cases WHERE status <> 'closed' AND"]
# Statements that must walk an index in their order, never sort: fq
# list's newest cases not closed, LIMIT N (sorting every open case of a
# year took 30 ms at 1M cases where walking cases_open takes 4).
ORDERED = re.compile(r"FROM cases WHERE status <> 'closed' AND .* "
                     r"ORDER BY id (DESC )?LIMIT :limit")

failed = 0
for h in HOT:
    if not any(h in s for s in stmts):
        print("not prepared by any command traced: %r" % h)
        failed = 1

def plans(stats):
    tmp = tempfile.mkdtemp()
    path = tmp + "/plans.db"
    src = sqlite3.connect(db)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.execute("ANALYZE")
    dst.execute("DELETE FROM sqlite_stat1")
    for line in (stats or "").splitlines():
        tbl, idx, stat = line.split("|")
        dst.execute("INSERT INTO sqlite_stat1 VALUES (?, ?, ?)",
                    (tbl, idx or None, stat))
    dst.commit()
    dst.close()
    con = sqlite3.connect(path)      # reads the statistics as it opens
    out = []
    for s in stmts:
        if s.startswith("PRAGMA"):
            continue
        params = {p: None for p in re.findall(r":([a-z_]+)", s)}
        rows = con.execute("EXPLAIN QUERY PLAN " + s, params).fetchall()
        out.append((s, [r[3] for r in rows]))
    con.close()
    shutil.rmtree(tmp)
    return out

for name, stats in (("no statistics", None), ("full", FULL),
                    ("rough", ROUGH)):
    print("# statistics: %s" % name)
    for s, lines in plans(stats):
        if ORDERED.search(s) and "USE TEMP B-TREE FOR ORDER BY" in lines:
            print("SORT in %s:\n  %s\n  %s" % (name, s[:300],
                                              "\n  ".join(lines)))
            failed = 1
        for l in lines:
            if not l.startswith("SCAN") or HARMLESS.search(l):
                continue
            what = l.split()[1]
            if any(part in s and what == t for part, t in ALLOWED):
                continue
            print("SCAN in %s:\n  %s\n  %s" % (name, s[:300],
                                              "\n  ".join(lines)))
            failed = 1
sys.exit(failed)
EOF
}

@test "plans: the hot commands' statements search an index, under any statistics" {
	night
	[[ $(wc -l <"$SQL") -ge 25 ]]
	run check_plans
	printf '%s\n' "$output"
	assert_success
}

@test "plans: a run that wrote leaves the planner its statistics (PRAGMA optimize)" {
	log_phone >/dev/null
	run -0 db_value "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'events'"
	[[ $output -ge 1 ]]
	# a run that only reads writes nothing, not even statistics
	sqlite3 "$FQ_DB" "DROP TABLE sqlite_stat1"
	snap=$(db_digest)
	at 2026-11-27T03:06:00+08:00 fq overdue >/dev/null
	assert_equal "$(db_digest)" "$snap"
}

@test "plans: a database upgraded to schema 5 has cases_open, with statistics where the planner keeps them" {
	log_phone >/dev/null
	# schema 4 as it was, with statistics: no cases_open yet
	sqlite3 "$FQ_DB" "DROP INDEX cases_open; ANALYZE;
		DELETE FROM sqlite_stat1 WHERE idx = 'cases_open';
		PRAGMA user_version = 4"
	run -0 fq list
	assert_equal "$(db_value 'PRAGMA user_version')" "$(schema_now)"
	assert_equal "$(db_value "SELECT count(*) FROM sqlite_schema WHERE name = 'cases_open'")" 1
	assert_equal "$(db_value "SELECT count(*) FROM sqlite_stat1 WHERE idx = 'cases_open'")" 1
	run -0 fq verify
	# without statistics, none are made
	sqlite3 "$FQ_DB" "DROP INDEX cases_open; DROP TABLE sqlite_stat1;
		PRAGMA user_version = 4"
	run -0 fq list
	assert_equal "$(db_value "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'")" 0
}
