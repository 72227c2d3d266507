/*
 * db.c - the SQLite connection: opening, hardening, transactions, and the
 * prepare/bind/step helpers every storage module uses.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "db.h"
#include "paths.h"

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

int
db_error(struct fq *fq, const char *what)
{
	int rc = fq->db ? sqlite3_errcode(fq->db) : SQLITE_ERROR;
	const char *msg = fq->db ? sqlite3_errmsg(fq->db) : "no connection";

	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return fq_fail(fq, FQ_EBUSY,
			       "the database stayed busy for %d s (another fq "
			       "is writing); nothing was written, try again",
			       DB_BUSY_MS / 1000);
	if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN ||
	    rc == SQLITE_PERM)
		return fq_fail(fq, FQ_ENOINPUT, "cannot %s '%s': %s", what,
			       fq->db_path, msg);
	return fq_fail(fq, FQ_EINTERNAL, "%s: %s", what, msg);
}

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
		rc = sqlite3_exec(fq->db, "PRAGMA journal_mode = WAL", NULL,
				  NULL, NULL);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		if (waited >= DB_BUSY_MS)
			break;
		usleep(10000);
	}
	return rc == SQLITE_OK ? 0 : db_error(fq, "database");
}

/* Settings every connection gets before it is used. */
static int
harden(struct fq *fq)
{
	sqlite3 *db = fq->db;

	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)0);
	sqlite3_busy_timeout(db, DB_BUSY_MS);
	if (wal_mode(fq))
		return fq->err_code;
	return db_exec(fq, "PRAGMA synchronous = FULL;"
			   "PRAGMA foreign_keys = ON;");
}

int
db_open(struct fq *fq, const char *path, int create)
{
	struct stat sb;
	int rc;

	fq->db_path = path;
	if (stat(path, &sb) < 0) {
		if (!create)
			return fq_fail(fq, FQ_ENOINPUT,
				       "no database at '%s'; run 'fq init' "
				       "first (or pass --db)", path);
		if ((rc = create_file(fq, path)))
			return rc;
	} else if (!S_ISREG(sb.st_mode)) {
		return fq_fail(fq, FQ_ENOINPUT, "'%s' is not a file", path);
	}
	if ((rc = check_local(fq, path)))
		return rc;
	if (sqlite3_open_v2(path, &fq->db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return db_error(fq, "open database");
	if ((rc = harden(fq)))
		return rc;
	return schema_migrate(fq);
}

void
db_close(struct fq *fq)
{
	if (fq->db)
		sqlite3_close_v2(fq->db);
	fq->db = NULL;
}

int
db_exec(struct fq *fq, const char *sql)
{
	if (sqlite3_exec(fq->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(fq, "database");
	return 0;
}

int
db_begin(struct fq *fq)
{
	return db_exec(fq, "BEGIN IMMEDIATE");
}

int
db_commit(struct fq *fq)
{
	return db_exec(fq, "COMMIT");
}

void
db_rollback(struct fq *fq)
{
	if (fq->db && !sqlite3_get_autocommit(fq->db))
		sqlite3_exec(fq->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *
db_prepare(struct fq *fq, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(fq->db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_error(fq, "prepare");
		return NULL;
	}
	return st;
}

int
db_step(struct fq *fq, sqlite3_stmt *st)
{
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	db_error(fq, "database");
	return -1;
}

void
db_finish(sqlite3_stmt *st)
{
	sqlite3_finalize(st);
}

int
db_run(struct fq *fq, sqlite3_stmt *st)
{
	int rc = db_step(fq, st);

	db_finish(st);
	return rc < 0 ? fq->err_code : 0;
}

/* The index of a :name parameter; binding a name the SQL lacks is a bug. */
static int
param(sqlite3_stmt *st, const char *name)
{
	return sqlite3_bind_parameter_index(st, name);
}

void
bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	if (!st)
		return;
	if (v)
		sqlite3_bind_text(st, param(st, name), v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, param(st, name));
}

void
bind_int(sqlite3_stmt *st, const char *name, long long v)
{
	if (st)
		sqlite3_bind_int64(st, param(st, name), v);
}

void
bind_time(sqlite3_stmt *st, const char *name, time_t t)
{
	if (!st)
		return;
	if (t)
		sqlite3_bind_int64(st, param(st, name), (long long)t);
	else
		sqlite3_bind_null(st, param(st, name));
}

const char *
col_text(struct fq *fq, sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? arena_strdup(fq->mem, (const char *)s) : NULL;
}

long long
col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int64(st, i);
}

int
db_bulk_prepare(struct fq *fq, struct db_bulk *b, const char *sql,
		const char *const *names, int n)
{
	int i;

	if (!(b->st = db_prepare(fq, sql)))
		return fq->err_code;
	for (i = 0; i < n && i < DB_BULK_MAX; i++)
		b->p[i] = sqlite3_bind_parameter_index(b->st, names[i]);
	return 0;
}

void
bulk_text(const struct db_bulk *b, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(b->st, b->p[i], s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(b->st, b->p[i]);
}

void
bulk_int(const struct db_bulk *b, int i, long long v)
{
	sqlite3_bind_int64(b->st, b->p[i], v);
}

void
bulk_time(const struct db_bulk *b, int i, time_t t)
{
	if (t)
		sqlite3_bind_int64(b->st, b->p[i], (long long)t);
	else
		sqlite3_bind_null(b->st, b->p[i]);
}

int
db_bulk_step(struct fq *fq, struct db_bulk *b, int *ext)
{
	int rc = db_step(fq, b->st);

	*ext = sqlite3_extended_errcode(fq->db);
	sqlite3_reset(b->st);
	sqlite3_clear_bindings(b->st);
	return rc < 0 ? -1 : 0;
}
