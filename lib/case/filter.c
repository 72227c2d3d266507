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
	if (*s < '0' || *s > '9' || *end || *limit <= 0 || errno)
		return fq_fail(fq, FQ_EUSAGE, "--limit takes a positive "
			       "number, not '%s'", s);
	return 0;
}

/* The filter options and the extra ones, as one table (from the arena). */
static const struct opt *
all_options(struct fq *fq, const struct filter_extra *x)
{
	struct opt *all;
	size_t n = 0, m = sizeof(longopts) / sizeof(longopts[0]);

	if (!x || !x->options)
		return longopts;
	while (x->options[n].name)
		n++;
	all = arena_alloc(fq->mem, sizeof(*all) * (n + m));
	memcpy(all, x->options, sizeof(*all) * n);
	memcpy(all + n, longopts, sizeof(*all) * m);
	return all;
}

/* Reads one filter option into f. */
static int
take_filter(struct fq *fq, int c, struct case_filter *f)
{
	switch (c) {
	case 's': f->status = optarg; break;
	case 'd': f->department = optarg; break;
	case 'o': f->owner = optarg; break;
	case 'H': f->handler = optarg; break;
	case 'c': f->category = optarg; break;
	case 'g': f->guest = optarg; break;
	case 'r': f->room = optarg; break;
	case 'S': return when_parse(fq, optarg, "--since", &f->since);
	case 'U': return when_parse(fq, optarg, "--until", &f->until);
	case 'n': return parse_limit(fq, optarg, &f->limit);
	default: return FQ_EUSAGE;
	}
	return 0;
}

int
filter_parse_extra(struct fq *fq, int argc, char **argv,
		   struct case_filter *f, const struct filter_extra *x)
{
	const struct opt *opts = all_options(fq, x);
	int c, rc;

	opts_reset();
	while ((c = opts_next(fq, argc, argv, "", opts)) != -1) {
		if (c >= 256 && x && x->take)
			rc = x->take(fq, c, optarg, x->arg);
		else
			rc = take_filter(fq, c, f);
		if (rc)
			return rc;
	}
	if ((rc = x ? opts_count(fq, argc, argv, x->min_args, x->max_args,
				 x->args_what ? x->args_what : "") :
		  opts_count(fq, argc, argv, 0, 0, "")))
		return rc;
	resolve_names(fq, f);
	return check_filter(fq, f);
}

int
filter_parse(struct fq *fq, int argc, char **argv, struct case_filter *f)
{
	return filter_parse_extra(fq, argc, argv, f, NULL);
}
