/*
 * heads.c - heads that live outside the database.
 *
 * Decisions:
 *  - A head is an event id and its digest: the chain must hold that
 *    digest at that id, not only somewhere (a chain rewritten and grown
 *    again past the id is still caught).
 *  - The line is found anywhere in a line of the file, so that a
 *    mailbox, a quoted reply ("> fq-head: ...") or a log with its own
 *    prefix all work; anything else in the file is ignored.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "heads.h"
#include "mail.h"
#include "policy.h"
#include "problems.h"
#include "roles.h"
#include "store.h"

#define HEAD_TAG "fq-head:"

const char *
head_line(struct fq *fq, time_t at, long long id, const char *digest)
{
	return arena_printf(fq->mem, HEAD_TAG " %s event=%lld digest=%s",
			    time_iso(fq->mem, at), id, digest);
}

/* The message to one manager. */
static char *
compose(struct fq *fq, const struct staff *s, const char *line)
{
	const struct policy *p = fq->pol;
	struct mail m = { 0 };

	m.from = p->mail_from ? p->mail_from : "fq <fq@localhost>";
	m.to_name = s->name;
	m.to_addr = s->email;
	m.subject = arena_printf(fq->mem, "[fq] %s: the head of the record, "
				 "%s", p->organization,
				 time_local(fq->mem, fq_now()));
	m.body = arena_printf(fq->mem, "%s\n\nKeep this message.  'fq verify "
			      "--against FILE', with FILE a mailbox or a log "
			      "that holds such lines, checks that the record "
			      "still holds every head published in it: a "
			      "rewrite of the database after this message is "
			      "caught, whoever made it.\n-- \nfq verify "
			      "--publish --mail\n", line);
	return mail_format(fq, &m);
}

int
head_mail(struct fq *fq, const char *line, int *sent)
{
	const struct policy *p = fq->pol;
	int i, rc = 0, failed = 0;
	const char *err = NULL;
	int timeout, stopped = 0;

	*sent = 0;
	if ((rc = mail_timeout(fq, &timeout)))
		return rc;
	for (i = 0; i < p->nstaff && !stopped; i++) {
		if (!is_manager(&p->staff[i]) || !p->staff[i].email)
			continue;
		if ((rc = mail_send(fq, compose(fq, &p->staff[i], line),
				    timeout, &stopped))) {
			failed = rc;
			err = fq->err;
			continue;
		}
		(*sent)++;
	}
	if (failed)
		return fq_fail(fq, failed, "%s", err);
	if (!*sent)
		return fq_fail(fq, FQ_ECONFIG, "no manager has an e-mail "
			       "address in the policy '%s': nobody to send the "
			       "head to", p->path);
	return 0;
}

/* A published head, read from a line. */
struct head {
	const char *at;		/* as published */
	long long id;
	char digest[65];
};

/* Reads a head from the text after HEAD_TAG; 0, or -1 if it is none. */
static int
parse(struct fq *fq, const char *s, const char *end, struct head *h)
{
	const char *sp, *e, *d;
	char *stop;

	while (s < end && *s == ' ')
		s++;
	if (!(sp = memchr(s, ' ', (size_t)(end - s))))
		return -1;
	h->at = arena_strndup(fq->mem, s, (size_t)(sp - s));
	if (!(e = strstr(sp, " event=")) || e >= end)
		return -1;
	h->id = strtoll(e + 7, &stop, 10);
	if (stop == e + 7 || h->id <= 0 || strncmp(stop, " digest=", 8))
		return -1;
	d = stop + 8;
	if (end - d < 64 || strspn(d, "0123456789abcdef") < 64)
		return -1;
	memcpy(h->digest, d, 64);
	h->digest[64] = '\0';
	return 0;
}

/* Checks one head against the chain. */
static int
check(struct fq *fq, const struct head *h, struct val *problems)
{
	const char *now;
	long long case_id;
	int rc;

	if ((rc = store_event_get(fq, h->id, &case_id, &now)))
		return rc;
	if (!now)
		problem_add(fq, problems, "the head published at %s (event "
			    "%lld, %.12s...) is gone: the database has no event "
			    "%lld (events were removed)", h->at, h->id,
			    h->digest, h->id);
	else if (strcmp(now, h->digest))
		problem_add(fq, problems, "the head published at %s (event "
			    "%lld, %.12s...) does not match: event %lld's "
			    "digest is now %.12s... (the record was rewritten "
			    "after it was published)", h->at, h->id, h->digest,
			    h->id, now);
	return 0;
}

int
heads_check(struct fq *fq, const char *text, size_t n, struct val *problems,
	    int *found)
{
	const char *p = text, *end = text + n, *eol, *tag;
	struct head h;
	int rc;

	*found = 0;
	for (; p < end; p = eol + 1) {
		if (!(eol = memchr(p, '\n', (size_t)(end - p))))
			eol = end;
		tag = memmem(p, (size_t)(eol - p), HEAD_TAG, strlen(HEAD_TAG));
		if (!tag || parse(fq, tag + strlen(HEAD_TAG), eol, &h))
			continue;
		(*found)++;
		if ((rc = check(fq, &h, problems)))
			return rc;
	}
	return 0;
}
