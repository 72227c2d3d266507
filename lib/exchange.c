/*
 * exchange.c - cases with their events as JSON Lines, out and back in.
 *
 * Export walks the cases in id order and, in step with them, every
 * event in (case_id, seq) order, writing each line as it goes; the text
 * of a batch of lines lives in a scratch arena that is then thrown away.
 *
 * Import checks each line, recomputes every event's digest, and stores
 * the case and its events through statements prepared once.  Events of
 * different cases interleave in id order, so the chain (each prev the
 * digest of the event before it in id order) can only be checked once
 * every line has been read: each event leaves a small link (id, line,
 * prev, digest) behind, and the links are put in id order at the end.
 * A big import drops the secondary indexes of cases and events and makes
 * them again at its end, inside the same transaction.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "db.h"
#include "events.h"
#include "exchange.h"
#include "json.h"
#include "out.h"
#include "policy.h"

#define SCRATCH_LINES 256	/* lines between renewals of scratch memory */
#define BIG_IMPORT 20000	/* lines after which indexes may be dropped */
#define IMPORT_CACHE_KIB 262144	/* page cache for a big import */

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
	struct sqlite3_stmt *events;
	int at;			/* 1: ev is the walk's event; 0: walk done; -1: not begun */
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
		return fq_fail(fq, FQ_EDATA, "event %lld (case #%lld, seq %lld) "
			       "is not stored as fq writes it and cannot be "
			       "exported exactly; run 'fq verify'", e->id,
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
		x->at = events_walk_from(fq, x->events, id, &x->ev);
	while (x->at > 0 && x->ev.case_id == id) {
		if ((rc = event_exact(fq, &x->ev, &ev)))
			return rc;
		v_push(fq->mem, arr, ev);
		x->at = events_walk_next(fq, x->events, &x->ev);
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
	if (!(x.events = events_walk(fq)))
		return fq->err_code;
	keep = scratch_begin(fq);
	rc = cases_each(fq, &oldest, export_one, &x);
	db_finish(x.events);
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

struct importer {
	struct fq *fq;
	struct arena *keep;	/* the command's arena (fq->mem is scratch) */
	long line;		/* the line being read, from 1 */
	struct sqlite3_stmt *cases, *events;
	long long head_id;	/* the database's chain before the import */
	uint8_t head[32];
	struct link *links;
	size_t nlinks, caplinks;
	struct unknown *unknown;
	int nunknown, capunknown;
	long long had_cases;	/* cases in the database before */
	char **index_sql;	/* the dropped indexes, to make again */
	int nindex;
	int dropped;		/* 1 once the indexes are dropped */
	long long cache_size;	/* PRAGMA cache_size before the import */
	struct import_result *r;
};

/* Fails with FQ_EDATA, the message led by "line N: ". */
static int
bad(struct importer *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
bad(struct importer *im, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = arena_vprintf(im->fq->mem, fmt, ap);
	va_end(ap);
	return fq_fail(im->fq, FQ_EDATA, "line %ld: %s", im->line, msg);
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

/* The number in the n digits at s, or -1. */
static int
num(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

/* Parses an offset "Z", "+08:00" or "+0800"; seconds east of UTC. */
static int
iso_offset(const char *s, long *off)
{
	int h, m, sign;

	if (!strcmp(s, "Z")) {
		*off = 0;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s == '-' ? -1 : 1;
	h = num(s + 1, 2);
	s += 3;
	if (*s == ':')
		s++;
	m = num(s, 2);
	if (h < 0 || h > 14 || m < 0 || m > 59 || s[2])
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

/*
 * Parses a time as export writes it, "2026-11-27T03:00:00+08:00", with
 * any offset (or Z); -1 if malformed.
 */
static int
iso_parse(const char *s, time_t *t)
{
	char date[11];
	int hh, mm, ss;
	long day, off;

	if (strlen(s) < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	hh = num(s + 11, 2);
	mm = num(s + 14, 2);
	ss = num(s + 17, 2);
	if (date_parse(date, &day) || hh < 0 || hh > 23 || mm < 0 ||
	    mm > 59 || ss < 0 || ss > 59 || iso_offset(s + 19, &off))
		return -1;
	*t = (time_t)day * 86400 + hh * 3600 + mm * 60 + ss - off;
	return *t > 0 ? 0 : -1;
}

/*
 * Fills v[i] with the member keys[i] of obj, looked for first at place i
 * (where export puts it).  Fails naming `what` and the key when a key is
 * missing or obj holds one that is not in keys.
 */
static int
members(struct importer *im, const struct val *obj, const char *what,
	const char *const *keys, int n, const struct val **v)
{
	int i, j;

	if (!obj || obj->kind != V_OBJ)
		return bad(im, "%s is not a JSON object", what);
	for (i = 0; i < n; i++) {
		v[i] = NULL;
		if (i < obj->n && !strcmp(obj->keys[i], keys[i]))
			v[i] = obj->items[i];
		for (j = 0; !v[i] && j < obj->n; j++)
			if (!strcmp(obj->keys[j], keys[i]))
				v[i] = obj->items[j];
		if (!v[i])
			return bad(im, "%s has no '%s'", what, keys[i]);
	}
	for (j = 0; obj->n > n && j < obj->n; j++) {
		for (i = 0; i < n && strcmp(obj->keys[j], keys[i]); i++)
			;
		if (i == n)
			return bad(im, "%s has an unknown key '%s'", what,
				   obj->keys[j]);
	}
	return 0;
}

enum { NULLABLE = 1 };

/* A string member (null allowed with NULLABLE, giving NULL). */
static int
want_str(struct importer *im, const struct val *v, const char *name,
	 int flags, const char **out)
{
	*out = NULL;
	if (v->kind == V_STR) {
		*out = v->s;
		return 0;
	}
	if (v->kind == V_NULL && (flags & NULLABLE))
		return 0;
	return bad(im, "'%s' must be a string%s", name,
		   flags & NULLABLE ? " or null" : "");
}

/* A time member (null allowed with NULLABLE, giving 0). */
static int
want_time(struct importer *im, const struct val *v, const char *name,
	  int flags, time_t *out)
{
	const char *s;
	int rc;

	*out = 0;
	if ((rc = want_str(im, v, name, flags, &s)) || !s)
		return rc;
	if (iso_parse(s, out))
		return bad(im, "'%s': malformed time '%s' (expected ISO 8601 "
			   "with offset, e.g. 2026-11-27T03:00:00+08:00)",
			   name, s);
	return 0;
}

/* A boolean member. */
static int
want_bool(struct importer *im, const struct val *v, const char *name,
	  int *out)
{
	if (v->kind != V_BOOL)
		return bad(im, "'%s' must be true or false", name);
	*out = (int)v->i;
	return 0;
}

/* A positive integer member. */
static int
want_id(struct importer *im, const struct val *v, const char *name,
	long long *out)
{
	if (v->kind != V_INT || v->i <= 0)
		return bad(im, "'%s' must be a positive whole number", name);
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
read_guest(struct importer *im, const struct val *g, struct fq_case *c)
{
	const struct val *v[3];
	int rc;

	if ((rc = members(im, g, "'guest'", guest_keys, 3, v)) ||
	    (rc = want_str(im, v[0], "guest.name", NULLABLE, &c->guest)) ||
	    (rc = want_str(im, v[1], "guest.room", NULLABLE, &c->room)) ||
	    (rc = want_str(im, v[2], "guest.phone", NULLABLE, &c->phone)))
		return rc;
	return 0;
}

/* The due object: a time or null for each deadline. */
static int
read_due(struct importer *im, const struct val *d, struct fq_case *c)
{
	const struct val *v[NDUE];
	char name[32];
	int rc, k;

	if ((rc = members(im, d, "'due'", due_names, NDUE, v)))
		return rc;
	for (k = 0; k < NDUE; k++) {
		snprintf(name, sizeof(name), "due.%s", due_names[k]);
		if ((rc = want_time(im, v[k], name, NULLABLE, &c->due[k])))
			return rc;
	}
	return 0;
}

/* Checks the status and the fields derived from others. */
static int
check_state(struct importer *im, const struct val *const *v,
	    const struct fq_case *c)
{
	static const char *const statuses[] = { "open", "replied", "closed",
						"declined" };
	int i, waiting = 0;

	for (i = 0; i < 4 && strcmp(c->status, statuses[i]); i++)
		;
	if (i == 4)
		return bad(im, "'status' must be open, replied, closed or "
			   "declined, not '%s'", c->status);
	if (want_bool(im, v[K_WAITING], "waiting", &waiting))
		return FQ_EDATA;
	if (waiting != (c->waiting_since != 0))
		return bad(im, "'waiting' is %s but 'waiting_since' is %s",
			   waiting ? "true" : "false",
			   c->waiting_since ? "set" : "null");
	if (v[K_LATE]->kind != V_ARR)
		return bad(im, "'late' must be an array");
	return 0;
}

/* The text fields of a case. */
static int
read_texts(struct importer *im, const struct val *const *v,
	   struct fq_case *c)
{
	int rc;

	if ((rc = want_str(im, v[K_SUMMARY], "summary", 0, &c->summary)) ||
	    (rc = want_str(im, v[K_CATEGORY], "category", 0, &c->category)) ||
	    (rc = want_str(im, v[K_DEPARTMENT], "department", 0,
			   &c->department)) ||
	    (rc = want_str(im, v[K_HANDLER], "handler", NULLABLE,
			   &c->handler)) ||
	    (rc = want_str(im, v[K_OWNER], "owner", 0, &c->owner)) ||
	    (rc = want_str(im, v[K_STATUS], "status", 0, &c->status)) ||
	    (rc = want_str(im, v[K_VIA], "via", 0, &c->via)) ||
	    (rc = want_str(im, v[K_DETAILS], "details", NULLABLE,
			   &c->details)) ||
	    (rc = want_str(im, v[K_REQUEST_KEY], "request_key", NULLABLE,
			   &c->request_key)))
		return rc;
	return 0;
}

/* The times of a case. */
static int
read_times(struct importer *im, const struct val *const *v,
	   struct fq_case *c)
{
	int rc;

	if ((rc = want_time(im, v[K_CREATED_AT], "created_at", 0,
			    &c->created_at)) ||
	    (rc = want_time(im, v[K_UPDATED_AT], "updated_at", 0,
			    &c->updated_at)) ||
	    (rc = want_time(im, v[K_CLOSED_AT], "closed_at", NULLABLE,
			    &c->closed_at)) ||
	    (rc = want_time(im, v[K_WAITING_SINCE], "waiting_since", NULLABLE,
			    &c->waiting_since)) ||
	    (rc = want_time(im, v[K_WAITING_UNTIL], "waiting_until", NULLABLE,
			    &c->waiting_until)))
		return rc;
	return 0;
}

/* A line's case (its events are read by read_events). */
static int
read_case(struct importer *im, const struct val *obj, struct fq_case *c,
	  const struct val **events)
{
	const struct val *v[NLINE_KEYS];
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = members(im, obj, "the line", line_keys, NLINE_KEYS, v)) ||
	    (rc = want_id(im, v[K_ID], "id", &c->id)) ||
	    (rc = read_texts(im, v, c)) || (rc = read_times(im, v, c)) ||
	    (rc = want_bool(im, v[K_MAJOR], "major", &c->major)) ||
	    (rc = want_bool(im, v[K_FIRST_CONTACT], "first_contact",
			    &c->first_contact)) ||
	    (rc = read_guest(im, v[K_GUEST], c)) ||
	    (rc = read_due(im, v[K_DUE], c)) ||
	    (rc = check_state(im, v, c)))
		return rc;
	*events = v[K_EVENTS];
	return 0;
}

/* Warns, once per id, about an id the policy does not know. */
static void
unknown_id(struct importer *im, const char *what, const char *id)
{
	struct unknown *u;
	int i;

	for (i = 0; i < im->nunknown; i++)
		if (!strcmp(im->unknown[i].id, id) &&
		    !strcmp(im->unknown[i].what, what))
			return;
	im->unknown = arena_grow(im->keep, im->unknown, sizeof(*u),
				 &im->capunknown, im->nunknown + 1);
	u = &im->unknown[im->nunknown++];
	u->what = what;
	u->id = arena_strdup(im->keep, id);
	fq_warn(im->fq, "line %ld: %s '%s' is not in the policy; imported "
		"as it is", im->line, what, id);
}

/* Warns about the ids of a case the policy does not know. */
static void
check_ids(struct importer *im, const struct fq_case *c)
{
	const struct policy *p = im->fq->pol;

	if (policy_dept(p, c->department) < 0)
		unknown_id(im, "department", c->department);
	if (policy_category(p, c->category) < 0)
		unknown_id(im, "category", c->category);
	if (!policy_staff(p, c->owner))
		unknown_id(im, "staff member", c->owner);
	if (c->handler && !policy_staff(p, c->handler))
		unknown_id(im, "staff member", c->handler);
}

/* Room for one more link; NULL after fq_fail(). */
static struct link *
new_link(struct importer *im)
{
	struct link *l;
	size_t cap;

	if (im->nlinks == im->caplinks) {
		cap = im->caplinks ? im->caplinks * 2 : 4096;
		l = realloc(im->links, cap * sizeof(*l));
		if (!l) {
			fq_fail(im->fq, FQ_EINTERNAL, "out of memory after "
				"%zu events", im->nlinks);
			return NULL;
		}
		im->links = l;
		im->caplinks = cap;
	}
	l = &im->links[im->nlinks];
	l->line = im->line;
	return l;
}

static const char *const event_keys[] = {
	"id", "seq", "at", "actor", "kind", "data", "prev", "digest",
};

/* The fields of events[i] into e (data as compact JSON text). */
static int
read_event(struct importer *im, const struct val *obj, int i,
	   struct event_row *e)
{
	const struct val *v[8];
	char what[48];
	time_t at;
	int rc;

	snprintf(what, sizeof(what), "events[%d]", i);
	if ((rc = members(im, obj, what, event_keys, 8, v)) ||
	    (rc = want_id(im, v[0], "id", &e->id)) ||
	    (rc = want_id(im, v[1], "seq", &e->seq)) ||
	    (rc = want_time(im, v[2], "at", 0, &at)) ||
	    (rc = want_str(im, v[3], "actor", 0, &e->actor)) ||
	    (rc = want_str(im, v[4], "kind", 0, &e->kind)) ||
	    (rc = want_str(im, v[6], "prev", 0, &e->prev)) ||
	    (rc = want_str(im, v[7], "digest", 0, &e->digest)))
		return rc;
	if (v[5]->kind != V_OBJ)
		return bad(im, "event %lld: 'data' must be an object", e->id);
	e->at = (long long)at;
	e->data = json_text(im->fq->mem, v[5]);
	return 0;
}

/*
 * Checks an event against its place in the case and its digest, and
 * keeps what the chain check needs of it.
 */
static int
check_event(struct importer *im, const struct event_row *e, int i)
{
	struct link *l;
	char want[65];

	if (!(l = new_link(im)))
		return im->fq->err_code;
	if (e->seq != i + 1)
		return bad(im, "event %lld has seq %lld where %d was expected "
			   "(seq runs 1, 2, ... in order)", e->id, e->seq,
			   i + 1);
	if (i == 0 && strcmp(e->kind, "logged"))
		return bad(im, "the first event is '%s', not 'logged'",
			   e->kind);
	if (unhex(e->prev, l->prev))
		return bad(im, "event %lld: 'prev' is not a digest (64 "
			   "lowercase hex digits)", e->id);
	event_digest(e->prev, e->id, e->case_id, e->seq, e->at, e->actor,
		     e->kind, e->data, want);
	if (strcmp(want, e->digest))
		return bad(im, "event %lld (seq %lld, '%s') does not match its "
			   "digest: it was altered after it was exported",
			   e->id, e->seq, e->kind);
	unhex(want, l->digest);
	l->id = e->id;
	im->nlinks++;
	return 0;
}

/* Checks and stores the events of case c. */
static int
load_events(struct importer *im, const struct fq_case *c,
	    const struct val *events)
{
	const struct policy *p = im->fq->pol;
	struct event_row e;
	int i, rc;

	if (events->kind != V_ARR || events->n == 0)
		return bad(im, "'events' must be a non-empty array");
	for (i = 0; i < events->n; i++) {
		memset(&e, 0, sizeof(e));
		e.case_id = c->id;
		if ((rc = read_event(im, events->items[i], i, &e)) ||
		    (rc = check_event(im, &e, i)) ||
		    (rc = on_line(im, event_restore(im->fq, im->events, &e))))
			return rc;
		if (strcmp(e.actor, "fq") && !policy_staff(p, e.actor))
			unknown_id(im, "staff member", e.actor);
	}
	im->r->events += events->n;
	return 0;
}

/* Checks and stores one line. */
static int
load_line(struct importer *im, const char *s, size_t n)
{
	struct fq *fq = im->fq;
	const struct val *obj, *events;
	struct val *v;
	struct fq_case c;
	char err[128];
	int rc;

	if (json_parse(fq->mem, s, n, &v, err, sizeof(err)))
		return bad(im, "not JSON: %s", err);
	obj = v;
	if ((rc = read_case(im, obj, &c, &events)))
		return rc;
	check_ids(im, &c);
	if ((rc = on_line(im, case_restore(fq, im->cases, &c))) ||
	    (rc = load_events(im, &c, events)))
		return rc;
	im->r->cases++;
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
 * Drops the secondary indexes of cases and events (as the schema
 * defines them, read back from sqlite_schema), keeping their SQL for
 * indexes_make().
 */
static int
indexes_drop(struct importer *im)
{
	struct fq *fq = im->fq;
	sqlite3_stmt *st = db_prepare(fq, "SELECT name, sql FROM "
		"sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
		"AND tbl_name IN ('cases', 'events')");
	char **names = NULL;
	int cap = 0, ncap = 0, n = 0, i, rc;

	while ((rc = db_step(fq, st)) == 1) {
		names = arena_grow(im->keep, names, sizeof(*names), &ncap, n + 1);
		im->index_sql = arena_grow(im->keep, im->index_sql,
					   sizeof(*im->index_sql), &cap, n + 1);
		names[n] = arena_printf(im->keep, "DROP INDEX \"%s\"",
					(const char *)sqlite3_column_text(st, 0));
		im->index_sql[n++] = arena_strdup(im->keep,
			(const char *)sqlite3_column_text(st, 1));
	}
	db_finish(st);
	if (rc < 0)
		return fq->err_code;
	for (i = 0; i < n; i++)
		if ((rc = db_exec(fq, names[i])))
			return rc;
	im->nindex = n;
	im->dropped = 1;
	return 0;
}

/* Makes the indexes indexes_drop() dropped again. */
static int
indexes_make(struct importer *im)
{
	int i, rc;

	for (i = 0; i < im->nindex; i++)
		if ((rc = db_exec(im->fq, im->index_sql[i])))
			return rc;
	im->dropped = 0;
	return 0;
}

/*
 * Once an import has proved big (more lines than the database had
 * cases, and at least BIG_IMPORT), building the indexes anew at the end
 * is cheaper than keeping them up line by line.
 */
static int
maybe_drop_indexes(struct importer *im)
{
	if (im->dropped || im->line < BIG_IMPORT || im->line <= im->had_cases)
		return 0;
	return indexes_drop(im);
}

/*
 * Gives SQLite a bigger page cache for the import, so that it writes
 * pages once, at the commit, rather than as the cache spills.
 */
static int
cache_grow(struct importer *im)
{
	sqlite3_stmt *st = db_prepare(im->fq, "PRAGMA cache_size");
	char sql[64];

	if (db_step(im->fq, st) == 1)
		im->cache_size = col_int(st, 0);
	db_finish(st);
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d",
		 IMPORT_CACHE_KIB);
	return db_exec(im->fq, sql);
}

/* Gives the page cache its size again. */
static void
cache_shrink(struct importer *im)
{
	char sql[64];

	if (!im->cache_size)
		return;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld",
		 im->cache_size);
	db_exec(im->fq, sql);
}

/* Sets up the statements and reads the chain's head. */
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
	if ((im->had_cases = cases_count(fq)) < 0 ||
	    (rc = cache_grow(im)))
		return fq->err_code;
	if (!(im->cases = cases_restorer(fq)) ||
	    !(im->events = events_restorer(fq)))
		return fq->err_code;
	return 0;
}

/* Releases what the importer holds. */
static void
importer_end(struct importer *im)
{
	db_finish(im->cases);
	db_finish(im->events);
	free(im->links);
	cache_shrink(im);
}

/* Reads every line; the per-line text lives in scratch memory. */
static int
read_lines(struct importer *im, FILE *in)
{
	struct fq *fq = im->fq;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	while ((n = getline(&buf, &cap, in)) >= 0) {
		im->line++;
		if (im->line % SCRATCH_LINES == 0)
			scratch_renew(fq);
		if (blank(buf, (size_t)n))
			continue;
		if ((rc = load_line(im, buf, (size_t)n)) ||
		    (rc = maybe_drop_indexes(im)))
			break;
	}
	if (rc == 0 && ferror(in))
		rc = fq_fail(fq, FQ_ENOINPUT, "cannot read line %ld: %s",
			     im->line + 1, strerror(errno));
	free(buf);
	return rc;
}

/* Fails naming an event of the chain and its line. */
static int
chain_fail(struct importer *im, const struct link *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
chain_fail(struct importer *im, const struct link *l, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = arena_vprintf(im->fq->mem, fmt, ap);
	va_end(ap);
	return fq_fail(im->fq, FQ_EDATA, "line %ld: event %lld %s", l->line,
		       l->id, msg);
}

/*
 * Puts the links in id order, in place and in linear time, after
 * checking that their ids are exactly head + 1 ... head + n.
 */
static int
chain_order(struct importer *im)
{
	struct link *l = im->links, t;
	long long base = im->head_id + 1, n = (long long)im->nlinks;
	size_t i, j;

	for (i = 0; i < im->nlinks; i++) {
		if (l[i].id < base)
			return chain_fail(im, &l[i], "is older than the "
					  "database's last event (%lld): the "
					  "file does not continue its chain",
					  im->head_id);
		if (l[i].id >= base + n)
			return chain_fail(im, &l[i], "leaves a gap: the %lld "
					  "events imported should have the ids "
					  "%lld to %lld", n, base,
					  base + n - 1);
	}
	for (i = 0; i < im->nlinks; i++)
		while ((j = (size_t)(l[i].id - base)) != i) {
			if (l[j].id == l[i].id)
				return chain_fail(im, &l[i], "appears twice "
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
chain_check(struct importer *im)
{
	struct link *l = im->links;
	size_t i;
	int rc;

	if (im->nlinks == 0)
		return 0;
	if ((rc = chain_order(im)))
		return rc;
	if (memcmp(l[0].prev, im->head, 32)) {
		if (im->head_id == 0)
			return chain_fail(im, &l[0], "does not begin a chain "
					  "(its prev is not the genesis value, "
					  "64 zeros), and the database has no "
					  "events");
		return chain_fail(im, &l[0], "does not continue the "
				  "database's chain: its prev is not the "
				  "digest of event %lld", im->head_id);
	}
	for (i = 1; i < im->nlinks; i++)
		if (memcmp(l[i].prev, l[i - 1].digest, 32))
			return chain_fail(im, &l[i], "does not follow event "
					  "%lld (line %ld): its prev is not "
					  "that event's digest", l[i - 1].id,
					  l[i - 1].line);
	return 0;
}

int
import_cases(struct fq *fq, FILE *in, struct import_result *r)
{
	struct importer im = { .fq = fq, .r = r };
	int rc;

	memset(r, 0, sizeof(*r));
	im.keep = fq->mem;
	if ((rc = importer_begin(&im)) == 0) {
		im.keep = scratch_begin(fq);
		rc = scratch_end(fq, im.keep, read_lines(&im, in));
	}
	if (rc == 0)
		rc = chain_check(&im);
	if (rc == 0 && im.dropped)
		rc = indexes_make(&im);
	importer_end(&im);
	return rc;
}
