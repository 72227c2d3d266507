/*
 * mail.h - RFC 5322 messages in UTF-8 (RFC 2047 encoded headers) handed
 * to sendmail -t.
 */
#ifndef FQ_MAIL_H
#define FQ_MAIL_H

#include "fq.h"

struct mail {
	const char *from;	/* "fq <fq@hotel.example>" */
	const char *to_name;	/* display name (UTF-8), or NULL */
	const char *to_addr;	/* "zhangwei@hotel.example" */
	const char *subject;	/* UTF-8 */
	const char *body;	/* UTF-8, lines ending in \n */
};

/*
 * The whole message: From, To, Subject (RFC 2047 "B" encoded words when
 * not ASCII), Date, Message-ID, MIME-Version, Content-Type text/plain
 * UTF-8, 8bit, Auto-Submitted, then the body.
 */
char *mail_format(struct fq *fq, const struct mail *m);
/*
 * Pipes the message to $FQ_SENDMAIL (a shell command line; default
 * "sendmail -t -oi").  Returns 0, or FQ_EBUSY after fq_fail() when the
 * command could not be run or did not exit 0.
 */
int mail_send(struct fq *fq, const char *message);
/* Encodes a header value as RFC 2047 encoded words when it needs it. */
char *mail_encode_header(struct arena *a, const char *value);

#endif
