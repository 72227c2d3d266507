/*
 * categories.c - what a case can be about: categories (name, department,
 * routing keywords, limits, flags), the `defaults` limits they fall back
 * on, the default category, and the phrases a reply may not contain.
 *
 * Decisions:
 *  - Two categories may not share a display name (a repeat is reported
 *    once, against the first).
 *  - A category without a limit takes the one of `defaults`.
 */
#include <string.h>

#include "policy-private.h"

/* The ids of the categories, for a hint. */
static const char *
known_cats(struct ld *l)
{
	const char *s = "none";
	int i;

	for (i = 0; i < l->p->ncats; i++)
		s = pol_hint_add(l, s, i, l->p->cats[i].id);
	return s;
}

/* A list of lines of text (keywords, phrases); *n gets their number. */
static const char **
lines(struct ld *l, yaml_node_t *n, const char *path, int *nout)
{
	yaml_node_item_t *it;
	const char **v;
	const char *s;

	*nout = 0;
	if (!pol_expect(l, n, YAML_SEQUENCE_NODE, path))
		return NULL;
	v = arena_alloc(l->a, sizeof(*v) * (size_t)(count(n) + 1));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++)
		if ((s = pol_line(l, nodeat(l, *it), path)))
			v[(*nout)++] = s;
	return v;
}

/* A category's limit, or the default one when it sets none. */
static void
cat_limit(struct ld *l, const struct field *f, const char *path,
	  struct dur *d, const struct dur *def)
{
	pol_limit(l, f, path, d);
	if (!d->set)
		*d = *def;
}

/* One category: name, department, keywords, limits and flags. */
static void
cat_entry(struct ld *l, const char *id, yaml_node_t *k, yaml_node_t *v,
	  const char *path)
{
	struct policy *p = l->p;
	struct category *c = &p->cats[p->ncats];
	struct field f[] = {
		{ "name", NULL }, { "department", NULL }, { "keywords", NULL },
		{ "accept_within", NULL }, { "reply_within", NULL },
		{ "resolve_within", NULL }, { "callback", NULL },
		{ "major", NULL },
	};

	p->ncats++;
	c->id = arena_strdup(l->a, id);
	c->dept = -1;
	if (!pol_expect(l, v, YAML_MAPPING_NODE, path))
		return;
	pol_fields(l, v, path, f, NFIELDS(f));
	c->name = pol_reqline(l, v, &f[0], path);
	c->dept = pol_deptref(l, v, &f[1], path);
	if (opt(&f[2]))
		c->keywords = lines(l, f[2].v, pol_sub(l, path, "keywords"),
				    &c->nkeywords);
	cat_limit(l, &f[3], path, &c->accept, &p->def_accept);
	cat_limit(l, &f[4], path, &c->reply, &p->def_reply);
	cat_limit(l, &f[5], path, &c->resolve, &p->def_resolve);
	c->callback = pol_flag(l, &f[6], path);
	c->major = pol_flag(l, &f[7], path);
	l->name_at[p->ncats - 1] = f[0].v;
}

/*
 * Records each category that has the name of an earlier one, naming the
 * first category with that name.
 */
static void
cat_names(struct ld *l)
{
	const struct category *v = l->p->cats;
	const char **s;
	const int *first;
	int i, n = l->p->ncats;

	s = arena_alloc(l->a, sizeof(*s) * (size_t)(n + 1));
	for (i = 0; i < n; i++)
		s[i] = v[i].name;
	first = pol_first_same(l, s, n);
	for (i = 0; i < n; i++)
		if (first[i] >= 0)
			pol_err(l, l->name_at[i], "category name '%s' is also "
				"the name of categories.%s (names must differ)",
				v[i].name, v[first[i]].id);
}

/* `defaults`: the limits of categories that set none. */
void
pol_defaults(struct ld *l, const struct field *top)
{
	struct field f[] = {
		{ "accept_within", NULL }, { "reply_within", NULL },
		{ "resolve_within", NULL },
	};
	yaml_node_t *n = opt(top);

	if (!n || !pol_expect(l, n, YAML_MAPPING_NODE, "defaults"))
		return;
	pol_fields(l, n, "defaults", f, NFIELDS(f));
	pol_limit(l, &f[0], "defaults", &l->p->def_accept);
	pol_limit(l, &f[1], "defaults", &l->p->def_reply);
	pol_limit(l, &f[2], "defaults", &l->p->def_resolve);
}

/* `categories`: the required mapping of category ids, names differing. */
void
pol_categories(struct ld *l, yaml_node_t *root, const struct field *f)
{
	yaml_node_t *n = pol_need(l, root, f, "");

	if (!n)
		return;
	l->p->cats = arena_alloc(l->a, room(n, sizeof(*l->p->cats)));
	l->name_at = arena_alloc(l->a, room(n, sizeof(*l->name_at)));
	pol_section(l, n, "categories", "category", cat_entry);
	cat_names(l);
}

/* `default_category`: the id of a category. */
void
pol_default_category(struct ld *l, yaml_node_t *root, const struct field *f)
{
	yaml_node_t *n = pol_need(l, root, f, "");
	const char *s;

	l->p->default_cat = -1;
	if (!n || !(s = pol_text(l, n, "default_category")))
		return;
	if ((l->p->default_cat = policy_category(l->p, s)) < 0)
		pol_err(l, n, "no category '%s' for default_category "
			"(known: %s)", s, known_cats(l));
}

/* `forbidden_phrases`: a list of phrases a reply may not contain. */
void
pol_forbidden(struct ld *l, const struct field *f)
{
	yaml_node_t *n = opt(f);

	if (n)
		l->p->forbidden = lines(l, n, "forbidden_phrases",
					&l->p->nforbidden);
}

/* ---- lookups ---- */

/* The index of the category with this id; -1 when there is none. */
int
policy_category(const struct policy *p, const char *id)
{
	int i;

	for (i = 0; id && i < p->ncats; i++)
		if (!strcmp(p->cats[i].id, id))
			return i;
	return -1;
}

/* The index of the category with this id, or else this name; or -1. */
int
policy_category_find(const struct policy *p, const char *id_or_name)
{
	int i = policy_category(p, id_or_name);

	if (i >= 0)
		return i;
	for (i = 0; id_or_name && i < p->ncats; i++)
		if (p->cats[i].name && !strcmp(p->cats[i].name, id_or_name))
			return i;
	return -1;
}
