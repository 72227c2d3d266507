/*
 * table.c - a list as a table for people: every cell shown visibly
 * (visible.h), columns aligned by display width (width.h), over-long
 * text cut with "..." (U+2026), the table fitted to the terminal, the
 * header in bold, late rows in red, and no line ending in spaces.
 *
 * Fitting, when the table is wider than the terminal ($COLUMNS, else the
 * width of the terminal on standard output; no limit on a pipe without
 * $COLUMNS):
 *   1. COL_FLEX columns are cut, the widest first, down to FLEX_MIN;
 *   2. if that is not enough, COL_DROP columns are left out, the last
 *      first, and step 1 is tried again;
 *   3. if that is still not enough, every text column (COL_FLEX, or with
 *      a `max`) is cut, the widest first, down to CUT_MIN.
 * Numbers, times and short words are never cut.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "view-private.h"
#include "visible.h"
#include "width.h"

#define FLEX_MIN 8		/* COL_FLEX columns stop here in step 1 */
#define CUT_MIN 4		/* no text column shrinks further in step 3 */

/* A table being laid out: the header and every cell, and column widths. */
struct table {
	const struct column *cols;
	int ncols, nlines;	/* line 0 is the header */
	const char **text;	/* nlines * ncols */
	int *natural;		/* the width each column would like */
	int *width;		/* the width it gets */
	int *dropped;		/* 1: left out to fit */
	int *late;		/* per line: the row is late (red) */
};

/* $COLUMNS, else the columns of the terminal on stdout, else 0 (none). */
static int
term_width(void)
{
	struct winsize ws;
	const char *env;
	char *end;
	long n;

	if ((env = getenv("COLUMNS")) != NULL && *env != '\0') {
		n = strtol(env, &end, 10);
		if (*end == '\0' && n > 0 && n < INT_MAX)
			return (int)n;
	}
	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* s without trailing spaces (they would pad the end of a line). */
static const char *
rtrim(struct arena *a, const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || s[n - 1] != ' ')
		return s;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return arena_strndup(a, s, n);
}

/*
 * 1 when a row says it is late: its "late" is true (a deadline's row) or
 * names a missed deadline (a case's row).
 */
static int
row_late(const struct val *row)
{
	const struct val *v = v_get(row, "late");

	return v && ((v->kind == V_BOOL && v->i) ||
		     (v->kind == V_ARR && v->n > 0));
}

/* Fills in the text of every cell, and each column's natural width. */
static void
table_fill(struct fq *fq, struct table *t, const struct val *rows)
{
	const struct column *c;
	const char *s;
	int l, i, w;

	for (l = 0; l < t->nlines; l++) {
		if (l > 0)
			t->late[l] = row_late(rows->items[l - 1]);
		for (i = 0; i < t->ncols; i++) {
			c = &t->cols[i];
			if (l == 0)
				s = c->header ? c->header : c->key;
			else
				s = cell_text(fq, c, rows->items[l - 1],
					      M_SHORT);
			/* A cell is one line: its line breaks are spaces. */
			s = rtrim(fq->mem, text_visible(fq->mem, s, VIS_FOLD));
			t->text[l * t->ncols + i] = s;
			if ((w = str_width(s)) > t->natural[i])
				t->natural[i] = w;
		}
	}
	for (i = 0; i < t->ncols; i++)
		if (t->cols[i].max > 0 && t->natural[i] > t->cols[i].max)
			t->natural[i] = t->cols[i].max;
}

/* The width of the table's lines as laid out now. */
static int
table_total(const struct table *t)
{
	int i, n = 0, total = 0;

	for (i = 0; i < t->ncols; i++) {
		if (t->dropped[i])
			continue;
		total += t->width[i];
		n++;
	}
	return n > 1 ? total + 2 * (n - 1) : total;
}

/* 1 when column i may be cut in step 3: text, not a number or a time. */
static int
cuttable(const struct column *c)
{
	return (c->flags & COL_FLEX) ||
	       (c->max > 0 && !(c->flags & COL_RIGHT));
}

/*
 * Narrows the columns that `only` flags (all cuttable ones when 0), the
 * widest first, down to `min`, until the table fits `limit`.
 */
static void
table_shrink(struct table *t, int limit, int only, int min)
{
	int i, widest, total = table_total(t);

	while (total > limit) {
		widest = -1;
		for (i = 0; i < t->ncols; i++) {
			if (t->dropped[i] || t->width[i] <= min ||
			    (only ? !(t->cols[i].flags & only) :
				    !cuttable(&t->cols[i])))
				continue;
			if (widest < 0 || t->width[i] > t->width[widest])
				widest = i;
		}
		if (widest < 0)
			return;
		t->width[widest]--;
		total--;
	}
}

/* Leaves out the last COL_DROP column still shown; 0 when none is left. */
static int
table_drop(struct table *t)
{
	int i;

	for (i = t->ncols - 1; i >= 0; i--)
		if ((t->cols[i].flags & COL_DROP) && !t->dropped[i])
			return t->dropped[i] = 1;
	return 0;
}

/* Fits the table into `limit` columns (see the top of the file). */
static void
table_fit(struct table *t, int limit)
{
	int i;

	for (;;) {
		for (i = 0; i < t->ncols; i++)
			t->width[i] = t->natural[i];
		table_shrink(t, limit, COL_FLEX, FLEX_MIN);
		if (table_total(t) <= limit || !table_drop(t))
			break;
	}
	table_shrink(t, limit, 0, CUT_MIN);
}

/*
 * Prints one line of the table.  Cells after the last non-empty one are
 * left out, and a left-aligned last cell is not padded, so that no line
 * ends in spaces.
 */
static void
table_line(struct fq *fq, const struct table *t, int l)
{
	const char **text = t->text + l * t->ncols;
	const char *on = l == 0 ? sty_bold(fq) : t->late[l] ? sty_red(fq) : "";
	int i, last = -1, right, first = 1;

	for (i = 0; i < t->ncols; i++)
		if (*text[i] && !t->dropped[i])
			last = i;
	fputs(on, stdout);
	for (i = 0; i <= last; i++) {
		if (t->dropped[i])
			continue;
		right = t->cols[i].flags & COL_RIGHT;
		if (!first)
			fputs("  ", stdout);
		first = 0;
		if (i == last && !right)
			width_print_cut(stdout, text[i], t->width[i]);
		else
			width_print(stdout, text[i], t->width[i], right);
	}
	if (*on)
		fputs(sty_off(fq), stdout);
	fputc('\n', stdout);
}

int
out_table(struct fq *fq, const struct column *cols, int ncols,
	  const struct val *rows)
{
	struct table t;
	size_t n = (size_t)ncols;
	int l, limit;

	width_ambiguous(width_ambiguous_env());
	t.cols = cols;
	t.ncols = ncols;
	t.nlines = rows->n + 1;
	t.text = arena_alloc(fq->mem, sizeof(*t.text) * (size_t)t.nlines * n);
	t.natural = arena_alloc(fq->mem, sizeof(*t.natural) * n);
	t.width = arena_alloc(fq->mem, sizeof(*t.width) * n);
	t.dropped = arena_alloc(fq->mem, sizeof(*t.dropped) * n);
	t.late = arena_alloc(fq->mem, sizeof(*t.late) * (size_t)t.nlines);
	table_fill(fq, &t, rows);
	for (l = 0; l < ncols; l++)
		t.width[l] = t.natural[l];
	if ((limit = term_width()) > 0)
		table_fit(&t, limit);
	for (l = 0; l < t.nlines; l++)
		table_line(fq, &t, l);
	return 0;
}
