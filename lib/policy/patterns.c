/*
 * patterns.c - forbidden_patterns: POSIX extended regular expressions
 * that an answer may not match (after answers.c has normalised it).
 *
 * Decisions:
 *  - The expressions are read as UTF-8 whatever the locale fq runs in
 *    (C.UTF-8 through uselocale(3)), so that `不太?清楚` and `.` mean
 *    characters, not bytes, under cron as at a terminal.  Where the C
 *    library has no C.UTF-8, the current locale is used.
 *  - Each is compiled when the policy loads, so a bad one is a policy
 *    error with its line and column, and again when an answer is
 *    checked (a policy keeps no compiled state to free).
 */
#include <locale.h>
#include <regex.h>

#include "policy-private.h"

/* Switches to a UTF-8 character type; returns the locale to go back to. */
static locale_t
utf8_begin(locale_t *made)
{
	*made = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	return *made ? uselocale(*made) : (locale_t)0;
}

/* Goes back to the locale utf8_begin() left. */
static void
utf8_end(locale_t made, locale_t old)
{
	if (made) {
		uselocale(old);
		freelocale(made);
	}
}

/* Compiles `pattern` into *re (UTF-8); regcomp's code. */
static int
compile(regex_t *re, const char *pattern)
{
	locale_t made, old = utf8_begin(&made);
	int rc = regcomp(re, pattern, REG_EXTENDED);

	utf8_end(made, old);
	return rc;
}

int
policy_pattern_find(const char *pattern, const char *text, size_t *so,
		    size_t *eo)
{
	locale_t made, old;
	regmatch_t m[1];
	regex_t re;
	int rc;

	if (compile(&re, pattern))
		return -1;
	old = utf8_begin(&made);
	rc = regexec(&re, text, 1, m, 0);
	utf8_end(made, old);
	regfree(&re);
	if (rc)
		return 0;
	*so = (size_t)m[0].rm_so;
	*eo = (size_t)m[0].rm_eo;
	return 1;
}

/* One pattern, checked by compiling it. */
static const char *
pattern_item(struct ld *l, yaml_node_t *n)
{
	const char *s = pol_line(l, n, "forbidden_patterns");
	char why[160];
	regex_t re;
	int rc;

	if (!s)
		return NULL;	/* pol_line() refuses an empty one too */
	if ((rc = compile(&re, s))) {
		regerror(rc, &re, why, sizeof(why));
		pol_err(l, n, "bad pattern '%s' in forbidden_patterns: %s (use "
			"a POSIX extended regular expression)", s, why);
		return NULL;
	}
	regfree(&re);
	return s;
}

void
pol_patterns(struct ld *l, const struct field *f)
{
	yaml_node_t *n = opt(f);
	yaml_node_item_t *it;
	const char *s;

	if (!n || !pol_expect(l, n, YAML_SEQUENCE_NODE, "forbidden_patterns"))
		return;
	l->p->patterns = arena_alloc(l->a, sizeof(*l->p->patterns) *
				     (size_t)(count(n) + 1));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++)
		if ((s = pattern_item(l, nodeat(l, *it))))
			l->p->patterns[l->p->npatterns++] = s;
}
