/*
 * fq.c - main: global options, the command table, and the setup each
 * command asks for (policy, time zone, clock, database, actor), done once
 * here so that no command repeats it.
 */
#include <locale.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "cmds.h"
#include "opts.h"
#include "paths.h"
#include "policy.h"
#include "privilege.h"
#include "roles.h"
#include "store.h"

#define CASE_STEP (NEED_POLICY | NEED_DB | NEED_STAFF | WRITES)

static const struct command {
	const char *name;
	int (*fn)(struct fq *, int, char **);
	const char *usage;
	unsigned flags;
	const char *summary;
} commands[] = {
	{ "init", cmd_init, usage_init, 0,
	  "create the database and install an example policy" },
	{ "log", cmd_log, usage_log, NEED_POLICY | NEED_DB | NEED_STAFF | WRITES,
	  "record a new case; you become its owner" },
	{ "transfer", cmd_transfer, usage_transfer, CASE_STEP,
	  "hand a case to another department; the owner stays" },
	{ "accept", cmd_accept, usage_accept, CASE_STEP,
	  "take a case for your department (or assign it)" },
	{ "follow", cmd_follow, usage_follow, CASE_STEP,
	  "a follow-up note; a case; or what you still owe" },
	{ "reply", cmd_reply, usage_reply, CASE_STEP,
	  "record the answer given to the guest" },
	{ "callback", cmd_callback, usage_callback, CASE_STEP,
	  "the owner's call back to the guest: close or reopen" },
	{ "escalate", cmd_escalate, usage_escalate, CASE_STEP,
	  "send a case up to a supervisor by hand" },
	{ "decline", cmd_decline, usage_decline, CASE_STEP,
	  "refuse a request, with a written reason" },
	{ "sign", cmd_sign, usage_sign, CASE_STEP,
	  "a supervisor signs off a refusal" },
	{ "reopen", cmd_reopen, usage_reopen, CASE_STEP,
	  "open a closed case again" },
	{ "wait", cmd_wait, usage_wait, CASE_STEP,
	  "stop the clocks while the case waits on the guest" },
	{ "resume", cmd_resume, usage_resume, CASE_STEP,
	  "start the clocks again" },
	{ "amend", cmd_amend, usage_amend, CASE_STEP,
	  "correct what was mistyped at intake" },
	{ "show", cmd_show, usage_show, NEED_POLICY | NEED_DB | NEED_STAFF,
	  "a case, its timeline and its chain of holders" },
	{ "list", cmd_list, usage_list, NEED_POLICY | NEED_DB | NEED_STAFF,
	  "cases matching filters, newest first" },
	{ "route", cmd_route, usage_route, NEED_POLICY | NEED_STAFF,
	  "where a request goes: category, department, phone, limits" },
	{ "policy", cmd_policy, usage_policy, 0,
	  "check a policy; print the service commitments" },
	{ "overdue", cmd_overdue, usage_overdue, NEED_POLICY | NEED_DB | NEED_STAFF,
	  "what is late, and who holds it; the escalation ladder" },
	{ "report", cmd_report, usage_report, NEED_POLICY | NEED_DB | NEED_STAFF,
	  "volumes, timeliness, transfers, refusals, lapses" },
	{ "handover", cmd_handover, usage_handover,
	  NEED_POLICY | NEED_DB | NEED_STAFF,
	  "the shift hand-over sheet: open cases for the next shift" },
	{ "verify", cmd_verify, usage_verify, NEED_POLICY | NEED_DB | NEED_STAFF,
	  "check the database and that no event was altered" },
	{ "export", cmd_export, usage_export, NEED_POLICY | NEED_DB | NEED_STAFF,
	  "cases with their events as JSON Lines, oldest first" },
	{ "import", cmd_import, usage_import, CASE_STEP,
	  "cases with their events from JSON Lines, all or nothing" },
	{ "help", cmd_help, usage_help, 0,
	  "help on a command" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char usage_fq[] =
	"usage: fq [--db PATH] [--policy PATH] [--as USER] [--format FORMAT]\n"
	"          [-q] [--color WHEN] [--raw-csv] [--bom] COMMAND [ARGS]\n"
	"       fq --version | fq help [COMMAND]";

/* The row of a command, or NULL. */
static const struct command *
find(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

const char *
command_usage(const char *name)
{
	const struct command *c = find(name);

	return c ? c->usage : NULL;
}

void
command_list(FILE *f)
{
	size_t i;

	fprintf(f, "%s\n\ncommands:\n", usage_fq);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nSee 'fq help COMMAND' or 'man fq-COMMAND'.\n");
}

/* Prints the error a command returned, as "fq: COMMAND: message". */
static void
report(struct fq *fq, const struct command *c, int rc)
{
	const char *p, *nl;

	if (!fq->err)
		fq->err = arena_printf(fq->mem, "failed (exit %d)", rc);
	for (p = fq->err; p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);

		if (fq->err_raw)
			fprintf(stderr, "%.*s\n", n, p);
		else if (fq->cmd)
			fprintf(stderr, "fq: %s: %.*s\n", fq->cmd, n, p);
		else
			fprintf(stderr, "fq: %.*s\n", n, p);
	}
	if (rc == FQ_EUSAGE && c)
		fprintf(stderr, "usage: %s\n", c->usage);
}

/* 1 unless $TERM says the terminal takes no escape sequences (dumb). */
static int
term_colors(void)
{
	const char *term = getenv("TERM");

	return term && *term && strcmp(term, "dumb");
}

/* Settles the output format, colour and quietness from the options. */
static int
output_options(struct fq *fq, const struct global_opts *g)
{
	static const char *const names[] = {
		"", "table", "tsv", "csv", "json", "jsonl", "markdown",
	};
	const char *color = g->color ? g->color : "auto";
	int i;

	fq->tty = isatty(STDOUT_FILENO);
	fq->quiet = g->quiet;
	fq->raw_csv = g->raw_csv;
	fq->bom = g->bom;
	fq->format = fq->tty ? FMT_TABLE : FMT_TSV;
	if (g->format) {
		for (i = 1; i < 7 && strcmp(names[i], g->format); i++)
			;
		if (i == 7)
			return fq_fail(fq, FQ_EUSAGE, "unknown format '%s' (use "
				       "table, tsv, csv, json, jsonl or "
				       "markdown)", g->format);
		fq->format = (enum fq_format)i;
	}
	if (!strcmp(color, "always"))
		fq->color = 1;
	else if (!strcmp(color, "auto"))
		fq->color = fq->tty && !getenv("NO_COLOR") && term_colors() &&
			    fq->format == FMT_TABLE;
	else if (strcmp(color, "never"))
		return fq_fail(fq, FQ_EUSAGE, "--color takes auto, always or "
			       "never, not '%s'", color);
	return 0;
}

/*
 * The acting staff member.  Personal fq: --as, FQ_USER, else the login
 * name.  Installed fq: the login name; --as or FQ_USER naming someone
 * else makes them the actor and the login `entered_by`, when the policy
 * lets the login act for them (may_act_for).
 */
static int
actor(struct fq *fq, const struct global_opts *g,
      const struct privilege_env *e, unsigned flags)
{
	const char *env = fq->installed ? e->user : getenv("FQ_USER");
	const char *named = g->as ? g->as : env && *env ? env : NULL;
	const char *login = paths_login(fq);

	fq->actor = named ? named : login;
	if (!fq->actor)
		fq->actor = "?";
	if (!fq->installed || !named || (login && !strcmp(named, login)))
		return flags & NEED_STAFF ? may_act(fq) : 0;
	fq->entered_by = login ? login : "?";
	if (!(flags & NEED_STAFF)) {
		fq->actor = fq->entered_by;	/* nobody to act for */
		fq->entered_by = NULL;
		return 0;
	}
	return may_act_for(fq, g->as ? "--as" : "FQ_USER");
}

/* FQ_EPERM: what an installed fq does not let its caller choose. */
static int
refuse(struct fq *fq, const char *what, const char *instead)
{
	return fq_fail(fq, FQ_EPERM, "%s is not allowed in an installed fq: "
		       "%s", what, instead);
}

/*
 * An installed fq's files are its own: --db, --policy and the FQ_DB,
 * FQ_POLICY, FQ_NOW and FQ_SENDMAIL of the caller's environment are
 * refused (fq(1), SECURITY).
 */
static int
installed_paths(struct fq *fq, const struct global_opts *g,
		const struct privilege_env *e)
{
	const char *db = "the database is " FQ_SYSTEM_DB;
	const char *pol = "the policy is " FQ_SYSTEM_POLICY;

	if (g->db)
		return refuse(fq, "--db", db);
	if (e->db && *e->db)
		return refuse(fq, "FQ_DB", arena_printf(fq->mem, "%s (unset "
						 "it)", db));
	if (g->policy)
		return refuse(fq, "--policy", pol);
	if (e->policy && *e->policy)
		return refuse(fq, "FQ_POLICY", arena_printf(fq->mem, "%s "
						     "(unset it)", pol));
	if (e->now && *e->now)
		return refuse(fq, "FQ_NOW", "events take the system clock's "
			      "time (unset it)");
	if (e->sendmail && *e->sendmail)
		return refuse(fq, "FQ_SENDMAIL", "mail goes to the system's "
			      "sendmail (unset it)");
	fq->db_path = FQ_SYSTEM_DB;
	fq->policy_path = FQ_SYSTEM_POLICY;
	return 0;
}

/* Where the database and the policy are. */
static int
locate(struct fq *fq, const struct global_opts *g,
       const struct privilege_env *e)
{
	if (fq->installed)
		return installed_paths(fq, g, e);
	fq->db_path = g->db ? g->db : paths_db(fq);
	fq->policy_path = g->policy ? g->policy : paths_policy(fq);
	fq->now_given = getenv("FQ_NOW") && *getenv("FQ_NOW");
	return 0;
}

/*
 * Opens the store, after checking that this process may read (and for
 * a writing command, write) the file, so that a permission problem is
 * named as one.
 */
static int
open_store(struct fq *fq, unsigned flags)
{
	int rc;

	if ((rc = paths_check_access(fq, fq->db_path, flags & WRITES)) ||
	    (rc = store_open(fq, fq->db_path, 0)) == 0)
		return rc;
	if (rc != FQ_ENOINPUT && paths_check_access(fq, fq->db_path, 1))
		return fq->err_code;	/* read-only, said as such */
	return rc;
}

/* Loads the policy and makes its time zone the process's. */
static int
load_policy(struct fq *fq)
{
	int rc = policy_load(fq, fq->policy_path, &fq->pol);

	return rc ? rc : clock_zone(fq, fq->pol->timezone);
}

/* Does the setup a command's flags ask for. */
static int
setup(struct fq *fq, const struct global_opts *g,
      const struct privilege_env *e, unsigned flags)
{
	int rc;

	if ((rc = locate(fq, g, e)) || (rc = clock_init(fq)) ||
	    ((flags & NEED_POLICY) && (rc = load_policy(fq))) ||
	    (rc = actor(fq, g, e, flags)))
		return rc;
	if ((flags & NEED_DB) && (rc = open_store(fq, flags)))
		return rc;
	if (flags & WRITES) {
		/* Nothing reaches stdout before the transaction commits. */
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
		return store_begin(fq);
	}
	return 0;
}

/* Runs a command inside the setup its flags ask for. */
static int
run(struct fq *fq, const struct command *c, const struct global_opts *g,
    const struct privilege_env *e, int argc, char **argv)
{
	int rc;

	if (g->help) {
		printf("usage: %s\n", c->usage);
		return 0;
	}
	if ((rc = setup(fq, g, e, c->flags)))
		return rc;
	rc = c->fn(fq, argc, argv);
	if (c->flags & WRITES) {
		if (rc == 0)
			rc = store_commit(fq);
		if (rc) {
			store_rollback(fq);
			__fpurge(stdout);
		}
	}
	return rc;
}

/* Checks that standard output was really written (a full disk, EPIPE). */
static int
check_stdout(struct fq *fq, int rc)
{
	if (fflush(stdout) || ferror(stdout)) {
		if (rc == 0)
			rc = fq_fail(fq, FQ_EINTERNAL, "write failure on "
				     "standard output");
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct fq fq = { .cmd = NULL };
	struct global_opts g = { 0 };
	struct privilege_env e = { 0 };
	const struct command *c = NULL;
	int rc;

	/* Character classes only: fq formats its own numbers and times, and
	 * LC_ALL would open a dozen locale files on every start. */
	setlocale(LC_CTYPE, "");
	fq.mem = arena_new();
	/* Before anything reads the environment (fq(1), SECURITY). */
	if ((fq.installed = privilege_installed()))
		privilege_sanitize(fq.mem, &e);
	argc = opts_take_global(&fq, 1, argc, argv, &g);
	if (argc < 0) {
		rc = FQ_EUSAGE;
		goto out;
	}
	if (argc >= 2 && !strcmp(argv[1], "--version")) {
		printf("fq %s\n", FQ_VERSION);
		rc = 0;
		goto out;
	}
	if (argc < 2) {
		/* The list on stderr is the whole message. */
		command_list(g.help ? stdout : stderr);
		rc = check_stdout(&fq, g.help ? 0 : FQ_EUSAGE);
		goto done;
	}
	if (argv[1][0] == '-') {
		rc = fq_fail(&fq, FQ_EUSAGE, "unknown option '%s' (see "
			     "'fq help')", argv[1]);
		goto out;
	}
	if (!(c = find(argv[1]))) {
		rc = fq_fail(&fq, FQ_EUSAGE, "unknown command '%s' (see "
			     "'fq help')", argv[1]);
		goto out;
	}
	fq.cmd = c->name;
	if ((rc = output_options(&fq, &g)) == 0)
		rc = run(&fq, c, &g, &e, argc - 1, argv + 1);
out:
	rc = check_stdout(&fq, rc);
	if (rc && rc != FQ_MATCH)
		report(&fq, c, rc);
done:
	store_close(&fq);
	policy_free(fq.pol);
	arena_free(fq.mem);
	return rc;
}
