/*
 * list.c - fq list: cases matching every filter, newest first.
 */
#include "cases.h"
#include "cmds.h"
#include "filter.h"
#include "lifecycle.h"
#include "names.h"
#include "out.h"
#include "outcase.h"
#include "policy.h"

const char usage_list[] =
	"fq list [--status open|replied|closed|declined|all] [--dept D]\n"
	"               [--owner U] [--handler U] [--category C] [--guest G]\n"
	"               [--room R] [--since WHEN] [--until WHEN] [--limit N]";

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
	{ "category", "category", NULL, 0, 12, cell_category },
	{ "holder", "holder", NULL, 0, 24, cell_holder },
	{ "owner", "owner", NULL, 0, 10, cell_owner },
	{ "guest", "guest", NULL, 0, 16, guest_cell },
	{ "summary", "summary", NULL, COL_FLEX, 40, NULL },
};

/* Adds one case to the rows (with next_due for the table). */
static int
add_row(struct fq *fq, struct fq_case *c, void *arg)
{
	struct val *row;

	case_catch_up(fq, c);
	row = case_json(fq, c);
	v_set_time(fq->mem, row, "next_due", case_next_due(c));
	v_push(fq->mem, arg, row);
	return 0;
}

int
cmd_list(struct fq *fq, int argc, char **argv)
{
	struct case_filter f = { 0 };
	struct val *rows = v_arr(fq->mem);
	int rc;

	if ((rc = filter_parse(fq, argc, argv, &f)) ||
	    (rc = cases_each(fq, &f, add_row, rows)))
		return rc;
	return out_list(fq, columns, sizeof(columns) / sizeof(columns[0]),
			rows);
}
