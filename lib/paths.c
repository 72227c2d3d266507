/*
 * paths.c - where fq's files live.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"

/* $NAME when set and not empty, else NULL. */
static const char *
env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* The home directory: $HOME, else the password database. */
static const char *
home(void)
{
	struct passwd *pw;

	if (env("HOME"))
		return env("HOME");
	pw = getpwuid(getuid());
	return pw && pw->pw_dir ? pw->pw_dir : "/";
}

/* $XDG_var, else ~/fallback (per the XDG base directory spec). */
static const char *
xdg(struct fq *fq, const char *var, const char *fallback)
{
	if (env(var) && env(var)[0] == '/')
		return env(var);
	return arena_printf(fq->mem, "%s/%s", home(), fallback);
}

const char *
paths_db(struct fq *fq)
{
	if (env("FQ_DB"))
		return env("FQ_DB");
	return arena_printf(fq->mem, "%s/fq/fq.db",
			    xdg(fq, "XDG_DATA_HOME", ".local/share"));
}

const char *
paths_policy(struct fq *fq)
{
	const char *user;

	if (env("FQ_POLICY"))
		return env("FQ_POLICY");
	user = arena_printf(fq->mem, "%s/fq/policy.yaml",
			    xdg(fq, "XDG_CONFIG_HOME", ".config"));
	if (access(user, F_OK) == 0)
		return user;
	if (access("/etc/fq/policy.yaml", F_OK) == 0)
		return "/etc/fq/policy.yaml";
	return user;
}

const char *
paths_login(struct fq *fq)
{
	struct passwd *pw = getpwuid(getuid());

	return pw ? arena_strdup(fq->mem, pw->pw_name) : NULL;
}

int
paths_mkdir(const char *dir, int mode)
{
	char buf[4096];
	size_t n = strlen(dir);
	char *p;

	if (n == 0 || n >= sizeof(buf))
		return errno = ENAMETOOLONG, -1;
	memcpy(buf, dir, n + 1);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, (mode_t)mode) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, (mode_t)mode) < 0 && errno != EEXIST)
		return -1;
	return 0;
}
