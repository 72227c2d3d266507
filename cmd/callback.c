/*
 * callback.c - fq callback: the owner's call back to the guest (回访).
 */
#include <string.h>

#include "cmds.h"
#include "i18n.h"
#include "lifecycle.h"
#include "opts.h"
#include "outcase.h"

const char usage_callback[] = "fq callback ID NOTE [--unsatisfied]";

static const struct opt longopts[] = {
	{ "unsatisfied", no_argument, 'u', NULL,
	  "the guest is not satisfied: reopen, not close" },
	{ NULL, 0, 0, NULL, NULL },
};

int
cmd_callback(struct fq *fq, int argc, char **argv)
{
	struct fq_case c;
	int opt, rc, unsatisfied = 0;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (opt == 'u')
			unsatisfied = 1;
		else
			return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 2, 2, "ID and NOTE")) ||
	    (rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_callback(fq, &c, argv[optind + 1], unsatisfied)))
		return rc;
	return out_case_step(fq, &c, unsatisfied ?
			     _("called back: the guest is not satisfied; "
			       "reopened") : _("called back; closed"));
}
