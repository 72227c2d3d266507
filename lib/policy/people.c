/*
 * people.c - who works under the policy: departments (name, phone,
 * e-mail) and staff (name, department, role, e-mail), and the lookups of
 * both by id or name.
 *
 * Decisions:
 *  - Display names are any one line of text, and two departments may not
 *    share one: `--dept NAME` must mean one thing.  A repeat is reported
 *    once, against the first department with that name.
 *  - A role is staff (the default), supervisor or manager.
 *  - `may_act_for` lists whom a member may act for (--as in an installed
 *    fq): logins, or department ids for every member of one.  A word
 *    that is both is the login.  It is checked once every login is in.
 *  - `language` is the language of the mail fq sends the member (fq
 *    overdue --mail), a gettext name checked as the site's `language` is.
 */
#include <string.h>

#include "i18n.h"
#include "policy-private.h"

/* The ids of the departments, for a hint (made once they are all in). */
static const char *
known_depts(struct ld *l)
{
	const char *s = "none";
	int i;

	if (l->depts_hint)
		return l->depts_hint;
	for (i = 0; i < l->p->ndepts; i++)
		s = pol_hint_add(l, s, i, l->p->depts[i].id);
	return l->depts_hint = s;
}

/*
 * A reference to a department (required key `department` of mapping m);
 * its index, or -1 after an error.
 */
int
pol_deptref(struct ld *l, yaml_node_t *m, const struct field *f,
	    const char *path)
{
	yaml_node_t *n = pol_need(l, m, f, path);
	const char *s;
	int i;

	if (!n || !(s = pol_text(l, n, pol_sub(l, path, f->key))))
		return -1;
	if ((i = pol_index_find(&l->dept_ids, s)) < 0)
		pol_err(l, n, "no department '%s' for %s (known: %s)", s,
			pol_sub(l, path, f->key), known_depts(l));
	return i;
}

/* One department: {name, phone, email}. */
static void
dept_entry(struct ld *l, const char *id, yaml_node_t *k, yaml_node_t *v,
	   const char *path)
{
	struct policy *p = l->p;
	struct dept *d = &p->depts[p->ndepts];
	struct field f[] = {
		{ "name", NULL }, { "phone", NULL }, { "email", NULL },
	};

	p->ndepts++;
	d->id = arena_strdup(l->a, id);
	if (!pol_expect(l, v, YAML_MAPPING_NODE, path))
		return;
	pol_fields(l, v, path, f, NFIELDS(f));
	d->name = pol_reqline(l, v, &f[0], path);
	d->phone = pol_optline(l, &f[1], path);
	d->email = pol_optmail(l, &f[2], path);
	l->name_at[p->ndepts - 1] = f[0].v;
}

/*
 * Records each department that has the name of an earlier one, naming
 * the first department with that name.
 */
static void
dept_names(struct ld *l, const char **s)
{
	const struct dept *v = l->p->depts;
	const int *first;
	int i;

	for (i = 0; i < l->p->ndepts; i++)
		s[i] = v[i].name;
	first = pol_first_same(l, s, l->p->ndepts);
	for (i = 0; i < l->p->ndepts; i++)
		if (first[i] >= 0)
			pol_err(l, l->name_at[i], "department name '%s' is "
				"also the name of departments.%s (names must "
				"differ)", v[i].name, v[first[i]].id);
}

/*
 * `departments`: the required mapping of department ids, whose names
 * must differ; indexes the ids for the sections after it.
 */
void
pol_departments(struct ld *l, yaml_node_t *root, const struct field *f)
{
	struct policy *p = l->p;
	yaml_node_t *n = pol_need(l, root, f, "");
	const char **s;
	int i;

	if (n) {
		p->depts = arena_alloc(l->a, room(n, sizeof(*p->depts)));
		l->name_at = arena_alloc(l->a, room(n, sizeof(*l->name_at)));
		pol_section(l, n, "departments", "department", dept_entry);
	}
	s = arena_alloc(l->a, sizeof(*s) * (size_t)(p->ndepts + 1));
	dept_names(l, s);
	for (i = 0; i < p->ndepts; i++)
		s[i] = p->depts[i].id;
	pol_index(l, &l->dept_ids, s, p->ndepts);
}

/* A staff member's role: staff (the default), supervisor or manager. */
static enum role
role(struct ld *l, const struct field *f, const char *path)
{
	yaml_node_t *n = opt(f);
	const char *s;

	if (!n || !(s = pol_text(l, n, pol_sub(l, path, f->key))))
		return ROLE_STAFF;
	if (!strcmp(s, "supervisor"))
		return ROLE_SUPERVISOR;
	if (!strcmp(s, "manager"))
		return ROLE_MANAGER;
	if (strcmp(s, "staff"))
		pol_err(l, n, "unknown role '%s' in %s (use staff, supervisor "
			"or manager)", s, pol_sub(l, path, f->key));
	return ROLE_STAFF;
}

/* A staff member's `language`: NULL when absent or after an error. */
static const char *
staff_language(struct ld *l, const struct field *f, const char *path)
{
	const char *s = pol_optline(l, f, path);

	if (s && !i18n_valid_language(s)) {
		pol_err(l, f->v, "malformed language '%s' in %s (use a gettext "
			"language such as zh_CN or en)", s,
			pol_sub(l, path, f->key));
		return NULL;
	}
	return s;
}

/*
 * One staff member: {name, department, role, email, may_act_for,
 * language}.
 */
static void
staff_entry(struct ld *l, const char *id, yaml_node_t *k, yaml_node_t *v,
	    const char *path)
{
	struct staff *s = &l->p->staff[l->p->nstaff++];
	struct field f[] = {
		{ "name", NULL }, { "department", NULL }, { "role", NULL },
		{ "email", NULL }, { "may_act_for", NULL },
		{ "language", NULL },
	};

	l->name_at[l->p->nstaff - 1] = NULL;
	s->id = arena_strdup(l->a, id);
	s->dept = -1;
	if (!pol_expect(l, v, YAML_MAPPING_NODE, path))
		return;
	pol_fields(l, v, path, f, NFIELDS(f));
	s->name = pol_reqline(l, v, &f[0], path);
	s->dept = pol_deptref(l, v, &f[1], path);
	s->role = role(l, &f[2], path);
	s->email = pol_optmail(l, &f[3], path);
	s->language = staff_language(l, &f[5], path);
	l->name_at[l->p->nstaff - 1] = opt(&f[4]);
}

/* One staff member's `may_act_for`: logins and department ids. */
static void
act_for(struct ld *l, struct staff *s, yaml_node_t *n)
{
	const char *path = arena_printf(l->a, "staff.%s.may_act_for", s->id);
	yaml_node_item_t *it;
	yaml_node_t *item;
	const char *v;

	if (!n || !pol_expect(l, n, YAML_SEQUENCE_NODE, path))
		return;
	s->act_for = arena_alloc(l->a, sizeof(char *) * (size_t)count(n));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		item = nodeat(l, *it);
		if (!(v = pol_text(l, item, path)))
			continue;
		if (pol_index_find(&l->staff_ids, v) < 0 &&
		    pol_index_find(&l->dept_ids, v) < 0)
			pol_err(l, item, "no staff member or department '%s' "
				"in %s (name logins or department ids)", v,
				path);
		else
			s->act_for[s->nact_for++] = arena_strdup(l->a, v);
	}
}

/* `staff`: the required mapping of logins; indexes them for `notify`. */
void
pol_staff(struct ld *l, yaml_node_t *root, const struct field *f)
{
	struct policy *p = l->p;
	yaml_node_t *n = pol_need(l, root, f, "");
	const char **s;
	int i;

	if (n) {
		p->staff = arena_alloc(l->a, room(n, sizeof(*p->staff)));
		l->name_at = arena_alloc(l->a, room(n, sizeof(*l->name_at)));
		pol_section(l, n, "staff", "staff member", staff_entry);
	}
	s = arena_alloc(l->a, sizeof(*s) * (size_t)(p->nstaff + 1));
	for (i = 0; i < p->nstaff; i++)
		s[i] = p->staff[i].id;
	pol_index(l, &l->staff_ids, s, p->nstaff);
	for (i = 0; n && i < p->nstaff; i++)
		act_for(l, &p->staff[i], l->name_at[i]);
}

/* ---- lookups ---- */

/* The index of the department with this id; -1 when there is none. */
int
policy_dept(const struct policy *p, const char *id)
{
	int i;

	for (i = 0; id && i < p->ndepts; i++)
		if (!strcmp(p->depts[i].id, id))
			return i;
	return -1;
}

/* The staff member with this login; NULL when there is none. */
const struct staff *
policy_staff(const struct policy *p, const char *id)
{
	int i;

	for (i = 0; id && i < p->nstaff; i++)
		if (!strcmp(p->staff[i].id, id))
			return &p->staff[i];
	return NULL;
}

/* The index of the department with this id, or else this name; or -1. */
int
policy_dept_find(const struct policy *p, const char *id_or_name)
{
	int i = policy_dept(p, id_or_name);

	if (i >= 0)
		return i;
	for (i = 0; id_or_name && i < p->ndepts; i++)
		if (p->depts[i].name && !strcmp(p->depts[i].name, id_or_name))
			return i;
	return -1;
}
