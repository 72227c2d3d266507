/*
 * db.h - the SQLite connection and small helpers that make database code
 * read like prose (after fossil's db.c).
 *
 * Every value is bound with sqlite3_bind_* by :name; user text is never
 * formatted into SQL.  Writing commands run inside db_begin()/db_commit(),
 * which is BEGIN IMMEDIATE: SQLite cannot upgrade a read transaction to a
 * write under contention without failing at once (see SQLITE.md).
 */
#ifndef FQ_DB_H
#define FQ_DB_H

#include <sqlite3.h>
#include "fq.h"

#define DB_BUSY_MS 10000	/* how long to wait for another writer */

/*
 * Opens the database at `path`.  With `create`, makes it (mode 0660, its
 * directory too) when missing; without, a missing file is FQ_ENOINPUT
 * ("run 'fq init' first").  Refuses network filesystems, hardens the
 * connection and brings the schema up to date (schema.c).
 */
int db_open(struct fq *fq, const char *path, int create);
void db_close(struct fq *fq);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
int db_begin(struct fq *fq);
int db_commit(struct fq *fq);
void db_rollback(struct fq *fq);

/* Runs SQL without results (schema, pragmas). */
int db_exec(struct fq *fq, const char *sql);

/* Prepares a statement; NULL after fq_fail() when it cannot. */
sqlite3_stmt *db_prepare(struct fq *fq, const char *sql);
/*
 * Steps: 1 for a row, 0 when done, -1 after fq_fail() (busy: FQ_EBUSY,
 * a constraint or anything else: FQ_EINTERNAL).
 */
int db_step(struct fq *fq, sqlite3_stmt *st);
/* Finalizes; returns 0 (safe with NULL). */
void db_finish(sqlite3_stmt *st);
/* Steps a statement that returns no rows, then finalizes it. */
int db_run(struct fq *fq, sqlite3_stmt *st);

/* Binding by :name; a NULL string, or 0 time with bind_time, binds null. */
void bind_text(sqlite3_stmt *st, const char *name, const char *v);
void bind_int(sqlite3_stmt *st, const char *name, long long v);
void bind_time(sqlite3_stmt *st, const char *name, time_t t);

/* Column values; text is copied into fq->mem (NULL for null). */
const char *col_text(struct fq *fq, sqlite3_stmt *st, int i);
long long col_int(sqlite3_stmt *st, int i);

/*
 * A statement run once per row of a bulk load (fq import): its :name
 * parameters are looked up once, text is bound without a copy (it must
 * outlive the step), and each step resets and clears the bindings.
 */
#define DB_BULK_MAX 32
struct db_bulk {
	sqlite3_stmt *st;
	int p[DB_BULK_MAX];	/* parameter index of names[i] */
};

/* Prepares `sql` and finds its n parameters `names`; 0 or an FQ_E* code. */
int db_bulk_prepare(struct fq *fq, struct db_bulk *b, const char *sql,
		    const char *const *names, int n);
void bulk_text(const struct db_bulk *b, int i, const char *s);
void bulk_int(const struct db_bulk *b, int i, long long v);
void bulk_time(const struct db_bulk *b, int i, time_t t);	/* 0: null */
/* One step: 0 done, -1 after fq_fail() with *ext the extended code. */
int db_bulk_step(struct fq *fq, struct db_bulk *b, int *ext);

/* Turns the connection's last error into an FQ_E* code and message. */
int db_error(struct fq *fq, const char *what);

/* The schema version this binary writes (schema.c). */
int schema_version(void);
/* Applies the numbered migrations up to schema_version(). */
int schema_migrate(struct fq *fq);

#endif
