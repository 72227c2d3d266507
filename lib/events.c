/*
 * events.c - the append-only, hash-chained record of every step.
 *
 * Event data is a JSON object stored as text.  Keys that hold a time
 * (those ending in "_at", and "due", "until", "promise", "since") are stored as
 * integer seconds and read back as times.
 */
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "clock.h"
#include "db.h"
#include "events.h"
#include "json.h"
#include "out.h"
#include "search-store.h"

/* Feeds one field and a separator into the hash. */
static void
feed(struct sha256_ctx *ctx, const char *s)
{
	sha256_update(ctx, strlen(s), (const uint8_t *)s);
	sha256_update(ctx, 1, (const uint8_t *)"\n");
}

void
event_digest(const char *prev, long long id, long long case_id,
	     long long seq, long long at, const char *actor,
	     const char *kind, const char *data, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t md[SHA256_DIGEST_SIZE];
	char num[96];
	int i;

	sha256_init(&ctx);
	feed(&ctx, prev);
	snprintf(num, sizeof(num), "%lld %lld %lld %lld", id, case_id, seq, at);
	feed(&ctx, num);
	feed(&ctx, actor);
	feed(&ctx, kind);
	feed(&ctx, data);
	sha256_digest(&ctx, sizeof(md), md);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0xf];
	}
	out[2 * SHA256_DIGEST_SIZE] = '\0';
}

int
events_head(struct fq *fq, long long *id, const char **digest)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT id, digest FROM events "
					  "ORDER BY id DESC LIMIT 1");
	int rc = db_step(fq, st);

	*id = 0;
	*digest = EVENTS_GENESIS;
	if (rc == 1) {
		*id = col_int(st, 0);
		*digest = col_text(fq, st, 1);
	}
	db_finish(st);
	return rc < 0 ? fq->err_code : 0;
}

/* The next sequence number within a case. */
static int
next_seq(struct fq *fq, long long case_id, long long *seq)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT coalesce(max(seq), 0) + 1 "
					  "FROM events WHERE case_id = :case");
	int rc;

	bind_int(st, ":case", case_id);
	rc = db_step(fq, st);
	*seq = rc == 1 ? col_int(st, 0) : 0;
	db_finish(st);
	return rc < 0 ? fq->err_code : 0;
}

int
event_add_as(struct fq *fq, long long case_id, const char *actor,
	     const char *kind, struct val *data)
{
	const char *prev, *text = data ? json_text(fq->mem, data) : "{}";
	long long id, seq, at = (long long)fq_now();
	char digest[65];
	sqlite3_stmt *st;
	int rc;

	if ((rc = events_head(fq, &id, &prev)) ||
	    (rc = next_seq(fq, case_id, &seq)))
		return rc;
	id++;
	event_digest(prev, id, case_id, seq, at, actor, kind, text, digest);
	st = db_prepare(fq, "INSERT INTO events (id, case_id, seq, at, actor, "
			    "kind, data, prev, digest) VALUES (:id, :case, "
			    ":seq, :at, :actor, :kind, :data, :prev, :digest)");
	bind_int(st, ":id", id);
	bind_int(st, ":case", case_id);
	bind_int(st, ":seq", seq);
	bind_int(st, ":at", at);
	bind_text(st, ":actor", actor);
	bind_text(st, ":kind", kind);
	bind_text(st, ":data", text);
	bind_text(st, ":prev", prev);
	bind_text(st, ":digest", digest);
	if ((rc = db_run(fq, st)))
		return rc;
	return search_index_case(fq, case_id);
}

int
event_add(struct fq *fq, long long case_id, const char *kind,
	  struct val *data)
{
	return event_add_as(fq, case_id, fq->actor, kind, data);
}

/* 1 when a data key holds a time (see the top of this file). */
static int
is_time_key(const char *k)
{
	size_t n = strlen(k);

	return (n > 3 && !strcmp(k + n - 3, "_at")) || !strcmp(k, "due") ||
	       !strcmp(k, "until") || !strcmp(k, "promise") ||
	       !strcmp(k, "since");
}

/* One event row as an object: seq, at, actor, kind, then its data. */
static int
event_json(struct fq *fq, sqlite3_stmt *st, struct val **out)
{
	struct val *ev = v_obj(fq->mem), *data;
	const char *text = (const char *)sqlite3_column_text(st, 4);
	char err[128];
	int i;

	v_set_int(fq->mem, ev, "seq", col_int(st, 0));
	v_set_time(fq->mem, ev, "at", (time_t)col_int(st, 1));
	v_set_str(fq->mem, ev, "actor", col_text(fq, st, 2));
	v_set_str(fq->mem, ev, "kind", col_text(fq, st, 3));
	if (json_parse(fq->mem, text, strlen(text), &data, err, sizeof(err)) ||
	    data->kind != V_OBJ)
		return fq_fail(fq, FQ_EINTERNAL, "event data is not an "
			       "object (%s); run 'fq verify'", err);
	for (i = 0; i < data->n; i++) {
		struct val *v = data->items[i];

		if (v->kind == V_INT && is_time_key(data->keys[i]))
			v = v_time(fq->mem, (time_t)v->i);
		v_set(fq->mem, ev, data->keys[i], v);
	}
	*out = ev;
	return 0;
}

int
events_of(struct fq *fq, long long case_id, struct val **out)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT seq, at, actor, kind, data "
					  "FROM events WHERE case_id = :case "
					  "ORDER BY seq");
	struct val *arr = v_arr(fq->mem), *ev = NULL;
	int rc;

	bind_int(st, ":case", case_id);
	while ((rc = db_step(fq, st)) == 1) {
		if ((rc = event_json(fq, st, &ev))) {
			db_finish(st);
			return rc;
		}
		v_push(fq->mem, arr, ev);
	}
	db_finish(st);
	if (rc < 0)
		return fq->err_code;
	*out = arr;
	return 0;
}

const char *
event_last_note(struct fq *fq, long long case_id)
{
	sqlite3_stmt *st = db_prepare(fq,
		"SELECT coalesce(data ->> '$.text', data ->> '$.reason') "
		"FROM events WHERE case_id = :case AND (data ->> '$.text' "
		"IS NOT NULL OR data ->> '$.reason' IS NOT NULL) "
		"ORDER BY seq DESC LIMIT 1");
	const char *s = NULL;

	bind_int(st, ":case", case_id);
	if (db_step(fq, st) == 1)
		s = col_text(fq, st, 0);
	db_finish(st);
	return s;
}

/* The columns events_walk() selects, in the order walk_row() reads. */
#define WALK_COLUMNS "id, case_id, seq, at, actor, kind, data, prev, digest"

struct sqlite3_stmt *
events_walk(struct fq *fq)
{
	return db_prepare(fq, "SELECT " WALK_COLUMNS " FROM events "
			      "WHERE case_id >= :case ORDER BY case_id, seq");
}

/* Steps the walk and fills e from its row. */
static int
walk_row(struct fq *fq, sqlite3_stmt *st, struct event_row *e)
{
	int rc = db_step(fq, st);

	if (rc != 1)
		return rc;
	e->id = col_int(st, 0);
	e->case_id = col_int(st, 1);
	e->seq = col_int(st, 2);
	e->at = col_int(st, 3);
	e->actor = (const char *)sqlite3_column_text(st, 4);
	e->kind = (const char *)sqlite3_column_text(st, 5);
	e->data = (const char *)sqlite3_column_text(st, 6);
	e->prev = (const char *)sqlite3_column_text(st, 7);
	e->digest = (const char *)sqlite3_column_text(st, 8);
	return 1;
}

int
events_walk_from(struct fq *fq, sqlite3_stmt *st, long long case_id,
		 struct event_row *e)
{
	sqlite3_reset(st);
	bind_int(st, ":case", case_id);
	return walk_row(fq, st, e);
}

int
events_walk_next(struct fq *fq, sqlite3_stmt *st, struct event_row *e)
{
	return walk_row(fq, st, e);
}

/* The parameters of the restoring INSERT, looked up by name once. */
enum { RP_ID, RP_CASE, RP_SEQ, RP_AT, RP_ACTOR, RP_KIND, RP_DATA, RP_PREV,
       RP_DIGEST, NRP };

static const char *const restore_params[NRP] = {
	":id", ":case", ":seq", ":at", ":actor", ":kind", ":data", ":prev",
	":digest",
};

struct event_restorer {
	struct db_bulk b;
};

struct event_restorer *
events_restorer(struct fq *fq)
{
	struct event_restorer *r = arena_alloc(fq->mem, sizeof(*r));

	if (db_bulk_prepare(fq, &r->b, "INSERT INTO events (id, case_id, "
			    "seq, at, actor, kind, data, prev, digest) VALUES "
			    "(:id, :case, :seq, :at, :actor, :kind, :data, "
			    ":prev, :digest)", restore_params, NRP))
		return NULL;
	return r;
}

void
events_restorer_done(struct event_restorer *r)
{
	if (r)
		db_finish(r->b.st);
}

int
event_restore(struct fq *fq, struct event_restorer *r,
	      const struct event_row *e)
{
	const struct db_bulk *b = &r->b;
	int ext;

	bulk_int(b, RP_ID, e->id);
	bulk_int(b, RP_CASE, e->case_id);
	bulk_int(b, RP_SEQ, e->seq);
	bulk_int(b, RP_AT, e->at);
	bulk_text(b, RP_ACTOR, e->actor);
	bulk_text(b, RP_KIND, e->kind);
	bulk_text(b, RP_DATA, e->data);
	bulk_text(b, RP_PREV, e->prev);
	bulk_text(b, RP_DIGEST, e->digest);
	if (db_bulk_step(fq, &r->b, &ext) == 0)
		return 0;
	if (ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return fq_fail(fq, FQ_EDATA, "event %lld is already in the "
			       "database", e->id);
	if (ext == SQLITE_CONSTRAINT_UNIQUE)
		return fq_fail(fq, FQ_EDATA, "case #%lld already has an event "
			       "with seq %lld", e->case_id, e->seq);
	return fq->err_code;
}
