/*
 * opts.h - command-line parsing shared by every command.
 *
 * Global options (--db, --policy, --as, --format, -q, --color, --raw-csv,
 * --bom) may stand
 * before the command or among its own options; opts_take_global() lifts
 * them out so that each command's getopt_long() sees only its own.
 */
#ifndef FQ_OPTS_H
#define FQ_OPTS_H

#include <getopt.h>
#include "fq.h"

/* What the global options asked for, before defaults apply. */
struct global_opts {
	const char *db, *policy, *as, *format, *color;
	int quiet, help, version, raw_csv, bom;
};

/*
 * Removes the global options from argv[from..argc) (up to a "--"),
 * storing them in g; returns the new argc, or -1 after fq_fail() (64).
 */
int opts_take_global(struct fq *fq, int from, int argc, char **argv,
		     struct global_opts *g);

/*
 * getopt_long() with fq's messages: returns the option, -1 at the end,
 * or '?' after fq_fail(FQ_EUSAGE) for an unknown option or a missing
 * value.  Call opts_reset() before the first call of each command.
 */
void opts_reset(void);
int opts_next(struct fq *fq, int argc, char **argv, const char *shortopts,
	      const struct option *longopts);

/* Fails with FQ_EUSAGE unless argc - optind is within [min, max]. */
int opts_count(struct fq *fq, int argc, char **argv, int min, int max,
	       const char *what);

#endif
