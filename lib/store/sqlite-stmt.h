/*
 * sqlite-stmt.h - the SQLite driver's connection struct and the small
 * helpers that make its queries read like prose (after fossil's db.c):
 *
 *	struct sq q;
 *
 *	sq_prepare(fq, &q, "SELECT max(seq) FROM events WHERE case_id = :case");
 *	sq_int(&q, ":case", id);
 *	return sq_one_int(&q, &seq);
 *
 * Every value is bound by :name; user text is never formatted into SQL.
 * Binding a name the statement lacks is a bug and fails the statement
 * with FQ_EINTERNAL, naming the parameter.  The first error (prepare,
 * bind, step) is kept in the statement: later binds and steps do
 * nothing, and sq_done() returns it, so a query is written without an
 * error check after every line.
 *
 * Only the SQLite driver's files (store/sqlite*.c) include this.
 */
#ifndef FQ_SQLITE_STMT_H
#define FQ_SQLITE_STMT_H

#include <sqlite3.h>
#include "store-private.h"

#define SQLITE_BUSY_MS 10000	/* how long to wait for another writer */

/* The connection (fq->store points to its first member). */
struct sqlite_store {
	struct store base;
	sqlite3 *db;
};

/* The connection of fq's store. */
#define SQ_DB(fq) (((struct sqlite_store *)(fq)->store)->db)

/* Turns the connection's last error into an FQ_E* code and message. */
int sq_error(struct fq *fq, const char *what);
/* Runs SQL without results (schema, pragmas, transactions). */
int sq_exec(struct fq *fq, const char *sql);

/* A statement, and the first error met while using it. */
struct sq {
	struct fq *fq;
	sqlite3_stmt *st;
	int rc;			/* 0, or an FQ_E* code after fq_fail() */
};

/* Prepares sql into q; returns q->rc (q is safe to use either way). */
int sq_prepare(struct fq *fq, struct sq *q, const char *sql);
/* Binding by :name; a NULL string, or a 0 time, binds null. */
void sq_text(struct sq *q, const char *name, const char *v);
void sq_int(struct sq *q, const char *name, long long v);
void sq_time(struct sq *q, const char *name, time_t t);
/* 1 when the statement has the parameter (for SQL that varies). */
int sq_has(const struct sq *q, const char *name);
/* Steps: 1 for a row, 0 when done, -1 once an error is kept in q->rc. */
int sq_step(struct sq *q);
/* Resets a statement to run again (the bindings stay). */
void sq_reset(struct sq *q);
/* Finalizes; returns q->rc. */
int sq_done(struct sq *q);
/* Steps a statement that returns no rows, then finalizes it. */
int sq_run(struct sq *q);
/*
 * Steps once and finalizes, giving column 0 of the first row: as an
 * integer (0 for null or no row), or as text in fq->mem (NULL for null
 * or no row).  *found, when not NULL, says whether there was a row.
 */
int sq_one_int(struct sq *q, long long *v, int *found);
int sq_one_text(struct sq *q, const char **v);

/* Column values of the current row. */
long long sq_col_int(const struct sq *q, int i);
int sq_col_null(const struct sq *q, int i);
/* Text copied into fq->mem (NULL for null). */
const char *sq_col_text(const struct sq *q, int i);
/* Text as SQLite holds it: valid until the next step (NULL for null). */
const char *sq_col_peek(const struct sq *q, int i);

/*
 * A statement run once per row of a bulk load (fq import): its :name
 * parameters are looked up once (each must exist), text is bound
 * without a copy (it must outlive the step), and each step resets and
 * clears the bindings.
 */
#define SQ_BULK_MAX 32
struct sq_bulk {
	sqlite3_stmt *st;
	int p[SQ_BULK_MAX];	/* parameter index of names[i] */
};

/* Prepares sql and finds its n parameters `names`; 0 or an FQ_E* code. */
int sq_bulk_prepare(struct fq *fq, struct sq_bulk *b, const char *sql,
		    const char *const *names, int n);
void sq_bulk_text(const struct sq_bulk *b, int i, const char *s);
void sq_bulk_int(const struct sq_bulk *b, int i, long long v);
void sq_bulk_time(const struct sq_bulk *b, int i, time_t t);	/* 0: null */
/* One step: 0 done, or an FQ_E* code with *ext SQLite's extended code. */
int sq_bulk_step(struct fq *fq, struct sq_bulk *b, int *ext);
/* Finalizes (safe on a statement never prepared). */
void sq_bulk_done(struct sq_bulk *b);

#endif
