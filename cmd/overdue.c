/*
 * overdue.c - fq overdue: every open case past a deadline; with
 * --escalate, the escalation ladder; with --mail, its notifications,
 * and then only what this run sent.
 */
#include <stdlib.h>

#include "calendar.h"
#include "clock.h"
#include "cmds.h"
#include "names.h"
#include "notify.h"
#include "opts.h"
#include "out.h"
#include "outcase.h"
#include "overdue.h"
#include "policy.h"

const char usage_overdue[] =
	"fq overdue [--dept D] [--owner U] [--within DUR] [--escalate]\n"
	"                  [--mail] [--exit-status]";

static const struct opt longopts[] = {
	{ "dept", required_argument, 'd', "D",
	  "only cases this department holds" },
	{ "owner", required_argument, 'o', "U",
	  "only cases this staff member owns" },
	{ "within", required_argument, 'w', "DUR",
	  "also what falls due within DUR from now" },
	{ "escalate", no_argument, 'e', NULL,
	  "apply the escalation ladder and record it" },
	{ "mail", no_argument, 'm', NULL, "--escalate, and mail what fired" },
	{ "exit-status", no_argument, 'x', NULL,
	  "exit 1 when a listed deadline is late" },
	{ NULL, 0, 0, NULL, NULL },
};

struct options {
	struct overdue_filter f;
	int escalate, mail, exit_status;
	struct val *rows;
	int late;		/* rows already late (not only due soon) */
};

/* The recipient's display name (JSON carries the id). */
static const char *
cell_to(struct fq *fq, const struct val *row)
{
	return staff_name(fq->pol, v_get_str(row, "to"));
}

static const struct column columns[] = {
	{ "id", "#", NULL, COL_RIGHT, 0, NULL },
	{ "late", "late", "late_seconds", COL_RIGHT, 0, NULL },
	{ "deadline", "deadline", NULL, COL_WORD, 0, NULL },
	{ "due", "due", NULL, 0, 0, NULL },
	{ "summary", "what", NULL, COL_FLEX, 36, NULL },
	{ "owner", "owner", NULL, 0, 10, cell_owner },
	{ "holder", "holder", NULL, 0, 24, cell_holder },
};

/* What --mail prints: one row per recipient and case it sent. */
static const struct column sent_columns[] = {
	{ "to", "to", NULL, 0, 10, cell_to },
	{ "address", "address", NULL, 0, 0, NULL },
	{ "id", "#", NULL, COL_RIGHT, 0, NULL },
	{ "notice", "notice", NULL, 0, 0, NULL },
	{ "summary", "what", NULL, COL_FLEX, 36, NULL },
};

/* One row for a deadline of a case. */
static struct val *
row_of(struct fq *fq, const struct fq_case *c, int k)
{
	struct val *row = v_obj(fq->mem);
	time_t now = fq_now();

	v_set_int(fq->mem, row, "id", c->id);
	v_set_str(fq->mem, row, "summary", c->summary);
	v_set_str(fq->mem, row, "deadline", due_names[k]);
	v_set_time(fq->mem, row, "due", c->due[k]);
	v_set(fq->mem, row, "late_seconds",
	      v_dur(fq->mem, (long)(now - c->due[k])));
	v_set(fq->mem, row, "late", v_bool(fq->mem, c->due[k] < now));
	v_set_str(fq->mem, row, "owner", c->owner);
	v_set_str(fq->mem, row, "department", c->department);
	v_set_str(fq->mem, row, "handler", c->handler);
	v_set_str(fq->mem, row, "category", c->category);
	v_set_str(fq->mem, row, "status", c->status);
	return row;
}

/* A row per running deadline that falls before the horizon. */
static int
add_rows(struct fq *fq, struct fq_case *c, void *arg)
{
	struct options *o = arg;
	int k;

	for (k = 0; k < NDUE; k++) {
		if (!c->due[k] || c->waiting_since || c->due[k] > o->f.horizon)
			continue;
		if (c->due[k] < fq_now())
			o->late++;
		v_push(fq->mem, o->rows, row_of(fq, c, k));
	}
	return 0;
}

/* Most late first; ties by case. */
static int
by_due(const void *a, const void *b)
{
	const struct val *x = *(const struct val *const *)a;
	const struct val *y = *(const struct val *const *)b;
	long long dx = v_get_int(x, "due"), dy = v_get_int(y, "due");

	if (dx != dy)
		return dx < dy ? -1 : 1;
	return v_get_int(x, "id") < v_get_int(y, "id") ? -1 : 1;
}

/* Reads the options. */
static int
parse(struct fq *fq, int argc, char **argv, struct options *o)
{
	const struct policy *p = fq->pol;
	struct dur within = { 0 };
	int c, d;

	opts_reset();
	while ((c = opts_next(fq, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'd':
			if ((d = policy_dept_find(p, optarg)) < 0)
				return fq_fail(fq, FQ_EDATA, "no department "
					       "'%s' in the policy", optarg);
			o->f.department = p->depts[d].id;
			break;
		case 'o':
			if (!policy_staff(p, optarg))
				return fq_fail(fq, FQ_EDATA, "--owner: no "
					       "staff '%s' in the policy",
					       optarg);
			o->f.owner = optarg;
			break;
		case 'w':
			if (dur_parse(optarg, &within))
				return fq_fail(fq, FQ_EDATA, "--within: malformed "
					       "duration '%s' (use 30m, 2h, 1d, "
					       "4bh, 1wd)", optarg);
			break;
		case 'e': o->escalate = 1; break;
		case 'm': o->mail = o->escalate = 1; break;
		case 'x': o->exit_status = 1; break;
		default: return FQ_EUSAGE;
		}
	}
	/* Late means past the deadline: at its very second it is not yet. */
	o->f.horizon = within.set ? cal_deadline(&p->cal, fq_now(), &within)
				  : fq_now() - 1;
	return opts_count(fq, argc, argv, 0, 0, "");
}

/* The rows of what a --mail run sent. */
static struct val *
sent_rows(struct fq *fq, const struct notify_result *res)
{
	struct val *rows = v_arr(fq->mem), *row;
	int i;

	for (i = 0; i < res->nsent; i++) {
		row = v_obj(fq->mem);
		v_set_str(fq->mem, row, "to", res->sent[i].to);
		v_set_str(fq->mem, row, "address", res->sent[i].address);
		v_set_int(fq->mem, row, "id", res->sent[i].c->id);
		v_set_str(fq->mem, row, "notice", res->sent[i].what);
		v_set_str(fq->mem, row, "summary", res->sent[i].c->summary);
		v_push(fq->mem, rows, row);
	}
	return rows;
}

/* The late list, most late first. */
static int
list_late(struct fq *fq, struct options *o)
{
	int rc;

	if ((rc = overdue_each(fq, &o->f, add_rows, o)))
		return rc;
	if (o->rows->n > 1)
		qsort(o->rows->items, (size_t)o->rows->n,
		      sizeof(*o->rows->items), by_due);
	return o->mail ? 0 : out_list(fq, columns, sizeof(columns) /
				      sizeof(columns[0]), o->rows);
}

int
cmd_overdue(struct fq *fq, int argc, char **argv)
{
	struct options o = { .rows = v_arr(fq->mem) };
	struct notify_result res;
	int rc, mail_rc = 0;

	if ((rc = parse(fq, argc, argv, &o)))
		return rc;
	if (o.escalate) {
		mail_rc = notify_run(fq, o.mail, &res);
		if (mail_rc && mail_rc != FQ_EBUSY)
			return mail_rc;
	}
	if (o.mail && (rc = out_list(fq, sent_columns, sizeof(sent_columns) /
				     sizeof(sent_columns[0]),
				     sent_rows(fq, &res))))
		return rc;
	if ((!o.mail || o.exit_status) && (rc = list_late(fq, &o)))
		return rc;
	if (mail_rc)
		return mail_rc;
	return o.exit_status && o.late ? FQ_MATCH : 0;
}
