/*
 * fold.h - folding text so that what people type matches what was
 * written: the full-width forms of ASCII (Ｗｉ－Ｆｉ) and the ideographic
 * space become ASCII, and ASCII letters lower case.
 *
 * A narrow, NFKC-like fold: one code point always folds to exactly one
 * code point, so a position in the folded text is the same position in
 * the original.  Everything else, Chinese included, stays as it is.
 */
#ifndef FQ_FOLD_H
#define FQ_FOLD_H

#include "arena.h"

/* The folded form of one code point. */
unsigned fold_cp(unsigned cp);

/*
 * A folded copy of s, from the arena (NULL gives NULL).  Bytes that are
 * not valid UTF-8 are copied as they are.
 */
char *text_fold(struct arena *a, const char *s);

#endif
