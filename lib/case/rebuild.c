/*
 * rebuild.c - the cases rows and the schema, recomputed and compared;
 * and their repair.
 *
 * One pass: the case rows by id beside the events in (case, seq) order,
 * each case replayed in an arena of its own that is freed once it is
 * compared.
 *
 * A repair is recorded on the record itself: a `repaired` event on each
 * case rewritten, with each column's old and new value; the schema's
 * repair goes in the first of them, or, when no row needed it, in a
 * `repaired` event on the case of the newest event.
 */
#include <stddef.h>
#include <string.h>

#include "clock.h"
#include "events.h"
#include "i18n.h"
#include "problems.h"
#include "rebuild.h"
#include "replay.h"
#include "store.h"

/* A row and its next_due, as stored or as rebuilt. */
struct rowv {
	struct fq_case c;
	time_t next_due;
};

enum coltype { COL_TEXT, COL_BOOL, COL_TIME };

/* The columns of a cases row, as fq(1) FILES names them. */
static const struct column {
	const char *name;
	enum coltype type;
	size_t off;
	int holder;		/* owner, department, handler */
} columns[] = {
#define COL(n, t, m, h) { n, t, offsetof(struct rowv, m), h }
	COL("summary", COL_TEXT, c.summary, 0),
	COL("details", COL_TEXT, c.details, 0),
	COL("guest_name", COL_TEXT, c.guest, 0),
	COL("room", COL_TEXT, c.room, 0),
	COL("phone", COL_TEXT, c.phone, 0),
	COL("via", COL_TEXT, c.via, 0),
	COL("category", COL_TEXT, c.category, 0),
	COL("department", COL_TEXT, c.department, 1),
	COL("handler", COL_TEXT, c.handler, 1),
	COL("owner", COL_TEXT, c.owner, 1),
	COL("status", COL_TEXT, c.status, 0),
	COL("major", COL_BOOL, c.major, 0),
	COL("first_contact", COL_BOOL, c.first_contact, 0),
	COL("waiting_since", COL_TIME, c.waiting_since, 0),
	COL("waiting_until", COL_TIME, c.waiting_until, 0),
	COL("created_at", COL_TIME, c.created_at, 0),
	COL("updated_at", COL_TIME, c.updated_at, 0),
	COL("closed_at", COL_TIME, c.closed_at, 0),
	COL("due_accept", COL_TIME, c.due[DUE_ACCEPT], 0),
	COL("due_reply", COL_TIME, c.due[DUE_REPLY], 0),
	COL("due_resolve", COL_TIME, c.due[DUE_RESOLVE], 0),
	COL("due_promise", COL_TIME, c.due[DUE_PROMISE], 0),
	COL("next_due", COL_TIME, next_due, 0),
#undef COL
};

#define NCOLUMNS ((int)(sizeof(columns) / sizeof(columns[0])))

/* The text of column k of row r. */
static const char *
col_text(const struct rowv *r, int k)
{
	return *(const char *const *)((const char *)r + columns[k].off);
}

/* The integer (bool, time) of column k of row r. */
static long long
col_int(const struct rowv *r, int k)
{
	const char *p = (const char *)r + columns[k].off;

	if (columns[k].type == COL_BOOL)
		return *(const int *)p != 0;
	return (long long)*(const time_t *)p;
}

/* 1 when rows a and b agree on column k. */
static int
col_same(const struct rowv *a, const struct rowv *b, int k)
{
	const char *x, *y;

	if (columns[k].type != COL_TEXT)
		return col_int(a, k) == col_int(b, k);
	x = col_text(a, k);
	y = col_text(b, k);
	return x == y || (x && y && !strcmp(x, y));
}

/* Column k of row r for people: 'text', true, a time, or none. */
static const char *
col_show(struct fq *fq, const struct rowv *r, int k)
{
	long long v = col_int(r, k);

	switch (columns[k].type) {
	case COL_TEXT:
		return col_text(r, k) ? arena_printf(fq->mem, "'%s'",
						     col_text(r, k)) : "none";
	case COL_BOOL:
		return v ? "true" : "false";
	default:
		return v ? time_iso(fq->mem, (time_t)v) : "none";
	}
}

/* Column k of row r as a value of event data (in fq->mem). */
static struct val *
col_val(struct fq *fq, const struct rowv *r, int k)
{
	long long v = col_int(r, k);

	switch (columns[k].type) {
	case COL_TEXT:
		return v_str(fq->mem, arena_strdup(fq->mem, col_text(r, k)));
	case COL_BOOL:
		return v_bool(fq->mem, (int)v);
	default:
		return v ? v_int(fq->mem, v) : v_null(fq->mem);
	}
}

/* ---- the walk ---- */

/* What each case comes to: its stored row (NULL: none) and its replay. */
typedef int rows_fn(struct fq *, const struct rowv *row,
		    const struct replay *p, void *arg);

struct walk {
	struct store_walk *w;
	struct event_row e;	/* the walk's current event */
	int have;		/* 1 while e holds one */
	rows_fn *fn;
	void *arg;
};

/* Moves the walk to the next event; 0 or an FQ_E* code. */
static int
advance(struct fq *fq, struct walk *w)
{
	int n = store_events_walk_next(fq, w->w, &w->e);

	w->have = n == 1;
	return n < 0 ? fq->err_code : 0;
}

/* Replays case `id`'s events (the walk's next ones) and hands it on. */
static int
one_case(struct fq *fq, struct walk *w, long long id, const struct rowv *row)
{
	struct arena *a = arena_new();
	struct replay p;
	int rc = 0;

	replay_begin(&p, id);
	while (rc == 0 && w->have && w->e.case_id == id) {
		replay_event(fq, a, &p, &w->e);
		rc = advance(fq, w);
	}
	if (rc == 0)
		rc = w->fn(fq, row, &p, w->arg);
	arena_free(a);
	return rc;
}

/* Hands on every case with events before case `id` (no row of its own). */
static int
rowless(struct fq *fq, struct walk *w, long long id)
{
	int rc = 0;

	while (rc == 0 && w->have && (id == 0 || w->e.case_id < id))
		rc = one_case(fq, w, w->e.case_id, NULL);
	return rc;
}

/* store_case_rows callback: one stored row. */
static int
stored_row(struct fq *fq, const struct fq_case *c, time_t next_due,
	   void *arg)
{
	struct walk *w = arg;
	struct rowv row = { *c, next_due };
	int rc;

	if ((rc = rowless(fq, w, c->id)))
		return rc;
	return one_case(fq, w, c->id, &row);
}

/* Calls fn for every case, with its row and its replay, by id. */
static int
rows_each(struct fq *fq, rows_fn *fn, void *arg)
{
	struct walk w = { .fn = fn, .arg = arg };
	int n, rc;

	if ((rc = store_events_walk(fq, &w.w)))
		return rc;
	n = store_events_walk_from(fq, w.w, 0, &w.e);
	w.have = n == 1;
	rc = n < 0 ? fq->err_code : 0;
	if (rc == 0 && (rc = store_case_rows(fq, stored_row, &w)) == 0)
		rc = rowless(fq, &w, 0);
	store_events_walk_end(fq, w.w);
	return rc;
}

/* The row a replay rebuilt. */
static struct rowv
rebuilt(const struct replay *p)
{
	struct rowv r = { p->c, case_next_due(&p->c) };

	return r;
}

/* ---- verify ---- */

/* Names each column of the row that its events do not bear out. */
static int
check_row(struct fq *fq, const struct rowv *row, const struct replay *p,
	  void *arg)
{
	struct val *problems = arg;
	struct rowv want;
	int k;

	if (!row) {
		problem_add(fq, problems, "case #%lld: its row is missing "
			    "from the cases table, but its events are there",
			    p->c.id);
		return 0;
	}
	if (!replay_complete(p))
		return 0;	/* verify_all() names the gap */
	want = rebuilt(p);
	for (k = 0; k < NCOLUMNS; k++)
		if (!columns[k].holder && !col_same(row, &want, k))
			problem_add(fq, problems, "case #%lld: %s is %s, "
				    "events say %s", row->c.id,
				    columns[k].name, col_show(fq, row, k),
				    col_show(fq, &want, k));
	return 0;
}

int
verify_rows(struct fq *fq, struct val *problems)
{
	return rows_each(fq, check_row, problems);
}

/* s, translated when `people` (a piece of schema_words()). */
static const char *
tr(int people, const char *s)
{
	return people ? _(s) : s;
}

/*
 * What a schema finding means: in English (people 0) for the JSON, or
 * in the language of the messages (1).
 */
static const char *
schema_words(struct fq *fq, const struct store_schema_diff *d, int people)
{
	const char *what = arena_printf(fq->mem, tr(people, "%s '%s' on '%s'"),
					d->type, d->name, d->table);

	if (!strcmp(d->type, "table"))
		what = arena_printf(fq->mem, tr(people, "table '%s'"), d->name);
	switch (d->fault) {
	case SCHEMA_MISSING:
		return arena_printf(fq->mem, tr(people, "schema: %s is "
				    "missing%s"), what, d->repairable ?
				    tr(people, " (dropped by hand); 'fq verify "
				       "--repair' makes it again") : "");
	case SCHEMA_CHANGED:
		return arena_printf(fq->mem, tr(people, "schema: %s is not as "
				    "fq defines it (changed by hand)%s"), what,
				    d->repairable ? tr(people, "; 'fq verify "
				    "--repair' makes it again") : "");
	default:
		return arena_printf(fq->mem, tr(people, "schema: %s is not "
				    "part of fq's schema (added by hand); 'fq "
				    "verify --repair' drops it"), what);
	}
}

/* store_schema_check callback: one finding. */
static int
schema_problem(struct fq *fq, const struct store_schema_diff *d, void *arg)
{
	problem_both(fq, arg, schema_words(fq, d, 0), schema_words(fq, d, 1));
	return 0;
}

int
verify_schema(struct fq *fq, struct val *problems)
{
	return store_schema_check(fq, schema_problem, problems);
}

/* ---- repair ---- */

/* A row to rewrite, and what changes. */
struct fix {
	struct rowv row;	/* the rebuilt row, text in fq->mem */
	struct val *changes;	/* {column: {old, new}} */
};

struct repair {
	struct fix *v;
	int n, cap;
	struct val *schema;	/* what the schema's repair did */
	struct val *done;
};

/* The rebuilt row, its text copied to fq->mem. */
static struct rowv
keep(struct fq *fq, const struct replay *p)
{
	struct rowv r = rebuilt(p);
	struct fq_case *c = &r.c;

	c->summary = arena_strdup(fq->mem, c->summary);
	c->details = arena_strdup(fq->mem, c->details);
	c->guest = arena_strdup(fq->mem, c->guest);
	c->room = arena_strdup(fq->mem, c->room);
	c->phone = arena_strdup(fq->mem, c->phone);
	c->via = arena_strdup(fq->mem, c->via);
	c->category = arena_strdup(fq->mem, c->category);
	c->department = arena_strdup(fq->mem, c->department);
	c->handler = arena_strdup(fq->mem, c->handler);
	c->owner = arena_strdup(fq->mem, c->owner);
	c->status = arena_strdup(fq->mem, c->status);
	return r;
}

/* Notes a row its events disagree with (every column counts here). */
static int
plan_row(struct fq *fq, const struct rowv *row, const struct replay *p,
	 void *arg)
{
	struct repair *rp = arg;
	struct fix f;
	struct val *ch;
	int k;

	if (!replay_complete(p))
		return 0;
	f.row = keep(fq, p);
	f.changes = v_obj(fq->mem);
	for (k = 0; k < NCOLUMNS; k++) {
		if (row && col_same(row, &f.row, k))
			continue;
		ch = v_obj(fq->mem);
		v_set(fq->mem, ch, "old", row ? col_val(fq, row, k)
					      : v_null(fq->mem));
		v_set(fq->mem, ch, "new", col_val(fq, &f.row, k));
		v_set(fq->mem, f.changes, columns[k].name, ch);
	}
	if (f.changes->n == 0)
		return 0;
	rp->v = arena_grow(fq->mem, rp->v, sizeof(*rp->v), &rp->cap, rp->n + 1);
	rp->v[rp->n++] = f;
	return 0;
}

/* store_schema_repair callback: one thing put right. */
static int
schema_fixed(struct fq *fq, const struct store_schema_diff *d, void *arg)
{
	struct repair *rp = arg;
	const char *s;

	if (!d->repairable)
		return 0;
	/* the event keeps the English; what is said has both */
	s = arena_printf(fq->mem, "%s '%s' %s", d->type, d->name,
			 d->fault == SCHEMA_UNEXPECTED ? "dropped" :
			 "made again");
	v_push(fq->mem, rp->schema, v_str(fq->mem, s));
	problem_both(fq, rp->done, s, arena_printf(fq->mem,
		     d->fault == SCHEMA_UNEXPECTED ? _("%s '%s' dropped") :
		     _("%s '%s' made again"), d->type, d->name));
	return 0;
}

/* The names of the columns a fix changes, "status, next_due". */
static const char *
changed_names(struct fq *fq, const struct val *changes)
{
	const char *s = "";
	int i;

	for (i = 0; i < changes->n; i++)
		s = arena_printf(fq->mem, "%s%s%s", s, i ? ", " : "",
				 changes->keys[i]);
	return s;
}

/* The `repaired` event of case `id`. */
static int
record(struct fq *fq, long long id, struct val *changes, struct val *schema)
{
	struct val *d = v_obj(fq->mem);

	v_set_str(fq->mem, d, "text", "fq verify --repair");
	if (changes)
		v_set(fq->mem, d, "changes", changes);
	if (schema && schema->n)
		v_set(fq->mem, d, "schema", schema);
	return event_add(fq, id, "repaired", d);
}

/* Rewrites each planned row and records it. */
static int
apply(struct fq *fq, struct repair *rp)
{
	struct fix *f;
	int i, rc;

	for (i = 0; i < rp->n; i++) {
		f = &rp->v[i];
		if ((rc = store_case_rewrite(fq, &f->row.c, f->row.next_due)) ||
		    (rc = record(fq, f->row.c.id, f->changes,
				 i == 0 ? rp->schema : NULL)))
			return rc;
		problem_add(fq, rp->done, "case #%lld rebuilt from its events "
			    "(%s)", f->row.c.id, changed_names(fq, f->changes));
	}
	return 0;
}

/* Records a schema repair that no row's repair carried. */
static int
record_schema(struct fq *fq, struct repair *rp)
{
	long long head, id;
	const char *digest;
	int rc;

	if (rp->n || !rp->schema->n)
		return 0;
	if ((rc = store_chain_head(fq, &head, &digest)) || !head ||
	    (rc = store_event_get(fq, head, &id, &digest)))
		return rc;
	return digest ? record(fq, id, NULL, rp->schema) : 0;
}

int
rebuild_repair(struct fq *fq, struct val *done)
{
	struct repair rp = { .schema = v_arr(fq->mem), .done = done };
	int rc;

	if ((rc = store_schema_repair(fq, schema_fixed, &rp)) ||
	    (rc = rows_each(fq, plan_row, &rp)) ||
	    (rc = apply(fq, &rp)))
		return rc;
	return record_schema(fq, &rp);
}
