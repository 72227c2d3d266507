/*
 * text.c - checks on the text people type, and small text helpers.
 */
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "utf8.h"

int
text_chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* 1 when s holds nothing but blanks. */
static int
blank(const char *s)
{
	for (; *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 0;
	return 1;
}

/*
 * The code point of the UTF-8 sequence at s (valid UTF-8 assumed), and
 * its length in *len.
 */
static unsigned
code_point(const unsigned char *s, int *len)
{
	if (s[0] < 0x80)
		return *len = 1, s[0];
	if (s[0] < 0xE0)
		return *len = 2, (s[0] & 0x1Fu) << 6 | (s[1] & 0x3Fu);
	if (s[0] < 0xF0)
		return *len = 3, (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 |
			(s[2] & 0x3Fu);
	return *len = 4, (s[0] & 0x07u) << 18 | (s[1] & 0x3Fu) << 12 |
		(s[2] & 0x3Fu) << 6 | (s[3] & 0x3Fu);
}

int
text_is_control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	       cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * The first control character in s (valid UTF-8) that `flags` does not
 * allow, or 0: C0, DEL, C1 and the bidirectional controls.
 */
static unsigned
control(const char *s, int flags)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	int len;

	for (; *p; p += len) {
		cp = code_point(p, &len);
		if ((flags & TEXT_MULTILINE) && (cp == '\n' || cp == '\t'))
			continue;
		if (text_is_control(cp))
			return cp;
	}
	return 0;
}

int
text_check(struct fq *fq, const char *what, const char *s, int max,
	   int flags)
{
	unsigned c;
	int n;

	if (!s || blank(s)) {
		if (flags & TEXT_REQUIRED)
			return fq_fail(fq, FQ_EDATA, "%s is empty", what);
		if (!s || !control(s, flags))
			return 0;	/* else a lone CR, LF or tab: below */
	}
	if (!utf8_valid(s, strlen(s)))
		return fq_fail(fq, FQ_EDATA, "%s is not valid UTF-8 (check the "
			       "terminal's encoding)", what);
	if ((c = control(s, flags)) && c < 0x80)
		return fq_fail(fq, FQ_EDATA, "%s contains a control character "
			       "(0x%02x)%s", what, c, flags & TEXT_MULTILINE ?
			       "" : "; put longer text in --details");
	if (c)
		return fq_fail(fq, FQ_EDATA, "%s contains a control character "
			       "(U+%04X), which a terminal would obey; retype "
			       "it without", what, c);
	if ((n = text_chars(s)) > max)
		return fq_fail(fq, FQ_EDATA, "%s is %d characters long; the "
			       "most is %d", what, n, max);
	return 0;
}

int
text_has(const char *s, const char *needle)
{
	return s && needle && *needle && strstr(s, needle) != NULL;
}

const char *
text_mask_phone(struct arena *a, const char *phone)
{
	int digits = 0, seen = 0;
	const char *p;
	char *m, *q;

	if (!phone)
		return NULL;
	for (p = phone; *p; p++)
		digits += *p >= '0' && *p <= '9';
	if (digits < 8)
		return phone;
	/* Only ASCII digits change, so the text stays valid UTF-8. */
	m = arena_strdup(a, phone);
	for (q = m; *q; q++) {
		if (*q < '0' || *q > '9')
			continue;
		if (seen >= 3 && seen < digits - 4)
			*q = '*';
		seen++;
	}
	return m;
}

int
text_read_stdin(struct fq *fq, const char *what, int max, char **out)
{
	size_t cap = (size_t)max * 4 + 2, n;
	char *buf = arena_alloc(fq->mem, cap + 1);

	n = fread(buf, 1, cap, stdin);
	if (ferror(stdin))
		return fq_fail(fq, FQ_EDATA, "%s: cannot read standard input",
			       what);
	if (n == cap)
		return fq_fail(fq, FQ_EDATA, "%s on standard input is longer "
			       "than %d characters", what, max);
	if (memchr(buf, '\0', n))
		return fq_fail(fq, FQ_EDATA, "%s on standard input contains "
			       "a NUL byte; is it a text file?", what);
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	*out = n ? buf : NULL;	/* nothing given: no details */
	return 0;
}
