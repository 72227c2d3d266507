/*
 * sqlite-complete.c - the SQLite driver's read for shell completion: the
 * case ids that begin with what was typed, those not closed first.  It
 * runs on every press of TAB, so it reads through the primary key and
 * the partial index cases_active, with a LIMIT, and never scans.
 */
#include <limits.h>
#include <string.h>

#include "sqlite-ops.h"
#include "sqlite-stmt.h"

/*
 * The cases not closed in [lo, hi], newest first: their ids from
 * cases_active (a partial index, used only when the query says status
 * <> 'closed' literally; the IN list gives the index its status = ?
 * seeks, and is every status but closed of the schema's CHECK), then
 * the few rows themselves.
 */
#define ACTIVE_SQL \
	"SELECT id, status, summary FROM cases WHERE id IN (" \
	"  SELECT id FROM cases WHERE status IN ('open', 'replied', " \
	"  'declined') AND status <> 'closed' AND id BETWEEN :lo AND :hi " \
	"  ORDER BY id DESC LIMIT :n) " \
	"ORDER BY id DESC"

/* The closed cases in [lo, hi], newest first, along the primary key. */
#define CLOSED_SQL \
	"SELECT id, status, summary FROM cases WHERE status = 'closed' " \
	"AND id BETWEEN :lo AND :hi ORDER BY id DESC LIMIT :n"

#define MAX_RANGES 19

/*
 * The ranges of ids whose decimal digits begin with prefix p (0: any
 * id), up to max, highest first: for 12, [120000, 129999], ..., [12, 12].
 * Returns how many.
 */
static int
ranges(long long p, long long max, long long *lo, long long *hi)
{
	long long scale = 1;
	int n = 0, i;

	if (p == 0) {
		lo[0] = 1;
		hi[0] = max;
		return max > 0;
	}
	while (n < MAX_RANGES && p <= max / scale) {
		lo[n] = p * scale;
		hi[n] = lo[n] + (scale - 1);
		n++;
		if (scale > LLONG_MAX / 10)
			break;
		scale *= 10;
	}
	for (i = 0; i < n / 2; i++) {
		long long l = lo[i], h = hi[i];

		lo[i] = lo[n - 1 - i], hi[i] = hi[n - 1 - i];
		lo[n - 1 - i] = l, hi[n - 1 - i] = h;
	}
	return n;
}

/* Calls fn for the rows of sql over each range, up to *left of them. */
static int
each_in(struct fq *fq, const char *sql, const long long *lo,
	const long long *hi, int n, int *left,
	int (*fn)(struct fq *, long long, const char *, const char *, void *),
	void *arg)
{
	struct sq q;
	int i, rc = 0, done;

	for (i = 0; i < n && *left > 0 && rc == 0; i++) {
		sq_prepare(fq, &q, sql);
		sq_int(&q, ":lo", lo[i]);
		sq_int(&q, ":hi", hi[i]);
		sq_int(&q, ":n", *left);
		while (rc == 0 && sq_step(&q) == 1) {
			(*left)--;
			rc = fn(fq, sq_col_int(&q, 0), sq_col_peek(&q, 1),
				sq_col_peek(&q, 2), arg);
		}
		done = sq_done(&q);
		rc = rc ? rc : done;
	}
	return rc;
}

int
sqlite_complete_ids(struct fq *fq, long long prefix, int limit,
		    int (*fn)(struct fq *, long long, const char *,
			      const char *, void *), void *arg)
{
	long long lo[MAX_RANGES], hi[MAX_RANGES], max;
	int n, rc, left = limit;
	struct sq q;

	sq_prepare(fq, &q, "SELECT max(id) FROM cases");
	if ((rc = sq_one_int(&q, &max, NULL)))
		return rc;
	n = ranges(prefix, max, lo, hi);
	if ((rc = each_in(fq, ACTIVE_SQL, lo, hi, n, &left, fn, arg)))
		return rc;
	return each_in(fq, CLOSED_SQL, lo, hi, n, &left, fn, arg);
}
