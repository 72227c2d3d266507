/*
 * mail.h - RFC 5322 messages in UTF-8 (RFC 2047 encoded words in the
 * headers), handed to sendmail -t with a timeout.
 *
 * Nothing from the data reaches a message bare: a control character in
 * a summary, a name or a note is shown as mail_text() shows it, so no CR
 * or LF of the data can start a header or a line.  Lines end in LF, as
 * sendmail(8) reads them on its standard input (it writes CRLF on the
 * wire).
 */
#ifndef FQ_MAIL_H
#define FQ_MAIL_H

#include "fq.h"

/* What sendmail runs when $FQ_SENDMAIL is unset (no PATH needed). */
#define MAIL_SENDMAIL "/usr/sbin/sendmail -t -oi"
/* Seconds a sendmail may take when $FQ_SENDMAIL_TIMEOUT is unset. */
#define MAIL_TIMEOUT 60

struct mail {
	const char *from;	/* "fq <fq@hotel.example>", as in the policy */
	const char *to_name;	/* display name (UTF-8), or NULL */
	const char *to_addr;	/* "zhangwei@hotel.example" */
	const char *subject;	/* UTF-8 */
	const char *body;	/* UTF-8, lines ending in \n */
};

/*
 * The whole message (from fq->mem): From, To, Subject, Date, Message-ID,
 * MIME-Version, Content-Type text/plain UTF-8, 8bit, Auto-Submitted, each
 * made by mail_header() or mail_address(), then the body, its lines cut
 * to at most 998 bytes.
 */
char *mail_format(struct fq *fq, const struct mail *m);
/*
 * One unstructured header field, "Field: value\n", folded so that no
 * line passes 78 columns: the value as it is when it is printable ASCII
 * in words that fit, else as RFC 2047 "B" encoded words of whole UTF-8
 * characters.  Controls in `value` are shown as mail_text() shows them.
 */
char *mail_header(struct arena *a, const char *field, const char *value);
/*
 * One address field, "Field: NAME <ADDR>\n" (or "Field: ADDR\n" without
 * a name): the display name a quoted string ("Front \"Desk\"") when it
 * is ASCII, else encoded words; folded like mail_header().  `spec`
 * forms: "addr", "Name <addr>", "\"Quoted \\\" name\" <addr>".
 */
char *mail_address(struct arena *a, const char *field, const char *name,
		   const char *addr);
/* Splits a `spec` as mail_address() documents into *name and *addr. */
void mail_parse_mailbox(struct arena *a, const char *spec, const char **name,
			const char **addr);
/*
 * Text from the data, safe on a line of a message: CR, LF and tab are
 * shown as \r, \n and \t, other C0 controls and DEL as \xHH, C1 and
 * bidirectional controls as <U+HHHH>, bytes that are not UTF-8 as \xHH.
 * With `indent`, an LF becomes a new line starting with `indent` instead.
 */
char *mail_text(struct arena *a, const char *s, const char *indent);

/*
 * The seconds from $FQ_SENDMAIL_TIMEOUT (default MAIL_TIMEOUT): 0, or
 * FQ_ECONFIG after fq_fail() when it is not a whole number from 1 to
 * 86400.
 */
int mail_timeout(struct fq *fq, int *seconds);
/*
 * Hands the message to $FQ_SENDMAIL (a command line for /bin/sh -c;
 * default MAIL_SENDMAIL, run without a shell), in a process group of
 * its own, its standard output sent to our standard error.  Past
 * `timeout` seconds the group is killed (TERM, then KILL) and *timed_out
 * set.  Returns 0, or FQ_EBUSY after fq_fail() when it could not be run,
 * did not exit 0, or timed out.
 */
int mail_send(struct fq *fq, const char *message, int timeout,
	      int *timed_out);

#endif
