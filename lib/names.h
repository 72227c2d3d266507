/*
 * names.h - display names for the ids a case stores (staff, departments,
 * categories), falling back to the id when the policy no longer has it.
 */
#ifndef FQ_NAMES_H
#define FQ_NAMES_H

#include "policy.h"

const char *staff_name(const struct policy *p, const char *id);
const char *dept_name(const struct policy *p, const char *id);
const char *category_name(const struct policy *p, const char *id);
/* The department id of a staff member, or NULL. */
const char *staff_dept(const struct policy *p, const char *id);
/* "安保部 · 王强", or "安保部 (unaccepted)" when nobody has accepted. */
const char *holder_name(struct arena *a, const struct policy *p,
			const char *dept, const char *handler);

#endif
