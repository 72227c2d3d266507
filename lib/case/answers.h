/*
 * answers.h - what an answer to a guest may say, and how it is given:
 * shared by the reply of a case (lifecycle.c) and the answer given at
 * intake (intake.c, fq log --resolved), so that neither asks the other.
 */
#ifndef FQ_ANSWERS_H
#define FQ_ANSWERS_H

#include "policy.h"

/* The forbidden phrase in text, or NULL (the policy's list). */
const char *forbidden_phrase(const struct policy *p, const char *text);

/* How a guest who came by `via` is usually answered (fq reply --by). */
const char *reply_by_default(const char *via);

#endif
