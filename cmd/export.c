/*
 * export.c - fq export: cases with their events as JSON Lines, oldest
 * first (the format is in fq-export(1); fq import reads it back).
 */
#include <stdio.h>

#include "cmds.h"
#include "exchange.h"
#include "filter.h"

const char usage_export[] =
	"fq export [--status open|replied|closed|declined|all] [--dept D]\n"
	"                 [--owner U] [--handler U] [--category C]\n"
	"                 [--guest G] [--room R] [--since WHEN]\n"
	"                 [--until WHEN] [--limit N]";

int
cmd_export(struct fq *fq, int argc, char **argv)
{
	/* Every case by default, closed ones too, unlike fq list. */
	struct case_filter f = { .status = "all", .oldest_first = 1 };
	int rc;

	if ((rc = filter_parse(fq, argc, argv, &f)))
		return rc;
	/* Lines go out as they are made: big writes for a pipe or file. */
	if (!fq->tty)
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	return export_cases(fq, &f, stdout);
}
