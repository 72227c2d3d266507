/*
 * sqlite-search.c - the search index in SQLite: keeping it with the
 * events, filling it for a bulk load, asking it, and checking it.  Its
 * schema is migration 2 in sqlite-schema.c.
 *
 * The index is an FTS5 table without content (content=''): it keeps the
 * posting lists of the gram tokens (search.h) and not the text, which
 * stays in cases and events alone.  Its rowid is the case number; the
 * column `body` has the longer texts, `head` the summary and the guest's
 * lines.  SQLite's own `ascii' tokenizer splits the tokens at the
 * spaces, so the sqlite3 shell reads the table too.  A table without
 * content forgets a document only when given its tokens again, so
 * search_cases remembers, for each case, the last event whose text the
 * index holds (`upto') and a digest of those tokens: the old document
 * is rebuilt from the events up to `upto', checked against the digest,
 * and deleted, before the new one goes in.
 *
 * An event whose data is not a JSON object (fq never writes one; fq
 * verify names it) carries no text here, alike in every function.
 */
#include <stdint.h>
#include <string.h>

#include "sqlite-cases.h"
#include "sqlite-ops.h"
#include "sqlite-search.h"
#include "sqlite-stmt.h"

/* Cases built in one scratch arena before it is renewed. */
#define SCRATCH_CASES 512

/* Adds the texts of an event to a document (none from a damaged one). */
static void
doc_event(struct search_doc *d, const struct event_row *e)
{
	if (e->kind && e->data)
		search_doc_event(d, e->id, e->kind, e->data);
}

/* ---- Writing a case's index ---- */

/* What the index holds of a case. */
struct stamp {
	int have;
	long long upto;
	uint64_t digest;
};

/* Reads a case's stamp. */
static int
stamp_get(struct fq *fq, long long case_id, struct stamp *s)
{
	struct sq q;

	memset(s, 0, sizeof(*s));
	sq_prepare(fq, &q, "SELECT upto, digest FROM search_cases "
			   "WHERE case_id = :case");
	sq_int(&q, ":case", case_id);
	if (sq_step(&q) == 1) {
		s->have = 1;
		s->upto = sq_col_int(&q, 0);
		s->digest = (uint64_t)sq_col_int(&q, 1);
	}
	return sq_done(&q);
}

/* The statements that put a case's document in (prepared once a load). */
struct writer {
	struct sq_bulk put, stamp;
};

static const char *const put_params[] = { ":case", ":body", ":head" };
static const char *const stamp_params[] = { ":case", ":upto", ":digest" };

/* Prepares the writer's statements. */
static int
writer_open(struct fq *fq, struct writer *w)
{
	int rc;

	memset(w, 0, sizeof(*w));
	if ((rc = sq_bulk_prepare(fq, &w->put, "INSERT INTO search_grams "
				  "(rowid, body, head) VALUES (:case, :body, "
				  ":head)", put_params, 3)))
		return rc;
	return sq_bulk_prepare(fq, &w->stamp, "INSERT INTO search_cases "
			       "(case_id, upto, digest) VALUES (:case, :upto, "
			       ":digest) ON CONFLICT (case_id) DO UPDATE "
			       "SET upto = excluded.upto, "
			       "digest = excluded.digest", stamp_params, 3);
}

/* Finalizes the writer's statements (safe on a failed open). */
static void
writer_close(struct writer *w)
{
	sq_bulk_done(&w->put);
	sq_bulk_done(&w->stamp);
}

/* Puts the whole document into the index as case `case_id`'s. */
static int
doc_put(struct fq *fq, struct writer *w, long long case_id,
	const struct search_doc *d)
{
	int ext, rc;

	sq_bulk_int(&w->put, 0, case_id);
	sq_bulk_text(&w->put, 1, d->col[SEARCH_BODY].s);
	sq_bulk_text(&w->put, 2, d->col[SEARCH_HEAD].s);
	if ((rc = sq_bulk_step(fq, &w->put, &ext)))
		return rc;
	sq_bulk_int(&w->stamp, 0, case_id);
	sq_bulk_int(&w->stamp, 1, d->last);
	sq_bulk_int(&w->stamp, 2, (long long)search_doc_digest(d, 0));
	return sq_bulk_step(fq, &w->stamp, &ext);
}

/* Takes the document as it was at its mark out of the index. */
static int
doc_forget(struct fq *fq, long long case_id, const struct search_doc *d)
{
	const struct search_buf *b = d->col;
	struct sq q;

	sq_prepare(fq, &q, "INSERT INTO search_grams (search_grams, rowid, "
			   "body, head) VALUES ('delete', :case, :body, "
			   ":head)");
	sq_int(&q, ":case", case_id);
	sq_text(&q, ":body", arena_strndup(d->a, b[SEARCH_BODY].s ?
					   b[SEARCH_BODY].s : "",
					   (size_t)d->mark[SEARCH_BODY]));
	sq_text(&q, ":head", arena_strndup(d->a, b[SEARCH_HEAD].s ?
					   b[SEARCH_HEAD].s : "",
					   (size_t)d->mark[SEARCH_HEAD]));
	return sq_run(&q);
}

/* Forgets that the index holds case `case_id` (its text is gone). */
static int
stamp_drop(struct fq *fq, long long case_id)
{
	struct sq q;

	sq_prepare(fq, &q, "DELETE FROM search_cases WHERE case_id = :case");
	sq_int(&q, ":case", case_id);
	return sq_run(&q);
}

/* A case's events into a document, marked as after event `upto`. */
struct marking {
	struct search_doc *d;
	long long upto;
};

/* Adds one event to the document (sqlite_events_of callback). */
static int
mark_event(struct fq *fq, const struct event_row *e, void *arg)
{
	struct marking *m = arg;

	doc_event(m->d, e);
	if (e->id <= m->upto)
		search_doc_mark(m->d);
	return 0;
}

/* Replaces the index of a case, held as `old`, by the document d. */
static int
reindex(struct fq *fq, long long case_id, const struct stamp *old,
	const struct search_doc *d)
{
	struct writer w;
	int rc;

	if (old->have && (rc = doc_forget(fq, case_id, d)))
		return rc;
	if (!d->last)
		return old->have ? stamp_drop(fq, case_id) : 0;
	if ((rc = writer_open(fq, &w)) == 0)
		rc = doc_put(fq, &w, case_id, d);
	writer_close(&w);
	return rc;
}

int
sqlite_search_index_case(struct fq *fq, long long case_id, int *agrees)
{
	struct arena *a = arena_new();
	struct search_doc d;
	struct marking m = { &d, 0 };
	struct stamp old;
	int rc;

	*agrees = 1;
	search_doc_reset(&d, a);
	if ((rc = stamp_get(fq, case_id, &old)))
		goto out;
	m.upto = old.upto;
	if ((rc = sqlite_events_of(fq, case_id, mark_event, &m)))
		goto out;
	if (old.have && d.last == old.upto)
		goto out;	/* nothing new to find */
	if (old.have && search_doc_digest(&d, 1) != old.digest) {
		*agrees = 0;
		goto out;
	}
	rc = reindex(fq, case_id, &old, &d);
out:
	arena_free(a);
	return rc;
}

/* ---- Indexing many cases (a migration, a rebuild, an import) ---- */

struct sqlite_search_load {
	struct writer w;
	long long done;		/* cases put in the index */
};

int
sqlite_search_load_begin(struct fq *fq, struct sqlite_search_load **l)
{
	struct sqlite_search_load *sl = arena_alloc(fq->mem, sizeof(*sl));

	memset(sl, 0, sizeof(*sl));
	*l = sl;
	return writer_open(fq, &sl->w);
}

int
sqlite_search_load_doc(struct fq *fq, struct sqlite_search_load *l,
		       long long case_id, const struct search_doc *doc)
{
	if (!doc->last)
		return 0;
	l->done++;
	return doc_put(fq, &l->w, case_id, doc);
}

void
sqlite_search_load_end(struct sqlite_search_load *l)
{
	if (l)
		writer_close(&l->w);
}

/* A walk of every event, building each case's document in turn. */
struct walk {
	struct sqlite_search_load *load;
	struct search_doc doc;
	struct arena *scratch;
	long long case_id;	/* the case being read, 0 before the first */
	long long read;		/* cases read */
};

/* Puts the document of the case just read in, and starts the next. */
static int
walk_flush(struct fq *fq, struct walk *w)
{
	int rc = 0;

	if (w->case_id)
		rc = sqlite_search_load_doc(fq, w->load, w->case_id, &w->doc);
	if (++w->read % SCRATCH_CASES == 0) {
		arena_free(w->scratch);
		w->scratch = arena_new();
	}
	search_doc_reset(&w->doc, w->scratch);
	return rc;
}

/* Reads one event of the walk into the document of its case. */
static int
walk_event(struct fq *fq, struct walk *w, const struct event_row *e)
{
	int rc;

	if (e->case_id != w->case_id) {
		if ((rc = walk_flush(fq, w)))
			return rc;
		w->case_id = e->case_id;
	}
	doc_event(&w->doc, e);
	return 0;
}

/* Walks the events in (case_id, seq) order, indexing each case. */
static int
walk_all(struct fq *fq, struct walk *w)
{
	struct store_walk *sw = NULL;
	struct event_row e;
	int rc, at;

	if ((rc = sqlite_events_walk(fq, &sw)))
		goto out;
	for (at = sqlite_events_walk_from(fq, sw, 0, &e); at == 1 && rc == 0;
	     at = sqlite_events_walk_next(fq, sw, &e))
		rc = walk_event(fq, w, &e);
	if (rc == 0 && at < 0)
		rc = fq->err_code;
	if (rc == 0)
		rc = walk_flush(fq, w);
out:
	if (sw)
		sqlite_events_walk_end(fq, sw);
	return rc;
}

/* Indexes every case from its events, in one walk of them all. */
static int
load_all(struct fq *fq, long long *n)
{
	struct walk w = { 0 };
	int rc;

	w.scratch = arena_new();
	search_doc_reset(&w.doc, w.scratch);
	if ((rc = sqlite_search_load_begin(fq, &w.load)) == 0)
		rc = walk_all(fq, &w);
	*n = w.load ? w.load->done : 0;
	sqlite_search_load_end(w.load);
	arena_free(w.scratch);
	return rc;
}

int
sqlite_search_fill(struct fq *fq)
{
	long long n;

	return load_all(fq, &n);
}

int
sqlite_search_rebuild(struct fq *fq, long long *n)
{
	int rc;

	if ((rc = sq_exec(fq, "DELETE FROM search_cases; INSERT INTO "
			  "search_grams (search_grams) VALUES "
			  "('delete-all')")) ||
	    (rc = load_all(fq, n)))
		return rc;
	return sq_exec(fq, "INSERT INTO search_grams (search_grams) "
			   "VALUES ('optimize')");
}

/* ---- The check ---- */

/* The walk of the check: stamps and events side by side, by case. */
struct check {
	struct sq stamps;
	int more;		/* a stamp row is current */
	struct search_doc doc;
	struct arena *scratch;
	long long case_id, ncases;
	int (*fn)(struct fq *, long long, void *);
	void *arg;
};

/*
 * A stamp of a case without events: the index holds a case that is not
 * there, unless the case row is (its record is then damaged, which
 * fq verify names).
 */
static int
stamp_alone(struct fq *fq, struct check *k, long long id)
{
	struct fq_case c;
	int found, rc;

	if ((rc = sqlite_case_get(fq, id, &c, &found)))
		return rc;
	return found ? 0 : k->fn(fq, id, k->arg);
}

/* Moves the stamps on to case `id`, past those of cases without events. */
static int
stamps_to(struct fq *fq, struct check *k, long long id)
{
	long long s;
	int rc;

	while (k->more && (s = sq_col_int(&k->stamps, 0)) < id) {
		if ((rc = stamp_alone(fq, k, s)))
			return rc;
		if ((k->more = sq_step(&k->stamps)) < 0)
			return k->stamps.rc;
	}
	return 0;
}

/* 1 when the document just read is what the current stamp says. */
static int
stamp_agrees(struct check *k, int have)
{
	if (!have)
		return k->doc.last == 0;	/* no text, nothing held */
	return k->doc.last == sq_col_int(&k->stamps, 1) &&
	       search_doc_digest(&k->doc, 0) ==
	       (uint64_t)sq_col_int(&k->stamps, 2);
}

/* Compares the document of the case just read with its stamp. */
static int
check_case(struct fq *fq, struct check *k)
{
	long long id = k->case_id;
	int rc, have;

	if (!id)
		return 0;
	if ((rc = stamps_to(fq, k, id)))
		return rc;
	have = k->more && sq_col_int(&k->stamps, 0) == id;
	if (!stamp_agrees(k, have) && (rc = k->fn(fq, id, k->arg)))
		return rc;
	if (have && (k->more = sq_step(&k->stamps)) < 0)
		return k->stamps.rc;
	if (++k->ncases % SCRATCH_CASES == 0) {
		arena_free(k->scratch);
		k->scratch = arena_new();
	}
	search_doc_reset(&k->doc, k->scratch);
	return 0;
}

/* Reads one event of the walk; a new case checks the one before. */
static int
check_event(struct fq *fq, struct check *k, const struct event_row *e)
{
	int rc;

	if (e->case_id != k->case_id) {
		if ((rc = check_case(fq, k)))
			return rc;
		k->case_id = e->case_id;
	}
	doc_event(&k->doc, e);
	return 0;
}

/* Walks every event and every stamp. */
static int
check_walk(struct fq *fq, struct check *k)
{
	struct store_walk *w = NULL;
	struct event_row e;
	int rc, at;

	if ((rc = sqlite_events_walk(fq, &w)))
		goto out;
	for (at = sqlite_events_walk_from(fq, w, 0, &e); at == 1 && rc == 0;
	     at = sqlite_events_walk_next(fq, w, &e))
		rc = check_event(fq, k, &e);
	if (rc == 0 && at < 0)
		rc = fq->err_code;
	if (rc == 0 && (rc = check_case(fq, k)) == 0)
		rc = stamps_to(fq, k, INT64_MAX);
out:
	if (w)
		sqlite_events_walk_end(fq, w);
	return rc;
}

int
sqlite_search_check(struct fq *fq, int (*fn)(struct fq *, long long, void *),
		    void *arg)
{
	struct check k = { .fn = fn, .arg = arg };
	int rc;

	k.scratch = arena_new();
	search_doc_reset(&k.doc, k.scratch);
	sq_prepare(fq, &k.stamps, "SELECT case_id, upto, digest "
				  "FROM search_cases ORDER BY case_id");
	if ((k.more = sq_step(&k.stamps)) >= 0)
		rc = check_walk(fq, &k);
	else
		rc = k.stamps.rc;
	sq_done(&k.stamps);
	arena_free(k.scratch);
	return rc;
}

/* ---- Searching ---- */

/* Appends the phrase of n code points (one: a prefix) to the query. */
static char *
phrase(struct arena *a, char *q, const unsigned *cp, int n)
{
	char tok[2 * SEARCH_TOKEN_CP + 1];
	const char *sep = "";
	int i;

	q = arena_printf(a, "%s\"", q);
	if (n == 1) {
		search_token(cp[0], tok);
		tok[SEARCH_TOKEN_CP] = '\0';
		return arena_printf(a, "%s%s\"*", q, tok);
	}
	for (i = 0; i + 1 < n; i++, sep = " ") {
		search_token(cp[i], tok);
		search_token(cp[i + 1], tok + SEARCH_TOKEN_CP);
		tok[2 * SEARCH_TOKEN_CP] = '\0';
		q = arena_printf(a, "%s%s%s", q, sep, tok);
	}
	return arena_printf(a, "%s\"", q);
}

/*
 * The FTS5 query for the words: each word's phrase (or the phrase of
 * its digits), all of them.  It holds only tokens of [0-9a-z], never
 * the text typed.
 */
static char *
match_query(struct arena *a, const struct search_terms *t)
{
	char *q = "";
	int i;

	for (i = 0; i < t->n; i++) {
		const struct search_word *w = &t->w[i];

		if (i > 0)
			q = arena_printf(a, "%s AND ", q);
		if (!w->alt) {
			q = phrase(a, q, w->cp, w->n);
			continue;
		}
		q = phrase(a, arena_printf(a, "%s(", q), w->cp, w->n);
		q = phrase(a, arena_printf(a, "%s OR ", q), w->alt, w->nalt);
		q = arena_printf(a, "%s)", q);
	}
	return q;
}

/*
 * The index is read first, newest (or best) first, and each case it
 * gives is looked up and filtered: CROSS JOIN keeps that order, so a
 * LIMIT stops the walk early.
 */
#define HITS \
	"SELECT " CASE_COLUMNS " FROM search_grams CROSS JOIN cases c " \
	"ON c.id = search_grams.rowid WHERE search_grams MATCH :match AND "
#define NEWEST "ORDER BY search_grams.rowid DESC LIMIT :limit"
#define BEST "ORDER BY bm25(search_grams, 1.0, 4.0), " \
	"search_grams.rowid DESC LIMIT :limit"

int
sqlite_search(struct fq *fq, const struct search_terms *t,
	      const struct case_filter *f, enum search_order order,
	      store_case_fn *fn, void *arg)
{
	static const char *const sql[2][2] = {
		{ HITS "c.status <> 'closed' AND " FILTERS NEWEST,
		  HITS "c.status <> 'closed' AND " FILTERS BEST },
		{ HITS FILTERS NEWEST, HITS FILTERS BEST },
	};
	struct fq_case c;
	struct sq q;
	int rc = 0, done;

	sq_prepare(fq, &q, sql[f->status != NULL][order == SEARCH_RELEVANCE]);
	sq_text(&q, ":match", match_query(fq->mem, t));
	sqlite_bind_filter(&q, f);
	while (rc == 0 && sq_step(&q) == 1) {
		sqlite_case_row(&q, &c);
		rc = fn(fq, &c, arg);
	}
	done = sq_done(&q);
	return rc ? rc : done;
}
