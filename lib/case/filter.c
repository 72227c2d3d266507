/*
 * filter.c - the case filters of fq list and fq export, from the command
 * line.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "filter.h"
#include "opts.h"
#include "policy.h"

static const struct option longopts[] = {
	{ "status", required_argument, NULL, 's' },
	{ "dept", required_argument, NULL, 'd' },
	{ "owner", required_argument, NULL, 'o' },
	{ "handler", required_argument, NULL, 'H' },
	{ "category", required_argument, NULL, 'c' },
	{ "guest", required_argument, NULL, 'g' },
	{ "room", required_argument, NULL, 'r' },
	{ "since", required_argument, NULL, 'S' },
	{ "until", required_argument, NULL, 'U' },
	{ "limit", required_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 },
};

/* Checks --status and the ids the filters name. */
static int
check_filter(struct fq *fq, const struct case_filter *f)
{
	static const char *const statuses[] = { "open", "replied", "closed",
						"declined", "all" };
	const struct policy *p = fq->pol;
	size_t i;

	if (f->status) {
		for (i = 0; i < 5 && strcmp(f->status, statuses[i]); i++)
			;
		if (i == 5)
			return fq_fail(fq, FQ_EUSAGE, "--status takes open, "
				       "replied, closed, declined or all, "
				       "not '%s'", f->status);
	}
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
	if (*s < '0' || *s > '9' || *end || *limit <= 0 || errno)
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
