/*
 * json.c - a small recursive-descent JSON reader into values.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "width.h"

#define MAX_DEPTH 64

struct reader {
	struct arena *a;
	const char *s, *p, *end;
	char *err;
	size_t errsize;
	int depth;
};

static int value(struct reader *r, struct val **out);

/* Records the first error with its column; returns -1. */
static int
fail(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (r->err[0])
		return -1;
	n = snprintf(r->err, r->errsize, "column %ld: ",
		     (long)(r->p - r->s) + 1);
	if (n < 0 || (size_t)n >= r->errsize)
		return -1;
	va_start(ap, fmt);
	vsnprintf(r->err + n, r->errsize - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Skips white space. */
static void
skip(struct reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' ||
				 *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

/* Consumes the literal word w. */
static int
word(struct reader *r, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, w, n))
		return fail(r, "unexpected text");
	r->p += n;
	return 0;
}

/* Reads 4 hex digits. */
static int
hex4(struct reader *r, unsigned *cp)
{
	int i;

	*cp = 0;
	if (r->end - r->p < 4)
		return fail(r, "short \\u escape");
	for (i = 0; i < 4; i++) {
		char c = *r->p++;

		*cp <<= 4;
		if (c >= '0' && c <= '9')
			*cp |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*cp |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*cp |= (unsigned)(c - 'A' + 10);
		else
			return fail(r, "bad \\u escape");
	}
	return 0;
}

/* Appends code point cp as UTF-8 to buf at *n. */
static void
put_utf8(char *buf, size_t *n, unsigned cp)
{
	if (cp < 0x80) {
		buf[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		buf[(*n)++] = (char)(0xC0 | cp >> 6);
		buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		buf[(*n)++] = (char)(0xE0 | cp >> 12);
		buf[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3F));
		buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else {
		buf[(*n)++] = (char)(0xF0 | cp >> 18);
		buf[(*n)++] = (char)(0x80 | (cp >> 12 & 0x3F));
		buf[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3F));
		buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
	}
}

/* Reads a \u escape (after the backslash-u), joining surrogate pairs. */
static int
unicode_escape(struct reader *r, char *buf, size_t *n)
{
	unsigned cp, lo;

	if (hex4(r, &cp))
		return -1;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u')
			return fail(r, "lone surrogate in \\u escape");
		r->p += 2;
		if (hex4(r, &lo) || lo < 0xDC00 || lo > 0xDFFF)
			return fail(r, "bad surrogate pair");
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
		return fail(r, "lone surrogate in \\u escape");
	}
	put_utf8(buf, n, cp);
	return 0;
}

/* Reads one escape sequence (after the backslash). */
static int
escape(struct reader *r, char *buf, size_t *n)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *k;

	if (r->p >= r->end)
		return fail(r, "unterminated string");
	if (*r->p == 'u') {
		r->p++;
		return unicode_escape(r, buf, n);
	}
	if (!(k = strchr(from, *r->p)) || !*r->p)
		return fail(r, "bad escape '\\%c'", *r->p);
	buf[(*n)++] = to[k - from];
	r->p++;
	return 0;
}

/* Reads a string literal into an arena string. */
static int
string(struct reader *r, const char **out)
{
	const char *start = ++r->p;
	char *buf;
	size_t n = 0;

	/* The decoded text is never longer than the literal. */
	while (r->p < r->end && *r->p != '"')
		r->p += *r->p == '\\' && r->p + 1 < r->end ? 2 : 1;
	if (r->p >= r->end)
		return fail(r, "unterminated string");
	buf = arena_alloc(r->a, (size_t)(r->p - start) + 1);
	for (r->p = start; *r->p != '"';) {
		if ((unsigned char)*r->p < 0x20)
			return fail(r, "control character in string");
		if (*r->p == '\\') {
			r->p++;
			if (escape(r, buf, &n))
				return -1;
		} else {
			buf[n++] = *r->p++;
		}
	}
	r->p++;
	buf[n] = '\0';
	if (!utf8_valid(buf, n))
		return fail(r, "string is not valid UTF-8");
	*out = buf;
	return 0;
}

/* Reads an integer. */
static int
number(struct reader *r, struct val **out)
{
	char buf[32], *endp;
	const char *q = r->p;
	size_t n;
	long long v;

	if (q < r->end && *q == '-')
		q++;
	while (q < r->end && *q >= '0' && *q <= '9')
		q++;
	n = (size_t)(q - r->p);
	if (q < r->end && (*q == '.' || *q == 'e' || *q == 'E'))
		return fail(r, "only whole numbers are expected");
	if (n == 0 || n >= sizeof(buf) || (n == 1 && *r->p == '-'))
		return fail(r, "bad number");
	memcpy(buf, r->p, n);
	buf[n] = '\0';
	errno = 0;
	v = strtoll(buf, &endp, 10);
	if (errno)
		return fail(r, "number out of range");
	r->p = q;
	*out = v_int(r->a, v);
	return 0;
}

/* Reads an array after its '['. */
static int
array(struct reader *r, struct val **out)
{
	struct val *arr = v_arr(r->a), *item;

	r->p++;
	skip(r);
	if (r->p < r->end && *r->p == ']') {
		r->p++;
		*out = arr;
		return 0;
	}
	for (;;) {
		if (value(r, &item))
			return -1;
		v_push(r->a, arr, item);
		skip(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == ']')
			break;
		return fail(r, "expected ',' or ']'");
	}
	r->p++;
	*out = arr;
	return 0;
}

/* Reads one "key": value member of an object. */
static int
member(struct reader *r, struct val *obj)
{
	const char *key;
	struct val *v;

	skip(r);
	if (r->p >= r->end || *r->p != '"')
		return fail(r, "expected a key in quotes");
	if (string(r, &key))
		return -1;
	skip(r);
	if (r->p >= r->end || *r->p != ':')
		return fail(r, "expected ':'");
	r->p++;
	if (value(r, &v))
		return -1;
	if (v_get(obj, key) && !strchr(key, '.'))
		return fail(r, "duplicate key '%s'", key);
	v_set(r->a, obj, key, v);
	return 0;
}

/* Reads an object after its '{'. */
static int
object(struct reader *r, struct val **out)
{
	struct val *obj = v_obj(r->a);

	r->p++;
	skip(r);
	if (r->p < r->end && *r->p == '}') {
		r->p++;
		*out = obj;
		return 0;
	}
	for (;;) {
		if (member(r, obj))
			return -1;
		skip(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '}')
			break;
		return fail(r, "expected ',' or '}'");
	}
	r->p++;
	*out = obj;
	return 0;
}

/* Reads any value. */
static int
value(struct reader *r, struct val **out)
{
	const char *s;
	int rc;

	skip(r);
	if (r->p >= r->end)
		return fail(r, "unexpected end of text");
	if (++r->depth > MAX_DEPTH)
		return fail(r, "nested too deeply");
	switch (*r->p) {
	case '{': rc = object(r, out); break;
	case '[': rc = array(r, out); break;
	case '"':
		rc = string(r, &s);
		if (rc == 0)
			*out = v_str(r->a, s);
		break;
	case 't': rc = word(r, "true"); *out = v_bool(r->a, 1); break;
	case 'f': rc = word(r, "false"); *out = v_bool(r->a, 0); break;
	case 'n': rc = word(r, "null"); *out = v_null(r->a); break;
	default: rc = number(r, out); break;
	}
	r->depth--;
	return rc;
}

int
json_parse(struct arena *a, const char *s, size_t n, struct val **out,
	   char *err, size_t errsize)
{
	struct reader r = { a, s, s, s + n, err, errsize, 0 };

	err[0] = '\0';
	if (value(&r, out))
		return -1;
	skip(&r);
	if (r.p != r.end)
		return fail(&r, "unexpected text after the value");
	return 0;
}
