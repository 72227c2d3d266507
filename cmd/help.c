/*
 * help.c - fq help: the list of commands, or one command's usage.
 */
#include "cmds.h"
#include "opts.h"
#include "view.h"

const char usage_help[] = "fq help [COMMAND]";

int
cmd_help(struct fq *fq, int argc, char **argv)
{
	const char *help, *near;
	int rc;

	opts_reset();
	if (opts_next(fq, argc, argv, "", (const struct opt[]){ { 0 } }) != -1)
		return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 0, 1, "")))
		return rc;
	if (optind == argc) {
		command_list(fq, stdout);
		return 0;
	}
	if ((help = command_help(fq, argv[optind])))
		return view_say(fq, "%s", help);
	if ((near = command_nearest(fq, argv[optind])))
		return fq_fail(fq, FQ_EUSAGE, "no command '%s'; did you mean "
			       "%s?", argv[optind], near);
	return fq_fail(fq, FQ_EUSAGE, "no command '%s' (see 'fq help')",
		       argv[optind]);
}
