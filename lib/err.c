/*
 * err.c - the error a library call hands back to its command, and
 * warnings.  Formats are translated here (i18n.h), so that no call site
 * needs _(): xgettext finds them by the functions' names (po/Makefile's
 * keywords).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fq.h"
#include "i18n.h"

/* Stores the message and returns code (see fq.h). */
int
fq_fail(struct fq *fq, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fq->err = arena_vprintf(fq->mem, i18n_text(fmt), ap);
	va_end(ap);
	fq->err_code = code;
	return code;
}

/* Appends a line to the message (see fq.h). */
void
fq_fail_more(struct fq *fq, const char *fmt, ...)
{
	va_list ap;
	char *line;

	va_start(ap, fmt);
	line = arena_vprintf(fq->mem, i18n_text(fmt), ap);
	va_end(ap);
	fq->err = fq->err ? arena_printf(fq->mem, "%s\n%s", fq->err, line)
			  : line;
}

/* Prints "fq: COMMAND: message" on standard error (see fq.h). */
void
fq_warn(struct fq *fq, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fq: %s: ", fq->cmd ? fq->cmd : "fq");
	va_start(ap, fmt);
	vfprintf(stderr, i18n_text(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
}
