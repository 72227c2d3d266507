/*
 * fuzz-policy.c - the policy loader on any bytes: policy_load() reads
 * them from a memory file as it reads a policy file, then checks them
 * (nesting, libyaml, aliases, every section).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "policy.h"

static int fd = -1;
static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if ((fd = memfd_create("fuzz-policy", 0)) < 0) {
		perror("fuzz: memfd_create");
		exit(2);
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	fuzz_reset();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy *p;

	if (ftruncate(fd, 0) ||
	    (size && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	if (policy_load(fuzz_fq(), path, &p) == 0)
		policy_free(p);
	fuzz_reset();
	return 0;
}
