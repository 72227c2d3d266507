/*
 * init.c - fq init: create the database and install an example policy;
 * with --system, the files of an installed fq (fq(1), SECURITY).
 *
 * Files are created with O_EXCL and O_NOFOLLOW: a symbolic link at a
 * path is refused, never followed, and a file already there is left as
 * it is, its mode included.
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmds.h"
#include "i18n.h"
#include "examples.h"
#include "opts.h"
#include "paths.h"
#include "privilege.h"
#include "store.h"
#include "view.h"

const char usage_init[] = "fq init [--example hotel|government|property] "
			  "[--system]";

static const struct opt longopts[] = {
	{ "example", required_argument, 'e', "hotel|government|property",
	  "the example policy to install (default hotel)" },
	{ "system", no_argument, 's', NULL,
	  "set up group fq, /var/lib/fq and /etc/fq (as root)" },
	{ NULL, 0, 0, NULL, NULL },
};

/* Writes text to a new file at path, mode 0644 (never over one there). */
static int
write_new(struct fq *fq, const char *path, const char *text, int *created)
{
	size_t n = strlen(text);
	FILE *f;
	int rc;

	if ((rc = paths_create(fq, path, 0644, 0755, -1, created)) ||
	    !*created)
		return rc;
	if (!(f = fopen(path, "w")) || fwrite(text, 1, n, f) != n ||
	    fclose(f)) {
		unlink(path);
		return fq_fail(fq, FQ_ECONFIG, "cannot write '%s'", path);
	}
	return 0;
}

/* Installs the example policy where none is, and says what it did. */
static int
install_policy(struct fq *fq, const char *example)
{
	const char *path = fq->policy_path;
	int created = 0, rc;

	if (access(path, F_OK) == 0)	/* a link to a policy is fine */
		created = 0;
	else if ((rc = write_new(fq, path, example_policy(example),
				 &created)))
		return rc == FQ_EPERM ? rc : FQ_ECONFIG;
	if (!created)
		return view_say(fq, "policy   %s (exists; left as it is)",
				path);
	return view_say(fq, "policy   %s (the %s example: edit it, then run "
			"'fq policy check')", path, example);
}

/* Creates (or finds) the database file, then brings its schema up. */
static int
make_db(struct fq *fq, int mode, long gid)
{
	int created = 0, rc;

	if (strstr(fq->db_path, "://")) {
		if ((rc = store_open(fq, fq->db_path, 1)))
			return rc;
	} else if ((rc = paths_create(fq, fq->db_path, mode, 0770, gid,
				      &created)) ||
		   (rc = store_open(fq, fq->db_path, 0))) {
		return rc;
	}
	return view_say(fq, "database %s (%s, schema %d)", fq->db_path,
			created ? _("created") : _("exists"),
			store_schema_version(fq));
}

/*
 * --system, as root: group `fq`, FQ_SYSTEM_DIR 2770 root:fq, the
 * database in it 0660 root:fq, and the policy (0644).
 */
static int
init_system(struct fq *fq, const char *example)
{
	const char *dir = FQ_SYSTEM_DIR;
	long gid;
	int created, rc;

	if (getuid() != 0)
		return fq_fail(fq, FQ_EPERM, "--system sets up the files of an "
			       "installed fq (group '%s', %s): run it as root",
			       FQ_GROUP, dir);
	if ((rc = privilege_group(fq, FQ_GROUP, 1, &gid, &created)) ||
	    (rc = view_say(fq, "group    %s (%s)", FQ_GROUP,
			   created ? _("created") : _("exists"))) ||
	    (rc = paths_system_dir(fq, dir, 02770, gid, &created)) ||
	    (rc = view_say(fq, "dir      %s (%s: %s)", dir,
			   created ? _("created") : _("exists; left as it is"),
			   paths_describe(fq, dir))))
		return rc;
	fq->db_path = FQ_SYSTEM_DB;
	fq->policy_path = FQ_SYSTEM_POLICY;
	if ((rc = make_db(fq, 0660, gid)) ||
	    (rc = view_say(fq, "         %s",
			   paths_describe(fq, FQ_SYSTEM_DB))))
		return rc;
	return install_policy(fq, example);
}

int
cmd_init(struct fq *fq, int argc, char **argv)
{
	const char *example = "hotel";
	int c, rc, sys = 0;

	opts_reset();
	while ((c = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (c == 'e')
			example = optarg;
		else if (c == 's')
			sys = 1;
		else
			return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 0, 0, "")))
		return rc;
	if (!example_policy(example))
		return fq_fail(fq, FQ_EUSAGE, "no example '%s' (use hotel, "
			       "government or property)", example);
	if (sys)
		return init_system(fq, example);
	if (fq->installed)
		return fq_fail(fq, FQ_EPERM, "an installed fq has one "
			       "database, %s, which root sets up with 'fq init "
			       "--system'", FQ_SYSTEM_DB);
	if ((rc = make_db(fq, 0660, -1)))
		return rc;
	return install_policy(fq, example);
}
