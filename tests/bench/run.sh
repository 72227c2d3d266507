#!/bin/sh
# tests/bench/run.sh - fq's benchmarks, each beside a baseline measured in
# the same run.  `make bench` runs it as:  tests/bench/run.sh ./fq
#
# In one run it:
#   - compiles its helpers (timeit.c, peakrss.c, minimal-insert.c,
#     rechain.c) into a scratch directory under ${TMPDIR:-/tmp}, removed
#     at exit;
#   - makes sure a database of 1,000,000 cases is in the cache,
#     ${FQ_BENCH_CACHE:-${TMPDIR:-/tmp}}/fq-bench-1m-vSCHEMA-KEY.db, and
#     builds it with fill.sh when it is missing (about five minutes).
#     KEY changes with the schema (`.schema` of a database fq has just
#     made), fill.sh, rechain.c and the policy, so a stale cache is never
#     used; older caches are removed when a new one is built;
#   - copies it into the scratch directory (nothing that writes ever opens
#     the cache) and runs the benchmark functions on the copy, or on
#     copies of their own.
#
# The database (fill.sh says how it is made) looks like a real site after
# a year: 1,000,000 cases over 365 days, about 47,000 open (in flight,
# replied, waiting or declined), about 5,500 late at NOW; a history per
# case (logged, transferred, accepted, followed, replied, called_back,
# closed, waits, refusals) and the escalation ladder as cron would have
# recorded it, about 1,100,000 `escalated` events (110,000 of them the
# `major` escalation at logging), with everything owed at NOW recorded;
# Chinese text throughout.  About 6,000,000 events, 2 GiB.
#
# The benchmarks:
#   log          fq log, against a minimal C insert and the sqlite3 shell
#   overdue      fq overdue, against its own SELECT in the sqlite3 shell
#   escalate     fq overdue --escalate at NOW, where everything owed is
#                recorded (fires nothing; target <= 3x plain fq overdue),
#                and two minutes later, when it fires a few hundred (each
#                run on a fresh copy; target < 1 s)
#   escalate10k  the same at 10,000 late cases (fill.sh --late adds the
#                missing ones to a copy; target < 1 s)
#   mail         fq overdue --mail two minutes on, sendmail a stand-in
#                that reads the message (target < 1 s)
#   report       fq report --by dept, against the same reads in sqlite3
#   import       fq import of what fq export prints, against the sqlite3
#                shell loading the same JSON Lines
#   before       the same site before and after an upgrade: FQ_BENCH_BEFORE
#                (an older fq; `make bench` builds round 1's) fills its own
#                database as fill.sh makes it, this fq upgrades a copy of
#                it (the migration and the first cron run, timed once),
#                then list, show, overdue, handover, report and log run on
#                each, interleaved, both with the older fq's hotel policy
#                (policies/hotel.yaml beside it, if there is one), and each ratio new/old is held to 1.15
#                (noise on this machine); skipped without FQ_BENCH_BEFORE
#   search       fq search --limit 20 for 2 and 5 Chinese characters and
#                4 digits of a phone number, against a LIKE scan in
#                sqlite3 (target <= 50 ms), and the share of the database
#                its index takes (target: adds under 40%); skipped unless
#                `fq search --help` exits 0
# A run of fq overdue --escalate that goes on past FQ_BENCH_TIMEOUT is
# killed and counted as a MISS at that time, so that `make bench` ends
# within about 15 minutes whatever fq does.
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
#   FQ_BENCH_ONLY     the benchmarks to run (default: all of $BENCHES)
#   FQ_BENCH_ROWS     cases in the database (default 1000000)
#   FQ_BENCH_RUNS     rounds of the fq log benchmark (default 300, at least 200)
#   FQ_BENCH_CACHE    the cache directory (default ${TMPDIR:-/tmp})
#   FQ_BENCH_LATE     late cases of escalate10k (default ROWS / 100)
#   FQ_BENCH_TIMEOUT  seconds a run of the escalate benchmarks may take
#                     before it is killed (default 60)
#   FQ_BENCH_BEFORE   the older fq of the `before` benchmark (none: skipped)
set -eu

BENCHES="log overdue escalate escalate10k mail report import search before"

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
case ${FQ_BENCH_BEFORE-} in
"" | /*) BEFORE=${FQ_BENCH_BEFORE-} ;;
*) BEFORE=$(pwd)/$FQ_BENCH_BEFORE ;;
esac
[ -z "$BEFORE" ] || [ -x "$BEFORE" ] ||
	{ echo "bench: no fq binary at '$BEFORE' (FQ_BENCH_BEFORE)" >&2; exit 66; }

TOP=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$TOP/tests/bench
POLICY=$TOP/policies/hotel.yaml
TMP=${TMPDIR:-/tmp}
ROWS=${FQ_BENCH_ROWS:-1000000}
LOG_ROUNDS=${FQ_BENCH_RUNS:-300}
LATE=${FQ_BENCH_LATE:-$((ROWS / 100))}
TIMEOUT=${FQ_BENCH_TIMEOUT:-60}
CACHE_DIR=${FQ_BENCH_CACHE:-$TMP}
ONLY=${FQ_BENCH_ONLY:-$BENCHES}
case $ROWS in
1000000) SIZE=1M TAG=1m ;;
*) SIZE=$ROWS TAG=$ROWS ;;
esac

# The moment every benchmark calls "now": the fill spreads its year of
# cases before it, and cron's last run was at it.  NEXT_ISO is cron's
# next run, two minutes on.
NOW_ISO=2026-11-27T10:00:00+08:00
NOW=$(date -d "$NOW_ISO" +%s)
NEXT_ISO=2026-11-27T10:02:00+08:00

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
	# objects `make` built for this fq, wherever under lib/ they live
	# (an archive, so that only what it needs is linked), its header
	# found by name in any folder of lib/.
	rm -f "$BIN/libfq.a"
	find "$TOP/build/obj/lib" -name '*.o' | sort | xargs ar rcs "$BIN/libfq.a"
	cc -O2 -std=c11 -Wall -Wextra -D_GNU_SOURCE \
		$(find "$TOP/lib" -type d | sed 's/^/-I/') \
		-o "$BIN/rechain" "$BENCH/rechain.c" "$BIN/libfq.a" \
		-lsqlite3 -lyaml -lnettle -lm -pthread
}

# ------------------------------------------------------------- measuring

# measure NAME MAX MIN SECONDS WARMUP [-T TIMEOUT] [-b BEFORE]
#         LABEL CMD... [::: LABEL CMD...]...
# Times the commands interleaved: WARMUP untimed rounds, then up to MAX
# rounds, stopping after SECONDS once MIN rounds are done; a run past
# TIMEOUT seconds is killed; BEFORE LABEL runs before each run (see
# timeit.c).  Results in $SCRATCH/NAME.tsv; the commands' standard error
# in $SCRATCH/NAME.err.
measure() {
	name=$1 max=$2 min=$3 secs=$4 warm=$5 to= pre=
	shift 5
	while :; do
		case $1 in
		-T) to=$2; shift 2 ;;
		-b) pre=$2; shift 2 ;;
		*) break ;;
		esac
	done
	: >"$SCRATCH/$name.err"
	"$BIN/timeit" -n "$max" -m "$min" -t "$secs" -w "$warm" \
		${to:+-T "$to"} ${pre:+-b "$pre"} \
		-e "$SCRATCH/$name.err" -r "$SCRATCH/$name.raw" "$@" \
		>"$SCRATCH/$name.tsv"
}

# field NAME LABEL COLUMN: one figure of a measured command
# (runs failed median p10 p90 min max maxrss timedout).
field() {
	awk -F '\t' -v l="$2" -v c="$3" '
	BEGIN { split("label runs failed median p10 p90 min max maxrss timedout", n, " ")
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
	nlate=$(field "$1" "$2" timedout)
	if [ "${nlate:-0}" != 0 ]; then
		say "    ($nlate of $(field "$1" "$2" runs) runs killed after ${TIMEOUT} s, timed at ${TIMEOUT} s)"
		nfail=$((nfail - nlate))
	fi
	if [ "$nfail" != 0 ]; then
		say "    ($nfail of $(field "$1" "$2" runs) runs FAILED; what the commands said:)"
		sort "$SCRATCH/$1.err" | uniq -c | sort -rn | head -n 5 |
			sed 's/^/    /'
	fi
}

# failed NAME LABEL: true when any run of the command failed (or was
# killed); timedout NAME LABEL: true when any was killed.
failed() {
	[ "$(field "$1" "$2" failed)" != 0 ]
}
timedout() {
	[ "$(field "$1" "$2" timedout)" != 0 ]
}

# verdict NAME LABEL VALUE OP LIMIT: PASS or MISS for a target, saying why
# when runs failed or were killed.
verdict() {
	if timedout "$1" "$2"; then
		echo "MISS (killed after ${TIMEOUT} s)"
	elif failed "$1" "$2"; then
		echo "MISS (runs failed)"
	else
		target "$3" "$4" "$5"
	fi
}

# secs MS: milliseconds as seconds to two places.
secs() {
	awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'
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

# filled_db FQ POLICY NAME [SALT]: sets FILLED to the database that FQ
# and fill.sh make with POLICY, cached as NAME-vSCHEMA-KEY.db in the
# cache directory, building it when missing (and then removing the older
# ones of NAME), and FILLED_STATE to say which.  KEY follows the schema,
# fill.sh, rechain.c, the policy, the file SALT (if any) and the size.
filled_db() {
	FQ_DB=$SCRATCH/schema.db FQ_POLICY=$2 "$1" init >/dev/null
	version=$(sqlite3 "$SCRATCH/schema.db" 'PRAGMA user_version')
	key=$({ sqlite3 "$SCRATCH/schema.db" .schema
		cat "$BENCH/fill.sh" "$BENCH/rechain.c" "$2" ${4:+"$4"}
		echo "$ROWS $NOW"; } | cksum | cut -d ' ' -f 1)
	rm -f "$SCRATCH"/schema.db*
	FILLED=$CACHE_DIR/$3-v$version-$key.db
	if [ -f "$FILLED" ]; then
		FILLED_STATE="cached"
		return 0
	fi
	say "building $FILLED (once) ..."
	t0=$(date +%s)
	rm -f "$FILLED.$$" "$FILLED.$$"-*
	"$BENCH/fill.sh" "$1" "$2" "$FILLED.$$" "$ROWS" "$NOW" "$BIN/rechain"
	mv "$FILLED.$$" "$FILLED"
	FILLED_STATE="built in $(($(date +%s) - t0)) s"
	for old in "$CACHE_DIR/$3"-v*.db*; do
		case $old in
		"$FILLED"*) ;;
		*) rm -f "$old" ;;
		esac
	done
}

# Sets CACHE to the cached database of this fq, and CACHE_STATE.
cached_db() {
	filled_db "$FQ" "$POLICY" "fq-bench-$TAG"
	CACHE=$FILLED CACHE_STATE=$FILLED_STATE
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

# The SELECT behind `fq overdue` (cases_due_before() today), read from
# whichever file under lib/ holds the statement with ":horizon" on the
# cases table, with CASE_COLUMNS from wherever it is defined; the horizon
# as a literal and no filters.  Falls back to a copy of this round's
# statement (OVERDUE_FROM says which).
overdue_sql() {
	src=$(grep -rl --include='*.c' 'next_due <= :horizon' "$TOP/lib" |
		head -n 1)
	cols=$(grep -rl --include='*.[ch]' '^#define CASE_COLUMNS' "$TOP/lib" |
		head -n 1)
	sql=
	if [ -n "$src" ] && [ -n "$cols" ]; then
		sql=$(awk -v now="$NOW" '
		FNR == NR {
			if ($0 ~ /^#define CASE_COLUMNS/) { incols = 1; next }
			if (incols) { s = $0; while (match(s, /"[^"]*"/)) {
				cols = cols substr(s, RSTART + 1, RLENGTH - 2)
				s = substr(s, RSTART + RLENGTH) }
			    if ($0 !~ /\\$/) incols = 0 }
			next
		}
		/"SELECT / { inq = 1; q = "" }
		inq { s = $0
		      while (match(s, /"[^"]*"|CASE_COLUMNS/)) {
			t = substr(s, RSTART, RLENGTH)
			q = q (t == "CASE_COLUMNS" ? cols : substr(t, 2, length(t) - 2))
			s = substr(s, RSTART + RLENGTH) }
		      if (s ~ /^[ \t]*[),;]/ || $0 ~ /"[ \t]*\)/) {
			inq = 0
			if (q ~ /:horizon/ && q ~ / FROM cases / && sql == "")
				sql = q
		      } }
		END {
			gsub(/:horizon/, now, sql)
			gsub(/:department|:owner/, "NULL", sql)
			print sql
		}' "$cols" "$src")
	fi
	case $sql in
	"SELECT "*" FROM cases WHERE "*)
		OVERDUE_FROM=${src#"$TOP"/} ;;
	*)
		OVERDUE_FROM="run.sh's copy (lib/ has it in no form run.sh reads)"
		sql="SELECT id, summary, details, guest_name, room, phone, via, \
category, department, handler, owner, status, major, first_contact, \
waiting_since, waiting_until, created_at, updated_at, closed_at, due_accept, \
due_reply, due_resolve, due_promise, request_key FROM cases WHERE next_due \
<= $NOW AND (NULL IS NULL OR department = NULL) AND (NULL IS NULL OR \
owner = NULL) ORDER BY next_due, id" ;;
	esac
	printf '%s\n' "$sql"
}

# fq overdue on the large database, against its own SELECT in the sqlite3
# shell; both write TSV to /dev/null.
bench_overdue() {
	section "fq overdue --format tsv on the $SIZE database"
	overdue_sql >"$SCRATCH/overdue.sql"
	sql=$(cat "$SCRATCH/overdue.sql")
	set -- "$FQ" --as li.na --format tsv overdue
	try "fq overdue" "$@" || return 0
	late=$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE next_due <= $NOW")
	rows=$("$@" | awk 'END { print NR - 1 }')
	plan=$(sqlite3 "$DB" "EXPLAIN QUERY PLAN $sql" |
		sed -n 's/^.*--//p' | paste -sd ';' -)
	say "  FQ_NOW=$NOW_ISO: $late open cases late; fq prints a row for each late deadline, $rows rows"
	say "  sqlite3 (from $OVERDUE_FROM): $(printf '%s' "$sql" | sed 's/^SELECT .* FROM cases/SELECT <the 24 case columns> FROM cases/')"
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

# The categories with a callback, as JSON (for the report's baseline).
callback_json() {
	"$FQ" --format json policy show | sqlite3 -batch -init /dev/null \
		:memory: "SELECT json_group_array(value ->> 'category') FROM
		json_each(readfile('$1')) WHERE value ->> 'callback'"
}

# report_sql SINCE UNTIL CALLBACK: what fq report --by dept reads (the
# three queries of lib/report.c: what each case's events say, the cases
# of the period, the acceptances), in the sqlite3 shell, summed per
# department in SQL where fq sums in C.
report_sql() {
	cat <<EOF
WITH ev AS (
  SELECT case_id, min(CASE WHEN kind = 'replied' THEN at END) AS replied_at,
    max(CASE WHEN kind = 'replied' THEN data ->> '\$.late' END) AS late,
    sum(kind = 'transferred') AS tr,
    count(DISTINCT CASE WHEN kind = 'escalated' THEN
      coalesce((data ->> '\$.deadline') || '/' || (data ->> '\$.level') ||
      '/' || (data ->> '\$.due'), id) END) AS esc,
    sum(kind = 'declined') AS dec, sum(kind = 'called_back') AS cb,
    sum(kind = 'called_back' AND data ->> '\$.satisfied' = 0) AS unsat
  FROM events WHERE kind IN ('replied', 'transferred', 'escalated',
    'declined', 'called_back') AND at >= $1
  GROUP BY case_id
)
SELECT c.department, count(*), sum(c.status = 'closed'), sum(c.first_contact),
  sum(CASE WHEN c.waiting_since IS NULL THEN c.next_due < $NOW
    ELSE c.waiting_until <= $NOW END),
  count(ev.replied_at), avg(ev.replied_at - c.created_at), sum(ev.late),
  sum(ev.tr), sum(ev.esc), sum(ev.dec),
  sum(c.category IN (SELECT value FROM json_each('$3')) AND
    NOT c.first_contact AND ev.replied_at IS NOT NULL),
  sum(ev.cb > 0), sum(ev.unsat)
FROM cases c LEFT JOIN ev ON ev.case_id = c.id
WHERE c.created_at >= $1 AND c.created_at < $2 GROUP BY 1;
SELECT c.department, count(*), avg(a.at - (SELECT max(s.at) FROM events s
    WHERE s.case_id = a.case_id AND s.seq < a.seq
    AND s.kind IN ('logged', 'transferred', 'reopened')))
FROM events a JOIN cases c ON c.id = a.case_id
WHERE a.kind = 'accepted' AND a.at >= $1 AND a.data ->> '\$.due' IS NOT NULL
  AND c.created_at >= $1 AND c.created_at < $2 GROUP BY 1;
EOF
}

# fq report --by dept over the last 30 days and over all time, each beside
# the same reads in the sqlite3 shell (report_sql): the escalations, the
# replies, transfers, refusals and callbacks of the period through the
# (kind, at) index, the cases of the period, the acceptances.  fq also
# takes medians and percentiles; the shell takes averages.
bench_report() {
	section "fq report --by dept on the $SIZE database"
	if ! "$FQ" help report >/dev/null 2>&1; then
		say "  skipped: no 'fq report' in this fq yet"
		return 0
	fi
	since=$((NOW - 30 * 86400))
	since_iso=$(TZ=Asia/Shanghai date -d "@$since" +%Y-%m-%dT%H:%M:%S+08:00)
	"$FQ" --format json policy show >"$SCRATCH/policy.json"
	cb=$(callback_json "$SCRATCH/policy.json")
	report_sql "$since" 4611686018427387903 "$cb" >"$SCRATCH/report30.sql"
	report_sql 1 4611686018427387903 "$cb" >"$SCRATCH/report.sql"
	say "  30 days: --since $since_iso; sqlite3: the same reads (the events"
	say "  the report counts, the cases, the acceptances), summed in SQL"
	set -- "$FQ" --as li.na --format tsv report --by dept
	# A run takes seconds: no warm-up, and as many rounds as fit in
	# 25 s (at least one).
	measure report 50 1 25 0 \
		"fq report, 30 days" "$@" --since "$since_iso" ::: \
		"sqlite3, same reads, 30 days" sqlite3 -batch -init \
			"$SCRATCH/report30.sql" "$DB" .quit ::: \
		"fq report, all time" "$@" ::: \
		"sqlite3, same reads, all time" sqlite3 -batch -init \
			"$SCRATCH/report.sql" "$DB" .quit
	say "  rounds: $(rounds report), interleaved"
	heads
	show report "fq report, 30 days"
	show report "sqlite3, same reads, 30 days"
	show report "fq report, all time"
	show report "sqlite3, same reads, all time"
	say "  fq/sqlite3  30 days $(ratio "$(median report "fq report, 30 days")" \
		"$(median report "sqlite3, same reads, 30 days")"), all time $(ratio \
		"$(median report "fq report, all time")" \
		"$(median report "sqlite3, same reads, all time")")"
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

# ------------------------------------------------- the escalation ladder

# fresh LABEL (the BEFORE of timeit): a fresh copy of the cache for a
# command that writes, at the path $SCRATCH/fresh.map gives its label;
# nothing for the others.  Also empties the stand-in sendmail's log.
make_fresh() {
	cat >"$BIN/fresh" <<EOF
#!/bin/sh
db=\$(awk -F '\t' -v l="\$1" '\$1 == l { print \$2 }' "$SCRATCH/fresh.map")
[ -n "\$db" ] || exit 0
# on disk before the run: else its first fsync writes the whole copy
rm -f "\$db" "\$db-wal" "\$db-shm" && cp "$CACHE" "\$db" && sync "\$db" &&
	: >"$SCRATCH/mails"
EOF
	chmod +x "$BIN/fresh"
	: >"$SCRATCH/fresh.map"
	# The stand-in for sendmail -t: reads the message, logs one line.
	cat >"$BIN/sendmail" <<EOF
#!/bin/sh
cat >/dev/null && echo sent >>"$SCRATCH/mails"
EOF
	chmod +x "$BIN/sendmail"
}

# fresh_for LABEL DB: the command LABEL gets a fresh copy at DB each run.
fresh_for() {
	printf '%s\t%s\n' "$1" "$2" >>"$SCRATCH/fresh.map"
}

# events_in DB: its number of events (the largest id).
events_in() {
	sqlite3 "$1" 'SELECT coalesce(max(id), 0) FROM events'
}

# fired DB FROM: what the runs recorded after event FROM: "N escalated
# events, M notifications".
fired() {
	sqlite3 "$1" "SELECT count(*) || ' escalated events, ' ||
		coalesce(sum(json_array_length(data, '\$.to')), 0) ||
		' notifications' FROM events WHERE id > $2 AND kind = 'escalated'"
}

# recorded NAME LABEL DB FROM [EXPECTED]: what the last run of LABEL
# recorded in DB (a killed run: what it had committed; --mail commits
# address by address).
recorded() {
	if timedout "$1" "$2"; then
		say "    its last run was killed; it had committed: $(fired "$3" "$4")"
	else
		say "    recorded by its last run: $(fired "$3" "$4")${5:+ ($5 expected)}"
	fi
}

# late_in DB: the cases fq overdue lists at NOW (a deadline, or the end of
# a wait, before it).
late_in() {
	sqlite3 "$1" "SELECT count(*) FROM cases WHERE next_due <= $NOW - 1"
}

# The escalate benchmarks' copy of the cache (the other benchmarks' copy
# has fq log's cases in it) and the helpers above.
esc_setup() {
	[ -f "$SCRATCH/esc.db" ] && return 0
	cp "$CACHE" "$SCRATCH/esc.db"
	make_fresh
	CACHE_EVENTS=$(events_in "$CACHE")
}

# fq overdue --escalate at NOW, where everything owed is recorded (a cron
# run that fires nothing), and at NEXT, two minutes on, where the hourly
# repeats and a few levels fall due (a run that fires a few hundred, each
# on a fresh copy), each beside plain fq overdue at the same moment.
bench_escalate() {
	section "fq overdue --escalate on the $SIZE database (cron, every 2 minutes)"
	esc_setup
	esc=$SCRATCH/esc.db fire=$SCRATCH/fire.db
	fresh_for "fq overdue --escalate, 2 min on" "$fire"
	set -- "$FQ" --as li.na --format tsv
	say "  $(late_in "$esc") cases late at $NOW_ISO, $(sqlite3 "$esc" \
		"SELECT count(*) FROM events WHERE kind = 'escalated'") escalated events"
	say "  at $NOW_ISO everything owed is recorded: --escalate should fire nothing;"
	say "  at $NEXT_ISO it owes a few hundred (each run on a fresh copy);"
	say "  a run still going after ${TIMEOUT} s is killed"
	measure escalate 30 1 30 0 -T "$TIMEOUT" -b "$BIN/fresh" \
		"fq overdue" env FQ_DB="$esc" "$@" overdue ::: \
		"fq overdue --escalate" env FQ_DB="$esc" "$@" overdue \
			--escalate ::: \
		"fq overdue, 2 min on" env FQ_DB="$esc" FQ_NOW="$NEXT_ISO" \
			"$@" overdue ::: \
		"fq overdue --escalate, 2 min on" env FQ_DB="$fire" \
			FQ_NOW="$NEXT_ISO" "$@" overdue --escalate
	say "  rounds: $(rounds escalate), interleaved"
	heads
	show escalate "fq overdue"
	show escalate "fq overdue --escalate"
	show escalate "fq overdue, 2 min on"
	show escalate "fq overdue --escalate, 2 min on"
	plain=$(median escalate "fq overdue")
	nothing=$(median escalate "fq overdue --escalate")
	r=$(ratio "$nothing" "$plain")
	v=$(verdict escalate "fq overdue --escalate" "$r" "<=" 3)
	timedout escalate "fq overdue --escalate" && r="> $r"
	say "  fires nothing:      --escalate/plain $r   target <= 3   $v"
	recorded escalate "fq overdue --escalate" "$esc" "$CACHE_EVENTS" 0
	some=$(median escalate "fq overdue --escalate, 2 min on")
	r=$(ratio "$some" "$(median escalate "fq overdue, 2 min on")")
	v=$(verdict escalate "fq overdue --escalate, 2 min on" "$some" "<" 1000)
	timedout escalate "fq overdue --escalate, 2 min on" && r="> $r"
	say "  fires a few hundred: $(secs "$some") s, --escalate/plain $r   target < 1 s   $v"
	recorded escalate "fq overdue --escalate, 2 min on" "$fire" "$CACHE_EVENTS"
	rm -f "$fire" "$fire-wal" "$fire-shm"
	took
}

# fq overdue --escalate at NOW with LATE (10,000) cases late: fill.sh
# --late adds stuck cases logged in the last day, with their history and
# every escalation owed, to a copy, until LATE are.  Fires nothing.
bench_escalate10k() {
	section "fq overdue --escalate at $LATE late cases"
	esc_setup
	late=$SCRATCH/late.db
	cp "$CACHE" "$late"
	have=$(late_in "$late")
	if [ "$have" -lt "$LATE" ]; then
		"$BENCH/fill.sh" --late "$FQ" "$POLICY" "$late" \
			$((LATE - have)) "$NOW"
	fi
	n=$(late_in "$late")
	from=$(events_in "$late")
	say "  a copy with $n cases late at $NOW_ISO ($((n - have)) added by fill.sh --late),"
	say "  everything owed recorded; a run still going after ${TIMEOUT} s is killed"
	set -- env FQ_DB="$late" "$FQ" --as li.na --format tsv overdue
	measure late 30 1 30 0 -T "$TIMEOUT" \
		"fq overdue, $n late" "$@" ::: \
		"fq overdue --escalate, $n late" "$@" --escalate
	say "  rounds: $(rounds late), interleaved"
	heads
	show late "fq overdue, $n late"
	show late "fq overdue --escalate, $n late"
	ms=$(median late "fq overdue --escalate, $n late")
	r=$(ratio "$ms" "$(median late "fq overdue, $n late")")
	v=$(verdict late "fq overdue --escalate, $n late" "$ms" "<" 1000)
	timedout late "fq overdue --escalate, $n late" && r="> $r"
	say "  --escalate $(secs "$ms") s, /plain $r   target < 1 s   $v"
	recorded late "fq overdue --escalate, $n late" "$late" "$from" 0
	rm -f "$late" "$late-wal" "$late-shm"
	took
}

# fq overdue --mail two minutes on (a few hundred notifications owed), with
# a stand-in sendmail that reads each message; each run on a fresh copy;
# beside plain fq overdue at the same moment.
bench_mail() {
	section "fq overdue --mail on the $SIZE database, 2 minutes on"
	esc_setup
	mail=$SCRATCH/mail.db
	fresh_for "fq overdue --mail, 2 min on" "$mail"
	say "  FQ_SENDMAIL: a script that reads the message and logs it;"
	say "  a run still going after ${TIMEOUT} s is killed"
	set -- "$FQ" --as li.na --format tsv overdue
	measure mail 30 1 30 0 -T "$TIMEOUT" -b "$BIN/fresh" \
		"fq overdue, 2 min on" env FQ_DB="$SCRATCH/esc.db" \
			FQ_NOW="$NEXT_ISO" "$@" ::: \
		"fq overdue --mail, 2 min on" env FQ_DB="$mail" \
			FQ_NOW="$NEXT_ISO" FQ_SENDMAIL="$BIN/sendmail" "$@" --mail
	say "  rounds: $(rounds mail), interleaved"
	heads
	show mail "fq overdue, 2 min on"
	show mail "fq overdue --mail, 2 min on"
	ms=$(median mail "fq overdue --mail, 2 min on")
	r=$(ratio "$ms" "$(median mail "fq overdue, 2 min on")")
	v=$(verdict mail "fq overdue --mail, 2 min on" "$ms" "<" 1000)
	timedout mail "fq overdue --mail, 2 min on" && r="> $r"
	say "  --mail $(secs "$ms") s, /plain $r   target < 1 s   $v"
	recorded mail "fq overdue --mail, 2 min on" "$mail" "$CACHE_EVENTS"
	timedout mail "fq overdue --mail, 2 min on" ||
		say "    messages its last run handed to sendmail: $(wc -l <"$SCRATCH/mails")"
	rm -f "$mail" "$mail-wal" "$mail-shm"
	took
}

# ---------------------------------------------------------------- search

# like_sql TEXT: the baseline of fq search TEXT --limit 20: the newest 20
# cases whose summary or any event's data holds TEXT, by a LIKE scan.
like_sql() {
	printf "SELECT c.id, c.summary FROM cases c WHERE c.summary LIKE '%%%s%%'
  OR EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id
    AND e.data LIKE '%%%s%%') ORDER BY c.id DESC LIMIT 20" "$1" "$1"
}

# The pages of the search index, by table and index, if dbstat is there:
# every table or index that is neither cases nor events nor SQLite's own.
search_pages() {
	sqlite3 -batch -tabs "$1" "SELECT s.name, sum(s.pgsize) FROM dbstat s
		JOIN sqlite_schema m ON m.name = s.name
		WHERE m.tbl_name NOT IN ('cases', 'events')
		AND m.name NOT LIKE 'sqlite_%' GROUP BY 1 ORDER BY 2 DESC" 2>/dev/null
}

# fq search for two Chinese characters, five, and four digits of a phone
# number, each with --limit 20, beside a LIKE scan in the sqlite3 shell;
# then the database's size and the search index's share of it.
bench_search() {
	section "fq search --limit 20 on the $SIZE database"
	if ! "$FQ" search --help >/dev/null 2>&1; then
		say "  skipped: 'fq search --help' does not exit 0 (no fq search yet)"
		return 0
	fi
	two=空调 five=空调不制冷
	digits=$(sqlite3 "$DB" "SELECT substr(phone, 5, 4) FROM cases
		WHERE phone IS NOT NULL AND id >= $ROWS / 2 ORDER BY id LIMIT 1")
	set -- "$FQ" --as li.na --format tsv search
	for q in "$two" "$five" "$digits"; do
		try "fq search $q" "$@" "$q" --limit 20 || return 0
		say "  '$q': fq prints $("$@" "$q" --limit 20 | awk 'END { print NR - 1 }') rows"
	done
	measure search 100 10 30 2 \
		"fq search $two" "$@" "$two" --limit 20 ::: \
		"sqlite3 LIKE $two" sqlite3 -batch -init /dev/null "$DB" \
			"$(like_sql "$two")" ::: \
		"fq search $five" "$@" "$five" --limit 20 ::: \
		"sqlite3 LIKE $five" sqlite3 -batch -init /dev/null "$DB" \
			"$(like_sql "$five")" ::: \
		"fq search $digits" "$@" "$digits" --limit 20 ::: \
		"sqlite3 LIKE $digits" sqlite3 -batch -init /dev/null "$DB" \
			"$(like_sql "$digits")"
	say "  rounds: $(rounds search), interleaved"
	heads
	for q in "$two" "$five" "$digits"; do
		show search "fq search $q"
		show search "sqlite3 LIKE $q"
	done
	for q in "$two" "$five" "$digits"; do
		ms=$(median search "fq search $q")
		say "  '$q': fq median $ms ms   target <= 50 ms   $(verdict search "fq search $q" "$ms" "<=" 50)   fq/LIKE $(ratio "$ms" "$(median search "sqlite3 LIKE $q")")"
	done
	size=$(wc -c <"$DB")
	say "  database: $(mib $((size / 1024))) MiB"
	if ! sqlite3 "$DB" 'SELECT 1 FROM dbstat LIMIT 1' >/dev/null 2>&1; then
		say "  (no dbstat in this sqlite3: the index's share is not measured)"
	elif [ -z "$(search_pages "$DB")" ]; then
		say "  (no table or index besides cases and events: no index to measure)"
	else
		search_pages "$DB" | while IFS="$(printf '\t')" read -r name bytes; do
			say "    $name: $(mib $((bytes / 1024))) MiB"
		done
		idx=$(search_pages "$DB" | awk -F '\t' '{ s += $2 } END { print s + 0 }')
		share=$(awk -v i="$idx" -v t="$size" 'BEGIN { printf "%.1f", 100 * i / (t - i) }')
		say "  search index $(mib $((idx / 1024))) MiB: adds $share% to the rest   target < 40%   $(target "$share" "<" 40)"
	fi
	took
}

# ---------------------------------------------------------------- before

# before_set NAME "MAX MIN SECONDS WARMUP" CMD...: times each command of
# the older fq ($o) and this one ($n) interleaved, and prints their
# medians and each ratio new/old against 1.15 (noise here).
before_set() {
	bname=$1 limits=$2
	shift 2
	names= args=
	for c in "$@"; do
		name=${c%% *}
		try "old fq $name" $o $c || return 1
		try "new fq $name" $n $c || return 1
		names="$names $name"
	done
	for c in "$@"; do
		name=${c%% *}
		[ -z "$args" ] || set -- "$@" :::
		args=1
		set -- "$@" "old $name" $o $c ::: "new $name" $n $c
	done
	shift $(( $(printf '%s\n' $names | grep -c .) ))
	measure "$bname" $limits "$@"
	say "  $(echo $names | tr ' ' ','): $(rounds "$bname") rounds, interleaved"
	heads
	for name in $names; do
		show "$bname" "old $name"
		show "$bname" "new $name"
	done
	for name in $names; do
		r=$(ratio "$(median "$bname" "new $name")" "$(median "$bname" "old $name")")
		p=$(ratio "$(field "$bname" "new $name" p10)" "$(field "$bname" "old $name" p10)")
		say "  $name: new/old $r (p10 $p)   target <= 1.15   $(verdict "$bname" "new $name" "$r" "<=" 1.15)"
	done
}

# The same site before and after the upgrade: the older fq on its own
# database, this fq on a copy of it that it upgraded, each command of the
# front desk and of cron timed on both, interleaved.
bench_before() {
	section "before and after: an older fq against this one, the same $SIZE site"
	if [ -z "$BEFORE" ]; then
		say "  skipped: FQ_BENCH_BEFORE names no older fq (make bench builds round 1's)"
		took
		return 0
	fi
	BPOLICY=$(dirname "$BEFORE")/policies/hotel.yaml
	[ -f "$BPOLICY" ] || BPOLICY=$POLICY
	export FQ_POLICY="$BPOLICY"	# for both, in this benchmark only
	say "  older fq: $("$BEFORE" --version) ($BEFORE), policy $BPOLICY"
	# the older fq's own schema; rechain is this fq's, whose digests the
	# older fq never checks outside verify
	filled_db "$BEFORE" "$BPOLICY" "fq-bench-before-$TAG" "$BEFORE"
	old=$SCRATCH/before.db new=$SCRATCH/after.db
	cp "$FILLED" "$old"
	cp "$FILLED" "$new"
	rm -f "$old"-* "$new"-*
	sync
	say "  database: $(sqlite3 "$old" "SELECT count(*) FROM cases") cases, $(sqlite3 "$old" "SELECT count(*) FROM events") events, schema $(sqlite3 "$old" 'PRAGMA user_version') ($FILLED_STATE)"
	# The upgrade, timed once: the migration (the first command that
	# opens the database), then the first cron run (the ladder's memory
	# folded from the history; its mail to nowhere).
	t0=$(date +%s%N)
	FQ_DB=$new "$FQ" --as li.na list --limit 1 >/dev/null
	t1=$(date +%s%N)
	FQ_DB=$new FQ_SENDMAIL='cat >/dev/null' "$FQ" --as li.na \
		overdue --mail >/dev/null
	t2=$(date +%s%N)
	say "  upgrade: migration to schema $(sqlite3 "$new" 'PRAGMA user_version') $(secs $(((t1 - t0) / 1000000))) s, first cron run (overdue --mail) $(secs $(((t2 - t1) / 1000000))) s"
	id=$(sqlite3 "$old" "SELECT case_id FROM events GROUP BY case_id
		HAVING count(*) >= 8 ORDER BY case_id DESC LIMIT 1")
	since=$(TZ=Asia/Shanghai date -d "@$((NOW - 30 * 86400))" +%Y-%m-%dT%H:%M:%S+08:00)
	o="env FQ_DB=$old $BEFORE --as li.na"
	n="env FQ_DB=$new $FQ --as li.na"
	# The front desk's commands in one interleaved set, many rounds; the
	# two that take seconds in another, as many rounds as fit.
	before_set before-desk "200 30 90 3" "list --limit 50" "show $id" \
		"overdue --format tsv" \
		"log --room 1203 --guest 王先生 1203房客人要一瓶胶水和两条毛巾" ||
		return 0
	before_set before-long "30 3 150 0" "handover --dept all" \
		"report --by dept --since $since" || return 0
	say "  case #$id has $(sqlite3 "$old" "SELECT count(*) FROM events WHERE case_id = $id") events"
	export FQ_POLICY="$POLICY"
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
		sum(status <> 'closed') || ' open, ' || sum(next_due < $NOW) ||
		' late or due to resume at NOW), '
		|| (SELECT count(*) FROM events) || ' events ('
		|| (SELECT count(*) FROM events WHERE kind = 'escalated')
		|| ' escalated), created '
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
