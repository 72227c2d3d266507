/*
 * filter.h - the case filters of fq list and fq export, from the command
 * line: --status, --dept, --owner, --handler, --category, --guest, --room,
 * --since, --until and --limit.
 */
#ifndef FQ_FILTER_H
#define FQ_FILTER_H

#include <getopt.h>
#include "cases.h"

/*
 * Reads the filter options of argv into f (which the caller zeroes and
 * may preset, e.g. f->oldest_first), takes no operands, turns department
 * and category names into ids and checks them against the policy.
 * Returns 0, FQ_EUSAGE (an unknown option or --status, a bad --limit) or
 * FQ_EDATA (a malformed time; a department, category or staff member
 * the policy lacks).
 */
int filter_parse(struct fq *fq, int argc, char **argv, struct case_filter *f);

/*
 * What a command reads besides the filters (fq list --text, fq search):
 * its own long options, each with a `val` of 256 or more, handed to
 * take() with their value (NULL for none); and how many operands it
 * takes, which are left at argv[optind..argc).
 */
struct filter_extra {
	const struct opt *options;	/* ends in a row of NULL name */
	int (*take)(struct fq *fq, int opt, const char *value, void *arg);
	void *arg;
	int min_args, max_args;		/* max_args < 0: any number */
	const char *args_what;		/* "TEXT": for "missing TEXT" */
};

/* filter_parse() with a command's own options and operands. */
int filter_parse_extra(struct fq *fq, int argc, char **argv,
		       struct case_filter *f, const struct filter_extra *x);

#endif
