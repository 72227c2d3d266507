/*
 * filter.c - the case filters of fq list and fq export, from the command
 * line.
 */
#include <errno.h>
#include <stdlib.h>

#include "clock.h"
#include "filter.h"
#include "opts.h"
#include "policy.h"

static const struct opt longopts[] = {
	{ "status", required_argument, 's', "open|replied|closed|declined|all",
	  "only cases in this state" },
	{ "dept", required_argument, 'd', "D",
	  "only cases this department holds now" },
	{ "owner", required_argument, 'o', "U",
	  "only cases this staff member owns" },
	{ "handler", required_argument, 'H', "U",
	  "only cases this staff member handles" },
	{ "category", required_argument, 'c', "C",
	  "only cases of this category" },
	{ "guest", required_argument, 'g', "G",
	  "only cases whose guest's name contains G" },
	{ "room", required_argument, 'r', "R",
	  "only cases of this room (exactly)" },
	{ "since", required_argument, 'S', "WHEN",
	  "only cases logged at or after WHEN" },
	{ "until", required_argument, 'U', "WHEN",
	  "only cases logged before WHEN" },
	{ "limit", required_argument, 'n', "N", "at most N cases" },
	{ NULL, 0, 0, NULL, NULL },
};

/* Checks the ids the filters name (opts_next() checked --status). */
static int
check_filter(struct fq *fq, const struct case_filter *f)
{
	const struct policy *p = fq->pol;

	if (f->owner && !policy_staff(p, f->owner))
		return fq_fail(fq, FQ_EDATA, "--owner: no staff '%s' in the "
			       "policy", f->owner);
	if (f->handler && !policy_staff(p, f->handler))
		return fq_fail(fq, FQ_EDATA, "--handler: no staff '%s' in the "
			       "policy", f->handler);
	if (f->department && policy_dept(p, f->department) < 0)
		return fq_fail(fq, FQ_EDATA, "no department '%s' in the policy",
			       f->department);
	if (f->category && policy_category(p, f->category) < 0)
		return fq_fail(fq, FQ_EDATA, "no category '%s' in the policy",
			       f->category);
	return 0;
}

/* Turns department and category names into ids, as stored. */
static void
resolve_names(struct fq *fq, struct case_filter *f)
{
	const struct policy *p = fq->pol;
	int i;

	if (f->department && (i = policy_dept_find(p, f->department)) >= 0)
		f->department = p->depts[i].id;
	if (f->category && (i = policy_category_find(p, f->category)) >= 0)
		f->category = p->cats[i].id;
}

/* Reads the value of --limit. */
static int
parse_limit(struct fq *fq, const char *s, long *limit)
{
	char *end;

	errno = 0;
	*limit = strtol(s, &end, 10);
	if (*end || *limit <= 0 || errno)
		return fq_fail(fq, FQ_EUSAGE, "--limit takes a positive "
			       "number, not '%s'", s);
	return 0;
}

int
filter_parse(struct fq *fq, int argc, char **argv, struct case_filter *f)
{
	int c, rc;

	opts_reset();
	while ((c = opts_next(fq, argc, argv, "", longopts)) != -1) {
		rc = 0;
		switch (c) {
		case 's': f->status = optarg; break;
		case 'd': f->department = optarg; break;
		case 'o': f->owner = optarg; break;
		case 'H': f->handler = optarg; break;
		case 'c': f->category = optarg; break;
		case 'g': f->guest = optarg; break;
		case 'r': f->room = optarg; break;
		case 'S':
			rc = when_parse(fq, optarg, "--since", &f->since);
			break;
		case 'U':
			rc = when_parse(fq, optarg, "--until", &f->until);
			break;
		case 'n': rc = parse_limit(fq, optarg, &f->limit); break;
		default: return FQ_EUSAGE;
		}
		if (rc)
			return rc;
	}
	if ((rc = opts_count(fq, argc, argv, 0, 0, "")))
		return rc;
	resolve_names(fq, f);
	return check_filter(fq, f);
}
