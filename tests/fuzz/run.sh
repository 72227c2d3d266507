#!/bin/sh
# tests/fuzz/run.sh SECONDS TARGET... - runs each libFuzzer target of
# build/fuzz/ for SECONDS (make fuzz; tests/fuzz/README).  New inputs go
# to build/fuzz/corpus/TARGET (kept between runs), the seeds are read from
# tests/fuzz/seeds/TARGET; a crash, a leak, a timeout or an out-of-memory
# leaves its input as build/fuzz/crash-TARGET-* and fails the run.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=$1
shift
failed=""
for t in "$@"; do
	case $t in
	policy) opts="-max_len=32768 -dict=$top/tests/fuzz/policy.dict" ;;
	json) opts="-max_len=8192 -dict=$top/tests/fuzz/json.dict" ;;
	import) opts="-max_len=16384 -dict=$top/tests/fuzz/json.dict" ;;
	when) opts="-max_len=128" ;;
	*) opts="" ;;
	esac
	mkdir -p "$top/build/fuzz/corpus/$t"
	echo "fuzz: $t for ${secs}s"
	# shellcheck disable=SC2086
	if ! "$top/build/fuzz/fuzz-$t" -max_total_time="$secs" -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 $opts \
	    -artifact_prefix="$top/build/fuzz/crash-$t-" \
	    "$top/build/fuzz/corpus/$t" "$top/tests/fuzz/seeds/$t" \
	    >"$top/build/fuzz/$t.log" 2>&1; then
		failed="$failed $t"
		tail -n 60 "$top/build/fuzz/$t.log"
	fi
	grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' \
		"$top/build/fuzz/$t.log" | sed "s/^/fuzz: $t: /"
done
if [ -n "$failed" ]; then
	echo "fuzz: crashes in:$failed (inputs: build/fuzz/crash-*)"
	exit 1
fi
echo "fuzz: $# targets, 0 crashes"
