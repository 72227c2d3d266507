/*
 * store-test.c - unit tests of the store (lib/store/), as a TAP program:
 * the driver choice, the SQLite driver's checked binds and one-value
 * helpers, and a few of the guarantees store.h makes.
 *
 *   store-test DIR	(a scratch directory for the database)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite-stmt.h"
#include "store.h"

static int tests, failed;

/* One TAP line. */
static void
ok(int pass, const char *what, const struct fq *fq)
{
	tests++;
	if (!pass)
		failed++;
	printf("%s %d - %s\n", pass ? "ok" : "not ok", tests, what);
	if (!pass && fq->err)
		printf("# fq->err: %s\n", fq->err);
}

/* 1 when the last error is `code` with exactly `msg`. */
static int
failed_with(const struct fq *fq, int rc, int code, const char *msg)
{
	return rc == code && fq->err && !strcmp(fq->err, msg);
}

/* A context as main() makes it, with no store open. */
static void
fresh(struct fq *fq)
{
	memset(fq, 0, sizeof(*fq));
	fq->cmd = "test";
	fq->mem = arena_new();
}

static void
test_driver_choice(void)
{
	struct fq fq;
	int rc;

	fresh(&fq);
	rc = store_open(&fq, "postgresql://fq@localhost/fq", 0);
	ok(failed_with(&fq, rc, FQ_ECONFIG, "fq was built without the "
		       "PostgreSQL driver") && !fq.store,
	   "a postgresql:// URL is FQ_ECONFIG without the driver", &fq);
	arena_free(fq.mem);
	fresh(&fq);
	rc = store_open(&fq, "postgres://localhost", 1);
	ok(failed_with(&fq, rc, FQ_ECONFIG, "fq was built without the "
		       "PostgreSQL driver"),
	   "so is a postgres:// URL, even to create", &fq);
	store_close(&fq);
	store_rollback(&fq);
	ok(!store_writing(&fq), "close and rollback are safe with no store",
	   &fq);
	arena_free(fq.mem);
}

static void
test_checked_binds(struct fq *fq)
{
	struct sq q;
	long long n;
	int rc;

	sq_prepare(fq, &q, "SELECT :a + 1");
	sq_int(&q, ":a", 41);
	rc = sq_one_int(&q, &n, NULL);
	ok(rc == 0 && n == 42, "a bound parameter is used", fq);

	sq_prepare(fq, &q, "INSERT INTO cases (summary, via, category, "
			   "department, owner, created_at, updated_at) "
			   "VALUES ('x', 'desk', 'c', 'd', 'o', 1, 1)");
	sq_int(&q, ":nope", 1);
	rc = sq_run(&q);
	ok(failed_with(fq, rc, FQ_EINTERNAL, "bind: the statement has no "
		       "parameter ':nope'"),
	   "binding a parameter the statement lacks is FQ_EINTERNAL, named",
	   fq);
	store_cases_count(fq, &n);
	ok(n == 0, "... and the statement is not run", fq);

	sq_prepare(fq, &q, "SELECT :a");
	sq_text(&q, ":b", "x");
	sq_text(&q, ":c", "y");
	sq_text(&q, ":a", "z");
	rc = sq_done(&q);
	ok(failed_with(fq, rc, FQ_EINTERNAL, "bind: the statement has no "
		       "parameter ':b'"),
	   "the first bad bind is the one reported", fq);

	{
		static const char *const names[] = { ":id", ":missing" };
		struct sq_bulk b;

		rc = sq_bulk_prepare(fq, &b, "SELECT :id", names, 2);
		sq_bulk_done(&b);
		ok(failed_with(fq, rc, FQ_EINTERNAL, "bind: the statement has "
			       "no parameter ':missing'"),
		   "a bulk statement checks its parameters once, named", fq);
	}
}

static void
test_one_value(struct fq *fq)
{
	const char *s = "unset";
	struct sq q;
	long long n = -1;
	int found = -1, rc;

	sq_prepare(fq, &q, "SELECT 1 WHERE 0");
	rc = sq_one_int(&q, &n, &found);
	ok(rc == 0 && n == 0 && found == 0, "one integer: no row is 0, not "
	   "found", fq);
	sq_prepare(fq, &q, "SELECT 7");
	rc = sq_one_int(&q, &n, &found);
	ok(rc == 0 && n == 7 && found == 1, "one integer: a row", fq);
	sq_prepare(fq, &q, "SELECT NULL");
	rc = sq_one_text(&q, &s);
	ok(rc == 0 && s == NULL, "one text: null is NULL", fq);
	sq_prepare(fq, &q, "SELECT :t");
	sq_text(&q, ":t", "中文");
	rc = sq_one_text(&q, &s);
	ok(rc == 0 && s && !strcmp(s, "中文"), "one text: UTF-8 as it is",
	   fq);
	sq_prepare(fq, &q, "SELECT nonsense FROM nowhere");
	rc = sq_one_int(&q, &n, NULL);
	ok(rc == FQ_EINTERNAL && n == 0, "one integer: a bad statement is "
	   "FQ_EINTERNAL", fq);
}

static void
test_store(struct fq *fq)
{
	struct fq_case c;
	const char *digest = "unset";
	long long id = -1;
	int found = -1, rc;

	rc = store_case_get(fq, 7, &c);
	ok(failed_with(fq, rc, FQ_ENOINPUT, "no case #7"),
	   "a missing case is FQ_ENOINPUT 'no case #7'", fq);
	rc = store_case_by_key(fq, "k-1", &c, &found);
	ok(rc == 0 && found == 0, "no case has an unused key", fq);
	rc = store_chain_head(fq, &id, &digest);
	ok(rc == 0 && id == 0 && digest == NULL, "an empty chain's head is "
	   "0 and NULL", fq);
	ok(!store_writing(fq), "not writing before store_begin", fq);
	rc = store_begin(fq);
	ok(rc == 0 && store_writing(fq), "writing after store_begin", fq);
	store_rollback(fq);
	ok(!store_writing(fq), "not writing after store_rollback", fq);
}

int
main(int argc, char **argv)
{
	struct fq fq;
	char *path;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: store-test DIR\n");
		return 64;
	}
	test_driver_choice();
	fresh(&fq);
	path = arena_printf(fq.mem, "%s/store-test.db", argv[1]);
	rc = store_open(&fq, path, 1);
	ok(rc == 0 && store_schema_version(&fq) > 0,
	   "store_open creates an SQLite database at a path", &fq);
	if (rc == 0) {
		test_checked_binds(&fq);
		test_one_value(&fq);
		test_store(&fq);
	}
	store_close(&fq);
	arena_free(fq.mem);
	printf("1..%d\n", tests);
	return failed != 0;
}
