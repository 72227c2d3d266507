#!/bin/sh
# tests/bench/run.sh - fq's benchmarks, each beside a baseline measured in
# the same run.  `make bench` runs it as:  tests/bench/run.sh ./fq
#
# In one run it:
#   - compiles its helpers (timeit.c, peakrss.c, minimal-insert.c,
#     rechain.c) into a scratch directory under ${TMPDIR:-/tmp}, removed
#     at exit;
#   - makes sure a database of 1,000,000 cases (5% open) is in the cache,
#     ${FQ_BENCH_CACHE:-${TMPDIR:-/tmp}}/fq-bench-1m-vSCHEMA-KEY.db, and
#     builds it with fill.sh when it is missing (a minute or two).  KEY
#     changes with the schema's SQL, fill.sh, rechain.c and lib/events.c,
#     so a stale cache is never used; older caches are removed when a new
#     one is built;
#   - copies it into the scratch directory (nothing that writes ever opens
#     the cache) and runs the benchmark functions on the copy.
#
# Each benchmark times its commands with timeit, interleaved with their
# baselines (A B C, B C A, C A B, ...) so that the noise of this shared
# 2-core machine falls on all of them alike, and prints the median, 10th
# and 90th percentiles.  Every number printed is measured in this run.
# Targets are printed as PASS or MISS; the script exits 0 either way, and
# non-zero only when it cannot run at all.
#
# Adding a benchmark: write a bench_NAME function that checks that the
# commands it needs exist (else says it is skipped), times them with
# `measure`, prints with `heads`/`show`/`ratio`/`target`, and add NAME to
# BENCHES below.
#
# Environment:
#   FQ_BENCH_ONLY   the benchmarks to run (default: all of $BENCHES)
#   FQ_BENCH_ROWS   cases in the database (default 1000000)
#   FQ_BENCH_RUNS   rounds of the fq log benchmark (default 300, at least 200)
#   FQ_BENCH_CACHE  the cache directory (default ${TMPDIR:-/tmp})
set -eu

BENCHES="log overdue report import"

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
LOG_ROUNDS=${FQ_BENCH_RUNS:-300}
CACHE_DIR=${FQ_BENCH_CACHE:-$TMP}
ONLY=${FQ_BENCH_ONLY:-$BENCHES}
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
	# objects `make` built for this fq (lib/ and its layer folders).
	cc -O2 -std=c11 -Wall -Wextra -D_GNU_SOURCE -I"$TOP/lib" \
		$(for d in "$TOP"/lib/*/; do printf ' -I%s' "$d"; done) \
		-o "$BIN/rechain" "$BENCH/rechain.c" "$TOP"/build/obj/lib/*.o \
		"$TOP"/build/obj/lib/*/*.o \
		-lsqlite3 -lyaml -lnettle -lm -pthread
}

# ------------------------------------------------------------- measuring

# measure NAME MAX MIN SECONDS WARMUP LABEL CMD... [::: LABEL CMD...]...
# Times the commands interleaved: WARMUP untimed rounds, then up to MAX
# rounds, stopping after SECONDS once MIN rounds are done.  Results in
# $SCRATCH/NAME.tsv (see timeit.c); the commands' standard error in
# $SCRATCH/NAME.err.
measure() {
	name=$1 max=$2 min=$3 secs=$4 warm=$5
	shift 5
	: >"$SCRATCH/$name.err"
	"$BIN/timeit" -n "$max" -m "$min" -t "$secs" -w "$warm" \
		-e "$SCRATCH/$name.err" -r "$SCRATCH/$name.raw" "$@" \
		>"$SCRATCH/$name.tsv"
}

# field NAME LABEL COLUMN: one figure of a measured command
# (runs failed median p10 p90 min max maxrss).
field() {
	awk -F '\t' -v l="$2" -v c="$3" '
	BEGIN { split("label runs failed median p10 p90 min max maxrss", n, " ")
		for (i in n) col[n[i]] = i }
	$1 == l { print $(col[c]) }' "$SCRATCH/$1.tsv"
}

# median NAME LABEL
median() {
	field "$1" "$2" median
}

# rounds NAME: how many rounds a measurement ran.
rounds() {
	head -n 1 "$SCRATCH/$1.tsv" | cut -f 2
}

# The column heads of a table of timings.
heads() {
	printf '  %-34s %9s %9s %9s\n' "wall time, ms" median p10 p90
}

# show NAME LABEL: one line of a table of timings, and the errors of any
# run that failed.
show() {
	nfail=$(field "$1" "$2" failed)
	printf '  %-34s %9.2f %9.2f %9.2f\n' "$2" \
		"$(field "$1" "$2" median)" "$(field "$1" "$2" p10)" \
		"$(field "$1" "$2" p90)"
	if [ "$nfail" != 0 ]; then
		say "    ($nfail of $(field "$1" "$2" runs) runs FAILED; what the commands said:)"
		sort "$SCRATCH/$1.err" | uniq -c | sort -rn | head -n 5 |
			sed 's/^/    /'
	fi
}

# failed NAME LABEL: true when any run of the command failed.
failed() {
	[ "$(field "$1" "$2" failed)" != 0 ]
}

# ratio A B: A / B to two places.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}

# target VALUE OP LIMIT: PASS or MISS (OP is < or <=).
target() {
	awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
		ok = (op == "<" ? v < t : v <= t)
		print (ok ? "PASS" : "MISS") }'
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

# Peak resident set size of CMD..., in KiB, the largest of 5 runs: GNU
# time's %M where it is installed, else peakrss (both report wait4's
# ru_maxrss).
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
		if [ "$kib" -gt "$max" ]; then
			max=$kib
		fi
	done
	echo "$max"
}

# mib KIB: KiB as MiB to two places.
mib() {
	awk -v k="$1" 'BEGIN { printf "%.2f", k / 1024 }'
}

# section TITLE: a benchmark's heading; took: how long it took.
section() {
	SECTION_START=$(date +%s)
	say ""
	say "== $*"
}
took() {
	say "  (this benchmark took $(($(date +%s) - SECTION_START)) s)"
}

# -------------------------------------------------------------- database

# Sets CACHE to the cached database, building it when missing, and
# CACHE_STATE to say which.
cached_db() {
	FQ_DB=$SCRATCH/schema.db "$FQ" init >/dev/null
	version=$(sqlite3 "$SCRATCH/schema.db" 'PRAGMA user_version')
	key=$({ sqlite3 "$SCRATCH/schema.db" \
		'SELECT sql FROM sqlite_schema ORDER BY name'
		cat "$BENCH/fill.sh" "$BENCH/rechain.c" "$TOP/lib/events.c"
		echo "$ROWS $NOW"; } | cksum | cut -d ' ' -f 1)
	rm -f "$SCRATCH"/schema.db*
	base=fq-bench-$TAG-v$version
	CACHE=$CACHE_DIR/$base-$key.db
	if [ -f "$CACHE" ]; then
		CACHE_STATE="cached"
		return 0
	fi
	say "building $CACHE (once) ..."
	t0=$(date +%s)
	rm -f "$CACHE.$$" "$CACHE.$$"-*
	"$BENCH/fill.sh" "$FQ" "$POLICY" "$CACHE.$$" "$ROWS" "$NOW" \
		"$BIN/rechain"
	mv "$CACHE.$$" "$CACHE"
	CACHE_STATE="built in $(($(date +%s) - t0)) s"
	for old in "$CACHE_DIR"/fq-bench-$TAG-v*.db*; do
		case $old in
		"$CACHE"*) ;;
		*) rm -f "$old" ;;
		esac
	done
}

# ------------------------------------------------------------ benchmarks

# fq log: one case, against the least a C program must do and against the
# sqlite3 shell.  Diagnostics in the same loop say where fq's time goes:
# the start-up of a C program linked with libsqlite3 alone, fq's start-up
# alone, start-up and the policy (fq route), and fq log with a
# one-department policy.
bench_log() {
	summary="1203房客人要一瓶胶水和两条毛巾"
	data='{"summary":"1203房客人要一瓶胶水和两条毛巾","details":null,"guest_name":"王先生","room":"1203","phone":null,"via":"desk","category":"item_request","keyword":"胶水","department":"housekeeping","handler":"li.na","major":false,"reply_due_at":1795744980,"resolve_due_at":1795745400}'
	zero=0000000000000000000000000000000000000000000000000000000000000000
	# The same rows, dummy digests, the same connection settings.
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
	section "fq log: one case into the $SIZE database, as li.na"
	try "fq log" "$@" || return 0
	try "minimal-insert" "$BIN/minimal-insert" "$DB" "$NOW" || return 0
	try "sqlite3 insert" sqlite3 -batch -bail -init /dev/null "$DB" \
		"$cli_sql" || return 0

	measure log "$LOG_ROUNDS" 200 90 3 \
		"fq log" "$@" ::: \
		"minimal C insert" "$BIN/minimal-insert" "$DB" "$NOW" ::: \
		"sqlite3 CLI insert" sqlite3 -batch -bail -init /dev/null \
			"$DB" "$cli_sql" ::: \
		"C start-up (minimal-insert -v)" "$BIN/minimal-insert" \
			--version ::: \
		"fq start-up (fq --version)" "$FQ" --version ::: \
		"fq route (policy, no database)" "$FQ" --as li.na route \
			"$summary" ::: \
		"fq log, 1-department policy" "$FQ" \
			--policy "$SCRATCH/tiny.yaml" --as li.na log "$summary" \
			--room 1203 --guest 王先生
	say "  rounds: $(rounds log), interleaved"
	heads
	show log "fq log"
	show log "minimal C insert"
	show log "sqlite3 CLI insert"
	say "  where fq log's time goes:"
	show log "C start-up (minimal-insert -v)"
	show log "fq start-up (fq --version)"
	show log "fq route (policy, no database)"
	show log "fq log, 1-department policy"
	fq_ms=$(median log "fq log")
	r=$(ratio "$fq_ms" "$(median log "minimal C insert")")
	verdict=$(target "$r" "<=" 1.25)
	if failed log "fq log"; then
		verdict="MISS (runs failed)"
	fi
	say "  fq/minimal  $r   target <= 1.25   $verdict"
	say "  fq/sqlite3  $(ratio "$fq_ms" "$(median log "sqlite3 CLI insert")")"

	rss=$(peak_rss "$@")
	rss_min=$(peak_rss "$BIN/minimal-insert" "$DB" "$NOW")
	rss_cli=$(peak_rss sqlite3 -batch -bail -init /dev/null "$DB" "$cli_sql")
	say "  peak RSS ($RSS_TOOL, largest of 5 runs):"
	say "    fq log $rss KiB = $(mib "$rss") MiB   target < 8 MiB   $(target "$rss" "<" 8192)"
	say "    minimal C insert $(mib "$rss_min") MiB, sqlite3 CLI insert $(mib "$rss_cli") MiB"
	took
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

# fq overdue on the large database, against its own SELECT in the sqlite3
# shell; both write TSV to /dev/null.
bench_overdue() {
	section "fq overdue --format tsv on the $SIZE database"
	sql=$(overdue_sql)
	case $sql in
	"SELECT "*" FROM cases WHERE "*) ;;
	*) say "  skipped: cannot read its query from lib/cases.c"
	   return 0 ;;
	esac
	set -- "$FQ" --as li.na --format tsv overdue
	try "fq overdue" "$@" || return 0
	late=$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE next_due <= $NOW")
	rows=$("$@" | awk 'END { print NR - 1 }')
	plan=$(sqlite3 "$DB" "EXPLAIN QUERY PLAN $sql" |
		sed -n 's/^.*--//p' | paste -sd ';' -)
	say "  FQ_NOW=$NOW_ISO: $late open cases late; fq prints a row for each late deadline, $rows rows"
	say "  sqlite3: $(printf '%s' "$sql" | sed 's/^SELECT .* FROM cases/SELECT <the 24 case columns> FROM cases/')"
	say "  plan: $plan"

	measure overdue 200 30 20 3 \
		"fq overdue" "$@" ::: \
		"sqlite3 CLI, same SELECT" sqlite3 -batch -init /dev/null -tabs \
			"$DB" "$sql"
	say "  rounds: $(rounds overdue), interleaved"
	heads
	show overdue "fq overdue"
	show overdue "sqlite3 CLI, same SELECT"
	fq_ms=$(median overdue "fq overdue")
	r=$(ratio "$fq_ms" "$(median overdue "sqlite3 CLI, same SELECT")")
	v1=$(target "$fq_ms" "<" 60)
	v2=$(target "$r" "<=" 1.5)
	if failed overdue "fq overdue"; then
		v1="MISS (runs failed)" v2=$v1
	fi
	say "  fq median   $fq_ms ms   target < 60 ms   $v1"
	say "  fq/sqlite3  $r   target <= 1.5   $v2"
	rss=$(peak_rss "$@")
	say "  peak RSS of fq overdue ($RSS_TOOL, largest of 5 runs): $(mib "$rss") MiB"
	took
}

# fq report --by dept over the last 30 days and over all time, each beside
# a sqlite3 aggregate of the cases table.  The aggregate is a floor, not
# the same work: fq report also reads the events for its reply times,
# transfers, escalations and callbacks.
bench_report() {
	section "fq report --by dept on the $SIZE database"
	if ! "$FQ" help report >/dev/null 2>&1; then
		say "  skipped: no 'fq report' in this fq yet"
		return 0
	fi
	since=$((NOW - 30 * 86400))
	since_iso=$(TZ=Asia/Shanghai date -d "@$since" +%Y-%m-%dT%H:%M:%S+08:00)
	agg="SELECT department, count(*), sum(status = 'closed'),
  sum(first_contact), sum(next_due <= $NOW) FROM cases"
	say "  30 days: --since $since_iso; sqlite3: per department, cases,"
	say "  closed, first contact and late now, from the cases table alone"
	set -- "$FQ" --as li.na --format tsv report --by dept
	# A run takes seconds: no warm-up, and as many rounds as fit in
	# 25 s (at least one).
	measure report 50 1 25 0 \
		"fq report, 30 days" "$@" --since "$since_iso" ::: \
		"sqlite3 aggregate, 30 days" sqlite3 -batch -init /dev/null \
			"$DB" "$agg WHERE created_at >= $since GROUP BY 1" ::: \
		"fq report, all time" "$@" ::: \
		"sqlite3 aggregate, all time" sqlite3 -batch -init /dev/null \
			"$DB" "$agg GROUP BY 1"
	say "  rounds: $(rounds report), interleaved"
	heads
	show report "fq report, 30 days"
	show report "sqlite3 aggregate, 30 days"
	show report "fq report, all time"
	show report "sqlite3 aggregate, all time"
	say "  fq/sqlite3  30 days $(ratio "$(median report "fq report, 30 days")" \
		"$(median report "sqlite3 aggregate, 30 days")"), all time $(ratio \
		"$(median report "fq report, all time")" \
		"$(median report "sqlite3 aggregate, all time")")"
	took
}

# The sqlite3 script that loads the JSON Lines of `fq export` (FILE) into
# a fresh database: the baseline for fq import.  It reads the case shape
# of the spec (guest.name/room/phone, due.accept/..., times as ISO 8601)
# and events with seq, at, actor, kind, data, prev and digest, the shape
# lib/exchange.c writes; keep it in step with fq export.  It checks
# nothing, where fq import checks every digest and link.
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
  waiting_since, waiting_until, created_at, updated_at, closed_at,
  due_accept, due_reply, due_resolve, due_promise, next_due, request_key)
SELECT line ->> '$.id', line ->> '$.summary', line ->> '$.details',
  line ->> '$.guest.name', line ->> '$.guest.room', line ->> '$.guest.phone',
  line ->> '$.via', line ->> '$.category', line ->> '$.department',
  line ->> '$.handler', line ->> '$.owner', line ->> '$.status',
  line ->> '$.major', line ->> '$.first_contact',
  unixepoch(line ->> '$.waiting_since'), unixepoch(line ->> '$.waiting_until'),
  unixepoch(line ->> '$.created_at'), unixepoch(line ->> '$.updated_at'),
  unixepoch(line ->> '$.closed_at'),
  unixepoch(line ->> '$.due.accept'), unixepoch(line ->> '$.due.reply'),
  unixepoch(line ->> '$.due.resolve'), unixepoch(line ->> '$.due.promise'),
  (SELECT min(unixepoch(value)) FROM json_each(line, '$.due')
   WHERE value IS NOT NULL), line ->> '$.request_key'
FROM j;
INSERT INTO events (id, case_id, seq, at, actor, kind, data, prev, digest)
SELECT e.value ->> '$.id', j.line ->> '$.id', e.value ->> '$.seq',
  unixepoch(e.value ->> '$.at'),
  e.value ->> '$.actor', e.value ->> '$.kind',
  coalesce(e.value -> '$.data', '{}'),
  e.value ->> '$.prev', e.value ->> '$.digest'
FROM j, json_each(j.line, '$.events') e;
COMMIT;
EOF
}

# fq import of the cases that fq export prints, into a fresh database,
# against the sqlite3 shell loading the same JSON Lines.
bench_import() {
	section "fq import of the $SIZE cases fq export prints"
	if ! "$FQ" help export >/dev/null 2>&1 ||
	   ! "$FQ" help import >/dev/null 2>&1; then
		say "  skipped: no 'fq export' and 'fq import' in this fq yet"
		return 0
	fi
	jsonl=$SCRATCH/all.jsonl
	# Each run loads into a fresh copy of an empty database (copying an
	# empty file costs well under a millisecond of the seconds timed).
	FQ_DB=$SCRATCH/empty.db "$FQ" init >/dev/null
	import_sql "$jsonl" >"$SCRATCH/import.sql"
	cat >"$SCRATCH/fresh" <<EOF
#!/bin/sh
# fresh DB CMD...: runs CMD with a fresh empty fq database at DB.
db=\$1; shift
rm -f "\$db" "\$db-wal" "\$db-shm" && cp "$SCRATCH/empty.db" "\$db" && exec "\$@"
EOF
	chmod +x "$SCRATCH/fresh"
	# Exported from the cache, not from the copy, to which fq log's
	# baselines have added events with dummy digests.  Export only reads.
	measure export 1 1 0 0 "fq export" sh -c \
		'FQ_DB="$1" exec "$2" --as zhou.min export >"$3"' sh \
		"$CACHE" "$FQ" "$jsonl"
	if failed export "fq export"; then
		say "  fq export fails, so nothing to import:"
		sed 's/^/    /' "$SCRATCH/export.err" | head -n 5
		return 0
	fi
	say "  fq export: $(wc -l <"$jsonl") lines, $(($(wc -c <"$jsonl") / 1048576)) MiB, in $(awk -v ms="$(median export "fq export")" 'BEGIN { printf "%.1f", ms / 1000 }') s (one run)"
	set -- "$SCRATCH/fresh" "$SCRATCH/imp.db" env FQ_DB="$SCRATCH/imp.db" \
		"$FQ" --as zhou.min import "$jsonl"
	# A run takes seconds: no warm-up, as many rounds as fit in 40 s.
	measure import 5 1 40 0 \
		"fq import" "$@" ::: \
		"sqlite3 CLI, same JSON Lines" "$SCRATCH/fresh" \
			"$SCRATCH/cli.db" sqlite3 -batch -bail -init \
			"$SCRATCH/import.sql" "$SCRATCH/cli.db" .quit
	say "  rounds: $(rounds import), interleaved; into fresh databases: fq $(sqlite3 "$SCRATCH/imp.db" \
		'SELECT count(*) FROM cases') cases, sqlite3 $(sqlite3 "$SCRATCH/cli.db" \
		'SELECT count(*) FROM cases') cases"
	heads
	show import "fq import"
	show import "sqlite3 CLI, same JSON Lines"
	fq_ms=$(median import "fq import")
	say "  fq/sqlite3  $(ratio "$fq_ms" "$(median import "sqlite3 CLI, same JSON Lines")"), fq $(awk -v n="$ROWS" -v ms="$fq_ms" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }') cases/s"
	rm -f "$SCRATCH"/imp.db* "$SCRATCH"/cli.db* "$jsonl"
	took
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
		|| (SELECT count(*) FROM events) || ' events, created '
		|| date(min(created_at), 'unixepoch') || ' to '
		|| date(max(created_at), 'unixepoch') FROM cases"), $(($(wc -c <"$DB") / 1048576)) MiB"
	say "  cache $CACHE ($CACHE_STATE); copied in ${copy_s} s"

	for b in $BENCHES; do
		case " $ONLY " in
		*" $b "*) "bench_$b" ;;
		*) say ""; say "== $b: not run (FQ_BENCH_ONLY=$ONLY)" ;;
		esac
	done

	say ""
	say "load $(cut -d ' ' -f 1-3 /proc/loadavg) at end; the whole run took $(($(date +%s) - START)) s"
}

main
