/*
 * view-private.h - what the files of the view layer share.  Nothing
 * outside lib/view/ includes it.
 */
#ifndef FQ_VIEW_PRIVATE_H
#define FQ_VIEW_PRIVATE_H

#include "out.h"

/* How a cell's value becomes text (the table in cell.c). */
enum cell_mode {
	M_PLAIN,		/* TSV, CSV */
	M_SHORT,		/* table */
	M_LOCAL,		/* table with COL_ISO, Markdown */
};

/* The text of column c of a row, in mode m (an arena string or static). */
const char *cell_text(struct fq *fq, const struct column *c,
		      const struct val *row, enum cell_mode m);

/*
 * The text of a COL_MARKS cell with each mark written as `on` or `off`
 * (either may be ""), from the arena.
 */
const char *cell_unmark(struct fq *fq, const char *s, const char *on,
			const char *off);
/* A COL_MARKS cell's text shown visibly (visible.h), its marks kept. */
const char *cell_marks_visible(struct fq *fq, const char *s);

/* A table for people (table.c): aligned, fitted to the terminal. */
int out_table(struct fq *fq, const struct column *cols, int ncols,
	      const struct val *rows);

/* Terminal styling, when fq->color ("" otherwise): see view.c. */
const char *sty_bold(struct fq *fq);
const char *sty_red(struct fq *fq);
const char *sty_dim(struct fq *fq);
const char *sty_off(struct fq *fq);

#endif
