/*
 * out.c - every list fq prints, as a table (table.c), TSV, CSV, JSON,
 * JSON Lines or Markdown; single values as JSON; the titles of lists.
 *
 * Commands build rows (val.h) and describe columns; nothing else in fq
 * formats a list.  How a cell reads in each format: see cell.c; how each
 * format keeps hostile text harmless: see out.h.
 */
#include <string.h>

#include "json.h"
#include "msg.h"
#include "view-private.h"
#include "visible.h"

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

/*
 * Writes a TSV field: tab, newline, CR and backslash escaped, other
 * controls shown visibly (so that \x1b is an ESC, \\x1b a backslash).
 */
static void
tsv_field(struct fq *fq, FILE *f, const char *s)
{
	size_t n;

	/* Most fields need nothing: out whole, with no copy. */
	if (!s[strcspn(s, "\t\n\r\\")] && !text_needs_visible(s, 0)) {
		fputs(s, f);
		return;
	}
	while (*s) {
		/* Runs with nothing to escape go out whole, shown visibly. */
		n = strcspn(s, "\t\n\r\\");
		fputs(text_visible(fq->mem, arena_strndup(fq->mem, s, n), 0),
		      f);
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

/* 1 when s is a number as fq writes them: -12, 0.6087. */
static int
number(const char *s)
{
	int dot = 0;

	if (*s == '-')
		s++;
	if (!(*s >= '0' && *s <= '9'))
		return 0;
	for (; *s; s++) {
		if (*s == '.' && !dot++)
			continue;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
	}
	return 1;
}

/*
 * 1 when a spreadsheet would take s for a formula (OWASP's list: = + -
 * @ tab CR at the start), unless it is a plain number.
 */
static int
formula(const char *s)
{
	return *s && strchr("=+-@\t\r", *s) && !number(s);
}

/*
 * Writes a CSV field (RFC 4180): quoted when it holds , " CR or LF; a
 * formula behind a ', controls but tab and newline shown visibly (a
 * bare CR too: it would overwrite a line on a terminal), unless
 * --raw-csv.
 */
static void
csv_field(struct fq *fq, FILE *f, const char *s)
{
	const char *p;

	if (!fq->raw_csv && formula(s))
		s = arena_printf(fq->mem, "'%s",
				 text_visible(fq->mem, s, VIS_TAB | VIS_NL));
	else if (!fq->raw_csv)
		s = text_visible(fq->mem, s, VIS_TAB | VIS_NL);
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

/* How a delimited format writes its fields and ends its lines. */
struct delim {
	int sep;
	const char *eol;
	void (*field)(struct fq *, FILE *, const char *);
};

static const struct delim tsv = { '\t', "\n", tsv_field };
static const struct delim csv = { ',', "\r\n", csv_field };

/* TSV or CSV: a header line of column keys, then a line a row. */
static int
out_delim(struct fq *fq, const struct column *cols, int ncols,
	  const struct val *rows, const struct delim *d)
{
	int r, i;

	if (d == &csv && fq->bom)
		fputs("\xef\xbb\xbf", stdout);
	for (i = 0; i < ncols; i++) {
		if (i > 0)
			fputc(d->sep, stdout);
		d->field(fq, stdout, cols[i].key);
	}
	fputs(d->eol, stdout);
	for (r = 0; r < rows->n; r++) {
		for (i = 0; i < ncols; i++) {
			if (i > 0)
				fputc(d->sep, stdout);
			d->field(fq, stdout,
				 cell_text(fq, &cols[i], rows->items[r],
					   M_PLAIN));
		}
		fputs(d->eol, stdout);
	}
	return 0;
}

/*
 * Writes Markdown text: shown visibly; \ | < > [ ] ` & escaped (no
 * HTML, links, code or entities from the data); line breaks as <br>.
 */
static void
md_field(struct fq *fq, FILE *f, const char *s)
{
	s = text_visible(fq->mem, s, VIS_NL | VIS_CR | VIS_FOLD);
	for (; *s; s++) {
		if (strchr("\\|<>[]`&", *s))
			fputc('\\', f);
		if (*s == '\r' && s[1] == '\n')
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
		md_field(fq, stdout, cols[i].header ? cols[i].header :
			 cols[i].key);
	}
	fputs(" |\n", stdout);
	for (i = 0; i < ncols; i++)
		fputs(cols[i].flags & COL_RIGHT ? "| ---: " : "| --- ", stdout);
	fputs("|\n", stdout);
	for (r = 0; r < rows->n; r++) {
		for (i = 0; i < ncols; i++) {
			fputs(i ? " | " : "| ", stdout);
			md_field(fq, stdout,
				 cell_text(fq, &cols[i], rows->items[r],
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
		return out_delim(fq, cols, ncols, rows, &tsv);
	case FMT_CSV:
		return out_delim(fq, cols, ncols, rows, &csv);
	case FMT_MARKDOWN:
		return out_markdown(fq, cols, ncols, rows);
	default:
		return out_table(fq, cols, ncols, rows);
	}
}

/* 1 when the columns describe a list of cases: one of them is "id". */
static int
of_cases(const struct column *cols, int ncols)
{
	int i;

	for (i = 0; i < ncols; i++)
		if (!strcmp(cols[i].key, "id"))
			return 1;
	return 0;
}

int
out_list(struct fq *fq, const struct column *cols, int ncols,
	 const struct val *rows)
{
	/* People at a terminal are told; a pipe gets nothing, as ever. */
	if (fq->format == FMT_TABLE && fq->tty && of_cases(cols, ncols) &&
	    (!rows || rows->kind != V_ARR || rows->n == 0)) {
		printf("%s\n", MSG_NO_CASES);
		return 0;
	}
	return out_list_as(fq, fq->format, cols, ncols, rows);
}

int
out_title(struct fq *fq, const char *title)
{
	if (fq->format == FMT_TABLE) {
		printf("%s\n\n", text_visible(fq->mem, title, VIS_FOLD));
	} else if (fq->format == FMT_MARKDOWN) {
		fputs("## ", stdout);
		md_field(fq, stdout, title);
		fputs("\n\n", stdout);
	}
	return 0;
}
