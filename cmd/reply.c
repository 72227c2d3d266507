/*
 * reply.c - fq reply: the answer given to the guest.
 */
#include <string.h>

#include "answers.h"
#include "cmds.h"
#include "i18n.h"
#include "lifecycle.h"
#include "names.h"
#include "opts.h"
#include "outcase.h"

const char usage_reply[] =
	"fq reply ID ANSWER [--by phone|in-person|sms|other] [--force]";

static const struct opt longopts[] = {
	{ "by", required_argument, 'b', "phone|in-person|sms|other",
	  "how the answer reached the guest" },
	{ "force", no_argument, 'f', NULL,
	  "record an answer with a forbidden phrase" },
	{ NULL, 0, 0, NULL, NULL },
};

/* Checks --by. */
static int
check_by(struct fq *fq, const char *by)
{
	if (strcmp(by, "phone") && strcmp(by, "in-person") &&
	    strcmp(by, "sms") && strcmp(by, "other"))
		return fq_fail(fq, FQ_EDATA, "--by takes phone, in-person, sms "
			       "or other, not '%s'", by);
	return 0;
}

int
cmd_reply(struct fq *fq, int argc, char **argv)
{
	const char *by = NULL;
	struct fq_case c;
	int opt, rc, force = 0;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1) {
		switch (opt) {
		case 'b': by = optarg; break;
		case 'f': force = 1; break;
		default: return FQ_EUSAGE;
		}
	}
	if ((rc = opts_count(fq, argc, argv, 2, 2, "ID and ANSWER")) ||
	    (by && (rc = check_by(fq, by))) ||
	    (rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_reply(fq, &c, argv[optind + 1],
			     by ? by : reply_by_default(c.via), force)))
		return rc;
	if (!strcmp(c.status, "replied"))
		return out_case_step(fq, &c, arena_printf(fq->mem,
			_("replied · waiting for %s's callback"),
			staff_name(fq->pol, c.owner)));
	return out_case_step(fq, &c, _("replied and closed"));
}
