/*
 * route.c - fq route: where a request goes, and the numbers to call.
 */
#include <string.h>

#include "calendar.h"
#include "cmds.h"
#include "opts.h"
#include "out.h"
#include "policy.h"
#include "route.h"
#include "text.h"

const char usage_route[] = "fq route TEXT";

/* 1 when two phone numbers differ in exactly one digit. */
static int
one_digit_apart(const char *a, const char *b)
{
	int diff = 0;

	if (!a || !b || strlen(a) != strlen(b))
		return 0;
	for (; *a; a++, b++)
		diff += *a != *b;
	return diff == 1;
}

/* "accept 1m · reply 3m · resolve 10m · callback". */
static const char *
limits(struct fq *fq, const struct category *cat)
{
	char buf[3][32];
	const char *s;

	s = arena_printf(fq->mem, "accept %s · reply %s · resolve %s",
			 cat->accept.set ? dur_spell(&cat->accept, buf[0], 32) : "-",
			 cat->reply.set ? dur_spell(&cat->reply, buf[1], 32) : "-",
			 cat->resolve.set ? dur_spell(&cat->resolve, buf[2], 32) : "-");
	if (cat->callback)
		s = arena_printf(fq->mem, "%s · callback", s);
	if (cat->major)
		s = arena_printf(fq->mem, "%s · major", s);
	return s;
}

/* A department named in the text, with its number and look-alikes. */
static void
print_named(struct fq *fq, int d)
{
	const struct policy *p = fq->pol;
	const struct dept *dp = &p->depts[d];
	int i;

	printf("%s  ext %s", dp->name, dp->phone ? dp->phone : "-");
	for (i = 0; i < p->ndepts; i++)
		if (i != d && one_digit_apart(dp->phone, p->depts[i].phone))
			printf("   (not %s: that is %s)", p->depts[i].phone,
			       p->depts[i].name);
	printf("\n");
}

/* The answer as JSON. */
static struct val *
route_json(struct fq *fq, const struct category *cat, const char *keyword,
	   int named)
{
	const struct policy *p = fq->pol;
	const struct dept *dp = &p->depts[cat->dept];
	struct val *o = v_obj(fq->mem), *lim = v_obj(fq->mem);
	char buf[3][32];

	v_set_str(fq->mem, o, "category", cat->id);
	v_set_str(fq->mem, o, "keyword", keyword);
	v_set_str(fq->mem, o, "department", dp->id);
	v_set_str(fq->mem, o, "phone", dp->phone);
	v_set_str(fq->mem, lim, "accept", cat->accept.set ? arena_strdup(fq->mem, dur_spell(&cat->accept, buf[0], 32)) : NULL);
	v_set_str(fq->mem, lim, "reply", cat->reply.set ? arena_strdup(fq->mem, dur_spell(&cat->reply, buf[1], 32)) : NULL);
	v_set_str(fq->mem, lim, "resolve", cat->resolve.set ? arena_strdup(fq->mem, dur_spell(&cat->resolve, buf[2], 32)) : NULL);
	v_set(fq->mem, o, "limits", lim);
	v_set(fq->mem, o, "callback", v_bool(fq->mem, cat->callback));
	v_set(fq->mem, o, "major", v_bool(fq->mem, cat->major));
	v_set_str(fq->mem, o, "named_department",
		  named >= 0 ? p->depts[named].id : NULL);
	return o;
}

int
cmd_route(struct fq *fq, int argc, char **argv)
{
	const struct policy *p = fq->pol;
	const struct category *cat;
	const struct dept *dp;
	const char *text, *keyword;
	int rc, k, named;

	opts_reset();
	if (opts_next(fq, argc, argv, "", (const struct option[]){ { 0 } }) != -1)
		return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 1, 1, "TEXT")) ||
	    (rc = text_check(fq, "TEXT", argv[optind], MAX_DETAILS,
			     TEXT_REQUIRED)) ||
	    (rc = route_request(fq, NULL, argv[optind], NULL, &k, &keyword)))
		return rc;
	text = argv[optind];
	cat = &p->cats[k];
	dp = &p->depts[cat->dept];
	named = route_department_named(p, text);
	if (fq->format == FMT_JSON || fq->format == FMT_JSONL)
		return out_json(fq, route_json(fq, cat, keyword, named));
	if (named >= 0)
		print_named(fq, named);
	printf("category    %s (%s)", cat->name, cat->id);
	if (keyword)
		printf("   matched '%s'", keyword);
	else
		printf("   (the default: no keyword matched)");
	printf("\ndepartment  %s (%s)   ext %s%s%s\n", dp->name, dp->id,
	       dp->phone ? dp->phone : "-", dp->email ? "   " : "",
	       dp->email ? dp->email : "");
	printf("limits      %s\n", limits(fq, cat));
	return 0;
}
