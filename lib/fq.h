/*
 * fq.h - what every module shares: the command context, exit codes and
 * the error a library function hands back to its command.
 *
 * Library functions never print and never exit.  They return 0 on
 * success, or one of the FQ_E* codes after fq_fail() has stored a message
 * in fq->err; the dispatcher prints it as "fq: COMMAND: message".
 */
#ifndef FQ_FQ_H
#define FQ_FQ_H

#include <stdio.h>
#include <time.h>
#include "arena.h"

#define FQ_VERSION "0.1.0"

/* Exit statuses (sysexits.h values, as fq(1) documents them). */
enum {
	FQ_OK = 0,
	FQ_MATCH = 1,		/* --exit-status matched; verify found damage */
	FQ_EUSAGE = 64,		/* unknown command or option, missing argument */
	FQ_EDATA = 65,		/* bad data, or a step the case's state refuses */
	FQ_ENOINPUT = 66,	/* no such case, no database */
	FQ_EINTERNAL = 70,	/* a bug, or the database said something odd */
	FQ_EBUSY = 75,		/* database busy past the timeout; mail failed */
	FQ_EPERM = 77,		/* the actor may not do this */
	FQ_ECONFIG = 78,	/* the policy is invalid or missing */
};

/* Output formats (--format). */
enum fq_format {
	FMT_DEFAULT,		/* table on a terminal, else TSV */
	FMT_TABLE,
	FMT_TSV,
	FMT_CSV,
	FMT_JSON,
	FMT_JSONL,
	FMT_MARKDOWN,
};

struct policy;
struct staff;
struct store;

struct fq {
	const char *cmd;	/* the command running, for messages */
	struct arena *mem;	/* freed when the command ends */

	/* Global options, after the environment and defaults. */
	const char *db_path;
	const char *policy_path;
	const char *actor;	/* --as, FQ_USER or the login name */
	const char *entered_by;	/* the login who typed it, when it is not
				 * the actor (installed fq, may_act_for) */
	int installed;		/* setgid: the actor is the login (trust) */
	int now_given;		/* FQ_NOW set (never in an installed fq) */
	enum fq_format format;	/* never FMT_DEFAULT once main has run */
	int quiet;
	int color;		/* 1: use colour on stdout */
	int tty;		/* stdout is a terminal */
	int raw_csv;		/* --raw-csv: CSV cells exactly as stored */
	int bom;		/* --bom: CSV starts with a UTF-8 BOM */

	struct store *store;	/* open when the command asked for it */
	struct policy *pol;	/* loaded when the command asked for it */
	const struct staff *me;	/* the actor, when the command needs one */

	/* The error a library call reported. */
	int err_code;
	int err_raw;		/* print err lines as they are (FILE:LINE:COL) */
	char *err;		/* one or more lines, no trailing newline */
};

/*
 * Stores a message and returns `code`, so a caller can write
 * `return fq_fail(fq, FQ_EDATA, "no such room '%s'", r);`.
 * A later call replaces the message.
 */
int fq_fail(struct fq *fq, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Appends one more line to the message (for lists of errors). */
void fq_fail_more(struct fq *fq, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Warns on stderr as "fq: COMMAND: message" (the only printing lib does). */
void fq_warn(struct fq *fq, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
