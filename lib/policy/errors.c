/*
 * errors.c - the policy loader's error list.
 *
 * The loader does not stop at the first error.  Each section is checked as
 * far as it goes, and the errors are handed back together, in the order
 * of the file, as "FILE:LINE:COL: message".  Lines and columns count from
 * 1; a column counts characters, as libyaml's marks do.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "policy-private.h"

/* Records an error at a 1-based line and column (translated: i18n.h). */
static void
verrat(struct ld *l, long line, long col, const char *fmt, va_list ap)
{
	struct perr *e;

	l->errs = arena_grow(l->a, l->errs, sizeof(*l->errs), &l->caperrs,
			     l->nerrs + 1);
	e = &l->errs[l->nerrs];
	e->line = line;
	e->col = col;
	e->seq = l->nerrs++;
	e->msg = arena_vprintf(l->a, i18n_text(fmt), ap);
}

/* Records an error at a 1-based line and column. */
void
pol_errat(struct ld *l, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrat(l, line, col, fmt, ap);
	va_end(ap);
}

/* Records an error at the start of node n. */
void
pol_err(struct ld *l, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrat(l, (long)n->start_mark.line + 1, (long)n->start_mark.column + 1,
	       fmt, ap);
	va_end(ap);
}

/* Orders errors by position, then by the order they were found in. */
static int
errcmp(const void *a, const void *b)
{
	const struct perr *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq - y->seq;
}

/*
 * Hands every error to fq as one raw message, a line an error in the
 * order of the file; returns FQ_ECONFIG.  The lines are joined here at
 * once (in the arena), as a file may hold thousands of errors.
 */
int
pol_report(struct ld *l)
{
	const struct perr *e;
	char **v, *all, *p;
	size_t n = 0;
	int i;

	if (l->nerrs > 1)
		qsort(l->errs, (size_t)l->nerrs, sizeof(*l->errs), errcmp);
	v = arena_alloc(l->a, sizeof(*v) * (size_t)(l->nerrs + 1));
	for (i = 0; i < l->nerrs; i++) {
		e = &l->errs[i];
		v[i] = arena_printf(l->a, "%s:%ld:%ld: %s", l->label, e->line,
				    e->col, e->msg);
		n += strlen(v[i]) + 1;
	}
	p = all = arena_alloc(l->a, n + 1);
	for (i = 0; i < l->nerrs; i++) {
		if (i)
			*p++ = '\n';
		n = strlen(v[i]);
		memcpy(p, v[i], n);
		p += n;
	}
	*p = '\0';
	fq_fail(l->fq, FQ_ECONFIG, "%s", all);
	l->fq->err_raw = 1;
	return FQ_ECONFIG;
}
