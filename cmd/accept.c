/*
 * accept.c - fq accept: a member of the holding department takes the
 * case (or its supervisor assigns it).
 */
#include "cmds.h"
#include "i18n.h"
#include "lifecycle.h"
#include "names.h"
#include "opts.h"
#include "outcase.h"

const char usage_accept[] = "fq accept ID [--handler PERSON]";

static const struct opt longopts[] = {
	{ "handler", required_argument, 'H', "PERSON",
	  "assign it to this member of the department" },
	{ NULL, 0, 0, NULL, NULL },
};

int
cmd_accept(struct fq *fq, int argc, char **argv)
{
	const char *handler = NULL;
	struct fq_case c;
	int opt, rc;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (opt == 'H')
			handler = optarg;
		else
			return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 1, 1, "ID")) ||
	    (rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_accept(fq, &c, handler)))
		return rc;
	return out_case_step(fq, &c, arena_printf(fq->mem,
		_("accepted by %s (%s)"), staff_name(fq->pol, c.handler),
		dept_name(fq->pol, c.department)));
}
