/*
 * opts.c - command-line parsing shared by every command.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "opts.h"

#define OPTS_MAX 32		/* options of one command, at most */
#define HELP_COLUMN 24		/* where an option's help line starts */

/* The global options; a short letter is the val (store() goes by index). */
static const struct opt globals[] = {
	{ "db", required_argument, 0, "PATH",
	  "the database file (else $FQ_DB, else the XDG one)" },
	{ "policy", required_argument, 0, "PATH",
	  "the policy file (else $FQ_POLICY, else the XDG one)" },
	{ "as", required_argument, 0, "PERSON",
	  "act as this staff member (else $FQ_USER, the login)" },
	{ "format", required_argument, 0,
	  "table|tsv|csv|json|jsonl|markdown",
	  "the output format (table on a terminal, else tsv)" },
	{ "color", required_argument, 0, "auto|always|never",
	  "colour (auto: on a terminal, unless NO_COLOR is set)" },
	{ "quiet", no_argument, 'q', NULL,
	  "say less: only what a script needs" },
	{ "help", no_argument, 'h', NULL, "this help" },
	{ "raw-csv", no_argument, 0, NULL,
	  "CSV cells as stored, without the spreadsheet guard" },
	{ "bom", no_argument, 0, NULL,
	  "start CSV with a byte order mark (Excel)" },
	{ "version", no_argument, 'V', NULL, "print fq's version" },
	{ NULL, 0, 0, NULL, NULL },
};

#define NGLOBALS ((int)(sizeof(globals) / sizeof(globals[0])) - 1)

/* Stores the value of global option i. */
static void
store(struct global_opts *g, int i, const char *v)
{
	switch (i) {
	case 0: g->db = v; break;
	case 1: g->policy = v; break;
	case 2: g->as = v; break;
	case 3: g->format = v; break;
	case 4: g->color = v; break;
	case 5: g->quiet = 1; break;
	case 6: g->help = 1; break;
	case 7: g->raw_csv = 1; break;
	case 8: g->bom = 1; break;
	case 9: g->version = 1; break;
	}
}

/* Which global option arg names (-1: none); *inline_v gets "--x=v"'s v. */
static int
lookup(const char *arg, const char **inline_v)
{
	size_t n;
	int i;

	*inline_v = NULL;
	for (i = 0; i < NGLOBALS; i++) {
		if (globals[i].val && arg[0] == '-' &&
		    arg[1] == globals[i].val && !arg[2])
			return i;
		if (strncmp(arg, "--", 2))
			continue;
		n = strlen(globals[i].name);
		if (strncmp(arg + 2, globals[i].name, n))
			continue;
		if (!arg[2 + n])
			return i;
		if (arg[2 + n] == '=' && globals[i].has_arg) {
			*inline_v = arg + 3 + n;
			return i;
		}
	}
	return -1;
}

int
opts_take_global(struct fq *fq, int from, int argc, char **argv,
		 struct global_opts *g)
{
	int i, out = from, k;
	const char *v;

	for (i = from; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if ((k = lookup(argv[i], &v)) < 0) {
			argv[out++] = argv[i];
			continue;
		}
		if (globals[k].has_arg && !v) {
			if (i + 1 >= argc)
				return fq_fail(fq, FQ_EUSAGE, "option '--%s' "
					       "needs a value", globals[k].name),
				       -1;
			v = argv[++i];
		}
		store(g, k, v);
	}
	argv[out] = NULL;
	return out;
}

const struct opt *
opts_globals(void)
{
	return globals;
}

/* The probe of opts_probe(): on, and what the command handed over. */
static int probing;
static const struct opt *probed;

void
opts_probe(void)
{
	probing = 1;
	probed = NULL;
}

const struct opt *
opts_probed(void)
{
	probing = 0;
	return probed;
}

/* Ends a probe at the command's first parse call, recording opts. */
static int
probe_stop(struct fq *fq, const struct opt *opts)
{
	static const struct opt none[] = { { NULL, 0, 0, NULL, NULL } };

	probed = opts ? opts : none;
	return fq_fail(fq, FQ_EUSAGE, "asked for its options");
}

void
opts_reset(void)
{
	optind = 0;
	opterr = 0;
}

/* The "--name"s of opts and of the global options, for suggestions. */
static const char **
option_names(struct fq *fq, const struct opt *opts, int *n)
{
	const char **names;
	int i, k = 0, m = 0;

	while (opts[m].name)
		m++;
	names = arena_alloc(fq->mem, (size_t)(m + NGLOBALS) * sizeof(*names));
	for (i = 0; i < m; i++)
		names[k++] = arena_printf(fq->mem, "--%s", opts[i].name);
	for (i = 0; i < NGLOBALS; i++)
		names[k++] = arena_printf(fq->mem, "--%s", globals[i].name);
	*n = k;
	return names;
}

/* Fails for an unknown option, naming the nearest ones of opts. */
static int
unknown(struct fq *fq, const char *arg, const struct opt *opts)
{
	const char *typed = arena_strdup(fq->mem, arg), *near;
	const char **names;
	char *eq = strchr(typed, '=');
	int n;

	if (eq)
		*eq = '\0';
	names = option_names(fq, opts, &n);
	if (strncmp(typed, "--", 2) ||
	    !(near = opts_nearest(fq, typed, names, n)))
		return fq_fail(fq, FQ_EUSAGE, "unknown option '%s'", typed);
	return fq_fail(fq, FQ_EUSAGE, "unknown option '%s'; did you mean %s?",
		       typed, near);
}

/* 1 when a value's name is fixed words only ("open|closed"). */
static int
fixed_words(const char *arg)
{
	const char *p;

	if (!arg || !strchr(arg, '|'))
		return 0;
	for (p = arg; *p; p++)
		if (isupper((unsigned char)*p))
			return 0;
	return 1;
}

/* Refuses a value outside an option's fixed words, naming them. */
static int
check_words(struct fq *fq, const struct opt *o, const char *v)
{
	const char *words[OPTS_MAX], *list = NULL, *near;
	char *copy = arena_strdup(fq->mem, o->arg), *w, *save = NULL;
	int n = 0, i;

	for (w = strtok_r(copy, "|", &save); w && n < OPTS_MAX;
	     w = strtok_r(NULL, "|", &save)) {
		if (!strcmp(w, v))
			return 0;
		words[n++] = w;
	}
	for (i = 0; i < n; i++)
		list = !list ? words[i] : arena_printf(fq->mem, i == n - 1 ?
			/* TRANSLATORS: the last of a list: "a, b or c" */
			_("%s or %s") : "%s, %s", list, words[i]);
	near = opts_nearest(fq, v, words, n);
	if (near)
		return fq_fail(fq, FQ_EUSAGE, "--%s takes %s, not '%s'; did you "
			       "mean %s?", o->name, list, v, near);
	return fq_fail(fq, FQ_EUSAGE, "--%s takes %s, not '%s'", o->name, list,
		       v);
}

/* Copies opts into getopt_long()'s array; -1 when there are too many. */
static int
to_getopt(const struct opt *opts, struct option *lo)
{
	int i;

	for (i = 0; opts[i].name; i++) {
		if (i == OPTS_MAX)
			return -1;
		lo[i].name = opts[i].name;
		lo[i].has_arg = opts[i].has_arg;
		lo[i].flag = NULL;
		lo[i].val = opts[i].val;
	}
	memset(&lo[i], 0, sizeof(lo[i]));
	return i;
}

int
opts_next(struct fq *fq, int argc, char **argv, const char *shortopts,
	  const struct opt *opts)
{
	struct option lo[OPTS_MAX + 1];
	char buf[256];
	int c, index = -1;

	if (probing)
		return probe_stop(fq, opts), '?';
	if (to_getopt(opts, lo) < 0)
		return fq_fail(fq, FQ_EINTERNAL, "more than %d options",
			       OPTS_MAX), '?';
	/* ':' first: a missing value is reported as ':' rather than '?'. */
	snprintf(buf, sizeof(buf), ":%s", shortopts);
	c = getopt_long(argc, argv, buf, lo, &index);
	if (c == '?') {
		if (optopt && !strncmp(argv[optind - 1], "--", 2))
			fq_fail(fq, FQ_EUSAGE, "option '%.*s' takes no value",
				(int)strcspn(argv[optind - 1], "="),
				argv[optind - 1]);
		else if (optopt)
			fq_fail(fq, FQ_EUSAGE, "unknown option '-%c'", optopt);
		else
			unknown(fq, argv[optind - 1], opts);
		return '?';
	}
	if (c == ':') {
		fq_fail(fq, FQ_EUSAGE, "option '%s' needs a value",
			argv[optind - 1]);
		return '?';
	}
	if (index >= 0 && optarg && fixed_words(opts[index].arg) &&
	    check_words(fq, &opts[index], optarg))
		return '?';
	return c;
}

int
opts_count(struct fq *fq, int argc, char **argv, int min, int max,
	   const char *what)
{
	int n = argc - optind;

	if (probing)
		return probe_stop(fq, NULL);
	if (n < min)
		return fq_fail(fq, FQ_EUSAGE, "missing %s", i18n_text(what));
	if (max >= 0 && n > max)
		return fq_fail(fq, FQ_EUSAGE, "unexpected argument '%s'",
			       argv[optind + max]);
	return 0;
}

/*
 * One option's line(s) of help: "  -q, --quiet   say less", the help
 * translated here (po/tables.awk extracts it from the struct opt).
 */
static const char *
help_line(struct fq *fq, const struct opt *o, int letter)
{
	const char *value = o->arg ? o->arg : "", *left;
	const char *help = i18n_text(o->help);

	if (letter)
		left = arena_printf(fq->mem, "  -%c, --%s%s%s", o->val, o->name,
				    o->arg ? " " : "", value);
	else
		left = arena_printf(fq->mem, "  --%s%s%s", o->name,
				    o->arg ? " " : "", value);
	if ((int)strlen(left) > HELP_COLUMN - 2)
		return arena_printf(fq->mem, "%s\n%*s%s\n", left, HELP_COLUMN,
				    "", help);
	return arena_printf(fq->mem, "%-*s%s\n", HELP_COLUMN, left, help);
}

const char *
opts_help(struct fq *fq, const struct opt *opts)
{
	const char *s = "";
	int i;

	for (i = 0; opts && opts[i].name; i++)
		s = arena_printf(fq->mem, "%s%s", s, help_line(fq, &opts[i],
				 opts == globals && opts[i].val));
	return s;
}

/* The lower-case ASCII of c, for comparing names. */
static int
fold(int c)
{
	return tolower((unsigned char)c);
}

/*
 * The Damerau-Levenshtein distance of a and b (optimal string alignment:
 * insert, delete, substitute, or swap two neighbours), at most 32 bytes
 * of each counted; a longer name is far anyway.
 */
static int
distance(const char *a, const char *b)
{
	int d[34][34], i, j, n = (int)strlen(a), m = (int)strlen(b), best;

	if (n > 32 || m > 32)
		return 99;
	for (i = 0; i <= n; i++)
		d[i][0] = i;
	for (j = 0; j <= m; j++)
		d[0][j] = j;
	for (i = 1; i <= n; i++) {
		for (j = 1; j <= m; j++) {
			int cost = fold(a[i - 1]) != fold(b[j - 1]);

			best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 &&
			    fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[n][m];
}

/* How near name is to typed: 0 when typed starts it, else the edits. */
static int
nearness(const char *typed, const char *name)
{
	size_t n = strlen(typed);

	if (n >= 1 && n < strlen(name) && !strncasecmp(name, typed, n))
		return 0;
	return distance(typed, name);
}

const char *
opts_nearest(struct fq *fq, const char *typed, const char *const *names,
	     int n)
{
	const char *s = NULL;
	int i, best = 99, limit, len = (int)strlen(typed), k = 0, found = 0;

	/* "--x" counts as the letters after its dashes. */
	if (!strncmp(typed, "--", 2))
		len -= 2;
	limit = len <= 3 ? 1 : 2;
	for (i = 0; i < n; i++) {
		int d = nearness(typed, names[i]);

		if (d < best && d <= limit && d < len)
			best = d;
	}
	if (best == 99)
		return NULL;
	for (i = 0; i < n; i++)
		if (nearness(typed, names[i]) == best)
			found++;
	for (i = 0; i < n && k < 5; i++) {
		if (nearness(typed, names[i]) != best)
			continue;
		k++;
		s = !s ? arena_printf(fq->mem, "'%s'", names[i]) :
		    arena_printf(fq->mem, k == found || k == 5 ? _("%s or %s")
				 : "%s, %s", s, arena_printf(fq->mem, "'%s'",
				 names[i]));
	}
	return s;
}

/* Where the n-th form of a usage text starts, or NULL past the last. */
static const char *
usage_form(const char *usage, int n)
{
	const char *p = usage, *line;

	for (line = p; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1
						      : NULL) {
		p = line + strspn(line, " \t");
		if (strncmp(p, "fq ", 3))
			continue;
		if (n-- == 0)
			return p;
	}
	return NULL;
}

int
opts_usage_words(struct fq *fq, const char *usage, int n, const char ***words)
{
	const char *p = usage_form(usage, n), *end;
	const char **w;
	int k = 0, seen = 0, cap = 0;

	if (!p)
		return -1;
	w = arena_grow(fq->mem, NULL, sizeof(*w), &cap, 1);
	for (;; p = end, seen++) {
		p += strspn(p, " \t\n[]");
		end = p + strcspn(p, " \t\n[]");
		if (end == p || (seen && end - p == 2 && !strncmp(p, "fq", 2)))
			break;		/* the end, or the next form */
		if (seen < 2)
			continue;	/* "fq COMMAND" */
		w = arena_grow(fq->mem, w, sizeof(*w), &cap, k + 2);
		w[k++] = arena_strndup(fq->mem, p, (size_t)(end - p));
	}
	w[k] = NULL;
	*words = w;
	return k;
}
