/*
 * cmds.h - the commands: each cmd/NAME.c defines cmd_NAME() and its
 * usage text (the man page's SYNOPSIS), and has a row in cmd/fq.c.
 *
 * Adding a command, in one change: cmd/NAME.c, its row in the table in
 * cmd/fq.c, its lines here, man/fq-NAME.1, tests/NAME.bats, and a line
 * in the README's command list.  (The Makefile finds every file in cmd.)
 */
#ifndef FQ_CMDS_H
#define FQ_CMDS_H

#include "fq.h"

/* What a command needs set up before it runs (fq.c does it once). */
enum {
	NEED_POLICY = 1,	/* load and validate the policy; set TZ */
	NEED_DB = 2,		/* open the database (66 if there is none) */
	NEED_STAFF = 4,		/* the actor must be staff in the policy */
	WRITES = 8,		/* run in one BEGIN IMMEDIATE transaction */
};

#define COMMAND(name) \
	int cmd_##name(struct fq *fq, int argc, char **argv); \
	extern const char usage_##name[]

COMMAND(init);
COMMAND(log);
COMMAND(show);
COMMAND(list);
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

/* The usage text of a command, or NULL (for fq help). */
const char *command_usage(const char *name);
/* Prints the list of commands with their summaries (for fq help). */
void command_list(FILE *f);

#endif
