/*
 * sqlite-verify.c - the SQLite driver's reads for fq verify: SQLite's
 * own integrity check, each case's seqs, and each case row beside what
 * its events say.  (The chain itself is read in sqlite-events.c.)
 */
#include <string.h>

#include "sqlite-ops.h"
#include "sqlite-stmt.h"

int
sqlite_integrity(struct fq *fq,
		 void (*fn)(struct fq *, const char *, void *), void *arg)
{
	const char *line;
	struct sq q;

	sq_prepare(fq, &q, "PRAGMA integrity_check");
	while (sq_step(&q) == 1)
		if (strcmp(line = sq_col_text(&q, 0), "ok"))
			fn(fq, line, arg);
	return sq_done(&q);
}

int
sqlite_case_seqs(struct fq *fq,
		 int (*fn)(struct fq *, const struct store_seqs *, void *),
		 void *arg)
{
	struct store_seqs s;
	struct sq q;
	int rc = 0, done;

	sq_prepare(fq, &q,
		"SELECT c.id, count(e.id), coalesce(max(e.seq), 0), "
		"min(e.seq), (SELECT kind FROM events WHERE case_id = c.id "
		"AND seq = 1) FROM cases c LEFT JOIN events e "
		"ON e.case_id = c.id GROUP BY c.id");
	while (rc == 0 && sq_step(&q) == 1) {
		s.case_id = sq_col_int(&q, 0);
		s.events = sq_col_int(&q, 1);
		s.max_seq = sq_col_int(&q, 2);
		s.min_seq = sq_col_int(&q, 3);
		s.first_kind = sq_col_text(&q, 4);
		rc = fn(fq, &s, arg);
	}
	done = sq_done(&q);
	return rc ? rc : done;
}

/*
 * Each case row with its record: the owner is who logged it; the
 * department and the handler are what the last step that set them said.
 */
#define HOLDERS_SQL \
	"SELECT c.id, c.owner, c.department, coalesce(c.handler, ''), " \
	"  (SELECT actor FROM events WHERE case_id = c.id AND seq = 1), " \
	"  (SELECT data ->> '$.department' FROM events WHERE case_id = c.id " \
	"    AND kind IN ('logged', 'transferred') ORDER BY seq DESC LIMIT 1), " \
	"  (SELECT coalesce(data ->> '$.handler', '') FROM events " \
	"    WHERE case_id = c.id AND kind IN ('logged', 'transferred', " \
	"    'accepted') ORDER BY seq DESC LIMIT 1) " \
	"FROM cases c"

int
sqlite_case_holders(struct fq *fq,
		    int (*fn)(struct fq *, const struct store_holders *,
			      void *), void *arg)
{
	struct store_holders h;
	struct sq q;
	int rc = 0, done;

	sq_prepare(fq, &q, HOLDERS_SQL);
	while (rc == 0 && sq_step(&q) == 1) {
		h.case_id = sq_col_int(&q, 0);
		h.owner = sq_col_peek(&q, 1);
		h.department = sq_col_peek(&q, 2);
		h.handler = sq_col_peek(&q, 3);
		h.logged_by = sq_col_peek(&q, 4);
		h.moved_to = sq_col_peek(&q, 5);
		h.held_by = sq_col_peek(&q, 6);
		rc = fn(fq, &h, arg);
	}
	done = sq_done(&q);
	return rc ? rc : done;
}
