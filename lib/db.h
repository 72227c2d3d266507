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

/* Turns the connection's last error into an FQ_E* code and message. */
int db_error(struct fq *fq, const char *what);

/* The schema version this binary writes (schema.c). */
int schema_version(void);
/* Applies the numbered migrations up to schema_version(). */
int schema_migrate(struct fq *fq);

#endif
