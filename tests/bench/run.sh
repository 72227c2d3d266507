#!/bin/sh
# tests/bench/run.sh - fq's benchmarks, each beside a baseline measured in
# the same run.  `make bench` runs it as:  tests/bench/run.sh ./fq
#
# What it does, in one run:
#   - compiles its helpers (timeit.c, peakrss.c, minimal-insert.c) into a
#     scratch directory under ${TMPDIR:-/tmp}, removed at exit;
#   - makes sure a database of 1,000,000 cases (5% open) exists in the
#     cache, ${FQ_BENCH_CACHE:-${TMPDIR:-/tmp}}/fq-bench-1m-vSCHEMA-KEY.db,
#     building it with fill.sh when missing (about a minute); KEY changes
#     with the schema's SQL and with fill.sh, so a stale cache is never used,
#     and older caches are removed when a new one is built;
#   - copies it into the scratch directory (the cache is never opened by
#     anything that writes) and runs each benchmark function on the copy.
#
# Every benchmark times each command many times with timeit, interleaved
# with its baselines (A B C, B C A, C A B, ...) so that the noise of this
# shared 2-core machine falls on all alike, and prints the median, 10th
# and 90th percentiles.  Every number printed is measured in this run.
# Targets are printed as PASS or MISS; the script exits 0 either way, and
# non-zero only when it cannot run at all.
#
# Adding a benchmark: write a bench_NAME function that checks the commands
# it needs exist (skip with a message when not), times with `measure`,
# prints with `show`/`ratio_line`/`target`, and call it from main.
#
# Environment: FQ_BENCH_ROWS (default 1000000), FQ_BENCH_RUNS (rounds of
# the fq log benchmark, default 400), FQ_BENCH_CACHE (cache directory),
# TMPDIR.
set -eu

# ---------------------------------------------------------------- setup

if [ $# -ne 1 ]; then
	echo "usage: tests/bench/run.sh FQ" >&2
	exit 64
fi
case $1 in
/*) FQ=$1 ;;
*) FQ=$(pwd)/$1 ;;
esac
[ -x "$FQ" ] || { echo "bench: no fq binary at '$1'" >&2; exit 66; }

TOP=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$TOP/tests/bench
POLICY=$TOP/policies/hotel.yaml
TMP=${TMPDIR:-/tmp}
ROWS=${FQ_BENCH_ROWS:-1000000}
LOG_ROUNDS=${FQ_BENCH_RUNS:-400}
CACHE_DIR=${FQ_BENCH_CACHE:-$TMP}
case $ROWS in
1000000) SIZE=1M TAG=1m ;;
*) SIZE=$ROWS TAG=$ROWS ;;
esac

# The moment every benchmark calls "now": the fill spreads its 60 days of
# cases before it and the open cases' deadlines around it.
NOW_ISO=2026-11-27T10:00:00+08:00
NOW=$(date -d "$NOW_ISO" +%s)

START=$(date +%s)
SCRATCH=$(mktemp -d "$TMP/fq-bench.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
trap 'exit 130' INT TERM
BIN=$SCRATCH/bin
DB=$SCRATCH/fq.db
mkdir -p "$BIN" "$SCRATCH/home"
cd "$SCRATCH"	# whatever a tool leaves in its working directory goes too

# fq as the tests run it: fixed clock, zone and locale, the hotel policy,
# no mail, nothing read from or written to the real home directory.
export FQ_DB="$DB" FQ_POLICY="$POLICY" FQ_NOW="$NOW_ISO" FQ_USER=li.na
export TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1 HOME="$SCRATCH/home"
export XDG_DATA_HOME="$SCRATCH/home/data" XDG_CONFIG_HOME="$SCRATCH/home/cfg"
unset FQ_SENDMAIL || true

say() {
	printf '%s\n' "$*"
}

# The helpers, compiled for this run.
build_helpers() {
	for t in timeit peakrss; do
		cc -O2 -std=c11 -Wall -Wextra -o "$BIN/$t" "$BENCH/$t.c"
	done
	cc -O2 -std=c11 -Wall -Wextra -o "$BIN/minimal-insert" \
		"$BENCH/minimal-insert.c" -lsqlite3
	# rechain uses fq's own event_digest(): linked with the library
	# objects `make` built for this fq.
	cc -O2 -std=c11 -Wall -Wextra -D_GNU_SOURCE -I"$TOP/lib" \
		-o "$BIN/rechain" "$BENCH/rechain.c" "$TOP"/build/obj/lib/*.o \
		-lsqlite3 -lyaml -lnettle -lm
}

# ------------------------------------------------------------- measuring

# measure NAME ROUNDS LABEL CMD... [::: LABEL CMD...]...
# Times the commands interleaved; results in $SCRATCH/NAME.tsv (see
# timeit.c), their standard error in $SCRATCH/NAME.err.
measure() {
	name=$1 rounds=$2
	shift 2
	: >"$SCRATCH/$name.err"
	"$BIN/timeit" -n "$rounds" -w 3 -e "$SCRATCH/$name.err" \
		-r "$SCRATCH/$name.raw" "$@" >"$SCRATCH/$name.tsv"
}

# field NAME LABEL COLUMN: one figure of a measured command
# (runs failed median p10 p90 min max maxrss).
field() {
	awk -F '\t' -v l="$2" -v c="$3" '
	BEGIN { split("label runs failed median p10 p90 min max maxrss", n, " ")
		for (i in n) col[n[i]] = i }
	$1 == l { print $(col[c]) }' "$SCRATCH/$1.tsv"
}

# Prints the column heads of a table of timings.
heads() {
	printf '  %-34s %9s %9s %9s\n' "wall time, ms" median p10 p90
}

# show NAME LABEL [NOTE]: one line of a table of timings.
show() {
	runs=$(field "$1" "$2" runs)
	nfail=$(field "$1" "$2" failed)
	printf '  %-34s %9.2f %9.2f %9.2f%s\n' "$2" \
		"$(field "$1" "$2" median)" "$(field "$1" "$2" p10)" \
		"$(field "$1" "$2" p90)" "${3:+  $3}"
	if [ "$nfail" != 0 ]; then
		say "    ($nfail of $runs runs FAILED; their stderr:)"
		sort "$SCRATCH/$1.err" | uniq -c | head -n 5 | sed 's/^/    /'
	fi
}

# median NAME LABEL
median() {
	field "$1" "$2" median
}

# ratio A B: A / B to two places.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}

# target VALUE OP LIMIT: PASS or MISS (OP is <, <=).
target() {
	awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
		ok = op == "<" ? v < t : v <= t
		print (ok ? "PASS" : "MISS") }'
}

# failed NAME LABEL: true when any run of the command failed.
failed() {
	[ "$(field "$1" "$2" failed)" != 0 ]
}

# try LABEL CMD...: runs a command once, output discarded; on failure says
# so with its standard error and returns 1.
try() {
	label=$1
	shift
	if ! "$@" >/dev/null 2>"$SCRATCH/try.err"; then
		say "  $label: fails, so not measured:"
		sed 's/^/    /' "$SCRATCH/try.err" | head -n 5
		return 1
	fi
}

# once_ms CMD...: wall time of one run, in ms (to size the loops).
once_ms() {
	"$BIN/timeit" -n 1 -w 0 once "$@" | cut -f 4
}

# rounds BUDGET_MS MIN MAX MS...: how many rounds of commands taking
# MS... each fit in the budget, between MIN and MAX.
rounds() {
	budget=$1 lo=$2 hi=$3
	shift 3
	awk -v b="$budget" -v lo="$lo" -v hi="$hi" -v ms="$*" 'BEGIN {
		n = split(ms, m, " "); s = 0
		for (i = 1; i <= n; i++) s += m[i]
		r = (s > 0 ? int(b / s) : hi)
		print (r < lo ? lo : (r > hi ? hi : r)) }'
}

# Peak resident set size of one run of CMD..., in KiB: GNU time's %M when
# it is installed, else peakrss (both report wait4's ru_maxrss).  The
# largest of 5 runs.
if /usr/bin/time --version 2>&1 | grep -q GNU; then
	RSS_TOOL="GNU time %M"
else
	RSS_TOOL="peakrss"
fi
peak_rss() {
	max=0
	for _ in 1 2 3 4 5; do
		if [ "$RSS_TOOL" = peakrss ]; then
			kib=$("$BIN/peakrss" "$@" 2>/dev/null) || kib=0
		else
			/usr/bin/time -f %M -o "$SCRATCH/rss" "$@" \
				>/dev/null 2>&1 || true
			kib=$(tail -n 1 "$SCRATCH/rss")
		fi
		[ "$kib" -gt "$max" ] && max=$kib
	done
	echo "$max"
}

# mib KIB: KiB as MiB to two places.
mib() {
	awk -v k="$1" 'BEGIN { printf "%.2f", k / 1024 }'
}

# -------------------------------------------------------------- database

# The cached database, built when missing; prints its path.
cached_db() {
	FQ_DB=$SCRATCH/schema.db "$FQ" init >/dev/null
	version=$(sqlite3 "$SCRATCH/schema.db" 'PRAGMA user_version')
	key=$({ sqlite3 "$SCRATCH/schema.db" \
		'SELECT sql FROM sqlite_schema ORDER BY name'
		cat "$BENCH/fill.sh" "$BENCH/rechain.c" "$TOP/lib/events.c"
		echo "$ROWS $NOW"; } | cksum | cut -d ' ' -f 1)
	rm -f "$SCRATCH"/schema.db*
	base=fq-bench-$TAG-v$version
	cache=$CACHE_DIR/$base-$key.db
	if [ -f "$cache" ]; then
		CACHE_STATE="cached"
	else
		say "building $cache (once; about a minute) ..." 
		t0=$(date +%s)
		rm -f "$cache.$$" "$cache.$$"-*
		"$BENCH/fill.sh" "$FQ" "$POLICY" "$cache.$$" "$ROWS" "$NOW" \
			"$BIN/rechain"
		mv "$cache.$$" "$cache"
		CACHE_STATE="built in $(($(date +%s) - t0)) s"
		for old in "$CACHE_DIR/$base"-*.db "$CACHE_DIR"/fq-bench-$TAG-v*.db
		do
			[ -f "$old" ] && [ "$old" != "$cache" ] && rm -f "$old"
		done
	fi
	CACHE=$cache
}

# ------------------------------------------------------------ benchmarks

# fq log: one case, against the least a C program must do, and against
# the sqlite3 shell.  Diagnostics beside them say where fq's time goes:
# start-up alone, the policy alone, and fq log with a one-department
# policy.
bench_log() {
	summary="1203房客人要一瓶胶水和两条毛巾"
	data='{"summary":"1203房客人要一瓶胶水和两条毛巾","details":null,"guest_name":"王先生","room":"1203","phone":null,"via":"desk","category":"item_request","keyword":"胶水","department":"housekeeping","handler":"li.na","major":false,"reply_due_at":1795744980,"resolve_due_at":1795745400}'
	zero=0000000000000000000000000000000000000000000000000000000000000000
	cli_sql="PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
INSERT INTO cases (summary, room, guest_name, via, category, department,
  handler, owner, status, created_at, updated_at, due_reply, due_resolve,
  next_due) VALUES ('$summary', '1203', '王先生', 'desk', 'item_request',
  'housekeeping', 'li.na', 'li.na', 'open', $NOW, $NOW, $NOW + 180,
  $NOW + 600, $NOW + 180);
INSERT INTO events (case_id, seq, at, actor, kind, data, prev, digest)
  VALUES (last_insert_rowid(), 1, $NOW, 'li.na', 'logged', '$data',
  '$zero', '$zero');
COMMIT;"
	cat >"$SCRATCH/tiny.yaml" <<'EOF'
version: 1
organization: 小旅馆
timezone: Asia/Shanghai
calendar: always
departments:
  housekeeping: {name: 房务中心}
staff:
  li.na: {name: 李娜, department: housekeeping, role: staff}
defaults:
  reply_within: 3m
  resolve_within: 10m
categories:
  item_request:
    name: 物品需求
    department: housekeeping
    keywords: [胶水]
    reply_within: 3m
    resolve_within: 10m
default_category: item_request
EOF
	set -- "$FQ" --as li.na log "$summary" --room 1203 --guest 王先生
	try "fq log" "$@" || return 0
	try "minimal-insert" "$BIN/minimal-insert" "$DB" "$NOW" || return 0
	try "sqlite3 insert" sqlite3 -batch -bail -init /dev/null "$DB" \
		"$cli_sql" || return 0

	say ""
	say "== fq log: one case into the $SIZE database ($LOG_ROUNDS rounds, interleaved)"
	measure log "$LOG_ROUNDS" \
		"fq log" "$@" ::: \
		"minimal C insert" "$BIN/minimal-insert" "$DB" "$NOW" ::: \
		"sqlite3 CLI insert" sqlite3 -batch -bail -init /dev/null \
			"$DB" "$cli_sql" ::: \
		"fq --version (start-up only)" "$FQ" --version ::: \
		"fq route (policy, no database)" "$FQ" --as li.na route \
			"$summary" ::: \
		"fq log, 1-department policy" env FQ_POLICY="$SCRATCH/tiny.yaml" \
			"$@"
	heads
	show log "fq log"
	show log "minimal C insert"
	show log "sqlite3 CLI insert"
	say "  where fq log's time goes:"
	show log "fq --version (start-up only)"
	show log "fq route (policy, no database)"
	show log "fq log, 1-department policy"
	fq_ms=$(median log "fq log")
	min_ms=$(median log "minimal C insert")
	cli_ms=$(median log "sqlite3 CLI insert")
	r=$(ratio "$fq_ms" "$min_ms")
	verdict=$(target "$r" "<=" 1.25)
	failed log "fq log" && verdict="MISS (runs failed)"
	say "  fq/minimal  $r   target <= 1.25   $verdict"
	say "  fq/sqlite3  $(ratio "$fq_ms" "$cli_ms")"

	rss=$(peak_rss "$@")
	rss_min=$(peak_rss "$BIN/minimal-insert" "$DB" "$NOW")
	rss_cli=$(peak_rss sqlite3 -batch -bail -init /dev/null "$DB" "$cli_sql")
	say "  peak RSS ($RSS_TOOL, largest of 5 runs):"
	say "    fq log $rss KiB = $(mib "$rss") MiB   target < 8 MiB   $(target "$rss" "<" 8192)"
	say "    minimal C insert $(mib "$rss_min") MiB, sqlite3 CLI insert $(mib "$rss_cli") MiB"
}

# The SELECT behind `fq overdue`, read from lib/cases.c
# (cases_due_before), with the horizon as a literal and no filters.
overdue_sql() {
	awk -v now="$NOW" '
	/^#define CASE_COLUMNS/ { incols = 1; next }
	incols { s = $0; while (match(s, /"[^"]*"/)) {
			cols = cols substr(s, RSTART + 1, RLENGTH - 2)
			s = substr(s, RSTART + RLENGTH) }
		 if ($0 !~ /\\$/) incols = 0; next }
	/^cases_due_before\(/ { infn = 1; next }
	infn && /db_prepare/ { inq = 1 }
	inq { s = $0
	      while (match(s, /"[^"]*"|CASE_COLUMNS/)) {
		t = substr(s, RSTART, RLENGTH)
		sql = sql (t == "CASE_COLUMNS" ? cols : substr(t, 2, length(t) - 2))
		s = substr(s, RSTART + RLENGTH) }
	      if ($0 ~ /\);/) { inq = 0; infn = 0 } }
	END {
		gsub(/:horizon/, now, sql)
		gsub(/:department|:owner/, "NULL", sql)
		print sql
	}' "$TOP/lib/cases.c"
}

# fq overdue on the 1M database, against its own SELECT in the sqlite3
# shell; both write TSV to /dev/null.
bench_overdue() {
	sql=$(overdue_sql)
	case $sql in
	"SELECT "*" FROM cases WHERE "*) ;;
	*) say ""; say "== fq overdue: skipped (cannot read its query from lib/cases.c)"
	   return 0 ;;
	esac
	set -- "$FQ" --as li.na --format tsv overdue
	try "fq overdue" "$@" || return 0
	late=$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE next_due <= $NOW")
	rows=$("$@" | awk 'END { print NR - 1 }')
	cli_rows=$(sqlite3 -tabs "$DB" "$sql" | awk 'END { print NR }')
	plan=$(sqlite3 "$DB" "EXPLAIN QUERY PLAN $sql" |
		sed -n 's/^.*--//p' | paste -sd ';' -)
	fq_ms=$(once_ms "$@")
	cli_ms=$(once_ms sqlite3 -batch -init /dev/null -tabs "$DB" "$sql")
	n=$(rounds 20000 30 300 "$fq_ms" "$cli_ms")

	say ""
	say "== fq overdue --format tsv on the $SIZE database ($n rounds, interleaved)"
	say "  FQ_NOW=$NOW_ISO: $late open cases late; fq prints $rows rows (one a late deadline), sqlite3 $cli_rows"
	say "  sqlite3's query: $(printf '%s' "$sql" | sed 's/^SELECT .* FROM cases/SELECT <the case columns> FROM cases/')"
	say "  plan:$plan"
	measure overdue "$n" \
		"fq overdue" "$@" ::: \
		"sqlite3 CLI, same SELECT" sqlite3 -batch -init /dev/null -tabs \
			"$DB" "$sql"
	heads
	show overdue "fq overdue"
	show overdue "sqlite3 CLI, same SELECT"
	fq_ms=$(median overdue "fq overdue")
	cli_ms=$(median overdue "sqlite3 CLI, same SELECT")
	r=$(ratio "$fq_ms" "$cli_ms")
	v1=$(target "$fq_ms" "<" 60)
	v2=$(target "$r" "<=" 1.5)
	if failed overdue "fq overdue"; then
		v1="MISS (runs failed)" v2=$v1
	fi
	say "  fq median   $fq_ms ms   target < 60 ms   $v1"
	say "  fq/sqlite3  $r   target <= 1.5   $v2"
	rss=$(peak_rss "$@")
	say "  peak RSS of fq overdue ($RSS_TOOL): $(mib "$rss") MiB"
}

# fq report --by dept over the last 30 days and over all time, each beside
# a sqlite3 aggregate of the cases table.  The aggregate is a floor, not
# the same work: fq report also reads the events for its reply times,
# transfers, escalations and callbacks.
bench_report() {
	say ""
	if ! "$FQ" help report >/dev/null 2>&1; then
		say "== fq report: skipped (no 'fq report' in this fq yet)"
		return 0
	fi
	since=$((NOW - 30 * 86400))
	since_iso=$(TZ=Asia/Shanghai date -d "@$since" +%Y-%m-%dT%H:%M:%S+08:00)
	agg="SELECT department, count(*), sum(status = 'closed'),
  sum(first_contact), sum(next_due <= $NOW),
  avg(closed_at - created_at) FROM cases"
	set -- "$FQ" --as li.na --format tsv report --by dept
	try "fq report --by dept --since $since_iso" "$@" --since "$since_iso" ||
		return 0
	try "fq report --by dept" "$@" || return 0
	t30=$(once_ms "$@" --since "$since_iso")
	tall=$(once_ms "$@")
	c30=$(once_ms sqlite3 "$DB" "$agg WHERE created_at >= $since GROUP BY 1")
	call=$(once_ms sqlite3 "$DB" "$agg GROUP BY 1")
	n=$(rounds 30000 5 100 "$t30" "$tall" "$c30" "$call")

	say "== fq report --by dept on the $SIZE database ($n rounds, interleaved)"
	say "  sqlite3 aggregate: per department, count, closed, first contact,"
	say "  late now and mean time to close, from the cases table alone"
	measure report "$n" \
		"fq report, 30 days" "$@" --since "$since_iso" ::: \
		"sqlite3 aggregate, 30 days" sqlite3 -batch -init /dev/null \
			"$DB" "$agg WHERE created_at >= $since GROUP BY 1" ::: \
		"fq report, all time" "$@" ::: \
		"sqlite3 aggregate, all time" sqlite3 -batch -init /dev/null \
			"$DB" "$agg GROUP BY 1"
	heads
	show report "fq report, 30 days"
	show report "sqlite3 aggregate, 30 days"
	show report "fq report, all time"
	show report "sqlite3 aggregate, all time"
	say "  fq/sqlite3  30 days $(ratio "$(median report "fq report, 30 days")" \
		"$(median report "sqlite3 aggregate, 30 days")"), all time $(ratio \
		"$(median report "fq report, all time")" \
		"$(median report "sqlite3 aggregate, all time")")"
}

# The sqlite3 script that loads the JSON Lines of `fq export` into a fresh
# database: the baseline for fq import.  It reads the case shape of the
# spec (guest.name/room/phone, due.accept/..., times as ISO 8601, events
# with seq, at, actor, kind and their data); keep it in step with
# `fq export` when that lands.  Chain digests are taken when the export
# carries them, else dummies (nothing here verifies the chain).
import_sql() {
	cat <<'EOF'
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
CREATE TEMP TABLE j (line TEXT);
.mode ascii
EOF
	# Columns split on \037 (never raw in JSON), rows on newlines.
	printf '.separator "\037" "\\n"\n.import %s j\n' "$1"
	cat <<'EOF'
BEGIN IMMEDIATE;
INSERT INTO cases (id, summary, details, guest_name, room, phone, via,
  category, department, handler, owner, status, major, first_contact,
  created_at, updated_at, closed_at, due_accept, due_reply, due_resolve,
  due_promise, next_due)
SELECT line ->> '$.id', line ->> '$.summary', line ->> '$.details',
  line ->> '$.guest.name', line ->> '$.guest.room', line ->> '$.guest.phone',
  line ->> '$.via', line ->> '$.category', line ->> '$.department',
  line ->> '$.handler', line ->> '$.owner', line ->> '$.status',
  line ->> '$.major', coalesce(line ->> '$.first_contact', 0),
  unixepoch(line ->> '$.created_at'),
  coalesce(unixepoch(line ->> '$.updated_at'),
	   unixepoch(line ->> '$.created_at')),
  unixepoch(line ->> '$.closed_at'),
  unixepoch(line ->> '$.due.accept'), unixepoch(line ->> '$.due.reply'),
  unixepoch(line ->> '$.due.resolve'), unixepoch(line ->> '$.due.promise'),
  (SELECT min(unixepoch(value)) FROM json_each(line, '$.due')
   WHERE value IS NOT NULL)
FROM j;
INSERT INTO events (case_id, seq, at, actor, kind, data, prev, digest)
SELECT j.line ->> '$.id', e.value ->> '$.seq', unixepoch(e.value ->> '$.at'),
  e.value ->> '$.actor', e.value ->> '$.kind',
  json_remove(e.value, '$.seq', '$.at', '$.actor', '$.kind', '$.prev',
	      '$.digest'),
  coalesce(e.value ->> '$.prev', printf('%064d', 0)),
  coalesce(e.value ->> '$.digest', printf('%064d', 0))
FROM j, json_each(j.line, '$.events') e;
COMMIT;
EOF
}

# fq import of the 1M cases that fq export prints, into a fresh database,
# against the sqlite3 shell loading the same JSON Lines.
bench_import() {
	say ""
	if ! "$FQ" help export >/dev/null 2>&1 ||
	   ! "$FQ" help import >/dev/null 2>&1; then
		say "== fq import: skipped (no 'fq export' and 'fq import' in this fq yet)"
		return 0
	fi
	jsonl=$SCRATCH/all.jsonl
	# Each run loads into a fresh copy of an empty database (a copy of
	# an empty file takes well under a millisecond of the seconds timed).
	FQ_DB=$SCRATCH/empty.db "$FQ" init >/dev/null
	import_sql "$jsonl" >"$SCRATCH/import.sql"
	cat >"$SCRATCH/fresh" <<EOF
#!/bin/sh
# fresh DB CMD...: runs CMD with a fresh empty database at DB.
db=\$1; shift
rm -f "\$db" "\$db-wal" "\$db-shm" && cp "$SCRATCH/empty.db" "\$db" && exec "\$@"
EOF
	chmod +x "$SCRATCH/fresh"
	# Exported from the cache, not the copy, which the other benchmarks
	# have added cases to with dummy digests.  Export only reads.
	t0=$(date +%s)
	if ! FQ_DB=$CACHE "$FQ" --as zhou.min export >"$jsonl" \
	    2>"$SCRATCH/try.err"; then
		say "== fq import: fq export fails, so not measured:"
		sed 's/^/    /' "$SCRATCH/try.err" | head -n 5
		return 0
	fi
	export_s=$(($(date +%s) - t0))
	lines=$(wc -l <"$jsonl")
	mb=$(($(wc -c <"$jsonl") / 1048576))
	set -- "$SCRATCH/fresh" "$SCRATCH/imp.db" env FQ_DB="$SCRATCH/imp.db" \
		"$FQ" --as zhou.min import "$jsonl"
	try "fq import" "$@" || return 0
	imported=$(sqlite3 "$SCRATCH/imp.db" 'SELECT count(*) FROM cases')

	say "== fq import of $lines cases ($mb MiB of JSON Lines; fq export took ${export_s} s) (3 rounds, interleaved)"
	say "  fq import loaded $imported cases"
	measure import 3 \
		"fq import" "$@" ::: \
		"sqlite3 CLI, same JSON Lines" "$SCRATCH/fresh" \
			"$SCRATCH/cli.db" sqlite3 -batch -bail -init \
			"$SCRATCH/import.sql" "$SCRATCH/cli.db" .quit
	heads
	show import "fq import"
	show import "sqlite3 CLI, same JSON Lines"
	fq_ms=$(median import "fq import")
	say "  fq/sqlite3  $(ratio "$fq_ms" "$(median import "sqlite3 CLI, same JSON Lines")")   $(awk -v n="$lines" -v ms="$fq_ms" 'BEGIN { printf "%.0f cases/s", (ms > 0 ? n * 1000 / ms : 0) }')"
}

# ------------------------------------------------------------------ main

main() {
	build_helpers
	say "fq benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	say "machine: $(nproc) cores ($(uname -sr)), load $(cut -d ' ' -f 1-3 /proc/loadavg) at start"
	say "SQLite: library $("$BIN/minimal-insert" --version), sqlite3 CLI $(sqlite3 --version | cut -d ' ' -f 1)"
	say "fq: $("$FQ" --version) ($FQ), tree $(git -C "$TOP" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$TOP" status --porcelain 2>/dev/null | grep -q . && echo ' with local changes')"

	cached_db
	t0=$(date +%s)
	cp "$CACHE" "$DB"
	copy_s=$(($(date +%s) - t0))
	say "database: $(sqlite3 "$DB" "SELECT count(*) || ' cases (' ||
		sum(status <> 'closed') || ' open), '
		|| (SELECT count(*) FROM events) || ' events, '
		|| date(min(created_at), 'unixepoch') || ' to '
		|| date(max(created_at), 'unixepoch') FROM cases"), $(($(wc -c <"$DB") / 1048576)) MiB"
	say "  cache $CACHE ($CACHE_STATE); copied in ${copy_s} s"

	bench_log
	bench_overdue
	bench_report
	bench_import

	say ""
	say "load $(cut -d ' ' -f 1-3 /proc/loadavg) at end; the whole run took $(($(date +%s) - START)) s"
}

main
