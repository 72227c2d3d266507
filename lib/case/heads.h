/*
 * heads.h - heads that live outside the database.
 *
 * The chain proves that no event was altered, removed or inserted in
 * the middle; a rewrite of the whole chain from an event on, with every
 * digest recomputed, proves itself.  A head written down outside the
 * database catches that: fq verify --publish prints the head (the last
 * event's id and digest, with the date) as one line, and with --mail
 * sends it to the managers; fq verify --against FILE checks that every
 * head published in FILE (a mailbox, a log) is still where it was.
 *
 *	fq-head: 2026-11-27T11:00:00+08:00 event=67 digest=e01a64...
 */
#ifndef FQ_HEADS_H
#define FQ_HEADS_H

#include <stddef.h>
#include <time.h>
#include "fq.h"
#include "val.h"

/* The publication line of head event `id` with `digest`, at `at`. */
const char *head_line(struct fq *fq, time_t at, long long id,
		      const char *digest);
/*
 * Mails the line to every manager of the policy with an e-mail address
 * (FQ_ECONFIG when there is none; FQ_EBUSY when a send failed, after
 * trying the others).  *sent counts the messages handed to sendmail.
 */
int head_mail(struct fq *fq, const char *line, int *sent);
/*
 * Checks every head published in the n bytes of `text`: a finding in
 * `problems` for each one the chain no longer holds at its place.
 * *found counts the heads read.
 */
int heads_check(struct fq *fq, const char *text, size_t n,
		struct val *problems, int *found);

#endif
