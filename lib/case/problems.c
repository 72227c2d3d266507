/*
 * problems.c - findings in English and in the language of the messages
 * (problems.h).
 */
#include <stdarg.h>

#include "i18n.h"
#include "problems.h"

/*
 * The translations, by the val of each English finding: a command runs
 * once per process and its findings live in its arena, as these do.
 */
struct told {
	const struct val *english;
	const char *text;
};

static struct told *told;
static int ntold, told_cap;

void
problem_both(struct fq *fq, struct val *list, const char *english,
	     const char *text)
{
	struct val *s = v_str(fq->mem, english);

	v_push(fq->mem, list, s);
	told = arena_grow(fq->mem, told, sizeof(*told), &told_cap, ntold + 1);
	told[ntold].english = s;
	told[ntold++].text = text;
}

void
problem_add(struct fq *fq, struct val *list, const char *fmt, ...)
{
	va_list ap, again;
	const char *english, *text;

	va_start(ap, fmt);
	va_copy(again, ap);
	english = arena_vprintf(fq->mem, fmt, ap);
	text = arena_vprintf(fq->mem, _(fmt), again);
	va_end(again);
	va_end(ap);
	problem_both(fq, list, english, text);
}

const char *
problem_text(const struct val *list, int i)
{
	static int next;	/* the view asks in order: start after the last */
	const struct val *s = list->items[i];
	int j, k;

	for (j = 0; j < ntold; j++) {
		k = (next + j) % ntold;
		if (told[k].english == s) {
			next = k + 1;
			return told[k].text;
		}
	}
	return s->s;
}
