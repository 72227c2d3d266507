/*
 * policy.c - fq policy: check a policy file.
 */
#include <string.h>

#include "cmds.h"
#include "opts.h"
#include "policy.h"

const char usage_policy[] =
	"fq policy check [FILE]";

/* fq policy check [FILE]: loads it, printing every error or a summary. */
static int
check(struct fq *fq, int argc, char **argv)
{
	const char *path = fq->policy_path;
	struct policy *p;
	int rc;

	if ((rc = opts_count(fq, argc, argv, 0, 1, "")))
		return rc;
	if (optind < argc)
		path = argv[optind];
	if ((rc = policy_load(fq, path, &p)))
		return rc;
	if (!fq->quiet)
		printf("%s: ok: %s, %d departments, %d staff, %d categories, "
		       "%s\n", path, p->organization, p->ndepts, p->nstaff,
		       p->ncats, p->cal.always ? "open around the clock" :
		       "working hours and days");
	policy_free(p);
	return 0;
}

int
cmd_policy(struct fq *fq, int argc, char **argv)
{
	const char *sub;

	opts_reset();
	if (opts_next(fq, argc, argv, "", (const struct option[]){ { 0 } }) != -1)
		return FQ_EUSAGE;
	if (optind >= argc)
		return fq_fail(fq, FQ_EUSAGE, "missing what to do (check)");
	sub = argv[optind++];
	if (!strcmp(sub, "check"))
		return check(fq, argc, argv);
	return fq_fail(fq, FQ_EUSAGE, "unknown subcommand '%s'", sub);
}
