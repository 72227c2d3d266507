/*
 * import-story.c - fq import: a case row against what its events say.
 *
 * fq writes a case row and its events in one step, so the row follows
 * from them; a line whose row says otherwise was edited, or made by
 * another program, and is refused.  What is checked is what the events
 * of the line itself show, in one pass over them (no query):
 *
 *   summary, details, guest.name, guest.room, guest.phone, via:
 *	the `logged` event's, unless an `amended` event changed them
 *	since (its changes.FIELD.new);
 *   category: the `logged` event's;
 *   owner: the actor of the `logged` event;
 *   status: after the last `logged` or `reopened` (open), `replied`,
 *	`declined` or `closed` event;
 *   closed_at: the time of the last `closed` event when the status is
 *	closed, else null.
 *
 * The department and the handler are left to fq verify, which names a
 * row whose holders its events do not bear out.
 */
#include <string.h>

#include "import.h"

/* Where each field of the story is, in the line and in the events. */
static const struct {
	const char *name;	/* the line's key */
	const char *key;	/* in `logged` data; NULL: its actor */
	int amends;		/* 1: `amended` changes it */
} fields[NSTORY] = {
	[ST_SUMMARY] = { "summary", "summary", 1 },
	[ST_DETAILS] = { "details", "details", 1 },
	[ST_GUEST] = { "guest.name", "guest_name", 1 },
	[ST_ROOM] = { "guest.room", "room", 1 },
	[ST_PHONE] = { "guest.phone", "phone", 1 },
	[ST_VIA] = { "via", "via", 1 },
	[ST_CATEGORY] = { "category", "category", 0 },
	[ST_OWNER] = { "owner", NULL, 0 },
};

/*
 * The member `key` of an object (NULL: none, or not an object), looked
 * for first at place `i`, where fq puts it (-1: no such place).
 */
static const struct val *
key_of(const struct val *obj, const char *key, int i)
{
	int j;

	if (!obj || obj->kind != V_OBJ)
		return NULL;
	if (i >= 0 && i < obj->n && !strcmp(obj->keys[i], key))
		return obj->items[i];
	for (j = 0; j < obj->n; j++)
		if (!strcmp(obj->keys[j], key))
			return obj->items[j];
	return NULL;
}

int
import_story_checks(const struct event_row *e, const char *key)
{
	int f;

	if (e->seq != 1)	/* the `logged` event, import-line.c says */
		return 0;
	for (f = 0; f < NSTORY; f++)
		if (fields[f].key && !strcmp(fields[f].key, key))
			return 1;
	return 0;
}

/*
 * A string or null of an event's data into *out (missing: null): its
 * field `key`, or with `change` the new value of that field in an
 * `amended` event's changes.
 */
static int
text_of(struct reader *rd, const struct event_row *e, const char *key,
	int change, const struct val *v, const char **out)
{
	if (!v || v->kind == V_NULL || v->kind == V_STR) {
		*out = v && v->kind == V_STR ? v->s : NULL;
		return 0;
	}
	return bad(rd, "event %lld: 'data.%s%s%s' must be a string or null",
		   e->id, change ? "changes." : "", key, change ? ".new" : "");
}

void
import_story_begin(struct story *s)
{
	memset(s, 0, sizeof(*s));
}

/* Sets field f of the story from event e. */
static void
tell(struct story *s, int f, const char *value, const struct event_row *e)
{
	s->field[f] = value;
	s->by[f] = e;
}

/* The fields a `logged` event sets. */
static int
logged(struct reader *rd, struct story *s, const struct event_row *e,
       const struct val *data)
{
	const char *value;
	int f, rc;

	if (e->seq != 1)
		return bad(rd, "event %lld is a second 'logged' event (seq "
			   "%lld): a case is logged once", e->id, e->seq);
	for (f = 0; f < NSTORY; f++) {
		value = e->actor;
		if (fields[f].key &&
		    (rc = text_of(rd, e, fields[f].key, 0,
				  key_of(data, fields[f].key, f), &value)))
			return rc;
		tell(s, f, value, e);
	}
	return 0;
}

/*
 * A value of the `logged` event that an amendment replaces, and that
 * the row will therefore not repeat: held to the rule of event data
 * (import_story_checks).
 */
static int
superseded(struct reader *rd, const struct story *s, int f)
{
	const struct event_row *by = s->by[f];

	if (!by || by->seq != 1 || !s->field[f])
		return 0;
	return import_data_text(rd, by, "data", fields[f].key, 0,
				s->field[f]);
}

/* The fields an `amended` event changes. */
static int
amended(struct reader *rd, struct story *s, const struct event_row *e,
	const struct val *data)
{
	const struct val *changes = key_of(data, "changes", 1), *ch;
	const char *value = NULL;
	int f, rc;

	for (f = 0; f < NSTORY; f++) {
		if (!fields[f].amends ||
		    !(ch = key_of(changes, fields[f].key, -1)))
			continue;
		if ((rc = text_of(rd, e, fields[f].key, 1,
				  key_of(ch, "new", 1), &value)) ||
		    (rc = superseded(rd, s, f)))
			return rc;
		tell(s, f, value, e);
	}
	return 0;
}

/* The status a kind of event leaves a case in; NULL: it leaves it be. */
static const char *
status_after(const char *kind)
{
	if (!strcmp(kind, "logged") || !strcmp(kind, "reopened"))
		return "open";
	if (!strcmp(kind, "replied") || !strcmp(kind, "declined") ||
	    !strcmp(kind, "closed"))
		return kind;
	return NULL;
}

int
import_story_add(struct reader *rd, struct story *s,
		 const struct event_row *e, const struct val *data)
{
	const char *status = status_after(e->kind);
	int rc = 0;

	if (!strcmp(e->kind, "logged"))
		rc = logged(rd, s, e, data);
	else if (!strcmp(e->kind, "amended"))
		rc = amended(rd, s, e, data);
	if (status) {
		s->status = status;
		s->status_by = e;
		s->closed_at = !strcmp(status, "closed") ? (time_t)e->at : 0;
	}
	return rc;
}

/* 1 when two texts (either may be NULL) are the same. */
static int
same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Fails naming a field of the row and what its events say. */
static int
disagree(struct reader *rd, const char *name, const char *row,
	 const char *told, const struct event_row *by)
{
	return bad(rd, "'%s' is %s but its events say %s (event %lld, '%s')",
		   name, import_shown(rd, row), import_shown(rd, told),
		   by->id, by->kind);
}

/* The row's field f, by the ST_* order. */
static const char *
row_field(const struct fq_case *c, int f)
{
	const char *const row[NSTORY] = {
		[ST_SUMMARY] = c->summary, [ST_DETAILS] = c->details,
		[ST_GUEST] = c->guest, [ST_ROOM] = c->room,
		[ST_PHONE] = c->phone, [ST_VIA] = c->via,
		[ST_CATEGORY] = c->category, [ST_OWNER] = c->owner,
	};

	return row[f];
}

int
import_story_agrees(struct reader *rd, const struct story *s,
		    const struct fq_case *c)
{
	const struct event_row *by = s->status_by;
	int f;

	for (f = 0; f < NSTORY; f++)
		if (!same(row_field(c, f), s->field[f]))
			return disagree(rd, fields[f].name, row_field(c, f),
					s->field[f], s->by[f]);
	if (!same(c->status, s->status))
		return disagree(rd, "status", c->status, s->status, by);
	if (s->closed_at && c->closed_at != s->closed_at)
		return bad(rd, "'closed_at' is not the time of the case's last "
			   "'closed' event (event %lld)", by->id);
	if (!s->closed_at && c->closed_at)
		return bad(rd, "'closed_at' is set but its events leave the "
			   "case %s (event %lld, '%s')", s->status, by->id,
			   by->kind);
	return 0;
}
