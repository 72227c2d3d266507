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
	const char *usage;
	int rc;

	opts_reset();
	if (opts_next(fq, argc, argv, "", (const struct option[]){ { 0 } }) != -1)
		return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 0, 1, "")))
		return rc;
	if (optind == argc) {
		command_list(stdout);
		return 0;
	}
	if (!(usage = command_usage(argv[optind])))
		return fq_fail(fq, FQ_EUSAGE, "no command '%s' (see 'fq help')",
			       argv[optind]);
	return view_say(fq, "usage: %s\n\nSee 'man fq-%s' for the whole story.",
			usage, argv[optind]);
}
