/*
 * ladder.c - the escalation ladder: levels at a percentage of a case's
 * limit, each with who is notified and how often it fires again.
 *
 * Decisions:
 *  - Levels must climb (80%, then 100%, ...).
 *  - `notify` role words win over a staff member with the same login.
 */
#include <stdlib.h>
#include <string.h>

#include "policy-private.h"

static const char *const notify_roles[] = {
	"holder", "owner", "supervisor", "managers"
};

/* Parses "80%": 1 to 1000; -1 when it is not a percentage. */
static int
pct_parse(const char *s)
{
	size_t n = strspn(s, "0123456789");
	int v;

	if (n == 0 || n > 4 || s[n] != '%' || s[n + 1] != '\0')
		return -1;
	v = atoi(s);
	return v >= 1 && v <= 1000 ? v : -1;
}

/* A level's `at`, which must climb above the level before's. */
static void
level_at(struct ld *l, yaml_node_t *m, const struct field *f,
	 const char *path, struct level *lv, int prev)
{
	yaml_node_t *n = pol_need(l, m, f, path);
	const char *s;

	if (!n || !(s = pol_text(l, n, pol_sub(l, path, "at"))))
		return;
	if ((lv->pct = pct_parse(s)) < 0)
		pol_err(l, n, "malformed percentage '%s' in %s (use 1%% to "
			"1000%% of the limit, such as 80%%)", s,
			pol_sub(l, path, "at"));
	else if (prev > 0 && lv->pct <= prev)
		pol_err(l, n, "level at %s in %s does not climb above the one "
			"before (%d%%); list levels from the lowest", s, path,
			prev);
}

/* 1 when s is a notify role word. */
static int
is_role_word(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(notify_roles) / sizeof(*notify_roles); i++)
		if (!strcmp(s, notify_roles[i]))
			return 1;
	return 0;
}

/* A level's `notify`: role words or staff ids. */
static void
level_notify(struct ld *l, yaml_node_t *m, const struct field *f,
	     const char *path, struct level *lv)
{
	yaml_node_t *n = pol_need(l, m, f, path);
	yaml_node_item_t *it;
	yaml_node_t *item;
	const char *npath = pol_sub(l, path, "notify");
	const char *s;

	if (!n || !pol_expect(l, n, YAML_SEQUENCE_NODE, npath))
		return;
	if (!count(n))
		pol_err(l, n, "empty list for %s (name who to notify)", npath);
	lv->notify = arena_alloc(l->a, sizeof(char *) * (size_t)count(n));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		item = nodeat(l, *it);
		if (!(s = pol_text(l, item, npath)))
			continue;
		if (!is_role_word(s) && pol_index_find(&l->staff_ids, s) < 0)
			pol_err(l, item, "unknown recipient '%s' in %s (use "
				"holder, owner, supervisor, managers or a "
				"staff id)", s, npath);
		else
			lv->notify[lv->nnotify++] = arena_strdup(l->a, s);
	}
}

/* `escalation`: the ladder, a list of {at, notify, repeat}. */
void
pol_escalation(struct ld *l, const struct field *top)
{
	struct field f[3];
	yaml_node_t *n = opt(top), *item;
	yaml_node_item_t *it;
	struct level *lv;
	const char *path;
	int prev = 0;

	if (!n || !pol_expect(l, n, YAML_SEQUENCE_NODE, "escalation"))
		return;
	l->p->levels = arena_alloc(l->a, sizeof(*lv) * (size_t)count(n));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		lv = &l->p->levels[l->p->nlevels++];
		path = arena_printf(l->a, "escalation level %d", l->p->nlevels);
		item = nodeat(l, *it);
		if (!pol_expect(l, item, YAML_MAPPING_NODE, path))
			continue;
		f[0] = (struct field){ "at", NULL };
		f[1] = (struct field){ "notify", NULL };
		f[2] = (struct field){ "repeat", NULL };
		pol_fields(l, item, path, f, 3);
		level_at(l, item, &f[0], path, lv, prev);
		if (lv->pct > 0)
			prev = lv->pct;
		level_notify(l, item, &f[1], path, lv);
		pol_limit(l, &f[2], path, &lv->repeat);
	}
}
