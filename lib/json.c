/*
 * json.c - JSON in and out: a small recursive-descent reader into values,
 * and the one writer of JSON text.
 *
 * The writer is canonical: compact output has no white space, keys keep
 * their insertion order, strings escape only the quote, the backslash
 * and the C0 controls (\b \f \n \r \t, else \u00XX), UTF-8 passes as
 * it is and an invalid byte becomes U+FFFD, times are ISO 8601 strings,
 * shares have at most four decimals.  The hash chain digests json_text()
 * of each event's data: these bytes must never change.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "json.h"
#include "utf8.h"

#define MAX_DEPTH 64

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */

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
	} else if (cp == 0) {
		/* fq's strings end at a NUL: it would cut the text short. */
		return fail(r, "\\u0000 (NUL) in a string");
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

/* Where JSON goes: a FILE, or a string growing in an arena. */
struct sink {
	FILE *f;		/* NULL: into buf */
	char *buf;
	int len, cap;
	struct arena *a;	/* for buf and for time strings */
	struct arena *own;	/* made for time strings, freed at the end */
	int pretty;
};

/* Appends n bytes to the sink. */
static void
put(struct sink *sk, const char *s, size_t n)
{
	if (sk->f) {
		fwrite(s, 1, n, sk->f);
		return;
	}
	sk->buf = arena_grow(sk->a, sk->buf, 1, &sk->cap,
			     sk->len + (int)n + 1);
	memcpy(sk->buf + sk->len, s, n);
	sk->len += (int)n;
	sk->buf[sk->len] = '\0';
}

/* Appends a NUL-terminated string to the sink. */
static void
put_cstr(struct sink *sk, const char *s)
{
	put(sk, s, strlen(s));
}

/* An arena for time strings: the sink's, or one of its own. */
static struct arena *
sink_arena(struct sink *sk)
{
	if (!sk->a && !sk->own)
		sk->own = arena_new();
	return sk->a ? sk->a : sk->own;
}

/* Writes one character of a JSON string, escaped if it must be. */
static void
put_escaped(struct sink *sk, unsigned char c)
{
	char buf[8];

	switch (c) {
	case '"':  put_cstr(sk, "\\\""); return;
	case '\\': put_cstr(sk, "\\\\"); return;
	case '\b': put_cstr(sk, "\\b"); return;
	case '\f': put_cstr(sk, "\\f"); return;
	case '\n': put_cstr(sk, "\\n"); return;
	case '\r': put_cstr(sk, "\\r"); return;
	case '\t': put_cstr(sk, "\\t"); return;
	}
	if (c < 0x20) {
		snprintf(buf, sizeof(buf), "\\u%04x", c);
		put_cstr(sk, buf);
	} else {
		put(sk, (const char *)&c, 1);
	}
}

/*
 * Writes s as a JSON string.  UTF-8 passes as it is; a byte that is not
 * valid UTF-8 becomes U+FFFD, so the output is always valid JSON.
 */
static void
put_str(struct sink *sk, const char *s)
{
	unsigned cp;
	int len;

	put(sk, "\"", 1);
	while (*s) {
		if ((unsigned char)*s < 0x80) {
			put_escaped(sk, (unsigned char)*s++);
			continue;
		}
		len = utf8_decode(s, strnlen(s, 4), &cp);
		if (len < 0) {
			put_cstr(sk, replacement);
			s++;
		} else {
			put(sk, s, (size_t)len);
			s += len;
		}
	}
	put(sk, "\"", 1);
}

/* Starts a new line indented for `depth`, when pretty. */
static void
indent(struct sink *sk, int depth)
{
	if (!sk->pretty)
		return;
	put(sk, "\n", 1);
	while (depth-- > 0)
		put(sk, "  ", 2);
}

static void put_val(struct sink *sk, const struct val *v, int depth);

/* Writes an array or an object, its members one a line when pretty. */
static void
put_members(struct sink *sk, const struct val *v, int depth)
{
	int obj = v->kind == V_OBJ, i;

	if (v->n == 0) {
		put_cstr(sk, obj ? "{}" : "[]");
		return;
	}
	put(sk, obj ? "{" : "[", 1);
	for (i = 0; i < v->n; i++) {
		if (i > 0)
			put(sk, ",", 1);
		indent(sk, depth + 1);
		if (obj) {
			put_str(sk, v->keys[i]);
			put_cstr(sk, sk->pretty ? ": " : ":");
		}
		put_val(sk, v->items[i], depth + 1);
	}
	indent(sk, depth);
	put(sk, obj ? "}" : "]", 1);
}

/* A share as a JSON number with at most four decimals ("0.6087", "1"). */
static const char *
rate_text(char *buf, size_t size, double r)
{
	size_t n;

	snprintf(buf, size, "%.4f", r);
	n = strlen(buf);
	while (n > 1 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}

/* Writes one value as JSON. */
static void
put_val(struct sink *sk, const struct val *v, int depth)
{
	char buf[32];

	switch (v ? v->kind : V_NULL) {
	case V_NULL:
		put_cstr(sk, "null");
		break;
	case V_BOOL:
		put_cstr(sk, v->i ? "true" : "false");
		break;
	case V_INT:
	case V_DUR:
		snprintf(buf, sizeof(buf), "%lld", v->i);
		put_cstr(sk, buf);
		break;
	case V_RATE:
		put_cstr(sk, rate_text(buf, sizeof(buf), v->r));
		break;
	case V_STR:
		put_str(sk, v->s ? v->s : "");
		break;
	case V_TIME:
		put_str(sk, time_iso(sink_arena(sk), (time_t)v->i));
		break;
	case V_ARR:
	case V_OBJ:
		put_members(sk, v, depth);
		break;
	}
}

/* Releases what a sink made for itself. */
static void
sink_done(struct sink *sk)
{
	arena_free(sk->own);
	sk->own = NULL;
}

void
json_print(FILE *f, struct arena *a, const struct val *v, int pretty)
{
	struct sink sk = { .f = f, .a = a, .pretty = pretty };

	put_val(&sk, v, 0);
	sink_done(&sk);
}

void
json_write(FILE *f, const struct val *v)
{
	json_print(f, NULL, v, 0);
}

char *
json_text(struct arena *a, const struct val *v)
{
	struct sink sk = { .a = a };

	put_val(&sk, v, 0);
	return sk.buf;
}

void
json_write_str(FILE *f, const char *s)
{
	struct sink sk = { .f = f };

	if (s)
		put_str(&sk, s);
	else
		put_cstr(&sk, "null");
}
