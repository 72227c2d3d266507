/*
 * sqlite-schema.c - the SQLite database's schema, as numbered migrations.
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

#include "sqlite-schema.h"
#include "sqlite-search.h"
#include "sqlite-stmt.h"

static const char *const migrations[] = {
	/* 1: cases, their append-only events, and the indexes fq's queries use. */
	"CREATE TABLE cases (\n"
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
	/* 2: each event's digest version (chain.h); the older events are 1. */
	"ALTER TABLE events ADD COLUMN\n"
	"  version  INTEGER NOT NULL DEFAULT 1; -- how its digest is framed\n",

	/* 3: the search index (sqlite-search.c; search.h for its tokens). */
	"-- The gram tokens of each case's texts, by case id; no content.\n"
	"CREATE VIRTUAL TABLE search_grams USING fts5(body, head,\n"
	"  content = '', tokenize = 'ascii');\n"
	"-- Tokens gathered in memory before they are written: one command\n"
	"-- gathers a few hundred, an import or a rebuild millions (64 MiB\n"
	"-- of them make a quarter fewer segments to merge than 16 MiB).\n"
	"INSERT INTO search_grams (search_grams, rank)\n"
	"  VALUES ('hashsize', 67108864);\n"
	"-- What the index holds of each case.\n"
	"CREATE TABLE search_cases (\n"
	"  case_id INTEGER PRIMARY KEY,  -- a case the index holds\n"
	"  upto    INTEGER NOT NULL,     -- the last event whose text it has\n"
	"  digest  INTEGER NOT NULL      -- FNV-1a of its tokens\n"
	");\n",

	/*
	 * 4: the escalation ladder's memory (sqlite-overdue.c), and the
	 * index of the cases with a promise.  `escalations` and `clocks`
	 * are derived from the events, never written by hand: fq folds the
	 * events after escalations_read.upto into them, in the write lock,
	 * before the ladder reads them; upto 0 folds in the whole history
	 * on the first run.
	 */
	"CREATE INDEX cases_promise ON cases(due_promise)\n"
	"  WHERE due_promise IS NOT NULL;\n"
	"CREATE TABLE escalations (\n"
	"  case_id   INTEGER NOT NULL,\n"
	"  deadline  TEXT NOT NULL,       -- accept, reply, resolve, promise;\n"
	"                                 -- '' for a manual or major one\n"
	"  level     TEXT NOT NULL,       -- 80%, 100%, ...; manual, major\n"
	"  staff     TEXT NOT NULL,       -- who was told; '' for a level\n"
	"                                 -- passed over by a higher one\n"
	"  seq       INTEGER NOT NULL,    -- the last escalated event of the\n"
	"  at        INTEGER NOT NULL,    -- case that named them, and when\n"
	"  mailed    INTEGER,             -- manual, major: the seq of the\n"
	"                                 -- last one mailed (or closed)\n"
	"  PRIMARY KEY (case_id, deadline, level, staff)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX escalations_unmailed ON escalations(deadline, case_id)\n"
	"  WHERE deadline = '' AND mailed IS NOT seq;\n"
	"CREATE TABLE clocks (\n"
	"  case_id      INTEGER PRIMARY KEY,\n"
	"  start        INTEGER NOT NULL, -- seq of the last logged or\n"
	"                                 -- reopened event\n"
	"  accept_start INTEGER NOT NULL  -- ... or transferred\n"
	");\n"
	"CREATE TABLE escalations_read (\n"
	"  upto      INTEGER NOT NULL     -- the last event folded in\n"
	");\n"
	"INSERT INTO escalations_read (upto) VALUES (0);\n",
	/* 5: the cases not closed by id, so that fq list (newest first,
	 * with a LIMIT) walks them in order once the planner has its
	 * statistics, rather than sorting every open case (cases_active
	 * is by status first). */
	"CREATE INDEX cases_open ON cases(id) WHERE status <> 'closed';\n",
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

/*
 * Migration 5's new index gets its statistics at once where the planner
 * has statistics already (PRAGMA optimize of SQLite 3.40 leaves a new
 * index out, and without them the planner keeps to cases_active).
 */
static int
analyze_open(struct fq *fq)
{
	struct sq q;
	long long n;
	int rc;

	sq_prepare(fq, &q, "SELECT count(*) FROM sqlite_schema "
		   "WHERE name = 'sqlite_stat1'");
	if ((rc = sq_one_int(&q, &n, NULL)))
		return rc;
	return n ? sq_exec(fq, "ANALYZE cases_open") : 0;
}

/*
 * What a migration does after its SQL, by its number: the search index
 * is filled for the cases the database has; the open cases' index is
 * analysed.
 */
static int (*const after[NMIGRATIONS + 1])(struct fq *fq) = {
	[3] = sqlite_search_fill,
	[5] = analyze_open,
};

int
sqlite_schema_version(void)
{
	return NMIGRATIONS;
}

/* The database's PRAGMA user_version, or -1 after fq_fail(). */
static int
user_version(struct fq *fq)
{
	struct sq q;
	long long v;

	sq_prepare(fq, &q, "PRAGMA user_version");
	return sq_one_int(&q, &v, NULL) ? -1 : (int)v;
}

/* Applies migration n (1-based) and records it. */
static int
apply(struct fq *fq, int n)
{
	char sql[64];
	int rc;

	if ((rc = sq_exec(fq, migrations[n - 1])) ||
	    (after[n] && (rc = after[n](fq))))
		return rc;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", n);
	return sq_exec(fq, sql);
}

/* Rolls back the migrations' transaction; returns rc. */
static int
undo(struct fq *fq, int rc)
{
	if (!sqlite3_get_autocommit(SQ_DB(fq)))
		sqlite3_exec(SQ_DB(fq), "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int
sqlite_schema_migrate(struct fq *fq)
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
	if ((rc = sq_exec(fq, "BEGIN IMMEDIATE")))
		return rc;
	/* Another process may have migrated while we waited for the lock. */
	if ((v = user_version(fq)) < 0)
		return undo(fq, fq->err_code);
	for (v = v + 1; v <= NMIGRATIONS; v++)
		if ((rc = apply(fq, v)))
			return undo(fq, rc);
	return sq_exec(fq, "COMMIT");
}

int
sqlite_indexes_drop(struct fq *fq, struct sqlite_indexes *ix)
{
	const char **drop = NULL;
	int cap = 0, dcap = 0, n = 0, i, rc;
	struct sq q;

	sq_prepare(fq, &q, "SELECT name, sql FROM sqlite_schema "
			   "WHERE type = 'index' AND sql IS NOT NULL "
			   "AND tbl_name IN ('cases', 'events')");
	while (sq_step(&q) == 1) {
		drop = arena_grow(fq->mem, drop, sizeof(*drop), &dcap, n + 1);
		ix->sql = arena_grow(fq->mem, ix->sql, sizeof(*ix->sql), &cap,
				     n + 1);
		drop[n] = arena_printf(fq->mem, "DROP INDEX \"%s\"",
				       sq_col_peek(&q, 0));
		ix->sql[n++] = sq_col_text(&q, 1);
	}
	if ((rc = sq_done(&q)))
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = sq_exec(fq, drop[i])))
			return rc;
	ix->n = n;
	return 0;
}

int
sqlite_indexes_make(struct fq *fq, const struct sqlite_indexes *ix)
{
	int i, rc;

	for (i = 0; i < ix->n; i++)
		if ((rc = sq_exec(fq, ix->sql[i])))
			return rc;
	return 0;
}

int
sqlite_schema_reference(sqlite3 *db)
{
	int i;

	for (i = 0; i < NMIGRATIONS; i++)
		if (sqlite3_exec(db, migrations[i], NULL, NULL, NULL) != SQLITE_OK)
			return -1;
	return 0;
}
