/*
 * sqlite-rebuild.c - the SQLite driver's reads and writes for trust:
 * the times an append is checked against, the case rows fq verify
 * rebuilds and fq verify --repair rewrites, and the schema's tables,
 * indexes and triggers beside the ones this fq's migrations make.
 *
 * The reference schema is made by running every migration on a fresh
 * in-memory database: what a new database would hold, in SQLite's own
 * words, so that a database migrated from round 1 compares equal.
 */
#include <string.h>

#include "sqlite-ops.h"
#include "sqlite-schema.h"
#include "sqlite-stmt.h"

int
sqlite_latest_at(struct fq *fq, long long case_id, time_t *case_at,
		 time_t *head_at)
{
	struct sq q;
	long long v;
	int rc;

	sq_prepare(fq, &q, "SELECT at FROM events WHERE case_id = :case "
			   "ORDER BY seq DESC LIMIT 1");
	sq_int(&q, ":case", case_id);
	if ((rc = sq_one_int(&q, &v, NULL)))
		return rc;
	*case_at = (time_t)v;
	sq_prepare(fq, &q, "SELECT at FROM events ORDER BY id DESC LIMIT 1");
	if ((rc = sq_one_int(&q, &v, NULL)))
		return rc;
	*head_at = (time_t)v;
	return 0;
}

int
sqlite_event_times(struct fq *fq,
		   int (*fn)(struct fq *, const struct store_event_time *,
			     void *), void *arg)
{
	struct store_event_time t;
	struct sq q;
	int rc = 0, done;

	sq_prepare(fq, &q,
		"SELECT id, case_id, seq, at, "
		"  lag(id) OVER (PARTITION BY case_id ORDER BY seq), "
		"  lag(at) OVER (PARTITION BY case_id ORDER BY seq) "
		"FROM events ORDER BY id");
	while (rc == 0 && sq_step(&q) == 1) {
		t.id = sq_col_int(&q, 0);
		t.case_id = sq_col_int(&q, 1);
		t.seq = sq_col_int(&q, 2);
		t.at = (time_t)sq_col_int(&q, 3);
		t.prev_id = sq_col_int(&q, 4);
		t.prev_at = (time_t)sq_col_int(&q, 5);
		rc = fn(fq, &t, arg);
	}
	done = sq_done(&q);
	return rc ? rc : done;
}

int
sqlite_event_get(struct fq *fq, long long id, long long *case_id,
		 const char **digest)
{
	struct sq q;

	*case_id = 0;
	*digest = NULL;
	sq_prepare(fq, &q, "SELECT case_id, digest FROM events WHERE id = :id");
	sq_int(&q, ":id", id);
	if (sq_step(&q) == 1) {
		*case_id = sq_col_int(&q, 0);
		*digest = sq_col_text(&q, 1);
	}
	return sq_done(&q);
}

#define ROW_COLUMNS \
	"id, summary, details, guest_name, room, phone, via, category, " \
	"department, handler, owner, status, major, first_contact, " \
	"waiting_since, waiting_until, created_at, updated_at, closed_at, " \
	"due_accept, due_reply, due_resolve, due_promise, next_due"

int
sqlite_case_rows(struct fq *fq,
		 int (*fn)(struct fq *, const struct fq_case *, time_t,
			   void *), void *arg)
{
	struct fq_case c;
	struct sq q;
	int rc = 0, done, k;

	sq_prepare(fq, &q, "SELECT " ROW_COLUMNS " FROM cases ORDER BY id");
	while (rc == 0 && sq_step(&q) == 1) {
		memset(&c, 0, sizeof(c));
		c.id = sq_col_int(&q, 0);
		c.summary = sq_col_peek(&q, 1);
		c.details = sq_col_peek(&q, 2);
		c.guest = sq_col_peek(&q, 3);
		c.room = sq_col_peek(&q, 4);
		c.phone = sq_col_peek(&q, 5);
		c.via = sq_col_peek(&q, 6);
		c.category = sq_col_peek(&q, 7);
		c.department = sq_col_peek(&q, 8);
		c.handler = sq_col_peek(&q, 9);
		c.owner = sq_col_peek(&q, 10);
		c.status = sq_col_peek(&q, 11);
		c.major = (int)sq_col_int(&q, 12);
		c.first_contact = (int)sq_col_int(&q, 13);
		c.waiting_since = (time_t)sq_col_int(&q, 14);
		c.waiting_until = (time_t)sq_col_int(&q, 15);
		c.created_at = (time_t)sq_col_int(&q, 16);
		c.updated_at = (time_t)sq_col_int(&q, 17);
		c.closed_at = (time_t)sq_col_int(&q, 18);
		for (k = 0; k < NDUE; k++)
			c.due[k] = (time_t)sq_col_int(&q, 19 + k);
		rc = fn(fq, &c, (time_t)sq_col_int(&q, 23), arg);
	}
	done = sq_done(&q);
	return rc ? rc : done;
}

int
sqlite_case_rewrite(struct fq *fq, const struct fq_case *c, time_t next_due)
{
	struct sq q;
	int k;

	sq_prepare(fq, &q,
		"INSERT INTO cases (id, summary, details, guest_name, room, "
		"phone, via, category, department, handler, owner, status, "
		"major, first_contact, waiting_since, waiting_until, "
		"created_at, updated_at, closed_at, due_accept, due_reply, "
		"due_resolve, due_promise, next_due) VALUES (:id, :summary, "
		":details, :guest, :room, :phone, :via, :category, "
		":department, :handler, :owner, :status, :major, "
		":first_contact, :waiting_since, :waiting_until, :created_at, "
		":updated_at, :closed_at, :due0, :due1, :due2, :due3, "
		":next_due) ON CONFLICT (id) DO UPDATE SET "
		"summary = excluded.summary, details = excluded.details, "
		"guest_name = excluded.guest_name, room = excluded.room, "
		"phone = excluded.phone, via = excluded.via, "
		"category = excluded.category, "
		"department = excluded.department, "
		"handler = excluded.handler, owner = excluded.owner, "
		"status = excluded.status, major = excluded.major, "
		"first_contact = excluded.first_contact, "
		"waiting_since = excluded.waiting_since, "
		"waiting_until = excluded.waiting_until, "
		"created_at = excluded.created_at, "
		"updated_at = excluded.updated_at, "
		"closed_at = excluded.closed_at, "
		"due_accept = excluded.due_accept, "
		"due_reply = excluded.due_reply, "
		"due_resolve = excluded.due_resolve, "
		"due_promise = excluded.due_promise, "
		"next_due = excluded.next_due");
	sq_int(&q, ":id", c->id);
	sq_text(&q, ":summary", c->summary);
	sq_text(&q, ":details", c->details);
	sq_text(&q, ":guest", c->guest);
	sq_text(&q, ":room", c->room);
	sq_text(&q, ":phone", c->phone);
	sq_text(&q, ":via", c->via);
	sq_text(&q, ":category", c->category);
	sq_text(&q, ":department", c->department);
	sq_text(&q, ":handler", c->handler);
	sq_text(&q, ":owner", c->owner);
	sq_text(&q, ":status", c->status);
	sq_int(&q, ":major", c->major);
	sq_int(&q, ":first_contact", c->first_contact);
	sq_time(&q, ":waiting_since", c->waiting_since);
	sq_time(&q, ":waiting_until", c->waiting_until);
	sq_time(&q, ":created_at", c->created_at);
	sq_time(&q, ":updated_at", c->updated_at);
	sq_time(&q, ":closed_at", c->closed_at);
	for (k = 0; k < NDUE; k++)
		sq_time(&q, arena_printf(fq->mem, ":due%d", k), c->due[k]);
	sq_time(&q, ":next_due", next_due);
	return sq_run(&q);
}

/* ---- The schema ---- */

/* One object of a schema: type, name, table, SQL. */
struct obj {
	const char *type, *name, *table, *sql;
};

/* A schema's tables, indexes and triggers (not SQLite's own). */
struct objs {
	struct obj *v;
	int n, cap;
};

#define OBJECTS_SQL \
	"SELECT type, name, tbl_name, sql FROM sqlite_schema " \
	"WHERE type IN ('table', 'index', 'trigger') AND sql IS NOT NULL " \
	"AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"

/* Column i of the statement's row, copied to fq->mem. */
static const char *
column(struct fq *fq, sqlite3_stmt *st, int i)
{
	return arena_strdup(fq->mem, (const char *)sqlite3_column_text(st, i));
}

/* Reads the objects of the schema of `db` into *o (text in fq->mem). */
static int
objects(struct fq *fq, sqlite3 *db, struct objs *o)
{
	sqlite3_stmt *st;
	struct obj *b;
	int rc;

	if (sqlite3_prepare_v2(db, OBJECTS_SQL, -1, &st, NULL) != SQLITE_OK)
		return fq_fail(fq, FQ_EINTERNAL, "schema: %s",
			       sqlite3_errmsg(db));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o->v = arena_grow(fq->mem, o->v, sizeof(*o->v), &o->cap,
				  o->n + 1);
		b = &o->v[o->n++];
		b->type = column(fq, st, 0);
		b->name = column(fq, st, 1);
		b->table = column(fq, st, 2);
		b->sql = column(fq, st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fq_fail(fq, FQ_EINTERNAL, "schema: %s",
			       sqlite3_errmsg(db));
	return 0;
}

/* The objects a new database of this fq holds. */
static int
reference(struct fq *fq, struct objs *o)
{
	sqlite3 *mem = NULL;
	int rc;

	if (sqlite3_open(":memory:", &mem) != SQLITE_OK ||
	    sqlite_schema_reference(mem)) {
		rc = fq_fail(fq, FQ_EINTERNAL, "schema: %s",
			     mem ? sqlite3_errmsg(mem) : "out of memory");
		sqlite3_close(mem);
		return rc;
	}
	rc = objects(fq, mem, o);
	sqlite3_close(mem);
	return rc;
}

/* The object of `o` with this type and name, or NULL. */
static const struct obj *
find(const struct objs *o, const char *type, const char *name)
{
	int i;

	for (i = 0; i < o->n; i++)
		if (!strcmp(o->v[i].type, type) && !strcmp(o->v[i].name, name))
			return &o->v[i];
	return NULL;
}

/* "DROP TYPE "name"", the name quoted as SQL quotes identifiers. */
static const char *
drop(struct fq *fq, const char *type, const char *name)
{
	char *q = arena_alloc(fq->mem, 2 * strlen(name) + 1), *p = q;

	for (; *name; name++)
		if ((*p++ = *name) == '"')
			*p++ = '"';
	return arena_printf(fq->mem, "DROP %s \"%s\"", type, q);
}

/* Makes a finding about object b. */
static struct store_schema_diff
diff(enum store_schema_fault fault, const struct obj *b)
{
	struct store_schema_diff d = { fault, b->type, b->name, b->table,
				       strcmp(b->type, "table") != 0 };

	return d;
}

/*
 * Compares the store's schema with the reference, calling fn for each
 * finding; with `repair`, puts each repairable one right first.
 */
static int
compare(struct fq *fq, int repair,
	int (*fn)(struct fq *, const struct store_schema_diff *, void *),
	void *arg)
{
	struct objs want = { 0 }, have = { 0 };
	struct store_schema_diff d;
	const struct obj *b;
	int i, rc;

	if ((rc = reference(fq, &want)) || (rc = objects(fq, SQ_DB(fq), &have)))
		return rc;
	for (i = 0; i < want.n; i++) {
		b = find(&have, want.v[i].type, want.v[i].name);
		if (b && !strcmp(b->sql, want.v[i].sql))
			continue;
		d = diff(b ? SCHEMA_CHANGED : SCHEMA_MISSING, &want.v[i]);
		if (repair && d.repairable &&
		    ((b && (rc = sq_exec(fq, drop(fq, b->type, b->name)))) ||
		     (rc = sq_exec(fq, want.v[i].sql))))
			return rc;
		if ((rc = fn(fq, &d, arg)))
			return rc;
	}
	for (i = 0; i < have.n; i++) {
		b = &have.v[i];
		if (strcmp(b->type, "trigger") || find(&want, b->type, b->name))
			continue;
		d = diff(SCHEMA_UNEXPECTED, b);
		if (repair && (rc = sq_exec(fq, drop(fq, "TRIGGER", b->name))))
			return rc;
		if ((rc = fn(fq, &d, arg)))
			return rc;
	}
	return 0;
}

int
sqlite_schema_check(struct fq *fq,
		    int (*fn)(struct fq *, const struct store_schema_diff *,
			      void *), void *arg)
{
	return compare(fq, 0, fn, arg);
}

int
sqlite_schema_repair(struct fq *fq,
		     int (*fn)(struct fq *, const struct store_schema_diff *,
			       void *), void *arg)
{
	return compare(fq, 1, fn, arg);
}
