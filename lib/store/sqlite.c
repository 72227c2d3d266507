/*
 * sqlite.c - the SQLite driver: opening and hardening the connection
 * (after fossil's db.c), transactions, and the table of its operations,
 * which live in sqlite-*.c, one file a concern.
 *
 * Writing commands run inside BEGIN IMMEDIATE ... COMMIT: SQLite cannot
 * upgrade a read transaction to a write under contention without failing
 * at once (see SQLITE.md), so the write lock is taken before the first
 * read.  Other writers are waited for up to SQLITE_BUSY_MS.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "paths.h"
#include "sqlite-ops.h"
#include "sqlite-schema.h"
#include "sqlite-stmt.h"

/* Filesystems on which WAL cannot work (sqlite.org/wal.html). */
static const struct {
	long magic;
	const char *name;
} network_fs[] = {
	{ 0x6969, "NFS" },
	{ 0x517B, "SMB" },
	{ 0xFF534D42, "CIFS" },
	{ 0xFE534D42, "SMB2" },
	{ 0x564c, "NCP" },
	{ 0x5346414F, "AFS" },
	{ 0x6B414653, "AFS" },
	{ 0x47504653, "GPFS" },
	{ 0x0BD00BD0, "Lustre" },
	{ 0x19830326, "FhGFS" },
	{ 0x013111A8, "IBRIX" },
};

/* Refuses a database whose directory is on a network filesystem. */
static int
check_local(struct fq *fq, const char *path)
{
	char *copy = arena_strdup(fq->mem, path);
	struct statfs sf;
	size_t i;

	if (statfs(dirname(copy), &sf) < 0)
		return 0;	/* open() will say what is wrong */
	for (i = 0; i < sizeof(network_fs) / sizeof(network_fs[0]); i++)
		if ((unsigned long)sf.f_type == (unsigned long)network_fs[i].magic)
			return fq_fail(fq, FQ_ENOINPUT,
				       "'%s' is on a %s filesystem; SQLite's "
				       "write-ahead log needs a local disk, so "
				       "keep the database on one (--db)",
				       path, network_fs[i].name);
	return 0;
}

/* Creates the file (and its directory) with mode 0660 if it is missing. */
static int
create_file(struct fq *fq, const char *path)
{
	char *dir = arena_strdup(fq->mem, path);
	int fd;

	if (paths_mkdir(dirname(dir), 0770))
		return fq_fail(fq, FQ_ENOINPUT, "cannot create '%s': %s",
			       dir, strerror(errno));
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0660);
	if (fd < 0)
		return fq_fail(fq, FQ_ENOINPUT, "cannot create '%s': %s",
			       path, strerror(errno));
	fchmod(fd, 0660);	/* whatever the umask says */
	close(fd);
	return 0;
}

/*
 * Puts the database in WAL mode.  On a new file several processes may
 * race to do it (fq init from a script); SQLite then refuses some of them
 * at once, without waiting, to avoid a deadlock, so retry a while.
 */
static int
wal_mode(struct fq *fq)
{
	int waited, rc;

	for (waited = 0;; waited += 10) {
		rc = sqlite3_exec(SQ_DB(fq), "PRAGMA journal_mode = WAL", NULL,
				  NULL, NULL);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		if (waited >= SQLITE_BUSY_MS)
			break;
		usleep(10000);
	}
	return rc == SQLITE_OK ? 0 : sq_error(fq, "database");
}

/* Settings every connection gets before it is used. */
static int
harden(struct fq *fq)
{
	sqlite3 *db = SQ_DB(fq);

	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)0);
	sqlite3_busy_timeout(db, SQLITE_BUSY_MS);
	if (wal_mode(fq))
		return fq->err_code;
	return sq_exec(fq, "PRAGMA synchronous = FULL;"
			   "PRAGMA foreign_keys = ON;");
}

/* Checks that the file is there (or makes it, with `create`). */
static int
check_file(struct fq *fq, const char *path, int create)
{
	struct stat sb;

	if (stat(path, &sb) < 0) {
		if (!create)
			return fq_fail(fq, FQ_ENOINPUT,
				       "no database at '%s'; run 'fq init' "
				       "first (or pass --db)", path);
		return create_file(fq, path);
	}
	if (!S_ISREG(sb.st_mode))
		return fq_fail(fq, FQ_ENOINPUT, "'%s' is not a file", path);
	return 0;
}

static const struct store_vfuncs sqlite_vfuncs;

int
sqlite_store_open(struct fq *fq, const char *path, int create)
{
	struct sqlite_store *s;
	int rc;

	if ((rc = check_file(fq, path, create)) ||
	    (rc = check_local(fq, path)))
		return rc;
	s = arena_alloc(fq->mem, sizeof(*s));
	s->base.v = &sqlite_vfuncs;
	s->base.where = arena_strdup(fq->mem, path);
	fq->store = &s->base;
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK)
		return sq_error(fq, "open database");
	if ((rc = harden(fq)))
		return rc;
	return sqlite_schema_migrate(fq);
}

/* Closes the connection (a failed open's too). */
static void
sqlite_close(struct fq *fq)
{
	sqlite3_close_v2(SQ_DB(fq));
}

/* The schema version this binary writes. */
static int
sqlite_schema(struct fq *fq)
{
	return sqlite_schema_version();
}

/* BEGIN IMMEDIATE: the write lock, before the first read. */
static int
sqlite_begin(struct fq *fq)
{
	return sq_exec(fq, "BEGIN IMMEDIATE");
}

/* COMMIT. */
static int
sqlite_commit(struct fq *fq)
{
	return sq_exec(fq, "COMMIT");
}

/* ROLLBACK, when a transaction is open. */
static void
sqlite_rollback(struct fq *fq)
{
	sqlite3 *db = SQ_DB(fq);

	if (db && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* 1 inside a transaction. */
static int
sqlite_writing(struct fq *fq)
{
	sqlite3 *db = SQ_DB(fq);

	return db && !sqlite3_get_autocommit(db);
}

static const struct store_vfuncs sqlite_vfuncs = {
	.name = "sqlite",
	.close = sqlite_close,
	.schema_version = sqlite_schema,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.writing = sqlite_writing,

	.case_insert = sqlite_case_insert,
	.case_save = sqlite_case_save,
	.case_get = sqlite_case_get,
	.case_by_key = sqlite_case_by_key,
	.cases_count = sqlite_cases_count,
	.cases_each = sqlite_cases_each,
	.due_before = sqlite_due_before,
	.cases_for_handover = sqlite_cases_for_handover,

	.chain_head = sqlite_chain_head,
	.next_seq = sqlite_next_seq,
	.event_append = sqlite_event_append,
	.events_of = sqlite_events_of,
	.last_note = sqlite_last_note,
	.decline_reason = sqlite_decline_reason,
	.events_walk = sqlite_events_walk,
	.events_walk_from = sqlite_events_walk_from,
	.events_walk_next = sqlite_events_walk_next,
	.events_walk_end = sqlite_events_walk_end,

	.clock_start = sqlite_clock_start,
	.last_told = sqlite_last_told,

	.report_steps = sqlite_report_steps,
	.report_cases = sqlite_report_cases,
	.report_accepts = sqlite_report_accepts,
	.late_steps = sqlite_late_steps,

	.integrity = sqlite_integrity,
	.chain_each = sqlite_chain_each,
	.chain_has = sqlite_chain_has,
	.case_seqs = sqlite_case_seqs,
	.case_holders = sqlite_case_holders,

	.latest_at = sqlite_latest_at,
	.event_times = sqlite_event_times,
	.event_get = sqlite_event_get,
	.case_rows = sqlite_case_rows,
	.case_rewrite = sqlite_case_rewrite,
	.schema_check = sqlite_schema_check,
	.schema_repair = sqlite_schema_repair,

	.import_begin = sqlite_import_begin,
	.import_case = sqlite_import_case,
	.import_event = sqlite_import_event,
	.import_big = sqlite_import_big,
	.import_end = sqlite_import_end,

	.chain_version = sqlite_chain_version,
};
