#!/usr/bin/env bats
#
# store.bats - the store (lib/store/): its unit tests (build/store-test:
# checked binds, one-value helpers, driver choice), what --db does with a
# PostgreSQL URL in a build without that driver, and the write lock: a
# writer waits for another, gives up past the timeout with 75 and writes
# nothing, while readers go on.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

# A lock holder left by a failed test lets go.
teardown() {
	touch "$BATS_TEST_TMPDIR/go"
}

@test "store: unit tests of checked binds, one-value helpers and driver choice" {
	run make -s -C "$TOP" build/store-test
	assert_success
	run "$TOP/build/store-test" "$BATS_TEST_TMPDIR"
	printf '%s\n' "$output"
	assert_success
	refute_line --partial "not ok"
	assert_line --regexp '^1\.\.[1-9]'
}

@test "store: a postgresql:// or postgres:// --db is a config error (78) in this build" {
	run -78 --separate-stderr fq --db postgresql://fq@localhost/fq list
	assert_equal "$stderr" "fq: list: fq was built without the PostgreSQL driver"
	assert_output ""
	FQ_DB=postgres://localhost/fq run -78 --separate-stderr fq init
	assert_equal "$stderr" "fq: init: fq was built without the PostgreSQL driver"
	assert_output ""
}

@test "store: a path that only looks like a URL is still a file" {
	run -66 --separate-stderr fq --db "$BATS_TEST_TMPDIR/postgres:/x.db" list
	assert_equal "$stderr" "fq: list: no database at '$BATS_TEST_TMPDIR/postgres:/x.db'; run 'fq init' first (or pass --db)"
}

@test "store: a writer waits for the write lock and gives up with 75, writing nothing; readers go on" {
	id=$(log_case "客人要一瓶胶水")
	snap=$(db_digest)
	locked="$BATS_TEST_TMPDIR/locked" go="$BATS_TEST_TMPDIR/go"
	# Another writer holds the lock until told to let go.
	printf 'BEGIN IMMEDIATE;\n.shell touch %s\n.shell while [ ! -e %s ]; do sleep 0.1; done\nROLLBACK;\n' \
		"$locked" "$go" | sqlite3 "$FQ_DB" 3>&- &
	holder=$!
	while [ ! -e "$locked" ]; do sleep 0.1; done
	run -0 fq list
	assert_output --partial "客人要一瓶胶水"
	run -75 --separate-stderr fq follow "$id" "再催一次"
	touch "$go"
	wait "$holder"
	assert_equal "$stderr" "fq: follow: the database stayed busy for 10 s (another fq is writing); nothing was written, try again"
	assert_output ""
	assert_equal "$(db_digest)" "$snap"
	run -0 fq follow "$id" "再催一次"
}
