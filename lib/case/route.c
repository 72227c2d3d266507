/*
 * route.c - routing a request to a category and its department.
 */
#include <string.h>

#include "fold.h"
#include "route.h"
#include "text.h"

/*
 * The first category with a keyword in text or details; -1 if none.
 * Text and keywords are compared folded (fold.h): WIFI = wifi = ＷＩＦＩ.
 */
static int
by_keyword(struct fq *fq, const char *text, const char *details,
	   const char **keyword)
{
	const struct policy *p = fq->pol;
	const char *t = text_fold(fq->mem, text);
	const char *d = text_fold(fq->mem, details), *w;
	int i, k;

	for (i = 0; i < p->ncats; i++)
		for (k = 0; k < p->cats[i].nkeywords; k++) {
			w = text_fold(fq->mem, p->cats[i].keywords[k]);
			if (text_has(t, w) || text_has(d, w)) {
				*keyword = p->cats[i].keywords[k];
				return i;
			}
		}
	return -1;
}

int
route_request(struct fq *fq, const char *category, const char *text,
	      const char *details, int *cat, const char **keyword)
{
	const struct policy *p = fq->pol;

	*keyword = NULL;
	if (category) {
		if ((*cat = policy_category_find(p, category)) < 0)
			return fq_fail(fq, FQ_EDATA, "no category '%s' in the "
				       "policy (see 'fq policy show')",
				       category);
		return 0;
	}
	*cat = by_keyword(fq, text, details, keyword);
	if (*cat < 0)
		*cat = p->default_cat;
	return 0;
}

int
route_department_named(const struct policy *p, const char *text)
{
	int i;

	for (i = 0; i < p->ndepts; i++)
		if (text_has(text, p->depts[i].name) ||
		    !strcmp(text, p->depts[i].id))
			return i;
	return -1;
}
