/*
 * out.h - one place for output formats.
 *
 * A list is an array of row objects plus a description of its columns.
 * JSON and JSON Lines print the row objects whole (ids, ISO 8601 times,
 * nested objects); the table, TSV, CSV and Markdown print the columns.
 *
 * Tables align by display width (width.h), cut over-long text with "..."
 * (U+2026) and show times in the short local form; TSV and CSV print a
 * header line of column keys, full text, ISO 8601 times and durations in
 * seconds.  TSV escapes tab, newline and backslash as \t, \n and \\ and
 * nothing else.  An empty list prints nothing at all in every format but
 * JSON, which prints [].
 */
#ifndef FQ_OUT_H
#define FQ_OUT_H

#include <stdio.h>
#include <time.h>
#include "fq.h"
#include "val.h"

/* Column flags. */
enum {
	COL_RIGHT = 1,		/* right-align (numbers) */
	COL_FLEX = 2,		/* may be cut to fit the terminal */
	COL_ISO = 4,		/* table: show a V_TIME as "YYYY-MM-DD HH:MM", not short */
	COL_MARKS = 8,		/* text with marked spans (OUT_MARK_ON/OFF) */
};

/*
 * A COL_MARKS cell's text marks spans between these bytes: bold in a
 * table when colour is on, **bold** in Markdown, left out elsewhere.
 */
#define OUT_MARK_ON "\001"
#define OUT_MARK_OFF "\002"

struct column {
	const char *key;	/* TSV/CSV header; the row's key when no path */
	const char *header;	/* table header (display) */
	const char *path;	/* dotted path in the row; NULL: key */
	int flags;
	int max;		/* table: cut text wider than this (0: no cap) */
	/*
	 * Optional: the text for table/TSV/CSV/Markdown, for cells that show
	 * names where JSON carries ids.  Returns an arena string or NULL.
	 */
	const char *(*render)(struct fq *fq, const struct val *row);
};

/*
 * Prints `rows` (a V_ARR of V_OBJ) in fq->format.  `ncols` columns
 * describe the tabular formats.  Returns 0 or an FQ_E* code.
 */
int out_list(struct fq *fq, const struct column *cols, int ncols,
	     const struct val *rows);

/* Prints one value as JSON (pretty when fq->tty), with a newline. */
int out_json(struct fq *fq, const struct val *v);

/* Writes a value as compact JSON to f (for JSONL and stored event data). */
void json_write(FILE *f, const struct val *v);
/* A value as compact JSON text, from the arena. */
char *json_text(struct arena *a, const struct val *v);
/* Writes s as a JSON string literal (quotes, escapes) to f. */
void json_write_str(FILE *f, const char *s);

/* A time for people: "03:30" today, "11-28 03:00", "2025-12-31 23:00". */
char *time_short(struct fq *fq, time_t t);

/* Terminal styling, when fq->color: bold and red (late) text. */
const char *sty_bold(struct fq *fq);
const char *sty_red(struct fq *fq);
const char *sty_dim(struct fq *fq);
const char *sty_off(struct fq *fq);

#endif
