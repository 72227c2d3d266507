/*
 * escalate.c - fq escalate: send a case up by hand (重大事项上报).
 */
#include "cmds.h"
#include "i18n.h"
#include "lifecycle.h"
#include "names.h"
#include "opts.h"
#include "outcase.h"
#include "roles.h"

const char usage_escalate[] = "fq escalate ID [--to PERSON] NOTE";

static const struct opt longopts[] = {
	{ "to", required_argument, 't', "PERSON",
	  "send it to this staff member, not the supervisors" },
	{ NULL, 0, 0, NULL, NULL },
};

/* "张伟, 周敏": who it went to. */
static const char *
recipients(struct fq *fq, const struct fq_case *c, const char *to)
{
	const struct staff **s;
	const char *list = NULL;

	if (to)
		return staff_name(fq->pol, to);
	for (s = supervisors_of(fq, c->department); *s; s++)
		list = list ? arena_printf(fq->mem, "%s, %s", list, (*s)->name)
			    : (*s)->name;
	return list ? list : _("nobody (the policy has no supervisor or "
			       "manager)");
}

int
cmd_escalate(struct fq *fq, int argc, char **argv)
{
	const char *to = NULL;
	struct fq_case c;
	int opt, rc;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (opt == 't')
			to = optarg;
		else
			return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 2, 2, "ID and NOTE")) ||
	    (rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_escalate(fq, &c, to, argv[optind + 1])))
		return rc;
	return out_case_step(fq, &c, arena_printf(fq->mem, _("escalated to %s"),
						  recipients(fq, &c, to)));
}
