/*
 * fuzz-json.c - the JSON reader on any bytes; what it reads, the
 * canonical writer must write as JSON that reads back to the same text
 * (the bytes of every digest come from that writer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "json.h"

static FILE *null;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (!(null = fopen("/dev/null", "w")))
		abort();
	fuzz_reset();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = fuzz_fq()->mem;
	struct val *v, *w;
	char err[128], *text;

	if (json_parse(a, (const char *)data, size, &v, err, sizeof(err)) ==
	    0) {
		text = json_text(a, v);
		if (json_parse(a, text, strlen(text), &w, err, sizeof(err)) ||
		    strcmp(text, json_text(a, w))) {
			fprintf(stderr, "fuzz: json_text() does not read back "
				"(%s): %s\n", err, text);
			abort();
		}
		json_print(null, a, v, 1);
	}
	fuzz_reset();
	return 0;
}
