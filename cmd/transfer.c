/*
 * transfer.c - fq transfer: hand a case to another department; the
 * owner stays the owner.
 */
#include "cmds.h"
#include "i18n.h"
#include "lifecycle.h"
#include "names.h"
#include "opts.h"
#include "outcase.h"
#include "policy.h"

const char usage_transfer[] =
	"fq transfer ID [DEPT] [--to PERSON] [--note TEXT]";

static const struct opt longopts[] = {
	{ "to", required_argument, 't', "PERSON",
	  "the handler there, by staff id: no acceptance" },
	{ "note", required_argument, 'n', "TEXT",
	  "the hand-over note for the department" },
	{ NULL, 0, 0, NULL, NULL },
};

int
cmd_transfer(struct fq *fq, int argc, char **argv)
{
	const char *to = NULL, *note = NULL, *dept = NULL, *phone;
	struct fq_case c;
	int opt, rc, d;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1) {
		switch (opt) {
		case 't': to = optarg; break;
		case 'n': note = optarg; break;
		default: return FQ_EUSAGE;
		}
	}
	if ((rc = opts_count(fq, argc, argv, 1, 2, "ID")))
		return rc;
	if (argc - optind == 2)
		dept = argv[optind + 1];
	if ((rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_transfer(fq, &c, dept, to, note)))
		return rc;
	d = policy_dept(fq->pol, c.department);
	phone = d >= 0 ? fq->pol->depts[d].phone : NULL;
	return out_case_step(fq, &c, arena_printf(fq->mem,
		_("transferred → %s%s"), dept_name(fq->pol, c.department),
		phone ? arena_printf(fq->mem, _(" (ext %s)"), phone) : ""));
}
