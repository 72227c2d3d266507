/*
 * mail.c - RFC 5322 messages in UTF-8, handed to sendmail -t.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "mail.h"

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* 1 when s needs encoding in a header (non-ASCII or control bytes). */
static int
needs_encoding(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x7F || (unsigned char)*s < 0x20)
			return 1;
	return 0;
}

/* Base64 of n bytes at s into out (NUL-terminated). */
static void
base64(const unsigned char *s, size_t n, char *out)
{
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		*out++ = b64[s[i] >> 2];
		*out++ = b64[(s[i] & 3) << 4 | s[i + 1] >> 4];
		*out++ = b64[(s[i + 1] & 15) << 2 | s[i + 2] >> 6];
		*out++ = b64[s[i + 2] & 63];
	}
	if (n - i == 1) {
		*out++ = b64[s[i] >> 2];
		*out++ = b64[(s[i] & 3) << 4];
		*out++ = '=';
		*out++ = '=';
	} else if (n - i == 2) {
		*out++ = b64[s[i] >> 2];
		*out++ = b64[(s[i] & 3) << 4 | s[i + 1] >> 4];
		*out++ = b64[(s[i + 1] & 15) << 2];
		*out++ = '=';
	}
	*out = '\0';
}

/* Length of the UTF-8 character starting with byte c. */
static size_t
char_len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

char *
mail_encode_header(struct arena *a, const char *value)
{
	/* 39 bytes give 52 base64 characters: a word of 64, under 75, and
	 * "Subject: " plus one word stays under 78 columns. */
	const size_t chunk = 39;
	const char *p = value;
	char *out, word[64];
	size_t n;

	if (!needs_encoding(value))
		return arena_strdup(a, value);
	out = arena_strdup(a, "");
	while (*p) {
		/* Whole characters only: an encoded word may not split one. */
		for (n = 0; p[n] && n + char_len((unsigned char)p[n]) <= chunk;)
			n += char_len((unsigned char)p[n]);
		if (n == 0)
			n = strlen(p) < chunk ? strlen(p) : chunk;
		base64((const unsigned char *)p, n, word);
		out = arena_printf(a, "%s%s=?UTF-8?B?%s?=", out,
				   *out ? "\n " : "", word);
		p += n;
	}
	return out;
}

/* RFC 5322 date: "Fri, 27 Nov 2026 03:35:00 +0800". */
static char *
mail_date(struct arena *a)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
					    "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	long off;

	time_tm(fq_now(), &tm);
	off = tm.tm_gmtoff / 60;
	return arena_printf(a, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld",
			    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
			    tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
			    tm.tm_sec, off < 0 ? '-' : '+', labs(off) / 60,
			    labs(off) % 60);
}

/* The domain of an address in "name <user@domain>" (or "localhost"). */
static const char *
domain_of(struct arena *a, const char *from)
{
	const char *at = strrchr(from, '@');
	size_t n;

	if (!at)
		return "localhost";
	at++;
	n = strcspn(at, "> \t");
	return n ? arena_strndup(a, at, n) : "localhost";
}

/* A unique Message-ID for this process. */
static char *
message_id(struct arena *a, const char *from)
{
	static unsigned counter;

	return arena_printf(a, "<fq.%lld.%ld.%u@%s>", (long long)fq_now(),
			    (long)getpid(), ++counter, domain_of(a, from));
}

/* "=?UTF-8?B?...?= <addr>" or just the address. */
static char *
address(struct arena *a, const char *name, const char *addr)
{
	if (!name)
		return arena_strdup(a, addr);
	if (needs_encoding(name))
		return arena_printf(a, "%s <%s>",
				    mail_encode_header(a, name), addr);
	return arena_printf(a, "\"%s\" <%s>", name, addr);
}

/* "名字 <addr>" or "addr" as a header value, the name encoded if need be. */
static char *
mailbox(struct arena *a, const char *spec)
{
	const char *lt = strchr(spec, '<'), *gt = strrchr(spec, '>');
	const char *s = spec, *e;

	if (!lt || !gt || gt < lt)
		return arena_strdup(a, spec);
	e = lt;
	while (*s == ' ' || *s == '"')
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '"'))
		e--;
	return address(a, e > s ? arena_strndup(a, s, (size_t)(e - s)) : NULL,
		       arena_strndup(a, lt + 1, (size_t)(gt - lt - 1)));
}

char *
mail_format(struct fq *fq, const struct mail *m)
{
	struct arena *a = fq->mem;

	return arena_printf(a,
		"From: %s\n"
		"To: %s\n"
		"Subject: %s\n"
		"Date: %s\n"
		"Message-ID: %s\n"
		"MIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=UTF-8\n"
		"Content-Transfer-Encoding: 8bit\n"
		"Auto-Submitted: auto-generated\n"
		"\n%s",
		mailbox(a, m->from), address(a, m->to_name, m->to_addr),
		mail_encode_header(a, m->subject), mail_date(a),
		message_id(a, m->from), m->body);
}

int
mail_send(struct fq *fq, const char *message)
{
	const char *cmd = getenv("FQ_SENDMAIL");
	void (*old)(int);
	size_t n = strlen(message);
	FILE *p;
	int status;

	if (!cmd || !*cmd)
		cmd = "sendmail -t -oi";
	fflush(NULL);
	old = signal(SIGPIPE, SIG_IGN);
	if (!(p = popen(cmd, "w"))) {
		signal(SIGPIPE, old);
		return fq_fail(fq, FQ_EBUSY, "cannot run '%s'", cmd);
	}
	if (fwrite(message, 1, n, p) != n)
		clearerr(p);
	status = pclose(p);
	signal(SIGPIPE, old);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return fq_fail(fq, FQ_EBUSY, "'%s' failed (%s %d); the "
			       "notifications stay owed and go out on the "
			       "next run", cmd, WIFEXITED(status) ?
			       "exit" : "signal", WIFEXITED(status) ?
			       WEXITSTATUS(status) : WTERMSIG(status));
	return 0;
}
