#!/bin/sh
# tests/bench/fill.sh - an fq database that looks like a real site after a
# year, made fast.
#
#   fill.sh FQ POLICY DB ROWS NOW RECHAIN    a new database of ROWS cases
#   fill.sh --late FQ POLICY DB COUNT NOW    COUNT more late cases in DB
#
# The first form creates DB with `FQ init` (so the schema is exactly
# fq's) and fills it in one sqlite3 transaction from recursive CTEs; the
# second appends COUNT cases logged in the 24 hours before NOW that are
# stuck and late, each with its whole history (run.sh uses it for the
# run at 10,000 late cases).  What the database holds, NOW being the
# moment the benchmarks call "now" (epoch seconds):
#
#   - ROWS cases over the 365 days before NOW, evenly spread, ids in
#     created order; categories, departments, keywords, staff and the
#     escalation ladder read from POLICY (whose calendar must be
#     `always`: the fill counts every limit in wall time).  Owners are
#     any staff; a case routed to the owner's own department is handled
#     by the owner, any other waits to be accepted there.
#   - A history per case, as fq would have written it: logged; the
#     `major` escalation of a major category; transferred (7% of the
#     routed cases, in their first minutes, with a note; the accept
#     clock starts again); accepted; followed (0-2 notes in Chinese);
#     replied (with its deadline, due and late); for callback
#     categories called_back and closed, else closed with the reply;
#     8% settled at first contact (replied and closed as logged); of
#     the others, 2.8% declined (2% signed off and closed later, 0.8%
#     still waiting for the signature), and waits: 6% of the callback
#     cases wait after the reply (`waiting` with an until, `resumed` by
#     fq when the callback comes), 3.5% are waiting now (an until in
#     the next 20 days when logged in the last 30 days, else none).
#     Each step comes after a delay drawn per deadline: 80% well within
#     its limit, 13% past 80% of it, 6% up to twice it, 1% up to three
#     times it.
#   - The escalation ladder as `fq overdue --escalate` run from cron
#     every 2 minutes (on the ticks NOW - 120 s * k) all year would have
#     recorded it: one `escalated` event (actor fq, data {deadline,
#     level, due, to, run_by}) per case, deadline and level reached
#     while the deadline ran, naming everyone the level notifies at that
#     moment, and again every `repeat` for a repeating level; none while
#     a case waits.  Everything owed at NOW is recorded, so
#     `fq overdue --escalate` at NOW fires nothing; one tick later it
#     fires a few hundred (the hourly repeats).  About 1,000,000 such
#     events at 1M cases.
#   - The backlog: of the cases logged in the last 4 days, from 90% of
#     the newest to 30% of the oldest are stuck (not accepted, not
#     replied, or not called back), so about 5% of all cases are open
#     (open, replied, waiting or declined) and several thousand are late
#     at NOW; steps that would come after NOW have not happened yet.
#   - Text in Chinese, varied: summaries from the policy's keywords with
#     a room and a few words ("1203房客人反映空调不制冷" ...), details on
#     one case in ten, guest names, rooms, phone numbers 1[3-9]xxxxxxxxx
#     on a third of the cases, notes, replies, reasons.
#   - Event ids in time order (the hash chain's order), seq in time order
#     within each case.
#
# The whole is deterministic: the same arguments give the same database.
#
# SQL has no SHA-256, so the events are inserted with dummy prev and digest
# values.  That would do for fq log, overdue and report, which never
# verify; but fq import checks every digest and link of what fq export
# wrote, so the fill ends with RECHAIN (rechain.c, linked with fq's own
# library), which replaces the dummies with the real chain in id order.
# `fq verify` passes afterwards.  When this fq has `fq search`, whose
# index fq derives in C, the filled database is then passed through
# `fq export | fq import` into a fresh one, so that fq builds that index
# (and anything else it derives) itself.  --late leaves dummy digests:
# its copy is for fq overdue alone.
#
# The secondary indexes fq's schema defines (read back from sqlite_schema,
# so they are always the schema's own) are dropped before the insert and
# created again after it, which is faster than keeping them up.  The
# database is left in WAL mode with no -wal file, like one fq has closed.
set -eu

usage() {
	echo "usage: fill.sh FQ POLICY DB ROWS NOW RECHAIN" >&2
	echo "       fill.sh --late FQ POLICY DB COUNT NOW" >&2
	exit 64
}

if [ "${1-}" = --late ]; then
	[ $# -eq 6 ] || usage
	mode=late fq=$2 policy=$3 db=$4 count=$5 now=$6 rechain=
else
	[ $# -eq 6 ] || usage
	mode=fill fq=$1 policy=$2 db=$3 count=$4 now=$5 rechain=$6
fi

die() {
	echo "fill.sh: $*" >&2
	exit 1
}

grep -q '^calendar: *always *\(#.*\)\{0,1\}$' "$policy" ||
	die "'$policy': only a policy with 'calendar: always' is supported"

if [ $mode = fill ]; then
	rm -f "$db" "$db-wal" "$db-shm"
	FQ_DB=$db FQ_POLICY=$policy "$fq" init >/dev/null
fi

# ---------------------------------------------------------------- policy

# Seconds of an fq duration ("5m", "1h30m", "2bh"; bh and wd are wall
# hours and days under `always`), or nothing when it is not one.
dur_awk='
function secs(s,   n, t) {
	t = 0
	if (s == "" || s == "null") return "NULL"
	while (match(s, /^[0-9]+(wd|bh|s|m|h|d)/)) {
		n = substr(s, 1, RLENGTH)
		s = substr(s, RLENGTH + 1)
		if (n ~ /wd$/) t += n * 86400
		else if (n ~ /bh$/) t += n * 3600
		else if (n ~ /s$/) t += n
		else if (n ~ /m$/) t += n * 60
		else if (n ~ /h$/) t += n * 3600
		else t += n * 86400
	}
	return s == "" && t > 0 ? t : "BAD"
}
function q(s) { gsub(/\047/, "\047\047", s); return "\047" s "\047" }'

# Categories as fq reads them (defaults applied): id, department, limits,
# callback, major, in the policy's order.
cat_json=$(FQ_POLICY=$policy "$fq" --format json policy show) ||
	die "'$policy': fq policy show failed"
cat_json=$(printf '%s' "$cat_json" | sed "s/'/''/g")
cat_sql=$(sqlite3 -batch -tabs -init /dev/null :memory: "SELECT key,
		value ->> 'category', value ->> 'department',
		coalesce(value ->> 'accept', ''), coalesce(value ->> 'reply', ''),
		coalesce(value ->> 'resolve', ''), value ->> 'callback',
		value ->> 'major' FROM json_each('$cat_json')" |
	awk -F '\t' "$dur_awk"'
	{
		la = secs($4); lr = secs($5); ls = secs($6)
		if (la == "BAD" || lr == "BAD" || ls == "BAD") {
			print "bad duration in category " $2 > "/dev/stderr"
			exit 1
		}
		printf "INSERT INTO b_cat VALUES (%d, %s, %s, %s, %s, %s, %d, %d);\n",
		    $1, q($2), q($3), la, lr, ls, $7, $8
	}') && [ -n "$cat_sql" ] || die "'$policy': cannot read its categories"

# Departments, staff, keywords and the escalation ladder, from the YAML,
# which is regular enough for awk: "  id: {...}" for departments and
# staff, an indented block per category, "  - {at: 80%, ...}" per level.
policy_sql=$(awk "$dur_awk"'
function list(s,   n, i, v, out) {
	sub(/^[^[]*\[ */, "", s); sub(/ *\].*$/, "", s)
	return s
}
/^[^ #][^:]*:/ { sec = $1; sub(/:.*/, "", sec); next }
sec == "departments" && /^  [a-z_]+: *\{/ {
	id = $1; sub(/:$/, "", id)
	printf "INSERT INTO b_dept VALUES (%d, %s);\n", nd++, q(id)
	next
}
sec == "staff" && /^  [a-z_.]+: *\{/ {
	id = $1; sub(/:$/, "", id)
	d = $0; sub(/.*department: */, "", d); sub(/[,}].*/, "", d)
	r = "staff"
	if ($0 ~ /role:/) { r = $0; sub(/.*role: */, "", r); sub(/[,}].*/, "", r) }
	printf "INSERT INTO b_staff VALUES (%d, %s, %s, %s);\n", ns++, q(id), q(d), q(r)
	next
}
sec == "categories" && /^  [a-z_]+: *$/ { cat = $1; sub(/:$/, "", cat); next }
sec == "categories" && /^    keywords:/ { kw = $0; inkw = 1 }
sec == "categories" && inkw {
	if ($0 !~ /^    keywords:/) kw = kw " " $0
	if ($0 ~ /\]/) {
		inkw = 0; s = list(kw); n = split(s, w, /, */)
		for (i = 1; i <= n; i++) {
			gsub(/^ +| +$/, "", w[i]); gsub(/^["\047]|["\047]$/, "", w[i])
			if (w[i] != "")
				printf "INSERT INTO b_kw VALUES (%s, %d, %s);\n", q(cat), i - 1, q(w[i])
		}
	}
	next
}
sec == "escalation" && /^  - *\{/ {
	p = $0; sub(/.*\{ *at: */, "", p); sub(/%.*/, "", p)
	rep = "NULL"
	if ($0 ~ /repeat:/) {
		rep = $0; sub(/.*repeat: */, "", rep); sub(/[,} ].*/, "", rep)
		rep = secs(rep)
		if (rep == "BAD") { print "bad repeat" > "/dev/stderr"; exit 1 }
	}
	printf "INSERT INTO b_lvl VALUES (%d, %d, %s);\n", nl, p, rep
	s = $0; sub(/.*notify: */, "", s); s = list(s); n = split(s, w, /, */)
	for (i = 1; i <= n; i++) {
		gsub(/^ +| +$/, "", w[i])
		printf "INSERT INTO b_word VALUES (%d, %d, %s);\n", nl, i - 1, q(w[i])
	}
	nl++
	next
}' "$policy") || die "'$policy': cannot read it"

# ------------------------------------------------------------ the ranges

# Cases FIRST..LAST; CREATED, the SQL of case i's logging time; LATE 1
# when every case is a stuck, late one (--late).
if [ $mode = fill ]; then
	first=1 last=$count late=0
	created="$now - 31536000 + (i - 1) * 31536000 / $count"
else
	top=$(sqlite3 "$db" 'SELECT coalesce(max(id), 0) FROM cases')
	first=$((top + 1)) last=$((top + count)) late=1
	created="$now - 86400 + (i - $first) * 82800 / $count"
fi

if [ $mode = fill ]; then
	drop=$(sqlite3 "$db" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_schema
		WHERE type = 'index' AND sql IS NOT NULL")
	create=$(sqlite3 "$db" "SELECT sql || ';' FROM sqlite_schema
		WHERE type = 'index' AND sql IS NOT NULL")
else
	drop= create=
fi

# tick(T): the first cron tick (NOW - 120 s * k) at or after T.
tick() {
	echo "(($1) + (($now - ($1)) % 120 + 120) % 120)"
}
# h(N): case i's N-th hash, 24 bits (Knuth's multiplicative hashing, one
# odd multiplier per hash so that the hashes are independent).
h() {
	echo 2654435761 2246822519 3266489917 668265263 374761393 2869860233 \
		1597334677 3812015801 958145791 2057591183 3432918353 461845907 |
		cut -d ' ' -f "$1"
}
hash() {
	echo "(((i * $(h "$1")) % 4294967296) >> 8)"
}
# f(U): a step's delay as a share of its limit, U uniform in [0, 1).
f() {
	echo "(CASE WHEN $1 < 0.80 THEN 0.1 + 0.65 * $1 / 0.80
	  WHEN $1 < 0.93 THEN 0.8 + 0.2 * ($1 - 0.80) / 0.13
	  WHEN $1 < 0.99 THEN 1.0 + ($1 - 0.93) / 0.06
	  ELSE 2.0 + ($1 - 0.99) / 0.01 END)"
}
u() {
	echo "(($(hash "$1") % 100000) / 100000.0)"
}
END_OF_TIME=4000000000000
# A new database is written with no journal; cases added to a copy go
# through its WAL like any other writer's.
if [ $mode = fill ]; then journal=OFF; else journal=WAL; fi

sqlite3 -bail "$db" >/dev/null <<EOF
PRAGMA journal_mode = $journal;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1048576;
PRAGMA temp_store = FILE;
PRAGMA threads = 2;

-- ------------------------------------------------------------- policy
CREATE TEMP TABLE b_cat (k INTEGER PRIMARY KEY, id TEXT, dept TEXT,
  la INTEGER, lr INTEGER, ls INTEGER, callback INTEGER, major INTEGER);
CREATE TEMP TABLE b_dept (k INTEGER PRIMARY KEY, id TEXT);
CREATE TEMP TABLE b_staff (k INTEGER PRIMARY KEY, id TEXT, dept TEXT,
  role TEXT);
CREATE TEMP TABLE b_kw (cat TEXT, j INTEGER, kw TEXT);
CREATE TEMP TABLE b_lvl (n INTEGER PRIMARY KEY, pct INTEGER, rep INTEGER);
CREATE TEMP TABLE b_word (n INTEGER, j INTEGER, word TEXT);
$cat_sql
$policy_sql
CREATE UNIQUE INDEX temp.b_kw_k ON b_kw(cat, j);
CREATE TEMP TABLE b_nkw AS SELECT cat, count(*) AS n FROM b_kw GROUP BY cat;
-- Staff by department, (dept, 0..n-1) -> id, to pick a handler.
CREATE TEMP TABLE b_dstaff AS
  SELECT dept, row_number() OVER (PARTITION BY dept ORDER BY k) - 1 AS j, id
  FROM b_staff;
CREATE UNIQUE INDEX temp.b_dstaff_k ON b_dstaff(dept, j);
CREATE TEMP TABLE b_dn AS SELECT dept, count(*) AS n FROM b_staff GROUP BY dept;
-- Departments with staff, 0..n-1, where a transfer may go.
CREATE TEMP TABLE b_sdept AS
  SELECT row_number() OVER (ORDER BY k) - 1 AS k, id FROM b_dept
  WHERE id IN (SELECT dept FROM b_staff);
-- Who runs fq overdue --escalate from cron: the first manager.
CREATE TEMP TABLE b_cron AS SELECT coalesce(
  (SELECT id FROM b_staff WHERE role = 'manager' ORDER BY k LIMIT 1),
  (SELECT id FROM b_staff ORDER BY k LIMIT 1)) AS id;
-- supervisors_of(dept): its supervisors, else the managers (as JSON).
CREATE TEMP TABLE b_sup AS
  SELECT d.id AS dept, (SELECT json_group_array(id) FROM (SELECT s.id FROM
    b_staff s WHERE CASE WHEN EXISTS (SELECT 1 FROM b_staff x WHERE
    x.role = 'supervisor' AND x.dept = d.id) THEN s.role = 'supervisor' AND
    s.dept = d.id ELSE s.role = 'manager' END ORDER BY s.k)) AS tojson
  FROM b_dept d;
-- Whom each level notifies, by department, handler ('' for none) and
-- owner: each staff member once, in the order of the level's words and
-- then of the policy (lib/overdue.c, recipients()).
CREATE TEMP TABLE b_rc AS
  SELECT l.n, d.id AS dept, coalesce(hd.id, '') AS hk, o.id AS owner,
    s.id AS who, min(w.j * 100000 + s.k) AS ord
  FROM b_lvl l JOIN b_word w ON w.n = l.n CROSS JOIN b_dept d
  JOIN (SELECT NULL AS id, NULL AS dept UNION ALL SELECT id, dept
	FROM b_staff) hd ON hd.id IS NULL OR hd.dept = d.id
  CROSS JOIN b_staff o JOIN b_staff s ON CASE w.word
    WHEN 'holder' THEN CASE WHEN hd.id IS NOT NULL THEN s.id = hd.id
      ELSE s.dept = d.id END
    WHEN 'supervisor' THEN CASE WHEN EXISTS (SELECT 1 FROM b_staff x
      WHERE x.role = 'supervisor' AND x.dept = d.id)
      THEN s.role = 'supervisor' AND s.dept = d.id
      ELSE s.role = 'manager' END
    WHEN 'owner' THEN s.id = o.id
    WHEN 'managers' THEN s.role = 'manager'
    ELSE s.id = w.word END
  GROUP BY 1, 2, 3, 4, 5;
CREATE TEMP TABLE b_rcpt AS
  SELECT n, dept, hk, owner, json_group_array(who) AS tojson
  FROM (SELECT * FROM b_rc ORDER BY n, dept, hk, owner, ord)
  GROUP BY n, dept, hk, owner;
CREATE UNIQUE INDEX temp.b_rcpt_k ON b_rcpt(n, dept, hk, owner);

-- --------------------------------------------------------------- words
-- A summary: room, lead, keyword, what about it (for the keywords that
-- have words here, most of the time), and a clause.
CREATE TEMP TABLE b_lead (k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO b_lead (s) VALUES ('房客人反映'), ('房客人来电说'),
  ('房客人到前台说'), ('房客人打电话：'), ('房住客反映'),
  ('房客人微信留言：'), ('房的客人说'), ('房客人下楼说'),
  ('房客人早上来电：'), ('房客人');
CREATE TEMP TABLE b_phrase (kw TEXT, j INTEGER, s TEXT);
INSERT INTO b_phrase VALUES ('空调', 0, '不制冷'), ('空调', 1, '一直滴水'),
  ('热水', 0, '不热'), ('热水', 1, '出水很小'), ('电视', 0, '没有信号'),
  ('马桶', 0, '冲不下去'), ('门锁', 0, '刷卡打不开'), ('灯', 0, '不亮'),
  ('网络', 0, '连不上'), ('wifi', 0, '连不上'), ('WiFi', 0, '密码不对'),
  ('漏水', 0, '，地毯湿了'), ('毛巾', 0, '要两条'), ('浴巾', 0, '要两条'),
  ('牙刷', 0, '要两支'), ('拖鞋', 0, '要一双'), ('充电器', 0, '借一个'),
  ('吹风机', 0, '借一个'), ('枕头', 0, '加一个'), ('被子', 0, '加一床'),
  ('早餐', 0, '几点开始'), ('夜宵', 0, '送到房间'), ('水果', 0, '送一盘'),
  ('发票', 0, '要开公司抬头'), ('押金', 0, '什么时候退'),
  ('账单', 0, '有一笔不对'), ('手机', 0, '忘在餐厅了'),
  ('钱包', 0, '不见了'), ('身份证', 0, '落在前台了'),
  ('吵', 0, '，隔壁一直在装修'), ('麻将', 0, '机坏了'),
  ('包厢', 0, '订今晚八点');
CREATE TEMP TABLE b_nphrase AS SELECT kw, count(*) AS n FROM b_phrase
  GROUP BY kw;
CREATE TEMP TABLE b_tail (k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO b_tail (s) VALUES (''), (''), (''), (''), ('，请尽快处理'),
  ('，今晚要用'), ('，明早退房前要'), ('，等了半小时还没人来'),
  ('，孩子在房间'), ('，客人很着急'), ('，第二次来电'), ('，客人是会员');
CREATE TEMP TABLE b_detail (k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO b_detail (s) VALUES
  ('客人说明天一早要用，麻烦把{kw}的事今晚办好。'),
  ('客人是会员，上次住店也说过{kw}的事。'),
  ('客人下午三点以后在房间，之前请不要打扰。'),
  ('客人只会说英语，请会英语的同事去。');
CREATE TEMP TABLE b_sur (k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO b_sur (s) VALUES ('王'), ('李'), ('张'), ('刘'), ('陈'), ('杨'),
  ('黄'), ('赵'), ('吴'), ('周'), ('徐'), ('孙'), ('马'), ('朱'), ('胡'),
  ('郭'), ('何'), ('林'), ('高'), ('罗');
CREATE TEMP TABLE b_given (k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO b_given (s) VALUES ('先生'), ('女士'), ('先生'), ('女士'),
  ('伟'), ('芳'), ('娜'), ('敏'), ('静'), ('强'), ('磊'), ('洋'), ('艳'),
  ('军'), ('小红'), ('建国');
CREATE TEMP TABLE b_note (k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO b_note (s) VALUES ('已电话联系客人，客人在房间'),
  ('已派人去{room}房查看'), ('客人不在房间，稍后再去'),
  ('{kw}的事已告诉当班主管'), ('仓库里暂时没有，正在借'),
  ('已和客人确认时间，晚上八点以后'), ('同事说上一班已经处理过一次'),
  ('客人又来电催了一次'), ('需要等配件，已向供应商下单'),
  ('已请保安陪同进房');
CREATE TEMP TABLE b_reply (k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO b_reply (s) VALUES ('{kw}的事已处理好，客人确认'),
  ('已送到{room}房'), ('已上门处理，客人满意'), ('已告知客人处理结果'),
  ('已安排同事半小时内送到'), ('已当面向客人说明并致歉'),
  ('已处理，{kw}恢复正常'), ('已电话答复客人');
CREATE TEMP TABLE b_callback (k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO b_callback (s) VALUES ('客人表示满意'), ('客人说已经好了，谢谢'),
  ('回访客人，没有其他问题'), ('客人退房前确认满意');
CREATE TEMP TABLE b_wait (k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO b_wait (s) VALUES ('客人外出，晚上再处理'),
  ('客人要求明早再处理'), ('等配件到货'), ('客人要等家人回来再决定');
CREATE TEMP TABLE b_decline (k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO b_decline (s) VALUES ('{kw}已全部借出'), ('超出酒店服务范围'),
  ('客人要求的时间已过，无法安排'), ('按酒店规定不能提供');
CREATE TEMP TABLE b_transfer (k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO b_transfer (s) VALUES ('不是我们部门的事，请转'),
  ('我们这里没有，请他们帮忙'), ('客人要的在他们那里'),
  ('转错了，应该由他们处理');

-- ---------------------------------------------------------------- plan
-- Each case: its choices, by hash.
CREATE TEMP TABLE b_c1 AS
WITH RECURSIVE n(i) AS (
  SELECT $first UNION ALL SELECT i + 1 FROM n WHERE i < $last
)
SELECT i, $created AS c0,
  $(hash 1) AS h1, $(hash 2) AS h2, $(hash 3) AS h3, $(hash 4) AS h4,
  $(hash 5) AS h5, $(hash 6) AS h6,
  $(f "$(u 7)") AS fa, $(f "$(u 8)") AS fr, $(f "$(u 9)") AS fs,
  $(hash 10) AS h10, $(hash 11) AS h11, $(hash 12) AS h12
FROM n;

CREATE TEMP TABLE b_c2 AS
SELECT c.*, $now - c.c0 AS age,
  k.id AS category, k.dept AS dept0, k.la, k.lr, k.ls, k.callback, k.major,
  o.id AS owner, o.dept AS odept,
  NOT $late AND (c.h2 >> 8) % 100 < 8 AS fc,
  CASE WHEN $late THEN 'normal'
    WHEN (c.h2 >> 8) % 100 < 8 THEN 'fc'
    WHEN (c.h3 >> 4) % 1000 < 20 THEN 'decline'
    WHEN (c.h3 >> 4) % 1000 < 28 THEN 'declined'
    WHEN (c.h3 >> 4) % 1000 < 63 THEN 'waitopen'
    WHEN (c.h3 >> 4) % 1000 < 123 AND k.callback THEN 'waitcb'
    ELSE 'normal' END AS fate
FROM b_c1 c
JOIN b_cat k ON k.k = c.h1 % (SELECT count(*) FROM b_cat)
JOIN b_staff o ON o.k = c.h2 % (SELECT count(*) FROM b_staff);

-- Where it goes, who handles it, when each step would come.
CREATE TEMP TABLE b_c3 AS
SELECT c.*,
  NOT c.fc AND c.odept <> c.dept0 AS routed,
  NOT c.fc AND c.odept <> c.dept0 AND c.h4 % 100 < 7 AS tr,
  (SELECT id FROM b_sdept WHERE k = ((c.h4 >> 7) % (SELECT count(*) FROM b_sdept)
    + (c.dept0 = (SELECT id FROM b_sdept WHERE k = (c.h4 >> 7) %
    (SELECT count(*) FROM b_sdept)))) % (SELECT count(*) FROM b_sdept)) AS dept1,
  -- A transfer comes before any level of the reply or resolve clock.
  c.c0 + 15 + (c.h5 >> 10) % max(1, (SELECT min(pct) FROM b_lvl) *
    min(coalesce(c.lr, 86400), coalesce(c.ls, 86400)) / 100 - 30) AS tr_at
FROM b_c2 c;

CREATE TEMP TABLE b_c4 AS
SELECT c.*,
  CASE WHEN c.fc THEN c.odept WHEN c.tr THEN c.dept1 ELSE c.dept0 END AS dept,
  CASE WHEN c.tr THEN c.tr_at ELSE c.c0 END AS sa
FROM b_c3 c;

CREATE TEMP TABLE b_c5 AS
SELECT c.*,
  CASE WHEN NOT c.routed THEN c.owner ELSE (SELECT id FROM b_dstaff s
    WHERE s.dept = c.dept AND s.j = c.h5 % (SELECT n FROM b_dn
    WHERE b_dn.dept = c.dept)) END AS handler,
  CASE WHEN c.routed THEN c.sa + CASE WHEN c.la IS NULL THEN 60 + c.h6 % 300
    ELSE max(5, CAST(c.la * c.fa AS INTEGER)) END END AS acc_at
FROM b_c4 c;

CREATE TEMP TABLE b_c6 AS
SELECT c.*,
  CASE WHEN c.fc THEN c.c0 ELSE max(c.c0 + coalesce(CAST(c.lr * c.fr AS
    INTEGER), 600), coalesce(c.acc_at, c.c0) + 20) END AS r_at,
  CASE WHEN c.fate IN ('normal', 'waitcb', 'decline', 'declined')
    AND (c.h6 >> 9) % 10 < 4 THEN 1 + (c.h6 >> 13) % 2 ELSE 0 END AS nn
FROM b_c5 c;

CREATE TEMP TABLE b_c7 AS
SELECT c.*,
  CASE WHEN c.fate = 'waitcb' THEN c.r_at + 60 + c.h10 % 600
    WHEN c.fate = 'waitopen' THEN CASE WHEN c.callback AND c.h10 % 2
      THEN c.r_at ELSE coalesce(c.acc_at, c.c0) END + 60 + (c.h10 >> 1) % 1200
    END AS ws,
  CASE WHEN c.fate = 'waitopen' AND c.callback AND c.h10 % 2 THEN 1
    WHEN c.fate = 'waitopen' THEN 0 ELSE 1 END AS will_reply
FROM b_c6 c;

CREATE TEMP TABLE b_c8 AS
SELECT c.*,
  CASE WHEN c.fate = 'waitcb' THEN c.ws + 3600 * (1 + (c.h10 >> 10) % 12)
    WHEN c.fate = 'waitopen' AND c.c0 > $now - 30 * 86400
    THEN $now + 86400 * (1 + (c.h10 >> 10) % 20) END AS until
FROM b_c7 c;

CREATE TEMP TABLE b_c9 AS
SELECT c.*,
  CASE WHEN c.callback AND c.fate IN ('normal', 'waitcb') THEN
    max(c.c0 + coalesce(CAST(c.ls * c.fs AS INTEGER), 3600),
      coalesce(c.until, c.r_at) + 60 + (c.h11 >> 8) %
      max(60, coalesce(c.ls, 3600) / 4)) END AS cb_at,
  CASE WHEN c.fate = 'decline' THEN c.r_at + 600 + (c.h11 >> 4) % 172800
    END AS sign_at,
  -- Stuck in the backlog: nothing happens from this moment on.
  CASE WHEN c.fate IN ('normal', 'waitcb') AND NOT c.fc AND
    ($late OR (c.age < 345600 AND c.h12 % 1000 <
      900 - 600 * c.age / 345600)) THEN
    CASE (c.h12 >> 10) % (3 - $late)
      WHEN 0 THEN coalesce(c.acc_at, c.r_at)
      WHEN 1 THEN c.r_at
      ELSE CASE WHEN c.callback THEN c.r_at + 1 ELSE c.r_at END END
  END AS stuck
FROM b_c8 c;

-- What has happened by NOW: a step is there when it came before both
-- NOW and the moment its case got stuck.
CREATE TEMP TABLE b_case AS
SELECT c.*,
  coalesce(c.tr AND c.tr_at < c.hz, 0) AS p_tr,
  coalesce(c.routed AND c.acc_at < c.hz, 0) AS p_acc,
  coalesce(c.fate NOT IN ('decline', 'declined') AND c.will_reply
    AND c.r_at < c.hz, 0) AS p_rep,
  coalesce(c.fate IN ('decline', 'declined') AND c.r_at < c.hz, 0) AS p_dec,
  coalesce(c.ws < c.hz, 0) AS p_ws,
  coalesce(c.cb_at < c.hz, 0) AS p_cb,
  coalesce(c.sign_at < c.hz, 0) AS p_sign,
  -- The notes, evenly between acceptance (or logging) and the reply.
  CASE WHEN c.nn >= 1 THEN coalesce(c.acc_at, c.c0) + (c.r_at -
    coalesce(c.acc_at, c.c0)) / 3 END AS n1_at,
  CASE WHEN c.nn >= 2 THEN coalesce(c.acc_at, c.c0) + (c.r_at -
    coalesce(c.acc_at, c.c0)) * 2 / 3 END AS n2_at
FROM (SELECT *, min($now, coalesce(stuck, $now)) AS hz FROM b_c9) c;

CREATE TEMP TABLE b_case2 AS
SELECT c.*,
  CASE WHEN c.fc THEN c.odept WHEN c.p_tr THEN c.dept1 ELSE c.dept0 END
    AS dnow,
  coalesce(c.n1_at < c.hz, 0) AS p_n1, coalesce(c.n2_at < c.hz, 0) AS p_n2,
  CASE WHEN c.fc THEN 1 WHEN c.fate = 'decline' THEN c.p_sign
    WHEN c.callback THEN c.p_cb ELSE c.p_rep END AS p_close,
  CASE WHEN c.fc THEN c.c0 WHEN c.fate = 'decline' THEN c.sign_at
    WHEN c.callback THEN c.cb_at ELSE c.r_at END AS close_at,
  (SELECT kw FROM b_kw WHERE b_kw.cat = c.category AND b_kw.j =
    (c.h11 >> 12) % (SELECT n FROM b_nkw WHERE b_nkw.cat = c.category))
    AS kw,
  printf('%d%02d', 2 + (c.h4 >> 14) % 24, 1 + (c.h5 >> 4) % 40) AS room
FROM b_case c;
CREATE INDEX temp.b_case2_i ON b_case2(i);
DROP TABLE b_c1; DROP TABLE b_c2; DROP TABLE b_c3; DROP TABLE b_c4;
DROP TABLE b_c5; DROP TABLE b_c6; DROP TABLE b_c7; DROP TABLE b_c8;
DROP TABLE b_c9; DROP TABLE b_case;

-- The case rows, as they stand at NOW.
CREATE TEMP TABLE b_row AS
SELECT c.i AS id,
  c.room || (SELECT s FROM b_lead WHERE k = 1 + c.h6 % 10) || coalesce(c.kw,
    '') || coalesce(CASE WHEN (c.h10 >> 16) % 10 < 7 THEN (SELECT s FROM
    b_phrase p WHERE p.kw = c.kw AND p.j = (c.h10 >> 20) % (SELECT n FROM
    b_nphrase q WHERE q.kw = c.kw)) END, '') || (SELECT s FROM b_tail
    WHERE k = 1 + (c.h6 >> 5) % 12) AS summary,
  CASE WHEN (c.h6 >> 10) % 10 = 0 THEN replace((SELECT s FROM b_detail
    WHERE k = 1 + (c.h6 >> 14) % 4), '{kw}', coalesce(c.kw, '')) END AS details,
  CASE WHEN (c.h1 >> 6) % 10 < 7 THEN (SELECT s FROM b_sur WHERE k = 1 +
    (c.h1 >> 10) % 20) || (SELECT s FROM b_given WHERE k = 1 +
    (c.h1 >> 15) % 16) END AS guest_name,
  c.room,
  CASE WHEN (c.h3 >> 14) % 3 = 0 THEN '1' || (3 + c.h2 % 7) ||
    printf('%09d', (c.h12 * 2654435761 + c.h11) % 1000000000) END AS phone,
  CASE (c.h4 >> 20) % 8 WHEN 0 THEN 'phone' WHEN 1 THEN 'phone'
    WHEN 2 THEN 'online' WHEN 3 THEN 'letter' ELSE 'desk' END AS via,
  c.category, c.dnow AS department,
  CASE WHEN NOT c.routed OR c.p_acc THEN c.handler END AS handler,
  c.owner,
  CASE WHEN c.p_close THEN 'closed' WHEN c.p_dec THEN 'declined'
    WHEN c.p_rep AND c.callback THEN 'replied' ELSE 'open' END AS status,
  c.major, c.fc AS first_contact,
  CASE WHEN c.p_ws AND NOT c.p_close THEN c.ws END AS waiting_since,
  CASE WHEN c.p_ws AND NOT c.p_close THEN c.until END AS waiting_until,
  c.c0 AS created_at,
  max(c.c0, CASE WHEN c.p_tr THEN c.tr_at ELSE 0 END,
    CASE WHEN c.p_acc THEN c.acc_at ELSE 0 END,
    CASE WHEN c.p_n1 THEN c.n1_at ELSE 0 END,
    CASE WHEN c.p_n2 THEN c.n2_at ELSE 0 END,
    CASE WHEN c.p_rep OR c.p_dec THEN c.r_at ELSE 0 END,
    CASE WHEN c.p_ws THEN c.ws ELSE 0 END,
    CASE WHEN c.p_close THEN c.close_at ELSE 0 END) AS updated_at,
  CASE WHEN c.p_close THEN c.close_at END AS closed_at,
  CASE WHEN c.routed AND NOT c.p_acc AND NOT c.p_close AND NOT c.p_dec
    THEN CASE WHEN c.p_tr THEN c.tr_at ELSE c.c0 END + c.la END AS due_accept,
  CASE WHEN NOT c.p_rep AND NOT c.p_dec AND NOT c.p_close
    THEN c.c0 + c.lr END AS due_reply,
  CASE WHEN NOT c.p_dec AND NOT c.p_close THEN c.c0 + c.ls END AS due_resolve,
  c.p_ws AND NOT c.p_close AS waiting
FROM b_case2 c;

INSERT INTO cases (id, summary, details, guest_name, room, phone, via,
  category, department, handler, owner, status, major, first_contact,
  waiting_since, waiting_until, created_at, updated_at, closed_at,
  due_accept, due_reply, due_resolve, next_due)
SELECT id, summary, details, guest_name, room, phone, via, category,
  department, handler, owner, status, major, first_contact, waiting_since,
  waiting_until, created_at, updated_at, closed_at, due_accept, due_reply,
  due_resolve,
  CASE WHEN waiting THEN waiting_until
    ELSE nullif(min(coalesce(due_accept, $END_OF_TIME), coalesce(due_reply,
      $END_OF_TIME), coalesce(due_resolve, $END_OF_TIME)), $END_OF_TIME) END
FROM b_row ORDER BY id;

-- ------------------------------------------------------------ the ladder
-- The clocks each case ran: accept (before and after a transfer), reply
-- and resolve; when each stopped (NULL: running at NOW); the pause of a
-- wait; and whose they were.  Department and handler are those of each
-- firing's moment: a transfer comes before the reply and resolve clocks
-- reach any level, an acceptance sets the handler from then on.
CREATE TEMP TABLE b_seg (case_id INTEGER, k INTEGER, s INTEGER, lim INTEGER,
  stop INTEGER, ws INTEGER, we INTEGER, dept TEXT, acc INTEGER,
  handler TEXT, owner TEXT);
INSERT INTO b_seg
SELECT i, 0, c0, la, CASE WHEN p_tr THEN tr_at WHEN p_acc THEN acc_at END,
  NULL, NULL, dept0, NULL, NULL, owner
FROM b_case2 WHERE routed AND la IS NOT NULL;
INSERT INTO b_seg
SELECT i, 0, tr_at, la, CASE WHEN p_acc THEN acc_at END,
  NULL, NULL, dept, NULL, NULL, owner
FROM b_case2 WHERE routed AND p_tr AND la IS NOT NULL;
INSERT INTO b_seg
SELECT i, 1, c0, lr, CASE WHEN p_rep OR p_dec THEN r_at END,
  CASE WHEN p_ws THEN ws END, CASE WHEN p_ws THEN until END, dnow,
  CASE WHEN NOT routed THEN c0 WHEN p_acc THEN acc_at END, handler, owner
FROM b_case2 WHERE NOT fc AND lr IS NOT NULL;
INSERT INTO b_seg
SELECT i, 2, c0, ls, CASE WHEN p_dec THEN r_at WHEN p_close THEN close_at END,
  CASE WHEN p_ws THEN ws END, CASE WHEN p_ws THEN until END, dnow,
  CASE WHEN NOT routed THEN c0 WHEN p_acc THEN acc_at END, handler, owner
FROM b_case2 WHERE NOT fc AND ls IS NOT NULL;

-- Each level a clock reached: the first tick it was owed on (after the
-- pause when it fell in one), then every repeat, while the clock ran
-- and up to NOW.
CREATE TEMP TABLE b_fire AS
WITH RECURSIVE lv AS (
  SELECT g.*, l.n, l.rep, g.s + (l.pct * g.lim + 99) / 100 AS base
  FROM b_seg g CROSS JOIN b_lvl l
), t0 AS (
  SELECT *, CASE
    WHEN ws IS NULL OR base <= ws THEN CASE
      WHEN ws IS NULL OR $(tick base) < ws THEN $(tick base)
      WHEN we IS NULL THEN NULL ELSE $(tick we) END
    WHEN we IS NULL THEN NULL ELSE $(tick "base + we - ws") END AS t
  FROM lv
), ch(case_id, k, n, rep, stop, ws, we, s, lim, dept, acc, handler, owner,
      t) AS (
  SELECT case_id, k, n, rep, stop, ws, we, s, lim, dept, acc, handler,
    owner, t FROM t0
  WHERE t IS NOT NULL AND t < coalesce(stop, $END_OF_TIME) AND t <= $now
  UNION ALL
  SELECT case_id, k, n, rep, stop, ws, we, s, lim, dept, acc, handler, owner,
    CASE WHEN ws IS NOT NULL AND $(tick "t + rep") >= ws AND
      $(tick "t + rep") < coalesce(we, $END_OF_TIME)
      THEN $(tick we) ELSE $(tick "t + rep") END
  FROM ch
  WHERE rep IS NOT NULL AND CASE WHEN ws IS NOT NULL AND
      $(tick "t + rep") >= ws AND $(tick "t + rep") < coalesce(we, $END_OF_TIME)
      THEN $(tick we) ELSE $(tick "t + rep") END
    < min(coalesce(stop, $END_OF_TIME), $now + 1)
)
SELECT case_id, k, n, t, s + lim + CASE WHEN ws IS NOT NULL AND we IS NOT NULL
    AND t >= we THEN we - ws ELSE 0 END AS due,
  dept, CASE WHEN acc IS NOT NULL AND t >= acc THEN handler ELSE '' END AS hk,
  owner
FROM ch;

-- ------------------------------------------------------------- events
$drop

BEGIN;
-- Every event: (case, at, order within the second, actor, kind, data);
-- seq in time order within each case, ids in time order over all.
INSERT INTO events (case_id, seq, at, actor, kind, data, prev, digest)
SELECT case_id, seq, at, actor, kind, data, printf('%064d', 0),
  printf('%064d', 0)
FROM (SELECT *, row_number() OVER (PARTITION BY case_id ORDER BY at, ord)
    AS seq FROM (
SELECT c.i AS case_id, c.c0 AS at, 0 AS ord, c.owner AS actor,
  'logged' AS kind,
  json_patch(json_object('summary', r.summary, 'details', r.details,
    'guest_name', r.guest_name, 'room', r.room, 'phone', r.phone,
    'via', r.via, 'category', c.category, 'keyword', c.kw,
    'department', CASE WHEN c.fc THEN c.odept ELSE c.dept0 END,
    'handler', CASE WHEN c.routed THEN NULL ELSE c.owner END,
    'major', json(CASE WHEN c.major THEN 'true' ELSE 'false' END)),
    json_object('accept_due_at', CASE WHEN c.routed THEN c.c0 + c.la END,
      'reply_due_at', c.c0 + c.lr, 'resolve_due_at', c.c0 + c.ls)) AS data
FROM b_case2 c JOIN b_row r ON r.id = c.i
UNION ALL
SELECT i, c0, 100, owner, 'escalated',
  json_object('text', 'major case: escalated as it was logged',
    'to', json(s.tojson), 'level', 'major')
FROM b_case2 c JOIN b_sup s ON s.dept = CASE WHEN c.fc THEN c.odept
  ELSE c.dept0 END
WHERE c.major
UNION ALL
SELECT i, tr_at, 200, (SELECT id FROM b_dstaff s WHERE s.dept = c.dept0
    AND s.j = (c.h6 >> 3) % (SELECT n FROM b_dn WHERE b_dn.dept = c.dept0)),
  'transferred', json_patch(json_object('text',
    (SELECT s FROM b_transfer WHERE k = 1 + (c.h10 >> 4) % 4),
    'from_department', c.dept0, 'from_handler', NULL, 'department', c.dnow,
    'handler', NULL), json_object('accept_due_at', c.tr_at + c.la))
FROM b_case2 c WHERE p_tr
UNION ALL
SELECT i, acc_at, 300, handler, 'accepted',
  json_patch(json_object('department', dnow, 'handler', handler,
    'from_handler', NULL), json_object('due', sa + la))
FROM b_case2 WHERE p_acc
UNION ALL
SELECT c.i, CASE j.j WHEN 1 THEN c.n1_at ELSE c.n2_at END, 400 + j.j,
  c.handler, 'followed',
  json_object('text', replace(replace((SELECT s FROM b_note WHERE k = 1 +
    (c.h11 + 7 * j.j) % 10), '{kw}', coalesce(c.kw, '')), '{room}', c.room))
FROM b_case2 c JOIN (SELECT 1 AS j UNION ALL SELECT 2) j
  ON CASE j.j WHEN 1 THEN c.p_n1 ELSE c.p_n2 END
UNION ALL
SELECT i, r_at, 1000, CASE WHEN fc THEN owner ELSE handler END, 'replied',
  CASE WHEN fc THEN json_object('text', (SELECT replace(replace(s, '{kw}',
      coalesce(kw, '')), '{room}', room) FROM b_reply WHERE k = 1 +
      (h12 >> 4) % 8), 'by', CASE (h4 >> 20) % 8 WHEN 0 THEN 'phone'
      WHEN 1 THEN 'phone' WHEN 4 THEN 'in-person' WHEN 5 THEN 'in-person'
      WHEN 6 THEN 'in-person' WHEN 7 THEN 'in-person' ELSE 'other' END)
  ELSE json_object('text', (SELECT replace(replace(s, '{kw}',
      coalesce(kw, '')), '{room}', room) FROM b_reply WHERE k = 1 +
      (h12 >> 4) % 8), 'by', CASE (h4 >> 20) % 8 WHEN 0 THEN 'phone'
      WHEN 1 THEN 'phone' WHEN 4 THEN 'in-person' WHEN 5 THEN 'in-person'
      WHEN 6 THEN 'in-person' WHEN 7 THEN 'in-person' ELSE 'other' END,
    'deadline', 'reply', 'due', c0 + lr,
    'late', json(CASE WHEN r_at > c0 + lr THEN 'true' ELSE 'false' END)) END
FROM b_case2 WHERE p_rep OR fc
UNION ALL
SELECT i, r_at, 1100, CASE WHEN fc THEN owner ELSE handler END, 'closed', '{}'
FROM b_case2 WHERE (fc OR NOT callback) AND p_close AND fate <> 'decline'
UNION ALL
SELECT i, ws, 1200, handler, 'waiting', json_patch(json_object('reason',
  (SELECT s FROM b_wait WHERE k = 1 + (h10 >> 6) % 4)),
  json_object('until', until))
FROM b_case2 WHERE p_ws
UNION ALL
SELECT i, cb_at, 1300, 'fq', 'resumed', json_object('until', until,
  'auto', json('true'))
FROM b_case2 WHERE p_ws AND p_cb
UNION ALL
SELECT i, cb_at, 1400, owner, 'called_back', json_object('text',
  (SELECT s FROM b_callback WHERE k = 1 + (h11 >> 6) % 4),
  'satisfied', json('true'))
FROM b_case2 WHERE p_cb
UNION ALL
SELECT i, cb_at, 1500, owner, 'closed', '{}' FROM b_case2 WHERE p_cb
UNION ALL
SELECT i, r_at, 1600, handler, 'declined', json_object('reason',
  (SELECT replace(s, '{kw}', coalesce(kw, '')) FROM b_decline
   WHERE k = 1 + (h11 >> 6) % 4))
FROM b_case2 WHERE p_dec
UNION ALL
SELECT i, sign_at, 1700, s.id, 'signed', json_object('reason',
  (SELECT replace(d.s, '{kw}', coalesce(kw, '')) FROM b_decline d
   WHERE d.k = 1 + (h11 >> 6) % 4))
FROM b_case2 c JOIN b_sup p ON p.dept = c.dnow
  JOIN b_staff s ON s.id = p.tojson ->> '\$[0]'
WHERE p_sign
UNION ALL
SELECT c.i, c.sign_at, 1800, s.id, 'closed', '{}'
FROM b_case2 c JOIN b_sup p ON p.dept = c.dnow
  JOIN b_staff s ON s.id = p.tojson ->> '\$[0]'
WHERE p_sign
UNION ALL
SELECT f.case_id, f.t, 500 + f.k * 10 + f.n, 'fq', 'escalated',
  json_object('deadline', CASE f.k WHEN 0 THEN 'accept' WHEN 1 THEN 'reply'
    ELSE 'resolve' END, 'level', l.pct || '%', 'due', f.due,
    'to', json(r.tojson), 'run_by', (SELECT id FROM b_cron))
FROM b_fire f JOIN b_lvl l ON l.n = f.n
JOIN b_rcpt r ON r.n = f.n AND r.dept = f.dept AND r.hk = f.hk
  AND r.owner = f.owner))
ORDER BY at, case_id, seq;
COMMIT;

$create
EOF

if [ $mode = late ]; then
	exit 0
fi
"$rechain" "$db" >/dev/null
sqlite3 "$db" 'PRAGMA journal_mode = WAL' >/dev/null

# fq derives its search index in C: let fq build it, from an export.
if "$fq" search --help >/dev/null 2>&1; then
	# Only a manager may import.
	user=$(printf '%s\n' "$policy_sql" | sed -n "s/^INSERT INTO b_staff \
VALUES ([0-9]*, '\([^']*\)', '[^']*', 'manager');\$/\1/p" | head -n 1)
	rm -f "$db.import" "$db.import-wal" "$db.import-shm"
	FQ_DB=$db.import FQ_POLICY=$policy "$fq" init >/dev/null
	FQ_DB=$db FQ_POLICY=$policy "$fq" --as "$user" export >"$db.jsonl"
	FQ_DB=$db.import FQ_POLICY=$policy "$fq" --as "$user" \
		import "$db.jsonl" >/dev/null
	sqlite3 "$db.import" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	rm -f "$db" "$db-wal" "$db-shm" "$db.jsonl" "$db.import-wal" \
		"$db.import-shm"
	mv "$db.import" "$db"
fi
