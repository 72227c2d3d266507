/*
 * json.h - reading JSON text into values (val.h).  Writing is in out.c.
 *
 * Enough JSON for fq's own data: objects, arrays, strings (with \u
 * escapes and surrogate pairs), integers, true, false and null.  Numbers
 * with a fraction or an exponent are refused: fq stores none.
 */
#ifndef FQ_JSON_H
#define FQ_JSON_H

#include <stddef.h>
#include "val.h"

/*
 * Parses the n bytes at s as one JSON value.  Returns 0 and *out, or -1
 * with a message in err (e.g. "column 17: expected ':'").
 */
int json_parse(struct arena *a, const char *s, size_t n, struct val **out,
	       char *err, size_t errsize);

#endif
