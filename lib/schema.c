/*
 * schema.c - the database schema, as numbered migrations.
 *
 * PRAGMA user_version is the number of migrations applied.  A database
 * with a higher number was written by a newer fq and is refused.  The
 * schema is documented for administrators in fq(1), FILES: keep that page
 * in step with what is here.
 *
 * Times are integer seconds since 1970-01-01 UTC (read them in the
 * sqlite3 shell with datetime(created_at, 'unixepoch', 'localtime')).
 */
#include <stdio.h>

#include "db.h"
#include "search-store.h"

/* A migration: SQL, then a function for what SQL cannot do alone. */
struct migration {
	const char *sql;		/* NULL: none */
	int (*fn)(struct fq *fq);	/* NULL: none */
};

static const struct migration migrations[] = {
	/* 1: cases, their append-only events, and the indexes fq's queries use. */
	{ "CREATE TABLE cases (\n"
	"  id            INTEGER PRIMARY KEY,\n"
	"  summary       TEXT NOT NULL,\n"
	"  details       TEXT,\n"
	"  guest_name    TEXT,\n"
	"  room          TEXT,\n"
	"  phone         TEXT,\n"
	"  via           TEXT NOT NULL,\n"
	"  category      TEXT NOT NULL,    -- policy category id\n"
	"  department    TEXT NOT NULL,    -- the holding department's id\n"
	"  handler       TEXT,             -- staff id; NULL until accepted\n"
	"  owner         TEXT NOT NULL,    -- first-responsible; never changes\n"
	"  status        TEXT NOT NULL DEFAULT 'open'\n"
	"                CHECK (status IN ('open','replied','closed','declined')),\n"
	"  major         INTEGER NOT NULL DEFAULT 0,\n"
	"  first_contact INTEGER NOT NULL DEFAULT 0, -- settled at intake\n"
	"  waiting_since INTEGER,          -- clocks stopped (fq wait)\n"
	"  waiting_until INTEGER,          -- resumes by itself then\n"
	"  created_at    INTEGER NOT NULL,\n"
	"  updated_at    INTEGER NOT NULL,\n"
	"  closed_at     INTEGER,\n"
	"  due_accept    INTEGER,          -- pending deadlines; NULL when none\n"
	"  due_reply     INTEGER,\n"
	"  due_resolve   INTEGER,\n"
	"  due_promise   INTEGER,\n"
	"  next_due      INTEGER,          -- earliest pending deadline\n"
	"  request_key   TEXT UNIQUE       -- idempotency key (fq log --key)\n"
	");\n"
	"CREATE INDEX cases_due ON cases(next_due, department, handler, owner)\n"
	"  WHERE next_due IS NOT NULL;\n"
	"CREATE INDEX cases_created ON cases(created_at, department);\n"
	"CREATE INDEX cases_active ON cases(status, id)\n"
	"  WHERE status <> 'closed';\n"
	"CREATE TABLE events (\n"
	"  id       INTEGER PRIMARY KEY,   -- global order of the hash chain\n"
	"  case_id  INTEGER NOT NULL REFERENCES cases(id),\n"
	"  seq      INTEGER NOT NULL,      -- 1, 2, ... within the case\n"
	"  at       INTEGER NOT NULL,\n"
	"  actor    TEXT NOT NULL,\n"
	"  kind     TEXT NOT NULL,\n"
	"  data     TEXT NOT NULL DEFAULT '{}', -- JSON object, keys per kind\n"
	"  prev     TEXT NOT NULL,         -- the previous event's digest\n"
	"  digest   TEXT NOT NULL,         -- SHA-256 over prev and this event\n"
	"  UNIQUE (case_id, seq)\n"
	");\n"
	"CREATE INDEX events_kind ON events(kind, at);\n"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events\n"
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;\n"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events\n"
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;\n",
	  NULL },
	/* 2: the search index (sqlite-search.c), for the cases there are. */
	{ NULL, search_migrate },
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int
schema_version(void)
{
	return NMIGRATIONS;
}

/* The database's PRAGMA user_version, or -1 after fq_fail(). */
static int
user_version(struct fq *fq)
{
	sqlite3_stmt *st = db_prepare(fq, "PRAGMA user_version");
	int v = -1;

	if (st && db_step(fq, st) == 1)
		v = (int)col_int(st, 0);
	db_finish(st);
	return v;
}

/* Applies migration n (1-based) and records it, in one transaction. */
static int
apply(struct fq *fq, int n)
{
	const struct migration *m = &migrations[n - 1];
	char sql[64];
	int rc;

	if ((m->sql && (rc = db_exec(fq, m->sql))) ||
	    (m->fn && (rc = m->fn(fq))))
		return rc;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", n);
	return db_exec(fq, sql);
}

int
schema_migrate(struct fq *fq)
{
	int v, rc;

	if ((v = user_version(fq)) < 0)
		return fq->err_code;
	if (v > NMIGRATIONS)
		return fq_fail(fq, FQ_ENOINPUT,
			       "database '%s' was written by a newer fq "
			       "(schema %d, this fq knows %d); upgrade fq",
			       fq->db_path, v, NMIGRATIONS);
	if (v == NMIGRATIONS)
		return 0;
	if ((rc = db_begin(fq)))
		return rc;
	/* Another process may have migrated while we waited for the lock. */
	if ((v = user_version(fq)) < 0) {
		db_rollback(fq);
		return fq->err_code;
	}
	for (v = v + 1; v <= NMIGRATIONS; v++)
		if ((rc = apply(fq, v))) {
			db_rollback(fq);
			return rc;
		}
	return db_commit(fq);
}
