/*
 * show.c - fq show: a case, its timeline and its chain of holders.
 */
#include <string.h>

#include "cases.h"
#include "clock.h"
#include "cmds.h"
#include "events.h"
#include "holders.h"
#include "names.h"
#include "opts.h"
#include "out.h"
#include "policy.h"

const char usage_show[] = "fq show ID [--explain]";

static const struct option longopts[] = {
	{ "explain", no_argument, NULL, 'e' },
	{ NULL, 0, NULL, 0 },
};

/* What an event says, in a line: "→ 安保部", a note, a reason. */
static const char *
describe(struct fq *fq, const struct val *e)
{
	const struct policy *p = fq->pol;
	const char *kind = v_get_str(e, "kind");
	const char *text = v_get_str(e, "text");
	const char *dept = v_get_str(e, "department");
	const char *handler = v_get_str(e, "handler");

	if (!strcmp(kind, "logged") || !strcmp(kind, "transferred"))
		return arena_printf(fq->mem, "→ %s%s%s%s%s",
				    dept_name(p, dept), handler ? " · " : "",
				    handler ? staff_name(p, handler) : "",
				    text ? "  " : "", text ? text : "");
	if (!strcmp(kind, "accepted"))
		return staff_name(p, handler);
	if (text)
		return text;
	if (v_get_str(e, "reason"))
		return v_get_str(e, "reason");
	return "";
}

/* Table cells of the timeline and the holders. */
static const char *
actor_cell(struct fq *fq, const struct val *row)
{
	return staff_name(fq->pol, v_get_str(row, "actor"));
}

static const char *
what_cell(struct fq *fq, const struct val *row)
{
	return describe(fq, row);
}

static const char *
holder_cell(struct fq *fq, const struct val *row)
{
	return holder_name(fq->mem, fq->pol, v_get_str(row, "department"),
			   v_get_str(row, "handler"));
}

static const char *
span_cell(struct fq *fq, const struct val *row)
{
	const struct val *to = v_get(row, "to");

	return arena_printf(fq->mem, "%s–%s",
			    time_short(fq, (time_t)v_get_int(row, "from")),
			    to && to->kind != V_NULL ?
			    time_short(fq, (time_t)to->i) : "now");
}

static const struct column timeline_cols[] = {
	{ "at", "at", NULL, 0, 0, NULL },
	{ "actor", "who", NULL, 0, 12, actor_cell },
	{ "kind", "step", NULL, 0, 0, NULL },
	{ "text", "what", NULL, COL_FLEX, 60, what_cell },
};

static const struct column holder_cols[] = {
	{ "holder", "holder", NULL, 0, 30, holder_cell },
	{ "span", "from–to", NULL, 0, 0, span_cell },
	{ "seconds", "held", NULL, COL_RIGHT, 0, NULL },
};

/* The heading: summary, status, category, owner, guest and deadlines. */
static void
print_heading(struct fq *fq, const struct fq_case *c)
{
	const struct policy *p = fq->pol;
	const char *od = staff_dept(p, c->owner);
	time_t now = fq_now();
	int k;

	printf("%s#%lld %s%s   %s%s%s\n", sty_bold(fq), c->id, c->summary,
	       sty_off(fq), c->status, c->waiting_since ? " (waiting)" : "",
	       c->major ? "  MAJOR" : "");
	printf("    %s → %s · owner %s", category_name(p, c->category),
	       holder_name(fq->mem, p, c->department, c->handler),
	       staff_name(p, c->owner));
	if (od)
		printf(" (%s)", dept_name(p, od));
	printf("\n    %s%s%s%s%s%s by %s · logged %s\n",
	       c->guest ? c->guest : "", c->guest ? " · " : "",
	       c->room ? c->room : "", c->room ? " · " : "",
	       c->phone ? c->phone : "", c->phone ? " ·" : "", c->via,
	       time_local(fq->mem, c->created_at));
	for (k = 0; k < NDUE; k++)
		if (c->due[k])
			printf("    %-8s due %s%s%s\n", due_names[k],
			       case_late(c, k, now) ? sty_red(fq) : "",
			       time_local(fq->mem, c->due[k]),
			       case_late(c, k, now) ? "  LATE" : "");
	if (c->waiting_since) {
		printf("    waiting since %s", time_local(fq->mem, c->waiting_since));
		if (c->waiting_until)
			printf(" until %s", time_local(fq->mem, c->waiting_until));
		printf("%s\n", sty_off(fq));
	} else {
		printf("%s", sty_off(fq));
	}
	if (c->details)
		printf("  details\n    %s\n", c->details);
}

/* The human view: heading, holders, timeline (always as tables). */
static int
print_case(struct fq *fq, const struct fq_case *c, struct val *events,
	   struct val *holders)
{
	enum fq_format f = fq->format;
	int rc;

	print_heading(fq, c);
	fq->format = FMT_TABLE;
	printf("  holders\n");
	rc = out_list(fq, holder_cols, 3, holders);
	printf("  timeline\n");
	if (rc == 0)
		rc = out_list(fq, timeline_cols, 4, events);
	fq->format = f;
	return rc;
}

int
cmd_show(struct fq *fq, int argc, char **argv)
{
	struct val *events, *holders, *o;
	struct fq_case c;
	long long id;
	int opt, rc, explain = 0;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (opt == 'e')
			explain = 1;
		else
			return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 1, 1, "ID")) ||
	    (rc = case_id_parse(fq, argv[optind], &id)) ||
	    (rc = case_get(fq, id, &c)) ||
	    (rc = events_of(fq, id, &events)))
		return rc;
	holders = holders_of(fq, &c, events);
	(void)explain;
	if (fq->format != FMT_JSON && fq->format != FMT_JSONL)
		return print_case(fq, &c, events, holders);
	o = case_json(fq, &c);
	v_set(fq->mem, o, "events", events);
	v_set(fq->mem, o, "holders", holders);
	return out_json(fq, o);
}
