/*
 * route.h - routing: the text of a request -> a category -> the
 * department that handles it, by the policy's keyword rules.
 */
#ifndef FQ_ROUTE_H
#define FQ_ROUTE_H

#include "fq.h"
#include "policy.h"

/*
 * The category for a request: `category` (an id or display name) when
 * given, else the first category, in policy order, one of whose keywords
 * occurs in `text` or `details`, else the default category.  Sets *cat;
 * fails with FQ_EDATA for an unknown --category.  *keyword gets the
 * keyword that matched (NULL when none did).
 */
int route_request(struct fq *fq, const char *category, const char *text,
		  const char *details, int *cat, const char **keyword);

/* Departments and staff whose names or ids occur in text (for fq route). */
int route_department_named(const struct policy *p, const char *text);

#endif
