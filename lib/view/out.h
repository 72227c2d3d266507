/*
 * out.h - one place for output formats: the lists of the view layer
 * (lib/view/, the only code that writes to standard output; view.h has
 * the views for people of one thing).
 *
 * A list is an array of row objects plus a description of its columns.
 * JSON and JSON Lines print the row objects whole (ids, ISO 8601 times,
 * nested objects), exact by JSON's own escaping; the table, TSV, CSV and
 * Markdown print the columns, every cell first shown visibly (visible.h:
 * no control character a terminal, a spreadsheet or a browser would obey
 * is ever written; \x1b for C0 and DEL, <U+202E> for C1 and bidi).
 *
 *   table     aligned by display width (width.h), fitted to the terminal
 *             (table.c says how), times in the short local form; a cell's
 *             line breaks and tabs are spaces; a late row (its "late" is
 *             true, or lists a missed deadline) is red when colour is on
 *   TSV       a header line of column keys, full text, ISO 8601 times,
 *             durations in seconds; tab, newline, CR and backslash are
 *             escaped as \t, \n, \r and \\ (Chinese text stays as it
 *             is), the other controls are shown as everywhere
 *   CSV       the same cells, RFC 4180: quoted when they hold , " CR or
 *             LF, lines end in CRLF; tab and newline are kept; a cell
 *             that starts with = + - @ tab or CR and is not a number gets
 *             a ' in front (OWASP), so that a spreadsheet never runs it as
 *             a formula; --raw-csv: the cells exactly as stored (no ' and
 *             no visible forms); --bom: a UTF-8 BOM first
 *   Markdown  a pipe table; \ | < > [ ] ` & are escaped with a
 *             backslash, line breaks are <br>
 *
 * An empty list prints nothing at all, except [] in JSON and, on a
 * terminal, "no cases match" in a table of cases (a list with an "id"
 * column, printed by out_list(); a list inside a view says nothing).
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
	COL_DROP = 8,		/* table: left out when the table does not fit */
	COL_WORD = 16,		/* table, Markdown: fq's words, translated */
	COL_MARKS = 32,		/* text with marked spans (OUT_MARK_ON/OFF) */
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
 * 1 while a render function is called for a table or Markdown, 0 for
 * TSV and CSV: the words it composes are then in the language of the
 * messages, or else in English, as every format for programs is.
 */
int out_cell_for_people(void);

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
