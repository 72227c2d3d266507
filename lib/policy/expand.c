/*
 * expand.c - the size of the policy as the loader will read it.
 *
 * An alias ('*k') stands for the whole node its anchor ('&k') names, and
 * the loader reads that node again at every alias: 15,000 categories with
 * `keywords: *k`, k a list of 20,000 words, fit in 1 MiB and had the
 * loader copy 300 million keywords (35 s, 12 GB).  So once libyaml has
 * built the document, and before the walk, this file sums what the walk
 * can read, aliases expanded, down to the depth the walk goes: a byte a
 * character of every scalar, one for every other node.  A policy that
 * comes to more than POLICY_MAX_READ is refused.  Without aliases a
 * policy of 1 MiB comes to less than 3 MiB, so only aliases trip it.
 */
#include "policy-private.h"

/*
 * How far below the top level the walk reads: categories.ID.keywords[i]
 * (and calendar.hours.DAY[i], escalation[i].notify[i]).
 */
#define WALK_DEPTH	4

#define LIMIT		((size_t)POLICY_MAX_READ)

/* What reading node n costs by itself. */
static size_t
weight(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE ? 1 + n->data.scalar.length : 1;
}

/* a + b, held at LIMIT + 1 so that it cannot overflow. */
static size_t
add(size_t a, size_t b)
{
	return a + b > LIMIT ? LIMIT + 1 : a + b;
}

/*
 * One level deeper: for each of the nn nodes, its weight and the costs
 * in `below` of its children, into `cost` (indexed by node, from 1).
 */
static void
deeper(struct ld *l, const size_t *below, size_t *cost, int nn)
{
	yaml_node_pair_t *pr;
	yaml_node_item_t *it;
	yaml_node_t *n;
	size_t s;
	int i;

	for (i = 1; i <= nn; i++) {
		n = nodeat(l, i);
		s = weight(n);
		if (n->type == YAML_MAPPING_NODE)
			for (pr = n->data.mapping.pairs.start;
			     pr < n->data.mapping.pairs.top; pr++)
				s = add(add(s, below[pr->key]),
					below[pr->value]);
		else if (n->type == YAML_SEQUENCE_NODE)
			for (it = n->data.sequence.items.start;
			     it < n->data.sequence.items.top; it++)
				s = add(s, below[*it]);
		cost[i] = s;
	}
}

/*
 * Refuses a policy whose aliases make the walk read more than
 * POLICY_MAX_READ, at the top-level key where it does; returns 0 or
 * FQ_ECONFIG (reported).  The scratch arrays live in an arena of their
 * own, freed before it returns.
 */
int
pol_expansion(struct ld *l)
{
	yaml_node_t *root = yaml_document_get_root_node(&l->doc), *k;
	int nn = (int)(l->doc.nodes.top - l->doc.nodes.start), i, d;
	struct arena *tmp;
	yaml_node_pair_t *pr;
	size_t *below, *cost, *swap, total;

	if (!root || root->type != YAML_MAPPING_NODE)
		return 0;
	tmp = arena_new();
	below = arena_alloc(tmp, sizeof(*below) * (size_t)(nn + 1));
	cost = arena_alloc(tmp, sizeof(*cost) * (size_t)(nn + 1));
	for (i = 1; i <= nn; i++)
		below[i] = weight(nodeat(l, i));
	for (d = 1; d < WALK_DEPTH; d++) {
		deeper(l, below, cost, nn);
		swap = below;
		below = cost;
		cost = swap;
	}
	total = weight(root);
	for (pr = root->data.mapping.pairs.start;
	     pr < root->data.mapping.pairs.top; pr++) {
		total = add(add(total, below[pr->key]), below[pr->value]);
		if (total > LIMIT)
			break;
	}
	arena_free(tmp);
	if (total <= LIMIT)
		return 0;
	k = nodeat(l, pr->key);
	pol_err(l, k, "aliases expand the policy to more than %ld MiB",
		POLICY_MAX_READ >> 20);
	return pol_report(l);
}
