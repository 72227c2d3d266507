/*
 * find.c - finding cases by their words, and the snippets that show
 * where the words stand (see find.h).
 */
#include <string.h>

#include "find.h"
#include "store.h"

int
find_cases(struct fq *fq, const struct search_terms *t,
	   const struct case_filter *f, enum search_order order,
	   int (*fn)(struct fq *, struct fq_case *, void *), void *arg)
{
	return store_search(fq, t, f, order, fn, arg);
}

/* The hits of one case, as they are found. */
struct finder {
	struct fq *fq;
	const struct search_terms *t;
	struct search_hit *hits;
	int n, cap;
};

/* Looks for the words in one source; keeps the hit. */
static int
look(const struct search_source *src, void *arg)
{
	struct finder *fi = arg;
	struct search_source *s = arena_alloc(fi->fq->mem, sizeof(*s));

	*s = *src;
	fi->hits = arena_grow(fi->fq->mem, fi->hits, sizeof(*fi->hits),
			      &fi->cap, fi->n + 1);
	if (search_hit(fi->fq->mem, fi->t, s, &fi->hits[fi->n]))
		fi->n++;
	return 0;
}

/* Looks in the texts of one event (store_events_of callback). */
static int
look_event(struct fq *fq, const struct event_row *e, void *arg)
{
	if (search_event_sources(fq->mem, e->seq, arena_strdup(fq->mem,
				 e->kind), e->data, look, arg) < 0)
		return fq_fail(fq, FQ_EINTERNAL, "event %lld (case #%lld): "
			       "its data is not an object; run 'fq verify'",
			       e->id, e->case_id);
	return 0;
}

/* Looks in the case's own texts, then in its events. */
static int
find_hits(struct fq *fq, const struct fq_case *c, struct finder *fi)
{
	const struct search_source own[] = {
		{ "summary", NULL, 0, c->summary, 0 },
		{ "details", NULL, 0, c->details, 0 },
		{ "guest.name", NULL, 0, c->guest, 0 },
		{ "guest.room", NULL, 0, c->room, 0 },
		{ "guest.phone", NULL, 0, c->phone, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		look(&own[i], fi);
	return store_events_of(fq, c->id, look_event, fi);
}

/* One hit as JSON: field, kind, seq, text, marks. */
static struct val *
hit_json(struct fq *fq, const struct search_hit *h)
{
	struct arena *a = fq->mem;
	struct val *o = v_obj(a), *marks = v_arr(a), *m;
	int i;

	v_set_str(a, o, "field", h->src->field);
	v_set_str(a, o, "kind", h->src->kind);
	v_set(a, o, "seq", h->src->seq ? v_int(a, h->src->seq) : v_null(a));
	v_set_str(a, o, "text", h->text);
	for (i = 0; i < h->nmarks; i++) {
		m = v_arr(a);
		v_push(a, m, v_int(a, h->marks[i][0]));
		v_push(a, m, v_int(a, h->marks[i][1]));
		v_push(a, marks, m);
	}
	v_set(a, o, "marks", marks);
	return o;
}

int
find_matches(struct fq *fq, const struct search_terms *t,
	     const struct fq_case *c, struct val **out)
{
	struct finder fi = { .fq = fq, .t = t };
	struct val *arr = v_arr(fq->mem);
	int most, i, rc;

	if ((rc = find_hits(fq, c, &fi)))
		return rc;
	for (most = SEARCH_MAX_WORDS; most > 0; most--)
		for (i = 0; i < fi.n; i++)
			if (fi.hits[i].nwords == most)
				v_push(fq->mem, arr, hit_json(fq, &fi.hits[i]));
	*out = arr;
	return 0;
}

int
find_reindex(struct fq *fq, long long *n)
{
	int rc;

	if ((rc = store_begin(fq)))
		return rc;
	if ((rc = store_search_rebuild(fq, n)) || (rc = store_commit(fq)))
		store_rollback(fq);
	return rc;
}
