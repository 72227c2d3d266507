/*
 * out.h - one place for output formats: the lists of the view layer
 * (lib/view/, the only code that writes to standard output; view.h has
 * the views for people of one thing).
 *
 * A list is an array of row objects plus a description of its columns.
 * JSON and JSON Lines print the row objects whole (ids, ISO 8601 times,
 * nested objects); the table, TSV, CSV and Markdown print the columns.
 *
 * Tables align by display width (width.h), cut over-long text with "..."
 * (U+2026) and show times in the short local form; TSV and CSV print a
 * header line of column keys, full text, ISO 8601 times and durations in
 * seconds.  TSV escapes tab, newline, CR and backslash as \t, \n, \r
 * and \\ and nothing else.  An empty list prints nothing at all in every
 * format but JSON, which prints [].
 */
#ifndef FQ_OUT_H
#define FQ_OUT_H

#include <stdio.h>
#include <time.h>
#include "fq.h"
#include "json.h"	/* the JSON writer lived here once; some still look */
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
/* The same in format `fmt`, whatever fq->format says (show's sections). */
int out_list_as(struct fq *fq, enum fq_format fmt, const struct column *cols,
		int ncols, const struct val *rows);
/*
 * Prints the title of a list for people, before out_list(): the title and
 * a blank line in a table, "## TITLE" and a blank line in Markdown,
 * nothing in the formats for programs.  Returns 0.
 */
int out_title(struct fq *fq, const char *title);

/* Prints one value as JSON (pretty when fq->tty), with a newline. */
int out_json(struct fq *fq, const struct val *v);

/* A time for people: "03:30" today, "11-28 03:00", "2025-12-31 23:00". */
char *time_short(struct fq *fq, time_t t);

#endif
