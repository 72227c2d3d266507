/*
 * handover.c - fq handover: the shift hand-over sheet (交接班本): open
 * cases touched in the shift or due in the next one, with their last note
 * and next deadline.
 */
#include <string.h>

#include "cases.h"
#include "clock.h"
#include "cmds.h"
#include "i18n.h"
#include "events.h"
#include "lifecycle.h"
#include "names.h"
#include "opts.h"
#include "out.h"
#include "outcase.h"
#include "policy.h"
#include "shift.h"

const char usage_handover[] = "fq handover [--dept D|all] [--since WHEN]";

static const struct opt longopts[] = {
	{ "dept", required_argument, 'd', "D|all",
	  "the department's sheet (default: yours), or all" },
	{ "since", required_argument, 's', "WHEN",
	  "the cases touched since WHEN, not in the shift" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct column columns[] = {
	{ "id", "#", NULL, COL_RIGHT, 0, NULL },
	{ "owner", "owner", NULL, 0, 10, cell_owner },
	{ "holder", "holder", NULL, 0, 22, cell_holder },
	{ "next_deadline", "next", NULL, COL_WORD, 0, NULL },
	{ "next_due", "due", NULL, 0, 0, NULL },
	{ "late", "late", NULL, COL_WORD, 0, NULL },
	{ "last_note", "last note", NULL, COL_FLEX, 24, cell_last_note },
	{ "summary", "what", NULL, COL_FLEX, 30, NULL },
};

/* The case's earliest running deadline, by name. */
static int
next_deadline(const struct fq_case *c)
{
	int k, best = -1;

	for (k = 0; k < NDUE; k++)
		if (c->due[k] && (best < 0 || c->due[k] < c->due[best]))
			best = k;
	return c->waiting_since ? -1 : best;
}

/* One row of the sheet. */
static int
add_row(struct fq *fq, struct fq_case *c, void *arg)
{
	struct val *row;
	int k;

	case_catch_up(fq, c);
	row = case_json(fq, c);
	k = next_deadline(c);
	v_set_str(fq->mem, row, "next_deadline", k >= 0 ? due_names[k] : NULL);
	v_set_time(fq->mem, row, "next_due", k >= 0 ? c->due[k] : 0);
	v_set_str(fq->mem, row, "last_note", event_last_note(fq, c->id));
	v_push(fq->mem, arg, row);
	return 0;
}

/* The members of a department, as a JSON array of ids. */
static const char *
members(struct fq *fq, int d)
{
	const struct policy *p = fq->pol;
	const char *s = "[";
	int i, first = 1;

	for (i = 0; i < p->nstaff; i++)
		if (p->staff[i].dept == d) {
			s = arena_printf(fq->mem, "%s%s\"%s\"", s, first ? "" : ",",
					 p->staff[i].id);
			first = 0;
		}
	return arena_printf(fq->mem, "%s]", s);
}

int
cmd_handover(struct fq *fq, int argc, char **argv)
{
	const char *dept = NULL, *since = NULL;
	time_t start, end, next_end;
	struct val *rows = v_arr(fq->mem);
	int c, rc, d;

	opts_reset();
	while ((c = opts_next(fq, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'd': dept = optarg; break;
		case 's': since = optarg; break;
		default: return FQ_EUSAGE;
		}
	}
	if ((rc = opts_count(fq, argc, argv, 0, 0, "")))
		return rc;
	d = fq->me->dept;
	if (dept && strcmp(dept, "all") &&
	    (d = policy_dept_find(fq->pol, dept)) < 0)
		return fq_fail(fq, FQ_EDATA, "no department '%s' in the policy",
			       dept);
	if (dept && !strcmp(dept, "all"))
		d = -1;
	shift_window(fq->pol, fq_now(), &start, &end, &next_end);
	if (since) {
		if ((rc = when_parse(fq, since, "--since", &start)))
			return rc;
		end = fq_now();
		next_end = shift_next(fq->pol, end);
	}
	if ((rc = cases_for_handover(fq, start, end, next_end,
				     d >= 0 ? fq->pol->depts[d].id : NULL,
				     d >= 0 ? members(fq, d) : NULL, add_row,
				     rows)))
		return rc;
	/* TRANSLATORS: "Shift 23:00–07:00 · 前台 · 3 open" */
	out_title(fq, arena_printf(fq->mem, _("Shift %s–%s · %s · %d open"),
				   time_short(fq, start), time_short(fq, end),
				   d >= 0 ? fq->pol->depts[d].name :
				   _("all departments"), rows->n));
	return out_list(fq, columns, sizeof(columns) / sizeof(columns[0]),
			rows);
}
