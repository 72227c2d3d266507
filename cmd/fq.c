/*
 * fq.c - main: global options, the command table, and the setup each
 * command asks for (policy, time zone, clock, database, actor), done once
 * here so that no command repeats it.
 */
#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "cmds.h"
#include "i18n.h"
#include "opts.h"
#include "paths.h"
#include "policy.h"
#include "privilege.h"
#include "roles.h"
#include "store.h"
#include "visible.h"

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
	{ "promise", cmd_promise, usage_promise, CASE_STEP,
	  "tell the guest by when, and why not now; keep it" },
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
	{ "search", cmd_search, usage_search,
	  NEED_POLICY | NEED_DB | NEED_STAFF,
	  "cases whose texts hold every word, with the snippets" },
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
	{ "__complete", cmd_complete, usage_complete, HIDDEN,
	  "what may come next on a command line (for the shells)" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char usage_fq[] =
	"usage: fq [--db PATH] [--policy PATH] [--as USER] [--format FORMAT]\n"
	"          [-q] [--color WHEN] [--raw-csv] [--bom] COMMAND [ARGS]\n"
	"       fq -V | --version\n"
	"       fq help [COMMAND]";

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

	return c ? i18n_text(c->usage) : NULL;
}

void
command_list(struct fq *fq, FILE *f)
{
	size_t i;

	fprintf(f, _("%s\n\ncommands:\n"), i18n_text(usage_fq));
	for (i = 0; i < NCOMMANDS; i++)
		if (!(commands[i].flags & HIDDEN))
			fprintf(f, "  %-10s %s\n", commands[i].name,
				i18n_text(commands[i].summary));
	fprintf(f, _("\nglobal options, before or after the command:\n%s"),
		opts_help(fq, opts_globals()));
	fputs(_("\nSee 'fq help COMMAND' or 'man fq-COMMAND'.\n"), f);
}

const char *
command_nth(int i, const char **summary)
{
	int k;

	for (k = 0; k < (int)NCOMMANDS; k++) {
		if (commands[k].flags & HIDDEN || i-- > 0)
			continue;
		if (summary)
			*summary = commands[k].summary;
		return commands[k].name;
	}
	return NULL;
}

const char *
command_nearest(struct fq *fq, const char *typed)
{
	const char *names[NCOMMANDS];
	int n = 0;

	while ((names[n] = command_nth(n, NULL)))
		n++;
	return opts_nearest(fq, typed, names, n);
}

/* A command's options, from its first parse call (see opts_probe()). */
static const struct opt *
probe(struct fq *fq, const struct command *c, const char *sub)
{
	char *argv[] = { (char *)c->name, (char *)sub, NULL };
	char *err = fq->err;
	int code = fq->err_code;

	opts_probe();
	c->fn(fq, sub ? 2 : 1, argv);
	fq->err = err;
	fq->err_code = code;
	return opts_probed();
}

/* The subcommand of a usage form ("check" of "fq policy check"), or NULL. */
static const char *
form_sub(const char **words, int n)
{
	return n > 0 && islower((unsigned char)words[0][0]) ? words[0] : NULL;
}

/* Appends to all[0..*k) the options of o it lacks; returns all. */
static struct opt *
add_new(struct fq *fq, struct opt *all, int *k, int *cap, const struct opt *o)
{
	int j;

	for (; o && o->name; o++) {
		for (j = 0; j < *k && strcmp(all[j].name, o->name); j++)
			;
		if (j < *k)
			continue;
		all = arena_grow(fq->mem, all, sizeof(*all), cap, *k + 2);
		all[(*k)++] = *o;
	}
	return all;
}

const struct opt *
command_options(struct fq *fq, const char *name, const char *sub)
{
	const struct command *c = find(name);
	const char **w;
	struct opt *all;
	int form, n, k = 0, cap = 0;

	if (!c)
		return NULL;
	if (sub)
		return probe(fq, c, sub);
	/* Every form's options, each once (the subcommands of fq policy). */
	all = arena_grow(fq->mem, NULL, sizeof(*all), &cap, 1);
	for (form = 0; (n = opts_usage_words(fq, c->usage, form, &w)) >= 0;
	     form++)
		if (form == 0 || form_sub(w, n))
			all = add_new(fq, all, &k, &cap,
				      probe(fq, c, form_sub(w, n)));
	memset(&all[k], 0, sizeof(all[k]));
	return all;
}

const char *
command_help(struct fq *fq, const char *name)
{
	const struct command *c = find(name);
	const char *opts;

	if (!c)
		return NULL;
	opts = opts_help(fq, command_options(fq, name, NULL));
	return arena_printf(fq->mem, _("usage: %s\n%s%s\nThe global options "
			    "are in 'fq help'; the whole story in 'man "
			    "fq-%s'."), i18n_text(c->usage), *opts ? "\n" : "",
			    opts, c->name + strspn(c->name, "_"));
}

/* Fails for an unknown command or global option, naming the nearest. */
static int
unknown(struct fq *fq, const char *arg)
{
	const struct opt *g = opts_globals();
	const char *names[32], *near;
	int n;

	if (arg[0] != '-') {
		if ((near = command_nearest(fq, arg)))
			return fq_fail(fq, FQ_EUSAGE, "'%s' is not an fq "
				       "command; did you mean %s?", arg, near);
		return fq_fail(fq, FQ_EUSAGE, "'%s' is not an fq command (see "
			       "'fq help')", arg);
	}
	for (n = 0; g[n].name && n < 32; n++)
		names[n] = arena_printf(fq->mem, "--%s", g[n].name);
	if (!strncmp(arg, "--", 2) && (near = opts_nearest(fq, arg, names, n)))
		return fq_fail(fq, FQ_EUSAGE, "unknown option '%s'; did you "
			       "mean %s?", arg, near);
	return fq_fail(fq, FQ_EUSAGE, "unknown option '%s' (see 'fq help')",
		       arg);
}

/* Prints the error a command returned, as "fq: COMMAND: message". */
static void
report(struct fq *fq, const struct command *c, int rc)
{
	const char *p, *nl;

	if (!fq->err)
		fq->err = arena_printf(fq->mem, _("failed (exit %d)"), rc);
	for (p = fq->err; p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);
		/* What was typed must not reach a terminal as a control. */
		const char *s = text_visible(fq->mem, arena_strndup(fq->mem, p,
					     (size_t)n), 0);

		if (fq->err_raw)
			fprintf(stderr, "%s\n", s);
		else if (fq->cmd)
			fprintf(stderr, "fq: %s: %s\n", fq->cmd, s);
		else
			fprintf(stderr, "fq: %s\n", s);
	}
	if (rc == FQ_EUSAGE && c)
		fprintf(stderr, _("usage: %s\n"), i18n_text(c->usage));
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
	fq->format_given = g->format != NULL;
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
	/* the password database only when the login matters */
	const char *login = fq->installed || !named ? paths_login(fq) : NULL;

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

	if (rc)
		return rc;
	i18n_init(fq->pol->language);	/* the site's, if the env has none */
	return clock_zone(fq, fq->pol->timezone);
}

/*
 * A writing command's standard output, held in memory from its setup
 * until it has committed, then written: a full disk cannot undo a
 * change, and cannot pass for a change that failed (exit 74).
 */
static struct {
	FILE *real;		/* stdout, while a memory stream stands in */
	char *buf;
	size_t len;
} held;

/* Points stdout at a memory stream (allocates, till release_stdout). */
static int
hold_stdout(struct fq *fq)
{
	FILE *mem = open_memstream(&held.buf, &held.len);

	if (!mem)
		return fq_fail(fq, FQ_EINTERNAL, "cannot hold standard output: "
			       "%s", strerror(errno));
	fflush(stdout);
	held.real = stdout;
	stdout = mem;
	return 0;
}

/*
 * Puts stdout back and, when rc is 0, writes what was held to it.
 * Returns 0, or -1 with errno when the held output was lost.
 */
static int
release_stdout(int rc)
{
	FILE *mem = stdout;
	int bad;

	if (!held.real)
		return 0;
	stdout = held.real;
	held.real = NULL;
	bad = fclose(mem) != 0;
	if (!bad && rc == 0 && held.len > 0 &&
	    fwrite(held.buf, 1, held.len, stdout) != held.len)
		bad = 1;
	free(held.buf);
	return bad ? -1 : 0;
}

/*
 * The error of a command whose standard output failed: exit 74, saying
 * what it did record, if anything, and how to see it.
 */
static int
output_failed(struct fq *fq, int e)
{
	const char *why = e ? strerror(e) : "write error";
	long long id = fq->recorded;

	if (id > 0)
		return fq_fail(fq, FQ_EIO, "the change was recorded (case "
			       "#%lld), but standard output could not be "
			       "written: %s; 'fq show %lld' shows it%s", id,
			       why, id, strcmp(fq->cmd, "log") ? "" :
			       " (with 'fq log --key' a retry is safe)");
	if (id < 0)
		return fq_fail(fq, FQ_EIO, "the change was recorded, but "
			       "standard output could not be written: %s",
			       why);
	return fq_fail(fq, FQ_EIO, "standard output could not be written: "
		       "%s", why);
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
		if ((rc = hold_stdout(fq)))
			return rc;
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
		printf("%s\n", command_help(fq, c->name));
		return 0;
	}
	if ((rc = setup(fq, g, e, c->flags)))
		return rc;
	rc = c->fn(fq, argc, argv);
	if (c->flags & WRITES) {
		if (rc == 0)
			rc = store_commit(fq);
		if (rc)
			store_rollback(fq);
	}
	return rc;
}

/*
 * Checks that standard output was really written (a full disk, EPIPE):
 * first writes what a writing command held back, if it succeeded.
 */
static int
check_stdout(struct fq *fq, int rc)
{
	int e = release_stdout(rc) ? errno : 0;

	if (fflush(stdout) && !e)
		e = errno;
	if ((e || ferror(stdout)) && rc == 0)
		rc = output_failed(fq, e);
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

	/* Character classes and messages only (i18n.c says why). */
	i18n_init(NULL);
	fq.mem = arena_new();
	/* Before anything reads the environment (fq(1), SECURITY). */
	if ((fq.installed = privilege_installed()))
		privilege_sanitize(fq.mem, &e);
	argc = opts_take_global(&fq, 1, argc, argv, &g);
	if (argc < 0) {
		rc = FQ_EUSAGE;
		goto out;
	}
	if (g.version) {
		printf("fq %s\n", FQ_VERSION);
		rc = 0;
		goto out;
	}
	if (argc < 2) {
		/* The list on stderr is the whole message. */
		command_list(&fq, g.help ? stdout : stderr);
		rc = check_stdout(&fq, g.help ? 0 : FQ_EUSAGE);
		goto done;
	}
	if (argv[1][0] == '-' || !(c = find(argv[1]))) {
		rc = unknown(&fq, argv[1]);
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
