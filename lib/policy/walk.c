/*
 * walk.c - the YAML walk: typed reads of libyaml's document nodes, each
 * error recorded at the node it is about.
 *
 * Decisions:
 *  - An empty value (`key:`, `~`, `null`) counts as absent for an optional
 *    key and as missing for a required one.
 *  - Booleans are `true` or `false` (or True, TRUE, False, FALSE).
 *  - Ids (departments, staff, categories) are 1 to 64 of [A-Za-z0-9._-],
 *    starting with a letter or digit, so they can be typed as arguments.
 *  - Paths in messages name where a value sits: "categories.inquiry.name",
 *    or for a list item "repeat of escalation level 2".
 */
#include <string.h>

#include "i18n.h"
#include "policy-private.h"
#include "text.h"
#include "utf8.h"

#define MAX_KNOWN	12	/* ids listed in a "known:" hint */

static const char dur_hint[] = "use 90s, 3m, 2h, 1d, 1h30m, 4bh or 1wd";

/* How a node is named in messages. */
static const char *
kind(const yaml_node_t *n)
{
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	return isnull(n) ? "an empty value" : "a string";
}

/* 1 when n has type t; else records what was expected at path. */
int
pol_expect(struct ld *l, yaml_node_t *n, yaml_node_type_t t, const char *path)
{
	const char *want;

	if (n->type == t && !isnull(n))
		return 1;
	want = t == YAML_MAPPING_NODE ? "a mapping" :
	       t == YAML_SEQUENCE_NODE ? "a list" : "a string";
	pol_err(l, n, "expected %s for %s, not %s", want, path, kind(n));
	return 0;
}

/*
 * The path of `key` under `path`: "categories.inquiry.name", or for a
 * list item "repeat of escalation level 2".  The top level is "".
 */
const char *
pol_sub(struct ld *l, const char *path, const char *key)
{
	if (!*path)
		return key;
	if (strchr(path, ' '))
		return arena_printf(l->a, "%s of %s", key, path);
	return arena_printf(l->a, "%s.%s", path, key);
}

/* A path as the subject of "in ...". */
static const char *
where(const char *path)
{
	return *path ? path : _("the policy");
}

/* A scalar's text, with no NUL in it; NULL after an error. */
const char *
pol_text(struct ld *l, yaml_node_t *n, const char *path)
{
	if (n->type != YAML_SCALAR_NODE) {
		pol_err(l, n, "expected a string for %s, not %s", path,
			kind(n));
		return NULL;
	}
	if (strlen(sv(n)) != n->data.scalar.length) {
		pol_err(l, n, "NUL character in %s", path);
		return NULL;
	}
	return sv(n);
}

/* One line of text (a name, a phone, a phrase) copied to the arena. */
const char *
pol_line(struct ld *l, yaml_node_t *n, const char *path)
{
	const char *s;
	unsigned cp;
	int len;

	if (!(s = pol_text(l, n, path)))
		return NULL;
	if (!*s) {
		pol_err(l, n, "empty value for %s (expected some text)", path);
		return NULL;
	}
	/* C0, DEL, C1 and bidi controls (text.h); libyaml gave UTF-8. */
	for (; *s; s += len) {
		len = utf8_decode(s, strnlen(s, 4), &cp);
		if (len < 0 || text_is_control(cp)) {
			pol_err(l, n, "control character in %s (expected one "
				"line of text)", path);
			return NULL;
		}
	}
	return arena_strdup(l->a, sv(n));
}

/*
 * For each pair of mapping m, the place of the first earlier pair with
 * the same key, or -1 (arena).
 */
static const int *
repeats(struct ld *l, yaml_node_t *m)
{
	const char **s = arena_alloc(l->a, room(m, sizeof(*s)));
	yaml_node_t *k;
	int i, n = count(m);

	for (i = 0; i < n; i++) {
		k = nodeat(l, m->data.mapping.pairs.start[i].key);
		s[i] = k->type == YAML_SCALAR_NODE ? sv(k) : NULL;
	}
	return pol_first_same(l, s, n);
}

/*
 * 1 when the key of pair pr is a usable key of m, and not a repeat;
 * first comes from repeats(l, m).
 */
static int
keyok(struct ld *l, yaml_node_t *m, yaml_node_pair_t *pr, const char *path,
      const int *first)
{
	yaml_node_t *k = nodeat(l, pr->key), *k2;
	int j = first[pr - m->data.mapping.pairs.start];

	if (k->type != YAML_SCALAR_NODE) {
		pol_err(l, k, "expected a plain key in %s, not %s", where(path),
			kind(k));
		return 0;
	}
	if (j >= 0) {
		k2 = nodeat(l, m->data.mapping.pairs.start[j].key);
		pol_err(l, k, "duplicate key '%s' in %s (first at line %lu)",
			sv(k), where(path),
			(unsigned long)k2->start_mark.line + 1);
		return 0;
	}
	return 1;
}

/* The keys of f, as a list for a message. */
static const char *
keylist(struct ld *l, const struct field *f, int nf)
{
	const char *s = f[0].key;
	int i;

	for (i = 1; i < nf; i++)
		s = arena_printf(l->a, "%s, %s", s, f[i].key);
	return s;
}

/*
 * Sorts the values of mapping m into f by key, recording unknown and
 * duplicate keys.  m must be a mapping.
 */
void
pol_fields(struct ld *l, yaml_node_t *m, const char *path, struct field *f,
	   int nf)
{
	const int *first = repeats(l, m);
	yaml_node_pair_t *pr;
	yaml_node_t *k;
	int i;

	for (pr = m->data.mapping.pairs.start;
	     pr < m->data.mapping.pairs.top; pr++) {
		if (!keyok(l, m, pr, path, first))
			continue;
		k = nodeat(l, pr->key);
		for (i = 0; i < nf && strcmp(f[i].key, sv(k)); i++)
			;
		if (i == nf) {
			pol_err(l, k, "unknown key '%s' in %s (expected %s)",
				sv(k), where(path), keylist(l, f, nf));
			continue;
		}
		f[i].v = nodeat(l, pr->value);
	}
}

/*
 * The value of a required field of mapping m; NULL after recording that
 * it is missing or empty.
 */
yaml_node_t *
pol_need(struct ld *l, yaml_node_t *m, const struct field *f, const char *path)
{
	if (!f->v) {
		pol_err(l, m, "missing key '%s' in %s", f->key, where(path));
		return NULL;
	}
	if (isnull(f->v)) {
		pol_err(l, f->v, "missing value for %s",
			pol_sub(l, path, f->key));
		return NULL;
	}
	return f->v;
}

/* A required line of text (a name). */
const char *
pol_reqline(struct ld *l, yaml_node_t *m, const struct field *f,
	    const char *path)
{
	yaml_node_t *n = pol_need(l, m, f, path);

	return n ? pol_line(l, n, pol_sub(l, path, f->key)) : NULL;
}

/* An optional line of text; NULL when absent. */
const char *
pol_optline(struct ld *l, const struct field *f, const char *path)
{
	yaml_node_t *n = opt(f);

	return n ? pol_line(l, n, pol_sub(l, path, f->key)) : NULL;
}

/* An optional e-mail address (name@domain, no blanks). */
const char *
pol_optmail(struct ld *l, const struct field *f, const char *path)
{
	const char *s = pol_optline(l, f, path), *at;

	if (!s)
		return NULL;
	at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@') ||
	    strpbrk(s, " <>,;\"")) {
		pol_err(l, f->v, "malformed e-mail address '%s' in %s (use "
			"name@example.org)", s, pol_sub(l, path, f->key));
		return NULL;
	}
	return s;
}

/* An optional true or false; 0 when absent. */
int
pol_flag(struct ld *l, const struct field *f, const char *path)
{
	yaml_node_t *n = opt(f);
	const char *s;

	if (!n || !(s = pol_text(l, n, pol_sub(l, path, f->key))))
		return 0;
	if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
		return 1;
	if (strcmp(s, "false") && strcmp(s, "False") && strcmp(s, "FALSE"))
		pol_err(l, n, "expected true or false for %s, not '%s'",
			pol_sub(l, path, f->key), s);
	return 0;
}

/* An optional duration; d stays unset when absent. */
void
pol_limit(struct ld *l, const struct field *f, const char *path, struct dur *d)
{
	yaml_node_t *n = opt(f);
	const char *s;

	memset(d, 0, sizeof(*d));
	if (!n || !(s = pol_text(l, n, pol_sub(l, path, f->key))))
		return;
	if (dur_parse(s, d) < 0)
		pol_err(l, n, "malformed duration '%s' in %s (%s)", s,
			pol_sub(l, path, f->key), dur_hint);
}

/* 1 when s is a usable id: [A-Za-z0-9._-], a letter or digit first. */
static int
idchars(const char *s)
{
	size_t i;

	if (!*s || strlen(s) > MAX_ID || !strchr(
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
	    *s))
		return 0;
	for (i = 0; s[i]; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", s[i]))
			return 0;
	return 1;
}

/* Adds the i-th id to the hint list s, which stops at MAX_KNOWN. */
const char *
pol_hint_add(struct ld *l, const char *s, int i, const char *id)
{
	if (i == 0)
		return id;
	if (i < MAX_KNOWN)
		return arena_printf(l->a, "%s, %s", s, id);
	return i == MAX_KNOWN ? arena_printf(l->a, "%s, ...", s) : s;
}

/*
 * Walks the id-keyed mapping n of section `sect`, checking each id, and
 * calls fn(l, id, key, value, path) for each good one.  Returns the number
 * of entries, or -1 when n is not a mapping.
 */
static int
idmap(struct ld *l, yaml_node_t *n, const char *sect, const char *what,
      entry_fn *fn)
{
	const int *first;
	yaml_node_pair_t *pr;
	yaml_node_t *k;

	if (!pol_expect(l, n, YAML_MAPPING_NODE, sect))
		return -1;
	first = repeats(l, n);
	for (pr = n->data.mapping.pairs.start;
	     pr < n->data.mapping.pairs.top; pr++) {
		if (!keyok(l, n, pr, sect, first))
			continue;
		k = nodeat(l, pr->key);
		if (!idchars(sv(k))) {
			pol_err(l, k, "bad %s id '%s' in %s (use up to %d "
				"letters, digits, '.', '_' or '-', a letter or "
				"digit first)", what, sv(k), sect, MAX_ID);
			continue;
		}
		fn(l, sv(k), k, nodeat(l, pr->value),
		   arena_printf(l->a, "%s.%s", sect, sv(k)));
	}
	return (int)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
}

/*
 * Walks a required id-keyed section (departments, staff, categories) with
 * fn, and records one that is empty.
 */
void
pol_section(struct ld *l, yaml_node_t *n, const char *sect, const char *what,
	    entry_fn *fn)
{
	if (idmap(l, n, sect, what, fn) == 0)
		pol_err(l, n, "no %s in %s (at least one is needed)", what,
			sect);
}
