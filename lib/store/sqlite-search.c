/*
 * sqlite-search.c - the search index in SQLite: every SQL statement of
 * fq search, from the schema to the check fq verify runs.
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
 */
#include <string.h>

#include "db.h"
#include "events.h"
#include "search-store.h"

/* The schema of the index (fq(1), FILES, describes it). */
static const char schema_sql[] =
	"-- The search index: the gram tokens of each case's texts.\n"
	"CREATE VIRTUAL TABLE search_grams USING fts5(body, head,\n"
	"  content = '', tokenize = 'ascii');\n"
	"-- Tokens gathered in memory before they are written: one command\n"
	"-- gathers a few hundred, an import or a rebuild millions.\n"
	"INSERT INTO search_grams (search_grams, rank)\n"
	"  VALUES ('hashsize', 16777216);\n"
	"-- What the index holds of each case.\n"
	"CREATE TABLE search_cases (\n"
	"  case_id INTEGER PRIMARY KEY,  -- a case the index holds\n"
	"  upto    INTEGER NOT NULL,     -- the last event whose text it has\n"
	"  digest  INTEGER NOT NULL      -- FNV-1a of its tokens\n"
	");\n";

/* Cases indexed with one scratch arena before it is renewed. */
#define SCRATCH_CASES 512

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
	sqlite3_stmt *st = db_prepare(fq, "SELECT upto, digest FROM "
					  "search_cases WHERE case_id = :case");
	int rc;

	memset(s, 0, sizeof(*s));
	bind_int(st, ":case", case_id);
	if ((rc = db_step(fq, st)) == 1) {
		s->have = 1;
		s->upto = col_int(st, 0);
		s->digest = (uint64_t)col_int(st, 1);
	}
	db_finish(st);
	return rc < 0 ? fq->err_code : 0;
}

/* The statements that write a case's index rows. */
struct writer {
	sqlite3_stmt *put, *forget, *stamp, *unstamp;
};

/* Prepares the writer's statements. */
static int
writer_open(struct fq *fq, struct writer *w)
{
	memset(w, 0, sizeof(*w));
	if (!(w->put = db_prepare(fq, "INSERT INTO search_grams (rowid, "
				  "body, head) VALUES (:case, :body, "
				  ":head)")) ||
	    !(w->forget = db_prepare(fq, "INSERT INTO search_grams "
				     "(search_grams, rowid, body, head) VALUES "
				     "('delete', :case, :body, :head)")) ||
	    !(w->stamp = db_prepare(fq, "INSERT INTO search_cases (case_id, "
				    "upto, digest) VALUES (:case, :upto, "
				    ":digest) ON CONFLICT (case_id) DO UPDATE "
				    "SET upto = excluded.upto, "
				    "digest = excluded.digest")) ||
	    !(w->unstamp = db_prepare(fq, "DELETE FROM search_cases "
				      "WHERE case_id = :case")))
		return fq->err_code;
	return 0;
}

/* Finalizes the writer's statements. */
static void
writer_close(struct writer *w)
{
	db_finish(w->put);
	db_finish(w->forget);
	db_finish(w->stamp);
	db_finish(w->unstamp);
}

/* Steps a writer statement once and makes it ready for the next use. */
static int
writer_step(struct fq *fq, sqlite3_stmt *st)
{
	int rc = db_step(fq, st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc < 0 ? fq->err_code : 0;
}

/* Binds a column of the document, whole or up to its mark. */
static void
bind_col(sqlite3_stmt *st, const char *name, const struct search_doc *d,
	 int c, int upto_mark)
{
	const struct search_buf *b = &d->col[c];

	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, name),
			  b->s ? b->s : "", upto_mark ? d->mark[c] : b->len,
			  SQLITE_STATIC);
}

/* Puts the whole document into the index as case `case_id`'s. */
static int
doc_put(struct fq *fq, struct writer *w, long long case_id,
	const struct search_doc *d)
{
	int rc;

	bind_int(w->put, ":case", case_id);
	bind_col(w->put, ":body", d, SEARCH_BODY, 0);
	bind_col(w->put, ":head", d, SEARCH_HEAD, 0);
	if ((rc = writer_step(fq, w->put)))
		return rc;
	bind_int(w->stamp, ":case", case_id);
	bind_int(w->stamp, ":upto", d->last);
	bind_int(w->stamp, ":digest", (long long)search_doc_digest(d, 0));
	return writer_step(fq, w->stamp);
}

/* Takes the document up to its mark out of the index. */
static int
doc_forget(struct fq *fq, struct writer *w, long long case_id,
	   const struct search_doc *d)
{
	bind_int(w->forget, ":case", case_id);
	bind_col(w->forget, ":body", d, SEARCH_BODY, 1);
	bind_col(w->forget, ":head", d, SEARCH_HEAD, 1);
	return writer_step(fq, w->forget);
}

/* Fails naming a case whose index disagrees with its record. */
static int
disagrees(struct fq *fq, long long case_id)
{
	return fq_fail(fq, FQ_EINTERNAL, "the search index of case #%lld "
		       "disagrees with its events; run 'fq verify', then "
		       "'fq search --reindex'", case_id);
}

/*
 * Builds the document of a case from its events into d, marking it as
 * it was after event `upto` (0: never).
 */
static int
doc_of_case(struct fq *fq, long long case_id, long long upto,
	    struct search_doc *d)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT id, kind, data FROM events "
					  "WHERE case_id = :case ORDER BY seq");
	long long id;
	int rc;

	bind_int(st, ":case", case_id);
	while ((rc = db_step(fq, st)) == 1) {
		id = col_int(st, 0);
		if (search_doc_event(d, id, (const char *)sqlite3_column_text(
				     st, 1), (const char *)
				     sqlite3_column_text(st, 2)) < 0) {
			db_finish(st);
			return disagrees(fq, case_id);
		}
		if (id <= upto)
			search_doc_mark(d);
	}
	db_finish(st);
	return rc < 0 ? fq->err_code : 0;
}

/* Replaces the index rows of a case by the document d. */
static int
reindex(struct fq *fq, long long case_id, const struct stamp *old,
	const struct search_doc *d)
{
	struct writer w;
	int rc;

	if ((rc = writer_open(fq, &w)))
		goto out;
	if (old->have && (rc = doc_forget(fq, &w, case_id, d)))
		goto out;
	if (d->last)
		rc = doc_put(fq, &w, case_id, d);
	else if (old->have) {
		bind_int(w.unstamp, ":case", case_id);
		rc = writer_step(fq, w.unstamp);
	}
out:
	writer_close(&w);
	return rc;
}

int
search_index_case(struct fq *fq, long long case_id)
{
	struct arena *a = arena_new();
	struct search_doc d;
	struct stamp old;
	int rc;

	search_doc_reset(&d, a);
	if ((rc = stamp_get(fq, case_id, &old)) ||
	    (rc = doc_of_case(fq, case_id, old.upto, &d)))
		goto out;
	if (old.have && d.last == old.upto)
		goto out;	/* nothing new to find */
	if (old.have && search_doc_digest(&d, 1) != old.digest) {
		rc = disagrees(fq, case_id);
		goto out;
	}
	rc = reindex(fq, case_id, &old, &d);
out:
	arena_free(a);
	return rc;
}

/* ---- Building the index for many cases at once ---- */

struct bulk {
	struct fq *fq;
	struct writer w;
	struct search_doc doc;
	struct arena *scratch;
	long long case_id;	/* the case being read, 0 before the first */
	long long *want;	/* the cases to index, ascending; NULL: all */
	long long nwant, next;	/* how many; the next one to look for */
	long long done;		/* cases indexed */
	long long read;		/* cases read */
};

/* The cases the index lacks, ascending, into b->want. */
static int
bulk_wanted(struct bulk *b)
{
	struct fq *fq = b->fq;
	sqlite3_stmt *st = db_prepare(fq, "SELECT id FROM cases c WHERE NOT "
		"EXISTS (SELECT 1 FROM search_cases s WHERE s.case_id = c.id) "
		"ORDER BY id");
	int cap = 0, n = 0, rc;

	while ((rc = db_step(fq, st)) == 1) {
		b->want = arena_grow(fq->mem, b->want, sizeof(*b->want), &cap,
				     n + 1);
		b->want[n++] = col_int(st, 0);
	}
	db_finish(st);
	b->nwant = n;
	return rc < 0 ? fq->err_code : 0;
}

/* Stores the document of the case just read, if it is wanted. */
static int
bulk_flush(struct bulk *b)
{
	int rc = 0;

	if (b->case_id > 0 && b->doc.last) {
		rc = doc_put(b->fq, &b->w, b->case_id, &b->doc);
		b->done++;
	}
	if (++b->read % SCRATCH_CASES == 0) {
		arena_free(b->scratch);
		b->scratch = arena_new();
	}
	search_doc_reset(&b->doc, b->scratch);
	return rc;
}

/* 1 when case `id` is one to index (moving b->next on). */
static int
bulk_wants(struct bulk *b, long long id)
{
	if (!b->want)
		return 1;
	while (b->next < b->nwant && b->want[b->next] < id)
		b->next++;
	return b->next < b->nwant && b->want[b->next] == id;
}

/* Reads one event of the walk into the document of its case. */
static int
bulk_event(struct bulk *b, sqlite3_stmt *st)
{
	long long case_id = col_int(st, 0), id = col_int(st, 1);
	int rc;

	if (case_id != b->case_id) {
		if ((rc = bulk_flush(b)))
			return rc;
		b->case_id = bulk_wants(b, case_id) ? case_id : -case_id;
	}
	if (b->case_id < 0)
		return 0;	/* a case the index has already */
	if (search_doc_event(&b->doc, id,
			     (const char *)sqlite3_column_text(st, 2),
			     (const char *)sqlite3_column_text(st, 3)) < 0)
		return fq_fail(b->fq, FQ_EDATA, "event %lld (case #%lld): its "
			       "data is not a JSON object; run 'fq verify'",
			       id, case_id);
	return 0;
}

/* Walks the events of the wanted cases and indexes each case. */
static int
bulk_walk(struct bulk *b)
{
	struct fq *fq = b->fq;
	sqlite3_stmt *st = db_prepare(fq, "SELECT case_id, id, kind, data "
		"FROM events WHERE case_id >= :from ORDER BY case_id, seq");
	int rc;

	bind_int(st, ":from", b->want ? b->want[0] : 0);
	while ((rc = db_step(fq, st)) == 1)
		if ((rc = bulk_event(b, st)))
			break;
	db_finish(st);
	if (rc < 0)
		return fq->err_code;
	return rc ? rc : bulk_flush(b);
}

/* Indexes the cases the index lacks (all when `all`). */
static int
bulk_index(struct fq *fq, int all, long long *n)
{
	struct bulk b = { .fq = fq };
	int rc;

	*n = 0;
	b.scratch = arena_new();
	search_doc_reset(&b.doc, b.scratch);
	if (!all && (rc = bulk_wanted(&b)))
		goto out;
	if (!all && b.nwant == 0)
		goto out;
	if ((rc = writer_open(fq, &b.w)) == 0)
		rc = bulk_walk(&b);
	writer_close(&b.w);
	*n = b.done;
out:
	arena_free(b.scratch);
	return rc;
}

int
search_index_missing(struct fq *fq, long long *n)
{
	return bulk_index(fq, 0, n);
}

int
search_migrate(struct fq *fq)
{
	long long n;
	int rc;

	if ((rc = db_exec(fq, schema_sql)))
		return rc;
	return bulk_index(fq, 1, &n);
}

int
search_index_rebuild(struct fq *fq, long long *n)
{
	int rc;

	if ((rc = db_begin(fq)))
		return rc;
	if ((rc = db_exec(fq, "DELETE FROM search_cases; INSERT INTO "
			  "search_grams (search_grams) "
			  "VALUES ('delete-all')")) ||
	    (rc = bulk_index(fq, 1, n)) ||
	    (rc = db_exec(fq, "INSERT INTO search_grams (search_grams) "
			  "VALUES ('optimize')")) ||
	    (rc = db_commit(fq)))
		db_rollback(fq);
	return rc;
}

/* ---- The check ---- */

/*
 * 1 when the record of a case is whole: events 1, 2, ... that begin with
 * `logged`, each matching its digest; 0 when not; -1 after fq_fail().
 */
static int
record_whole(struct fq *fq, long long case_id)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT id, seq, at, actor, kind, "
		"data, prev, digest FROM events WHERE case_id = :case "
		"ORDER BY seq");
	const char *t[5];
	long long seq = 0;
	char want[65];
	int rc = 0, whole = 1, i;

	bind_int(st, ":case", case_id);
	while (whole && (rc = db_step(fq, st)) == 1) {
		for (i = 0; i < 5; i++)
			t[i] = (const char *)sqlite3_column_text(st, 3 + i);
		if (col_int(st, 1) != ++seq || !t[0] || !t[1] || !t[2] ||
		    !t[3] || !t[4] || (seq == 1 && strcmp(t[1], "logged"))) {
			whole = 0;
			break;
		}
		event_digest(t[3], col_int(st, 0), case_id, seq,
			     col_int(st, 2), t[0], t[1], t[2], want);
		whole = !strcmp(want, t[4]);
	}
	db_finish(st);
	if (whole && rc < 0)
		return -1;
	return whole && seq > 0;
}

/* The walk of fq verify: stamps and events side by side, by case. */
struct check {
	struct fq *fq;
	sqlite3_stmt *stamps;
	int more;		/* a stamp row is current */
	struct search_doc doc;
	struct arena *scratch;
	long long case_id, ncases, bad, first;
};

/* Counts case `id` as one whose index disagrees. */
static void
count_bad(struct check *k, long long id)
{
	if (k->bad++ == 0)
		k->first = id;
}

/*
 * A stamp of a case without events: the index holds a case that is not
 * there, unless the case row is (its record is then damaged, which
 * fq verify reports).
 */
static int
stamp_alone(struct check *k, long long id)
{
	sqlite3_stmt *st = db_prepare(k->fq, "SELECT 1 FROM cases "
					     "WHERE id = :id");
	int rc;

	bind_int(st, ":id", id);
	rc = db_step(k->fq, st);
	db_finish(st);
	if (rc < 0)
		return k->fq->err_code;
	if (rc == 0)
		count_bad(k, id);
	return 0;
}

/* A case whose index disagrees: counted, unless its record is damaged. */
static int
case_disagrees(struct check *k, long long id)
{
	int whole = record_whole(k->fq, id);

	if (whole < 0)
		return k->fq->err_code;
	if (whole)
		count_bad(k, id);
	return 0;
}

/* Moves the stamps on to case `id`, past those of cases without events. */
static int
check_stamps_to(struct check *k, long long id)
{
	long long s;
	int rc;

	while (k->more && (s = col_int(k->stamps, 0)) < id) {
		if ((rc = stamp_alone(k, s)))
			return rc;
		if ((k->more = db_step(k->fq, k->stamps)) < 0)
			return k->fq->err_code;
	}
	return 0;
}

/* 1 when the document just read is what the current stamp says. */
static int
stamp_agrees(struct check *k, int have)
{
	if (!have)
		return k->doc.last == 0;	/* no text, nothing held */
	return k->doc.last == col_int(k->stamps, 1) &&
	       search_doc_digest(&k->doc, 0) ==
	       (uint64_t)col_int(k->stamps, 2);
}

/* Compares the document of the case just read with its stamp. */
static int
check_case(struct check *k)
{
	long long id = k->case_id;
	int rc, have;

	if (!id)
		return 0;
	if ((rc = check_stamps_to(k, id)))
		return rc;
	have = k->more && col_int(k->stamps, 0) == id;
	if (!stamp_agrees(k, have) && (rc = case_disagrees(k, id)))
		return rc;
	if (have && (k->more = db_step(k->fq, k->stamps)) < 0)
		return k->fq->err_code;
	if (++k->ncases % SCRATCH_CASES == 0) {
		arena_free(k->scratch);
		k->scratch = arena_new();
	}
	search_doc_reset(&k->doc, k->scratch);
	return 0;
}

/* Reads one event of the walk; a new case checks the one before. */
static int
check_event(struct check *k, sqlite3_stmt *st)
{
	long long case_id = col_int(st, 0);
	int rc;

	if (case_id != k->case_id) {
		if ((rc = check_case(k)))
			return rc;
		k->case_id = case_id;
	}
	if (search_doc_event(&k->doc, col_int(st, 1),
			     (const char *)sqlite3_column_text(st, 2),
			     (const char *)sqlite3_column_text(st, 3)) < 0)
		k->doc.last = -1;	/* cannot agree with any stamp */
	return 0;
}

/* Walks every event and every stamp. */
static int
check_walk(struct check *k)
{
	struct fq *fq = k->fq;
	sqlite3_stmt *st = db_prepare(fq, "SELECT case_id, id, kind, "
		"data FROM events ORDER BY case_id, seq");
	int rc;

	if (!(k->stamps = db_prepare(fq, "SELECT case_id, upto, digest "
				     "FROM search_cases ORDER BY case_id")) ||
	    (k->more = db_step(fq, k->stamps)) < 0) {
		db_finish(st);
		return fq->err_code;
	}
	while ((rc = db_step(fq, st)) == 1)
		if ((rc = check_event(k, st)))
			break;
	db_finish(st);
	if (rc < 0)
		return fq->err_code;
	if (rc == 0 && (rc = check_case(k)) == 0)
		rc = check_stamps_to(k, INT64_MAX);
	return rc;
}

long long
search_index_check(struct fq *fq, long long *first)
{
	struct check k = { .fq = fq };
	int rc;

	k.scratch = arena_new();
	search_doc_reset(&k.doc, k.scratch);
	rc = check_walk(&k);
	db_finish(k.stamps);
	arena_free(k.scratch);
	*first = k.first;
	return rc ? -1 : k.bad;
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

/* The filters of fq list, as cases.c writes them (each may be null). */
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
 * The index is read first, newest (or best) first, and each case it
 * gives is looked up and filtered: CROSS JOIN keeps that order, so a
 * LIMIT stops the walk early.
 */
#define HITS \
	"SELECT c.id FROM search_grams CROSS JOIN cases c " \
	"ON c.id = search_grams.rowid WHERE search_grams MATCH :match AND "
#define NEWEST "ORDER BY search_grams.rowid DESC LIMIT :limit"
#define BEST "ORDER BY bm25(search_grams, 1.0, 4.0), " \
	"search_grams.rowid DESC LIMIT :limit"

/* The statement for a search; the filters bound as cases.c binds them. */
static sqlite3_stmt *
search_query(struct fq *fq, const struct search_terms *t,
	     const struct case_filter *f, enum search_order order)
{
	static const char *const sql[2][2] = {
		{ HITS "c.status <> 'closed' AND " FILTERS NEWEST,
		  HITS "c.status <> 'closed' AND " FILTERS BEST },
		{ HITS FILTERS NEWEST, HITS FILTERS BEST },
	};
	const char *status = f->status;
	sqlite3_stmt *st;

	st = db_prepare(fq, sql[f->status != NULL][order == SEARCH_RELEVANCE]);
	if (status && !strcmp(status, "all"))
		status = NULL;
	bind_text(st, ":match", match_query(fq->mem, t));
	bind_text(st, ":status", status);
	bind_text(st, ":department", f->department);
	bind_text(st, ":owner", f->owner);
	bind_text(st, ":handler", f->handler);
	bind_text(st, ":category", f->category);
	bind_text(st, ":guest", f->guest);
	bind_text(st, ":room", f->room);
	bind_text(st, ":involves", f->involves);
	bind_time(st, ":since", f->since);
	bind_time(st, ":until", f->until);
	bind_int(st, ":limit", f->limit > 0 ? f->limit : -1);
	return st;
}

int
search_cases(struct fq *fq, const struct search_terms *t,
	     const struct case_filter *f, enum search_order order,
	     int (*fn)(struct fq *, long long, void *), void *arg)
{
	sqlite3_stmt *st = search_query(fq, t, f, order);
	int rc;

	while ((rc = db_step(fq, st)) == 1)
		if ((rc = fn(fq, col_int(st, 0), arg)))
			break;
	db_finish(st);
	return rc < 0 ? fq->err_code : rc;
}

int
search_case_events(struct fq *fq, long long case_id,
		   int (*fn)(struct fq *, long long, const char *,
			     const char *, void *),
		   void *arg)
{
	sqlite3_stmt *st = db_prepare(fq, "SELECT seq, kind, data FROM events "
					  "WHERE case_id = :case ORDER BY seq");
	int rc;

	bind_int(st, ":case", case_id);
	while ((rc = db_step(fq, st)) == 1)
		if ((rc = fn(fq, col_int(st, 0),
			     (const char *)sqlite3_column_text(st, 1),
			     (const char *)sqlite3_column_text(st, 2), arg)))
			break;
	db_finish(st);
	return rc < 0 ? fq->err_code : rc;
}
