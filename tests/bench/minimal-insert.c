/*
 * minimal-insert.c - the floor under `fq log`: the least a program must do
 * to record one case the way fq does, with nothing else.
 *
 *   minimal-insert DB [NOW]  open DB, insert one case and its `logged`
 *                            event in one transaction, exit; times are
 *                            NOW (epoch seconds), else the clock's
 *   minimal-insert --version print the linked SQLite library's version
 *
 * Same connection settings as lib/store/sqlite.c (DQS off, DEFENSIVE, busy timeout,
 * WAL, synchronous=FULL, foreign_keys=ON), BEGIN IMMEDIATE, one INSERT into
 * cases and one into events with bound parameters, COMMIT, close.  No
 * policy, no routing, no hash chain: the event's prev and digest are dummy
 * 64-character strings (the benchmark does not verify the chain).
 * Exit status 0, or 1 with SQLite's message on standard error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#define BUSY_MS 10000	/* SQLITE_BUSY_MS in lib/store/sqlite-stmt.h */

static const char *const dummy_digest =
	"0000000000000000000000000000000000000000000000000000000000000000";

static int
fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "minimal-insert: %s: %s\n", what,
		db ? sqlite3_errmsg(db) : "no connection");
	if (db)
		sqlite3_close_v2(db);
	return 1;
}

int
main(int argc, char **argv)
{
	const char *case_sql =
		"INSERT INTO cases (summary, room, guest_name, via, category, "
		"department, handler, owner, status, created_at, updated_at, "
		"due_reply, due_resolve, next_due) VALUES (?1, ?2, ?3, 'desk', "
		"'item_request', 'housekeeping', 'li.na', 'li.na', 'open', ?4, "
		"?4, ?4 + 180, ?4 + 600, ?4 + 180)";
	const char *event_sql =
		"INSERT INTO events (case_id, seq, at, actor, kind, data, prev, "
		"digest) VALUES (?1, 1, ?2, 'li.na', 'logged', ?3, ?4, ?4)";
	const char *data =
		"{\"summary\":\"1203房客人要一瓶胶水和两条毛巾\",\"details\":null,"
		"\"guest_name\":\"王先生\",\"room\":\"1203\",\"phone\":null,"
		"\"via\":\"desk\",\"category\":\"item_request\","
		"\"keyword\":\"胶水\",\"department\":\"housekeeping\","
		"\"handler\":\"li.na\",\"major\":false,"
		"\"reply_due_at\":1795744980,\"resolve_due_at\":1795745400}";
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long now = (long long)time(NULL), id;

	if (argc == 2 && !strcmp(argv[1], "--version")) {
		printf("%s\n", sqlite3_libversion());
		return 0;
	}
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: minimal-insert DB [NOW] | --version\n");
		return 1;
	}
	if (argc == 3)
		now = strtoll(argv[2], NULL, 10);
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
		return fail(db, "open");
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)0);
	sqlite3_busy_timeout(db, BUSY_MS);
	if (sqlite3_exec(db, "PRAGMA journal_mode = WAL;"
			 "PRAGMA synchronous = FULL;"
			 "PRAGMA foreign_keys = ON;"
			 "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "begin");

	if (sqlite3_prepare_v2(db, case_sql, -1, &st, NULL) != SQLITE_OK)
		return fail(db, "prepare case");
	sqlite3_bind_text(st, 1, "1203房客人要一瓶胶水和两条毛巾", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "1203", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, "王先生", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(db, "insert case");
	sqlite3_finalize(st);
	id = sqlite3_last_insert_rowid(db);

	if (sqlite3_prepare_v2(db, event_sql, -1, &st, NULL) != SQLITE_OK)
		return fail(db, "prepare event");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_text(st, 3, data, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, dummy_digest, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(db, "insert event");
	sqlite3_finalize(st);

	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "commit");
	if (sqlite3_close(db) != SQLITE_OK)
		return fail(db, "close");
	return 0;
}
