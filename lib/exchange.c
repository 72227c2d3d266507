/*
 * exchange.c - cases with their events as JSON Lines, out and back in.
 *
 * Export walks the cases in id order and, in step with them, every
 * event in (case_id, seq) order, writing each line as it goes; the text
 * of a batch of lines lives in a scratch arena that is then thrown away.
 *
 * Import runs on two threads, so that reading and storing share the
 * machine's cores: a reader thread reads the lines, parses and checks
 * them and recomputes every event's digest, into batches of records;
 * the main thread stores the batches, in order, through statements
 * prepared once.  Only the main thread touches the database and struct
 * fq: the reader leaves its error (and warnings) in the batch, and the
 * main thread reports them when it gets there, so the first bad line is
 * always the one reported.
 *
 * Events of different cases interleave in id order, so the chain (each
 * prev the digest of the event before it in id order) can only be
 * checked once every line has been read: each event leaves a small link
 * (id, line, prev, digest) behind, and the links are put in id order at
 * the end.  Once an import proves big, the store is told so
 * (store_import_big): it may then stop keeping its indexes up and make
 * them again at the end, inside the same transaction.  The reader also
 * gathers each case's search document from the data it has parsed, so
 * the store indexes the case without reading its events back.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "events.h"
#include "exchange.h"
#include "iso8601.h"
#include "json.h"
#include "out.h"
#include "policy.h"
#include "search.h"
#include "store.h"

#define SCRATCH_LINES 256	/* export: lines between renewals of memory */
#define BATCH_LINES 256		/* import: lines read and stored together */
#define NBATCH 4		/* import: batches between the threads */
#define BIG_IMPORT 20000	/* import: cases after which it is big */

/*
 * Scratch memory: fq->mem is lent a fresh arena while lines are built or
 * read, renewed every SCRATCH_LINES lines, and given back at the end
 * (with the error message, if any, copied into the command's arena).
 */
static struct arena *
scratch_begin(struct fq *fq)
{
	struct arena *keep = fq->mem;

	fq->mem = arena_new();
	return keep;
}

/* Throws the scratch arena's contents away. */
static void
scratch_renew(struct fq *fq)
{
	arena_free(fq->mem);
	fq->mem = arena_new();
}

/* Gives the command's arena back; returns rc. */
static int
scratch_end(struct fq *fq, struct arena *keep, int rc)
{
	if (rc && fq->err)
		fq->err = arena_strdup(keep, fq->err);
	arena_free(fq->mem);
	fq->mem = keep;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Export */

struct exporter {
	FILE *out;
	struct store_walk *events;
	int at;			/* 1: on ev; 0: walk done; -1: not begun */
	struct event_row ev;
	long lines;
};

/*
 * An event as an object: id, seq, at, actor, kind, data, prev, digest.
 * The stored data must be exactly what json_text() makes of it, or the
 * line could not be imported again.
 */
static int
event_exact(struct fq *fq, const struct event_row *e, struct val **out)
{
	struct arena *a = fq->mem;
	struct val *ev = v_obj(a), *data = NULL;
	char err[128];

	if (!e->data || !e->actor || !e->kind || !e->prev || !e->digest ||
	    json_parse(a, e->data, strlen(e->data), &data, err, sizeof(err)) ||
	    data->kind != V_OBJ || strcmp(json_text(a, data), e->data))
		return fq_fail(fq, FQ_EDATA, "event %lld (case #%lld, seq "
			       "%lld) is not stored as fq writes it and cannot "
			       "be exported exactly; run 'fq verify'", e->id,
			       e->case_id, e->seq);
	v_set_int(a, ev, "id", e->id);
	v_set_int(a, ev, "seq", e->seq);
	v_set_time(a, ev, "at", (time_t)e->at);
	v_set_str(a, ev, "actor", arena_strdup(a, e->actor));
	v_set_str(a, ev, "kind", arena_strdup(a, e->kind));
	v_set(a, ev, "data", data);
	v_set_str(a, ev, "prev", arena_strdup(a, e->prev));
	v_set_str(a, ev, "digest", arena_strdup(a, e->digest));
	*out = ev;
	return 0;
}

/*
 * The events of case `id`, from the walk: it stands on them already when
 * every case is exported; otherwise it is moved there.
 */
static int
case_events(struct fq *fq, struct exporter *x, long long id,
	    struct val **out)
{
	struct val *arr = v_arr(fq->mem), *ev = NULL;
	int rc;

	if (x->at < 0 || (x->at > 0 && x->ev.case_id < id))
		x->at = store_events_walk_from(fq, x->events, id, &x->ev);
	while (x->at > 0 && x->ev.case_id == id) {
		if ((rc = event_exact(fq, &x->ev, &ev)))
			return rc;
		v_push(fq->mem, arr, ev);
		x->at = store_events_walk_next(fq, x->events, &x->ev);
	}
	if (x->at < 0)
		return fq->err_code;
	*out = arr;
	return 0;
}

/* Writes one case's line (cases_each callback). */
static int
export_one(struct fq *fq, struct fq_case *c, void *arg)
{
	struct exporter *x = arg;
	struct arena *a = fq->mem;
	struct val *o = case_json(fq, c), *events = NULL;
	int rc;

	if ((rc = case_events(fq, x, c->id, &events)))
		return rc;
	v_set_time(a, o, "waiting_since", c->waiting_since);
	v_set_time(a, o, "waiting_until", c->waiting_until);
	v_set_time(a, o, "updated_at", c->updated_at);
	v_set_str(a, o, "request_key", c->request_key);
	v_set(a, o, "events", events);
	json_write(x->out, o);
	putc('\n', x->out);
	if (++x->lines % SCRATCH_LINES == 0)
		scratch_renew(fq);
	return 0;
}

int
export_cases(struct fq *fq, const struct case_filter *f, FILE *out)
{
	struct exporter x = { .out = out, .at = -1 };
	struct case_filter oldest = *f;
	struct arena *keep;
	int rc;

	oldest.oldest_first = 1;
	if ((rc = store_events_walk(fq, &x.events))) {
		store_events_walk_end(fq, x.events);
		return rc;
	}
	keep = scratch_begin(fq);
	rc = cases_each(fq, &oldest, export_one, &x);
	store_events_walk_end(fq, x.events);
	return scratch_end(fq, keep, rc);
}

/* ------------------------------------------------------------------ */
/* Import */

/* What the chain check keeps of each imported event. */
struct link {
	long long id;
	long line;
	uint8_t prev[32], digest[32];
};

/* An id the policy does not know, warned about once. */
struct unknown {
	const char *what, *id;
};

/* One line, read and checked, ready to be stored. */
struct record {
	long line;
	struct fq_case c;
	struct event_row *events;
	int nevents;
	struct search_doc doc;	/* the texts of its events, for search */
	const char *warn;	/* warnings about the line, or NULL */
};

/* Lines read and checked together, stored together. */
struct batch {
	struct arena *mem;	/* all that the batch points to */
	struct record recs[BATCH_LINES];
	int n;
	int rc;			/* the line after the records failed: */
	const char *err;	/* its message */
	int last;		/* the input ends with this batch */
};

/* Batches going from the reader thread to the main thread, in order. */
struct queue {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch b[NBATCH];
	long filled, done;	/* batches filled, and stored, so far */
	int stop;		/* the main thread takes no more */
};

/* What the reader thread keeps. */
struct reader {
	FILE *in;
	const struct policy *pol;
	struct queue *q;
	struct batch *b;	/* the batch being filled */
	long line;		/* the line being read, from 1 */
	char *buf;		/* getline()'s */
	size_t cap;
	struct link *links;	/* every event read, for the chain check */
	size_t nlinks, caplinks;
	struct arena *mem;	/* for the unknown ids */
	struct unknown *unknown;
	int nunknown, capunknown;
};

/* What the main thread keeps. */
struct importer {
	struct fq *fq;
	struct store_import *store;	/* the store's bulk restore */
	long long head_id;	/* the database's chain before the import */
	uint8_t head[32];
	long long had_cases;	/* cases in the database before */
	long line;		/* the line being stored */
	int big;		/* 1 once the store was told it is big */
	struct import_result *r;
};

/* ---- Reading and checking lines (the reader thread) ---- */

/*
 * Fails the line being read with `rc`, the message led by "line N: ".
 * The reader never touches struct fq: the main thread reports the error
 * when it reaches the line.
 */
static int
fail_line(struct reader *rd, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail_line(struct reader *rd, int rc, const char *fmt, ...)
{
	struct batch *b = rd->b;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = arena_vprintf(b->mem, fmt, ap);
	va_end(ap);
	b->err = arena_printf(b->mem, "line %ld: %s", rd->line, msg);
	b->rc = rc;
	return rc;
}

/* The same with FQ_EDATA: a bad line. */
#define bad(rd, ...) fail_line((rd), FQ_EDATA, __VA_ARGS__)

/* The value of a lowercase hex digit, or -1. */
static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Reads 64 lowercase hex digits into 32 bytes; -1 if s is not that. */
static int
unhex(const char *s, uint8_t out[32])
{
	int i, hi, lo;

	for (i = 0; i < 32; i++) {
		if ((hi = hexval(s[2 * i])) < 0 ||
		    (lo = hexval(s[2 * i + 1])) < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return s[64] ? -1 : 0;
}

/*
 * Fills v[i] with the member keys[i] of obj, looked for first at place i
 * (where export puts it).  Fails naming `what` and the key when a key is
 * missing or obj holds one that is not in keys.
 */
static int
members(struct reader *rd, const struct val *obj, const char *what,
	const char *const *keys, int n, const struct val **v)
{
	int i, j;

	if (!obj || obj->kind != V_OBJ)
		return bad(rd, "%s is not a JSON object", what);
	for (i = 0; i < n; i++) {
		v[i] = NULL;
		if (i < obj->n && !strcmp(obj->keys[i], keys[i]))
			v[i] = obj->items[i];
		for (j = 0; !v[i] && j < obj->n; j++)
			if (!strcmp(obj->keys[j], keys[i]))
				v[i] = obj->items[j];
		if (!v[i])
			return bad(rd, "%s has no '%s'", what, keys[i]);
	}
	for (j = 0; obj->n > n && j < obj->n; j++) {
		for (i = 0; i < n && strcmp(obj->keys[j], keys[i]); i++)
			;
		if (i == n)
			return bad(rd, "%s has an unknown key '%s'", what,
				   obj->keys[j]);
	}
	return 0;
}

enum { NULLABLE = 1 };

/* A string member (null allowed with NULLABLE, giving NULL). */
static int
want_str(struct reader *rd, const struct val *v, const char *name,
	 int flags, const char **out)
{
	*out = NULL;
	if (v->kind == V_STR) {
		*out = v->s;
		return 0;
	}
	if (v->kind == V_NULL && (flags & NULLABLE))
		return 0;
	return bad(rd, "'%s' must be a string%s", name,
		   flags & NULLABLE ? " or null" : "");
}

/* A time member (null allowed with NULLABLE, giving 0). */
static int
want_time(struct reader *rd, const struct val *v, const char *name,
	  int flags, time_t *out)
{
	const char *s;
	int rc;

	*out = 0;
	if ((rc = want_str(rd, v, name, flags, &s)) || !s)
		return rc;
	if (iso_parse(s, out))
		return bad(rd, "'%s': malformed time '%s' (expected ISO 8601 "
			   "with offset, e.g. 2026-11-27T03:00:00+08:00)",
			   name, s);
	return 0;
}

/* A boolean member. */
static int
want_bool(struct reader *rd, const struct val *v, const char *name,
	  int *out)
{
	if (v->kind != V_BOOL)
		return bad(rd, "'%s' must be true or false", name);
	*out = (int)v->i;
	return 0;
}

/* A positive integer member. */
static int
want_id(struct reader *rd, const struct val *v, const char *name,
	long long *out)
{
	if (v->kind != V_INT || v->i <= 0)
		return bad(rd, "'%s' must be a positive whole number", name);
	*out = v->i;
	return 0;
}

/* The keys of a line, in export's order (see exchange.h). */
enum {
	K_ID, K_SUMMARY, K_CATEGORY, K_DEPARTMENT, K_HANDLER, K_OWNER,
	K_STATUS, K_MAJOR, K_WAITING, K_GUEST, K_VIA, K_CREATED_AT, K_DUE,
	K_LATE, K_CLOSED_AT, K_DETAILS, K_FIRST_CONTACT, K_WAITING_SINCE,
	K_WAITING_UNTIL, K_UPDATED_AT, K_REQUEST_KEY, K_EVENTS, NLINE_KEYS
};

static const char *const line_keys[NLINE_KEYS] = {
	"id", "summary", "category", "department", "handler", "owner",
	"status", "major", "waiting", "guest", "via", "created_at", "due",
	"late", "closed_at", "details", "first_contact", "waiting_since",
	"waiting_until", "updated_at", "request_key", "events",
};

static const char *const guest_keys[] = { "name", "room", "phone" };

/* The guest object. */
static int
read_guest(struct reader *rd, const struct val *g, struct fq_case *c)
{
	const struct val *v[3];
	int rc;

	if ((rc = members(rd, g, "'guest'", guest_keys, 3, v)) ||
	    (rc = want_str(rd, v[0], "guest.name", NULLABLE, &c->guest)) ||
	    (rc = want_str(rd, v[1], "guest.room", NULLABLE, &c->room)) ||
	    (rc = want_str(rd, v[2], "guest.phone", NULLABLE, &c->phone)))
		return rc;
	return 0;
}

/* The due object: a time or null for each deadline. */
static int
read_due(struct reader *rd, const struct val *d, struct fq_case *c)
{
	static const char *const names[NDUE] = {
		"due.accept", "due.reply", "due.resolve", "due.promise",
	};
	const struct val *v[NDUE];
	int rc, k;

	if ((rc = members(rd, d, "'due'", due_names, NDUE, v)))
		return rc;
	for (k = 0; k < NDUE; k++)
		if ((rc = want_time(rd, v[k], names[k], NULLABLE, &c->due[k])))
			return rc;
	return 0;
}

/* Checks the status and the fields derived from others. */
static int
check_state(struct reader *rd, const struct val *const *v,
	    const struct fq_case *c)
{
	static const char *const statuses[] = { "open", "replied", "closed",
						"declined" };
	int i, waiting = 0;

	for (i = 0; i < 4 && strcmp(c->status, statuses[i]); i++)
		;
	if (i == 4)
		return bad(rd, "'status' must be open, replied, closed or "
			   "declined, not '%s'", c->status);
	if (want_bool(rd, v[K_WAITING], "waiting", &waiting))
		return FQ_EDATA;
	if (waiting != (c->waiting_since != 0))
		return bad(rd, "'waiting' is %s but 'waiting_since' is %s",
			   waiting ? "true" : "false",
			   c->waiting_since ? "set" : "null");
	if (v[K_LATE]->kind != V_ARR)
		return bad(rd, "'late' must be an array");
	return 0;
}

/* The text fields of a case. */
static int
read_texts(struct reader *rd, const struct val *const *v,
	   struct fq_case *c)
{
	int rc;

	if ((rc = want_str(rd, v[K_SUMMARY], "summary", 0, &c->summary)) ||
	    (rc = want_str(rd, v[K_CATEGORY], "category", 0, &c->category)) ||
	    (rc = want_str(rd, v[K_DEPARTMENT], "department", 0,
			   &c->department)) ||
	    (rc = want_str(rd, v[K_HANDLER], "handler", NULLABLE,
			   &c->handler)) ||
	    (rc = want_str(rd, v[K_OWNER], "owner", 0, &c->owner)) ||
	    (rc = want_str(rd, v[K_STATUS], "status", 0, &c->status)) ||
	    (rc = want_str(rd, v[K_VIA], "via", 0, &c->via)) ||
	    (rc = want_str(rd, v[K_DETAILS], "details", NULLABLE,
			   &c->details)) ||
	    (rc = want_str(rd, v[K_REQUEST_KEY], "request_key", NULLABLE,
			   &c->request_key)))
		return rc;
	return 0;
}

/* The times of a case. */
static int
read_times(struct reader *rd, const struct val *const *v,
	   struct fq_case *c)
{
	int rc;

	if ((rc = want_time(rd, v[K_CREATED_AT], "created_at", 0,
			    &c->created_at)) ||
	    (rc = want_time(rd, v[K_UPDATED_AT], "updated_at", 0,
			    &c->updated_at)) ||
	    (rc = want_time(rd, v[K_CLOSED_AT], "closed_at", NULLABLE,
			    &c->closed_at)) ||
	    (rc = want_time(rd, v[K_WAITING_SINCE], "waiting_since", NULLABLE,
			    &c->waiting_since)) ||
	    (rc = want_time(rd, v[K_WAITING_UNTIL], "waiting_until", NULLABLE,
			    &c->waiting_until)))
		return rc;
	return 0;
}

/* A line's case (its events are read by read_events). */
static int
read_case(struct reader *rd, const struct val *obj, struct fq_case *c,
	  const struct val **events)
{
	const struct val *v[NLINE_KEYS];
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = members(rd, obj, "the line", line_keys, NLINE_KEYS, v)) ||
	    (rc = want_id(rd, v[K_ID], "id", &c->id)) ||
	    (rc = read_texts(rd, v, c)) || (rc = read_times(rd, v, c)) ||
	    (rc = want_bool(rd, v[K_MAJOR], "major", &c->major)) ||
	    (rc = want_bool(rd, v[K_FIRST_CONTACT], "first_contact",
			    &c->first_contact)) ||
	    (rc = read_guest(rd, v[K_GUEST], c)) ||
	    (rc = read_due(rd, v[K_DUE], c)) ||
	    (rc = check_state(rd, v, c)))
		return rc;
	*events = v[K_EVENTS];
	return 0;
}

/* Notes, once per id, an id the policy does not know. */
static void
unknown_id(struct reader *rd, struct record *rec, const char *what,
	   const char *id)
{
	struct unknown *u;
	const char *w;
	int i;

	for (i = 0; i < rd->nunknown; i++)
		if (!strcmp(rd->unknown[i].id, id) &&
		    !strcmp(rd->unknown[i].what, what))
			return;
	rd->unknown = arena_grow(rd->mem, rd->unknown, sizeof(*u),
				 &rd->capunknown, rd->nunknown + 1);
	u = &rd->unknown[rd->nunknown++];
	u->what = what;
	u->id = arena_strdup(rd->mem, id);
	w = arena_printf(rd->b->mem, "line %ld: %s '%s' is not in the "
			 "policy; imported as it is", rd->line, what, id);
	rec->warn = rec->warn ? arena_printf(rd->b->mem, "%s\n%s", rec->warn,
					     w) : w;
}

/* Notes the ids of a case and its events that the policy does not know. */
static void
check_ids(struct reader *rd, struct record *rec)
{
	const struct policy *p = rd->pol;
	const struct fq_case *c = &rec->c;
	int i;

	if (policy_dept(p, c->department) < 0)
		unknown_id(rd, rec, "department", c->department);
	if (policy_category(p, c->category) < 0)
		unknown_id(rd, rec, "category", c->category);
	if (!policy_staff(p, c->owner))
		unknown_id(rd, rec, "staff member", c->owner);
	if (c->handler && !policy_staff(p, c->handler))
		unknown_id(rd, rec, "staff member", c->handler);
	for (i = 0; i < rec->nevents; i++)
		if (strcmp(rec->events[i].actor, "fq") &&
		    !policy_staff(p, rec->events[i].actor))
			unknown_id(rd, rec, "staff member",
				   rec->events[i].actor);
}

/* Room for one more link; NULL after fail_line(). */
static struct link *
new_link(struct reader *rd)
{
	struct link *l;
	size_t cap;

	if (rd->nlinks == rd->caplinks) {
		cap = rd->caplinks ? rd->caplinks * 2 : 4096;
		l = realloc(rd->links, cap * sizeof(*l));
		if (!l) {
			fail_line(rd, FQ_EINTERNAL, "out of memory after %zu "
				  "events", rd->nlinks);
			return NULL;
		}
		rd->links = l;
		rd->caplinks = cap;
	}
	l = &rd->links[rd->nlinks];
	l->line = rd->line;
	return l;
}

static const char *const event_keys[] = {
	"id", "seq", "at", "actor", "kind", "data", "prev", "digest",
};

/* The fields of events[i] into e (data as compact JSON text). */
static int
read_event(struct reader *rd, const struct val *obj, int i,
	   struct event_row *e)
{
	const struct val *v[8];
	char what[48];
	time_t at;
	int rc;

	snprintf(what, sizeof(what), "events[%d]", i);
	if ((rc = members(rd, obj, what, event_keys, 8, v)) ||
	    (rc = want_id(rd, v[0], "id", &e->id)) ||
	    (rc = want_id(rd, v[1], "seq", &e->seq)) ||
	    (rc = want_time(rd, v[2], "at", 0, &at)) ||
	    (rc = want_str(rd, v[3], "actor", 0, &e->actor)) ||
	    (rc = want_str(rd, v[4], "kind", 0, &e->kind)) ||
	    (rc = want_str(rd, v[6], "prev", 0, &e->prev)) ||
	    (rc = want_str(rd, v[7], "digest", 0, &e->digest)))
		return rc;
	if (v[5]->kind != V_OBJ)
		return bad(rd, "event %lld: 'data' must be an object", e->id);
	e->at = (long long)at;
	e->data = json_text(rd->b->mem, v[5]);
	return 0;
}

/*
 * Checks an event against its place in the case and its digest, and
 * keeps what the chain check needs of it.
 */
static int
check_event(struct reader *rd, const struct event_row *e, int i)
{
	struct link *l;
	char want[65];

	if (!(l = new_link(rd)))
		return FQ_EINTERNAL;
	if (e->seq != i + 1)
		return bad(rd, "event %lld has seq %lld where %d was expected "
			   "(seq runs 1, 2, ... in order)", e->id, e->seq,
			   i + 1);
	if (i == 0 && strcmp(e->kind, "logged"))
		return bad(rd, "the first event is '%s', not 'logged'",
			   e->kind);
	if (unhex(e->prev, l->prev))
		return bad(rd, "event %lld: 'prev' is not a digest (64 "
			   "lowercase hex digits)", e->id);
	event_digest(e->prev, e->id, e->case_id, e->seq, e->at, e->actor,
		     e->kind, e->data, want);
	if (strcmp(want, e->digest))
		return bad(rd, "event %lld (seq %lld, '%s') does not match its "
			   "digest: it was altered after it was exported",
			   e->id, e->seq, e->kind);
	unhex(want, l->digest);
	l->id = e->id;
	rd->nlinks++;
	return 0;
}

/* Reads and checks the events of a line's case. */
static int
read_events(struct reader *rd, const struct val *events,
	    struct record *rec)
{
	struct event_row *e;
	int i, rc;

	if (events->kind != V_ARR || events->n == 0)
		return bad(rd, "'events' must be a non-empty array");
	rec->events = arena_alloc(rd->b->mem, sizeof(*e) * (size_t)events->n);
	for (i = 0; i < events->n; i++) {
		e = &rec->events[i];
		e->case_id = rec->c.id;
		if ((rc = read_event(rd, events->items[i], i, e)) ||
		    (rc = check_event(rd, e, i)))
			return rc;
		search_doc_data(&rec->doc, e->id, e->kind,
				v_get(events->items[i], "data"));
	}
	rec->nevents = events->n;
	return 0;
}

/* Reads and checks one line into the next record of the batch. */
static int
read_line(struct reader *rd, const char *s, size_t n)
{
	struct batch *b = rd->b;
	struct record *rec = &b->recs[b->n];
	const struct val *events;
	struct val *v;
	char err[128];
	int rc;

	memset(rec, 0, sizeof(*rec));
	rec->line = rd->line;
	search_doc_reset(&rec->doc, b->mem);
	if (json_parse(b->mem, s, n, &v, err, sizeof(err)))
		return bad(rd, "not JSON: %s", err);
	if ((rc = read_case(rd, v, &rec->c, &events)) ||
	    (rc = read_events(rd, events, rec)))
		return rc;
	check_ids(rd, rec);
	b->n++;
	return 0;
}

/* 1 when the n bytes at s are only white space. */
static int
blank(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
			 s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n == 0;
}

/*
 * Fills the batch with up to BATCH_LINES lines; at the end of the input
 * or at a bad line, marks it the last.
 */
static void
read_batch(struct reader *rd)
{
	struct batch *b = rd->b;
	ssize_t n;

	while (b->n < BATCH_LINES) {
		if ((n = getline(&rd->buf, &rd->cap, rd->in)) < 0) {
			if (ferror(rd->in))
				fail_line(rd, FQ_ENOINPUT, "cannot read: %s",
					  strerror(errno));
			b->last = 1;
			return;
		}
		rd->line++;
		if (!blank(rd->buf, (size_t)n) &&
		    read_line(rd, rd->buf, (size_t)n)) {
			b->last = 1;
			return;
		}
	}
}

/* ---- The queue between the threads ---- */

/* The next batch to fill, emptied; NULL once the main thread stopped. */
static struct batch *
queue_to_fill(struct queue *q)
{
	struct batch *b = NULL;

	pthread_mutex_lock(&q->mu);
	while (!q->stop && q->filled - q->done >= NBATCH)
		pthread_cond_wait(&q->cv, &q->mu);
	if (!q->stop)
		b = &q->b[q->filled % NBATCH];
	pthread_mutex_unlock(&q->mu);
	if (b) {
		arena_free(b->mem);
		b->mem = arena_new();
		b->n = b->rc = b->last = 0;
		b->err = NULL;
	}
	return b;
}

/* Hands the batch just filled to the main thread. */
static void
queue_filled(struct queue *q)
{
	pthread_mutex_lock(&q->mu);
	q->filled++;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

/* The next batch to store, once the reader has filled it. */
static struct batch *
queue_to_store(struct queue *q)
{
	struct batch *b;

	pthread_mutex_lock(&q->mu);
	while (q->done == q->filled)
		pthread_cond_wait(&q->cv, &q->mu);
	b = &q->b[q->done % NBATCH];
	pthread_mutex_unlock(&q->mu);
	return b;
}

/* Gives the batch just stored back to the reader; stops it with `stop`. */
static void
queue_stored(struct queue *q, int stop)
{
	pthread_mutex_lock(&q->mu);
	q->done++;
	q->stop |= stop;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

/* The reader thread: fills batches until the input or a bad line ends. */
static void *
reader_run(void *arg)
{
	struct reader *rd = arg;
	struct batch *b;

	while ((b = queue_to_fill(rd->q))) {
		rd->b = b;
		read_batch(rd);
		queue_filled(rd->q);
		if (b->last)
			break;
	}
	return NULL;
}

/* ---- Storing (the main thread) ---- */

/*
 * Once an import has proved big (more cases than the database had, and
 * at least BIG_IMPORT), building the indexes anew at the end is cheaper
 * than keeping them up case by case: tells the store so.
 */
static int
maybe_big(struct importer *im)
{
	if (im->big || im->r->cases < BIG_IMPORT ||
	    im->r->cases <= im->had_cases)
		return 0;
	im->big = 1;
	return store_import_big(im->fq, im->store);
}

/* Leads the message of a failed library call with "line N: ". */
static int
on_line(struct importer *im, int rc)
{
	struct fq *fq = im->fq;

	if (rc && fq->err)
		fq->err = arena_printf(fq->mem, "line %ld: %s", im->line,
				       fq->err);
	return rc;
}

/* Prints a record's warnings, one a line. */
static void
warn_lines(struct fq *fq, const char *w)
{
	const char *nl;

	for (; w; w = nl ? nl + 1 : NULL) {
		nl = strchr(w, '\n');
		fq_warn(fq, "%.*s", nl ? (int)(nl - w) : (int)strlen(w), w);
	}
}

/* Stores one line's case and its events. */
static int
store_record(struct importer *im, const struct record *rec)
{
	struct fq *fq = im->fq;
	int i, rc;

	im->line = rec->line;
	warn_lines(fq, rec->warn);
	if ((rc = on_line(im, store_import_case(fq, im->store, &rec->c,
						case_next_due(&rec->c)))))
		return rc;
	for (i = 0; i < rec->nevents; i++)
		if ((rc = on_line(im, store_import_event(fq, im->store,
							  &rec->events[i]))))
			return rc;
	if ((rc = on_line(im, store_import_search(fq, im->store, rec->c.id,
						  &rec->doc))))
		return rc;
	im->r->cases++;
	im->r->events += rec->nevents;
	return maybe_big(im);
}

/* Stores the batches as the reader fills them, up to the last. */
static int
store_all(struct importer *im, struct queue *q)
{
	struct batch *b;
	int i, rc, last;

	do {
		b = queue_to_store(q);
		for (i = rc = 0; i < b->n && rc == 0; i++)
			rc = store_record(im, &b->recs[i]);
		if (rc == 0 && b->rc)
			rc = fq_fail(im->fq, b->rc, "%s", b->err);
		last = b->last;
		queue_stored(q, rc != 0);
	} while (rc == 0 && !last);
	return rc;
}

/* Reads the chain's head and the number of cases; begins the restore. */
static int
importer_begin(struct importer *im)
{
	struct fq *fq = im->fq;
	const char *digest;
	int rc;

	if ((rc = events_head(fq, &im->head_id, &digest)))
		return rc;
	if (unhex(digest, im->head))
		return fq_fail(fq, FQ_EDATA, "the database's last event (%lld) "
			       "has a malformed digest; run 'fq verify'",
			       im->head_id);
	if ((rc = store_cases_count(fq, &im->had_cases)))
		return rc;
	return store_import_begin(fq, &im->store);
}

/*
 * Ends the store's restore: after a good import (rc 0) it finishes its
 * deferred work, whose failure is then the result.  Returns rc.
 */
static int
importer_end(struct importer *im, int rc)
{
	int end = store_import_end(im->fq, im->store, rc == 0);

	return rc ? rc : end;
}

/* ---- The chain (the main thread, once every line is read) ---- */

/* Fails naming an event of the chain and its line. */
static int
chain_fail(struct fq *fq, const struct link *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
chain_fail(struct fq *fq, const struct link *l, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = arena_vprintf(fq->mem, fmt, ap);
	va_end(ap);
	return fq_fail(fq, FQ_EDATA, "line %ld: event %lld %s", l->line,
		       l->id, msg);
}

/*
 * Puts the links in id order, in place and in linear time, after
 * checking that their ids are exactly head + 1 ... head + n.
 */
static int
chain_order(struct fq *fq, struct link *l, size_t n, long long head_id)
{
	long long base = head_id + 1, end = base + (long long)n;
	struct link t;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (l[i].id < base)
			return chain_fail(fq, &l[i], "is older than the "
					  "database's last event (%lld): the "
					  "file does not continue its chain",
					  head_id);
		if (l[i].id >= end)
			return chain_fail(fq, &l[i], "leaves a gap: the %zu "
					  "events imported should have the ids "
					  "%lld to %lld", n, base, end - 1);
	}
	for (i = 0; i < n; i++)
		while ((j = (size_t)(l[i].id - base)) != i) {
			if (l[j].id == l[i].id)
				return chain_fail(fq, &l[i], "appears twice "
						  "(also on line %ld)",
						  l[j].line);
			t = l[i];
			l[i] = l[j];
			l[j] = t;
		}
	return 0;
}

/*
 * Checks that the imported events continue the database's chain: the
 * first follows its head, and each prev is the digest of the event
 * before it in id order.
 */
static int
chain_check(struct importer *im, struct link *l, size_t n)
{
	struct fq *fq = im->fq;
	size_t i;
	int rc;

	if (n == 0)
		return 0;
	if ((rc = chain_order(fq, l, n, im->head_id)))
		return rc;
	if (memcmp(l[0].prev, im->head, 32)) {
		if (im->head_id == 0)
			return chain_fail(fq, &l[0], "does not begin a chain "
					  "(its prev is not the genesis value, "
					  "64 zeros), and the database has no "
					  "events");
		return chain_fail(fq, &l[0], "does not continue the "
				  "database's chain: its prev is not the "
				  "digest of event %lld", im->head_id);
	}
	for (i = 1; i < n; i++)
		if (memcmp(l[i].prev, l[i - 1].digest, 32))
			return chain_fail(fq, &l[i], "does not follow event "
					  "%lld (line %ld): its prev is not "
					  "that event's digest", l[i - 1].id,
					  l[i - 1].line);
	return 0;
}

/* Runs the reader thread and stores what it reads; then the chain. */
static int
import_run(struct importer *im, struct reader *rd, struct queue *q)
{
	struct fq *fq = im->fq;
	pthread_t t;
	int rc;

	if ((rc = pthread_create(&t, NULL, reader_run, rd)))
		return fq_fail(fq, FQ_EINTERNAL, "cannot start a thread: %s",
			       strerror(rc));
	rc = store_all(im, q);
	pthread_join(t, NULL);
	if (rc == 0)
		rc = chain_check(im, rd->links, rd->nlinks);
	return rc;
}

int
import_cases(struct fq *fq, FILE *in, struct import_result *r)
{
	struct importer im = { .fq = fq, .r = r };
	struct queue *q = arena_alloc(fq->mem, sizeof(*q));
	struct reader rd = { .in = in, .pol = fq->pol, .q = q };
	int rc, i;

	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	rd.mem = arena_new();
	if ((rc = importer_begin(&im)) == 0)
		rc = import_run(&im, &rd, q);
	rc = importer_end(&im, rc);
	for (i = 0; i < NBATCH; i++)
		arena_free(q->b[i].mem);
	pthread_cond_destroy(&q->cv);
	pthread_mutex_destroy(&q->mu);
	arena_free(rd.mem);
	free(rd.links);
	free(rd.buf);
	return rc;
}
