/*
 * sqlite-overdue.c - the SQLite driver's side of the escalation ladder:
 * its memory (the `escalations` table, derived from the events), the
 * cases it looks at, the manual and major escalations owed a mail, and
 * the guard that keeps two mail runs apart.
 *
 * The memory is folded in lazily, in the write lock: the events after
 * escalations_read.upto are read by id (the rowid, never by kind: the
 * (kind, at) index would walk every escalation ever written), and each
 * query of the ladder is a search by case on a primary key or on
 * events(case_id, kind, seq).  tests/plans.bats checks the plans.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "sqlite-ops.h"
#include "sqlite-stmt.h"

/* The events of one kind not yet folded in, their data made valid JSON. */
#define NEW_EVENTS(kind) \
	"SELECT case_id, seq, at, CASE WHEN json_valid(data) THEN data " \
	"ELSE '{}' END AS d FROM events NOT INDEXED " \
	"WHERE id > :upto AND id <= :top AND kind = '" kind "'"

/* Who each escalation told, and the levels it passed over (staff ''). */
#define FOLD_ESCALATED \
	"WITH e AS (" NEW_EVENTS("escalated") ") " \
	"INSERT INTO escalations (case_id, deadline, level, staff, seq, at) " \
	"SELECT e.case_id, coalesce(e.d ->> '$.deadline', ''), " \
	"  coalesce(e.d ->> '$.level', ''), t.value, e.seq, e.at " \
	"FROM e, json_each(e.d, '$.to') t WHERE t.type = 'text' " \
	"UNION ALL " \
	"SELECT e.case_id, coalesce(e.d ->> '$.deadline', ''), p.value, '', " \
	"  e.seq, e.at FROM e, json_each(e.d, '$.passed') p " \
	"WHERE p.type = 'text' " \
	"ON CONFLICT DO UPDATE SET seq = excluded.seq, at = excluded.at " \
	"WHERE excluded.seq > escalations.seq"

/* The manual and major escalations a `notified` event mailed. */
#define FOLD_NOTIFIED \
	"WITH n AS (" NEW_EVENTS("notified") "), " \
	"m AS (SELECT n.case_id, n.d ->> '$.level' AS level, " \
	"  t.value AS staff, max(n.d ->> '$.escalation') AS about " \
	"  FROM n, json_each(n.d, '$.to') t WHERE t.type = 'text' " \
	"  GROUP BY 1, 2, 3) " \
	"UPDATE escalations SET mailed = m.about FROM m " \
	"WHERE escalations.case_id = m.case_id " \
	"AND escalations.deadline = '' AND escalations.level = m.level " \
	"AND escalations.staff = m.staff " \
	"AND coalesce(escalations.mailed, 0) < m.about"

/* A case closed: the manual and major escalations before it are done. */
#define FOLD_CLOSED \
	"WITH c AS (SELECT case_id, max(seq) AS seq FROM events NOT INDEXED " \
	"  WHERE id > :upto AND id <= :top AND kind = 'closed' " \
	"  GROUP BY case_id) " \
	"UPDATE escalations SET mailed = escalations.seq FROM c " \
	"WHERE escalations.case_id = c.case_id " \
	"AND escalations.deadline = '' AND escalations.seq < c.seq " \
	"AND escalations.mailed IS NOT escalations.seq"

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

int
sqlite_escalations_update(struct fq *fq)
{
	static const char *const folds[] = {
		FOLD_ESCALATED, FOLD_NOTIFIED, FOLD_CLOSED,
	};
	long long upto, top;
	struct sq q;
	size_t i;
	int rc;

	if (sqlite3_get_autocommit(SQ_DB(fq)))
		return fq_fail(fq, FQ_EINTERNAL, "the escalations are folded "
			       "in outside the write lock");
	sq_prepare(fq, &q, "SELECT upto FROM escalations_read");
	if ((rc = sq_one_int(&q, &upto, NULL)))
		return rc;
	sq_prepare(fq, &q, "SELECT coalesce(max(id), 0) FROM events");
	if ((rc = sq_one_int(&q, &top, NULL)) || top <= upto)
		return rc;
	for (i = 0; i < sizeof(folds) / sizeof(folds[0]); i++)
		if ((rc = fold(fq, folds[i], upto, top)))
			return rc;
	sq_prepare(fq, &q, "UPDATE escalations_read SET upto = :top");
	sq_int(&q, ":top", top);
	return sq_run(&q);
}

/*
 * The ladder's cases: due by the horizon (cases_due), and those with a
 * running promise (cases_promise), whose levels count from logging and
 * may fire long before the promise falls due.  `+next_due` keeps the
 * second from walking cases_due.
 */
#define LADDER_CASES \
	"SELECT " CASE_COLUMNS " FROM cases WHERE next_due <= :horizon " \
	"UNION ALL " \
	"SELECT " CASE_COLUMNS " FROM cases WHERE due_promise > 0 " \
	"AND +next_due > :horizon"

/* Where a case's clocks started (events_case_kind). */
#define LADDER_CLOCKS \
	"SELECT (SELECT max(seq) FROM events WHERE case_id = :case " \
	"  AND kind IN ('logged', 'reopened')), " \
	"(SELECT max(seq) FROM events WHERE case_id = :case " \
	"  AND kind IN ('logged', 'reopened', 'transferred'))"

/* A case's memory (the primary key's prefix). */
#define LADDER_TOLD \
	"SELECT deadline, level, staff, seq, at, coalesce(mailed, 0) " \
	"FROM escalations WHERE case_id = :case"

/* The two lookups made for each case the ladder wants, prepared once. */
struct lookups {
	struct sq clocks, told;
	struct store_told *v;	/* the memory read, reused case by case */
	int cap;
};

/* Fills t from a row of LADDER_TOLD, or of its columns (text copied). */
static void
told_row(const struct sq *q, int col, struct store_told *t)
{
	t->deadline = sq_col_text(q, col);
	t->level = sq_col_text(q, col + 1);
	t->staff = sq_col_text(q, col + 2);
	t->seq = sq_col_int(q, col + 3);
	t->at = (time_t)sq_col_int(q, col + 4);
	t->mailed = sq_col_int(q, col + 5);
}

/* Reads the clocks and the memory of case `id` into *h. */
static int
lookup(struct fq *fq, struct lookups *l, long long id, struct store_ladder *h)
{
	memset(h, 0, sizeof(*h));
	sq_reset(&l->clocks);
	sq_int(&l->clocks, ":case", id);
	if (sq_step(&l->clocks) == 1) {
		h->start = sq_col_int(&l->clocks, 0);
		h->accept_start = sq_col_int(&l->clocks, 1);
	}
	sq_reset(&l->told);
	sq_int(&l->told, ":case", id);
	while (sq_step(&l->told) == 1) {
		l->v = arena_grow(fq->mem, l->v, sizeof(*l->v), &l->cap,
				  h->ntold + 1);
		told_row(&l->told, 0, &l->v[h->ntold++]);
	}
	h->told = l->v;
	return l->clocks.rc ? l->clocks.rc : l->told.rc;
}

int
sqlite_ladder_cases(struct fq *fq, time_t horizon,
		    int (*want)(struct fq *, const struct fq_case *, void *),
		    int (*fn)(struct fq *, struct fq_case *,
			      const struct store_ladder *, void *),
		    void *arg)
{
	struct lookups l = { .cap = 0 };
	struct store_ladder h;
	struct fq_case c;
	struct sq q;
	int rc = 0, done;

	sq_prepare(fq, &l.clocks, LADDER_CLOCKS);
	sq_prepare(fq, &l.told, LADDER_TOLD);
	sq_prepare(fq, &q, LADDER_CASES);
	sq_time(&q, ":horizon", horizon);
	while (rc == 0 && sq_step(&q) == 1) {
		sqlite_case_row(&q, &c);
		if (want(fq, &c, arg) &&
		    (rc = lookup(fq, &l, c.id, &h)) == 0)
			rc = fn(fq, &c, &h, arg);
	}
	done = sq_done(&q);
	sq_done(&l.clocks);
	sq_done(&l.told);
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
		told_row(&q, 0, t);
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

/* The first column after CASE_COLUMNS (24 of them). */
#define AFTER_CASE 24

int
sqlite_notices_owed(struct fq *fq,
		    int (*fn)(struct fq *, struct fq_case *,
			      const struct store_told *, const char *, void *),
		    void *arg)
{
	struct store_told t;
	struct fq_case c;
	struct sq q;
	int rc = 0, done;

	sq_prepare(fq, &q, NOTICES_OWED);
	while (rc == 0 && sq_step(&q) == 1) {
		sqlite_case_row(&q, &c);
		told_row(&q, AFTER_CASE, &t);
		rc = fn(fq, &c, &t, sq_col_peek(&q, AFTER_CASE + 6), arg);
	}
	done = sq_done(&q);
	return rc ? rc : done;
}

int
sqlite_guard(struct fq *fq, const char *name, int seconds)
{
	const char *path = arena_printf(fq->mem, "%s-%s.lock",
					fq->store->where, name);
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
