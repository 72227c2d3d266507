/*
 * verify.c - fq verify: the database's integrity, the hash chain, the
 * case rows rebuilt from the events, the schema; heads published
 * outside the database; the repair of rows and schema.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "cmds.h"
#include "events.h"
#include "heads.h"
#include "i18n.h"
#include "opts.h"
#include "out.h"
#include "privilege.h"
#include "problems.h"
#include "rebuild.h"
#include "roles.h"
#include "store.h"
#include "verify.h"
#include "view.h"

const char usage_verify[] =
	"fq verify [--head DIGEST] [--against FILE] [--repair]\n"
	"                 [--publish [--mail]]";

static const struct opt longopts[] = {
	{ "head", required_argument, 'H', "DIGEST",
	  "check that the chain still ends at DIGEST" },
	{ "against", required_argument, 'a', "FILE",
	  "check the heads published in FILE (mail, a log; - stdin)" },
	{ "repair", no_argument, 'r', NULL,
	  "rebuild schema and case rows from the events (manager)" },
	{ "publish", no_argument, 'p', NULL,
	  "print the head digest and event count, dated" },
	{ "mail", no_argument, 'm', NULL,
	  "with --publish: mail the head to the managers" },
	{ NULL, 0, 0, NULL, NULL },
};

/* What the options asked for. */
struct req {
	const char *head, *against;
	int repair, publish, mail;
};

/* What was found and done. */
struct outcome {
	struct verify_result r;
	struct val *repaired;	/* strings; NULL without --repair */
	int heads;		/* heads read from --against */
	const char *published;	/* the line; NULL when none */
	const char *trust;	/* "installed", "personal", "shared" */
};

/* The whole of FILE ("-": standard input), NUL-terminated, in fq->mem. */
static int
read_file(struct fq *fq, const char *path, char **text, size_t *n)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	size_t cap = 1 << 16, got;
	char *buf;

	if (!f)
		return fq_fail(fq, errno == EACCES ? FQ_EPERM : FQ_ENOINPUT,
			       "--against: cannot read '%s': %s", path,
			       strerror(errno));
	buf = arena_alloc(fq->mem, cap + 1);
	*n = 0;
	while ((got = fread(buf + *n, 1, cap - *n, f)) > 0)
		if ((*n += got) == cap) {
			char *more = arena_alloc(fq->mem, 2 * cap + 1);

			memcpy(more, buf, cap);
			buf = more;
			cap *= 2;
		}
	if (ferror(f)) {
		if (f != stdin)
			fclose(f);
		return fq_fail(fq, FQ_ENOINPUT, "--against: cannot read '%s'",
			       path);
	}
	if (f != stdin)
		fclose(f);
	buf[*n] = '\0';
	*text = buf;
	return 0;
}

/* --repair: the manager's repair, in a transaction of its own. */
static int
repair(struct fq *fq, struct outcome *o)
{
	int rc;

	if ((rc = may_repair(fq)) || (rc = store_begin(fq)))
		return rc;
	o->repaired = v_arr(fq->mem);
	if ((rc = rebuild_repair(fq, o->repaired)) ||
	    (rc = store_commit(fq)))
		store_rollback(fq);
	return rc;
}

/* --against FILE: every head published in it. */
static int
against(struct fq *fq, const char *path, struct outcome *o)
{
	char *text = NULL;
	size_t n = 0;
	int rc;

	if ((rc = read_file(fq, path, &text, &n)) ||
	    (rc = heads_check(fq, text, n, o->r.problems, &o->heads)))
		return rc;
	if (!o->heads)
		return fq_fail(fq, FQ_EDATA, "--against: no published head "
			       "(a line 'fq-head: ...' of fq verify --publish) "
			       "in '%s'", path);
	return 0;
}

/* --publish: the head line, when the record verified. */
static int
publish(struct fq *fq, struct outcome *o)
{
	long long id;
	const char *digest;
	int rc;

	if (o->r.problems->n)
		return 0;	/* a damaged record's head is not published */
	if ((rc = events_head(fq, &id, &digest)))
		return rc;
	o->published = head_line(fq, fq_now(), id, digest);
	return 0;
}

/* How far the database can be trusted, as a word. */
static const char *
trust_word(struct fq *fq)
{
	switch (privilege_trust(fq, fq->db_path)) {
	case TRUST_INSTALLED: return "installed";
	case TRUST_PERSONAL: return "personal";
	default: return "shared";
	}
}

/* The result as one JSON object. */
static struct val *
result_json(struct fq *fq, const struct outcome *o)
{
	const struct verify_result *r = &o->r;
	struct val *v = v_obj(fq->mem);

	v_set(fq->mem, v, "ok", v_bool(fq->mem, r->problems->n == 0));
	v_set_int(fq->mem, v, "events", r->events);
	v_set_int(fq->mem, v, "cases", r->cases);
	v_set_str(fq->mem, v, "head", r->head);
	v_set(fq->mem, v, "problems", r->problems);
	v_set_str(fq->mem, v, "database", o->trust);
	if (o->repaired)
		v_set(fq->mem, v, "repaired", o->repaired);
	if (o->heads)
		v_set_int(fq->mem, v, "heads_checked", o->heads);
	if (o->published)
		v_set_str(fq->mem, v, "published", o->published);
	return v;
}

/* The note on a database whose record proves less than it seems to. */
static int
trust_note(struct fq *fq, const char *trust)
{
	if (!strcmp(trust, "personal"))
		return view_say(fq, "note: a personal database ('%s' is yours "
				"and fq is not installed setgid): --as and "
				"FQ_NOW are honoured, so the record shows what "
				"was typed, not who typed it", fq->db_path);
	if (!strcmp(trust, "shared"))
		return view_say(fq, "note: fq is not installed setgid: whoever "
				"may write '%s' can rewrite the record (see "
				"fq(1), SECURITY)", fq->db_path);
	return 0;
}

/* "; 3 published heads match", or "" without --against. */
static const char *
heads_text(struct fq *fq, int heads)
{
	if (!heads)
		return "";
	return arena_printf(fq->mem, heads > 1 ? _("; %d published heads "
			    "match") : _("; %d published head matches"), heads);
}

/*
 * The result for people: the findings in the language of the messages
 * (problem_text()), where the JSON has them in English.
 */
static int
result_text(struct fq *fq, const struct outcome *o)
{
	const struct verify_result *r = &o->r;
	int i, rc = 0;

	for (i = 0; o->repaired && i < o->repaired->n; i++)
		rc = view_say(fq, "repaired: %s",
			      problem_text(o->repaired, i));
	if (o->repaired && !o->repaired->n)
		rc = view_say(fq, "repaired: nothing needed repair");
	if (r->problems->n == 0 && !fq->quiet)
		rc = view_say(fq, "ok: %lld events in %lld cases; chain head "
			      "%s%s", r->events, r->cases, r->head,
			      heads_text(fq, o->heads));
	for (i = 0; i < r->problems->n; i++)
		rc = view_say(fq, "DAMAGED: %s", problem_text(r->problems, i));
	if (o->published)
		rc = view_say(fq, "%s", o->published);
	if (!fq->quiet)
		rc = trust_note(fq, o->trust);
	return rc;
}

/* Reads the options into q; 0 or FQ_EUSAGE / FQ_EDATA. */
static int
options(struct fq *fq, int argc, char **argv, struct req *q)
{
	int opt;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1)
		switch (opt) {
		case 'H': q->head = optarg; break;
		case 'a': q->against = optarg; break;
		case 'r': q->repair = 1; break;
		case 'p': q->publish = 1; break;
		case 'm': q->mail = 1; break;
		default: return FQ_EUSAGE;
		}
	if (q->mail && !q->publish)
		return fq_fail(fq, FQ_EUSAGE, "--mail sends what --publish "
			       "prints: give both");
	if (q->head && (strlen(q->head) != 64 ||
			strspn(q->head, "0123456789abcdef") != 64))
		return fq_fail(fq, FQ_EDATA, "--head takes the 64 hexadecimal "
			       "digits fq verify printed, not '%s'", q->head);
	return opts_count(fq, argc, argv, 0, 0, "");
}

int
cmd_verify(struct fq *fq, int argc, char **argv)
{
	struct outcome o = { .repaired = NULL };
	struct req q = { 0 };
	int rc, sent;

	if ((rc = options(fq, argc, argv, &q)) ||
	    (q.repair && (rc = repair(fq, &o))) ||
	    (rc = verify_all(fq, &o.r)) ||
	    (q.head && (rc = verify_head(fq, &o.r, q.head))) ||
	    (q.against && (rc = against(fq, q.against, &o))) ||
	    (q.publish && (rc = publish(fq, &o))))
		return rc;
	o.trust = trust_word(fq);
	if (fq->format == FMT_JSON || fq->format == FMT_JSONL)
		rc = out_json(fq, result_json(fq, &o));
	else
		rc = result_text(fq, &o);
	if (rc == 0 && q.mail && o.published)
		rc = head_mail(fq, o.published, &sent);
	if (rc == 0 && o.r.problems->n) {
		if (o.r.problems->n > 1)
			fq_warn(fq, "%d problems found; the head digest of the "
				"damaged chain is %s%s", o.r.problems->n,
				o.r.head, q.publish ?
				_("; nothing was published") : "");
		else
			fq_warn(fq, "%d problem found; the head digest of the "
				"damaged chain is %s%s", o.r.problems->n,
				o.r.head, q.publish ?
				_("; nothing was published") : "");
		return FQ_MATCH;
	}
	return rc;
}
