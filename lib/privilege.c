/*
 * privilege.c - fq installed setgid `fq`: detection, the environment,
 * dropping the group.
 *
 * Decisions:
 *  - Installed means setgid, seen either way: the effective group is not
 *    the real one, or the binary has the set-group-ID bit (a member of
 *    group `fq` running it has egid == gid, and is still held to the
 *    installed rules).
 *  - The environment is cleared, not filtered for known dangers: what an
 *    installed fq reads from it is then exactly the short list kept.
 */
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "privilege.h"

extern char **environ;

int
privilege_installed(void)
{
	struct stat sb;

	if (getegid() != getgid())
		return 1;
	return stat("/proc/self/exe", &sb) == 0 && (sb.st_mode & S_ISGID);
}

/* 1 when the variable `kv` ("NAME=value") survives the clearing. */
static int
kept(const char *kv)
{
	static const char *const keep[] = {
		"LANG=", "TZ=", "TERM=", "COLUMNS=", "NO_COLOR=", "HOME=",
		"USER=", "LOGNAME=",
	};
	size_t i;

	if (!strncmp(kv, "LC_", 3))
		return 1;
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (!strncmp(kv, keep[i], strlen(keep[i])))
			return 1;
	return 0;
}

/* A copy of $name from `a`, or NULL when unset. */
static const char *
take(struct arena *a, const char *name)
{
	return arena_strdup(a, getenv(name));
}

void
privilege_sanitize(struct arena *a, struct privilege_env *e)
{
	char **save;
	int n = 0, i;

	e->db = take(a, "FQ_DB");
	e->policy = take(a, "FQ_POLICY");
	e->now = take(a, "FQ_NOW");
	e->sendmail = take(a, "FQ_SENDMAIL");
	e->user = take(a, "FQ_USER");
	for (i = 0; environ && environ[i]; i++)
		;
	save = arena_alloc(a, sizeof(*save) * (size_t)(i + 1));
	for (i = 0; environ && environ[i]; i++)
		if (kept(environ[i]))
			save[n++] = arena_strdup(a, environ[i]);
	clearenv();
	for (i = 0; i < n; i++)
		putenv(save[i]);	/* the arena outlives every getenv */
	setenv("PATH", "/usr/bin:/bin", 1);
	umask(007);
}

int
privilege_drop_group(void)
{
	gid_t g = getgid();

	return setresgid(g, g, g);
}

/* Runs groupadd --system NAME; 0 when it exited 0. */
static int
groupadd(const char *name)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/usr/sbin/groupadd", "groupadd", "--system", name,
		      (char *)NULL);
		execl("/sbin/groupadd", "groupadd", "--system", name,
		      (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int
privilege_group(struct fq *fq, const char *name, int create, long *gid,
		int *created)
{
	struct group *gr = getgrnam(name);

	*created = 0;
	if (!gr && create) {
		if (groupadd(name))
			return fq_fail(fq, FQ_ECONFIG, "cannot make group '%s' "
				       "(groupadd --system %s failed)", name,
				       name);
		*created = 1;
		gr = getgrnam(name);
	}
	if (!gr)
		return fq_fail(fq, FQ_ECONFIG, "there is no group '%s'", name);
	*gid = (long)gr->gr_gid;
	return 0;
}

enum privilege_trust
privilege_trust(const struct fq *fq, const char *path)
{
	struct stat sb;

	if (fq->installed)
		return TRUST_INSTALLED;
	if (path && stat(path, &sb) == 0 && sb.st_uid != getuid())
		return TRUST_SHARED;
	return TRUST_PERSONAL;
}
