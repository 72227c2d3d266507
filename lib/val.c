/*
 * val.c - the value tree commands build for output, from an arena.
 */
#include <string.h>

#include "val.h"

/* A fresh value of one kind. */
static struct val *
v_new(struct arena *a, enum vkind kind)
{
	struct val *v = arena_alloc(a, sizeof(*v));

	v->kind = kind;
	return v;
}

struct val *
v_null(struct arena *a)
{
	return v_new(a, V_NULL);
}

struct val *
v_bool(struct arena *a, int b)
{
	struct val *v = v_new(a, V_BOOL);

	v->i = b != 0;
	return v;
}

struct val *
v_int(struct arena *a, long long i)
{
	struct val *v = v_new(a, V_INT);

	v->i = i;
	return v;
}

struct val *
v_str(struct arena *a, const char *s)
{
	struct val *v;

	if (!s)
		return v_null(a);
	v = v_new(a, V_STR);
	v->s = s;
	return v;
}

struct val *
v_time(struct arena *a, time_t t)
{
	struct val *v;

	if (t == 0)
		return v_null(a);
	v = v_new(a, V_TIME);
	v->i = (long long)t;
	return v;
}

struct val *
v_rate(struct arena *a, double r)
{
	struct val *v;

	if (r < 0)
		return v_null(a);
	v = v_new(a, V_RATE);
	v->r = r;
	return v;
}

struct val *
v_dur(struct arena *a, long secs)
{
	struct val *v = v_new(a, V_DUR);

	v->i = secs;
	return v;
}

struct val *
v_arr(struct arena *a)
{
	return v_new(a, V_ARR);
}

struct val *
v_obj(struct arena *a)
{
	return v_new(a, V_OBJ);
}

/* Makes room for one more item (and key, for an object). */
static void
reserve(struct arena *a, struct val *v)
{
	int cap = v->cap;

	v->items = arena_grow(a, v->items, sizeof(*v->items), &cap, v->n + 1);
	if (v->kind == V_OBJ) {
		int kcap = v->cap;

		v->keys = arena_grow(a, v->keys, sizeof(*v->keys), &kcap,
				     v->n + 1);
	}
	v->cap = cap;
}

void
v_push(struct arena *a, struct val *arr, struct val *item)
{
	reserve(a, arr);
	arr->items[arr->n++] = item ? item : v_null(a);
}

/* The index of key in obj, or -1. */
static int
find_key(const struct val *obj, const char *key, size_t len)
{
	int i;

	for (i = 0; i < obj->n; i++)
		if (obj->keys[i][0] == key[0] &&
		    !strncmp(obj->keys[i], key, len) &&
		    obj->keys[i][len] == '\0')
			return i;
	return -1;
}

void
v_set(struct arena *a, struct val *obj, const char *key, struct val *v)
{
	int i = find_key(obj, key, strlen(key));

	if (!v)
		v = v_null(a);
	if (i >= 0) {
		obj->items[i] = v;
		return;
	}
	reserve(a, obj);
	obj->keys[obj->n] = key;
	obj->items[obj->n++] = v;
}

void
v_set_str(struct arena *a, struct val *obj, const char *key, const char *s)
{
	v_set(a, obj, key, v_str(a, s));
}

void
v_set_int(struct arena *a, struct val *obj, const char *key, long long i)
{
	v_set(a, obj, key, v_int(a, i));
}

void
v_set_time(struct arena *a, struct val *obj, const char *key, time_t t)
{
	v_set(a, obj, key, v_time(a, t));
}

const struct val *
v_get(const struct val *obj, const char *path)
{
	const char *dot;
	size_t len;
	int i;

	while (obj && path) {
		if (obj->kind != V_OBJ)
			return NULL;
		dot = strchr(path, '.');
		len = dot ? (size_t)(dot - path) : strlen(path);
		if ((i = find_key(obj, path, len)) < 0)
			return NULL;
		obj = obj->items[i];
		if (!dot)
			return obj;
		path = dot + 1;
	}
	return NULL;
}

const char *
v_get_str(const struct val *obj, const char *path)
{
	const struct val *v = v_get(obj, path);

	return v && v->kind == V_STR ? v->s : NULL;
}

long long
v_get_int(const struct val *obj, const char *path)
{
	const struct val *v = v_get(obj, path);

	if (!v || v->kind == V_NULL || v->kind == V_STR ||
	    v->kind == V_ARR || v->kind == V_OBJ)
		return 0;
	return v->i;
}
