/*
 * verify.c - checking the database and the hash chain of events.
 *
 * What the chain proves: an event altered, removed or inserted by hand
 * (with the sqlite3 shell, say) no longer matches the digests around it.
 * What it cannot prove: someone who rewrites the whole chain from the
 * altered event on can recompute every digest.  The head digest that
 * fq verify prints, written down outside the database (the log book, a
 * daily mail), catches that: a rewritten chain ends in another head.
 */
#include <stdarg.h>
#include <string.h>

#include "db.h"
#include "events.h"
#include "search-store.h"
#include "verify.h"

/* Records one finding. */
static void
problem(struct fq *fq, struct verify_result *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
problem(struct fq *fq, struct verify_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	v_push(fq->mem, r->problems, v_str(fq->mem,
					   arena_vprintf(fq->mem, fmt, ap)));
	va_end(ap);
}

/* PRAGMA integrity_check; each line that is not "ok" is a finding. */
static int
integrity(struct fq *fq, struct verify_result *r)
{
	sqlite3_stmt *st = db_prepare(fq, "PRAGMA integrity_check");
	const char *line;
	int rc;

	while ((rc = db_step(fq, st)) == 1)
		if (strcmp(line = col_text(fq, st, 0), "ok"))
			problem(fq, r, "integrity: %s", line);
	db_finish(st);
	return rc < 0 ? fq->err_code : 0;
}

/* The last seen position of the walk. */
struct walk {
	long long id;		/* previous event id (0 before the first) */
	const char *digest;	/* previous event's digest */
};

/* Checks one event row against its own digest and its predecessor. */
static void
check_event(struct fq *fq, struct verify_result *r, struct walk *w,
	    sqlite3_stmt *st)
{
	long long id = col_int(st, 0), case_id = col_int(st, 1);
	long long seq = col_int(st, 2), at = col_int(st, 3);
	const char *actor = (const char *)sqlite3_column_text(st, 4);
	const char *kind = (const char *)sqlite3_column_text(st, 5);
	const char *data = (const char *)sqlite3_column_text(st, 6);
	const char *prev = (const char *)sqlite3_column_text(st, 7);
	const char *digest = (const char *)sqlite3_column_text(st, 8);
	char want[65];

	if (!actor || !kind || !data || !prev || !digest) {
		problem(fq, r, "event %lld (case #%lld, seq %lld): a field is "
			"missing", id, case_id, seq);
		return;
	}
	if (id == w->id + 2)
		problem(fq, r, "event %lld removed (the ids jump from %lld to "
			"%lld)", w->id + 1, w->id, id);
	else if (id != w->id + 1)
		problem(fq, r, "events %lld to %lld removed (the ids jump from "
			"%lld to %lld)", w->id + 1, id - 1, w->id, id);
	else if (strcmp(prev, w->digest))
		problem(fq, r, "event %lld (case #%lld, seq %lld): does not "
			"follow event %lld (inserted, or the one before it was "
			"replaced)", id, case_id, seq, w->id);
	event_digest(prev, id, case_id, seq, at, actor, kind, data, want);
	if (strcmp(want, digest))
		problem(fq, r, "event %lld (case #%lld, seq %lld, '%s' by %s): "
			"altered: its content does not match its digest", id,
			case_id, seq, kind, actor);
	w->id = id;
	w->digest = arena_strdup(fq->mem, digest);
}

/* Walks the whole chain in order. */
static int
chain(struct fq *fq, struct verify_result *r)
{
	sqlite3_stmt *st = db_prepare(fq,
		"SELECT id, case_id, seq, at, actor, kind, data, prev, digest "
		"FROM events ORDER BY id");
	struct walk w = { 0, EVENTS_GENESIS };
	int rc;

	while ((rc = db_step(fq, st)) == 1) {
		check_event(fq, r, &w, st);
		r->events++;
	}
	db_finish(st);
	r->head = w.digest;
	return rc < 0 ? fq->err_code : 0;
}

/* Sequence gaps within cases, and cases without a `logged` first event. */
static int
sequences(struct fq *fq, struct verify_result *r)
{
	sqlite3_stmt *st = db_prepare(fq,
		"SELECT c.id, count(e.id), coalesce(max(e.seq), 0), "
		"min(e.seq), (SELECT kind FROM events WHERE case_id = c.id "
		"AND seq = 1) FROM cases c LEFT JOIN events e "
		"ON e.case_id = c.id GROUP BY c.id");
	int rc;

	while ((rc = db_step(fq, st)) == 1) {
		long long id = col_int(st, 0), n = col_int(st, 1);
		long long max = col_int(st, 2), min = col_int(st, 3);
		const char *first = col_text(fq, st, 4);

		r->cases++;
		if (n != max || (n && min != 1))
			problem(fq, r, "case #%lld: %lld of its %lld events "
				"%s missing", id, max - n, max,
				max - n == 1 ? "is" : "are");
		else if (!first || strcmp(first, "logged"))
			problem(fq, r, "case #%lld: its record does not begin "
				"with 'logged'", id);
	}
	db_finish(st);
	return rc < 0 ? fq->err_code : 0;
}

/*
 * Each case row against its record: the owner is who logged it; the
 * department and the handler are what the last step that set them said.
 * (The chain covers the events; this covers the row people read.)
 */
#define ROWS_SQL \
	"SELECT c.id, c.owner, c.department, coalesce(c.handler, ''), " \
	"  (SELECT actor FROM events WHERE case_id = c.id AND seq = 1), " \
	"  (SELECT data ->> '$.department' FROM events WHERE case_id = c.id " \
	"    AND kind IN ('logged', 'transferred') ORDER BY seq DESC LIMIT 1), " \
	"  (SELECT coalesce(data ->> '$.handler', '') FROM events " \
	"    WHERE case_id = c.id AND kind IN ('logged', 'transferred', " \
	"    'accepted') ORDER BY seq DESC LIMIT 1) " \
	"FROM cases c"

/* Names a field of a case row that its record does not bear out. */
static void
row_field(struct fq *fq, struct verify_result *r, long long id,
	  const char *field, const char *row, const char *record)
{
	if (!record || !strcmp(row, record))
		return;
	problem(fq, r, "case #%lld: its %s is '%s' but its record says '%s' "
		"(the cases table was changed by hand)", id, field, row,
		record);
}

/* Checks every case row against its events. */
static int
rows(struct fq *fq, struct verify_result *r)
{
	sqlite3_stmt *st = db_prepare(fq, ROWS_SQL);
	int rc;

	while ((rc = db_step(fq, st)) == 1) {
		long long id = col_int(st, 0);
		const char *v[7];
		int i;

		for (i = 1; i < 7; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		row_field(fq, r, id, "owner", v[1] ? v[1] : "", v[4]);
		row_field(fq, r, id, "department", v[2] ? v[2] : "", v[5]);
		row_field(fq, r, id, "handler", v[3] ? v[3] : "", v[6]);
	}
	db_finish(st);
	return rc < 0 ? fq->err_code : 0;
}

/* The search index against the events (a finding when they disagree). */
static int
search_index(struct fq *fq, struct verify_result *r)
{
	long long first, n = search_index_check(fq, &first);

	if (n < 0)
		return fq->err_code;
	if (n > 0)
		problem(fq, r, "search index: case #%lld%s disagrees with its "
			"events; run 'fq search --reindex'", first, n > 1 ?
			arena_printf(fq->mem, " and %lld more", n - 1) : "");
	return 0;
}

int
verify_head(struct fq *fq, struct verify_result *r, const char *head)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT id FROM events "
					  "WHERE digest = :head");
	int rc;

	bind_text(st, ":head", head);
	rc = db_step(fq, st);
	db_finish(st);
	if (rc < 0)
		return fq->err_code;
	if (rc == 0)
		problem(fq, r, "the recorded head %s is not in the chain: the "
			"events after it were removed, or the chain was "
			"rewritten", head);
	return 0;
}

int
verify_all(struct fq *fq, struct verify_result *r)
{
	int rc;

	memset(r, 0, sizeof(*r));
	r->problems = v_arr(fq->mem);
	if ((rc = integrity(fq, r)) || (rc = chain(fq, r)) ||
	    (rc = sequences(fq, r)) || (rc = rows(fq, r)) ||
	    (rc = search_index(fq, r)))
		return rc;
	return 0;
}
