/*
 * sqlite-chain.c - the SQLite driver's reads of the chain's digest
 * versions (the `version` column of events, migration 2).
 */
#include "sqlite-ops.h"
#include "sqlite-stmt.h"

int
sqlite_chain_version(struct fq *fq, long long id, int *version)
{
	struct sq q;
	long long v;
	int rc;

	sq_prepare(fq, &q, "SELECT version FROM events WHERE id = :id");
	sq_int(&q, ":id", id);
	rc = sq_one_int(&q, &v, NULL);
	*version = (int)v;
	return rc;
}
