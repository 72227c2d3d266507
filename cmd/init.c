/*
 * init.c - fq init: create the database and install an example policy.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "examples.h"
#include "opts.h"
#include "paths.h"
#include "store.h"

const char usage_init[] = "fq init [--example hotel|government|property]";

static const struct opt longopts[] = {
	{ "example", required_argument, 'e', "hotel|government|property",
	  "the example policy to install (default hotel)" },
	{ NULL, 0, 0, NULL, NULL },
};

/* Writes text to a new file at path (never over an existing one). */
static int
write_new(struct fq *fq, const char *path, const char *text)
{
	char *dir = arena_strdup(fq->mem, path);
	size_t n = strlen(text);
	int fd;

	if (paths_mkdir(dirname(dir), 0755))
		return fq_fail(fq, FQ_ECONFIG, "cannot create '%s': %s", dir,
			       strerror(errno));
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return fq_fail(fq, FQ_ECONFIG, "cannot create '%s': %s", path,
			       strerror(errno));
	if (write(fd, text, n) != (ssize_t)n || close(fd)) {
		unlink(path);
		return fq_fail(fq, FQ_ECONFIG, "cannot write '%s': %s", path,
			       strerror(errno));
	}
	return 0;
}

/* Installs the example policy where none is, and says what it did. */
static int
install_policy(struct fq *fq, const char *example)
{
	const char *path = fq->policy_path, *text = example_policy(example);
	int rc;

	if (!text)
		return fq_fail(fq, FQ_EUSAGE, "no example '%s' (use hotel, "
			       "government or property)", example);
	if (access(path, F_OK) == 0) {
		printf("policy   %s (exists; left as it is)\n", path);
		return 0;
	}
	if ((rc = write_new(fq, path, text)))
		return rc;
	printf("policy   %s (the %s example: edit it, then run 'fq policy "
	       "check')\n", path, example);
	return 0;
}

int
cmd_init(struct fq *fq, int argc, char **argv)
{
	const char *example = "hotel";
	int c, rc, existed;

	opts_reset();
	while ((c = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (c == 'e')
			example = optarg;
		else
			return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 0, 0, "")))
		return rc;
	if (!example_policy(example))
		return fq_fail(fq, FQ_EUSAGE, "no example '%s' (use hotel, "
			       "government or property)", example);
	existed = access(fq->db_path, F_OK) == 0;
	if ((rc = store_open(fq, fq->db_path, 1)))
		return rc;
	printf("database %s (%s, schema %d)\n", fq->db_path,
	       existed ? "exists" : "created", store_schema_version(fq));
	return install_policy(fq, example);
}
