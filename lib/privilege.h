/*
 * privilege.h - fq installed setgid `fq` (the crontab(1) model): telling
 * an installed fq from a personal one, the environment an installed fq
 * runs in, and the group it gives up for anything it runs.
 *
 * An installed fq is setgid to group `fq`, which alone may write the
 * database; staff are not members, so they reach the database only
 * through fq, and fq takes the actor from the real uid's login name.
 * Everything here is core: no policy, no store.
 */
#ifndef FQ_PRIVILEGE_H
#define FQ_PRIVILEGE_H

#include "fq.h"

/* What the environment said before an installed fq cleared it. */
struct privilege_env {
	const char *db, *policy, *now, *sendmail, *user;	/* FQ_* */
};

/*
 * 1 when fq runs setgid: its effective group is not its real one, or
 * the binary itself (/proc/self/exe) has the set-group-ID bit.
 */
int privilege_installed(void);
/*
 * For an installed fq, before anything else runs: copies FQ_DB,
 * FQ_POLICY, FQ_NOW, FQ_SENDMAIL and FQ_USER into *e (from `a`), clears
 * the environment but for LANG, LC_*, TZ, TERM, COLUMNS, NO_COLOR, HOME,
 * USER and LOGNAME, sets PATH=/usr/bin:/bin, and sets the umask to 007
 * (files it makes are the group's).
 */
void privilege_sanitize(struct arena *a, struct privilege_env *e);
/*
 * Gives up the set-group-ID for good (real, effective and saved group
 * become the real group): what a child calls before it execs another
 * program (sendmail).  0, or -1 with errno set.
 */
int privilege_drop_group(void);

/*
 * The id of group `name` in *gid; when it is missing and `create`,
 * makes it first with groupadd(8) --system (*created 1).  0, or
 * FQ_ECONFIG after fq_fail().
 */
int privilege_group(struct fq *fq, const char *name, int create, long *gid,
		    int *created);

/* How far the database at `path` can be trusted (fq verify says). */
enum privilege_trust {
	TRUST_INSTALLED,	/* setgid fq: the actor is the login */
	TRUST_PERSONAL,		/* the caller's own file; not setgid */
	TRUST_SHARED,		/* someone else's file, fq not setgid */
};
enum privilege_trust privilege_trust(const struct fq *fq, const char *path);

#endif
