/*
 * reopen.c - fq reopen: open a closed case again.
 */
#include "cmds.h"
#include "i18n.h"
#include "lifecycle.h"
#include "opts.h"
#include "outcase.h"

const char usage_reopen[] = "fq reopen ID NOTE";

int
cmd_reopen(struct fq *fq, int argc, char **argv)
{
	struct fq_case c;
	int rc;

	opts_reset();
	if (opts_next(fq, argc, argv, "", (const struct opt[]){ { 0 } }) != -1)
		return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 2, 2, "ID and NOTE")) ||
	    (rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_reopen(fq, &c, argv[optind + 1])))
		return rc;
	return out_case_step(fq, &c, _("reopened"));
}
