/*
 * mail.c - RFC 5322 messages in UTF-8, handed to sendmail -t.
 *
 * Every header is made by mail_header() or mail_address(), which fold
 * through one writer (fold()); every text of the data goes through
 * mail_text() first.  mail_send() runs the command with fork and exec
 * (not popen) so that it can be timed out and killed with its children.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "mail.h"
#include "privilege.h"
#include "text.h"
#include "utf8.h"

#define MAIL_COLS 78		/* a header line's length, folded */
#define MAIL_LINE 900		/* a body line's bytes, before it is cut */

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

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

/* Length of the UTF-8 character starting with byte c (valid UTF-8). */
static size_t
char_len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

char *
mail_text(struct arena *a, const char *s, const char *indent)
{
	size_t n = strlen(s), in = indent ? strlen(indent) : 0, i = 0;
	char *out = arena_alloc(a, n * (10 + in) + 1), *o = out;
	unsigned cp;
	int len;

	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		if (len < 0) {
			o += sprintf(o, "\\x%02X", (unsigned char)s[i++]);
			continue;
		}
		if (cp == '\n' && indent) {
			*o++ = '\n';
			memcpy(o, indent, in);
			o += in;
		} else if (cp == '\r' || cp == '\n' || cp == '\t') {
			o += sprintf(o, "\\%c", cp == '\r' ? 'r' :
				     cp == '\n' ? 'n' : 't');
		} else if (cp < 0x20 || cp == 0x7F) {
			o += sprintf(o, "\\x%02X", cp);
		} else if (text_is_control(cp)) {
			o += sprintf(o, "<U+%04X>", cp);
		} else {
			memcpy(o, s + i, (size_t)len);
			o += len;
		}
		i += (size_t)len;
	}
	*o = '\0';
	return out;
}

/* The words of a header, to be joined by spaces or folding. */
struct words {
	int n, cap;
	const char **v;
};

/* Appends word s. */
static void
word_add(struct arena *a, struct words *w, const char *s)
{
	w->v = arena_grow(a, w->v, sizeof(*w->v), &w->cap, w->n + 1);
	w->v[w->n++] = s;
}

/*
 * "Field: w1 w2 ...\n", a space between words, folded (the space
 * becoming LF and space) before a word that would pass MAIL_COLS.
 */
static char *
fold(struct arena *a, const char *field, const struct words *w)
{
	size_t cap = strlen(field) + 4, line, n;
	char *out, *o;
	int i;

	for (i = 0; i < w->n; i++)
		cap += strlen(w->v[i]) + 2;
	o = out = arena_alloc(a, cap);
	o += sprintf(o, "%s:", field);
	line = (size_t)(o - out);
	for (i = 0; i < w->n; i++) {
		n = strlen(w->v[i]);
		if (line + 1 + n > MAIL_COLS && line > strlen(field) + 1) {
			*o++ = '\n';
			line = 0;
		}
		*o++ = ' ';
		memcpy(o, w->v[i], n);
		o += n;
		line += 1 + n;
	}
	*o++ = '\n';
	*o = '\0';
	return out;
}

/* Adds s as RFC 2047 "B" encoded words of whole characters. */
static void
encoded_words(struct arena *a, struct words *w, const char *s)
{
	/* 39 bytes give 52 base64 characters: a word of 64, under 75. */
	const size_t chunk = 39;
	char word[64];
	size_t n;

	while (*s) {
		for (n = 0; s[n] && n + char_len((unsigned char)s[n]) <= chunk;)
			n += char_len((unsigned char)s[n]);
		if (n == 0)
			n = strlen(s) < chunk ? strlen(s) : chunk;
		base64((const unsigned char *)s, n, word);
		word_add(a, w, arena_printf(a, "=?UTF-8?B?%s?=", word));
		s += n;
	}
}

/* 1 when s is printable ASCII that no reader takes for an encoded word. */
static int
plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F ||
		    (s[0] == '=' && s[1] == '?'))
			return 0;
	return 1;
}

/* Adds the space-separated words of s; 0 when one would not fit a line. */
static int
plain_words(struct arena *a, struct words *w, const char *s, size_t room)
{
	const char *sp;

	for (;; s = sp + 1) {
		sp = strchr(s, ' ');
		if ((size_t)(sp ? sp - s : (long)strlen(s)) > room)
			return 0;
		word_add(a, w, sp ? arena_strndup(a, s, (size_t)(sp - s))
				  : arena_strdup(a, s));
		if (!sp)
			return 1;
	}
}

char *
mail_header(struct arena *a, const char *field, const char *value)
{
	const char *v = mail_text(a, value, NULL);
	size_t room = MAIL_COLS - strlen(field) - 2;
	struct words w = { 0 };

	if (!plain_ascii(v) || !plain_words(a, &w, v, room)) {
		w.n = 0;
		encoded_words(a, &w, v);
	}
	return fold(a, field, &w);
}

/* "Front \"Desk\"": a quoted string of printable ASCII. */
static char *
quoted(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, 2 * strlen(s) + 3), *o = out;

	*o++ = '"';
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

/* An address with nothing that could end it or break its line. */
static char *
clean_addr(struct arena *a, const char *addr)
{
	char *out = arena_strdup(a, addr), *o = out;

	for (; *addr; addr++)
		if ((unsigned char)*addr > 0x20 &&
		    (unsigned char)*addr < 0x7F && !strchr("<>\",;", *addr))
			*o++ = *addr;
	*o = '\0';
	return out;
}

char *
mail_address(struct arena *a, const char *field, const char *name,
	     const char *addr)
{
	struct words w = { 0 };
	const char *n, *q;

	if (name && *name) {
		n = mail_text(a, name, NULL);
		q = quoted(a, n);
		if (plain_ascii(n) &&
		    strlen(q) <= MAIL_COLS - strlen(field) - 2)
			word_add(a, &w, q);
		else
			encoded_words(a, &w, n);
		word_add(a, &w, arena_printf(a, "<%s>", clean_addr(a, addr)));
	} else {
		word_add(a, &w, clean_addr(a, addr));
	}
	return fold(a, field, &w);
}

/* s without the blanks around it. */
static char *
trim(struct arena *a, const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return arena_strndup(a, s, (size_t)(e - s));
}

/* The content of a quoted string ("a \"b\"" -> a "b"). */
static char *
unquote(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s), *o = out;
	size_t n = strlen(s);
	size_t i;

	for (i = 1; i + 1 < n; i++) {
		if (s[i] == '\\' && i + 2 < n)
			i++;
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

void
mail_parse_mailbox(struct arena *a, const char *spec, const char **name,
		   const char **addr)
{
	const char *lt = strrchr(spec, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	char *n;

	*name = NULL;
	if (!lt || !gt) {
		*addr = trim(a, spec, spec + strlen(spec));
		return;
	}
	*addr = trim(a, lt + 1, gt);
	n = trim(a, spec, lt);
	if (strlen(n) >= 2 && n[0] == '"' && n[strlen(n) - 1] == '"')
		n = unquote(a, n);
	if (*n)
		*name = n;
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

/* The domain of an address (or "localhost"). */
static const char *
domain_of(struct arena *a, const char *addr)
{
	const char *at = strrchr(addr, '@');

	return at && at[1] ? clean_addr(a, at + 1) : "localhost";
}

/* A unique Message-ID for this process. */
static char *
message_id(struct arena *a, const char *addr)
{
	static unsigned counter;

	return arena_printf(a, "<fq.%lld.%ld.%u@%s>", (long long)fq_now(),
			    (long)getpid(), ++counter, domain_of(a, addr));
}

/* The body with no CR, each line at most MAIL_LINE bytes (cut whole). */
static char *
body_lines(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) * 2 + 2), *o = out;
	size_t line = 0, n;

	while (*s) {
		if (*s == '\r') {
			s++;
			continue;
		}
		n = *s == '\n' ? 1 : char_len((unsigned char)*s);
		if (*s != '\n' && line + n > MAIL_LINE) {
			*o++ = '\n';
			line = 0;
		}
		line = *s == '\n' ? 0 : line + n;
		while (n-- && *s)
			*o++ = *s++;
	}
	if (o > out && o[-1] != '\n')
		*o++ = '\n';
	*o = '\0';
	return out;
}

char *
mail_format(struct fq *fq, const struct mail *m)
{
	struct arena *a = fq->mem;
	const char *from_name, *from_addr;

	mail_parse_mailbox(a, m->from, &from_name, &from_addr);
	return arena_printf(a, "%s%s%sDate: %s\nMessage-ID: %s\n"
		"MIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=UTF-8\n"
		"Content-Transfer-Encoding: 8bit\n"
		"Auto-Submitted: auto-generated\n"
		"\n%s",
		mail_address(a, "From", from_name, from_addr),
		mail_address(a, "To", m->to_name, m->to_addr),
		mail_header(a, "Subject", m->subject), mail_date(a),
		message_id(a, from_addr), body_lines(a, m->body));
}

int
mail_timeout(struct fq *fq, int *seconds)
{
	const char *s = getenv("FQ_SENDMAIL_TIMEOUT");
	char *end;
	long v;

	*seconds = MAIL_TIMEOUT;
	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 1 || v > 86400)
		return fq_fail(fq, FQ_ECONFIG, "FQ_SENDMAIL_TIMEOUT: '%s' is "
			       "not a number of seconds from 1 to 86400", s);
	*seconds = (int)v;
	return 0;
}

/* Milliseconds on the monotonic clock: elapsed time, not "now". */
static long long
ms_since_boot(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* In the child: the pipe as its input, its output to our standard
 * error (fq's own output stays what it sent), then the command. */
static void
child(const char *cmd, int in, int err_fd)
{
	int e;

	setpgid(0, 0);
	signal(SIGPIPE, SIG_DFL);
	if (privilege_drop_group() < 0) {	/* sendmail never runs as fq */
		e = errno;
		if (write(err_fd, &e, sizeof(e)) < 0)
			_exit(126);
		_exit(127);
	}
	if (dup2(in, 0) < 0 || dup2(2, 1) < 0)
		_exit(127);
	close(in);
	if (getenv("FQ_SENDMAIL") && *getenv("FQ_SENDMAIL"))
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	else
		execl("/usr/sbin/sendmail", "sendmail", "-t", "-oi",
		      (char *)NULL);
	e = errno;
	if (write(err_fd, &e, sizeof(e)) < 0)
		_exit(126);
	_exit(127);
}

/* Writes the message to fd before the deadline; 1 on time, 0 late. */
static int
feed(int fd, const char *msg, long long deadline)
{
	size_t n = strlen(msg), done = 0;
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	long long left;
	ssize_t w;

	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	while (done < n) {
		if ((left = deadline - ms_since_boot()) <= 0)
			return 0;
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
			return 1;
		w = write(fd, msg + done, n - done);
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			return 1;	/* it stopped reading: see its status */
		if (w > 0)
			done += (size_t)w;
	}
	return 1;
}

/* Waits for pid until the deadline; 1 with *status, 0 past it. */
static int
reap(pid_t pid, int *status, long long deadline)
{
	pid_t r;

	for (;;) {
		r = waitpid(pid, status, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			return 1;
		if (ms_since_boot() >= deadline)
			return 0;
		poll(NULL, 0, 10);
	}
}

/* Kills the command's process group: TERM, a second to go, then KILL. */
static void
kill_group(pid_t pid, int *status)
{
	kill(-pid, SIGTERM);
	if (!reap(pid, status, ms_since_boot() + 1000)) {
		kill(-pid, SIGKILL);
		waitpid(pid, status, 0);
	}
	kill(-pid, SIGKILL);	/* whatever it left behind */
}

/* Starts the command on a pipe: *pid, *in (its stdin), *err (exec errno). */
static int
start(struct fq *fq, const char *cmd, pid_t *pid, int *in, int *err)
{
	int p[2], e[2];

	fflush(NULL);
	if (pipe2(p, O_CLOEXEC) < 0)
		return fq_fail(fq, FQ_EBUSY, "cannot run '%s': %s", cmd,
			       strerror(errno));
	if (pipe2(e, O_CLOEXEC) < 0) {
		close(p[0]);
		close(p[1]);
		return fq_fail(fq, FQ_EBUSY, "cannot run '%s': %s", cmd,
			       strerror(errno));
	}
	if ((*pid = fork()) == 0)
		child(cmd, p[0], e[1]);
	close(p[0]);
	close(e[1]);
	if (*pid < 0) {
		close(p[1]);
		close(e[0]);
		return fq_fail(fq, FQ_EBUSY, "cannot run '%s': %s", cmd,
			       strerror(errno));
	}
	setpgid(*pid, *pid);
	*in = p[1];
	*err = e[0];
	return 0;
}

int
mail_send(struct fq *fq, const char *message, int timeout, int *timed_out)
{
	const char *env = getenv("FQ_SENDMAIL");
	const char *cmd = env && *env ? env : MAIL_SENDMAIL;
	long long deadline = ms_since_boot() + 1000LL * timeout;
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	int in = -1, err = -1, e = 0, status = 0, rc, ok;
	pid_t pid = -1;

	*timed_out = 0;
	if ((rc = start(fq, cmd, &pid, &in, &err))) {
		signal(SIGPIPE, old);
		return rc;
	}
	ok = feed(in, message, deadline);
	close(in);
	ok = ok && reap(pid, &status, deadline);
	if (!ok)
		kill_group(pid, &status);
	if (read(err, &e, sizeof(e)) != sizeof(e))
		e = 0;
	close(err);
	signal(SIGPIPE, old);
	if (!ok) {
		*timed_out = 1;
		return fq_fail(fq, FQ_EBUSY, "'%s' took longer than %d s and "
			       "was stopped; the notifications stay owed and "
			       "go out on the next run", cmd, timeout);
	}
	if (e)
		return fq_fail(fq, FQ_EBUSY, "cannot run '%s': %s; the "
			       "notifications stay owed and go out on the "
			       "next run", cmd, strerror(e));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return fq_fail(fq, FQ_EBUSY, "'%s' failed (%s %d); the "
			       "notifications stay owed and go out on the "
			       "next run", cmd, WIFEXITED(status) ?
			       "exit" : "signal", WIFEXITED(status) ?
			       WEXITSTATUS(status) : WTERMSIG(status));
	return 0;
}
