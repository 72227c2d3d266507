/*
 * sqlite-overdue.c - the SQLite driver's side of the escalation ladder:
 * its memory (the `escalations` and `clocks` tables, derived from the
 * events), the cases it looks at, the manual and major escalations owed
 * a mail, and the guard that keeps two mail runs apart.
 *
 * The memory is folded in lazily, in the write lock: the events after
 * escalations_read.upto are read by id (a range of the rowid; `+kind`
 * keeps the (kind, at) index, which would walk every escalation ever
 * written, out of it), a long history in chunks of transactions of
 * their own; each query of the ladder is a search by case on a primary
 * key, of the cases, the escalations or the clocks (where each case's
 * clocks started, folded in with the rest), and no index on the events
 * is needed beyond those the schema had.  tests/plans.bats checks the
 * plans.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "sqlite-ops.h"
#include "sqlite-stmt.h"

/* Events folded in by one write transaction, outside the caller's. */
#define FOLD_CHUNK 100000

/* The events of one kind not yet folded in, their data made valid JSON. */
#define NEW_EVENTS(kind) \
	"SELECT case_id, seq, at, CASE WHEN json_valid(data) THEN data " \
	"ELSE '{}' END AS d FROM events " \
	"WHERE id > :upto AND id <= :top AND +kind = '" kind "'"

/* Who each escalation told, and the levels it passed over (staff ''). */
#define FOLD_ESCALATED \
	"WITH esc AS MATERIALIZED (" NEW_EVENTS("escalated") ") " \
	"INSERT INTO escalations (case_id, deadline, level, staff, seq, at) " \
	"SELECT esc.case_id, coalesce(esc.d ->> '$.deadline', ''), " \
	"  coalesce(esc.d ->> '$.level', ''), t.value, esc.seq, esc.at " \
	"FROM esc, json_each(esc.d, '$.to') t WHERE t.type = 'text' " \
	"UNION ALL " \
	"SELECT esc.case_id, coalesce(esc.d ->> '$.deadline', ''), p.value, " \
	"  '', esc.seq, esc.at FROM esc, json_each(esc.d, '$.passed') p " \
	"WHERE p.type = 'text' " \
	"ON CONFLICT DO UPDATE SET seq = excluded.seq, at = excluded.at " \
	"WHERE excluded.seq > escalations.seq"

/* The manual and major escalations a `notified` event mailed. */
#define FOLD_NOTIFIED \
	"WITH note AS MATERIALIZED (" NEW_EVENTS("notified") "), " \
	"sent AS MATERIALIZED (SELECT note.case_id, " \
	"  note.d ->> '$.level' AS level, t.value AS staff, " \
	"  max(note.d ->> '$.escalation') AS about " \
	"  FROM note, json_each(note.d, '$.to') t WHERE t.type = 'text' " \
	"  GROUP BY 1, 2, 3) " \
	"UPDATE escalations SET mailed = sent.about FROM sent " \
	"WHERE escalations.case_id = sent.case_id " \
	"AND escalations.deadline = '' AND escalations.level = sent.level " \
	"AND escalations.staff = sent.staff " \
	"AND coalesce(escalations.mailed, 0) < sent.about"

/* A case closed: the manual and major escalations before it are done. */
#define FOLD_CLOSED \
	"WITH closing AS MATERIALIZED (SELECT case_id, max(seq) AS seq " \
	"  FROM events WHERE id > :upto AND id <= :top " \
	"  AND +kind = 'closed' GROUP BY case_id) " \
	"UPDATE escalations SET mailed = escalations.seq FROM closing " \
	"WHERE escalations.case_id = closing.case_id " \
	"AND escalations.deadline = '' AND escalations.seq < closing.seq " \
	"AND escalations.mailed IS NOT escalations.seq"

/* Where each case's clocks started: its last logged, reopened and
 * transferred events. */
#define FOLD_CLOCKS \
	"WITH clk AS MATERIALIZED (SELECT case_id, coalesce(max(CASE WHEN " \
	"  kind <> 'transferred' THEN seq END), 0) AS start, max(seq) AS acc " \
	"  FROM events WHERE id > :upto AND id <= :top " \
	"  AND +kind IN ('logged', 'reopened', 'transferred') " \
	"  GROUP BY case_id) " \
	"INSERT INTO clocks (case_id, start, accept_start) " \
	"SELECT case_id, start, acc FROM clk WHERE true " \
	"ON CONFLICT (case_id) DO UPDATE SET " \
	"start = max(start, excluded.start), " \
	"accept_start = max(accept_start, excluded.accept_start)"

/* Runs one folding statement over the events in (upto, top]. */
static int
fold(struct fq *fq, const char *sql, long long upto, long long top)
{
	struct sq q;

	sq_prepare(fq, &q, sql);
	sq_int(&q, ":upto", upto);
	sq_int(&q, ":top", top);
	return sq_run(&q);
}

/* Folds the events in (upto, top] in, and moves upto to top. */
static int
fold_all(struct fq *fq, long long upto, long long top)
{
	static const char *const folds[] = {
		FOLD_ESCALATED, FOLD_NOTIFIED, FOLD_CLOSED, FOLD_CLOCKS,
	};
	struct sq q;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(folds) / sizeof(folds[0]); i++)
		if ((rc = fold(fq, folds[i], upto, top)))
			return rc;
	sq_prepare(fq, &q, "UPDATE escalations_read SET upto = :top");
	sq_int(&q, ":top", top);
	return sq_run(&q);
}

/* The last event folded in, and the last event. */
static int
bounds(struct fq *fq, long long *upto, long long *top)
{
	struct sq q;
	int rc;

	sq_prepare(fq, &q, "SELECT upto FROM escalations_read");
	if ((rc = sq_one_int(&q, upto, NULL)))
		return rc;
	sq_prepare(fq, &q, "SELECT coalesce(max(id), 0) FROM events");
	return sq_one_int(&q, top, NULL);
}

/*
 * Outside a transaction, one chunk of events in a write transaction of
 * its own (*more: 1 while some are left), so that folding in a long
 * history never holds the write lock for long.
 */
static int
fold_chunk(struct fq *fq, int *more)
{
	long long upto, top;
	int rc;

	*more = 0;
	if ((rc = sq_exec(fq, "BEGIN IMMEDIATE")))
		return rc;
	if ((rc = bounds(fq, &upto, &top)) == 0 && top > upto) {
		*more = top - upto > FOLD_CHUNK;
		rc = fold_all(fq, upto, *more ? upto + FOLD_CHUNK : top);
	}
	if (rc == 0)
		return sq_exec(fq, "COMMIT");
	sqlite3_exec(SQ_DB(fq), "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int
sqlite_escalations_update(struct fq *fq)
{
	long long upto, top;
	int rc, more = 1;

	if (sqlite3_get_autocommit(SQ_DB(fq))) {
		while (more)
			if ((rc = fold_chunk(fq, &more)))
				return rc;
		return 0;
	}
	if ((rc = bounds(fq, &upto, &top)) || top <= upto)
		return rc;
	return fold_all(fq, upto, top);
}

/*
 * The ladder's cases with their clocks: due by the horizon (cases_due),
 * and those with a running promise (cases_promise), whose levels count
 * from logging and may fire long before the promise falls due.
 * `+next_due` keeps the second from walking cases_due.
 */
#define LADDER_CASES \
	"SELECT " CASE_COLUMNS ", coalesce(k.start, 0), " \
	"coalesce(k.accept_start, 0) FROM cases c LEFT JOIN clocks k " \
	"ON k.case_id = c.id WHERE next_due <= :horizon " \
	"UNION ALL " \
	"SELECT " CASE_COLUMNS ", coalesce(k.start, 0), " \
	"coalesce(k.accept_start, 0) FROM cases c LEFT JOIN clocks k " \
	"ON k.case_id = c.id WHERE due_promise > 0 AND +next_due > :horizon"

/* The first column after CASE_COLUMNS (24 of them). */
#define AFTER_CASE 24

/* A case's memory (the primary key's prefix). */
#define LADDER_TOLD \
	"SELECT deadline, level, staff, seq, at, coalesce(mailed, 0) " \
	"FROM escalations WHERE case_id = :case"

/*
 * The texts of the memory, kept once each: the few deadlines, levels
 * and staff ids come back for case after case.
 */
#define TEXTS 256		/* slots, a power of two */

struct texts {
	const char *v[TEXTS];
};

/* Text column i of q, as kept in *x (copied once into fq->mem; each
 * time without x). */
static const char *
text_of(const struct sq *q, int i, struct texts *x)
{
	const char *s = sq_col_peek(q, i);
	unsigned h = 5381;
	const char *p;
	int n;

	if (!s || !x)
		return sq_col_text(q, i);
	for (p = s; *p; p++)
		h = h * 33 + (unsigned char)*p;
	for (n = 0; n < TEXTS; n++, h++) {
		const char **slot = &x->v[h & (TEXTS - 1)];

		if (!*slot)
			return *slot = arena_strdup(q->fq->mem, s);
		if (!strcmp(*slot, s))
			return *slot;
	}
	return sq_col_text(q, i);	/* full: a copy of its own */
}

/* The lookup made for each case the ladder wants, prepared once. */
struct lookups {
	struct sq told;
	struct store_told *v;	/* the memory read, reused case by case */
	int cap;
	struct texts texts;
};

/* Fills t from a row of LADDER_TOLD, or of its columns (text kept). */
static void
told_row(const struct sq *q, int col, struct store_told *t,
	 struct texts *x)
{
	t->deadline = text_of(q, col, x);
	t->level = text_of(q, col + 1, x);
	t->staff = text_of(q, col + 2, x);
	t->seq = sq_col_int(q, col + 3);
	t->at = (time_t)sq_col_int(q, col + 4);
	t->mailed = sq_col_int(q, col + 5);
}

/* Reads the memory of case `id` into *h. */
static int
lookup(struct fq *fq, struct lookups *l, long long id, struct store_ladder *h)
{
	h->ntold = 0;
	sq_reset(&l->told);
	sq_int(&l->told, ":case", id);
	while (sq_step(&l->told) == 1) {
		l->v = arena_grow(fq->mem, l->v, sizeof(*l->v), &l->cap,
				  h->ntold + 1);
		told_row(&l->told, 0, &l->v[h->ntold++], &l->texts);
	}
	h->told = l->v;
	return l->told.rc;
}

/*
 * A run of the ladder reads thousands of cases and their memory, and
 * writes a few hundred events and rows of it spread over the tables: a
 * page cache that holds them all (SQLite's default holds 2 MiB), so that
 * no page is read twice or spilled to the log before the commit, and
 * temporary results in memory.  Kept by the connection, as fq import's.
 */
static int
tune(struct fq *fq)
{
	return sq_exec(fq, "PRAGMA cache_size = -65536; "
			   "PRAGMA temp_store = MEMORY");
}

int
sqlite_ladder_cases(struct fq *fq, time_t horizon,
		    int (*want)(struct fq *, const struct fq_case *, void *),
		    int (*fn)(struct fq *, struct fq_case *,
			      const struct store_ladder *, void *),
		    void *arg)
{
	struct lookups *l = arena_alloc(fq->mem, sizeof(*l));
	struct store_ladder h;
	struct fq_case c;
	struct sq q;
	int rc = 0, done;

	if ((rc = tune(fq)))
		return rc;
	sq_prepare(fq, &l->told, LADDER_TOLD);
	sq_prepare(fq, &q, LADDER_CASES);
	sq_time(&q, ":horizon", horizon);
	while (rc == 0 && sq_step(&q) == 1) {
		sqlite_case_row(&q, &c);
		if (!want(fq, &c, arg))
			continue;
		h.start = sq_col_int(&q, AFTER_CASE);
		h.accept_start = sq_col_int(&q, AFTER_CASE + 1);
		if ((rc = lookup(fq, l, c.id, &h)) == 0)
			rc = fn(fq, &c, &h, arg);
	}
	done = sq_done(&q);
	sq_done(&l->told);
	return rc ? rc : done;
}

int
sqlite_escalation_get(struct fq *fq, long long case_id, const char *deadline,
		      const char *level, const char *staff,
		      struct store_told *t, int *found)
{
	struct sq q;

	sq_prepare(fq, &q, "SELECT deadline, level, staff, seq, at, "
			   "coalesce(mailed, 0) FROM escalations "
			   "WHERE case_id = :case AND deadline = :deadline "
			   "AND level = :level AND staff = :staff");
	sq_int(&q, ":case", case_id);
	sq_text(&q, ":deadline", deadline);
	sq_text(&q, ":level", level);
	sq_text(&q, ":staff", staff);
	*found = sq_step(&q) == 1;
	if (*found)
		told_row(&q, 0, t, NULL);
	return sq_done(&q);
}

/*
 * The manual and major escalations not mailed yet (escalations_unmailed,
 * whose WHERE the query repeats word for word), with their case and
 * their note.
 */
#define NOTICES_OWED \
	"SELECT " CASE_COLUMNS ", x.deadline, x.level, x.staff, x.seq, " \
	"  x.at, coalesce(x.mailed, 0), " \
	"  (SELECT CASE WHEN json_valid(e.data) THEN e.data ->> '$.text' END " \
	"   FROM events e WHERE e.case_id = x.case_id AND e.seq = x.seq) " \
	"FROM escalations x JOIN cases c ON c.id = x.case_id " \
	"WHERE x.deadline = '' AND x.mailed IS NOT x.seq " \
	"ORDER BY x.case_id, x.level, x.staff"

int
sqlite_notices_owed(struct fq *fq,
		    int (*fn)(struct fq *, struct fq_case *,
			      const struct store_told *, const char *, void *),
		    void *arg)
{
	struct texts *x = arena_alloc(fq->mem, sizeof(*x));
	struct store_told t;
	struct fq_case c;
	struct sq q;
	int rc = 0, done;

	sq_prepare(fq, &q, NOTICES_OWED);
	while (rc == 0 && sq_step(&q) == 1) {
		sqlite_case_row(&q, &c);
		told_row(&q, AFTER_CASE, &t, x);
		rc = fn(fq, &c, &t, sq_col_peek(&q, AFTER_CASE + 6), arg);
	}
	done = sq_done(&q);
	return rc ? rc : done;
}

/* The lock file of guard `name`: beside the database, whatever the path
 * it was opened by (relative, a symbolic link). */
static const char *
guard_path(struct fq *fq, const char *name)
{
	char *real = realpath(fq->store->where, NULL);
	const char *path = arena_printf(fq->mem, "%s-%s.lock",
					real ? real : fq->store->where, name);

	free(real);
	return path;
}

int
sqlite_guard(struct fq *fq, const char *name, int seconds)
{
	const char *path = guard_path(fq, name);
	int fd, tries;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0660);
	if (fd < 0)
		return fq_fail(fq, FQ_ENOINPUT, "cannot open '%s': %s", path,
			       strerror(errno));
	/* Every 20 ms: the guard's wait needs no clock. */
	for (tries = 0; flock(fd, LOCK_EX | LOCK_NB) < 0; tries++) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			close(fd);
			return fq_fail(fq, FQ_EINTERNAL, "cannot lock '%s': "
				       "%s", path, strerror(errno));
		}
		if (tries >= seconds * 50) {
			close(fd);
			return fq_fail(fq, FQ_EBUSY, "'%s' stayed locked for "
				       "%d s", path, seconds);
		}
		usleep(20000);
	}
	return 0;	/* the descriptor stays open: the lock with it */
}
