/*
 * import-line.c - fq import: one line read and checked (the reader
 * thread): JSON, its keys and their types, times, each event's place in
 * its case and its digest; then the input rules and the case row
 * against its events (import-rules.c).  Nothing here touches the
 * command's struct fq or the store.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import.h"
#include "iso8601.h"
#include "json.h"

int
import_fail(struct reader *rd, int rc, const char *fmt, ...)
{
	struct batch *b = rd->b;
	va_list ap;
	char *msg;

	/* composed now, so translated now: fq_fail() gets "%s" */
	va_start(ap, fmt);
	msg = arena_vprintf(b->mem, _(fmt), ap);
	va_end(ap);
	b->err = arena_printf(b->mem, _("line %ld: %s"), rd->line, msg);
	b->rc = rc;
	return rc;
}

/* The value of obj's key, looked for first at place i; NULL if none. */
static const struct val *
member(const struct val *obj, const char *key, int i)
{
	int j;

	if (i < obj->n && !strcmp(obj->keys[i], key))
		return obj->items[i];
	for (j = 0; j < obj->n; j++)
		if (!strcmp(obj->keys[j], key))
			return obj->items[j];
	return NULL;
}

/* The name of an object for a message: `what`, or what[index]. */
static const char *
named(struct reader *rd, const char *what, int index)
{
	if (index < 0)
		return what;
	return arena_printf(rd->b->mem, "%s[%d]", what, index);
}

/*
 * Fills v[i] with the member keys[i] of obj (where export puts it, place
 * i, is looked at first).  The first `nreq` keys must be there; the rest
 * may be missing (v[i] NULL).  Fails naming the object (`what`, or
 * what[index] when index is not -1) and the key when a required key is
 * missing or obj holds one that is not in keys.
 */
static int
members(struct reader *rd, const struct val *obj, const char *what,
	int index, const char *const *keys, int nreq, int n,
	const struct val **v)
{
	int i, j, found = 0;

	if (!obj || obj->kind != V_OBJ)
		return bad(rd, "%s is not a JSON object",
			   named(rd, what, index));
	for (i = 0; i < n; i++) {
		if ((v[i] = member(obj, keys[i], i)))
			found++;
		else if (i < nreq)
			return bad(rd, "%s has no '%s'", named(rd, what, index),
				   keys[i]);
	}
	for (j = 0; obj->n > found && j < obj->n; j++) {
		for (i = 0; i < n && strcmp(obj->keys[j], keys[i]); i++)
			;
		if (i == n)
			return bad(rd, "%s has an unknown key %s",
				   named(rd, what, index),
				   import_shown(rd, obj->keys[j]));
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
		return bad(rd, "'%s': malformed time %s (expected ISO 8601 "
			   "with offset, e.g. 2026-11-27T03:00:00+08:00)",
			   name, import_shown(rd, s));
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

/* A positive integer member, at most IMPORT_MAX_ID. */
static int
want_id(struct reader *rd, const struct val *v, const char *name,
	long long *out)
{
	if (v->kind != V_INT || v->i <= 0)
		return bad(rd, "'%s' must be a positive whole number", name);
	if (v->i > IMPORT_MAX_ID)
		return bad(rd, "'%s' is %lld; the most fq takes is %lld (2^53 "
			   "- 1, which every JSON reader keeps exact)", name,
			   v->i, IMPORT_MAX_ID);
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

	if ((rc = members(rd, g, "'guest'", -1, guest_keys, 3, 3, v)) ||
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

	if ((rc = members(rd, d, "'due'", -1, due_names, NDUE, NDUE, v)))
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
			   "declined, not %s", import_shown(rd, c->status));
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
	if ((rc = members(rd, obj, _("the line"), -1, line_keys,
			  NLINE_KEYS, NLINE_KEYS, v)) ||
	    (rc = want_id(rd, v[K_ID], "id", &c->id)) ||
	    (rc = read_texts(rd, v, c)) || (rc = read_times(rd, v, c)) ||
	    (rc = want_bool(rd, v[K_MAJOR], "major", &c->major)) ||
	    (rc = want_bool(rd, v[K_FIRST_CONTACT], "first_contact",
			    &c->first_contact)) ||
	    (rc = read_guest(rd, v[K_GUEST], c)) ||
	    (rc = read_due(rd, v[K_DUE], c)) ||
	    (rc = check_state(rd, v, c)) ||
	    (rc = import_case_rules(rd, c)))
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
	w = arena_printf(rd->b->mem, _("line %ld: %s '%s' is not in the "
			 "policy; imported as it is"), rd->line, what, id);
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

/* Room for one more link; NULL after import_fail(). */
static struct link *
new_link(struct reader *rd)
{
	struct link *l;
	size_t cap;

	if (rd->nlinks == rd->caplinks) {
		cap = rd->caplinks ? rd->caplinks * 2 : 4096;
		l = realloc(rd->links, cap * sizeof(*l));
		if (!l) {
			import_fail(rd, FQ_EINTERNAL, "out of memory after %zu "
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

/* An event's keys; "version" (its digest's) may be left out: 1. */
enum {
	E_ID, E_SEQ, E_AT, E_ACTOR, E_KIND, E_DATA, E_PREV, E_DIGEST,
	E_VERSION, NEVENT_KEYS, NEVENT_REQUIRED = E_VERSION
};

static const char *const event_keys[NEVENT_KEYS] = {
	"id", "seq", "at", "actor", "kind", "data", "prev", "digest",
	"version",
};

/* The digest version of an event (none given: 1). */
static int
want_version(struct reader *rd, const struct val *v, long long id,
	     int *out)
{
	*out = CHAIN_V1;
	if (!v)
		return 0;
	if (v->kind != V_INT || v->i < CHAIN_V1 || v->i > CHAIN_VERSION)
		return bad(rd, "event %lld: 'version' must be %d to %d (the "
			   "digest versions this fq knows)", id, CHAIN_V1,
			   CHAIN_VERSION);
	*out = (int)v->i;
	return 0;
}

/* The fields of events[i] into e (data as compact JSON text). */
static int
read_event(struct reader *rd, const struct val *obj, int i,
	   struct event_row *e, const struct val **data)
{
	const struct val *v[NEVENT_KEYS];
	time_t at;
	int rc;

	if ((rc = members(rd, obj, "events", i, event_keys, NEVENT_REQUIRED,
			  NEVENT_KEYS, v)) ||
	    (rc = want_id(rd, v[E_ID], "id", &e->id)) ||
	    (rc = want_id(rd, v[E_SEQ], "seq", &e->seq)) ||
	    (rc = want_time(rd, v[E_AT], "at", 0, &at)) ||
	    (rc = want_str(rd, v[E_ACTOR], "actor", 0, &e->actor)) ||
	    (rc = want_str(rd, v[E_KIND], "kind", 0, &e->kind)) ||
	    (rc = want_str(rd, v[E_PREV], "prev", 0, &e->prev)) ||
	    (rc = want_str(rd, v[E_DIGEST], "digest", 0, &e->digest)) ||
	    (rc = want_version(rd, v[E_VERSION], e->id, &e->version)))
		return rc;
	if (v[E_DATA]->kind != V_OBJ)
		return bad(rd, "event %lld: 'data' must be an object", e->id);
	e->at = (long long)at;
	e->data = json_text(rd->b->mem, v[E_DATA]);
	*data = v[E_DATA];
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
	char want[CHAIN_HEX];

	if (!(l = new_link(rd)))
		return FQ_EINTERNAL;
	if (e->seq != i + 1)
		return bad(rd, "event %lld has seq %lld where %d was expected "
			   "(seq runs 1, 2, ... in order)", e->id, e->seq,
			   i + 1);
	if (i == 0 && strcmp(e->kind, "logged"))
		return bad(rd, "the first event is %s, not 'logged'",
			   import_shown(rd, e->kind));
	if (chain_unhex(e->prev, l->c.prev))
		return bad(rd, "event %lld: 'prev' is not a digest (64 "
			   "lowercase hex digits)", e->id);
	chain_digest_bin(e, l->c.digest);
	chain_hex(l->c.digest, want);
	if (strcmp(want, e->digest))
		return bad(rd, "event %lld (seq %lld, '%s') does not match its "
			   "digest: it was altered after it was exported",
			   e->id, e->seq, e->kind);
	l->c.id = e->id;
	l->c.version = e->version;
	rd->nlinks++;
	return 0;
}

/*
 * Reads and checks the events of a line's case, and that the case row
 * says what they say.
 */
static int
read_events(struct reader *rd, const struct val *events,
	    struct record *rec)
{
	const struct val *data = NULL;
	struct event_row *e;
	struct story story;
	int i, rc;

	if (events->kind != V_ARR || events->n == 0)
		return bad(rd, "'events' must be a non-empty array");
	rec->events = arena_alloc(rd->b->mem, sizeof(*e) * (size_t)events->n);
	import_story_begin(&story);
	for (i = 0; i < events->n; i++) {
		e = &rec->events[i];
		e->case_id = rec->c.id;
		if ((rc = read_event(rd, events->items[i], i, e, &data)) ||
		    (rc = import_event_rules(rd, e, data)) ||
		    (rc = check_event(rd, e, i)) ||
		    (rc = import_story_add(rd, &story, e, data)))
			return rc;
		search_doc_data(&rec->doc, e->id, e->kind,
				v_get(events->items[i], "data"));
	}
	rec->nevents = events->n;
	return import_story_agrees(rd, &story, &rec->c);
}

int
import_line(struct reader *rd, const char *s, size_t n)
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
