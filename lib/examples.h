/*
 * examples.h - the example policies (the YAML files in policies), built into fq by
 * lib/gen-examples.sh so that fq init can install one.
 */
#ifndef FQ_EXAMPLES_H
#define FQ_EXAMPLES_H

/* The YAML text of example `name` (hotel, government, property), or NULL. */
const char *example_policy(const char *name);

#endif
