/*
 * policy.c - fq policy: check a policy file; print the service
 * commitments for posting (服务承诺); simulate the deadlines of a case.
 */
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "cmds.h"
#include "date.h"
#include "i18n.h"
#include "deadline.h"
#include "opts.h"
#include "out.h"
#include "policy.h"
#include "view.h"

const char usage_policy[] =
	"fq policy check [FILE]\n"
	"       fq policy show\n"
	"       fq policy simulate CATEGORY --at WHEN";

/* Loads the policy of --policy / FQ_POLICY and takes its time zone. */
static int
load(struct fq *fq)
{
	int rc = policy_load(fq, fq->policy_path, &fq->pol);

	return rc ? rc : clock_zone(fq, fq->pol->timezone);
}

/*
 * Warns for this year and the next when the calendar counts working
 * time but lists no holiday in it: a public holiday would be worked.
 */
static void
warn_years(struct fq *fq, const char *path, const struct policy *p)
{
	int y, m, d, i;
	time_t mid;

	if (clock_zone(fq, p->timezone))
		return;
	day_civil(time_day(fq_now()), &y, &m, &d);
	for (i = 0; i < 2; i++, y++) {
		mid = day_start(day_number(y, 7, 1));
		if (policy_unlisted_year(p, mid, mid))
			fq_warn(fq, "'%s': the calendar lists no holidays for "
				"%d, so its public holidays would count as "
				"working days; add them to calendar.holidays "
				"(or write 'holidays: []' if there are none)",
				path, y);
	}
}

/* fq policy check [FILE]: loads it, printing every error or a summary. */
static int
check(struct fq *fq, int argc, char **argv)
{
	const char *path = fq->policy_path;
	struct policy *p;
	int rc;

	if ((rc = opts_count(fq, argc, argv, 0, 1, "")))
		return rc;
	if (optind < argc)
		path = argv[optind];
	if ((rc = policy_load(fq, path, &p)))
		return rc;
	warn_years(fq, path, p);
	if (!fq->quiet)
		view_say(fq, "%s: ok: %s, %d departments, %d staff, "
			 "%d categories, %s", path, p->organization, p->ndepts,
			 p->nstaff, p->ncats, p->cal.always ?
			 _("open around the clock") :
			 _("working hours and days"));
	policy_free(p);
	return 0;
}

/* A limit in words for a public board: "3分钟", "1个工作日". */
static const char *
in_words(struct fq *fq, const struct dur *d)
{
	static const struct {
		long secs;
		const char *unit;
	} wall[] = { { 86400, "天" }, { 3600, "小时" }, { 60, "分钟" },
		     { 1, "秒" } };
	const char *s = "";
	long left = d->secs;
	size_t i;

	if (!d->set)
		return NULL;
	if (d->work) {
		if (d->wd)
			s = arena_printf(fq->mem, "%ld个工作日", d->wd);
		if (d->secs % 3600 == 0 && d->secs)
			return arena_printf(fq->mem, "%s%ld个工作小时", s,
					    d->secs / 3600);
		if (d->secs)
			return arena_printf(fq->mem, "%s%ld分钟（工作时间）", s,
					    d->secs / 60);
		return s;
	}
	for (i = 0; i < sizeof(wall) / sizeof(wall[0]); i++)
		if (left >= wall[i].secs) {
			s = arena_printf(fq->mem, "%s%ld%s", s,
					 left / wall[i].secs, wall[i].unit);
			left %= wall[i].secs;
		}
	return s;
}

static const struct column commitment_cols[] = {
	{ "category", "事项", "category_name", 0, 0, NULL },
	{ "department", "承办部门", "department_name", 0, 0, NULL },
	{ "phone", "电话", NULL, 0, 0, NULL },
	{ "accept", "受理", "accept_words", 0, 0, NULL },
	{ "reply", "答复", "reply_words", 0, 0, NULL },
	{ "resolve", "办结", "resolve_words", 0, 0, NULL },
	{ "callback", "回访", "callback_words", 0, 0, NULL },
};

/* The commitments of one category, as a row. */
static struct val *
commitment(struct fq *fq, const struct category *cat)
{
	const struct dept *d = &fq->pol->depts[cat->dept];
	struct arena *a = fq->mem;
	struct val *row = v_obj(a);
	char buf[3][32];

	v_set_str(a, row, "category", cat->id);
	v_set_str(a, row, "category_name", cat->name);
	v_set_str(a, row, "department", d->id);
	v_set_str(a, row, "department_name", d->name);
	v_set_str(a, row, "phone", d->phone);
	v_set_str(a, row, "accept", cat->accept.set ?
		  arena_strdup(a, dur_spell(&cat->accept, buf[0], 32)) : NULL);
	v_set_str(a, row, "reply", cat->reply.set ?
		  arena_strdup(a, dur_spell(&cat->reply, buf[1], 32)) : NULL);
	v_set_str(a, row, "resolve", cat->resolve.set ?
		  arena_strdup(a, dur_spell(&cat->resolve, buf[2], 32)) : NULL);
	v_set_str(a, row, "accept_words", in_words(fq, &cat->accept));
	v_set_str(a, row, "reply_words", in_words(fq, &cat->reply));
	v_set_str(a, row, "resolve_words", in_words(fq, &cat->resolve));
	v_set(a, row, "callback", v_bool(a, cat->callback));
	v_set_str(a, row, "callback_words", cat->callback ? "是" : "");
	v_set(a, row, "major", v_bool(a, cat->major));
	return row;
}

/* fq policy show: the service commitments, one row per category. */
static int
show(struct fq *fq, int argc, char **argv)
{
	struct val *rows;
	int rc, i;

	if ((rc = opts_count(fq, argc, argv, 0, 0, "")) || (rc = load(fq)))
		return rc;
	rows = v_arr(fq->mem);
	for (i = 0; i < fq->pol->ncats; i++)
		v_push(fq->mem, rows, commitment(fq, &fq->pol->cats[i]));
	out_title(fq, arena_printf(fq->mem, "%s 服务承诺",
				   fq->pol->organization));
	return out_list(fq, commitment_cols, sizeof(commitment_cols) /
			sizeof(commitment_cols[0]), rows);
}

static const struct column simulate_cols[] = {
	{ "deadline", "deadline", NULL, COL_WORD, 0, NULL },
	{ "limit", "limit", NULL, 0, 0, NULL },
	{ "counts", "counts", NULL, COL_WORD, 0, NULL },
	{ "due", "due", NULL, COL_ISO, 0, NULL },
};

/* Warns when deadline k, from start to due, counts an unlisted year. */
static void
warn_year(struct fq *fq, int k, const struct dur *d, time_t start, time_t due)
{
	int y;

	if (!d->work || fq->pol->cal.always ||
	    !(y = policy_unlisted_year(fq->pol, start, due)))
		return;
	fq_warn(fq, "the calendar lists no holidays for %d: the %s deadline "
		"(%s) counts that year's public holidays as working days",
		y, due_names[k], time_local(fq->mem, due));
}

/* fq policy simulate CATEGORY --at WHEN. */
static int
simulate(struct fq *fq, int argc, char **argv)
{
	static const struct opt longopts[] = {
		{ "at", required_argument, 'a', "WHEN",
		  "simulate: the moment the case is logged" },
		{ NULL, 0, 0, NULL, NULL },
	};
	const char *at = NULL;
	const struct category *cat;
	struct val *rows, *row;
	time_t start;
	char buf[32];
	int c, rc, k;

	while ((c = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (c == 'a')
			at = optarg;
		else
			return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 1, 1, "CATEGORY")))
		return rc;
	if (!at)
		return fq_fail(fq, FQ_EUSAGE, "missing --at WHEN");
	if ((rc = load(fq)) || (rc = when_parse(fq, at, "--at", &start)))
		return rc;
	if ((k = policy_category_find(fq->pol, argv[optind])) < 0)
		return fq_fail(fq, FQ_EDATA, "no category '%s' in the policy "
			       "(see 'fq policy show')", argv[optind]);
	cat = &fq->pol->cats[k];
	rows = v_arr(fq->mem);
	for (k = 0; k < DUE_PROMISE; k++) {
		const struct dur *d = deadline_limit(cat, k);

		if (!d->set)
			continue;
		row = v_obj(fq->mem);
		v_set_str(fq->mem, row, "deadline", due_names[k]);
		v_set_str(fq->mem, row, "limit",
			  arena_strdup(fq->mem, dur_spell(d, buf, sizeof(buf))));
		v_set_str(fq->mem, row, "counts", d->work && !fq->pol->cal.always ?
			  "working" : "wall");
		v_set_time(fq->mem, row, "start", start);
		v_set_time(fq->mem, row, "due", cal_deadline(&fq->pol->cal,
							     start, d));
		warn_year(fq, k, d, start, (time_t)v_get_int(row, "due"));
		v_push(fq->mem, rows, row);
	}
	return out_list(fq, simulate_cols, 4, rows);
}

int
cmd_policy(struct fq *fq, int argc, char **argv)
{
	const char *sub;

	opts_reset();
	/* Stop at the subcommand: its own options are parsed after it. */
	if (argc < 2 || argv[1][0] == '-')
		return fq_fail(fq, FQ_EUSAGE, argc < 2 ? "missing what to do "
			       "(check, show or simulate)" :
			       "unknown option '%s'", argv[1]);
	sub = argv[1];
	optind = 2;
	if (!strcmp(sub, "check"))
		return check(fq, argc, argv);
	if (!strcmp(sub, "show"))
		return show(fq, argc, argv);
	if (!strcmp(sub, "simulate"))
		return simulate(fq, argc, argv);
	return fq_fail(fq, FQ_EUSAGE, "unknown subcommand '%s' (use check, "
		       "show or simulate)", sub);
}
