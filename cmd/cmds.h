/*
 * cmds.h - the commands: each cmd/NAME.c defines cmd_NAME() and its
 * usage text (the man page's SYNOPSIS), and has a row in cmd/fq.c.
 *
 * Adding a command, in one change: cmd/NAME.c, its row in the table in
 * cmd/fq.c, its lines here, man/fq-NAME.1, tests/NAME.bats, and a line
 * in the README's command list.  (The Makefile finds every file in cmd.)
 *
 * A command calls opts_next() or opts_count() before anything else:
 * --help and completion run it under opts_probe() to learn its options.
 */
#ifndef FQ_CMDS_H
#define FQ_CMDS_H

#include "fq.h"

struct opt;

/* What a command needs set up before it runs (fq.c does it once). */
enum {
	NEED_POLICY = 1,	/* load and validate the policy; set TZ */
	NEED_DB = 2,		/* open the database (66 if there is none) */
	NEED_STAFF = 4,		/* the actor must be staff in the policy */
	WRITES = 8,		/* run in one BEGIN IMMEDIATE transaction */
	HIDDEN = 16,		/* not in the list of fq help (__complete) */
};

#define COMMAND(name) \
	int cmd_##name(struct fq *fq, int argc, char **argv); \
	extern const char usage_##name[]

COMMAND(init);
COMMAND(log);
COMMAND(show);
COMMAND(list);
COMMAND(search);
COMMAND(route);
COMMAND(policy);
COMMAND(help);
COMMAND(transfer);
COMMAND(accept);
COMMAND(follow);
COMMAND(reply);
COMMAND(callback);
COMMAND(escalate);
COMMAND(decline);
COMMAND(sign);
COMMAND(reopen);
COMMAND(wait);
COMMAND(promise);
COMMAND(resume);
COMMAND(amend);
COMMAND(verify);
COMMAND(overdue);
COMMAND(report);
COMMAND(handover);
COMMAND(export);
COMMAND(import);
COMMAND(complete);

/* The usage text of a command, or NULL (for fq help). */
const char *command_usage(const char *name);
/* Prints the list of commands with their summaries (for fq help). */
void command_list(struct fq *fq, FILE *f);
/*
 * What fq help, --help and fq __complete ask of the command table:
 * the i-th command that fq help lists (with its summary), or NULL past
 * the last; the names nearest to a mistyped one, for a message (NULL:
 * none is near); a command's options, from its own parse call, for its
 * subcommand `sub` or, with NULL, for all its forms at once (NULL for
 * no such command); the text of 'fq help NAME' (its usage and one line
 * per option), in fq->mem.
 */
const char *command_nth(int i, const char **summary);
const char *command_nearest(struct fq *fq, const char *typed);
const struct opt *command_options(struct fq *fq, const char *name,
				  const char *sub);
const char *command_help(struct fq *fq, const char *name);

#endif
