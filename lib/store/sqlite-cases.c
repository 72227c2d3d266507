/*
 * sqlite-cases.c - the SQLite driver's queries on the `cases` table.
 */
#include <string.h>

#include "sqlite-ops.h"
#include "sqlite-stmt.h"

void
sqlite_case_row(const struct sq *q, struct fq_case *c)
{
	int k;

	memset(c, 0, sizeof(*c));
	c->id = sq_col_int(q, 0);
	c->summary = sq_col_text(q, 1);
	c->details = sq_col_text(q, 2);
	c->guest = sq_col_text(q, 3);
	c->room = sq_col_text(q, 4);
	c->phone = sq_col_text(q, 5);
	c->via = sq_col_text(q, 6);
	c->category = sq_col_text(q, 7);
	c->department = sq_col_text(q, 8);
	c->handler = sq_col_text(q, 9);
	c->owner = sq_col_text(q, 10);
	c->status = sq_col_text(q, 11);
	c->major = (int)sq_col_int(q, 12);
	c->first_contact = (int)sq_col_int(q, 13);
	c->waiting_since = (time_t)sq_col_int(q, 14);
	c->waiting_until = (time_t)sq_col_int(q, 15);
	c->created_at = (time_t)sq_col_int(q, 16);
	c->updated_at = (time_t)sq_col_int(q, 17);
	c->closed_at = (time_t)sq_col_int(q, 18);
	for (k = 0; k < NDUE; k++)
		c->due[k] = (time_t)sq_col_int(q, 19 + k);
	c->request_key = sq_col_text(q, 23);
}

/* Binds the columns that a save writes. */
static void
bind_state(struct sq *q, const struct fq_case *c, time_t next_due)
{
	sq_text(q, ":summary", c->summary);
	sq_text(q, ":details", c->details);
	sq_text(q, ":guest", c->guest);
	sq_text(q, ":room", c->room);
	sq_text(q, ":phone", c->phone);
	sq_text(q, ":via", c->via);
	sq_text(q, ":category", c->category);
	sq_text(q, ":department", c->department);
	sq_text(q, ":handler", c->handler);
	sq_text(q, ":status", c->status);
	sq_int(q, ":major", c->major);
	sq_int(q, ":first_contact", c->first_contact);
	sq_time(q, ":waiting_since", c->waiting_since);
	sq_time(q, ":waiting_until", c->waiting_until);
	sq_time(q, ":updated_at", c->updated_at);
	sq_time(q, ":closed_at", c->closed_at);
	sq_time(q, ":due_accept", c->due[DUE_ACCEPT]);
	sq_time(q, ":due_reply", c->due[DUE_REPLY]);
	sq_time(q, ":due_resolve", c->due[DUE_RESOLVE]);
	sq_time(q, ":due_promise", c->due[DUE_PROMISE]);
	sq_time(q, ":next_due", next_due);
}

int
sqlite_case_insert(struct fq *fq, const struct fq_case *c, time_t next_due,
		   long long *id)
{
	struct sq q;
	int rc;

	sq_prepare(fq, &q,
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
	bind_state(&q, c, next_due);
	sq_text(&q, ":owner", c->owner);
	sq_time(&q, ":created_at", c->created_at);
	sq_text(&q, ":request_key", c->request_key);
	if ((rc = sq_run(&q)))
		return rc;
	*id = sqlite3_last_insert_rowid(SQ_DB(fq));
	return 0;
}

int
sqlite_case_save(struct fq *fq, const struct fq_case *c, time_t next_due)
{
	struct sq q;

	sq_prepare(fq, &q,
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
	bind_state(&q, c, next_due);
	sq_int(&q, ":id", c->id);
	return sq_run(&q);
}

/* Reads the one case a prepared query selects; *found says if it did. */
static int
one_case(struct sq *q, struct fq_case *c, int *found)
{
	*found = sq_step(q) == 1;
	if (*found)
		sqlite_case_row(q, c);
	return sq_done(q);
}

int
sqlite_case_get(struct fq *fq, long long id, struct fq_case *c, int *found)
{
	struct sq q;

	sq_prepare(fq, &q, "SELECT " CASE_COLUMNS " FROM cases WHERE id = :id");
	sq_int(&q, ":id", id);
	return one_case(&q, c, found);
}

int
sqlite_case_by_key(struct fq *fq, const char *key, struct fq_case *c,
		   int *found)
{
	struct sq q;

	sq_prepare(fq, &q, "SELECT " CASE_COLUMNS
			   " FROM cases WHERE request_key = :key");
	sq_text(&q, ":key", key);
	return one_case(&q, c, found);
}

int
sqlite_cases_count(struct fq *fq, long long *n)
{
	struct sq q;

	sq_prepare(fq, &q, "SELECT count(*) FROM cases");
	return sq_one_int(&q, n, NULL);
}

/* Binds the filters that are set; the SQL tests each for NULL. */
static void
bind_filter(struct sq *q, const struct case_filter *f)
{
	const char *status = f->status;

	if (status && !strcmp(status, "all"))
		status = NULL;
	sq_text(q, ":status", status);
	sq_text(q, ":department", f->department);
	sq_text(q, ":owner", f->owner);
	sq_text(q, ":handler", f->handler);
	sq_text(q, ":category", f->category);
	sq_text(q, ":guest", f->guest);
	sq_text(q, ":room", f->room);
	sq_text(q, ":involves", f->involves);
	sq_time(q, ":since", f->since);
	sq_time(q, ":until", f->until);
	sq_int(q, ":limit", f->limit > 0 ? f->limit : -1);
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

/*
 * Prepares the listing for a filter; the active set uses the partial
 * index (which needs status <> 'closed' written as a literal).
 */
static void
filter_query(struct fq *fq, struct sq *q, const struct case_filter *f)
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

	sq_prepare(fq, q, sql[f->status != NULL][f->oldest_first != 0]);
	bind_filter(q, f);
}

/* Calls fn for each case row a query gives, then finalizes it. */
static int
each_row(struct sq *q, store_case_fn *fn, void *arg)
{
	struct fq_case c;
	int rc = 0, done;

	while (rc == 0 && sq_step(q) == 1) {
		sqlite_case_row(q, &c);
		rc = fn(q->fq, &c, arg);
	}
	done = sq_done(q);
	return rc ? rc : done;
}

int
sqlite_cases_each(struct fq *fq, const struct case_filter *f,
		  store_case_fn *fn, void *arg)
{
	struct sq q;

	filter_query(fq, &q, f);
	return each_row(&q, fn, arg);
}

int
sqlite_due_before(struct fq *fq, time_t horizon, const char *department,
		  const char *owner, store_case_fn *fn, void *arg)
{
	struct sq q;

	sq_prepare(fq, &q, "SELECT " CASE_COLUMNS
		" FROM cases WHERE next_due <= :horizon "
		"AND (:department IS NULL OR department = :department) "
		"AND (:owner IS NULL OR owner = :owner) ORDER BY next_due, id");
	sq_time(&q, ":horizon", horizon);
	sq_text(&q, ":department", department);
	sq_text(&q, ":owner", owner);
	return each_row(&q, fn, arg);
}

int
sqlite_cases_for_handover(struct fq *fq, time_t from, time_t to,
			  time_t due_by, const char *department,
			  const char *members, store_case_fn *fn, void *arg)
{
	struct sq q;

	sq_prepare(fq, &q, "SELECT " CASE_COLUMNS
		" FROM cases c WHERE status <> 'closed' "
		"AND (:department IS NULL OR department = :department "
		"     OR owner IN (SELECT value FROM json_each(:members))) "
		"AND (next_due < :due_by OR EXISTS (SELECT 1 FROM events e "
		"     WHERE e.case_id = c.id AND e.at >= :from AND e.at < :to)) "
		"ORDER BY next_due IS NULL, next_due, id");
	sq_time(&q, ":from", from);
	sq_time(&q, ":to", to);
	sq_time(&q, ":due_by", due_by);
	sq_text(&q, ":department", department);
	sq_text(&q, ":members", members ? members : "[]");
	return each_row(&q, fn, arg);
}
