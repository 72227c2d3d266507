/*
 * ids.c - sorted indexes of the strings of a section (keys, ids, display
 * names), so that the loader finds repeats and looks ids up in
 * O(n log n) time however large the section, not O(n^2): a policy of
 * 1 MiB holds some 40,000 departments.
 */
#include <stdlib.h>
#include <string.h>

#include "policy-private.h"

/* Orders strings by text, then by place. */
static int
strcmp_at(const void *a, const void *b)
{
	const struct pol_str *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Sorts the n strings s, leaving out the NULL ones, into x (arena). */
void
pol_index(struct ld *l, struct pol_index *x, const char *const *s, int n)
{
	int i;

	x->v = arena_alloc(l->a, sizeof(*x->v) * (size_t)(n + 1));
	x->n = 0;
	for (i = 0; i < n; i++)
		if (s[i])
			x->v[x->n++] = (struct pol_str){ s[i], i };
	if (x->n > 1)
		qsort(x->v, (size_t)x->n, sizeof(*x->v), strcmp_at);
}

/* The place of the first string of x equal to s, or -1. */
int
pol_index_find(const struct pol_index *x, const char *s)
{
	int lo = 0, hi = x->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(x->v[mid].s, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n && !strcmp(x->v[lo].s, s) ? x->v[lo].i : -1;
}

/*
 * For each of the n strings s, the place of the first equal one before
 * it, or -1 (NULL ones are equal to none).  The array is the arena's.
 */
int *
pol_first_same(struct ld *l, const char *const *s, int n)
{
	struct pol_index x;
	int *first = arena_alloc(l->a, sizeof(*first) * (size_t)(n + 1));
	int k, run = 0;

	for (k = 0; k < n; k++)
		first[k] = -1;
	pol_index(l, &x, s, n);
	for (k = 1; k < x.n; k++) {
		if (strcmp(x.v[k].s, x.v[run].s))
			run = k;
		else
			first[x.v[k].i] = x.v[run].i;
	}
	return first;
}
