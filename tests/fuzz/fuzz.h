/*
 * fuzz.h - what the libFuzzer targets of tests/fuzz/ share: a command
 * context of their own, made once, its arena emptied after every input.
 */
#ifndef FQ_FUZZ_H
#define FQ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "fq.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The fuzzers' struct fq: cmd "fuzz".  Until the first fuzz_reset() its
 * arena is the one kept for good (a store, a policy); after it, one an
 * input's, which fuzz_reset() empties, with the error, for the next.
 */
struct fq *fuzz_fq(void);
void fuzz_reset(void);
/* The input as a NUL-terminated string (from the arena). */
char *fuzz_string(const uint8_t *data, size_t size);
/* The policy of the source tree (tests/fuzz/../../policies/NAME). */
struct policy *fuzz_policy(const char *name);

#endif
