/*
 * list.c - fq list: cases matching every filter, newest first.
 */
#include "cases.h"
#include "cmds.h"
#include "filter.h"
#include "opts.h"
#include "out.h"
#include "outcase.h"
#include "find.h"

const char usage_list[] =
	"fq list [--status open|replied|closed|declined|all] [--dept D]\n"
	"               [--owner U] [--handler U] [--category C] [--guest G]\n"
	"               [--room R] [--text TEXT] [--since WHEN]\n"
	"               [--until WHEN] [--limit N]";

enum { OPT_TEXT = 256 };

static const struct opt list_options[] = {
	{ "text", required_argument, OPT_TEXT, "TEXT",
	  "only cases whose texts contain all the words of TEXT" },
	{ NULL, 0, 0, NULL, NULL },
};

/* Keeps the value of --text. */
static int
take_text(struct fq *fq, int opt, const char *value, void *arg)
{
	*(const char **)arg = value;
	return 0;
}

/* Adds one case to the rows. */
static int
add_row(struct fq *fq, struct fq_case *c, void *arg)
{
	v_push(fq->mem, arg, case_list_row(fq, c));
	return 0;
}

int
cmd_list(struct fq *fq, int argc, char **argv)
{
	struct case_filter f = { 0 };
	const char *text = NULL;
	const struct filter_extra x = { list_options, take_text, &text, 0, 0,
					NULL };
	struct search_terms t;
	struct val *rows = v_arr(fq->mem);
	int rc;

	if ((rc = filter_parse_extra(fq, argc, argv, &f, &x)))
		return rc;
	if (text) {
		if ((rc = search_terms_parse(fq, 1, (char *const *)&text,
					     &t)) ||
		    (rc = find_cases(fq, &t, &f, SEARCH_NEWEST, add_row,
				     rows)))
			return rc;
	} else if ((rc = cases_each(fq, &f, add_row, rows))) {
		return rc;
	}
	return out_list(fq, case_list_columns, case_list_ncolumns, rows);
}
