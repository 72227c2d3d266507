/*
 * answers.c - what an answer to a guest may say, and how it is given.
 */
#include <string.h>

#include "answers.h"
#include "fold.h"
#include "text.h"
#include "utf8.h"

/* 1 for a code point the normal form drops: blanks and punctuation. */
static int
dropped(unsigned cp)
{
	if (cp < 0x80)
		return cp <= ' ' || cp == 0x7f ||
		       strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", (int)cp);
	return (cp >= 0x80 && cp <= 0xbf) ||	/* C1, NBSP, ¡ « · » ¿ */
	       cp == 0xd7 || cp == 0xf7 ||
	       (cp >= 0x2000 && cp <= 0x206f) ||	/* quotes, dashes */
	       (cp >= 0x3000 && cp <= 0x3003) ||	/* 、。〃 */
	       (cp >= 0x3008 && cp <= 0x3011) ||	/* 〈〉《》「」『』 */
	       (cp >= 0x3014 && cp <= 0x301f) ||
	       cp == 0x30fb || cp == 0xfeff ||		/* ・, BOM */
	       (cp >= 0xfe10 && cp <= 0xfe19) ||	/* vertical forms */
	       (cp >= 0xfe30 && cp <= 0xfe6b) ||	/* CJK compatibility */
	       (cp >= 0xff5f && cp <= 0xff65);		/* half-width 。「」 */
}

char *
answer_normal(struct arena *a, const char *text)
{
	char *f = text_fold(a, text), *out;
	size_t n, i = 0, o = 0;
	unsigned cp;
	int len;

	if (!f)
		return NULL;
	n = strlen(f);
	out = arena_alloc(a, n + 1);
	while (i < n) {
		if ((len = utf8_decode(f + i, n - i, &cp)) < 0) {
			out[o++] = f[i++];
			continue;
		}
		if (!dropped(cp)) {
			memcpy(out + o, f + i, (size_t)len);
			o += (size_t)len;
		}
		i += (size_t)len;
	}
	out[o] = '\0';
	return out;
}

const char *
forbidden_phrase(const struct policy *p, const char *text)
{
	const char *norm = answer_normal(p->mem, text), *w;
	size_t so, eo;
	int i;

	for (i = 0; norm && i < p->nforbidden; i++)
		if ((w = answer_normal(p->mem, p->forbidden[i])) && *w &&
		    text_has(norm, w))
			return p->forbidden[i];
	for (i = 0; norm && i < p->npatterns; i++)
		if (policy_pattern_find(p->patterns[i], norm, &so, &eo) == 1)
			return eo > so ? arena_strndup(p->mem, norm + so,
						       eo - so)
				       : p->patterns[i];
	return NULL;
}

const char *
reply_by_default(const char *via)
{
	if (!strcmp(via, "phone"))
		return "phone";
	if (!strcmp(via, "desk"))
		return "in-person";
	return "other";
}
