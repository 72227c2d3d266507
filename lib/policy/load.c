/*
 * load.c - the YAML policy: read with libyaml's document API, checked
 * section by section (see policy-private.h for the files of the
 * sections), every error kept with its line and column.
 *
 * Decisions:
 *  - A policy is one YAML document of UTF-8 (or UTF-16) text, at most
 *    1 MiB, nested at most 64 deep, and at most 4 MiB to read with its
 *    aliases expanded (POLICY_MAX_SIZE, _DEPTH, _READ): a policy is a
 *    few kB, and neither libyaml nor the walk should take long on any.
 *  - The version is `1`.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "policy-private.h"

/* The sections of the top level, in the order of top_keys. */
enum {
	T_VERSION, T_ORG, T_TZ, T_CAL, T_DEPTS, T_STAFF, T_DEFAULTS, T_CATS,
	T_DEFCAT, T_ESC, T_FORBIDDEN, T_PATTERNS, T_SHIFTS, T_MAILFROM, T_LANG, T_N
};

static const char *const top_keys[T_N] = {
	"version", "organization", "timezone", "calendar", "departments",
	"staff", "defaults", "categories", "default_category", "escalation",
	"forbidden_phrases", "forbidden_patterns", "shifts", "mail_from", "language",
};

/* ---- the top level ---- */

/* `version`: must be 1. */
static void
version(struct ld *l, yaml_node_t *root, const struct field *f)
{
	yaml_node_t *n = pol_need(l, root, f, "");
	const char *s;

	if (!n || !(s = pol_text(l, n, "version")))
		return;
	if (strcmp(s, "1"))
		pol_err(l, n, "unsupported version '%s' (this fq reads "
			"version 1)", s);
	else
		l->p->version = 1;
}

/* `mail_from`: an optional sender, such as "fq <fq@hotel.example>". */
static void
mail_from(struct ld *l, const struct field *f)
{
	const char *s = pol_optline(l, f, "");

	if (s && !strchr(s, '@'))
		pol_err(l, f->v, "malformed sender '%s' in mail_from (use "
			"\"fq <fq@example.org>\")", s);
	l->p->mail_from = s;
}

/* `language`: the site's, when the environment names none (i18n.h). */
static void
language(struct ld *l, const struct field *f)
{
	const char *s = pol_optline(l, f, "");

	if (s && !i18n_valid_language(s))
		pol_err(l, f->v, "malformed language '%s' (use a gettext "
			"language such as zh_CN or en)", s);
	l->p->language = s;
}

/* Checks the document's root and fills the policy from it. */
static void
check(struct ld *l, yaml_node_t *root)
{
	struct field f[T_N];
	int i;

	if (!pol_expect(l, root, YAML_MAPPING_NODE, _("the policy")))
		return;
	for (i = 0; i < T_N; i++)
		f[i] = (struct field){ top_keys[i], NULL };
	pol_fields(l, root, "", f, T_N);
	version(l, root, &f[T_VERSION]);
	l->p->organization = pol_reqline(l, root, &f[T_ORG], "");
	pol_timezone(l, root, &f[T_TZ]);
	pol_calendar(l, opt(&f[T_CAL]));
	pol_departments(l, root, &f[T_DEPTS]);
	pol_staff(l, root, &f[T_STAFF]);
	pol_defaults(l, &f[T_DEFAULTS]);
	pol_categories(l, root, &f[T_CATS]);
	pol_default_category(l, root, &f[T_DEFCAT]);
	pol_escalation(l, &f[T_ESC]);
	pol_forbidden(l, &f[T_FORBIDDEN]);
	pol_patterns(l, &f[T_PATTERNS]);
	pol_shifts(l, &f[T_SHIFTS]);
	mail_from(l, &f[T_MAILFROM]);
	language(l, &f[T_LANG]);
}

/* ---- the file ---- */

/* The 1-based line and column (in characters) of a byte offset. */
static void
offset_mark(const struct ld *l, size_t off, long *line, long *col)
{
	const unsigned char *s = (const unsigned char *)l->text;
	size_t i = 0;

	*line = 1;
	*col = 1;
	if (l->len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		i = 3;
	for (; i < off && i < l->len; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) {
			++*line;
			*col = 1;
		} else if ((s[i] & 0xc0) != 0x80 && s[i] != '\r') {
			++*col;
		}
	}
}

/* Records what libyaml could not read or parse. */
static void
yaml_error(struct ld *l, const yaml_parser_t *ps)
{
	long line, col;

	if (ps->error == YAML_MEMORY_ERROR) {
		pol_errat(l, 1, 1, "out of memory reading the policy");
	} else if (ps->error == YAML_READER_ERROR) {
		offset_mark(l, ps->problem_offset, &line, &col);
		if (ps->problem_value != -1)
			pol_errat(l, line, col, "%s 0x%02x (the policy must be "
				  "UTF-8 text)", ps->problem,
				  ps->problem_value);
		else
			pol_errat(l, line, col, "%s (the policy must be UTF-8 "
				  "text)", ps->problem);
	} else if (ps->context) {
		pol_errat(l, (long)ps->problem_mark.line + 1,
			  (long)ps->problem_mark.column + 1,
			  "%s, %s at line %lu", ps->problem, ps->context,
			  (unsigned long)ps->context_mark.line + 1);
	} else {
		pol_errat(l, (long)ps->problem_mark.line + 1,
			  (long)ps->problem_mark.column + 1, "%s",
			  ps->problem ? ps->problem : "malformed YAML");
	}
}

/*
 * Parses the text into l->doc: one YAML document, not empty.  Returns 0,
 * or the error after reporting it (the document is then freed).
 */
static int
parse(struct ld *l)
{
	yaml_parser_t ps;
	yaml_document_t extra;
	yaml_node_t *n;

	if (!yaml_parser_initialize(&ps))
		return fq_fail(l->fq, FQ_EINTERNAL, "cannot start libyaml");
	yaml_parser_set_input_string(&ps, (const unsigned char *)l->text,
				     l->len);
	if (!yaml_parser_load(&ps, &l->doc)) {
		yaml_error(l, &ps);
		yaml_parser_delete(&ps);
		return pol_report(l);
	}
	if (!yaml_document_get_root_node(&l->doc)) {
		pol_errat(l, 1, 1, "empty policy (expected a mapping with "
			  "version, organization, timezone, departments, ...)");
	} else if (!yaml_parser_load(&ps, &extra)) {
		yaml_error(l, &ps);
	} else {
		if ((n = yaml_document_get_root_node(&extra)))
			pol_err(l, n,
				"a second YAML document (a policy is one)");
		yaml_document_delete(&extra);
	}
	yaml_parser_delete(&ps);
	if (l->nerrs) {
		yaml_document_delete(&l->doc);
		return pol_report(l);
	}
	return 0;
}

/*
 * Reads the policy file (or standard input for "-") into l->text, and
 * refuses one larger than POLICY_MAX_SIZE.
 */
static int
slurp(struct ld *l, const char *path)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	int cap = 0, e;
	size_t n;

	if (!fp && errno == ENOENT)
		return fq_fail(l->fq, FQ_ECONFIG, "no policy at '%s'; run 'fq "
			       "init' to install the example, or pass --policy",
			       path);
	if (!fp)
		return fq_fail(l->fq, FQ_ECONFIG, "cannot read policy '%s': %s",
			       path, strerror(errno));
	do {
		l->text = arena_grow(l->a, l->text, 1, &cap, (int)l->len +
				     65536);
		n = fread(l->text + l->len, 1, (size_t)cap - l->len - 1, fp);
		l->len += n;
	} while (n > 0 && l->len <= POLICY_MAX_SIZE);
	e = ferror(fp) ? errno : 0;
	if (fp != stdin)
		fclose(fp);
	l->text[l->len] = '\0';
	if (e)
		return fq_fail(l->fq, FQ_ECONFIG, "cannot read policy '%s': %s",
			       path, strerror(e));
	if (l->len > POLICY_MAX_SIZE) {
		l->fq->err_raw = 1;
		return fq_fail(l->fq, FQ_ECONFIG, "%s: policy is larger than "
			       "%ld MiB", l->label, POLICY_MAX_SIZE >> 20);
	}
	return 0;
}

/* Reads and checks the policy at path (see policy.h); allocates *out. */
int
policy_load(struct fq *fq, const char *path, struct policy **out)
{
	struct ld l;
	int rc;

	*out = NULL;
	fq->err_raw = 0;
	if (!path)
		return fq_fail(fq, FQ_ECONFIG, "no policy found; run 'fq init' "
			       "to install the example, or pass --policy");
	memset(&l, 0, sizeof(l));
	l.fq = fq;
	l.label = strcmp(path, "-") ? path : "<stdin>";
	l.a = arena_new();
	l.p = arena_alloc(l.a, sizeof(*l.p));
	l.p->mem = l.a;
	l.p->path = arena_strdup(l.a, path);
	if ((rc = slurp(&l, path)) || (rc = pol_nesting(&l)) ||
	    (rc = parse(&l)))
		goto fail;
	if ((rc = pol_expansion(&l))) {
		yaml_document_delete(&l.doc);
		goto fail;
	}
	check(&l, yaml_document_get_root_node(&l.doc));
	yaml_document_delete(&l.doc);
	if (l.nerrs) {
		rc = pol_report(&l);
		goto fail;
	}
	*out = l.p;
	return 0;
fail:
	arena_free(l.a);
	return rc;
}

/* Frees a policy from policy_load(); NULL is fine. */
void
policy_free(struct policy *p)
{
	if (p)
		arena_free(p->mem);
}
