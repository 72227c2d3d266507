/*
 * width.c - display width of UTF-8 text, from the bundled table in
 * width_table.h (see lib/view/gen-width.py), never from libc or the locale.
 *
 * What is printed, and so what is counted:
 *   - C0 controls and DEL are printed as ^X (^@ .. ^_, ^?): 2 columns;
 *   - C1 controls (U+0080..U+009F) have no caret form and a terminal may
 *     act on them, so they are printed as U+FFFD: 1 column;
 *   - each byte that is not part of a valid UTF-8 character is printed as
 *     U+FFFD: 1 column;
 *   - everything else as it is, with the width from the table; East
 *     Asian Ambiguous characters (· → – … “”) take 1 column, or 2 after
 *     width_ambiguous(1) (a Chinese locale, see width_ambiguous_env()).
 *
 * The view sanitises text (visible.h) before it measures it, so the
 * control characters above are a last line of defence, not the rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "width.h"
#include "width_table.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */
static const char ellipsis[] = "\xe2\x80\xa6";		/* U+2026 */
#define ELLIPSIS_CP 0x2026

/* 1: East Asian Ambiguous characters take 2 columns. */
static int ambiguous_wide;

void
width_ambiguous(int wide)
{
	ambiguous_wide = wide;
}

/* 1 when a locale name is a Chinese one ("zh_CN.UTF-8", "zh_TW"). */
static int
chinese(const char *value)
{
	return value && !strncmp(value, "zh", 2);
}

int
width_ambiguous_env(void)
{
	const char *amb = getenv("FQ_AMBIGUOUS");
	const char *names[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *v;
	size_t i;

	if (amb && !strcmp(amb, "wide"))
		return 1;
	if (amb && !strcmp(amb, "narrow"))
		return 0;
	/* The first of them that is set decides, as for setlocale(). */
	for (i = 0; i < NELEM(names); i++)
		if ((v = getenv(names[i])) && *v)
			return chinese(v);
	return 0;
}

/* 1 when cp lies in one of the n sorted ranges of t. */
static int
in_table(unsigned cp, const struct wrange *t, size_t n)
{
	size_t lo = 0, hi = n;

	if (n == 0 || cp < t[0].first || cp > t[n - 1].last)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < t[mid].first)
			hi = mid;
		else if (cp > t[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int
cp_width(unsigned cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return 2;		/* ^X */
	if (cp < 0x7f)
		return 1;
	if (cp < 0xa0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 1;		/* shown as U+FFFD */
	if (in_table(cp, width0_table, NELEM(width0_table)))
		return 0;
	if (in_table(cp, width2_table, NELEM(width2_table)))
		return 2;
	if (ambiguous_wide && in_table(cp, widthA_table, NELEM(widthA_table)))
		return 2;
	return 1;
}

/*
 * The next character of s (NUL-terminated): its length in bytes (an
 * invalid byte is a character of its own) and its width in *w.
 */
static size_t
next_char(const char *s, int *w)
{
	unsigned cp;
	int len;

	len = utf8_decode(s, strnlen(s, 4), &cp);
	if (len < 0) {
		*w = 1;
		return 1;
	}
	*w = cp_width(cp);
	return (size_t)len;
}

int
str_width(const char *s)
{
	int w, total = 0;

	if (!s)
		return 0;
	while (*s) {
		s += next_char(s, &w);
		total += w;
	}
	return total;
}

/*
 * Bytes of s that fit in `cols` columns, with the columns they take in
 * *used.  Zero-width characters after the last that fits go with it.
 */
static size_t
fit(const char *s, int cols, int *used)
{
	size_t off = 0, len;
	int w;

	*used = 0;
	while (s[off]) {
		len = next_char(s + off, &w);
		if (*used + w > cols)
			break;
		*used += w;
		off += len;
	}
	return off;
}

size_t
width_prefix(const char *s, int cols)
{
	int used;

	return s ? fit(s, cols, &used) : 0;
}

/* Prints the first n bytes of s visibly: ^X for controls, U+FFFD. */
static void
print_visible(FILE *f, const char *s, size_t n)
{
	unsigned cp;
	int len;

	while (n > 0) {
		len = utf8_decode(s, n, &cp);
		if (len < 0) {
			fputs(replacement, f);
			len = 1;
		} else if (cp < 0x20 || cp == 0x7f) {
			fputc('^', f);
			fputc(cp == 0x7f ? '?' : (int)cp + '@', f);
		} else if (cp >= 0x80 && cp < 0xa0) {
			fputs(replacement, f);
		} else {
			fwrite(s, 1, (size_t)len, f);
		}
		s += len;
		n -= (size_t)len;
	}
}

/* Prints n spaces. */
static void
pad(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

/*
 * Prints s in at most `cols` columns, cut with the ellipsis when it is
 * wider; returns the columns printed.
 */
static int
print_cut(FILE *f, const char *s, int cols)
{
	int w, ew = cp_width(ELLIPSIS_CP);
	size_t n;

	if (cols <= 0)
		return 0;
	w = str_width(s);
	if (w <= cols) {
		print_visible(f, s, strlen(s));
		return w;
	}
	if (cols < ew)
		return 0;	/* not even the ellipsis fits */
	n = fit(s, cols - ew, &w);
	print_visible(f, s, n);
	fputs(ellipsis, f);
	return w + ew;
}

void
width_print(FILE *f, const char *s, int cols, int right)
{
	if (!s)
		s = "";
	if (cols <= 0)
		return;
	if (right) {
		pad(f, cols - width_cut_width(s, cols));
		print_cut(f, s, cols);
	} else {
		pad(f, cols - print_cut(f, s, cols));
	}
}

int
width_cut_width(const char *s, int cols)
{
	int w, ew = cp_width(ELLIPSIS_CP);

	if (!s || cols <= 0)
		return 0;
	if ((w = str_width(s)) <= cols)
		return w;
	if (cols < ew)
		return 0;
	fit(s, cols - ew, &w);
	return w + ew;
}

void
width_print_cut(FILE *f, const char *s, int cols)
{
	print_cut(f, s ? s : "", cols);
}
