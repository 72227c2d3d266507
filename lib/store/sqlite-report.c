/*
 * sqlite-report.c - the SQLite driver's reads for fq report: what each
 * case's events say, the cases of the period and the acceptance times.
 * report.c sums them (the histories behind the lapses are
 * sqlite-lapses.c's); definitions are in fq-report(1).
 */
#include "sqlite-ops.h"
#include "sqlite-stmt.h"

/* The group expression of each --by, as SQL over cases c. */
static const char *const group_sql[] = {
	[BY_NONE] = "NULL",
	[BY_DEPT] = "c.department",
	[BY_OWNER] = "c.owner",
	[BY_HANDLER] = "c.handler",
	[BY_CATEGORY] = "c.category",
	[BY_DAY] = "date(c.created_at, 'unixepoch', 'localtime')",
	[BY_WEEK] = "date(c.created_at, 'unixepoch', 'localtime', "
		    "'weekday 0', '-6 days')",
	[BY_MONTH] = "strftime('%Y-%m', c.created_at, 'unixepoch', "
		     "'localtime')",
};

/*
 * What each case's events say, for the cases that have any of the kinds
 * a report counts: read through the (kind, at) index, never the whole
 * events table (`+case_id`: grouping by an index's order would walk one
 * whole).  A case logged in the period has no event before it.
 */
#define STEPS_SQL \
	"SELECT case_id, " \
	"  min(CASE WHEN kind = 'replied' THEN at END), " \
	"  max(CASE WHEN kind = 'replied' THEN data ->> '$.late' " \
	"    WHEN kind = 'promised' AND data ->> '$.late' = 1 THEN 1 END), " \
	"  sum(kind = 'transferred'), " \
	"  count(DISTINCT CASE WHEN kind = 'escalated' THEN " \
	"    coalesce((data ->> '$.deadline') || '/' || (data ->> " \
	"    '$.level') || '/' || (data ->> '$.due'), id) END), " \
	"  sum(kind = 'declined'), sum(kind = 'called_back'), " \
	"  sum(CASE WHEN kind = 'called_back' THEN " \
	"    data ->> '$.satisfied' = 0 END), " \
	"  max(CASE WHEN kind = 'closed' THEN data ->> '$.late' END), " \
	"  sum(CASE WHEN kind = 'replied' THEN data ->> '$.late' = 1 AND " \
	"    data ->> '$.deadline' = 'promise' WHEN kind = 'promised' THEN " \
	"    data ->> '$.late' = 1 AND " \
	"    data ->> '$.previous_due_at' IS NOT NULL END), " \
	"  sum(CASE WHEN kind = 'promised' THEN " \
	"    data ->> '$.previous_due_at' < data ->> '$.due' END) " \
	"FROM events WHERE kind IN ('replied', 'transferred', 'escalated', " \
	"  'declined', 'called_back', 'closed', 'promised') " \
	"  AND at >= :since " \
	"GROUP BY +case_id"

int
sqlite_report_steps(struct fq *fq, time_t since,
		    int (*fn)(struct fq *, const struct store_steps *, void *),
		    void *arg)
{
	struct store_steps e;
	struct sq q;
	int rc = 0, done;

	sq_prepare(fq, &q, STEPS_SQL);
	sq_int(&q, ":since", (long long)since);
	while (rc == 0 && sq_step(&q) == 1) {
		e.case_id = sq_col_int(&q, 0);
		e.replied_at = (time_t)sq_col_int(&q, 1);
		e.reply_timed = !sq_col_null(&q, 2);
		e.reply_late = sq_col_int(&q, 2) != 0;
		e.transfers = (int)sq_col_int(&q, 3);
		e.escalations = (int)sq_col_int(&q, 4);
		e.declines = (int)sq_col_int(&q, 5);
		e.callbacks = (int)sq_col_int(&q, 6);
		e.unsatisfied = (int)sq_col_int(&q, 7);
		e.close_timed = !sq_col_null(&q, 8);
		e.close_late = sq_col_int(&q, 8) != 0;
		e.promises_broken = (int)sq_col_int(&q, 9);
		e.promises_moved = (int)sq_col_int(&q, 10);
		rc = fn(fq, &e, arg);
	}
	done = sq_done(&q);
	return rc ? rc : done;
}

/* What one case contributes from its own row. */
#define CASES_SQL \
	"SELECT %s, c.id, c.created_at, c.status = 'closed', " \
	"  c.first_contact, " \
	"  c.waiting_since IS NULL AND c.next_due < :now, " \
	"  c.waiting_since IS NOT NULL AND c.waiting_until <= :now, " \
	"  c.category IN (SELECT value FROM json_each(:callback)), " \
	"  c.waiting_since IS NULL AND c.due_promise < :now " \
	"FROM cases c WHERE c.created_at >= :since AND c.created_at < :until"

/* Prepares a query whose group expression is `%s` for `by`. */
static void
grouped(struct fq *fq, struct sq *q, const char *fmt, enum report_by by,
	time_t since, time_t until)
{
	sq_prepare(fq, q, arena_printf(fq->mem, fmt, group_sql[by]));
	sq_int(q, ":since", (long long)since);
	sq_int(q, ":until", (long long)until);
}

int
sqlite_report_cases(struct fq *fq, enum report_by by, time_t since,
		    time_t until, time_t now, const char *callback,
		    int (*fn)(struct fq *, const struct store_report_case *,
			      void *), void *arg)
{
	struct store_report_case c;
	struct sq q;
	int rc = 0, done;

	grouped(fq, &q, CASES_SQL, by, since, until);
	sq_int(&q, ":now", (long long)now);
	sq_text(&q, ":callback", callback);
	while (rc == 0 && sq_step(&q) == 1) {
		c.group = sq_col_peek(&q, 0);
		c.id = sq_col_int(&q, 1);
		c.created_at = (time_t)sq_col_int(&q, 2);
		c.closed = (int)sq_col_int(&q, 3);
		c.first_contact = (int)sq_col_int(&q, 4);
		c.late = (int)sq_col_int(&q, 5);
		c.wait_ended = (int)sq_col_int(&q, 6);
		c.callback = (int)sq_col_int(&q, 7);
		c.promise_late = (int)sq_col_int(&q, 8);
		rc = fn(fq, &c, arg);
	}
	done = sq_done(&q);
	return rc ? rc : done;
}

/* Each acceptance after a clock started, with its group. */
#define ACCEPTS_SQL \
	"SELECT %s, a.at - (SELECT max(s.at) FROM events s " \
	"  WHERE s.case_id = a.case_id AND s.seq < a.seq " \
	"  AND s.kind IN ('logged', 'transferred', 'reopened')) " \
	"FROM events a JOIN cases c ON c.id = a.case_id " \
	"WHERE a.kind = 'accepted' AND a.at >= :since " \
	"AND a.data ->> '$.due' IS NOT NULL " \
	"AND c.created_at >= :since AND c.created_at < :until"

int
sqlite_report_accepts(struct fq *fq, enum report_by by, time_t since,
		      time_t until,
		      int (*fn)(struct fq *, const char *, long, void *),
		      void *arg)
{
	struct sq q;
	int rc = 0, done;

	grouped(fq, &q, ACCEPTS_SQL, by, since, until);
	while (rc == 0 && sq_step(&q) == 1)
		if (!sq_col_null(&q, 1))
			rc = fn(fq, sq_col_peek(&q, 0),
				(long)sq_col_int(&q, 1), arg);
	done = sq_done(&q);
	return rc ? rc : done;
}
