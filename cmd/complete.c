/*
 * complete.c - fq __complete: what may come next on a command line, for
 * the shells' completion functions (cmd/completion/fq.bash and _fq).
 *
 *	fq __complete -- WORD... CURRENT
 *
 * The words are the line after "fq" up to the word being completed
 * (the last, maybe empty).  The first line of the answer is the kind of
 * that word: "words", then one candidate a line as VALUE<tab>WHAT (WHAT
 * for zsh to show), those that begin with CURRENT; "files" (the shell
 * completes a file name); or "none" (free text).
 *
 * Everything comes from what fq itself knows: the command table and its
 * summaries, each command's options (asked of its own parse call), its
 * usage line for the operands (ID, DEPT, COMMAND, FILE...), and the
 * policy and database in effect - those of --db and --policy on the
 * line being completed, else FQ_DB and FQ_POLICY - for the case ids
 * (those not closed first), departments, staff and categories.  bash
 * splits "--format=js" into --format, = and js, and "03:00" at the
 * colon: the words are joined back first.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "i18n.h"
#include "opts.h"
#include "policy.h"
#include "store.h"
#include "view.h"
#include "visible.h"

#define MAX_IDS 40		/* case ids offered at once */
#define SUMMARY_CHARS 30	/* of a case's summary beside its id */

const char usage_complete[] = "fq __complete -- WORD... CURRENT";

/* What the words before the current one say. */
struct line {
	const char *cmd, *sub;	/* the command and its subcommand */
	const struct opt *opts;	/* the command's options; NULL: none yet */
	const char *db, *policy;	/* --db and --policy */
	int operands;		/* words after the command (and sub) */
	int dashdash;		/* a "--" was given */
	const struct opt *value_of;	/* the current word is its value */
};

/* The answer: its kind and candidates, as they will be printed. */
struct answer {
	const char *kind;	/* "words", "files" or "none" */
	const char *text;	/* the candidate lines */
	const char *prefix;	/* what a candidate must begin with */
};

/* Adds a candidate that begins with the prefix, with what it is. */
static void
offer(struct fq *fq, struct answer *a, const char *value, const char *what)
{
	if (strncmp(value, a->prefix, strlen(a->prefix)))
		return;
	if (strcmp(a->kind, "files"))
		a->kind = "words";
	a->text = arena_printf(fq->mem, "%s\n%s\t%s", a->text, value,
			       text_visible(fq->mem, what ? what : "",
					    VIS_FOLD));
}

/* bash's words put back together: "--format" "=" "js", "03" ":" "00". */
static int
join_words(struct fq *fq, char **w, int n)
{
	int i, k = 0;

	for (i = 0; i < n; i++) {
		int eq = !strcmp(w[i], "=") && k > 0 &&
			 !strncmp(w[k - 1], "--", 2) && !strchr(w[k - 1], '=');
		int colon = !strcmp(w[i], ":") && k > 0;

		if (!eq && !colon) {
			w[k++] = w[i];
			continue;
		}
		/* The word before, the = or :, and the word after if any. */
		w[k - 1] = arena_printf(fq->mem, "%s%s%s", w[k - 1], w[i],
					i + 1 < n ? w[i + 1] : "");
		if (i + 1 < n)
			i++;
	}
	return k;
}

/* 1 when word ("--name", "--name=value") names o, or its start does. */
static int
names(const struct opt *o, const char *word, int whole)
{
	size_t n = strcspn(word + 2, "=");

	if (whole)
		return n == strlen(o->name) && !strncmp(word + 2, o->name, n);
	return n > 0 && !strncmp(word + 2, o->name, n);
}

/*
 * The option of a command that word names, or NULL: "--name",
 * "--name=value", or a start that only one name has (as getopt_long()
 * takes it).
 */
static const struct opt *
find_opt(const struct opt *opts, const char *word)
{
	const struct opt *o, *start = NULL;
	int starts = 0;

	for (o = opts; word[1] == '-' && o && o->name; o++) {
		if (names(o, word, 1))
			return o;
		if (names(o, word, 0) && starts++ == 0)
			start = o;
	}
	return starts == 1 ? start : NULL;
}

/* The global option word names, whole ("--db", "--db=x", "-q"), or NULL. */
static const struct opt *
find_global(const char *word)
{
	const struct opt *o;

	for (o = opts_globals(); o->name; o++)
		if (word[1] == '-' ? names(o, word, 1) :
		    o->val && word[1] == o->val && !word[2])
			return o;
	return NULL;
}

/* 1 when the command has subcommands (fq policy check|show|simulate). */
static int
has_subs(struct fq *fq, const char *cmd)
{
	const char **w;

	return opts_usage_words(fq, command_usage(cmd), 0, &w) > 0 &&
	       islower((unsigned char)w[0][0]);
}

/* Takes one word before the current one into the line. */
static void
take_word(struct fq *fq, struct line *l, char **w, int *i, int last)
{
	const char *word = w[*i], *value = NULL;
	const struct opt *o;

	if (!l->dashdash && !strcmp(word, "--")) {
		l->dashdash = 1;
		return;
	}
	if (!l->dashdash && word[0] == '-' && word[1]) {
		if (!(o = find_global(word)))
			o = find_opt(l->opts, word);
		if (!o || !o->has_arg)
			return;
		if (strchr(word, '='))
			value = strchr(word, '=') + 1;
		else if (*i + 1 == last)
			l->value_of = o;
		else
			value = w[++*i];
		if (value && !strcmp(o->name, "db"))
			l->db = value;
		else if (value && !strcmp(o->name, "policy"))
			l->policy = value;
		return;
	}
	if (!l->cmd) {
		l->cmd = command_usage(word) ? word : "";
		l->opts = *l->cmd ? command_options(fq, word, NULL) : NULL;
	} else if (!l->sub && *l->cmd && has_subs(fq, l->cmd)) {
		l->sub = word;
		l->opts = command_options(fq, l->cmd, word);
	} else {
		l->operands++;
	}
}

/* A path as the shell would give it: "~/x" under $HOME. */
static const char *
expand(struct fq *fq, const char *path)
{
	const char *home = getenv("HOME");

	if (path && !strncmp(path, "~/", 2) && home)
		return arena_printf(fq->mem, "%s%s", home, path + 1);
	return path;
}

/* The policy in effect, or NULL (its errors are not the shell's). */
static const struct policy *
policy(struct fq *fq, const struct line *l)
{
	if (!fq->pol && policy_load(fq, expand(fq, l->policy ? l->policy :
				    fq->policy_path), &fq->pol))
		fq->pol = NULL;
	return fq->pol;
}

/* Offers one case id, with its status and the start of its summary. */
static int
offer_id(struct fq *fq, long long id, const char *status,
	 const char *summary, void *arg)
{
	const char *s = summary ? summary : "";
	int chars = 0;
	size_t n;

	/* The first characters, cut before a UTF-8 lead byte. */
	for (n = 0; s[n]; n++)
		if (((unsigned char)s[n] & 0xc0) != 0x80 &&
		    chars++ == SUMMARY_CHARS)
			break;
	offer(fq, arg, arena_printf(fq->mem, "%lld", id),
	      arena_printf(fq->mem, "[%s] %.*s%s", status, (int)n, s,
			   s[n] ? "..." : ""));
	return 0;
}

/* Offers the case ids, those not closed first. */
static void
offer_ids(struct fq *fq, const struct line *l, struct answer *a)
{
	if (store_open(fq, expand(fq, l->db ? l->db : fq->db_path), 0) == 0)
		store_complete_ids(fq, a->prefix, MAX_IDS, offer_id, a);
}

/* Offers the commands (or, for a command that has them, its subs). */
static void
offer_commands(struct fq *fq, struct answer *a)
{
	const char *name, *summary;
	int i;

	for (i = 0; (name = command_nth(i, &summary)); i++)
		offer(fq, a, name, summary);
}

/* Offers the departments, staff or categories of the policy. */
static void
offer_policy(struct fq *fq, const struct line *l, int what,
	     struct answer *a)
{
	const struct policy *p = policy(fq, l);
	int i;

	for (i = 0; p && what == 'D' && i < p->ndepts; i++)
		offer(fq, a, p->depts[i].id, p->depts[i].name);
	for (i = 0; p && what == 'U' && i < p->nstaff; i++)
		offer(fq, a, p->staff[i].id, arena_printf(fq->mem, "%s (%s)",
		      p->staff[i].name, p->depts[p->staff[i].dept].name));
	for (i = 0; p && what == 'C' && i < p->ncats; i++)
		offer(fq, a, p->cats[i].id, p->cats[i].name);
}

/*
 * Offers what one kind of value names, by its name in the usage and in
 * struct opt (opts.h): case ids, commands, file names, departments
 * (D, DEPT), staff (U, PERSON), categories (C, CATEGORY); nothing for
 * free text.
 */
static void
offer_kind(struct fq *fq, const struct line *l, const char *kind,
	   struct answer *a)
{
	static const struct {
		const char *name;
		int what;
	} kinds[] = {
		{ "D", 'D' }, { "DEPT", 'D' }, { "U", 'U' }, { "PERSON", 'U' },
		{ "C", 'C' }, { "CATEGORY", 'C' },
	};
	size_t i;

	if (!strcmp(kind, "ID"))
		return offer_ids(fq, l, a);
	if (!strcmp(kind, "COMMAND"))
		return offer_commands(fq, a);
	if (!strcmp(kind, "FILE") || !strcmp(kind, "PATH")) {
		a->kind = "files";
		return;
	}
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kind, kinds[i].name))
			return offer_policy(fq, l, kinds[i].what, a);
}

/*
 * Offers what a value's name stands for: each of "open|closed", or
 * what "DEPT|all" or "FILE|-" name; a file name wins.
 */
static void
offer_value(struct fq *fq, const struct line *l, const char *name,
	    struct answer *a)
{
	char *copy = arena_strdup(fq->mem, name), *w, *save = NULL;

	for (w = strtok_r(copy, "|", &save); w; w = strtok_r(NULL, "|", &save))
		if (islower((unsigned char)w[0]))
			offer(fq, a, w, NULL);
		else
			offer_kind(fq, l, w, a);
}

/* Offers the options of the command and the global ones. */
static void
offer_options(struct fq *fq, const struct line *l, struct answer *a)
{
	const struct opt *o;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (o = pass ? opts_globals() : l->opts; o && o->name; o++)
			offer(fq, a, arena_printf(fq->mem, "--%s", o->name),
			      i18n_text(o->help));
}

/*
 * The name of the n-th operand in the command's usage (ID, DEPT, NOTE),
 * options and their values skipped; NULL when the usage has none.
 */
static const char *
operand(struct fq *fq, const struct line *l, int n)
{
	const char **w;
	int form, k, i, first;

	for (form = 0; (k = opts_usage_words(fq, command_usage(l->cmd), form,
					     &w)) >= 0; form++) {
		first = l->sub != NULL;
		if (l->sub && (k == 0 || strcmp(w[0], l->sub)))
			continue;
		for (i = first; i < k; i++) {
			const struct opt *o = w[i][0] == '-' ?
					      find_opt(l->opts, w[i]) : NULL;

			if (w[i][0] == '-') {
				i += o && o->has_arg;
				continue;
			}
			if (n-- == 0)
				return w[i];
		}
		return NULL;
	}
	return NULL;
}

/* Works out what the current word may be. */
static void
complete(struct fq *fq, const struct line *l, const char *cur,
	 struct answer *a)
{
	const struct opt *o;
	const char *eq, *name;
	const char **w;

	a->prefix = cur;
	if (l->value_of) {
		if (l->value_of->arg)
			offer_value(fq, l, l->value_of->arg, a);
		return;
	}
	if (!l->dashdash && cur[0] == '-') {
		if (!(eq = strchr(cur, '=')))
			return offer_options(fq, l, a);
		if (!(o = find_global(cur)))
			o = find_opt(l->opts, cur);
		a->prefix = eq + 1;
		if (o && o->arg)
			offer_value(fq, l, o->arg, a);
		return;
	}
	if (!l->cmd)
		return offer_commands(fq, a);
	if (!*l->cmd)
		return;
	if (!l->sub && has_subs(fq, l->cmd)) {
		for (int form = 0; opts_usage_words(fq, command_usage(l->cmd),
						    form, &w) > 0; form++)
			offer(fq, a, w[0], NULL);
		return;
	}
	if ((name = operand(fq, l, l->operands)))
		offer_value(fq, l, name, a);
}

int
cmd_complete(struct fq *fq, int argc, char **argv)
{
	struct line l = { 0 };
	struct answer a = { "none", "", "" };
	int i, first, n;

	opts_reset();
	if (opts_next(fq, argc, argv, "", (const struct opt[]){ { 0 } }) != -1)
		return FQ_EUSAGE;
	/* optind is ours no more once a command is asked for its options. */
	if ((first = optind) >= argc)
		return fq_fail(fq, FQ_EUSAGE, "missing the word to complete");
	n = first + join_words(fq, argv + first, argc - first);
	for (i = first; i < n - 1; i++)
		take_word(fq, &l, argv, &i, n - 1);
	complete(fq, &l, argv[n - 1], &a);
	return view_say(fq, "%s%s", a.kind, a.text);
}
