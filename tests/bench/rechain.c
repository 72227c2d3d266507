/*
 * rechain.c - gives a filled benchmark database a valid hash chain.
 *
 *   rechain DB
 *
 * fill.sh writes its events with dummy prev/digest values (SQL has no
 * SHA-256).  That is enough for fq log, overdue and report, but fq import
 * checks every digest and link of what fq export wrote, so the fill ends
 * by computing the real chain here: every event in id order, each digest
 * from lib/events.c's own event_digest() (this program is linked with
 * fq's library objects, so the two can never disagree), each prev the
 * digest before it.  The append-only trigger is dropped for the one
 * UPDATE and created again from its own SQL, in the same transaction.
 * Afterwards `fq verify` passes on the database.
 *
 * Meant for a database nobody else has open (no WAL, synchronous off).
 * Exit status 0, or 1 with SQLite's message on standard error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "events.h"

static sqlite3 *db;

static void
die(const char *what)
{
	fprintf(stderr, "rechain: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static void
exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql);
}

static sqlite3_stmt *
prepare(const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql);
	return st;
}

/* The CREATE statement of the update trigger (malloc'd), or NULL. */
static char *
trigger_sql(void)
{
	sqlite3_stmt *st = prepare("SELECT sql FROM sqlite_schema WHERE "
				   "type = 'trigger' AND name = "
				   "'events_no_update'");
	char *sql = NULL;

	if (sqlite3_step(st) == SQLITE_ROW)
		sql = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return sql;
}

int
main(int argc, char **argv)
{
	sqlite3_stmt *rd, *wr;
	char prev[65], digest[65], *trig;
	long long n = 0;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: rechain DB\n");
		return 1;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		die("open");
	exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	     "PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY;"
	     "CREATE TEMP TABLE chain (id INTEGER PRIMARY KEY, prev TEXT,"
	     " digest TEXT); BEGIN");

	rd = prepare("SELECT id, case_id, seq, at, actor, kind, data "
		     "FROM events ORDER BY id");
	wr = prepare("INSERT INTO temp.chain VALUES (?1, ?2, ?3)");
	snprintf(prev, sizeof(prev), "%s", EVENTS_GENESIS);
	while ((rc = sqlite3_step(rd)) == SQLITE_ROW) {
		event_digest(prev, sqlite3_column_int64(rd, 0),
			     sqlite3_column_int64(rd, 1),
			     sqlite3_column_int64(rd, 2),
			     sqlite3_column_int64(rd, 3),
			     (const char *)sqlite3_column_text(rd, 4),
			     (const char *)sqlite3_column_text(rd, 5),
			     (const char *)sqlite3_column_text(rd, 6), digest);
		sqlite3_bind_int64(wr, 1, sqlite3_column_int64(rd, 0));
		sqlite3_bind_text(wr, 2, prev, 64, SQLITE_STATIC);
		sqlite3_bind_text(wr, 3, digest, 64, SQLITE_STATIC);
		if (sqlite3_step(wr) != SQLITE_DONE)
			die("insert chain");
		sqlite3_reset(wr);
		memcpy(prev, digest, sizeof(prev));
		n++;
	}
	if (rc != SQLITE_DONE)
		die("read events");
	sqlite3_finalize(rd);
	sqlite3_finalize(wr);

	trig = trigger_sql();
	if (trig)
		exec("DROP TRIGGER events_no_update");
	exec("UPDATE events SET prev = c.prev, digest = c.digest "
	     "FROM temp.chain c WHERE c.id = events.id");
	if (trig)
		exec(trig);
	exec("COMMIT; DROP TABLE temp.chain");
	free(trig);
	if (sqlite3_close(db) != SQLITE_OK)
		die("close");
	printf("%lld events chained\n", n);
	return 0;
}
