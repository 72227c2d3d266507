/*
 * view.c - the views for people of one thing, and terminal styling.
 *
 * A view is a list of pieces kept until view_print(): text, a change of
 * style, or a list to hand to out.c.  Text goes out byte for byte (what
 * fq stores was checked on the way in); lists do their own escaping.
 */
#include <stdarg.h>
#include <stdio.h>

#include "view.h"
#include "view-private.h"

enum piece_kind {
	P_TEXT,
	P_STYLE,
	P_LIST,
};

struct piece {
	enum piece_kind kind;
	const char *text;		/* P_TEXT */
	enum view_style style;		/* P_STYLE */
	enum fq_format format;		/* P_LIST */
	const struct column *cols;
	int ncols;
	const struct val *rows;
};

struct view {
	struct fq *fq;
	struct piece *pieces;
	int n, cap;
};

struct view *
view_new(struct fq *fq)
{
	struct view *v = arena_alloc(fq->mem, sizeof(*v));

	v->fq = fq;
	return v;
}

/* A new piece at the end of the view, zeroed but for its kind. */
static struct piece *
piece(struct view *v, enum piece_kind kind)
{
	struct piece *p;

	v->pieces = arena_grow(v->fq->mem, v->pieces, sizeof(*v->pieces),
			       &v->cap, v->n + 1);
	p = &v->pieces[v->n++];
	*p = (struct piece){ .kind = kind };
	return p;
}

/* Appends formatted text. */
static void
add_text(struct view *v, const char *fmt, va_list ap)
{
	piece(v, P_TEXT)->text = arena_vprintf(v->fq->mem, fmt, ap);
}

void
view_add(struct view *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_text(v, fmt, ap);
	va_end(ap);
}

void
view_line(struct view *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_text(v, fmt, ap);
	va_end(ap);
	view_end(v);
}

void
view_end(struct view *v)
{
	piece(v, P_TEXT)->text = "\n";
}

void
view_style(struct view *v, enum view_style style)
{
	piece(v, P_STYLE)->style = style;
}

void
view_list(struct view *v, enum fq_format fmt, const struct column *cols,
	  int ncols, const struct val *rows)
{
	struct piece *p = piece(v, P_LIST);

	p->format = fmt;
	p->cols = cols;
	p->ncols = ncols;
	p->rows = rows;
}

/* The bytes that switch a terminal to a style ("" without colour). */
static const char *
style_code(struct fq *fq, enum view_style style)
{
	switch (style) {
	case VIEW_BOLD: return sty_bold(fq);
	case VIEW_RED: return sty_red(fq);
	case VIEW_DIM: return sty_dim(fq);
	default: return sty_off(fq);
	}
}

int
view_print(const struct view *v)
{
	const struct piece *p;
	int i, rc;

	for (i = 0; i < v->n; i++) {
		p = &v->pieces[i];
		switch (p->kind) {
		case P_TEXT:
			fputs(p->text, stdout);
			break;
		case P_STYLE:
			fputs(style_code(v->fq, p->style), stdout);
			break;
		case P_LIST:
			if ((rc = out_list_as(v->fq, p->format, p->cols,
					      p->ncols, p->rows)))
				return rc;
			break;
		}
	}
	return 0;
}

int
view_say(struct fq *fq, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return 0;
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
