/*
 * text.h - checks on the text people type, and small text helpers.
 */
#ifndef FQ_TEXT_H
#define FQ_TEXT_H

#include "fq.h"

/* Limits, in characters (code points). */
enum {
	MAX_SUMMARY = 200,
	MAX_DETAILS = 4000,
	MAX_NOTE = 2000,	/* notes, answers, reasons */
	MAX_NAME = 64,		/* guest names */
	MAX_SHORT = 32,		/* room, phone */
};

enum {
	TEXT_REQUIRED = 1,	/* empty (or only blanks) is an error */
	TEXT_MULTILINE = 2,	/* newlines and tabs are allowed */
};

/*
 * Fails with FQ_EDATA, naming `what`, when s is not valid UTF-8, is
 * longer than `max` characters, holds control characters (C0, DEL, C1
 * and the bidirectional controls; newline and tab only with
 * TEXT_MULTILINE), or is empty while required.  A NULL s passes unless
 * required.
 */
int text_check(struct fq *fq, const char *what, const char *s, int max,
	       int flags);
/*
 * 1 for a code point no stored text may hold: C0 and C1 controls, DEL,
 * and the bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069) that reorder what a terminal shows.
 */
int text_is_control(unsigned cp);
/* Characters (code points) in valid UTF-8. */
int text_chars(const char *s);
/* 1 when `s` contains `needle` (byte-wise; UTF-8 safe). */
int text_has(const char *s, const char *needle);
/*
 * "13912345678" -> "139****5678" (for tables): the digits between the
 * first three and the last four become '*'; fewer than 8 digits: as is.
 */
const char *text_mask_phone(struct arena *a, const char *phone);
/*
 * Reads all of standard input (for "-"), without trailing newlines;
 * *out is NULL when there was nothing.  FQ_EDATA if it is too long or
 * holds a NUL byte.
 */
int text_read_stdin(struct fq *fq, const char *what, int max, char **out);

#endif
