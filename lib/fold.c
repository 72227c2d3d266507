/*
 * fold.c - folding text for matching: full-width ASCII and the
 * ideographic space to ASCII, ASCII letters to lower case.
 */
#include <string.h>

#include "fold.h"
#include "utf8.h"

unsigned
fold_cp(unsigned cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)	/* ！ .. ～ */
		cp -= 0xFF01 - 0x21;
	else if (cp == 0x3000)			/* ideographic space */
		cp = ' ';
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

char *
text_fold(struct arena *a, const char *s)
{
	size_t n, i = 0, o = 0;
	unsigned cp;
	char *out;
	int len;

	if (!s)
		return NULL;
	n = strlen(s);
	out = arena_alloc(a, n + 1);	/* folding never lengthens */
	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		if (len < 0) {
			out[o++] = s[i++];
			continue;
		}
		i += (size_t)len;
		if ((cp = fold_cp(cp)) < 0x80) {
			out[o++] = (char)cp;
			continue;
		}
		/* Unchanged: the folds only ever make ASCII. */
		memcpy(out + o, s + i - (size_t)len, (size_t)len);
		o += (size_t)len;
	}
	out[o] = '\0';
	return out;
}
