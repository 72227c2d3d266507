/*
 * answers.h - what an answer to a guest may say, and how it is given:
 * shared by the reply of a case (lifecycle.c) and the answer given at
 * intake (intake.c, fq log --resolved), so that neither asks the other.
 */
#ifndef FQ_ANSWERS_H
#define FQ_ANSWERS_H

#include "policy.h"

/*
 * The forbidden answer in `text`, or NULL: one of the policy's
 * forbidden_phrases, or the part of the text one of its
 * forbidden_patterns matched.  Both are matched on the normalised text
 * (answer_normal()), the phrases normalised too, so that spacing, case,
 * full-width letters and punctuation do not dodge them.  Allocates from
 * the policy's memory.
 */
const char *forbidden_phrase(const struct policy *p, const char *text);

/*
 * The normalised form of an answer, for matching (from `a`): folded
 * (fold.h: full-width ASCII to ASCII, lower case), with every blank,
 * control and punctuation mark (ASCII, CJK and full-width) removed.
 */
char *answer_normal(struct arena *a, const char *text);

/* How a guest who came by `via` is usually answered (fq reply --by). */
const char *reply_by_default(const char *via);

#endif
