/*
 * visible.h - text made safe to show: the one sanitiser of every output
 * for people (tables, human views, TSV, CSV, Markdown, mail bodies).
 *
 * Nothing a guest or an import file typed may reach a terminal, a mail
 * or a spreadsheet as a control it would obey.  Every character that
 * text_is_control() (text.h) names is written out visibly instead:
 *
 *	C0 controls and DEL		\x1b, \x7f	(backslash, x, hex)
 *	C1 controls, bidi controls	<U+009B>, <U+202E>
 *	a byte that is not UTF-8	\xff
 *
 * Tab, newline and CR may be kept or folded into a space where the
 * caller shows a multi-line field (flags below).  The visible forms are
 * for reading, not for parsing back: a backslash is left as it is.
 */
#ifndef FQ_VISIBLE_H
#define FQ_VISIBLE_H

#include "arena.h"

enum {
	VIS_TAB = 1,		/* keep tab */
	VIS_NL = 2,		/* keep newline */
	VIS_CR = 4,		/* keep carriage return */
	VIS_FOLD = 8,		/* tab, newline and CR become a space */
	VIS_LINES = VIS_TAB | VIS_NL,	/* a multi-line field */
};

/*
 * s with every control shown visibly (see above), from the arena; s
 * itself when nothing needed to change.  NULL gives NULL.
 */
const char *text_visible(struct arena *a, const char *s, int flags);
/* 1 when text_visible(s, flags) would change s. */
int text_needs_visible(const char *s, int flags);

#endif
