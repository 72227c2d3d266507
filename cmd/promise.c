/*
 * promise.c - fq promise: tell the guest by when they will have the
 * answer, and why not now; or move that promise later (promise.h).
 */
#include "clock.h"
#include "cmds.h"
#include "i18n.h"
#include "lifecycle.h"
#include "opts.h"
#include "out.h"
#include "outcase.h"
#include "promise.h"

const char usage_promise[] = "fq promise ID WHEN --note TEXT";

static const struct opt longopts[] = {
	{ "note", required_argument, 'n', "TEXT",
	  "why the answer cannot be given now (required)" },
	{ NULL, 0, 0, NULL, NULL },
};

int
cmd_promise(struct fq *fq, int argc, char **argv)
{
	const char *note = NULL;
	struct fq_case c;
	time_t when;
	int opt, rc;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (opt == 'n')
			note = optarg;
		else
			return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 2, 2, "ID WHEN")))
		return rc;
	if (!note)
		return fq_fail(fq, FQ_EUSAGE, "missing --note: say why the "
			       "guest cannot have the answer now");
	if ((rc = when_parse(fq, argv[optind + 1], "WHEN", &when)) ||
	    (rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_promise(fq, &c, when, note)))
		return rc;
	return out_case_step(fq, &c, arena_printf(fq->mem, _("promised for %s"),
						  time_short(fq, when)));
}
