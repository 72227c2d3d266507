/*
 * list.c - fq list: cases matching every filter, newest first.
 */
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "clock.h"
#include "cmds.h"
#include "names.h"
#include "opts.h"
#include "out.h"
#include "policy.h"
#include "text.h"

const char usage_list[] =
	"fq list [--status open|replied|closed|declined|all] [--dept D]\n"
	"               [--owner U] [--handler U] [--category C] [--guest G]\n"
	"               [--room R] [--since WHEN] [--until WHEN] [--limit N]";

static const struct option longopts[] = {
	{ "status", required_argument, NULL, 's' },
	{ "dept", required_argument, NULL, 'd' },
	{ "owner", required_argument, NULL, 'o' },
	{ "handler", required_argument, NULL, 'H' },
	{ "category", required_argument, NULL, 'c' },
	{ "guest", required_argument, NULL, 'g' },
	{ "room", required_argument, NULL, 'r' },
	{ "since", required_argument, NULL, 'S' },
	{ "until", required_argument, NULL, 'U' },
	{ "limit", required_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 },
};

static const char *
category_cell(struct fq *fq, const struct val *row)
{
	return category_name(fq->pol, v_get_str(row, "category"));
}

static const char *
holder_cell(struct fq *fq, const struct val *row)
{
	return holder_name(fq->mem, fq->pol, v_get_str(row, "department"),
			   v_get_str(row, "handler"));
}

static const char *
owner_cell(struct fq *fq, const struct val *row)
{
	return staff_name(fq->pol, v_get_str(row, "owner"));
}

static const char *
guest_cell(struct fq *fq, const struct val *row)
{
	const char *g = v_get_str(row, "guest.name");
	const char *r = v_get_str(row, "guest.room");

	if (g && r)
		return arena_printf(fq->mem, "%s %s", g, r);
	return g ? g : r;
}

static const struct column columns[] = {
	{ "id", "#", NULL, COL_RIGHT, 0, NULL },
	{ "status", "status", NULL, 0, 0, NULL },
	{ "next_due", "due", NULL, 0, 0, NULL },
	{ "late", "late", NULL, 0, 0, NULL },
	{ "category", "category", NULL, 0, 12, category_cell },
	{ "holder", "holder", NULL, 0, 24, holder_cell },
	{ "owner", "owner", NULL, 0, 10, owner_cell },
	{ "guest", "guest", NULL, 0, 16, guest_cell },
	{ "summary", "summary", NULL, COL_FLEX, 40, NULL },
};

/* Adds one case to the rows (with next_due for the table). */
static int
add_row(struct fq *fq, struct fq_case *c, void *arg)
{
	struct val *row = case_json(fq, c);

	v_set_time(fq->mem, row, "next_due", case_next_due(c));
	v_push(fq->mem, arg, row);
	return 0;
}

/* Checks --status and the ids the filters name. */
static int
check_filter(struct fq *fq, const struct case_filter *f)
{
	static const char *const statuses[] = { "open", "replied", "closed",
						"declined", "all" };
	const struct policy *p = fq->pol;
	size_t i;

	if (f->status) {
		for (i = 0; i < 5 && strcmp(f->status, statuses[i]); i++)
			;
		if (i == 5)
			return fq_fail(fq, FQ_EUSAGE, "--status takes open, "
				       "replied, closed, declined or all, "
				       "not '%s'", f->status);
	}
	if (f->department && policy_dept(p, f->department) < 0)
		return fq_fail(fq, FQ_EDATA, "no department '%s' in the policy",
			       f->department);
	if (f->category && policy_category(p, f->category) < 0)
		return fq_fail(fq, FQ_EDATA, "no category '%s' in the policy",
			       f->category);
	return 0;
}

/* Turns department and category names into ids, as stored. */
static void
resolve_names(struct fq *fq, struct case_filter *f)
{
	const struct policy *p = fq->pol;
	int i;

	if (f->department && (i = policy_dept_find(p, f->department)) >= 0)
		f->department = p->depts[i].id;
	if (f->category && (i = policy_category_find(p, f->category)) >= 0)
		f->category = p->cats[i].id;
}

/* Reads the filters; shared in shape with fq export. */
static int
parse(struct fq *fq, int argc, char **argv, struct case_filter *f)
{
	char *end;
	int c, rc;

	opts_reset();
	while ((c = opts_next(fq, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 's': f->status = optarg; break;
		case 'd': f->department = optarg; break;
		case 'o': f->owner = optarg; break;
		case 'H': f->handler = optarg; break;
		case 'c': f->category = optarg; break;
		case 'g': f->guest = optarg; break;
		case 'r': f->room = optarg; break;
		case 'S':
			if ((rc = when_parse(fq, optarg, "--since", &f->since)))
				return rc;
			break;
		case 'U':
			if ((rc = when_parse(fq, optarg, "--until", &f->until)))
				return rc;
			break;
		case 'n':
			f->limit = strtol(optarg, &end, 10);
			if (*end || f->limit <= 0)
				return fq_fail(fq, FQ_EUSAGE, "--limit takes a "
					       "positive number, not '%s'",
					       optarg);
			break;
		default: return FQ_EUSAGE;
		}
	}
	if ((rc = opts_count(fq, argc, argv, 0, 0, "")))
		return rc;
	resolve_names(fq, f);
	return check_filter(fq, f);
}

int
cmd_list(struct fq *fq, int argc, char **argv)
{
	struct case_filter f = { 0 };
	struct val *rows = v_arr(fq->mem);
	int rc;

	if ((rc = parse(fq, argc, argv, &f)) ||
	    (rc = cases_each(fq, &f, add_row, rows)))
		return rc;
	return out_list(fq, columns, sizeof(columns) / sizeof(columns[0]),
			rows);
}
