/*
 * utf8.h - decoding and checking UTF-8, the one encoding of fq's text.
 *
 * Strict: no overlong forms, no surrogates, nothing above U+10FFFF.  It
 * sits below every layer that reads or writes text (the JSON module,
 * input checks, the display width of the view).
 */
#ifndef FQ_UTF8_H
#define FQ_UTF8_H

#include <stddef.h>

/* Decodes one UTF-8 character; returns its length (1..4) or -1 if invalid. */
int utf8_decode(const char *s, size_t n, unsigned *cp);
/* 1 when the n bytes at s are valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);

#endif
