/*
 * cases.c - case rows: storage, lookup and their JSON form.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "clock.h"
#include "db.h"

const char *const due_names[NDUE] = { "accept", "reply", "resolve", "promise" };

#define CASE_COLUMNS \
	"id, summary, details, guest_name, room, phone, via, category, " \
	"department, handler, owner, status, major, first_contact, " \
	"waiting_since, waiting_until, created_at, updated_at, closed_at, " \
	"due_accept, due_reply, due_resolve, due_promise, request_key"

/* Fills c from a row selected with CASE_COLUMNS. */
static void
case_row(struct fq *fq, sqlite3_stmt *st, struct fq_case *c)
{
	int k;

	memset(c, 0, sizeof(*c));
	c->id = col_int(st, 0);
	c->summary = col_text(fq, st, 1);
	c->details = col_text(fq, st, 2);
	c->guest = col_text(fq, st, 3);
	c->room = col_text(fq, st, 4);
	c->phone = col_text(fq, st, 5);
	c->via = col_text(fq, st, 6);
	c->category = col_text(fq, st, 7);
	c->department = col_text(fq, st, 8);
	c->handler = col_text(fq, st, 9);
	c->owner = col_text(fq, st, 10);
	c->status = col_text(fq, st, 11);
	c->major = (int)col_int(st, 12);
	c->first_contact = (int)col_int(st, 13);
	c->waiting_since = (time_t)col_int(st, 14);
	c->waiting_until = (time_t)col_int(st, 15);
	c->created_at = (time_t)col_int(st, 16);
	c->updated_at = (time_t)col_int(st, 17);
	c->closed_at = (time_t)col_int(st, 18);
	for (k = 0; k < NDUE; k++)
		c->due[k] = (time_t)col_int(st, 19 + k);
	c->request_key = col_text(fq, st, 23);
}

/* Binds the columns that case_save() writes. */
static void
bind_state(sqlite3_stmt *st, const struct fq_case *c)
{
	bind_text(st, ":summary", c->summary);
	bind_text(st, ":details", c->details);
	bind_text(st, ":guest", c->guest);
	bind_text(st, ":room", c->room);
	bind_text(st, ":phone", c->phone);
	bind_text(st, ":via", c->via);
	bind_text(st, ":category", c->category);
	bind_text(st, ":department", c->department);
	bind_text(st, ":handler", c->handler);
	bind_text(st, ":status", c->status);
	bind_int(st, ":major", c->major);
	bind_int(st, ":first_contact", c->first_contact);
	bind_time(st, ":waiting_since", c->waiting_since);
	bind_time(st, ":waiting_until", c->waiting_until);
	bind_time(st, ":updated_at", fq_now());
	bind_time(st, ":closed_at", c->closed_at);
	bind_time(st, ":due_accept", c->due[DUE_ACCEPT]);
	bind_time(st, ":due_reply", c->due[DUE_REPLY]);
	bind_time(st, ":due_resolve", c->due[DUE_RESOLVE]);
	bind_time(st, ":due_promise", c->due[DUE_PROMISE]);
	bind_time(st, ":next_due", case_next_due(c));
}

int
case_insert(struct fq *fq, struct fq_case *c)
{
	sqlite3_stmt *st = db_prepare(fq,
		"INSERT INTO cases (summary, details, guest_name, room, phone, "
		"via, category, department, handler, owner, status, major, "
		"first_contact, waiting_since, waiting_until, created_at, "
		"updated_at, closed_at, due_accept, due_reply, due_resolve, "
		"due_promise, next_due, request_key) VALUES (:summary, "
		":details, :guest, :room, :phone, :via, :category, "
		":department, :handler, :owner, :status, :major, "
		":first_contact, :waiting_since, :waiting_until, :created_at, "
		":updated_at, :closed_at, :due_accept, :due_reply, "
		":due_resolve, :due_promise, :next_due, :request_key)");
	int rc;

	bind_state(st, c);
	bind_text(st, ":owner", c->owner);
	bind_time(st, ":created_at", c->created_at);
	bind_text(st, ":request_key", c->request_key);
	if ((rc = db_run(fq, st)))
		return rc;
	c->id = sqlite3_last_insert_rowid(fq->db);
	return 0;
}

/*
 * The parameters of the restoring INSERT, looked up by name once, when
 * it is prepared, rather than for every case.
 */
enum {
	RP_ID, RP_SUMMARY, RP_DETAILS, RP_GUEST, RP_ROOM, RP_PHONE, RP_VIA,
	RP_CATEGORY, RP_DEPARTMENT, RP_HANDLER, RP_OWNER, RP_STATUS,
	RP_MAJOR, RP_FIRST_CONTACT, RP_WAITING_SINCE, RP_WAITING_UNTIL,
	RP_CREATED_AT, RP_UPDATED_AT, RP_CLOSED_AT, RP_DUE, RP_NEXT_DUE =
	RP_DUE + NDUE, RP_REQUEST_KEY, NRP
};

static const char *const restore_params[NRP] = {
	":id", ":summary", ":details", ":guest", ":room", ":phone", ":via",
	":category", ":department", ":handler", ":owner", ":status",
	":major", ":first_contact", ":waiting_since", ":waiting_until",
	":created_at", ":updated_at", ":closed_at", ":due_accept",
	":due_reply", ":due_resolve", ":due_promise", ":next_due",
	":request_key",
};

struct case_restorer {
	struct db_bulk b;
};

struct case_restorer *
cases_restorer(struct fq *fq)
{
	struct case_restorer *r = arena_alloc(fq->mem, sizeof(*r));

	if (db_bulk_prepare(fq, &r->b,
		"INSERT INTO cases (id, summary, details, guest_name, room, "
		"phone, via, category, department, handler, owner, status, "
		"major, first_contact, waiting_since, waiting_until, "
		"created_at, updated_at, closed_at, due_accept, due_reply, "
		"due_resolve, due_promise, next_due, request_key) VALUES (:id, "
		":summary, :details, :guest, :room, :phone, :via, :category, "
		":department, :handler, :owner, :status, :major, "
		":first_contact, :waiting_since, :waiting_until, :created_at, "
		":updated_at, :closed_at, :due_accept, :due_reply, "
		":due_resolve, :due_promise, :next_due, :request_key)",
		restore_params, NRP))
		return NULL;
	return r;
}

void
cases_restorer_done(struct case_restorer *r)
{
	if (r)
		db_finish(r->b.st);
}

/* Binds every column of a restored case. */
static void
bind_restored(const struct db_bulk *b, const struct fq_case *c)
{
	int k;

	bulk_int(b, RP_ID, c->id);
	bulk_text(b, RP_SUMMARY, c->summary);
	bulk_text(b, RP_DETAILS, c->details);
	bulk_text(b, RP_GUEST, c->guest);
	bulk_text(b, RP_ROOM, c->room);
	bulk_text(b, RP_PHONE, c->phone);
	bulk_text(b, RP_VIA, c->via);
	bulk_text(b, RP_CATEGORY, c->category);
	bulk_text(b, RP_DEPARTMENT, c->department);
	bulk_text(b, RP_HANDLER, c->handler);
	bulk_text(b, RP_OWNER, c->owner);
	bulk_text(b, RP_STATUS, c->status);
	bulk_int(b, RP_MAJOR, c->major);
	bulk_int(b, RP_FIRST_CONTACT, c->first_contact);
	bulk_time(b, RP_WAITING_SINCE, c->waiting_since);
	bulk_time(b, RP_WAITING_UNTIL, c->waiting_until);
	bulk_time(b, RP_CREATED_AT, c->created_at);
	bulk_time(b, RP_UPDATED_AT, c->updated_at);
	bulk_time(b, RP_CLOSED_AT, c->closed_at);
	for (k = 0; k < NDUE; k++)
		bulk_time(b, RP_DUE + k, c->due[k]);
	bulk_time(b, RP_NEXT_DUE, case_next_due(c));
	bulk_text(b, RP_REQUEST_KEY, c->request_key);
}

int
case_restore(struct fq *fq, struct case_restorer *r, const struct fq_case *c)
{
	int ext;

	bind_restored(&r->b, c);
	if (db_bulk_step(fq, &r->b, &ext) == 0)
		return 0;
	if (ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return fq_fail(fq, FQ_EDATA, "case #%lld is already in the "
			       "database", c->id);
	if (ext == SQLITE_CONSTRAINT_UNIQUE)
		return fq_fail(fq, FQ_EDATA, "case #%lld: request key '%s' is "
			       "already taken by another case", c->id,
			       c->request_key);
	return fq->err_code;
}

long long
cases_count(struct fq *fq)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT count(*) FROM cases");
	long long n = -1;

	if (db_step(fq, st) == 1)
		n = col_int(st, 0);
	db_finish(st);
	return n;
}

int
case_save(struct fq *fq, const struct fq_case *c)
{
	sqlite3_stmt *st = db_prepare(fq,
		"UPDATE cases SET summary = :summary, details = :details, "
		"guest_name = :guest, room = :room, phone = :phone, via = :via, "
		"category = :category, department = :department, "
		"handler = :handler, status = :status, major = :major, "
		"first_contact = :first_contact, "
		"waiting_since = :waiting_since, waiting_until = :waiting_until, "
		"updated_at = :updated_at, closed_at = :closed_at, "
		"due_accept = :due_accept, due_reply = :due_reply, "
		"due_resolve = :due_resolve, due_promise = :due_promise, "
		"next_due = :next_due WHERE id = :id");

	bind_state(st, c);
	bind_int(st, ":id", c->id);
	return db_run(fq, st);
}

int
case_get(struct fq *fq, long long id, struct fq_case *c)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT " CASE_COLUMNS
					  " FROM cases WHERE id = :id");
	int rc;

	bind_int(st, ":id", id);
	rc = db_step(fq, st);
	if (rc == 1)
		case_row(fq, st, c);
	db_finish(st);
	if (rc < 0)
		return fq->err_code;
	if (rc == 0)
		return fq_fail(fq, FQ_ENOINPUT, "no case #%lld", id);
	return 0;
}

int
case_by_key(struct fq *fq, const char *key, struct fq_case *c)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT " CASE_COLUMNS
					  " FROM cases WHERE request_key = :key");
	int rc;

	bind_text(st, ":key", key);
	rc = db_step(fq, st);
	if (rc == 1)
		case_row(fq, st, c);
	db_finish(st);
	return rc < 0 ? -fq->err_code : rc;
}

/* Binds the filters that are set; the SQL tests each for NULL. */
static void
bind_filter(sqlite3_stmt *st, const struct case_filter *f)
{
	const char *status = f->status;

	if (status && !strcmp(status, "all"))
		status = NULL;
	bind_text(st, ":status", status);
	bind_text(st, ":department", f->department);
	bind_text(st, ":owner", f->owner);
	bind_text(st, ":handler", f->handler);
	bind_text(st, ":category", f->category);
	bind_text(st, ":guest", f->guest);
	bind_text(st, ":room", f->room);
	bind_text(st, ":involves", f->involves);
	bind_time(st, ":since", f->since);
	bind_time(st, ":until", f->until);
	bind_int(st, ":limit", f->limit > 0 ? f->limit : -1);
}

/* The WHERE clause shared by every listing (each filter may be null). */
#define FILTERS \
	"(:status IS NULL OR status = :status) " \
	"AND (:department IS NULL OR department = :department) " \
	"AND (:owner IS NULL OR owner = :owner) " \
	"AND (:handler IS NULL OR handler = :handler) " \
	"AND (:category IS NULL OR category = :category) " \
	"AND (:guest IS NULL OR instr(guest_name, :guest) > 0) " \
	"AND (:room IS NULL OR room = :room) " \
	"AND (:involves IS NULL OR owner = :involves " \
	"     OR handler = :involves) " \
	"AND (:since IS NULL OR created_at >= :since) " \
	"AND (:until IS NULL OR created_at < :until) "

/* The statement for a filter; the active set uses the partial index. */
static sqlite3_stmt *
filter_query(struct fq *fq, const struct case_filter *f)
{
	static const char *const sql[2][2] = {
		{ "SELECT " CASE_COLUMNS " FROM cases WHERE status <> 'closed' "
		  "AND " FILTERS "ORDER BY id DESC LIMIT :limit",
		  "SELECT " CASE_COLUMNS " FROM cases WHERE status <> 'closed' "
		  "AND " FILTERS "ORDER BY id LIMIT :limit" },
		{ "SELECT " CASE_COLUMNS " FROM cases WHERE " FILTERS
		  "ORDER BY id DESC LIMIT :limit",
		  "SELECT " CASE_COLUMNS " FROM cases WHERE " FILTERS
		  "ORDER BY id LIMIT :limit" },
	};
	sqlite3_stmt *st;

	st = db_prepare(fq, sql[f->status != NULL][f->oldest_first != 0]);
	bind_filter(st, f);
	return st;
}

/* Calls fn for each case row a statement gives, then finalizes it. */
static int
each_row(struct fq *fq, sqlite3_stmt *st,
	 int (*fn)(struct fq *, struct fq_case *, void *), void *arg)
{
	struct fq_case c;
	int rc;

	while ((rc = db_step(fq, st)) == 1) {
		case_row(fq, st, &c);
		if ((rc = fn(fq, &c, arg)))
			break;
	}
	db_finish(st);
	return rc < 0 ? fq->err_code : rc;
}

int
cases_each(struct fq *fq, const struct case_filter *f,
	   int (*fn)(struct fq *, struct fq_case *, void *), void *arg)
{
	sqlite3_stmt *st = filter_query(fq, f);

	return each_row(fq, st, fn, arg);
}

int
cases_due_before(struct fq *fq, time_t horizon, const char *department,
		 const char *owner,
		 int (*fn)(struct fq *, struct fq_case *, void *), void *arg)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT " CASE_COLUMNS
		" FROM cases WHERE next_due <= :horizon "
		"AND (:department IS NULL OR department = :department) "
		"AND (:owner IS NULL OR owner = :owner) ORDER BY next_due, id");
	bind_time(st, ":horizon", horizon);
	bind_text(st, ":department", department);
	bind_text(st, ":owner", owner);
	return each_row(fq, st, fn, arg);
}

int
cases_for_handover(struct fq *fq, time_t from, time_t to, time_t due_by,
		   const char *department, const char *members,
		   int (*fn)(struct fq *, struct fq_case *, void *), void *arg)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT " CASE_COLUMNS
		" FROM cases c WHERE status <> 'closed' "
		"AND (:department IS NULL OR department = :department "
		"     OR owner IN (SELECT value FROM json_each(:members))) "
		"AND (next_due < :due_by OR EXISTS (SELECT 1 FROM events e "
		"     WHERE e.case_id = c.id AND e.at >= :from AND e.at < :to)) "
		"ORDER BY next_due IS NULL, next_due, id");
	bind_time(st, ":from", from);
	bind_time(st, ":to", to);
	bind_time(st, ":due_by", due_by);
	bind_text(st, ":department", department);
	bind_text(st, ":members", members ? members : "[]");
	return each_row(fq, st, fn, arg);
}

int
case_id_parse(struct fq *fq, const char *s, long long *id)
{
	char *end;
	const char *p = s[0] == '#' ? s + 1 : s;

	errno = 0;
	*id = strtoll(p, &end, 10);
	if (!isdigit((unsigned char)*p) || *end || errno || *id <= 0)
		return fq_fail(fq, FQ_EDATA, "'%s' is not a case number "
			       "(use the number 'fq list' shows, e.g. 17)", s);
	return 0;
}

time_t
case_next_due(const struct fq_case *c)
{
	time_t next = 0;
	int k;

	/* A wait with an end is due for attention when it ends. */
	if (c->waiting_since)
		return c->waiting_until;
	for (k = 0; k < NDUE; k++)
		if (c->due[k] && (!next || c->due[k] < next))
			next = c->due[k];
	return next;
}

int
case_late(const struct fq_case *c, int k, time_t now)
{
	return c->due[k] && !c->waiting_since && c->due[k] < now;
}

/* The guest's details as an object. */
static struct val *
guest_json(struct fq *fq, const struct fq_case *c)
{
	struct val *g = v_obj(fq->mem);

	v_set_str(fq->mem, g, "name", c->guest);
	v_set_str(fq->mem, g, "room", c->room);
	v_set_str(fq->mem, g, "phone", c->phone);
	return g;
}

/* The deadlines as an object and the late ones as a list. */
static void
due_json(struct fq *fq, const struct fq_case *c, struct val **due,
	 struct val **late)
{
	time_t now = fq_now();
	int k;

	*due = v_obj(fq->mem);
	*late = v_arr(fq->mem);
	for (k = 0; k < NDUE; k++) {
		v_set_time(fq->mem, *due, due_names[k], c->due[k]);
		if (case_late(c, k, now))
			v_push(fq->mem, *late, v_str(fq->mem, due_names[k]));
	}
}

struct val *
case_json(struct fq *fq, const struct fq_case *c)
{
	struct arena *a = fq->mem;
	struct val *o = v_obj(a), *due, *late;

	due_json(fq, c, &due, &late);
	v_set_int(a, o, "id", c->id);
	v_set_str(a, o, "summary", c->summary);
	v_set_str(a, o, "category", c->category);
	v_set_str(a, o, "department", c->department);
	v_set_str(a, o, "handler", c->handler);
	v_set_str(a, o, "owner", c->owner);
	v_set_str(a, o, "status", c->status);
	v_set(a, o, "major", v_bool(a, c->major));
	v_set(a, o, "waiting", v_bool(a, c->waiting_since != 0));
	v_set(a, o, "guest", guest_json(fq, c));
	v_set_str(a, o, "via", c->via);
	v_set_time(a, o, "created_at", c->created_at);
	v_set(a, o, "due", due);
	v_set(a, o, "late", late);
	v_set_time(a, o, "closed_at", c->closed_at);
	v_set_str(a, o, "details", c->details);
	v_set(a, o, "first_contact", v_bool(a, c->first_contact));
	return o;
}
