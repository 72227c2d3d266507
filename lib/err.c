/*
 * err.c - the error a library call hands back to its command.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fq.h"

int
fq_fail(struct fq *fq, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fq->err = arena_vprintf(fq->mem, fmt, ap);
	va_end(ap);
	fq->err_code = code;
	return code;
}

void
fq_fail_more(struct fq *fq, const char *fmt, ...)
{
	va_list ap;
	char *line;

	va_start(ap, fmt);
	line = arena_vprintf(fq->mem, fmt, ap);
	va_end(ap);
	fq->err = fq->err ? arena_printf(fq->mem, "%s\n%s", fq->err, line)
			  : line;
}

void
fq_warn(struct fq *fq, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fq: %s: ", fq->cmd ? fq->cmd : "fq");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
