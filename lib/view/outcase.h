/*
 * outcase.h - how a command reports the case it has just changed: two
 * lines for people ("#17 accepted by 王强 (安保部)", then "    open ·
 * 安保部 · 王强 · owner 李娜 · reply due 03:30"), the case object for
 * --format json / jsonl, nothing with -q; and the lines and cells about
 * a case that the views of several commands share.
 */
#ifndef FQ_OUTCASE_H
#define FQ_OUTCASE_H

#include "cases.h"
#include "out.h"

/* Prints the case after a step; `what` says what happened ("closed"). */
int out_case_step(struct fq *fq, const struct fq_case *c, const char *what);
/* "reply due 03:30 · resolve due 11-28 03:00", or NULL when none runs. */
const char *case_due_line(struct fq *fq, const struct fq_case *c);

/*
 * Table cells shared by the lists of cases (struct column.render): names
 * for the ids a row carries in "owner", "department" + "handler" and
 * "category".
 */
const char *cell_owner(struct fq *fq, const struct val *row);
const char *cell_holder(struct fq *fq, const struct val *row);
const char *cell_category(struct fq *fq, const struct val *row);
/* The last note, fq's own sentences translated for people (words.h). */
const char *cell_last_note(struct fq *fq, const struct val *row);

/*
 * The columns of a list of cases, in their documented order (fq list;
 * fq search appends its own), and one row of it: the case as
 * case_json() gives it, a wait past its end resumed in memory, with
 * next_due added.
 */
extern const struct column case_list_columns[];
extern const int case_list_ncolumns;
struct val *case_list_row(struct fq *fq, struct fq_case *c);

/* "周先生 · 1208 · 139****5678 · by phone" (masked: the phone's middle). */
const char *case_guest_line(struct fq *fq, const struct fq_case *c,
			    int mask);

#endif
