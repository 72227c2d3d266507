/*
 * import.c - fq import: cases with their events from JSON Lines (what
 * fq export writes), all or nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "exchange.h"
#include "i18n.h"
#include "opts.h"
#include "roles.h"
#include "view.h"

const char usage_import[] = "fq import [FILE|-]";

int
cmd_import(struct fq *fq, int argc, char **argv)
{
	static const struct opt none[] = { { NULL, 0, 0, NULL, NULL } };
	struct import_result r;
	const char *path = "-";
	FILE *in = stdin;
	int rc;

	opts_reset();
	if (opts_next(fq, argc, argv, "", none) != -1)
		return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 0, 1, "")) ||
	    (rc = may_import(fq)))
		return rc;
	if (optind < argc)
		path = argv[optind];
	if (strcmp(path, "-") && !(in = fopen(path, "r")))
		return fq_fail(fq, FQ_ENOINPUT, "cannot open '%s': %s", path,
			       strerror(errno));
	rc = import_cases(fq, in, &r);
	if (in != stdin)
		fclose(in);
	if (rc == 0 && !fq->quiet)
		rc = view_say(fq, "imported %s, %s", arena_printf(fq->mem,
			      r.cases == 1 ? _("%lld case") : _("%lld cases"),
			      r.cases), arena_printf(fq->mem, r.events == 1 ?
			      _("%lld event") : _("%lld events"), r.events));
	return rc;
}
