/*
 * sqlite-stmt.c - the SQLite driver's prepare/bind/step helpers and its
 * error messages (see sqlite-stmt.h).
 */
#include <stdlib.h>

#include "sqlite-stmt.h"

int
sq_error(struct fq *fq, const char *what)
{
	sqlite3 *db = fq->store ? SQ_DB(fq) : NULL;
	int rc = db ? sqlite3_errcode(db) : SQLITE_ERROR;
	const char *msg = db ? sqlite3_errmsg(db) : "no connection";

	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return fq_fail(fq, FQ_EBUSY, STORE_BUSY, SQLITE_BUSY_MS / 1000);
	if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN ||
	    rc == SQLITE_PERM)
		return fq_fail(fq, FQ_ENOINPUT, "cannot %s '%s': %s", what,
			       fq->db_path, msg);
	return fq_fail(fq, FQ_EINTERNAL, "%s: %s", what, msg);
}

int
sq_exec(struct fq *fq, const char *sql)
{
	if (sqlite3_exec(SQ_DB(fq), sql, NULL, NULL, NULL) != SQLITE_OK)
		return sq_error(fq, "database");
	return 0;
}

/* With $FQ_DEBUG_SQL set, each statement prepared (tests/plans.bats). */
static void
debug_sql(struct fq *fq, const char *sql)
{
	static int on = -1;

	if (on < 0)
		on = getenv("FQ_DEBUG_SQL") != NULL;
	if (on)
		fq_warn(fq, "sql: %s", sql);
}

int
sq_prepare(struct fq *fq, struct sq *q, const char *sql)
{
	debug_sql(fq, sql);
	q->fq = fq;
	q->st = NULL;
	q->rc = 0;
	if (sqlite3_prepare_v2(SQ_DB(fq), sql, -1, &q->st, NULL) != SQLITE_OK)
		q->rc = sq_error(fq, "prepare");
	return q->rc;
}

/*
 * The index of parameter `name`, or 0 after keeping an internal error
 * (none when the statement failed already).
 */
static int
param(struct sq *q, const char *name)
{
	int i;

	if (q->rc)
		return 0;
	if (!(i = sqlite3_bind_parameter_index(q->st, name)))
		q->rc = fq_fail(q->fq, FQ_EINTERNAL, "bind: the statement has "
				"no parameter '%s'", name);
	return i;
}

/* Keeps the error of a failed bind. */
static void
bound(struct sq *q, int rc)
{
	if (rc != SQLITE_OK && !q->rc)
		q->rc = sq_error(q->fq, "bind");
}

void
sq_text(struct sq *q, const char *name, const char *v)
{
	int i = param(q, name);

	if (!i)
		return;
	if (v)
		bound(q, sqlite3_bind_text(q->st, i, v, -1, SQLITE_TRANSIENT));
	else
		bound(q, sqlite3_bind_null(q->st, i));
}

void
sq_int(struct sq *q, const char *name, long long v)
{
	int i = param(q, name);

	if (i)
		bound(q, sqlite3_bind_int64(q->st, i, v));
}

void
sq_time(struct sq *q, const char *name, time_t t)
{
	int i = param(q, name);

	if (!i)
		return;
	if (t)
		bound(q, sqlite3_bind_int64(q->st, i, (long long)t));
	else
		bound(q, sqlite3_bind_null(q->st, i));
}

int
sq_has(const struct sq *q, const char *name)
{
	return q->st && sqlite3_bind_parameter_index(q->st, name) != 0;
}

int
sq_step(struct sq *q)
{
	int rc;

	if (q->rc)
		return -1;
	rc = sqlite3_step(q->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	q->rc = sq_error(q->fq, "database");
	return -1;
}

void
sq_reset(struct sq *q)
{
	if (q->st)
		sqlite3_reset(q->st);
}

int
sq_done(struct sq *q)
{
	sqlite3_finalize(q->st);
	q->st = NULL;
	return q->rc;
}

int
sq_run(struct sq *q)
{
	sq_step(q);
	return sq_done(q);
}

int
sq_one_int(struct sq *q, long long *v, int *found)
{
	int row = sq_step(q);

	*v = row == 1 ? sq_col_int(q, 0) : 0;
	if (found)
		*found = row == 1;
	return sq_done(q);
}

int
sq_one_text(struct sq *q, const char **v)
{
	*v = sq_step(q) == 1 ? sq_col_text(q, 0) : NULL;
	return sq_done(q);
}

long long
sq_col_int(const struct sq *q, int i)
{
	return sqlite3_column_int64(q->st, i);
}

int
sq_col_null(const struct sq *q, int i)
{
	return sqlite3_column_type(q->st, i) == SQLITE_NULL;
}

const char *
sq_col_text(const struct sq *q, int i)
{
	return arena_strdup(q->fq->mem, sq_col_peek(q, i));
}

const char *
sq_col_peek(const struct sq *q, int i)
{
	return (const char *)sqlite3_column_text(q->st, i);
}

int
sq_bulk_prepare(struct fq *fq, struct sq_bulk *b, const char *sql,
		const char *const *names, int n)
{
	int i;

	debug_sql(fq, sql);
	b->st = NULL;
	if (n > SQ_BULK_MAX)
		return fq_fail(fq, FQ_EINTERNAL, "bind: more than %d "
			       "parameters", SQ_BULK_MAX);
	if (sqlite3_prepare_v2(SQ_DB(fq), sql, -1, &b->st, NULL) != SQLITE_OK)
		return sq_error(fq, "prepare");
	for (i = 0; i < n; i++)
		if (!(b->p[i] = sqlite3_bind_parameter_index(b->st, names[i])))
			return fq_fail(fq, FQ_EINTERNAL, "bind: the statement "
				       "has no parameter '%s'", names[i]);
	return 0;
}

void
sq_bulk_text(const struct sq_bulk *b, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(b->st, b->p[i], s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(b->st, b->p[i]);
}

void
sq_bulk_int(const struct sq_bulk *b, int i, long long v)
{
	sqlite3_bind_int64(b->st, b->p[i], v);
}

void
sq_bulk_time(const struct sq_bulk *b, int i, time_t t)
{
	if (t)
		sqlite3_bind_int64(b->st, b->p[i], (long long)t);
	else
		sqlite3_bind_null(b->st, b->p[i]);
}

int
sq_bulk_step(struct fq *fq, struct sq_bulk *b, int *ext)
{
	int rc = sqlite3_step(b->st), err = 0;

	*ext = SQLITE_OK;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		*ext = sqlite3_extended_errcode(SQ_DB(fq));
		err = sq_error(fq, "database");
	}
	sqlite3_reset(b->st);
	sqlite3_clear_bindings(b->st);
	return err;
}

void
sq_bulk_done(struct sq_bulk *b)
{
	sqlite3_finalize(b->st);
	b->st = NULL;
}
