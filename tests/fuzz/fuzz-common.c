/*
 * fuzz-common.c - the context every fuzz target runs in (fuzz.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "fuzz.h"
#include "policy.h"

static struct fq fq;
static struct arena *base;	/* what the setup keeps (the store, ...) */

struct fq *
fuzz_fq(void)
{
	if (!base) {
		fq.cmd = "fuzz";
		fq.mem = base = arena_new();
	}
	return &fq;
}

void
fuzz_reset(void)
{
	fuzz_fq();
	if (fq.mem != base)
		arena_free(fq.mem);
	fq.mem = arena_new();
	fq.err = NULL;
	fq.err_code = fq.err_raw = 0;
}

char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = arena_alloc(fuzz_fq()->mem, size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Loads policies/NAME next to this file's build (FUZZ_TOP); exits if not. */
struct policy *
fuzz_policy(const char *name)
{
	struct policy *p;
	char path[4096];

	snprintf(path, sizeof(path), "%s/policies/%s", FUZZ_TOP, name);
	if (policy_load(fuzz_fq(), path, &p) ||
	    clock_zone(fuzz_fq(), p->timezone)) {
		fprintf(stderr, "fuzz: cannot load '%s': %s\n", path,
			fq.err ? fq.err : "?");
		exit(2);
	}
	return p;
}
