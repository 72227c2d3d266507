/*
 * opts.h - command-line parsing shared by every command.
 *
 * Global options (--db, --policy, --as, --format, -q, --color, --raw-csv,
 * --bom, -h, -V) may stand
 * before the command or among its own options; opts_take_global() lifts
 * them out so that each command's getopt_long() sees only its own.
 *
 * A command's options are an array of struct opt, ended by a zeroed
 * entry, that carries what --help and shell completion say of each
 * (after git's parse-options): the command's own parse call is the one
 * place that knows them.
 */
#ifndef FQ_OPTS_H
#define FQ_OPTS_H

#include <getopt.h>
#include "fq.h"

/*
 * One option: getopt_long()'s name, has_arg and val, then its value's
 * name and its one line of --help.  The value's name also tells what
 * it takes:
 *
 *	"open|closed"	fixed words: opts_next() refuses any other (64)
 *	"DEPT", "PERSON", "CATEGORY", "ID"
 *			a department, staff member, category or case
 *			(completed from the policy and the database)
 *	"FILE", "PATH"	a file name
 *	"WHEN", "TEXT"	anything else: free text
 *
 * and "DEPT|all" is a department or the word all.
 */
struct opt {
	const char *name;	/* the long name, without "--" */
	int has_arg;		/* no_argument or required_argument */
	int val;		/* what opts_next() returns for it */
	const char *arg;	/* the value's name; NULL without a value */
	const char *help;	/* its line in --help */
};

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

/* The global options, for help and completion (ends with a zeroed one). */
const struct opt *opts_globals(void);

/*
 * getopt_long() with fq's messages: returns the option's val, -1 at the
 * end, or '?' after fq_fail(FQ_EUSAGE) for an unknown option (naming
 * the nearest ones), a missing value, or a value outside its fixed
 * words.  Call opts_reset() before the first call of each command.
 */
void opts_reset(void);
int opts_next(struct fq *fq, int argc, char **argv, const char *shortopts,
	      const struct opt *opts);

/* Fails with FQ_EUSAGE unless argc - optind is within [min, max]. */
int opts_count(struct fq *fq, int argc, char **argv, int min, int max,
	       const char *what);

/*
 * Asking a command for its options, as git's --git-completion-helper
 * does: after opts_probe(), the command's first opts_next() or
 * opts_count() records the options it was given and fails (64) without
 * parsing, so the command returns before it does anything.
 * opts_probed() ends the probe and gives what was recorded: NULL when
 * the command asked for nothing.
 */
void opts_probe(void);
const struct opt *opts_probed(void);

/*
 * The help of options, one line each ("  --dept DEPT   only ..."), in
 * fq->mem; "" for none.
 */
const char *opts_help(struct fq *fq, const struct opt *opts);

/*
 * The names nearest to `typed`, quoted and joined for a message
 * ("'log'", "'reopen' or 'reply'"), in fq->mem; NULL when none is near.
 * A name is near when typed is the start of it, or else when it is the
 * fewest edits away (Damerau-Levenshtein, case ignored) and that is
 * 1 for a word of up to 3 letters, 2 for a longer one.
 */
const char *opts_nearest(struct fq *fq, const char *typed,
			 const char *const *names, int n);

/*
 * The words of the n-th form of a usage text (a form starts at each
 * line that begins with "fq"), after "fq COMMAND", brackets dropped:
 * "fq transfer ID [DEPT] [--to PERSON]" gives ID, DEPT, --to, PERSON.
 * Returns how many (the words in fq->mem, NULL-terminated), or -1 past
 * the last form.
 */
int opts_usage_words(struct fq *fq, const char *usage, int n,
		     const char ***words);

#endif
