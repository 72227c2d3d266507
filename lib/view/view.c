/*
 * view.c - the views for people of one thing, and terminal styling.
 *
 * A view is a list of pieces kept until view_print(): text, a line end,
 * multi-line text, a change of style, or a list to hand to out.c.  All
 * text is shown visibly (visible.h) as it is printed, here and nowhere
 * else, so that no caller can forget it: what a guest or an import file
 * typed is never obeyed by the terminal.  Lists do the same in out.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "view.h"
#include "view-private.h"
#include "visible.h"

enum piece_kind {
	P_TEXT,
	P_END,
	P_PARA,
	P_STYLE,
	P_LIST,
};

struct piece {
	enum piece_kind kind;
	const char *text;		/* P_TEXT, P_PARA */
	const char *indent;		/* P_PARA */
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
	piece(v, P_END);
}

void
view_para(struct view *v, const char *indent, const char *text)
{
	struct piece *p = piece(v, P_PARA);

	p->indent = indent;
	p->text = text ? text : "";
	view_end(v);
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

/* Switches to `style` unless it is the one in effect (*now). */
static void
set_style(struct fq *fq, enum view_style *now, enum view_style style)
{
	if (style == *now)
		return;
	fputs(style_code(fq, style), stdout);
	*now = style;
}

/* Ends a line: a style ends with it (a late deadline's red, say). */
static void
end_line(struct fq *fq, enum view_style *now)
{
	set_style(fq, now, VIEW_PLAIN);
	fputc('\n', stdout);
}

/* Prints multi-line text, each line after `indent`, tabs kept. */
static void
print_para(struct fq *fq, const struct piece *p, enum view_style *now)
{
	const char *s = text_visible(fq->mem, p->text, VIS_LINES);
	const char *nl;

	fputs(p->indent, stdout);
	while ((nl = strchr(s, '\n')) != NULL) {
		fwrite(s, 1, (size_t)(nl - s), stdout);
		end_line(fq, now);
		fputs(p->indent, stdout);
		s = nl + 1;
	}
	fputs(s, stdout);
}

int
view_print(const struct view *v)
{
	enum view_style now = VIEW_PLAIN;
	const struct piece *p;
	int i, rc;

	for (i = 0; i < v->n; i++) {
		p = &v->pieces[i];
		switch (p->kind) {
		case P_TEXT:
			/* What the data holds is shown, never obeyed. */
			fputs(text_visible(v->fq->mem, p->text, 0), stdout);
			break;
		case P_END:
			end_line(v->fq, &now);
			break;
		case P_PARA:
			print_para(v->fq, p, &now);
			break;
		case P_STYLE:
			set_style(v->fq, &now, p->style);
			break;
		case P_LIST:
			set_style(v->fq, &now, VIEW_PLAIN);
			if ((rc = out_list_as(v->fq, p->format, p->cols,
					      p->ncols, p->rows)))
				return rc;
			break;
		}
	}
	set_style(v->fq, &now, VIEW_PLAIN);
	return 0;
}

int
view_say(struct fq *fq, const char *fmt, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, fmt);
	s = arena_vprintf(fq->mem, fmt, ap);
	va_end(ap);
	printf("%s\n", text_visible(fq->mem, s, VIS_LINES));
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
