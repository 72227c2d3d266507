/*
 * policy-private.h - what the files of the policy loader share: the
 * loader's state, the error list, and the typed reads of YAML nodes.
 * Only the files of lib/policy/ include it; everyone else reads policy.h.
 *
 * The loader is one walk over libyaml's document:
 *   load.c             the file, libyaml, the top level
 *   nesting.c          the nesting depth, measured before libyaml reads
 *   expand.c           what aliases make the walk read, before it does
 *   errors.c           the FILE:LINE:COL error list
 *   walk.c             nodes: text, lines, flags, durations, id-keyed maps
 *   ids.c              sorted indexes: repeated keys and names, id lookups
 *   policy-calendar.c  time zone, working hours, holidays, shifts
 *   people.c           departments and staff
 *   categories.c       categories, their defaults, forbidden phrases
 *   patterns.c         forbidden patterns (regular expressions)
 *   ladder.c           the escalation ladder
 * Each section function records what is wrong with pol_err() and goes on,
 * so that one run reports every error of the file.
 */
#ifndef FQ_POLICY_PRIVATE_H
#define FQ_POLICY_PRIVATE_H

#include <string.h>
#include <yaml.h>

#include "policy.h"

#define MAX_ID		64	/* bytes in an id */

/* The limits fq-policy(5) promises, checked before libyaml reads a byte. */
#define POLICY_MAX_SIZE	(1L << 20)	/* bytes: "larger than 1 MiB" */
#define POLICY_MAX_DEPTH	64	/* open [ and {, indentation levels */
#define POLICY_MAX_READ	(4L << 20)	/* bytes read, aliases expanded */

#define NFIELDS(f)	((int)(sizeof(f) / sizeof((f)[0])))

/* One error, kept until they are all sorted by position. */
struct perr {
	long line, col;
	int seq;
	const char *msg;
};

/* A string and its place in the list it came from. */
struct pol_str {
	const char *s;
	int i;
};

/* Strings sorted by text, then by place (ids.c). */
struct pol_index {
	int n;
	struct pol_str *v;
};

/* The loader's state. */
struct ld {
	struct fq *fq;
	struct policy *p;
	struct arena *a;	/* p->mem */
	const char *label;	/* the file's name in messages */
	char *text;		/* the whole file */
	size_t len;
	yaml_document_t doc;
	struct perr *errs;
	int nerrs, caperrs;
	yaml_node_t **name_at;	/* each entry's name, while a section loads */
	struct pol_index dept_ids, staff_ids;	/* once their section is in */
	const char *depts_hint;	/* "known: ..." for a bad department */
};

/* A key a mapping may hold, and the value found for it. */
struct field {
	const char *key;
	yaml_node_t *v;
};

/* ---- errors.c ---- */

/* Records an error at a 1-based line and column (arena copy). */
void pol_errat(struct ld *l, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Records an error at the start of node n (arena copy). */
void pol_err(struct ld *l, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Hands every error, sorted by position, to fq; returns FQ_ECONFIG. */
int pol_report(struct ld *l);

/* ---- expand.c ---- */

/* 0 when the walk reads at most POLICY_MAX_READ; else FQ_ECONFIG. */
int pol_expansion(struct ld *l);

/* ---- ids.c ---- */

/* Sorts the n strings s, leaving out the NULL ones, into x (arena). */
void pol_index(struct ld *l, struct pol_index *x, const char *const *s,
	       int n);
/* The place of the first string of x equal to s, or -1. */
int pol_index_find(const struct pol_index *x, const char *s);
/* For each string, the place of the first equal one before it, or -1. */
int *pol_first_same(struct ld *l, const char *const *s, int n);

/* ---- nesting.c ---- */

/* 0 when the text nests at most POLICY_MAX_DEPTH deep; else FQ_ECONFIG. */
int pol_nesting(struct ld *l);

/* ---- walk.c ---- */

/* The node with index i of the document. */
static inline yaml_node_t *
nodeat(struct ld *l, int i)
{
	return yaml_document_get_node(&l->doc, i);
}

/* A scalar's value. */
static inline const char *
sv(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* The number of entries of a mapping or list node; 0 for a scalar. */
static inline int
count(const yaml_node_t *n)
{
	if (n->type == YAML_MAPPING_NODE)
		return (int)(n->data.mapping.pairs.top -
			     n->data.mapping.pairs.start);
	if (n->type == YAML_SEQUENCE_NODE)
		return (int)(n->data.sequence.items.top -
			     n->data.sequence.items.start);
	return 0;
}

/* 1 when n is YAML's null: a plain empty, '~' or 'null' scalar. */
static inline int
isnull(const yaml_node_t *n)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	s = sv(n);
	return !strcmp(s, "") || !strcmp(s, "~") || !strcmp(s, "null") ||
	       !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/* The field's value, or NULL when it is absent or empty. */
static inline yaml_node_t *
opt(const struct field *f)
{
	return f->v && !isnull(f->v) ? f->v : NULL;
}

/* Room for the entries of mapping n (and one more, so never zero). */
static inline size_t
room(const yaml_node_t *n, size_t size)
{
	return size * (size_t)(count(n) + 1);
}

/* 1 when n has type t; else records what was expected at path. */
int pol_expect(struct ld *l, yaml_node_t *n, yaml_node_type_t t,
	       const char *path);
/* The path of `key` under `path` (arena copy). */
const char *pol_sub(struct ld *l, const char *path, const char *key);
/* A scalar's text, with no NUL in it; NULL after an error. */
const char *pol_text(struct ld *l, yaml_node_t *n, const char *path);
/* One line of text copied to the arena; NULL after an error. */
const char *pol_line(struct ld *l, yaml_node_t *n, const char *path);
/* Sorts the values of mapping m into f by key; records unknown keys. */
void pol_fields(struct ld *l, yaml_node_t *m, const char *path,
		struct field *f, int nf);
/* The value of a required field of m; NULL after an error. */
yaml_node_t *pol_need(struct ld *l, yaml_node_t *m, const struct field *f,
		      const char *path);
/* A required line of text (a name); NULL after an error. */
const char *pol_reqline(struct ld *l, yaml_node_t *m, const struct field *f,
			const char *path);
/* An optional line of text; NULL when absent or after an error. */
const char *pol_optline(struct ld *l, const struct field *f,
			const char *path);
/* An optional e-mail address; NULL when absent or after an error. */
const char *pol_optmail(struct ld *l, const struct field *f,
			const char *path);
/* An optional true or false; 0 when absent. */
int pol_flag(struct ld *l, const struct field *f, const char *path);
/* An optional duration; d stays unset when absent. */
void pol_limit(struct ld *l, const struct field *f, const char *path,
	       struct dur *d);
/* Adds the i-th id to the "known:" hint s (arena copy). */
const char *pol_hint_add(struct ld *l, const char *s, int i, const char *id);

/* What pol_section() calls for each good entry of an id-keyed section. */
typedef void entry_fn(struct ld *, const char *, yaml_node_t *, yaml_node_t *,
		      const char *);
/* Walks a required id-keyed section (departments, staff, categories). */
void pol_section(struct ld *l, yaml_node_t *n, const char *sect,
		 const char *what, entry_fn *fn);

/* ---- the sections, in the order load.c checks them ---- */

/* `timezone` (policy-calendar.c). */
void pol_timezone(struct ld *l, yaml_node_t *root, const struct field *f);
/* `calendar`: absent, `always`, or a mapping (policy-calendar.c). */
void pol_calendar(struct ld *l, yaml_node_t *n);
/* `departments` (people.c). */
void pol_departments(struct ld *l, yaml_node_t *root, const struct field *f);
/* `staff` (people.c). */
void pol_staff(struct ld *l, yaml_node_t *root, const struct field *f);
/* A required reference to a department; its index, or -1 (people.c). */
int pol_deptref(struct ld *l, yaml_node_t *m, const struct field *f,
		const char *path);
/* `defaults`: the limits of categories that set none (categories.c). */
void pol_defaults(struct ld *l, const struct field *f);
/* `categories` (categories.c). */
void pol_categories(struct ld *l, yaml_node_t *root, const struct field *f);
/* `default_category` (categories.c). */
void pol_default_category(struct ld *l, yaml_node_t *root,
			  const struct field *f);
/* `escalation`: the ladder (ladder.c). */
void pol_escalation(struct ld *l, const struct field *f);
/* `forbidden_phrases` (categories.c). */
void pol_forbidden(struct ld *l, const struct field *f);
/* `forbidden_patterns`: regular expressions, each checked (patterns.c). */
void pol_patterns(struct ld *l, const struct field *f);
/* `shifts`: the times shifts change (policy-calendar.c). */
void pol_shifts(struct ld *l, const struct field *f);

#endif
