/*
 * report.c - fq report: volumes, first-contact resolution, timeliness,
 * transfers, refusals, callbacks and lapses, per group and period.
 */
#include <stdint.h>
#include <string.h>

#include "clock.h"
#include "cmds.h"
#include "i18n.h"
#include "names.h"
#include "opts.h"
#include "out.h"
#include "policy.h"
#include "report.h"

const char usage_report[] =
	"fq report [--since WHEN] [--until WHEN]\n"
	"                 [--by dept|owner|handler|category|day|week|month]\n"
	"                 [--lapses | --held]";

static const struct opt longopts[] = {
	{ "since", required_argument, 's', "WHEN",
	  "only the cases logged at or after WHEN" },
	{ "until", required_argument, 'u', "WHEN",
	  "only the cases logged before WHEN" },
	{ "by", required_argument, 'b',
	  "dept|owner|handler|category|day|week|month", "one row per group" },
	{ "lapses", no_argument, 'l', NULL,
	  "the lapses per person, not the figures" },
	{ "held", no_argument, 'H', NULL,
	  "per department: time held, late time, transfers" },
	{ NULL, 0, 0, NULL, NULL },
};

/* The grouping of this run (the cell renderer has no other context). */
static enum report_by grouping;

/* A group's name for people: department, staff or category names. */
static const char *
group_cell(struct fq *fq, const struct val *row)
{
	const char *key = v_get_str(row, "group");

	if (!key && !out_cell_for_people())
		return grouping == BY_NONE ? "all" : "(none)";
	if (!key)	/* the same words for people */
		return grouping == BY_NONE ? _("all") : _("(none)");
	switch (grouping) {
	case BY_DEPT: return dept_name(fq->pol, key);
	case BY_OWNER:
	case BY_HANDLER: return staff_name(fq->pol, key);
	case BY_CATEGORY: return category_name(fq->pol, key);
	default: return key;
	}
}

/* Transfers per case as a plain number ("0.50"), not a share. */
static const char *
transfers_cell(struct fq *fq, const struct val *row)
{
	const struct val *v = v_get(row, "transfers_per_case");

	if (!v || v->kind != V_RATE)
		return NULL;
	if (fq->format == FMT_TABLE || fq->format == FMT_MARKDOWN)
		return arena_printf(fq->mem, "%.2f", v->r);
	return json_text(fq->mem, v);	/* as in JSON: up to 4 decimals */
}

/*
 * A table too wide for the terminal leaves out the COL_DROP columns, last
 * first, before it cuts the group names (see fq(1), OUTPUT FORMATS).
 */
static const struct column figure_cols[] = {
	{ "group", "group", NULL, 0, 16, group_cell },
	{ "logged", "logged", NULL, COL_RIGHT, 0, NULL },
	{ "closed", "closed", NULL, COL_RIGHT, 0, NULL },
	{ "first_contact", "settled", NULL, COL_RIGHT | COL_DROP, 0, NULL },
	{ "first_contact_rate", "first-contact", NULL, COL_RIGHT, 0, NULL },
	{ "replied_on_time_rate", "on-time", NULL, COL_RIGHT, 0, NULL },
	{ "reply_median_s", "reply p50", NULL, COL_RIGHT, 0, NULL },
	{ "reply_p90_s", "reply p90", NULL, COL_RIGHT | COL_DROP, 0, NULL },
	{ "accept_median_s", "accept p50", NULL, COL_RIGHT | COL_DROP, 0,
	  NULL },
	{ "transfers_per_case", "transfers", NULL, COL_RIGHT | COL_DROP, 0,
	  transfers_cell },
	{ "escalations", "escalations", NULL, COL_RIGHT | COL_DROP, 0, NULL },
	{ "declines", "declines", NULL, COL_RIGHT | COL_DROP, 0, NULL },
	{ "callbacks_rate", "callbacks", NULL, COL_RIGHT | COL_DROP, 0, NULL },
	{ "unsatisfied_callbacks", "unsatisfied", NULL, COL_RIGHT | COL_DROP, 0,
	  NULL },
	{ "late_now", "late now", NULL, COL_RIGHT, 0, NULL },
	{ "resolved_on_time_rate", "closed on time", NULL, COL_RIGHT | COL_DROP, 0,
	  NULL },
	{ "promises_broken", "promises broken", NULL, COL_RIGHT | COL_DROP, 0, NULL },
	{ "promises_moved", "promises moved", NULL, COL_RIGHT | COL_DROP, 0, NULL },
};

static const char *
person_cell(struct fq *fq, const struct val *row)
{
	const char *p = v_get_str(row, "person");

	if (!p)
		return arena_printf(fq->mem, out_cell_for_people() ?
				    _("%s (unaccepted)") : "%s (unaccepted)",
				    dept_name(fq->pol,
					      v_get_str(row, "department")));
	return staff_name(fq->pol, p);
}

/* "passed" for the one who held the case when the deadline passed. */
static const char *
passed_cell(struct fq *fq, const struct val *row)
{
	if (!v_get_int(row, "passed"))
		return "";
	/* TRANSLATORS: fq report --lapses: the deadline passed while this
	 * person held the case */
	return out_cell_for_people() ? _("passed") : "passed";
}

static const struct column lapse_cols[] = {
	{ "person", "person", NULL, 0, 20, person_cell },
	{ "lapse", "lapse", NULL, COL_WORD, 0, NULL },
	{ "id", "#", NULL, COL_RIGHT, 0, NULL },
	{ "deadline", "deadline", NULL, COL_WORD, 0, NULL },
	{ "late", "late", "late_seconds", COL_RIGHT, 0, NULL },
	{ "summary", "what", NULL, COL_FLEX, 36, NULL },
	{ "due", "due", NULL, 0, 0, NULL },
	{ "passed", "when", NULL, 0, 0, passed_cell },
	{ "phrase", "phrase", NULL, 0, 0, NULL },
};

static const struct column held_cols[] = {
	{ "group", "held by", NULL, 0, 16, group_cell },
	{ "cases_held", "cases", NULL, COL_RIGHT, 0, NULL },
	{ "held_seconds", "time held", NULL, COL_RIGHT, 0, NULL },
	{ "late_held_seconds", "late while held", NULL, COL_RIGHT, 0, NULL },
	{ "transfers_in", "transfers in", NULL, COL_RIGHT, 0, NULL },
	{ "transfers_out", "transfers out", NULL, COL_RIGHT, 0, NULL },
};

/* What the report is of. */
enum { FIGURES, LAPSES, HELD };

/* Reads the options; the period defaults to all time. */
static int
parse(struct fq *fq, int argc, char **argv, time_t *since, time_t *until,
      int *view)
{
	int c, rc, by;

	opts_reset();
	while ((c = opts_next(fq, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 's':
			if ((rc = when_parse(fq, optarg, "--since", since)))
				return rc;
			break;
		case 'u':
			if ((rc = when_parse(fq, optarg, "--until", until)))
				return rc;
			break;
		case 'b':
			if ((by = report_by_parse(optarg)) < 0)
				return fq_fail(fq, FQ_EUSAGE, "--by takes dept, "
					       "owner, handler, category, day, "
					       "week or month, not '%s'", optarg);
			grouping = (enum report_by)by;
			break;
		case 'l':
		case 'H':
			if (*view != FIGURES)
				return fq_fail(fq, FQ_EUSAGE, "--lapses and "
					       "--held are two reports; ask "
					       "for one");
			*view = c == 'l' ? LAPSES : HELD;
			break;
		default: return FQ_EUSAGE;
		}
	}
	if (*view == HELD && grouping != BY_NONE && grouping != BY_DEPT)
		return fq_fail(fq, FQ_EUSAGE, "--held is by department; it "
			       "takes no --by but dept");
	if (*until <= *since)
		return fq_fail(fq, FQ_EDATA, "--until is not after --since");
	return opts_count(fq, argc, argv, 0, 0, "");
}

int
cmd_report(struct fq *fq, int argc, char **argv)
{
	time_t since = 1, until = (time_t)INT64_MAX / 4;
	struct val *rows;
	int rc, view = FIGURES;

	grouping = BY_NONE;
	if ((rc = parse(fq, argc, argv, &since, &until, &view)))
		return rc;
	if (view == HELD) {
		grouping = BY_DEPT;
		if ((rc = report_held(fq, since, until, &rows)))
			return rc;
		return out_list(fq, held_cols, sizeof(held_cols) /
				sizeof(held_cols[0]), rows);
	}
	if (view == LAPSES) {
		if ((rc = report_lapses(fq, since, until, &rows)))
			return rc;
		return out_list(fq, lapse_cols, sizeof(lapse_cols) /
				sizeof(lapse_cols[0]), rows);
	}
	if ((rc = report_rows(fq, grouping, since, until, &rows)))
		return rc;
	return out_list(fq, figure_cols, sizeof(figure_cols) /
			sizeof(figure_cols[0]), rows);
}
