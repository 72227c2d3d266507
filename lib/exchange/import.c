/*
 * import.c - fq import: cases with their events from JSON Lines, all or
 * nothing (exchange.h; import.h says which file does what).
 *
 * Import runs on two threads, so that reading and storing share the
 * machine's cores: a reader thread reads the lines, parses and checks
 * them and recomputes every event's digest, into batches of records
 * (import-line.c); the main thread stores the batches, in order,
 * through statements prepared once.  Only the main thread touches the
 * database and struct fq: the reader leaves its error (and warnings) in
 * the batch, and the main thread reports them when it gets there, so
 * the first bad line is always the one reported.
 *
 * Events of different cases interleave in id order, so the chain can
 * only be checked once every line has been read: each event leaves a
 * small link (chain.h's, and its line) behind, and the links are put in
 * id order at the end and held to chain_follows(), the rule fq verify
 * and every append go by.  Once an import proves big, the store is told
 * so (store_import_big): it may then stop keeping its indexes up and
 * make them again at the end, inside the same transaction.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "i18n.h"
#include "import.h"

#define BIG_IMPORT 20000	/* cases after which an import is big */

/* What the main thread keeps. */
struct importer {
	struct fq *fq;
	struct store_import *store;	/* the store's bulk restore */
	struct chain_link head;	/* the database's chain before the import */
	long long had_cases;	/* cases in the database before */
	long line;		/* the line being stored */
	int big;		/* 1 once the store was told it is big */
	struct import_result *r;
};

/* ---- Reading (the reader thread) ---- */

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

	rd->check.mem = b->mem;
	while (b->n < BATCH_LINES) {
		if ((n = getline(&rd->buf, &rd->cap, rd->in)) < 0) {
			if (ferror(rd->in))
				import_fail(rd, FQ_ENOINPUT, "cannot read: %s",
					    strerror(errno));
			b->last = 1;
			return;
		}
		rd->line++;
		if (!blank(rd->buf, (size_t)n) &&
		    import_line(rd, rd->buf, (size_t)n)) {
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
		fq->err = arena_printf(fq->mem, _("line %ld: %s"), im->line,
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

	chain_start(&im->head);
	if ((rc = events_head(fq, &im->head.id, &digest)) ||
	    (im->head.id && (rc = store_chain_version(fq, im->head.id,
						      &im->head.version))))
		return rc;
	if (chain_unhex(digest, im->head.digest))
		return fq_fail(fq, FQ_EDATA, "the database's last event (%lld) "
			       "has a malformed digest; run 'fq verify'",
			       im->head.id);
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
	msg = arena_vprintf(fq->mem, _(fmt), ap);
	va_end(ap);
	return fq_fail(fq, FQ_EDATA, "line %ld: event %lld %s", l->line,
		       l->c.id, msg);
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
		if (l[i].c.id < base)
			return chain_fail(fq, &l[i], "is older than the "
					  "database's last event (%lld): the "
					  "file does not continue its chain",
					  head_id);
		if (l[i].c.id >= end)
			return chain_fail(fq, &l[i], "leaves a gap: the %zu "
					  "events imported should have the ids "
					  "%lld to %lld", n, base, end - 1);
	}
	for (i = 0; i < n; i++)
		while ((j = (size_t)(l[i].c.id - base)) != i) {
			if (l[j].c.id == l[i].c.id)
				return chain_fail(fq, &l[i], "appears twice "
						  "(also on line %ld)",
						  l[j].line);
			t = l[i];
			l[i] = l[j];
			l[j] = t;
		}
	return 0;
}

/* Fails naming how the first imported event fails to follow the head. */
static int
head_fail(struct importer *im, const struct link *l, int why)
{
	const struct chain_link *h = &im->head;

	if ((why & CHAIN_UNLINKED) && h->id == 0)
		return chain_fail(im->fq, l, "does not begin a chain (its prev "
				  "is not the genesis value, 64 zeros), and "
				  "the database has no events");
	if (why & CHAIN_UNLINKED)
		return chain_fail(im->fq, l, "does not continue the database's "
				  "chain: its prev is not the digest of event "
				  "%lld", h->id);
	return chain_fail(im->fq, l, "has digest version %d, older than the "
			  "version %d of the database's last event (%lld)",
			  l->c.version, h->version, h->id);
}

/* Fails naming how an imported event fails to follow the one before. */
static int
link_fail(struct importer *im, const struct link *l, const struct link *p,
	  int why)
{
	if (why & CHAIN_UNLINKED)
		return chain_fail(im->fq, l, "does not follow event %lld (line "
				  "%ld): its prev is not that event's digest",
				  p->c.id, p->line);
	return chain_fail(im->fq, l, "has digest version %d, older than the "
			  "version %d of event %lld (line %ld) before it",
			  l->c.version, p->c.version, p->c.id, p->line);
}

/*
 * Holds the imported events, in id order, to the continuity rule
 * (chain_follows): the first continues the database's head, each other
 * the event before it.
 */
static int
chain_check(struct importer *im, struct link *l, size_t n)
{
	size_t i;
	int rc, why;

	if (n == 0)
		return 0;
	if ((rc = chain_order(im->fq, l, n, im->head.id)))
		return rc;
	if ((why = chain_follows(&im->head, &l[0].c)))
		return head_fail(im, &l[0], why);
	for (i = 1; i < n; i++)
		if ((why = chain_follows(&l[i - 1].c, &l[i].c)))
			return link_fail(im, &l[i], &l[i - 1], why);
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
	struct reader rd = { .in = in, .pol = fq->pol, .q = q,
			     .check = { .cmd = fq->cmd } };
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
