/*
 * text.c - checks on the text people type, and small text helpers.
 */
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "width.h"

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

/* The first control character in s that `flags` does not allow, or 0. */
static int
control(const char *s, int flags)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((flags & TEXT_MULTILINE) && (c == '\n' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7F)
			return c;
	}
	return 0;
}

int
text_check(struct fq *fq, const char *what, const char *s, int max,
	   int flags)
{
	int n, c;

	if (!s || blank(s)) {
		if (flags & TEXT_REQUIRED)
			return fq_fail(fq, FQ_EDATA, "%s is empty", what);
		return 0;
	}
	if (!utf8_valid(s, strlen(s)))
		return fq_fail(fq, FQ_EDATA, "%s is not valid UTF-8 (check the "
			       "terminal's encoding)", what);
	if ((c = control(s, flags)))
		return fq_fail(fq, FQ_EDATA, "%s contains a control character "
			       "(0x%02x)%s", what, c, flags & TEXT_MULTILINE ?
			       "" : "; put longer text in --details");
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
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	*out = n ? buf : NULL;	/* nothing given: no details */
	return 0;
}
