/*
 * json.h - JSON in and out: reading JSON text into values (val.h), and
 * the one writer of JSON, for output and for stored event data.
 *
 * Reading: enough JSON for fq's own data: objects, arrays, strings (with
 * \u escapes and surrogate pairs), integers, true, false and null.
 * Numbers with a fraction or an exponent are refused: fq stores none.
 *
 * Writing is canonical (see json.c): the hash chain digests the bytes of
 * json_text(), so they never change.
 */
#ifndef FQ_JSON_H
#define FQ_JSON_H

#include <stddef.h>
#include <stdio.h>
#include "val.h"

/*
 * Parses the n bytes at s as one JSON value.  Returns 0 and *out, or -1
 * with a message in err (e.g. "column 17: expected ':'").
 */
int json_parse(struct arena *a, const char *s, size_t n, struct val **out,
	       char *err, size_t errsize);

/*
 * Writes a value as JSON to f: compact, or one member a line indented by
 * two spaces a level when `pretty`.  Time strings are allocated from `a`
 * (NULL: a scratch arena of the call's own).
 */
void json_print(FILE *f, struct arena *a, const struct val *v, int pretty);
/* Writes a value as compact JSON to f (for JSONL and stored event data). */
void json_write(FILE *f, const struct val *v);
/* A value as compact JSON text, allocated from the arena. */
char *json_text(struct arena *a, const struct val *v);
/* Writes s as a JSON string literal (quotes, escapes) to f; NULL: null. */
void json_write_str(FILE *f, const char *s);

#endif
