/*
 * search.c - fq search: the cases whose texts hold every word, newest
 * (or most relevant) first, each as fq list shows it with the snippets
 * where the words stand.
 */
#include <string.h>

#include "cases.h"
#include "cmds.h"
#include "filter.h"
#include "opts.h"
#include "find.h"
#include "out.h"
#include "outcase.h"
#include "view.h"
#include "words.h"

const char usage_search[] =
	"fq search TEXT... [--sort newest|relevance]\n"
	"                 [--status open|replied|closed|declined|all]\n"
	"                 [--dept D] [--owner U] [--handler U] [--category C]\n"
	"                 [--guest G] [--room R] [--since WHEN]\n"
	"                 [--until WHEN] [--limit N]\n"
	"       fq search --reindex";

enum { OPT_SORT = 256, OPT_REINDEX };

#define CELL_LEAD 4	/* characters shown before the first match */

static const struct opt search_options[] = {
	{ "sort", required_argument, OPT_SORT, "newest|relevance",
	  "newest first (the default), or the best matches first" },
	{ "reindex", no_argument, OPT_REINDEX, NULL,
	  "rebuild the search index from the events" },
	{ NULL, 0, 0, NULL, NULL },
};

/* The options of fq search besides the filters. */
struct args {
	enum search_order order;
	int reindex;
};

/* Reads --sort and --reindex. */
static int
take(struct fq *fq, int opt, const char *value, void *arg)
{
	struct args *a = arg;

	if (opt == OPT_REINDEX) {
		a->reindex = 1;
		return 0;
	}
	if (!strcmp(value, "newest"))
		a->order = SEARCH_NEWEST;
	else if (!strcmp(value, "relevance"))
		a->order = SEARCH_RELEVANCE;
	else
		return fq_fail(fq, FQ_EUSAGE, "--sort takes newest or "
			       "relevance, not '%s'", value);
	return 0;
}

/* The table's name for where a match is: the event's kind, or the field. */
static const char *
match_in(const struct val *m)
{
	const char *kind = v_get_str(m, "kind"), *field;

	if (kind)
		return kind;
	field = v_get_str(m, "field");
	return field && !strncmp(field, "guest.", 6) ? field + 6 : field;
}

/* The best match of a row (the first), or NULL. */
static const struct val *
best(const struct val *row)
{
	const struct val *m = v_get(row, "match");

	return m && m->kind == V_ARR && m->n > 0 ? m->items[0] : NULL;
}

/* The "in" cell: where the best match is. */
static const char *
cell_in(struct fq *fq, const struct val *row)
{
	const struct val *m = best(row);

	if (!m)
		return NULL;
	return out_cell_for_people() ? fq_word(match_in(m)) : match_in(m);
}

/* The "match" cell: the best match's snippet, its words marked. */
static const char *
cell_match(struct fq *fq, const struct val *row)
{
	const struct val *m = best(row), *marks;
	struct search_hit h = { 0 };
	int i;

	if (!m)
		return NULL;
	h.text = (char *)v_get_str(m, "text");
	marks = v_get(m, "marks");
	h.nmarks = marks ? marks->n : 0;
	h.marks = arena_alloc(fq->mem, sizeof(*h.marks) * (size_t)
			      (h.nmarks + 1));
	for (i = 0; i < h.nmarks; i++) {
		h.marks[i][0] = (int)marks->items[i]->items[0]->i;
		h.marks[i][1] = (int)marks->items[i]->items[1]->i;
	}
	/* In a table, the words near the start: the column may be narrow. */
	if (fq->format == FMT_TABLE)
		search_hit_trim(fq->mem, &h, CELL_LEAD);
	return search_hit_marked(fq->mem, &h, OUT_MARK_ON, OUT_MARK_OFF);
}

/* What add_hit() needs. */
struct rows {
	const struct search_terms *t;
	struct val *rows;
};

/* Adds the case a search found, with its matches, to the rows. */
static int
add_hit(struct fq *fq, struct fq_case *c, void *arg)
{
	struct rows *r = arg;
	struct val *row, *matches;
	int rc;

	if ((rc = find_matches(fq, r->t, c, &matches)))
		return rc;
	row = case_list_row(fq, c);
	v_set(fq->mem, row, "match", matches);
	v_push(fq->mem, r->rows, row);
	return 0;
}

/* 1 when any filter was given (--reindex takes none). */
static int
filtered(const struct case_filter *f)
{
	return strcmp(f->status, "all") || f->department || f->owner ||
	       f->handler || f->category || f->guest || f->room ||
	       f->since || f->until || f->limit;
}

/* fq search --reindex: the index built anew from the events. */
static int
reindex(struct fq *fq)
{
	long long n;
	int rc;

	if ((rc = find_reindex(fq, &n)) || fq->quiet)
		return rc;
	return view_say(fq, "search index rebuilt: %lld case%s", n,
			n == 1 ? "" : "s");
}

/*
 * The columns: fq list's, then where the best match is and its snippet.
 * On a narrow terminal the snippet matters most: the names of the
 * category, the holder, the owner and the guest go first (the last
 * first), rather than cut it.
 */
static const struct column *
columns(struct fq *fq, int *n)
{
	static const struct column more[] = {
		{ "match_in", "in", NULL, 0, 12, cell_in },
		{ "match", "match", NULL, COL_FLEX | COL_MARKS, 60,
		  cell_match },
	};
	static const char *const drop[] = { "category", "holder", "owner",
					    "guest" };
	struct column *c;
	size_t i, k;

	*n = case_list_ncolumns + 2;
	c = arena_alloc(fq->mem, sizeof(*c) * (size_t)*n);
	memcpy(c, case_list_columns, sizeof(*c) * (size_t)case_list_ncolumns);
	memcpy(c + case_list_ncolumns, more, sizeof(more));
	for (i = 0; i < (size_t)case_list_ncolumns; i++)
		for (k = 0; k < sizeof(drop) / sizeof(drop[0]); k++)
			if (!strcmp(c[i].key, drop[k]))
				c[i].flags |= COL_DROP;
	return c;
}

int
cmd_search(struct fq *fq, int argc, char **argv)
{
	/* Every case, closed ones too: the guest may call about any. */
	struct case_filter f = { .status = "all" };
	struct args a = { SEARCH_NEWEST, 0 };
	struct filter_extra x = { search_options, take, &a, 0, -1, "TEXT" };
	struct search_terms t;
	struct rows r = { &t, v_arr(fq->mem) };
	const struct column *cols;
	int rc, ncols;

	if ((rc = filter_parse_extra(fq, argc, argv, &f, &x)))
		return rc;
	if (a.reindex) {
		if (optind < argc || filtered(&f))
			return fq_fail(fq, FQ_EUSAGE, "--reindex takes no "
				       "words and no filters");
		return reindex(fq);
	}
	if (optind == argc)
		return fq_fail(fq, FQ_EUSAGE, "missing TEXT to search for");
	if ((rc = search_terms_parse(fq, argc - optind, argv + optind, &t)) ||
	    (rc = find_cases(fq, &t, &f, a.order, add_hit, &r)))
		return rc;
	cols = columns(fq, &ncols);
	return out_list(fq, cols, ncols, r.rows);
}
