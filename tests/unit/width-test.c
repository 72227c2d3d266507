/*
 * width-test.c - unit tests of lib/width.c, as a TAP program.
 *
 * Links width.o alone: display widths come from the bundled table, so
 * the results must not depend on the locale (tests/width.bats runs this
 * with none set).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "width.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Characters under test, spelled as their UTF-8 bytes. */
#define ZHONG	"\xe4\xb8\xad"	/* U+4E2D, 2 columns */
#define WEN	"\xe6\x96\x87"	/* U+6587, 2 columns */
#define ZI	"\xe5\xad\x97"	/* U+5B57, 2 columns */
#define ELL	"\xe2\x80\xa6"	/* U+2026, the cut mark */
#define FFFD	"\xef\xbf\xbd"	/* U+FFFD, for bad bytes */

struct width_case {
	const char *what, *s;
	int want;
};

static const struct width_case widths[] = {
	{ "ASCII", "hello", 5 },
	{ "empty string", "", 0 },
	{ "Chinese 中文 is 2 each", ZHONG WEN, 4 },
	{ "mixed a中b", "a" ZHONG "b", 4 },
	{ "fullwidth ＡＢ", "\xef\xbc\xa1\xef\xbc\xa2", 4 },
	{ "e + U+0301 combining is 1", "e\xcc\x81", 1 },
	{ "emoji U+1F600 is 2", "\xf0\x9f\x98\x80", 2 },
	{ "Hangul syllable is 2", "\xea\xb0\x80", 2 },
	{ "zero width space is 0", "a\xe2\x80\x8b" "b", 2 },
	{ "soft hyphen is 1", "\xc2\xad", 1 },
	{ "invalid byte 0xff is 1", "\xff", 1 },
	{ "each invalid byte counts", "a\x80\x80" "b", 4 },
	{ "truncated sequence: each byte", "\xe4\xb8", 2 },
	{ "overlong: each byte", "\xc0\xaf", 2 },
	{ "surrogate: each byte", "\xed\xa0\x80", 3 },
	{ "tab shown as ^I is 2", "a\tb", 4 },
	{ "escape shown as ^[ is 2", "\x1b[0m", 5 },
	{ "DEL shown as ^? is 2", "\x7f", 2 },
	{ "C1 control shown as U+FFFD is 1", "\xc2\x85", 1 },
};

struct cp_case {
	unsigned cp;
	int want;
};

static const struct cp_case cps[] = {
	{ 0x41, 1 }, { 0x4e2d, 2 }, { 0x3000, 2 }, { 0xff01, 2 },
	{ 0x0301, 0 }, { 0x200b, 0 }, { 0x1160, 0 }, { 0x00ad, 1 },
	{ 0x1f600, 2 }, { 0x20000, 2 }, { 0x3fffd, 2 }, { 0x0009, 2 },
	{ 0x0085, 1 }, { 0x00e9, 1 }, { 0x110000, 1 },
};

struct print_case {
	const char *what, *s;
	int cols, right;
	const char *want;
};

static const struct print_case prints[] = {
	{ "pads ASCII on the right", "ab", 5, 0, "ab   " },
	{ "pads ASCII on the left", "ab", 5, 1, "   ab" },
	{ "exact fit is not cut", ZHONG WEN, 4, 0, ZHONG WEN },
	{ "pads CJK by columns", ZHONG, 5, 0, ZHONG "   " },
	{ "cuts CJK at an even boundary", ZHONG WEN ZI, 5, 0, ZHONG WEN ELL },
	{ "cuts CJK at an odd boundary: drops, pads", ZHONG WEN ZI, 4, 0,
	  ZHONG ELL " " },
	{ "odd cut right-aligned pads on the left", ZHONG WEN ZI, 4, 1,
	  " " ZHONG ELL },
	{ "odd cut after ASCII", "a" ZHONG WEN ZI, 5, 0, "a" ZHONG ELL " " },
	{ "cut after ASCII then CJK", "a" ZHONG WEN, 4, 0, "a" ZHONG ELL },
	{ "one column: only the ellipsis", ZHONG, 1, 0, ELL },
	{ "ASCII cut", "abcdef", 4, 0, "abc" ELL },
	{ "zero columns print nothing", "abc", 0, 0, "" },
	{ "combining mark stays with its letter", "e\xcc\x81xyz", 2, 0,
	  "e\xcc\x81" ELL },
	{ "control characters as ^X", "a\tb\x7f", 6, 0, "a^Ib^?" },
	{ "invalid byte as U+FFFD", "\xff", 2, 0, FFFD " " },
	{ "C1 control as U+FFFD", "\xc2\x9b" "1m", 3, 0, FFFD "1m" },
	{ "NULL prints as empty", NULL, 2, 0, "  " },
};

struct prefix_case {
	const char *s;
	int cols;
	size_t want;
};

static const struct prefix_case prefixes[] = {
	{ "abc", 10, 3 },
	{ "abc", 2, 2 },
	{ ZHONG WEN, 3, 3 },
	{ ZHONG WEN, 1, 0 },
	{ "e\xcc\x81x", 1, 3 },
	{ "\xff\xfe", 1, 1 },
};

struct valid_case {
	const char *what, *s;
	int want;
};

static const struct valid_case valids[] = {
	{ "ASCII", "plain text", 1 },
	{ "Chinese", ZHONG WEN, 1 },
	{ "U+10FFFF", "\xf4\x8f\xbf\xbf", 1 },
	{ "overlong 2-byte /", "\xc0\xaf", 0 },
	{ "overlong 3-byte /", "\xe0\x80\xaf", 0 },
	{ "overlong 4-byte /", "\xf0\x80\x80\xaf", 0 },
	{ "surrogate U+D800", "\xed\xa0\x80", 0 },
	{ "surrogate U+DFFF", "\xed\xbf\xbf", 0 },
	{ "truncated 3-byte", "\xe4\xb8", 0 },
	{ "truncated 4-byte", "\xf0\x9f\x98", 0 },
	{ "above U+10FFFF", "\xf4\x90\x80\x80", 0 },
	{ "lone continuation byte", "a\x80", 0 },
	{ "byte 0xff", "\xff", 0 },
};

static int failed;
static int num;

/* Reports one result. */
static void
check(int ok, const char *what, const char *got, const char *want)
{
	num++;
	if (ok) {
		printf("ok %d - %s\n", num, what);
		return;
	}
	failed++;
	printf("not ok %d - %s # got '%s', want '%s'\n", num, what, got, want);
}

/* Reports an integer result. */
static void
check_int(long long got, long long want, const char *what)
{
	char g[32], w[32];

	snprintf(g, sizeof(g), "%lld", got);
	snprintf(w, sizeof(w), "%lld", want);
	check(got == want, what, g, w);
}

/* What width_print() writes, in a malloc'd string. */
static char *
printed(const char *s, int cols, int right)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		perror("open_memstream");
		exit(2);
	}
	width_print(f, s, cols, right);
	fclose(f);
	return buf;
}

/* The str_width() cases. */
static void
test_widths(void)
{
	size_t i;

	for (i = 0; i < NELEM(widths); i++)
		check_int(str_width(widths[i].s), widths[i].want,
			  widths[i].what);
}

/* The cp_width() cases. */
static void
test_cps(void)
{
	char what[64];
	size_t i;

	for (i = 0; i < NELEM(cps); i++) {
		snprintf(what, sizeof(what), "cp_width(U+%04X)", cps[i].cp);
		check_int(cp_width(cps[i].cp), cps[i].want, what);
	}
}

/* The width_print() cases. */
static void
test_prints(void)
{
	const struct print_case *c;
	char *got;
	size_t i;

	for (i = 0; i < NELEM(prints); i++) {
		c = &prints[i];
		got = printed(c->s, c->cols, c->right);
		check(!strcmp(got, c->want), c->what, got, c->want);
		free(got);
	}
}

/* The width_prefix() cases. */
static void
test_prefixes(void)
{
	char what[64];
	size_t i;

	for (i = 0; i < NELEM(prefixes); i++) {
		snprintf(what, sizeof(what), "width_prefix #%zu, %d columns",
			 i + 1, prefixes[i].cols);
		check_int((long long)width_prefix(prefixes[i].s,
						  prefixes[i].cols),
			  (long long)prefixes[i].want, what);
	}
}

/* The utf8_valid() cases, and two decodes. */
static void
test_valid(void)
{
	char what[96];
	unsigned cp = 0;
	size_t i;

	for (i = 0; i < NELEM(valids); i++) {
		snprintf(what, sizeof(what), "utf8_valid: %s", valids[i].what);
		check_int(utf8_valid(valids[i].s, strlen(valids[i].s)),
			  valids[i].want, what);
	}
	check_int(utf8_decode(ZHONG, 3, &cp), 3,
		  "utf8_decode length of 中");
	check_int(cp, 0x4e2d, "utf8_decode code point of 中");
	check_int(utf8_decode("\xf0\x9f\x98\x80", 3, &cp), -1,
		  "utf8_decode refuses a sequence cut by n");
}

#define MIDDOT	"\xc2\xb7"	/* U+00B7, East Asian Ambiguous */
#define ELL_W	"\xe2\x80\xa6"	/* U+2026, Ambiguous too */
#define N_AMBIGUOUS 10

/* East Asian Ambiguous characters: 1 column, or 2 when asked for. */
static void
test_ambiguous(void)
{
	char *got;

	check_int(cp_width(0xb7), 1, "ambiguous U+00B7 is 1 by default");
	check_int(str_width("a" MIDDOT "b"), 3, "a·b is 3 by default");
	width_ambiguous(1);
	check_int(cp_width(0xb7), 2, "ambiguous U+00B7 is 2 when wide");
	check_int(cp_width(0x2192), 2, "ambiguous U+2192 (arrow) is 2 wide");
	check_int(cp_width(0x4e2d), 2, "wide stays 2 when ambiguous is wide");
	check_int(cp_width(0x41), 1, "ASCII stays 1 when ambiguous is wide");
	check_int(str_width("a" MIDDOT "b"), 4, "a·b is 4 when wide");
	got = printed(ZHONG WEN ZI, 5, 0);
	check(!strcmp(got, ZHONG ELL_W " "), "the ellipsis takes 2 when wide",
	      got, ZHONG ELL_W " ");
	free(got);
	got = printed(ZHONG, 1, 0);
	check(!strcmp(got, " "), "no room for a wide ellipsis: blank", got,
	      " ");
	free(got);
	width_ambiguous(0);
	check_int(cp_width(0x2026), 1, "back to narrow: U+2026 is 1");
}

int
main(void)
{
	printf("1..%zu\n", NELEM(widths) + NELEM(cps) + NELEM(prints) +
				   NELEM(prefixes) + NELEM(valids) + 3 +
				   N_AMBIGUOUS);
	test_widths();
	test_cps();
	test_prints();
	test_prefixes();
	test_valid();
	test_ambiguous();
	return failed ? 1 : 0;
}
