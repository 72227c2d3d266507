/*
 * paths.h - where fq's files live: the environment, XDG, and defaults.
 */
#ifndef FQ_PATHS_H
#define FQ_PATHS_H

#include "fq.h"

/*
 * Where an installed fq keeps its files (fq(1), SECURITY): the one
 * database, in a directory only group `fq` may enter, and the policy.
 */
#ifndef FQ_SYSTEM_DIR
#define FQ_SYSTEM_DIR "/var/lib/fq"
#endif
#ifndef FQ_SYSTEM_POLICY_DIR
#define FQ_SYSTEM_POLICY_DIR "/etc/fq"
#endif
#define FQ_SYSTEM_DB FQ_SYSTEM_DIR "/fq.db"
#define FQ_SYSTEM_POLICY FQ_SYSTEM_POLICY_DIR "/policy.yaml"
#define FQ_GROUP "fq"

/* $FQ_DB, else $XDG_DATA_HOME/fq/fq.db, else ~/.local/share/fq/fq.db. */
const char *paths_db(struct fq *fq);
/*
 * $FQ_POLICY, else $XDG_CONFIG_HOME/fq/policy.yaml (~/.config/...) when
 * it exists, else /etc/fq/policy.yaml when it exists, else the XDG path
 * (where 'fq init' installs the example).
 */
const char *paths_policy(struct fq *fq);
/* The login name of the real user, or NULL. */
const char *paths_login(struct fq *fq);
/*
 * Checks that the database file at `path` may be read, and with `write`
 * written, by this process (its effective ids: an installed fq's group
 * counts): 0 when it may, or when the file or a directory on the way is
 * missing (the store says so); else FQ_EPERM after fq_fail(), naming the
 * file or directory in the way, its owner, group and mode, and the group
 * that would let the user in, or saying the database is read-only.
 * A URL (postgresql://...) is not a file: 0.
 */
int paths_check_access(struct fq *fq, const char *path, int write);
/* "0660, owner root, group fq" for the file at path (arena), or NULL. */
const char *paths_describe(struct fq *fq, const char *path);
/*
 * Creates the file at `path` with `mode` whatever the umask, and group
 * `gid` (-1: the process's), never following a symbolic link and never
 * touching a file that is there already: *created says which.  Missing
 * directories are made with mode `dirmode`.  0, or FQ_ENOINPUT (a
 * symbolic link, another error) or FQ_EPERM (permission denied) after
 * fq_fail().
 */
int paths_create(struct fq *fq, const char *path, int mode, int dirmode,
		 long gid, int *created);
/*
 * Makes directory `dir` with `mode` (set-group-ID bit included), owner
 * root and group `gid`, when it is missing (*created 1); an existing
 * one is left as it is (*created 0).  0 or an FQ_E* code.
 */
int paths_system_dir(struct fq *fq, const char *dir, int mode, long gid,
		     int *created);
/* mkdir -p with `mode` for what it creates; 0 or -1 (errno set). */
int paths_mkdir(const char *dir, int mode);

#endif
