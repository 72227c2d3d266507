/*
 * follow.c - fq follow: a follow-up note; a case; or the actor's own
 * list of what they still owe, most urgent first.
 */
#include <stdlib.h>
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

const char usage_follow[] = "fq follow [ID [NOTE]]";

static const struct column columns[] = {
	{ "id", "#", NULL, COL_RIGHT, 0, NULL },
	{ "next_due", "due", NULL, 0, 0, NULL },
	{ "late", "late", NULL, COL_WORD, 0, NULL },
	{ "summary", "what", NULL, COL_FLEX, 30, NULL },
	{ "role", "as", NULL, COL_WORD, 0, NULL },
	{ "holder", "holder", NULL, 0, 24, cell_holder },
	{ "last_note", "last note", NULL, COL_FLEX, 24, cell_last_note },
};

/* Adds one case the actor owes. */
static int
add_row(struct fq *fq, struct fq_case *c, void *arg)
{
	struct val *row;
	int owner = c->owner && !strcmp(c->owner, fq->me->id);

	case_catch_up(fq, c);
	row = case_json(fq, c);
	v_set_time(fq->mem, row, "next_due", case_next_due(c));
	v_set_str(fq->mem, row, "role", owner ? "owner" : "handler");
	v_set_str(fq->mem, row, "last_note", event_last_note(fq, c->id));
	v_push(fq->mem, arg, row);
	return 0;
}

/* Orders rows: late or soonest due first, then cases with no deadline. */
static int
by_urgency(const void *a, const void *b)
{
	const struct val *x = *(const struct val *const *)a;
	const struct val *y = *(const struct val *const *)b;
	long long dx = v_get_int(x, "next_due"), dy = v_get_int(y, "next_due");

	if (dx != dy)
		return !dx ? 1 : !dy ? -1 : dx < dy ? -1 : 1;
	return v_get_int(x, "id") < v_get_int(y, "id") ? -1 : 1;
}

/* The actor's own list. */
static int
my_list(struct fq *fq)
{
	struct case_filter f = { .oldest_first = 1 };
	struct val *rows = v_arr(fq->mem);
	int rc;

	f.involves = fq->me->id;
	if ((rc = cases_each(fq, &f, add_row, rows)))
		return rc;
	if (rows->n > 1)
		qsort(rows->items, (size_t)rows->n, sizeof(*rows->items), by_urgency);
	return out_list(fq, columns, sizeof(columns) / sizeof(columns[0]),
			rows);
}

int
cmd_follow(struct fq *fq, int argc, char **argv)
{
	struct fq_case c;
	int rc;

	opts_reset();
	if (opts_next(fq, argc, argv, "", (const struct opt[]){ { 0 } }) != -1)
		return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 0, 2, "")))
		return rc;
	if (argc - optind == 0)
		return my_list(fq);
	if (argc - optind == 1)
		return cmd_show(fq, argc, argv);
	if ((rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_follow(fq, &c, argv[optind + 1])))
		return rc;
	return out_case_step(fq, &c, _("followed up"));
}
