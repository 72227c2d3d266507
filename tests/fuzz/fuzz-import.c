/*
 * fuzz-import.c - fq import on any bytes: import_cases() reads them as
 * JSON Lines into an empty database, as the manager zhou.min of the
 * hotel policy, inside a transaction that is rolled back after each
 * input.  Its warnings (stderr) go to /dev/null; the sanitizers' reports
 * do not (they write to the file descriptor, not to stdio's stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exchange.h"
#include "fuzz.h"
#include "policy.h"
#include "store.h"

static FILE *null;
static char dir[] = "/tmp/fq-fuzz-import.XXXXXX";

/* Closes the database and removes it with its directory. */
static void
cleanup(void)
{
	static const char *const files[] = { "fq.db", "fq.db-wal",
					     "fq.db-shm", "fq.db-journal" };
	char path[64];
	size_t i;

	store_close(fuzz_fq());
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct fq *fq = fuzz_fq();
	char db[64];

	fq->pol = fuzz_policy("hotel.yaml");
	fq->actor = "zhou.min";
	fq->me = policy_staff(fq->pol, fq->actor);
	if (!mkdtemp(dir) || !(null = fopen("/dev/null", "w")))
		abort();
	atexit(cleanup);
	snprintf(db, sizeof(db), "%s/fq.db", dir);
	if (store_open(fq, arena_strdup(fq->mem, db), 1)) {
		fprintf(stderr, "fuzz: %s\n", fq->err);
		abort();
	}
	fuzz_reset();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fq *fq = fuzz_fq();
	struct import_result r;
	FILE *in, *err = stderr;

	if (size == 0 || !(in = fmemopen((void *)data, size, "r")))
		return 0;
	if (store_begin(fq) == 0) {
		stderr = null;
		import_cases(fq, in, &r);
		stderr = err;
		store_rollback(fq);
	}
	fclose(in);
	fuzz_reset();
	return 0;
}
