/*
 * sign.c - fq sign: a supervisor signs off a refusal; the case closes.
 */
#include "cmds.h"
#include "i18n.h"
#include "lifecycle.h"
#include "opts.h"
#include "outcase.h"

const char usage_sign[] = "fq sign ID";

int
cmd_sign(struct fq *fq, int argc, char **argv)
{
	struct fq_case c;
	int rc;

	opts_reset();
	if (opts_next(fq, argc, argv, "", (const struct opt[]){ { 0 } }) != -1)
		return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 1, 1, "ID")) ||
	    (rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_sign(fq, &c)))
		return rc;
	return out_case_step(fq, &c, _("refusal signed off; closed"));
}
