/*
 * sqlite-import.c - the SQLite driver's bulk restore (fq import): two
 * INSERTs prepared once, with their parameters looked up once, run for
 * every case and event; a bigger page cache for the load, so that pages
 * are written once, at the commit, rather than as the cache spills; and
 * once the load proves big, the secondary indexes dropped and made again
 * at the end, inside the same transaction (SQLITE.md: cheaper than
 * keeping them up row by row).
 */
#include <stdio.h>

#include "sqlite-ops.h"
#include "sqlite-schema.h"
#include "sqlite-stmt.h"

#define IMPORT_CACHE_KIB 262144	/* the page cache for a load (256 MiB) */

struct sqlite_import {
	struct store_import base;
	struct sq_bulk cases, events;
	long long cache_size;	/* PRAGMA cache_size before; 0: unread */
	struct sqlite_indexes ix;
	int dropped;		/* 1 while the indexes are dropped */
};

/* The parameters of the case INSERT, in the order of case_params. */
enum {
	CP_ID, CP_SUMMARY, CP_DETAILS, CP_GUEST, CP_ROOM, CP_PHONE, CP_VIA,
	CP_CATEGORY, CP_DEPARTMENT, CP_HANDLER, CP_OWNER, CP_STATUS,
	CP_MAJOR, CP_FIRST_CONTACT, CP_WAITING_SINCE, CP_WAITING_UNTIL,
	CP_CREATED_AT, CP_UPDATED_AT, CP_CLOSED_AT, CP_DUE, CP_NEXT_DUE =
	CP_DUE + NDUE, CP_REQUEST_KEY, NCP
};

static const char *const case_params[NCP] = {
	":id", ":summary", ":details", ":guest", ":room", ":phone", ":via",
	":category", ":department", ":handler", ":owner", ":status",
	":major", ":first_contact", ":waiting_since", ":waiting_until",
	":created_at", ":updated_at", ":closed_at", ":due_accept",
	":due_reply", ":due_resolve", ":due_promise", ":next_due",
	":request_key",
};

#define CASE_INSERT \
	"INSERT INTO cases (id, summary, details, guest_name, room, " \
	"phone, via, category, department, handler, owner, status, " \
	"major, first_contact, waiting_since, waiting_until, " \
	"created_at, updated_at, closed_at, due_accept, due_reply, " \
	"due_resolve, due_promise, next_due, request_key) VALUES (:id, " \
	":summary, :details, :guest, :room, :phone, :via, :category, " \
	":department, :handler, :owner, :status, :major, " \
	":first_contact, :waiting_since, :waiting_until, :created_at, " \
	":updated_at, :closed_at, :due_accept, :due_reply, " \
	":due_resolve, :due_promise, :next_due, :request_key)"

/* The parameters of the event INSERT, in the order of event_params. */
enum { EP_ID, EP_CASE, EP_SEQ, EP_AT, EP_ACTOR, EP_KIND, EP_DATA, EP_PREV,
       EP_DIGEST, EP_VERSION, NEP };

static const char *const event_params[NEP] = {
	":id", ":case", ":seq", ":at", ":actor", ":kind", ":data", ":prev",
	":digest", ":version",
};

#define EVENT_INSERT \
	"INSERT INTO events (id, case_id, seq, at, actor, kind, data, " \
	"prev, digest, version) VALUES (:id, :case, :seq, :at, :actor, " \
	":kind, :data, :prev, :digest, :version)"

/* Grows the page cache for the load, keeping its size to give back. */
static int
cache_grow(struct fq *fq, struct sqlite_import *im)
{
	char sql[64];
	struct sq q;
	int rc;

	sq_prepare(fq, &q, "PRAGMA cache_size");
	if ((rc = sq_one_int(&q, &im->cache_size, NULL)))
		return rc;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d",
		 IMPORT_CACHE_KIB);
	return sq_exec(fq, sql);
}

/* Gives the page cache its size again. */
static void
cache_shrink(struct fq *fq, struct sqlite_import *im)
{
	char sql[64];

	if (!im->cache_size)
		return;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld",
		 im->cache_size);
	sq_exec(fq, sql);
}

int
sqlite_import_begin(struct fq *fq, struct store_import **imp)
{
	struct sqlite_import *im = arena_alloc(fq->mem, sizeof(*im));
	int rc;

	im->base.store = fq->store;
	*imp = &im->base;
	if ((rc = sq_bulk_prepare(fq, &im->cases, CASE_INSERT, case_params,
				  NCP)) ||
	    (rc = sq_bulk_prepare(fq, &im->events, EVENT_INSERT,
				  event_params, NEP)))
		return rc;
	return cache_grow(fq, im);
}

/* What a failed restoring INSERT collided with, from SQLite's code. */
static enum store_taken
taken_of(int ext)
{
	if (ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return TAKEN_ID;
	if (ext == SQLITE_CONSTRAINT_UNIQUE)
		return TAKEN_KEY;
	return TAKEN_NONE;
}

int
sqlite_import_case(struct fq *fq, struct store_import *imp,
		   const struct fq_case *c, time_t next_due,
		   enum store_taken *taken)
{
	const struct sq_bulk *b = &((struct sqlite_import *)imp)->cases;
	int k, ext, rc;

	sq_bulk_int(b, CP_ID, c->id);
	sq_bulk_text(b, CP_SUMMARY, c->summary);
	sq_bulk_text(b, CP_DETAILS, c->details);
	sq_bulk_text(b, CP_GUEST, c->guest);
	sq_bulk_text(b, CP_ROOM, c->room);
	sq_bulk_text(b, CP_PHONE, c->phone);
	sq_bulk_text(b, CP_VIA, c->via);
	sq_bulk_text(b, CP_CATEGORY, c->category);
	sq_bulk_text(b, CP_DEPARTMENT, c->department);
	sq_bulk_text(b, CP_HANDLER, c->handler);
	sq_bulk_text(b, CP_OWNER, c->owner);
	sq_bulk_text(b, CP_STATUS, c->status);
	sq_bulk_int(b, CP_MAJOR, c->major);
	sq_bulk_int(b, CP_FIRST_CONTACT, c->first_contact);
	sq_bulk_time(b, CP_WAITING_SINCE, c->waiting_since);
	sq_bulk_time(b, CP_WAITING_UNTIL, c->waiting_until);
	sq_bulk_time(b, CP_CREATED_AT, c->created_at);
	sq_bulk_time(b, CP_UPDATED_AT, c->updated_at);
	sq_bulk_time(b, CP_CLOSED_AT, c->closed_at);
	for (k = 0; k < NDUE; k++)
		sq_bulk_time(b, CP_DUE + k, c->due[k]);
	sq_bulk_time(b, CP_NEXT_DUE, next_due);
	sq_bulk_text(b, CP_REQUEST_KEY, c->request_key);
	rc = sq_bulk_step(fq, &((struct sqlite_import *)imp)->cases, &ext);
	*taken = rc ? taken_of(ext) : TAKEN_NONE;
	return rc;
}

int
sqlite_import_event(struct fq *fq, struct store_import *imp,
		    const struct event_row *e, enum store_taken *taken)
{
	struct sq_bulk *b = &((struct sqlite_import *)imp)->events;
	int ext, rc;

	sq_bulk_int(b, EP_ID, e->id);
	sq_bulk_int(b, EP_CASE, e->case_id);
	sq_bulk_int(b, EP_SEQ, e->seq);
	sq_bulk_int(b, EP_AT, e->at);
	sq_bulk_text(b, EP_ACTOR, e->actor);
	sq_bulk_text(b, EP_KIND, e->kind);
	sq_bulk_text(b, EP_DATA, e->data);
	sq_bulk_text(b, EP_PREV, e->prev);
	sq_bulk_text(b, EP_DIGEST, e->digest);
	sq_bulk_int(b, EP_VERSION, e->version);
	rc = sq_bulk_step(fq, b, &ext);
	*taken = rc ? taken_of(ext) : TAKEN_NONE;
	return rc;
}

int
sqlite_import_big(struct fq *fq, struct store_import *imp)
{
	struct sqlite_import *im = (struct sqlite_import *)imp;
	int rc;

	if (im->dropped)
		return 0;
	if ((rc = sqlite_indexes_drop(fq, &im->ix)))
		return rc;
	im->dropped = 1;
	return 0;
}

int
sqlite_import_end(struct fq *fq, struct store_import *imp, int ok)
{
	struct sqlite_import *im = (struct sqlite_import *)imp;
	int rc = 0;

	if (ok && im->dropped && (rc = sqlite_indexes_make(fq, &im->ix)) == 0)
		im->dropped = 0;
	sq_bulk_done(&im->cases);
	sq_bulk_done(&im->events);
	cache_shrink(fq, im);
	return rc;
}
