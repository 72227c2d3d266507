/*
 * val.h - the values a command builds before output: a small JSON-like
 * tree (null, booleans, integers, strings, times, durations, arrays and
 * objects), allocated from an arena.
 *
 * Commands never format output themselves: they build values and hand
 * them to out.c, which renders them as a table, TSV, CSV, JSON, JSON Lines
 * or Markdown.
 */
#ifndef FQ_VAL_H
#define FQ_VAL_H

#include <time.h>
#include "arena.h"

enum vkind {
	V_NULL,
	V_BOOL,
	V_INT,
	V_STR,
	V_TIME,			/* seconds since the epoch; ISO 8601 in JSON */
	V_DUR,			/* seconds; an integer in JSON, "1h30m" in tables */
	V_RATE,			/* a share from 0 to 1; "61%" in tables */
	V_ARR,
	V_OBJ,
};

struct val {
	enum vkind kind;
	long long i;		/* V_BOOL, V_INT, V_TIME, V_DUR */
	double r;		/* V_RATE */
	const char *s;		/* V_STR */
	int n, cap;		/* V_ARR, V_OBJ */
	struct val **items;
	const char **keys;	/* V_OBJ */
};

struct val *v_null(struct arena *a);
struct val *v_bool(struct arena *a, int b);
struct val *v_int(struct arena *a, long long i);
/* A string; NULL gives null.  The string is not copied. */
struct val *v_str(struct arena *a, const char *s);
/* A time; 0 gives null (no event of fq's happened in 1970). */
struct val *v_time(struct arena *a, time_t t);
struct val *v_dur(struct arena *a, long secs);
/* A share; a negative `r` (nothing measured) gives null. */
struct val *v_rate(struct arena *a, double r);
struct val *v_arr(struct arena *a);
struct val *v_obj(struct arena *a);

/* Appends to an array. */
void v_push(struct arena *a, struct val *arr, struct val *item);
/* Sets a key of an object (keys keep their insertion order). */
void v_set(struct arena *a, struct val *obj, const char *key, struct val *v);
/* Shorthands for v_set with a fresh value. */
void v_set_str(struct arena *a, struct val *obj, const char *key, const char *s);
void v_set_int(struct arena *a, struct val *obj, const char *key, long long i);
void v_set_time(struct arena *a, struct val *obj, const char *key, time_t t);

/*
 * The value at a dotted path ("guest.name"); NULL when absent.  Works on
 * objects only (no array indexes).
 */
const struct val *v_get(const struct val *obj, const char *path);
/* The string at a path, or NULL. */
const char *v_get_str(const struct val *obj, const char *path);
/* The integer at a path (0 when absent or null). */
long long v_get_int(const struct val *obj, const char *path);

#endif
