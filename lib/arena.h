/*
 * arena.h - memory that lives as long as one command (or one policy).
 *
 * fq is a short-lived program: everything a command builds (rows, strings,
 * JSON values) comes from an arena and is released at once when the arena
 * is freed.  An allocation that fails aborts: there is nothing sensible to
 * do on a machine that cannot give us a few kilobytes.
 */
#ifndef FQ_ARENA_H
#define FQ_ARENA_H

#include <stddef.h>
#include <stdarg.h>

struct arena;

/* Allocates an empty arena; free it with arena_free(). */
struct arena *arena_new(void);
/* Releases the arena and everything allocated from it. */
void arena_free(struct arena *a);

/* Zeroed memory from the arena, aligned for any type. */
void *arena_alloc(struct arena *a, size_t n);
/* A copy of s (NULL gives NULL). */
char *arena_strdup(struct arena *a, const char *s);
/* A copy of the first n bytes of s, NUL-terminated. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* A formatted string. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
/* Grows an array of elements of size `size` to hold at least `need`. */
void *arena_grow(struct arena *a, void *v, size_t size, int *cap, int need);

#endif
