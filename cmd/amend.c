/*
 * amend.c - fq amend: correct what was mistyped at intake; the record
 * keeps the old and the new values.
 */
#include "cmds.h"
#include "i18n.h"
#include "lifecycle.h"
#include "opts.h"
#include "outcase.h"

const char usage_amend[] =
	"fq amend ID [--summary T] [--details T] [--guest N] [--room R]\n"
	"                [--phone P] [--via V] --note WHY";

static const struct opt longopts[] = {
	{ "summary", required_argument, 's', "T",
	  "the request in a line, corrected" },
	{ "details", required_argument, 'd', "T",
	  "the longer story, corrected" },
	{ "guest", required_argument, 'g', "N", "the guest's name, corrected" },
	{ "room", required_argument, 'r', "R",
	  "the guest's room or unit, corrected" },
	{ "phone", required_argument, 'p', "P",
	  "the guest's phone, corrected" },
	{ "via", required_argument, 'v', "desk|phone|online|letter|other",
	  "how the request came, corrected" },
	{ "note", required_argument, 'n', "WHY",
	  "why the record is corrected (required)" },
	{ NULL, 0, 0, NULL, NULL },
};

int
cmd_amend(struct fq *fq, int argc, char **argv)
{
	struct amendment a = { 0 };
	const char *note = NULL;
	struct fq_case c;
	int opt, rc;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1) {
		switch (opt) {
		case 's': a.summary = optarg; break;
		case 'd': a.details = optarg; break;
		case 'g': a.guest = optarg; break;
		case 'r': a.room = optarg; break;
		case 'p': a.phone = optarg; break;
		case 'v': a.via = optarg; break;
		case 'n': note = optarg; break;
		default: return FQ_EUSAGE;
		}
	}
	if ((rc = opts_count(fq, argc, argv, 1, 1, "ID")))
		return rc;
	if (!note)
		return fq_fail(fq, FQ_EUSAGE, "missing --note: say why the "
			       "record is corrected");
	if ((rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_amend(fq, &c, &a, note)))
		return rc;
	return out_case_step(fq, &c, _("amended (the old values are kept in "
				       "the record)"));
}
