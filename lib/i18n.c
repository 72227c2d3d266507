/*
 * i18n.c - the locale, the language and the catalogue of fq's messages.
 *
 * Decisions:
 *  - Only LC_CTYPE and LC_MESSAGES follow the environment.  fq formats
 *    its own numbers and times (and the bytes hashed into every event's
 *    digest must not depend on LC_NUMERIC), and fq's text is UTF-8
 *    whatever the locale: the catalogue is bound with that codeset.
 *  - A locale the machine lacks (LANG=zh_CN.UTF-8 where only C.UTF-8 is
 *    generated) still chooses the language: that category becomes
 *    C.UTF-8, and LANGUAGE, when unset, the name's language ("zh_CN").
 *    gettext ignores LANGUAGE only in the "C" locale, not in C.UTF-8.
 *  - When none of LANGUAGE, LC_ALL, LC_MESSAGES and LANG is set (cron),
 *    the policy's `language` is used the same way.  LANGUAGE alone is
 *    honoured too (gettext would ignore it in the "C" locale it implies);
 *    an explicit LC_ALL=C still means English.
 *  - The catalogue: the build tree's first, so that ./fq in a work tree
 *    reads the catalogue it was built with (build/locale beside ./fq, or
 *    one level up from build/san/fq), then LOCALEDIR (the Makefile's
 *    $(PREFIX)/share/locale), then ../share/locale beside the binary (a
 *    DESTDIR staging tree, or a prefix moved after installation).  A
 *    directory counts when it holds the zh_CN catalogue.
 *  - i18n_push() switches the language for one message: LANGUAGE set,
 *    LC_MESSAGES made C.UTF-8 when it is "C" (where gettext ignores
 *    LANGUAGE), and glibc's catalogue counter bumped so that gettext
 *    looks again rather than answer from its cache; i18n_pop() restores
 *    all three.  The saved values are the process's own (malloc), not
 *    the per-command arena's: they outlive no pop.
 */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* A catalogue every directory of fq's catalogues has. */
#define PROBE "/zh_CN/LC_MESSAGES/fq.mo"

/* 1 once the environment has named a language (see i18n_init). */
static int env_named;

/* What i18n_push() changed, for i18n_pop() to restore. */
static struct {
	int pushed;		/* a push is in effect */
	int changed;		/* it changed something */
	int had_language;	/* LANGUAGE was set before it */
	char *language;		/* LANGUAGE before it (NULL: out of memory) */
	char *messages;		/* LC_MESSAGES before, or NULL when kept */
} saved;

#ifdef __GLIBC__
/* Bumped when a catalogue may have changed (GNU gettext's manual). */
extern int _nl_msg_cat_cntr;
#endif

/* $NAME when set and not empty, else NULL. */
static const char *
env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* The locale name LC_MESSAGES takes from the environment, or NULL. */
static const char *
messages_env(void)
{
	if (env("LC_ALL"))
		return env("LC_ALL");
	if (env("LC_MESSAGES"))
		return env("LC_MESSAGES");
	return env("LANG");
}

/* Makes `lang` the language, unless LANGUAGE already names one. */
static void
use_language(const char *lang)
{
	char buf[64];
	size_t n = strcspn(lang, ".@");

	if (env("LANGUAGE") || n == 0 || n >= sizeof(buf))
		return;
	memcpy(buf, lang, n);
	buf[n] = '\0';
	setenv("LANGUAGE", buf, 1);
}

/* 1 when dir holds fq's catalogues (see PROBE). */
static int
has_catalogue(const char *dir)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s%s", dir, PROBE);

	return n > 0 && (size_t)n < sizeof(path) && access(path, R_OK) == 0;
}

/* dir/rel into buf, dir being the directory of this binary; 0 or -1. */
static int
beside_binary(char *buf, size_t size, const char *rel)
{
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int m;

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return -1;
	*slash = '\0';
	m = snprintf(buf, size, "%s/%s", exe, rel);
	return m > 0 && (size_t)m < size ? 0 : -1;
}

/* Binds the "fq" domain to the first directory with its catalogues. */
static void
bind_catalogue(void)
{
	static const char *const before[] = { "build/locale", "../locale" };
	char dir[PATH_MAX];
	const char *found = LOCALEDIR;
	size_t i;

	for (i = 0; i < sizeof(before) / sizeof(before[0]); i++)
		if (beside_binary(dir, sizeof(dir), before[i]) == 0 &&
		    has_catalogue(dir))
			break;
	if (i < sizeof(before) / sizeof(before[0]))
		found = dir;
	else if (!has_catalogue(LOCALEDIR) &&
		 beside_binary(dir, sizeof(dir), "../share/locale") == 0 &&
		 has_catalogue(dir))
		found = dir;
	bindtextdomain("fq", found);
	bind_textdomain_codeset("fq", "UTF-8");
	textdomain("fq");
}

/* The locale from the environment, with the fall-backs above. */
static void
set_locale(void)
{
	const char *name = messages_env();

	if (!setlocale(LC_CTYPE, ""))
		setlocale(LC_CTYPE, "C.UTF-8");
	if (!setlocale(LC_MESSAGES, "")) {
		/* Named, but not on this machine: keep its language. */
		setlocale(LC_MESSAGES, "C.UTF-8");
		if (name)
			use_language(name);
	} else if (!name && env("LANGUAGE")) {
		setlocale(LC_MESSAGES, "C.UTF-8");
	}
	env_named = name || env("LANGUAGE");
}

void
i18n_init(const char *site_language)
{
	static int done;

	if (!done) {
		set_locale();
		bind_catalogue();
		done = 1;
	}
	if (site_language && *site_language && !env_named) {
		setlocale(LC_MESSAGES, "C.UTF-8");
		use_language(site_language);
		env_named = 1;
	}
}

/* Tells gettext that the language changed: its cache no longer holds. */
static void
language_changed(void)
{
#ifdef __GLIBC__
	++_nl_msg_cat_cntr;
#endif
	textdomain("fq");
}

/* A copy of s (malloc), or NULL for NULL or when memory runs out. */
static char *
copy(const char *s)
{
	return s ? strdup(s) : NULL;
}

void
i18n_push(const char *lang)
{
	const char *cur;

	saved.pushed = 1;
	saved.changed = 0;
	if (!lang || !*lang)
		return;
	saved.had_language = getenv("LANGUAGE") != NULL;
	saved.language = copy(getenv("LANGUAGE"));
	saved.messages = NULL;
	cur = setlocale(LC_MESSAGES, NULL);
	if (!cur || !strcmp(cur, "C") || !strcmp(cur, "POSIX")) {
		saved.messages = copy(cur ? cur : "C");
		if (!setlocale(LC_MESSAGES, "C.UTF-8")) {
			free(saved.messages);
			saved.messages = NULL;
		}
	}
	setenv("LANGUAGE", lang, 1);
	saved.changed = 1;
	language_changed();
}

void
i18n_pop(void)
{
	if (!saved.pushed)
		return;
	saved.pushed = 0;
	if (!saved.changed)
		return;
	if (saved.language)
		setenv("LANGUAGE", saved.language, 1);
	else if (!saved.had_language)
		unsetenv("LANGUAGE");
	if (saved.messages)
		setlocale(LC_MESSAGES, saved.messages);
	free(saved.language);
	free(saved.messages);
	saved.language = saved.messages = NULL;
	saved.changed = 0;
	language_changed();
}

const char *
i18n_text(const char *s)
{
	return s && *s ? gettext(s) : s;
}

/* How many characters at the start of s lie in [lo, hi]. */
static size_t
span(const char *s, char lo, char hi)
{
	size_t n = 0;

	while (s[n] >= lo && s[n] <= hi)
		n++;
	return n;
}

int
i18n_valid_language(const char *s)
{
	size_t n = span(s, 'a', 'z');

	if (n < 2 || n > 3)
		return 0;
	s += n;
	if (*s == '_') {
		if (span(++s, 'A', 'Z') != 2)
			return 0;
		s += 2;
	}
	if (*s == '@') {
		if ((n = span(++s, 'a', 'z')) == 0)
			return 0;
		s += n;
	}
	return *s == '\0';
}
