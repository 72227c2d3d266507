/*
 * opts.c - command-line parsing shared by every command.
 */
#include <stdio.h>
#include <string.h>

#include "opts.h"

/* A global option: its long name, short letter, whether it takes a value. */
static const struct {
	const char *name;
	char letter;
	int has_arg;
} globals[] = {
	{ "db", 0, 1 },
	{ "policy", 0, 1 },
	{ "as", 0, 1 },
	{ "format", 0, 1 },
	{ "color", 0, 1 },
	{ "quiet", 'q', 0 },
	{ "help", 'h', 0 },
	{ "raw-csv", 0, 0 },
	{ "bom", 0, 0 },
};

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
	}
}

/* Which global option arg names (-1: none); *inline_v gets "--x=v"'s v. */
static int
lookup(const char *arg, const char **inline_v)
{
	size_t i, n;

	*inline_v = NULL;
	for (i = 0; i < sizeof(globals) / sizeof(globals[0]); i++) {
		if (globals[i].letter && arg[0] == '-' &&
		    arg[1] == globals[i].letter && !arg[2])
			return (int)i;
		if (strncmp(arg, "--", 2))
			continue;
		n = strlen(globals[i].name);
		if (strncmp(arg + 2, globals[i].name, n))
			continue;
		if (!arg[2 + n])
			return (int)i;
		if (arg[2 + n] == '=' && globals[i].has_arg) {
			*inline_v = arg + 3 + n;
			return (int)i;
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

void
opts_reset(void)
{
	optind = 0;
	opterr = 0;
}

int
opts_next(struct fq *fq, int argc, char **argv, const char *shortopts,
	  const struct option *longopts)
{
	char buf[256];
	int c;

	/* ':' first: a missing value is reported as ':' rather than '?'. */
	snprintf(buf, sizeof(buf), ":%s", shortopts);
	c = getopt_long(argc, argv, buf, longopts, NULL);
	if (c == '?') {
		if (optopt)
			fq_fail(fq, FQ_EUSAGE, "unknown option '-%c'", optopt);
		else
			fq_fail(fq, FQ_EUSAGE, "unknown option '%s'",
				argv[optind - 1]);
		return '?';
	}
	if (c == ':') {
		fq_fail(fq, FQ_EUSAGE, "option '%s' needs a value",
			argv[optind - 1]);
		return '?';
	}
	return c;
}

int
opts_count(struct fq *fq, int argc, char **argv, int min, int max,
	   const char *what)
{
	int n = argc - optind;

	if (n < min)
		return fq_fail(fq, FQ_EUSAGE, "missing %s", what);
	if (max >= 0 && n > max)
		return fq_fail(fq, FQ_EUSAGE, "unexpected argument '%s'",
			       argv[optind + max]);
	return 0;
}
