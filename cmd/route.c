/*
 * route.c - fq route: where a request goes, and the numbers to call.
 */
#include <string.h>

#include "calendar.h"
#include "cmds.h"
#include "i18n.h"
#include "opts.h"
#include "out.h"
#include "policy.h"
#include "route.h"
#include "text.h"
#include "view.h"

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

/* A limit as the policy spells it ("3m"), or NULL when it has none. */
static const char *
spell(struct fq *fq, const struct dur *d)
{
	char buf[32];

	if (!d->set)
		return NULL;
	return arena_strdup(fq->mem, dur_spell(d, buf, sizeof(buf)));
}

/* "accept 1m · reply 3m · resolve 10m · callback". */
static const char *
limits(struct fq *fq, const struct category *cat)
{
	const char *accept = spell(fq, &cat->accept);
	const char *reply = spell(fq, &cat->reply);
	const char *resolve = spell(fq, &cat->resolve);
	const char *s;

	s = arena_printf(fq->mem, _("accept %s · reply %s · resolve %s"),
			 accept ? accept : "-", reply ? reply : "-",
			 resolve ? resolve : "-");
	if (cat->callback)
		s = arena_printf(fq->mem, _("%s · callback"), s);
	if (cat->major)
		s = arena_printf(fq->mem, _("%s · major"), s);
	return s;
}

/* A department named in the text, with its number and look-alikes. */
static void
named_line(struct view *v, const struct policy *p, int d)
{
	const struct dept *dp = &p->depts[d];
	int i;

	view_add(v, "%s  ext %s", dp->name, dp->phone ? dp->phone : "-");
	for (i = 0; i < p->ndepts; i++)
		if (i != d && one_digit_apart(dp->phone, p->depts[i].phone))
			view_add(v, "   (not %s: that is %s)",
				 p->depts[i].phone, p->depts[i].name);
	view_end(v);
}

/* The answer for people: the department named, category, where, limits. */
static int
print_route(struct fq *fq, const struct category *cat, const char *keyword,
	    int named)
{
	const struct dept *dp = &fq->pol->depts[cat->dept];
	struct view *v = view_new(fq);

	if (named >= 0)
		named_line(v, fq->pol, named);
	view_add(v, "category    %s (%s)", cat->name, cat->id);
	if (keyword)
		view_line(v, "   matched '%s'", keyword);
	else
		view_line(v, "   (the default: no keyword matched)");
	view_line(v, "department  %s (%s)   ext %s%s%s", dp->name, dp->id,
		  dp->phone ? dp->phone : "-", dp->email ? "   " : "",
		  dp->email ? dp->email : "");
	view_line(v, "limits      %s", limits(fq, cat));
	return view_print(v);
}

/* The answer as JSON. */
static struct val *
route_json(struct fq *fq, const struct category *cat, const char *keyword,
	   int named)
{
	const struct policy *p = fq->pol;
	const struct dept *dp = &p->depts[cat->dept];
	struct val *o = v_obj(fq->mem), *lim = v_obj(fq->mem);

	v_set_str(fq->mem, o, "category", cat->id);
	v_set_str(fq->mem, o, "keyword", keyword);
	v_set_str(fq->mem, o, "department", dp->id);
	v_set_str(fq->mem, o, "phone", dp->phone);
	v_set_str(fq->mem, lim, "accept", spell(fq, &cat->accept));
	v_set_str(fq->mem, lim, "reply", spell(fq, &cat->reply));
	v_set_str(fq->mem, lim, "resolve", spell(fq, &cat->resolve));
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
	static const struct opt none[] = { { NULL, 0, 0, NULL, NULL } };
	const struct policy *p = fq->pol;
	const struct category *cat;
	const char *text, *keyword;
	int rc, k, named;

	opts_reset();
	if (opts_next(fq, argc, argv, "", none) != -1)
		return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 1, 1, "TEXT")) ||
	    (rc = text_check(fq, "TEXT", argv[optind], MAX_DETAILS,
			     TEXT_REQUIRED)) ||
	    (rc = route_request(fq, NULL, argv[optind], NULL, &k, &keyword)))
		return rc;
	text = argv[optind];
	cat = &p->cats[k];
	named = route_department_named(p, text);
	if (fq->format == FMT_JSON || fq->format == FMT_JSONL)
		return out_json(fq, route_json(fq, cat, keyword, named));
	return print_route(fq, cat, keyword, named);
}
