#!/bin/sh
# tests/bench/fill.sh - a large fq database for the benchmarks, made fast.
#
#   fill.sh FQ POLICY DB ROWS NOW RECHAIN
#
# Creates DB with `FQ init` (so the schema is exactly fq's), then fills it
# with ROWS cases in one sqlite3 transaction from a recursive CTE:
#
#   - created_at spread evenly over the 60 days before NOW (epoch seconds),
#     ids in created order;
#   - every 20th case open (5%), the rest closed;
#   - categories, their departments and first keywords, and the staff (as
#     owners and handlers) read from the policy POLICY;
#   - open cases: next_due spread over [NOW - 6000 s, NOW + 194000 s), so
#     about 3% of them (ROWS / 20 * 3%) are late at NOW; a third are still
#     unaccepted (handler NULL, due_accept set);
#   - every case has its `logged` event, and every closed case a `closed`
#     event after it.
#
# SQL has no SHA-256, so the events are inserted with DUMMY prev and digest
# values (printf('%064x', id)).  That would do for fq log, overdue and
# report, which never verify; but fq import checks every digest and link
# of what fq export wrote, so the fill ends with RECHAIN (rechain.c, built
# by run.sh against fq's own lib/events.c), which replaces the dummies
# with the real chain in id order.  `fq verify` passes afterwards.
#
# The secondary indexes fq's schema defines (read back from sqlite_schema,
# so they are always the schema's own) are dropped before the insert and
# created again after it, which is faster than keeping them up.  The
# database is left in WAL mode with no -wal file, like one fq has closed.
set -eu

if [ $# -ne 6 ]; then
	echo "usage: fill.sh FQ POLICY DB ROWS NOW RECHAIN" >&2
	exit 64
fi
fq=$1 policy=$2 db=$3 rows=$4 now=$5 rechain=$6

FQ_DB=$db FQ_POLICY=$policy "$fq" init >/dev/null

# The policy's categories (id, department, first keyword, major) and staff
# (id, department), as SQL rows.  The policy's YAML is regular enough for
# awk: "  id: {... department: D ...}" for staff, and an indented block
# per category.
policy_sql=$(awk '
function q(s) { gsub(/\047/, "\047\047", s); return "\047" s "\047" }
/^[^ #][^:]*:/ { sec = $1; sub(/:.*/, "", sec); next }
sec == "staff" && /^  [a-z_.]+: *\{/ {
	id = $1; sub(/:$/, "", id)
	d = $0; sub(/.*department: */, "", d); sub(/[,}].*/, "", d)
	printf "INSERT INTO b_staff (id, dept) VALUES (%s, %s);\n", q(id), q(d)
	next
}
sec == "categories" && /^  [a-z_]+: *$/ {
	cat = $1; sub(/:$/, "", cat); ncat++; cats[ncat] = cat; next
}
sec == "categories" && /^    department:/ { dept[cat] = $2; next }
sec == "categories" && /^    keywords:/ {
	k = $0; sub(/.*\[ */, "", k); sub(/[,\]].*/, "", k); kw[cat] = k; next
}
sec == "categories" && /^    major: *true/ { major[cat] = 1; next }
END {
	for (i = 1; i <= ncat; i++) {
		c = cats[i]
		printf "INSERT INTO b_cat VALUES (%d, %s, %s, %s, %d);\n", \
		    i - 1, q(c), q(dept[c]), q(kw[c]), major[c] ? 1 : 0
	}
}' "$policy")

drop=$(sqlite3 "$db" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_schema
	WHERE type = 'index' AND sql IS NOT NULL")
create=$(sqlite3 "$db" "SELECT sql || ';' FROM sqlite_schema
	WHERE type = 'index' AND sql IS NOT NULL")

sqlite3 -bail "$db" >/dev/null <<EOF
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -524288;
PRAGMA temp_store = MEMORY;
CREATE TEMP TABLE b_cat (k INTEGER PRIMARY KEY, id TEXT, dept TEXT,
			 kw TEXT, major INTEGER);
CREATE TEMP TABLE b_staff (k INTEGER PRIMARY KEY, id TEXT, dept TEXT);
$policy_sql
UPDATE b_staff SET k = k - 1;
-- Staff by department: (dept, 0..n-1) -> id, to pick a handler.
CREATE TEMP TABLE b_dstaff AS
  SELECT dept, row_number() OVER (PARTITION BY dept ORDER BY k) - 1 AS j, id
  FROM b_staff;
CREATE UNIQUE INDEX temp.b_dstaff_k ON b_dstaff(dept, j);
CREATE TEMP TABLE b_dn AS SELECT dept, count(*) AS n FROM b_staff GROUP BY dept;
CREATE TEMP TABLE b_words (k INTEGER PRIMARY KEY, lead TEXT, tail TEXT);
INSERT INTO b_words VALUES
  (0, '房客人反映', '，请尽快处理'),
  (1, '房客人来电：', '，客人在房间等'),
  (2, '房客人到前台说', '，已致歉'),
  (3, '房王先生：', '，今晚要用'),
  (4, '房李女士反映', '，明早退房前解决'),
  (5, '房客人在大堂问', '');
CREATE TEMP TABLE b_guest (k INTEGER PRIMARY KEY, name TEXT);
INSERT INTO b_guest VALUES (0, '王先生'), (1, '李女士'), (2, '张先生'),
  (3, 'Mr. Smith'), (4, '陈女士'), (5, NULL), (6, '刘先生'), (7, NULL);

$drop

BEGIN;
INSERT INTO cases (id, summary, details, guest_name, room, phone, via,
  category, department, handler, owner, status, major, first_contact,
  created_at, updated_at, closed_at, due_accept, due_reply, due_resolve,
  next_due)
WITH RECURSIVE n(i) AS (
  SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows
), r AS (
  SELECT i,
    i % 20 = 0 AS open,
    $now - 5184000 + (i - 1) * 5184000 / $rows AS created,
    ((i * 2654435761) % 4294967296) >> 8 AS h,
    $now - 6000 + ((i / 20) * 7919) % 200000 AS due,
    printf('%d%02d', 2 + i % 18, 1 + i % 36) AS room
  FROM n
)
SELECT i,
  room || w.lead || c.kw || w.tail,
  CASE WHEN h % 11 = 0 THEN '客人说明天一早要用，麻烦' || c.kw || '的事今晚办好。' END,
  g.name, room,
  CASE WHEN h % 5 = 1 THEN printf('139%08d', h % 100000000) END,
  CASE h % 8 WHEN 0 THEN 'phone' WHEN 1 THEN 'phone' WHEN 2 THEN 'online'
    WHEN 3 THEN 'letter' ELSE 'desk' END,
  c.id, c.dept,
  CASE WHEN open AND (h >> 8) % 3 = 0 THEN NULL
    ELSE (SELECT id FROM b_dstaff s WHERE s.dept = c.dept AND s.j =
	  (h >> 4) % (SELECT n FROM b_dn WHERE b_dn.dept = c.dept)) END,
  o.id,
  CASE WHEN open THEN 'open' ELSE 'closed' END,
  c.major,
  NOT open AND h % 7 = 0,
  created,
  CASE WHEN open THEN created ELSE created + 300 + h % 7200 END,
  CASE WHEN open THEN NULL ELSE created + 300 + h % 7200 END,
  CASE WHEN open AND (h >> 8) % 3 = 0 THEN due END,
  CASE WHEN NOT open THEN NULL WHEN (h >> 8) % 3 = 0 THEN due + 600
    ELSE due END,
  CASE WHEN open THEN due + 7200 END,
  CASE WHEN open THEN due END
FROM r
JOIN b_cat c ON c.k = h % (SELECT count(*) FROM b_cat)
JOIN b_staff o ON o.k = (h >> 12) % (SELECT count(*) FROM b_staff)
JOIN b_words w ON w.k = (h >> 16) % 6
JOIN b_guest g ON g.k = (h >> 20) % 8;

-- The logged event of every case (ids 1..ROWS, in case order), then a
-- closed event for every closed case.  prev and digest are dummies
-- until rechain replaces them.
INSERT INTO events (id, case_id, seq, at, actor, kind, data, prev, digest)
SELECT x.id, x.id, 1, x.created_at, x.owner, 'logged',
  json_object('summary', x.summary, 'details', x.details,
    'guest_name', x.guest_name, 'room', x.room, 'phone', x.phone,
    'via', x.via, 'category', x.category, 'keyword', c.kw,
    'department', x.department, 'handler', x.handler,
    'major', json(CASE x.major WHEN 1 THEN 'true' ELSE 'false' END),
    'reply_due_at', x.created_at + 900,
    'resolve_due_at', x.created_at + 86400),
  printf('%064x', x.id - 1), printf('%064x', x.id)
FROM cases x JOIN b_cat c ON c.id = x.category
ORDER BY x.id;
INSERT INTO events (case_id, seq, at, actor, kind, data, prev, digest)
SELECT id, 2, closed_at, coalesce(handler, owner), 'closed', '{}',
  printf('%064x', $rows + id - 1), printf('%064x', $rows + id)
FROM cases WHERE status = 'closed' ORDER BY id;
COMMIT;

$create
EOF
"$rechain" "$db" >/dev/null
sqlite3 "$db" 'PRAGMA journal_mode = WAL' >/dev/null
