/*
 * out.c - every list fq prints, as a table, TSV, CSV, JSON, JSON Lines
 * or Markdown; and JSON for single values and stored event data.
 *
 * Commands build rows (val.h) and describe columns; nothing else in fq
 * formats output.  How a cell reads in each format:
 *
 *	value	TSV, CSV	table		Markdown	JSON
 *	null	(empty)		-		-		null
 *	bool	true/false	yes/no		yes/no		true/false
 *	time	ISO 8601	time_short()	time_local()	ISO 8601
 *	dur	seconds		"1h30m"		"1h30m"		seconds
 *	array	a,b		a,b		a,b		array
 *	[]	(empty)		-		-		[]
 *	object	JSON		JSON		JSON		object
 *
 * A table column with COL_ISO shows times as time_local(); a Markdown
 * table always does, as a document outlives "today".
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "calendar.h"
#include "clock.h"
#include "out.h"
#include "width.h"

#define FLEX_MIN 8		/* COL_FLEX columns shrink no further */

static const char ellipsis[] = "\xe2\x80\xa6";		/* U+2026 */
static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */

/* How a cell's value becomes text (see the table above). */
enum mode {
	M_PLAIN,		/* TSV, CSV */
	M_SHORT,		/* table */
	M_LOCAL,		/* table with COL_ISO, Markdown */
};

/* Where JSON goes: a FILE, or a string growing in an arena. */
struct sink {
	FILE *f;		/* NULL: into buf */
	char *buf;
	int len, cap;
	struct arena *a;	/* for buf and for time strings */
	struct arena *own;	/* made for time strings, freed at the end */
	int pretty;
};

/* Appends n bytes to the sink. */
static void
put(struct sink *sk, const char *s, size_t n)
{
	if (sk->f) {
		fwrite(s, 1, n, sk->f);
		return;
	}
	sk->buf = arena_grow(sk->a, sk->buf, 1, &sk->cap,
			     sk->len + (int)n + 1);
	memcpy(sk->buf + sk->len, s, n);
	sk->len += (int)n;
	sk->buf[sk->len] = '\0';
}

/* Appends a NUL-terminated string to the sink. */
static void
puts_sk(struct sink *sk, const char *s)
{
	put(sk, s, strlen(s));
}

/* An arena for time strings: the sink's, or one of its own. */
static struct arena *
sink_arena(struct sink *sk)
{
	if (!sk->a && !sk->own)
		sk->own = arena_new();
	return sk->a ? sk->a : sk->own;
}

/* Writes one character of a JSON string, escaped if it must be. */
static void
put_escaped(struct sink *sk, unsigned char c)
{
	char buf[8];

	switch (c) {
	case '"':  puts_sk(sk, "\\\""); return;
	case '\\': puts_sk(sk, "\\\\"); return;
	case '\b': puts_sk(sk, "\\b"); return;
	case '\f': puts_sk(sk, "\\f"); return;
	case '\n': puts_sk(sk, "\\n"); return;
	case '\r': puts_sk(sk, "\\r"); return;
	case '\t': puts_sk(sk, "\\t"); return;
	}
	if (c < 0x20) {
		snprintf(buf, sizeof(buf), "\\u%04x", c);
		puts_sk(sk, buf);
	} else {
		put(sk, (const char *)&c, 1);
	}
}

/*
 * Writes s as a JSON string.  UTF-8 passes as it is; a byte that is not
 * valid UTF-8 becomes U+FFFD, so the output is always valid JSON.
 */
static void
put_str(struct sink *sk, const char *s)
{
	unsigned cp;
	int len;

	put(sk, "\"", 1);
	while (*s) {
		if ((unsigned char)*s < 0x80) {
			put_escaped(sk, (unsigned char)*s++);
			continue;
		}
		len = utf8_decode(s, strnlen(s, 4), &cp);
		if (len < 0) {
			puts_sk(sk, replacement);
			s++;
		} else {
			put(sk, s, (size_t)len);
			s += len;
		}
	}
	put(sk, "\"", 1);
}

/* Starts a new line indented for `depth`, when pretty. */
static void
indent(struct sink *sk, int depth)
{
	if (!sk->pretty)
		return;
	put(sk, "\n", 1);
	while (depth-- > 0)
		put(sk, "  ", 2);
}

static void put_val(struct sink *sk, const struct val *v, int depth);

/* Writes an array or an object, its members one a line when pretty. */
static void
put_members(struct sink *sk, const struct val *v, int depth)
{
	int obj = v->kind == V_OBJ, i;

	if (v->n == 0) {
		puts_sk(sk, obj ? "{}" : "[]");
		return;
	}
	put(sk, obj ? "{" : "[", 1);
	for (i = 0; i < v->n; i++) {
		if (i > 0)
			put(sk, ",", 1);
		indent(sk, depth + 1);
		if (obj) {
			put_str(sk, v->keys[i]);
			puts_sk(sk, sk->pretty ? ": " : ":");
		}
		put_val(sk, v->items[i], depth + 1);
	}
	indent(sk, depth);
	put(sk, obj ? "}" : "]", 1);
}

/* A share as a JSON number with at most four decimals ("0.6087", "1"). */
static const char *
rate_text(char *buf, size_t size, double r)
{
	size_t n;

	snprintf(buf, size, "%.4f", r);
	n = strlen(buf);
	while (n > 1 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}

/* Writes one value as JSON. */
static void
put_val(struct sink *sk, const struct val *v, int depth)
{
	char buf[32];

	switch (v ? v->kind : V_NULL) {
	case V_NULL:
		puts_sk(sk, "null");
		break;
	case V_BOOL:
		puts_sk(sk, v->i ? "true" : "false");
		break;
	case V_INT:
	case V_DUR:
		snprintf(buf, sizeof(buf), "%lld", v->i);
		puts_sk(sk, buf);
		break;
	case V_RATE:
		puts_sk(sk, rate_text(buf, sizeof(buf), v->r));
		break;
	case V_STR:
		put_str(sk, v->s ? v->s : "");
		break;
	case V_TIME:
		put_str(sk, time_iso(sink_arena(sk), (time_t)v->i));
		break;
	case V_ARR:
	case V_OBJ:
		put_members(sk, v, depth);
		break;
	}
}

/* Releases what a sink made for itself. */
static void
sink_done(struct sink *sk)
{
	arena_free(sk->own);
	sk->own = NULL;
}

void
json_write(FILE *f, const struct val *v)
{
	struct sink sk = { .f = f };

	put_val(&sk, v, 0);
	sink_done(&sk);
}

char *
json_text(struct arena *a, const struct val *v)
{
	struct sink sk = { .a = a };

	put_val(&sk, v, 0);
	return sk.buf;
}

void
json_write_str(FILE *f, const char *s)
{
	struct sink sk = { .f = f };

	if (s)
		put_str(&sk, s);
	else
		puts_sk(&sk, "null");
}

int
out_json(struct fq *fq, const struct val *v)
{
	struct sink sk = { .f = stdout, .a = fq->mem, .pretty = fq->tty };

	put_val(&sk, v, 0);
	put(&sk, "\n", 1);
	return 0;
}

/* Prints each row as compact JSON on a line of its own. */
static int
out_jsonl(struct fq *fq, const struct val *rows)
{
	struct sink sk = { .f = stdout, .a = fq->mem };
	int i;

	for (i = 0; i < rows->n; i++) {
		put_val(&sk, rows->items[i], 0);
		put(&sk, "\n", 1);
	}
	return 0;
}

char *
time_short(struct fq *fq, time_t t)
{
	struct tm tm, now;
	time_t n = fq_now();

	time_tm(t, &tm);
	time_tm(n, &now);
	if (tm.tm_year == now.tm_year && tm.tm_yday == now.tm_yday)
		return arena_printf(fq->mem, "%02d:%02d", tm.tm_hour,
				    tm.tm_min);
	if (tm.tm_year == now.tm_year)
		return arena_printf(fq->mem, "%02d-%02d %02d:%02d",
				    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
				    tm.tm_min);
	return arena_printf(fq->mem, "%04d-%02d-%02d %02d:%02d",
			    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			    tm.tm_hour, tm.tm_min);
}

static const char *text_of(struct fq *fq, const struct val *v, enum mode m);

/* The items of an array as text, joined with ",". */
static const char *
join(struct fq *fq, const struct val *arr, enum mode m)
{
	const char *s = "";
	int i;

	for (i = 0; i < arr->n; i++)
		s = arena_printf(fq->mem, "%s%s%s", s, i ? "," : "",
				 text_of(fq, arr->items[i], m));
	return s;
}

/* A duration for people: "1h30m". */
static const char *
dur_text(struct fq *fq, long long secs)
{
	char buf[64];

	return arena_strdup(fq->mem, dur_format((long)secs, buf, sizeof(buf)));
}

/* A value as the text of a cell. */
static const char *
text_of(struct fq *fq, const struct val *v, enum mode m)
{
	char buf[32];

	switch (v ? v->kind : V_NULL) {
	case V_NULL:
		return m == M_PLAIN ? "" : "-";
	case V_BOOL:
		if (m == M_PLAIN)
			return v->i ? "true" : "false";
		return v->i ? "yes" : "no";
	case V_INT:
		return arena_printf(fq->mem, "%lld", v->i);
	case V_DUR:
		if (m == M_PLAIN)
			return arena_printf(fq->mem, "%lld", v->i);
		return dur_text(fq, v->i);
	case V_RATE:
		if (m == M_PLAIN)
			return arena_strdup(fq->mem, rate_text(buf, sizeof(buf),
							       v->r));
		return arena_printf(fq->mem, "%.0f%%", v->r * 100.0);
	case V_STR:
		return v->s ? v->s : "";
	case V_TIME:
		if (m == M_PLAIN)
			return time_iso(fq->mem, (time_t)v->i);
		if (m == M_SHORT)
			return time_short(fq, (time_t)v->i);
		return time_local(fq->mem, (time_t)v->i);
	case V_ARR:
		if (v->n == 0)
			return m == M_PLAIN ? "" : "-";
		return join(fq, v, m);
	case V_OBJ:
		return json_text(fq->mem, v);
	}
	return "";
}

/* Marked text with each mark written as `on` or `off` (may be ""). */
static const char *
unmark(struct fq *fq, const char *s, const char *on, const char *off)
{
	const char *t = "";
	size_t n;

	while (*s) {
		n = strcspn(s, OUT_MARK_ON OUT_MARK_OFF);
		t = arena_printf(fq->mem, "%s%.*s%s", t, (int)n, s, !s[n] ? "" :
				 s[n] == OUT_MARK_ON[0] ? on : off);
		s += n + (s[n] != '\0');
	}
	return t;
}

/* The text of one column of a row. */
static const char *
cell(struct fq *fq, const struct column *c, const struct val *row,
     enum mode m)
{
	const char *s;

	if (c->render) {
		s = c->render(fq, row);
		if (s && (c->flags & COL_MARKS) && m != M_SHORT)
			s = m == M_LOCAL ? unmark(fq, s, "**", "**") :
			    unmark(fq, s, "", "");
		return s ? s : text_of(fq, NULL, m);
	}
	if (m == M_SHORT && (c->flags & COL_ISO))
		m = M_LOCAL;
	return text_of(fq, v_get(row, c->path ? c->path : c->key), m);
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
			field(stdout, cell(fq, &cols[i], rows->items[r],
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
			md_field(stdout, cell(fq, &cols[i], rows->items[r],
					      M_LOCAL));
		}
		fputs(" |\n", stdout);
	}
	return 0;
}

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
				s = cell(fq, c, rows->items[l - 1], M_SHORT);
			s = rtrim(fq->mem, s);
			t->text[l * t->ncols + i] = s;
			if ((w = str_width(c->flags & COL_MARKS ?
					   unmark(fq, s, "", "") : s)) >
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
	int w = str_width(unmark(fq, s, "", "")), room = w <= cols ? w :
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

/* A table for people: aligned by display width, fitted to the terminal. */
static int
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

int
out_list(struct fq *fq, const struct column *cols, int ncols,
	 const struct val *rows)
{
	static const struct val none = { .kind = V_ARR };
	enum fq_format fmt = fq->format;

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

const char *
sty_bold(struct fq *fq)
{
	return fq->color ? "\033[1m" : "";
}

const char *
sty_red(struct fq *fq)
{
	return fq->color ? "\033[31m" : "";
}

const char *
sty_dim(struct fq *fq)
{
	return fq->color ? "\033[2m" : "";
}

const char *
sty_off(struct fq *fq)
{
	return fq->color ? "\033[0m" : "";
}
