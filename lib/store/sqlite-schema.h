/*
 * sqlite-schema.h - the SQLite driver's schema, as numbered migrations.
 * The driver's open calls it; it calls nothing above sqlite-stmt.c.
 */
#ifndef FQ_SQLITE_SCHEMA_H
#define FQ_SQLITE_SCHEMA_H

#include "fq.h"

/* The schema version this binary writes. */
int sqlite_schema_version(void);
/*
 * Applies the numbered migrations up to sqlite_schema_version(), in one
 * BEGIN IMMEDIATE transaction; refuses a database written by a newer fq
 * (FQ_ENOINPUT).
 */
int sqlite_schema_migrate(struct fq *fq);

/*
 * Runs every migration on `db`, a new empty database (an in-memory one:
 * the reference fq verify compares a schema with).  0, or -1 with the
 * error in `db`.
 */
struct sqlite3;
int sqlite_schema_reference(struct sqlite3 *db);

/* The secondary indexes a bulk load dropped, to be made again. */
struct sqlite_indexes {
	const char **sql;	/* CREATE INDEX statements, from fq->mem */
	int n;
};

/*
 * Drops the secondary indexes of cases and events (as the schema
 * defines them, read back from sqlite_schema), keeping their SQL in *ix
 * for sqlite_indexes_make().  Inside the caller's transaction: a
 * rollback brings them back.
 */
int sqlite_indexes_drop(struct fq *fq, struct sqlite_indexes *ix);
/* Makes the indexes sqlite_indexes_drop() dropped again. */
int sqlite_indexes_make(struct fq *fq, const struct sqlite_indexes *ix);

#endif
