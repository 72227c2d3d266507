/*
 * import.h - the inside of fq import, shared by its files (only they
 * include this; the interface is exchange.h):
 *
 *   import.c        the two threads, the batches between them, storing,
 *                   and the chain once every line is read
 *   import-line.c   one line: JSON, keys, types, times, digests
 *   import-rules.c  the input rules of fq log, applied to each line
 *   import-story.c  each case row against what its events say
 *
 * The reader thread parses and checks lines into batches of records;
 * it never touches the command's struct fq or the store.  A line's
 * error is left in its batch, for the main thread to report when it
 * gets there.
 */
#ifndef FQ_IMPORT_H
#define FQ_IMPORT_H

#include <pthread.h>
#include <stdio.h>

#include "chain.h"
#include "exchange.h"
#include "policy.h"

#define BATCH_LINES 256		/* lines read and stored together */
#define NBATCH 4		/* batches between the threads */

/*
 * The largest id (of a case or an event) and seq an import takes:
 * 2^53 - 1, the largest integer every JSON reader keeps exact.
 */
#define IMPORT_MAX_ID 9007199254740991LL

/* What the chain check keeps of each imported event. */
struct link {
	struct chain_link c;
	long line;
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
	struct fq check;	/* the text checks' own (mem: the batch's) */
};

/* ---- import-line.c ---- */

/*
 * Fails the line being read with `rc`, the message led by "line N: ",
 * into the batch.  Returns rc.
 */
int import_fail(struct reader *rd, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same with FQ_EDATA: a bad line. */
#define bad(rd, ...) import_fail((rd), FQ_EDATA, __VA_ARGS__)

/* Reads and checks one line (n bytes at s) into the batch's next record. */
int import_line(struct reader *rd, const char *s, size_t n);

/* ---- import-rules.c ---- */

/*
 * s quoted for a message ('s'), or a description of it when it is long
 * or holds a control character, which a message must not pass on to a
 * terminal.  From the batch's memory.
 */
const char *import_shown(struct reader *rd, const char *s);

/*
 * The input rules for a case row (after its types are checked): its
 * text as fq log checks it, its ids shaped like the policy's, `via` one
 * of fq log's.  0, or FQ_EDATA after bad().
 */
int import_case_rules(struct reader *rd, const struct fq_case *c);
/*
 * The input rules for an event: its actor (a staff id, or "fq") and
 * kind shaped like ids, every text in its data free of control
 * characters, notes ("text", "reason") no longer than fq takes them.
 */
int import_event_rules(struct reader *rd, const struct event_row *e,
		       const struct val *data);
/*
 * The rule for one string of an event's data: at `path` ("data", or
 * deeper) its key `key`, or its item i when `key` is NULL.
 */
int import_data_text(struct reader *rd, const struct event_row *e,
		     const char *path, const char *key, int i, const char *s);

/* ---- import-story.c ---- */

/* What a case's events say its row holds (import_story_*). */
enum {
	ST_SUMMARY, ST_DETAILS, ST_GUEST, ST_ROOM, ST_PHONE, ST_VIA,
	ST_CATEGORY, ST_OWNER, NSTORY
};
struct story {
	const char *field[NSTORY];	/* by the ST_* above */
	const struct event_row *by[NSTORY];	/* the event that set each */
	const char *status;	/* after the last step that set it */
	const struct event_row *status_by;
	time_t closed_at;	/* the last `closed` event's, when closed */
};

/*
 * 1 when the story checks the string at `key` of e's data (a field of
 * a `logged` event that the case row repeats), so that the data's own
 * rule need not: it is held to the row's rules, or, once amended, to
 * the data's rule then.
 */
int import_story_checks(const struct event_row *e, const char *key);
/* Starts the story of a case (before its first event). */
void import_story_begin(struct story *s);
/* Adds event e (its data parsed) to the story. */
int import_story_add(struct reader *rd, struct story *s,
		     const struct event_row *e, const struct val *data);
/* Checks that the case row says what its story says. */
int import_story_agrees(struct reader *rd, const struct story *s,
			const struct fq_case *c);

#endif
