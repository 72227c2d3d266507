/*
 * visible.c - the one sanitiser of output for people: controls shown
 * visibly, never emitted (see visible.h for the forms).
 */
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "utf8.h"
#include "visible.h"

#define FORM_MAX 16	/* room for a visible form: "<U+10FFFF>" and a NUL */

/*
 * How the character at s (n bytes left) is shown under `flags`: returns
 * its length in bytes and writes its visible form to out (FORM_MAX
 * bytes), or leaves out empty when it goes out as it is.
 */
static size_t
visible_char(const char *s, size_t n, int flags, char *out)
{
	unsigned cp;
	int len = utf8_decode(s, n, &cp);

	*out = '\0';
	if (len < 0) {
		snprintf(out, FORM_MAX, "\\x%02x", (unsigned char)*s);
		return 1;
	}
	if ((cp == '\t' && (flags & VIS_TAB)) ||
	    (cp == '\n' && (flags & VIS_NL)) ||
	    (cp == '\r' && (flags & VIS_CR)))
		return (size_t)len;
	if ((cp == '\t' || cp == '\n' || cp == '\r') && (flags & VIS_FOLD)) {
		strcpy(out, " ");
		return (size_t)len;
	}
	if (!text_is_control(cp))
		return (size_t)len;
	if (cp < 0x20 || cp == 0x7f)
		snprintf(out, FORM_MAX, "\\x%02x", cp);
	else
		snprintf(out, FORM_MAX, "<U+%04X>", cp);
	return (size_t)len;
}

/* Bytes of s that go out as they are, from the start (a run to copy). */
static size_t
plain_run(const char *s)
{
	size_t i = 0;

	/* Printable ASCII never changes; look closer at anything else. */
	while (s[i] >= 0x20 && s[i] < 0x7f)
		i++;
	return i;
}

int
text_needs_visible(const char *s, int flags)
{
	char form[FORM_MAX];
	size_t n, len;

	if (!s)
		return 0;
	n = strlen(s);
	while (n > 0) {
		len = plain_run(s);
		s += len;
		n -= len;
		if (n == 0)
			break;
		len = visible_char(s, n, flags, form);
		if (*form)
			return 1;
		s += len;
		n -= len;
	}
	return 0;
}

const char *
text_visible(struct arena *a, const char *s, int flags)
{
	char form[FORM_MAX], *buf, *w;
	size_t n, len;

	if (!s || !text_needs_visible(s, flags))
		return s;
	n = strlen(s);
	/* A byte grows to at most 4 ("\x1b"), two bytes to 8 ("<U+009B>"). */
	buf = w = arena_alloc(a, 4 * n + 1);
	while (n > 0) {
		len = visible_char(s, n, flags, form);
		if (*form) {
			w = stpcpy(w, form);
		} else {
			memcpy(w, s, len);
			w += len;
		}
		s += len;
		n -= len;
	}
	*w = '\0';
	return buf;
}
