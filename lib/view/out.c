/*
 * out.c - every list fq prints, as a table (table.c), TSV, CSV, JSON,
 * JSON Lines or Markdown; single values as JSON; the titles of lists.
 *
 * Commands build rows (val.h) and describe columns; nothing else in fq
 * formats a list.  How a cell reads in each format: see cell.c.
 */
#include <string.h>

#include "json.h"
#include "view-private.h"

int
out_json(struct fq *fq, const struct val *v)
{
	json_print(stdout, fq->mem, v, fq->tty);
	fputc('\n', stdout);
	return 0;
}

/* Prints each row as compact JSON on a line of its own. */
static int
out_jsonl(struct fq *fq, const struct val *rows)
{
	int i;

	for (i = 0; i < rows->n; i++) {
		json_print(stdout, fq->mem, rows->items[i], 0);
		fputc('\n', stdout);
	}
	return 0;
}

/* Writes a TSV field: tab, newline, CR and backslash escaped. */
static void
tsv_field(FILE *f, const char *s)
{
	size_t n;

	while (*s) {
		/* Runs with nothing to escape go out whole. */
		n = strcspn(s, "\t\n\r\\");
		fwrite(s, 1, n, f);
		s += n;
		switch (*s) {
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\\': fputs("\\\\", f); break;
		default: continue;	/* the end */
		}
		s++;
	}
}

/* Writes a CSV field (RFC 4180): quoted when it holds , " CR or LF. */
static void
csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* TSV or CSV: a header line of column keys, then a line a row. */
static int
out_delim(struct fq *fq, const struct column *cols, int ncols,
	  const struct val *rows, int sep, void (*field)(FILE *, const char *))
{
	int r, i;

	for (i = 0; i < ncols; i++) {
		if (i > 0)
			fputc(sep, stdout);
		field(stdout, cols[i].key);
	}
	fputc('\n', stdout);
	for (r = 0; r < rows->n; r++) {
		for (i = 0; i < ncols; i++) {
			if (i > 0)
				fputc(sep, stdout);
			field(stdout, cell_text(fq, &cols[i], rows->items[r],
					   M_PLAIN));
		}
		fputc('\n', stdout);
	}
	return 0;
}

/* Writes a Markdown cell: | escaped, line breaks as <br>. */
static void
md_field(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\r' && s[1] == '\n')
			continue;	/* the \n gives the <br> */
		else if (*s == '\n' || *s == '\r')
			fputs("<br>", f);
		else
			fputc(*s, f);
	}
}

/* A GitHub pipe table: header, alignment row, a line a row. */
static int
out_markdown(struct fq *fq, const struct column *cols, int ncols,
	     const struct val *rows)
{
	int r, i;

	for (i = 0; i < ncols; i++) {
		fputs(i ? " | " : "| ", stdout);
		md_field(stdout, cols[i].header ? cols[i].header : cols[i].key);
	}
	fputs(" |\n", stdout);
	for (i = 0; i < ncols; i++)
		fputs(cols[i].flags & COL_RIGHT ? "| ---: " : "| --- ", stdout);
	fputs("|\n", stdout);
	for (r = 0; r < rows->n; r++) {
		for (i = 0; i < ncols; i++) {
			fputs(i ? " | " : "| ", stdout);
			md_field(stdout, cell_text(fq, &cols[i], rows->items[r],
					      M_LOCAL));
		}
		fputs(" |\n", stdout);
	}
	return 0;
}

int
out_list_as(struct fq *fq, enum fq_format fmt, const struct column *cols,
	    int ncols, const struct val *rows)
{
	static const struct val none = { .kind = V_ARR };

	if (!rows || rows->kind != V_ARR)
		rows = &none;
	if (fmt == FMT_DEFAULT)
		fmt = fq->tty ? FMT_TABLE : FMT_TSV;
	if (fmt == FMT_JSON)
		return out_json(fq, rows);
	if (fmt == FMT_JSONL)
		return out_jsonl(fq, rows);
	if (rows->n == 0 || ncols <= 0)
		return 0;
	switch (fmt) {
	case FMT_TSV:
		return out_delim(fq, cols, ncols, rows, '\t', tsv_field);
	case FMT_CSV:
		return out_delim(fq, cols, ncols, rows, ',', csv_field);
	case FMT_MARKDOWN:
		return out_markdown(fq, cols, ncols, rows);
	default:
		return out_table(fq, cols, ncols, rows);
	}
}

int
out_list(struct fq *fq, const struct column *cols, int ncols,
	 const struct val *rows)
{
	return out_list_as(fq, fq->format, cols, ncols, rows);
}

int
out_title(struct fq *fq, const char *title)
{
	if (fq->format == FMT_TABLE)
		printf("%s\n\n", title);
	else if (fq->format == FMT_MARKDOWN)
		printf("## %s\n\n", title);
	return 0;
}
