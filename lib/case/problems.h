/*
 * problems.h - the findings of fq verify (and what --repair did), each
 * in two languages: English, as `fq verify --format json` gives them to
 * programs in every locale, and the language of the messages, for the
 * text people read.
 *
 * A finding is a string in a V_ARR, so the JSON is the list of English
 * strings it always was; the translation is kept beside it, found again
 * by the string's val.  (The smaller design: a finding is formatted
 * once in each language where it is found, with its parameters at hand;
 * translating it later in the view would need its parameters back.)
 */
#ifndef FQ_PROBLEMS_H
#define FQ_PROBLEMS_H

#include "fq.h"
#include "val.h"

/*
 * Appends a finding to `list`: `fmt` formatted as it is, and formatted
 * translated (gettext) for problem_text().  po/extract.sh finds the
 * format (keyword problem_add:3).  Allocates from fq->mem.
 */
void problem_add(struct fq *fq, struct val *list, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Appends a finding composed by the caller in both languages. */
void problem_both(struct fq *fq, struct val *list, const char *english,
		  const char *told);

/*
 * A finding of `list` for people: its translation, or its English when
 * it was not added by problem_add() or problem_both().
 */
const char *problem_text(const struct val *list, int i);

#endif
