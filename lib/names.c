/*
 * names.c - display names for stored ids.
 */
#include "i18n.h"
#include "names.h"

const char *
staff_name(const struct policy *p, const char *id)
{
	const struct staff *s = id ? policy_staff(p, id) : NULL;

	return s ? s->name : id;
}

const char *
dept_name(const struct policy *p, const char *id)
{
	int i = id ? policy_dept(p, id) : -1;

	return i >= 0 ? p->depts[i].name : id;
}

const char *
category_name(const struct policy *p, const char *id)
{
	int i = id ? policy_category(p, id) : -1;

	return i >= 0 ? p->cats[i].name : id;
}

const char *
staff_dept(const struct policy *p, const char *id)
{
	const struct staff *s = id ? policy_staff(p, id) : NULL;

	return s ? p->depts[s->dept].id : NULL;
}

const char *
holder_name(struct arena *a, const struct policy *p, const char *dept,
	    const char *handler)
{
	if (!handler)
		return arena_printf(a, _("%s (unaccepted)"),
				    dept_name(p, dept));
	return arena_printf(a, "%s · %s", dept_name(p, dept),
			    staff_name(p, handler));
}
