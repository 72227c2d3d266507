/*
 * table.c - a list as a table for people: columns aligned by display
 * width (width.h), over-long text cut with "..." (U+2026), COL_FLEX
 * columns narrowed to fit the terminal, the header in bold, and no line
 * ending in spaces.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "view-private.h"
#include "width.h"

#define FLEX_MIN 8		/* COL_FLEX columns shrink no further */

static const char ellipsis[] = "\xe2\x80\xa6";		/* U+2026 */

/* A table being laid out: the header and every cell, and column widths. */
struct table {
	const struct column *cols;
	int ncols, nlines;	/* line 0 is the header */
	const char **text;	/* nlines * ncols */
	int *width;
};

/* Columns of the terminal on stdout, else $COLUMNS, else 0 (no limit). */
static int
term_width(void)
{
	struct winsize ws;
	const char *env;
	char *end;
	long n;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if ((env = getenv("COLUMNS")) == NULL || *env == '\0')
		return 0;
	n = strtol(env, &end, 10);
	return *end == '\0' && n > 0 && n < INT_MAX ? (int)n : 0;
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

/* Fills in the text of every cell, and each column's natural width. */
static void
table_fill(struct fq *fq, struct table *t, const struct val *rows)
{
	const struct column *c;
	const char *s;
	int l, i, w;

	for (l = 0; l < t->nlines; l++) {
		for (i = 0; i < t->ncols; i++) {
			c = &t->cols[i];
			if (l == 0)
				s = c->header ? c->header : c->key;
			else
				s = cell_text(fq, c, rows->items[l - 1],
					      M_SHORT);
			s = rtrim(fq->mem, s);
			t->text[l * t->ncols + i] = s;
			if ((w = str_width(c->flags & COL_MARKS ?
					   cell_unmark(fq, s, "", "") : s)) >
			    t->width[i])
				t->width[i] = w;
		}
	}
	for (i = 0; i < t->ncols; i++)
		if (t->cols[i].max > 0 && t->width[i] > t->cols[i].max)
			t->width[i] = t->cols[i].max;
}

/* Narrows COL_FLEX columns, widest first, until the table fits `limit`. */
static void
table_shrink(struct table *t, int limit)
{
	int i, widest, total = 2 * (t->ncols - 1);

	for (i = 0; i < t->ncols; i++)
		total += t->width[i];
	while (total > limit) {
		widest = -1;
		for (i = 0; i < t->ncols; i++) {
			if (!(t->cols[i].flags & COL_FLEX) ||
			    t->width[i] <= FLEX_MIN)
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

/* Prints s in at most `cols` columns, cut with an ellipsis, not padded. */
static void
print_unpadded(struct fq *fq, const char *s, int cols)
{
	size_t n;

	if (str_width(s) <= cols) {
		width_print(stdout, s, str_width(s), 0);
		return;
	}
	if (cols <= 0)
		return;
	n = width_prefix(s, cols - 1);
	s = arena_strndup(fq->mem, s, n);
	width_print(stdout, s, str_width(s), 0);
	fputs(ellipsis, stdout);
}

/*
 * Prints marked text in `cols` columns as print_unpadded() does (padded
 * when `pad`), the marked spans in bold when colour is on.
 */
static void
print_marked(struct fq *fq, const char *s, int cols, int pad)
{
	int w = str_width(cell_unmark(fq, s, "", "")), room = w <= cols ? w :
		cols - 1, used = 0, bold = 0;
	const char *seg;
	size_t n;

	while (*s && used < room) {
		if ((n = strcspn(s, OUT_MARK_ON OUT_MARK_OFF)) == 0) {
			bold = *s++ == OUT_MARK_ON[0];
			fputs(bold ? sty_bold(fq) : sty_off(fq), stdout);
			continue;
		}
		seg = arena_strndup(fq->mem, s, n);
		if (str_width(seg) > room - used) {
			/* The last that fits: nothing after it is shown. */
			seg = arena_strndup(fq->mem, seg,
					    width_prefix(seg, room - used));
			room = used;
		}
		width_print(stdout, seg, str_width(seg), 0);
		used += str_width(seg);
		s += n;
	}
	if (bold)
		fputs(sty_off(fq), stdout);
	if (w > cols && cols > 0) {
		fputs(ellipsis, stdout);
		used++;
	}
	while (pad && used++ < cols)
		fputc(' ', stdout);
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
	int i, last = -1, right;

	for (i = 0; i < t->ncols; i++)
		if (*text[i])
			last = i;
	if (l == 0)
		fputs(sty_bold(fq), stdout);
	for (i = 0; i <= last; i++) {
		right = t->cols[i].flags & COL_RIGHT;
		if (i > 0)
			fputs("  ", stdout);
		if (t->cols[i].flags & COL_MARKS)
			print_marked(fq, text[i], t->width[i], i < last);
		else if (i == last && !right)
			print_unpadded(fq, text[i], t->width[i]);
		else
			width_print(stdout, text[i], t->width[i], right);
	}
	if (l == 0)
		fputs(sty_off(fq), stdout);
	fputc('\n', stdout);
}

int
out_table(struct fq *fq, const struct column *cols, int ncols,
	  const struct val *rows)
{
	struct table t;
	int l, limit;

	t.cols = cols;
	t.ncols = ncols;
	t.nlines = rows->n + 1;
	t.text = arena_alloc(fq->mem, sizeof(*t.text) * (size_t)t.nlines *
					  (size_t)ncols);
	t.width = arena_alloc(fq->mem, sizeof(*t.width) * (size_t)ncols);
	table_fill(fq, &t, rows);
	if ((limit = term_width()) > 0)
		table_shrink(&t, limit);
	for (l = 0; l < t.nlines; l++)
		table_line(fq, &t, l);
	return 0;
}
