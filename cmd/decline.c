/*
 * decline.c - fq decline: a refusal with its written reason (否定报备);
 * the case waits for a supervisor's fq sign.
 */
#include "cmds.h"
#include "i18n.h"
#include "lifecycle.h"
#include "opts.h"
#include "outcase.h"

const char usage_decline[] = "fq decline ID --reason TEXT";

static const struct opt longopts[] = {
	{ "reason", required_argument, 'r', "TEXT",
	  "why the request is refused (required)" },
	{ NULL, 0, 0, NULL, NULL },
};

int
cmd_decline(struct fq *fq, int argc, char **argv)
{
	const char *reason = NULL;
	struct fq_case c;
	int opt, rc;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (opt == 'r')
			reason = optarg;
		else
			return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 1, 1, "ID")))
		return rc;
	if (!reason)
		return fq_fail(fq, FQ_EUSAGE, "missing --reason: a refusal needs "
			       "its written reason");
	if ((rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_decline(fq, &c, reason)))
		return rc;
	return out_case_step(fq, &c, _("declined · waiting for a supervisor's "
				       "'fq sign'"));
}
