/*
 * filter.h - the case filters of fq list and fq export, from the command
 * line: --status, --dept, --owner, --handler, --category, --guest, --room,
 * --since, --until and --limit.
 */
#ifndef FQ_FILTER_H
#define FQ_FILTER_H

#include "cases.h"

/*
 * Reads the filter options of argv into f (which the caller zeroes and
 * may preset, e.g. f->oldest_first), takes no operands, turns department
 * and category names into ids and checks them against the policy.
 * Returns 0, FQ_EUSAGE (an unknown option or --status, a bad --limit) or
 * FQ_EDATA (a malformed time; a department, category or staff member
 * the policy lacks).
 */
int filter_parse(struct fq *fq, int argc, char **argv, struct case_filter *f);

#endif
