/*
 * exchange.h - cases with their events as JSON Lines, out and back in
 * (fq export, fq import; the line format is in fq-export(1)).  The code
 * is in this folder: export.c, and import*.c (import.h says which does
 * what).
 *
 * One line a case: the keys of case_json() (cases.h) in its order, then
 * waiting_since, waiting_until, updated_at and request_key, then
 * "events": the case's events in seq order, each {id, seq, at, actor,
 * kind, data, prev, digest} with data the stored JSON object, and
 * "version" last for an event whose digest version (chain.h) is not 1.
 * Times are ISO 8601 with the offset of the policy's time zone.
 * Importing a whole export into an empty database and exporting again
 * gives the same bytes.  A key added to case_json() must be taught to
 * the importer (import-line.c, line_keys), which refuses keys it does
 * not know.
 */
#ifndef FQ_EXCHANGE_H
#define FQ_EXCHANGE_H

#include <stdio.h>
#include "cases.h"

/*
 * Writes the cases matching f to `out`, oldest first (whatever f's
 * order), one line a case, as it reads them: memory stays bounded
 * however many there are.  Returns 0, or FQ_EDATA for an event whose
 * stored data would not be written back byte for byte, or another FQ_E*
 * code.
 */
int export_cases(struct fq *fq, const struct case_filter *f, FILE *out);

/* What an import stored. */
struct import_result {
	long long cases, events;
};

/*
 * Reads JSON Lines from `in` and stores every case and event exactly as
 * it was.  Runs inside the caller's write transaction and leaves it to
 * be rolled back on failure: any bad line is FQ_EDATA with "line N: ..."
 * naming the field (malformed JSON, a missing or unknown key, a wrong
 * type, a malformed time, an id past 2^53 - 1, text that fq log would
 * refuse, a case already in the database, events that do not begin
 * with 'logged' or whose seq runs other than 1, 2, ..., an event that
 * does not match its digest, a case row that its events do not bear
 * out, a chain that does not continue the database's by chain.h's
 * rule).  Blank lines are skipped.  Ids of departments, categories and
 * staff that the policy does not know are stored as they are, with a
 * warning on stderr once per id.
 */
int import_cases(struct fq *fq, FILE *in, struct import_result *r);

#endif
