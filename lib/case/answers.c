/*
 * answers.c - what an answer to a guest may say, and how it is given.
 */
#include <string.h>

#include "answers.h"
#include "text.h"

const char *
forbidden_phrase(const struct policy *p, const char *text)
{
	int i;

	for (i = 0; i < p->nforbidden; i++)
		if (text_has(text, p->forbidden[i]))
			return p->forbidden[i];
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
