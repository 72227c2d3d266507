/*
 * sqlite-report.c - the SQLite driver's reads for fq report: what each
 * case's events say, the cases of the period, the acceptance times and
 * the late steps.  report.c sums them; definitions are in fq-report(1).
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
	"  max(CASE WHEN kind = 'replied' THEN data ->> '$.late' END), " \
	"  sum(kind = 'transferred'), " \
	"  count(DISTINCT CASE WHEN kind = 'escalated' THEN " \
	"    coalesce((data ->> '$.deadline') || '/' || (data ->> " \
	"    '$.level') || '/' || (data ->> '$.due'), id) END), " \
	"  sum(kind = 'declined'), sum(kind = 'called_back'), " \
	"  sum(kind = 'called_back' AND data ->> '$.satisfied' = 0) " \
	"FROM events WHERE kind IN ('replied', 'transferred', 'escalated', " \
	"  'declined', 'called_back') AND at >= :since " \
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
	"  c.category IN (SELECT value FROM json_each(:callback)) " \
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

/*
 * Replies and acceptances that came after their deadline: the cases of
 * the period first (CROSS JOIN fixes the order), then each one's steps
 * of those kinds, never every reply ever made.
 */
#define LATE_STEPS_SQL \
	"SELECT CASE e.kind WHEN 'replied' THEN e.actor END, " \
	"  coalesce(e.data ->> '$.deadline', e.kind), c.id, " \
	"  c.summary, e.at - (e.data ->> '$.due'), " \
	"  coalesce(e.data ->> '$.department', c.department) " \
	"FROM cases c CROSS JOIN events e ON e.case_id = c.id " \
	"WHERE e.kind IN ('replied', 'accepted') " \
	"AND e.at > (e.data ->> '$.due') " \
	"AND c.created_at >= :since AND c.created_at < :until " \
	"ORDER BY c.id, e.seq"

int
sqlite_late_steps(struct fq *fq, time_t since, time_t until,
		  int (*fn)(struct fq *, const struct store_late_step *,
			    void *), void *arg)
{
	struct store_late_step s;
	struct sq q;
	int rc = 0, done;

	sq_prepare(fq, &q, LATE_STEPS_SQL);
	sq_int(&q, ":since", (long long)since);
	sq_int(&q, ":until", (long long)until);
	while (rc == 0 && sq_step(&q) == 1) {
		s.person = sq_col_text(&q, 0);
		s.deadline = sq_col_text(&q, 1);
		s.id = sq_col_int(&q, 2);
		s.summary = sq_col_text(&q, 3);
		s.late = (long)sq_col_int(&q, 4);
		s.department = sq_col_text(&q, 5);
		rc = fn(fq, &s, arg);
	}
	done = sq_done(&q);
	return rc ? rc : done;
}
