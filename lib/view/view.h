/*
 * view.h - the views for people of one thing: a case's heading and its
 * sections (show), the confirmation of a new case (log) or of a step
 * (outcase.h), where a request goes (route).
 *
 * A command builds a view - lines of text, style changes, and lists
 * (out.h columns and rows, in a format of the command's choosing) - and
 * prints it with view_print().  The view layer (lib/view/) is the only
 * code that writes to standard output: commands build, it renders.
 *
 * Every piece of text is shown visibly when printed (visible.h): a
 * control character in the data comes out as \x1b or <U+202E>, never as
 * itself; a line break in text given to view_add() or view_line() too
 * (\x0a), as they make one line; view_para() is for a field of several
 * lines.
 *
 * Styles are written only when fq->color.  A style holds until the next
 * view_style() or the end of the line, whichever comes first: the line
 * end switches back to plain (VIEW_PLAIN also ends it).
 *
 *	struct view *v = view_new(fq);
 *	view_style(v, VIEW_BOLD);
 *	view_add(v, "#%lld %s", c->id, c->summary);
 *	view_style(v, VIEW_PLAIN);
 *	view_line(v, "   %s", c->status);
 *	view_line(v, "  holders");
 *	view_list(v, FMT_TABLE, holder_cols, 4, holders);
 *	return view_print(v);
 */
#ifndef FQ_VIEW_H
#define FQ_VIEW_H

#include "fq.h"
#include "out.h"

enum view_style {
	VIEW_PLAIN,		/* back to plain text */
	VIEW_BOLD,		/* a heading */
	VIEW_RED,		/* late */
	VIEW_DIM,		/* by the way */
};

struct view;

/* A new, empty view, allocated from fq's arena. */
struct view *view_new(struct fq *fq);
/* Appends text to the current line (the text is formatted now). */
void view_add(struct view *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends text, then ends the line. */
void view_line(struct view *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Ends the current line (alone: an empty line). */
void view_end(struct view *v);
/*
 * Appends a field of several lines (details): each line after `indent`,
 * newlines and tabs kept, then ends the line.  `text` is kept, not
 * copied.
 */
void view_para(struct view *v, const char *indent, const char *text);
/* Switches the style of what follows. */
void view_style(struct view *v, enum view_style style);
/*
 * Appends a list, printed by out_list_as() in format `fmt` when the view
 * is printed; its lines end with their own newlines.
 */
void view_list(struct view *v, enum fq_format fmt, const struct column *cols,
	       int ncols, const struct val *rows);
/* Prints the view to standard output.  Returns 0 or an FQ_E* code. */
int view_print(const struct view *v);

/*
 * Prints text for people at once, then a newline (an id, "ok: ..."); it
 * may hold several lines.
 */
int view_say(struct fq *fq, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
