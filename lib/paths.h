/*
 * paths.h - where fq's files live: the environment, XDG, and defaults.
 */
#ifndef FQ_PATHS_H
#define FQ_PATHS_H

#include "fq.h"

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
/* mkdir -p with `mode` for what it creates; 0 or -1 (errno set). */
int paths_mkdir(const char *dir, int mode);

#endif
