/*
 * paths.c - where fq's files live.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
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

/* The name of user id `uid`, or its number (arena). */
static const char *
user_name(struct fq *fq, uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	return pw ? arena_strdup(fq->mem, pw->pw_name)
		  : arena_printf(fq->mem, "%lu", (unsigned long)uid);
}

/* The name of group id `gid`, or its number (arena). */
static const char *
group_name(struct fq *fq, gid_t gid)
{
	struct group *gr = getgrgid(gid);

	return gr ? arena_strdup(fq->mem, gr->gr_name)
		  : arena_printf(fq->mem, "%lu", (unsigned long)gid);
}

/* "0660, owner root, group fq" (arena). */
static const char *
describe(struct fq *fq, const struct stat *sb)
{
	return arena_printf(fq->mem, _("%04o, owner %s, group %s"),
			    (unsigned)(sb->st_mode & 07777),
			    user_name(fq, sb->st_uid),
			    group_name(fq, sb->st_gid));
}

const char *
paths_describe(struct fq *fq, const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? describe(fq, &sb) : NULL;
}

/*
 * Who could do `bits` (R_OK, W_OK, X_OK as the owner's mode bits >> 6)
 * to the file: its owner, a member of its group, or nobody but root.
 */
static const char *
who_may(struct fq *fq, const struct stat *sb, unsigned bits)
{
	if (sb->st_uid == geteuid())
		return _("you own it, but its mode does not let you");
	if (((sb->st_mode >> 3) & bits) == bits)
		return arena_printf(fq->mem, _("you (%s) would need to be in "
				    "group '%s' to"), paths_login(fq),
				    group_name(fq, sb->st_gid));
	return arena_printf(fq->mem, _("its mode lets only its owner %s"),
			    user_name(fq, sb->st_uid));
}

/* FQ_EPERM for a directory on the way that cannot be entered. */
static int
closed_dir(struct fq *fq, const char *dir, const struct stat *sb)
{
	return fq_fail(fq, FQ_EPERM, "permission denied: cannot enter '%s' "
		       "(%s): %s enter it; an installed fq reaches its "
		       "database by itself (see fq(1), SECURITY)", dir,
		       describe(fq, sb), who_may(fq, sb, 1));
}

/* Checks that each directory above `path` may be entered. */
static int
check_dirs(struct fq *fq, const char *path)
{
	char *p = arena_strdup(fq->mem, path), *slash;
	struct stat sb;

	for (slash = strchr(p + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (stat(p, &sb) < 0) {
			if (errno == ENOENT)
				return 0;	/* the store says so */
		} else if (S_ISDIR(sb.st_mode) && eaccess(p, X_OK) < 0 &&
			   errno == EACCES) {
			return closed_dir(fq, p, &sb);
		}
		*slash = '/';
	}
	return 0;
}

/* FQ_EPERM for a database that may not be written. */
static int
read_only(struct fq *fq, const char *path, const struct stat *sb, int err)
{
	if (err == EROFS)
		return fq_fail(fq, FQ_EPERM, "database '%s' is read-only: its "
			       "filesystem is mounted read-only", path);
	if (!(sb->st_mode & 0222))
		return fq_fail(fq, FQ_EPERM, "database '%s' is read-only (%s): "
			       "nobody may write it, so nothing can be "
			       "recorded", path, describe(fq, sb));
	return fq_fail(fq, FQ_EPERM, "permission denied: you may not write "
		       "database '%s' (%s): %s write it", path,
		       describe(fq, sb), who_may(fq, sb, 2));
}

int
paths_check_access(struct fq *fq, const char *path, int write)
{
	struct stat sb;
	int rc;

	if (strstr(path, "://"))
		return 0;
	if ((rc = check_dirs(fq, path)))
		return rc;
	if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode))
		return 0;	/* the store says what is wrong */
	if (eaccess(path, R_OK) < 0 && errno == EACCES)
		return fq_fail(fq, FQ_EPERM, "permission denied: you may not "
			       "read database '%s' (%s): %s read it", path,
			       describe(fq, &sb), who_may(fq, &sb, 4));
	if (write && eaccess(path, W_OK) < 0 &&
	    (errno == EACCES || errno == EROFS))
		return read_only(fq, path, &sb, errno);
	return 0;
}

/* FQ_EPERM or FQ_ENOINPUT for a file that could not be created. */
static int
not_created(struct fq *fq, const char *path, int err)
{
	char *dir = dirname(arena_strdup(fq->mem, path));
	struct stat sb;

	if (err == EACCES && stat(dir, &sb) == 0)
		return fq_fail(fq, FQ_EPERM, "permission denied: cannot "
			       "create '%s' in '%s' (%s): %s write there",
			       path, dir, describe(fq, &sb),
			       who_may(fq, &sb, 2));
	return fq_fail(fq, err == EACCES ? FQ_EPERM : FQ_ENOINPUT,
		       "cannot create '%s': %s", path, strerror(err));
}

int
paths_create(struct fq *fq, const char *path, int mode, int dirmode,
	     long gid, int *created)
{
	char *dir = dirname(arena_strdup(fq->mem, path));
	struct stat sb;
	int fd;

	*created = 0;
	if (paths_mkdir(dir, dirmode))
		return not_created(fq, dir, errno);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0 && (errno == EEXIST || errno == ELOOP)) {
		if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode))
			return fq_fail(fq, FQ_ENOINPUT, "'%s' is a symbolic "
				       "link; fq follows none there: name the "
				       "file itself", path);
		return 0;	/* there already: left as it is */
	}
	if (fd < 0)
		return not_created(fq, path, errno);
	if ((gid >= 0 && fchown(fd, 0, (gid_t)gid)) ||
	    fchmod(fd, (mode_t)mode)) {
		fd = errno;
		unlink(path);
		return not_created(fq, path, fd);
	}
	close(fd);
	*created = 1;
	return 0;
}

int
paths_system_dir(struct fq *fq, const char *dir, int mode, long gid,
		 int *created)
{
	struct stat sb;

	*created = 0;
	if (lstat(dir, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return 0;
		return fq_fail(fq, FQ_ENOINPUT, "'%s' is there and is not a "
			       "directory", dir);
	}
	if (mkdir(dir, 0700) < 0)
		return not_created(fq, dir, errno);
	if (chown(dir, 0, (gid_t)gid) || chmod(dir, (mode_t)mode))
		return not_created(fq, dir, errno);
	*created = 1;
	return 0;
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
