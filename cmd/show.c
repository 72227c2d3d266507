/*
 * show.c - fq show: a case, its timeline and its chain of holders.
 */
#include <string.h>

#include "calendar.h"
#include "cases.h"
#include "clock.h"
#include "cmds.h"
#include "events.h"
#include "explain.h"
#include "holders.h"
#include "lifecycle.h"
#include "names.h"
#include "opts.h"
#include "out.h"
#include "outcase.h"
#include "policy.h"
#include "view.h"

const char usage_show[] = "fq show ID [--explain]";

static const struct option longopts[] = {
	{ "explain", no_argument, NULL, 'e' },
	{ NULL, 0, NULL, 0 },
};

/* "reply 100% → 张伟, 李娜" or "note → 张伟". */
static const char *
escalated_text(struct fq *fq, const struct val *e)
{
	const struct val *to = v_get(e, "to");
	const char *deadline = v_get_str(e, "deadline");
	const char *s = deadline ? arena_printf(fq->mem, "%s %s", deadline,
						v_get_str(e, "level"))
				 : v_get_str(e, "text");
	int i;

	for (i = 0; to && to->kind == V_ARR && i < to->n; i++)
		s = arena_printf(fq->mem, "%s%s%s", s, i ? ", " : " → ",
				 staff_name(fq->pol, to->items[i]->s));
	return s;
}

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
	if (!strcmp(kind, "escalated"))
		return escalated_text(fq, e);
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

/* "accept 4m, due 03:05", "reply 6h2m, due 03:30  LATE". */
static const char *
clock_cell(struct fq *fq, const struct val *row)
{
	const char *clock = v_get_str(row, "clock");
	const struct val *due = v_get(row, "clock_due");
	char used[32];

	if (!clock)
		return NULL;
	dur_format((long)v_get_int(row, "clock_seconds"), used, sizeof(used));
	if (!due || due->kind == V_NULL)
		return arena_printf(fq->mem, "%s %s", clock, used);
	return arena_printf(fq->mem, "%s %s, due %s%s", clock, used,
			    time_short(fq, (time_t)due->i),
			    v_get_int(row, "kept") ? "" : "  LATE");
}

static const struct column holder_cols[] = {
	{ "holder", "holder", NULL, 0, 30, cell_holder },
	{ "span", "from–to", NULL, 0, 0, span_cell },
	{ "seconds", "held", NULL, COL_RIGHT, 0, NULL },
	{ "clock", "clock used", NULL, 0, 0, clock_cell },
};

/* The heading: summary, status, category, owner, guest and deadlines. */
static void
heading(struct view *v, struct fq *fq, const struct fq_case *c)
{
	const struct policy *p = fq->pol;
	const char *od = staff_dept(p, c->owner);
	time_t now = fq_now();
	int k;

	view_style(v, VIEW_BOLD);
	view_add(v, "#%lld %s", c->id, c->summary);
	view_style(v, VIEW_PLAIN);
	view_line(v, "   %s%s%s", c->status,
		  c->waiting_since ? " (waiting)" : "",
		  c->major ? "  MAJOR" : "");
	view_add(v, "    %s → %s · owner %s", category_name(p, c->category),
		 holder_name(fq->mem, p, c->department, c->handler),
		 staff_name(p, c->owner));
	if (od)
		view_add(v, " (%s)", dept_name(p, od));
	view_end(v);
	view_line(v, "    %s · logged %s", case_guest_line(fq, c, 0),
		  time_local(fq->mem, c->created_at));
	for (k = 0; k < NDUE; k++) {
		if (!c->due[k])
			continue;
		view_add(v, "    %-8s due ", due_names[k]);
		if (case_late(c, k, now))
			view_style(v, VIEW_RED);
		view_line(v, "%s%s", time_local(fq->mem, c->due[k]),
			  case_late(c, k, now) ? "  LATE" : "");
	}
	if (c->waiting_since) {
		view_add(v, "    waiting since %s",
			 time_local(fq->mem, c->waiting_since));
		if (c->waiting_until)
			view_add(v, " until %s",
				 time_local(fq->mem, c->waiting_until));
	}
	view_style(v, VIEW_PLAIN);	/* ends the red of the late deadlines */
	if (c->waiting_since)
		view_end(v);
	if (c->details) {
		view_line(v, "  details");
		view_para(v, "    ", c->details);
	}
}

/* The --explain lines: rule, start, pauses and result of each deadline. */
static void
explained(struct view *v, struct fq *fq, const struct val *ex)
{
	int i, j;

	view_line(v, "  deadlines explained");
	for (i = 0; i < ex->n; i++) {
		const struct val *e = ex->items[i];
		const struct val *pauses = v_get(e, "pauses");
		char buf[32];

		view_line(v, "    %-8s due %s", v_get_str(e, "deadline"),
			  time_local(fq->mem, (time_t)v_get_int(e, "due")));
		view_line(v, "             rule    %s, counting %s time",
			  v_get_str(e, "rule"), v_get_str(e, "counts"));
		view_line(v, "             start   %s (%s)",
			  time_local(fq->mem, (time_t)v_get_int(e, "start")),
			  v_get_str(e, "start_kind") ?
			  v_get_str(e, "start_kind") : "logged");
		if (v_get_int(e, "counting_from") != v_get_int(e, "start"))
			view_line(v, "             counting from %s (the next "
				  "working time)", time_local(fq->mem,
				  (time_t)v_get_int(e, "counting_from")));
		view_line(v, "             counted %s of %s time",
			  v_get_str(e, "limit") ? v_get_str(e, "limit") :
			  dur_format((long)v_get_int(e, "counted_seconds"),
				     buf, sizeof(buf)), v_get_str(e, "counts"));
		for (j = 0; pauses && j < pauses->n; j++) {
			const struct val *p = pauses->items[j];
			const struct val *to = v_get(p, "to");

			view_line(v, "             paused  %s–%s (%s)",
				  time_local(fq->mem,
					     (time_t)v_get_int(p, "from")),
				  to && to->kind != V_NULL ?
				  time_short(fq, (time_t)to->i) : "now",
				  v_get_str(p, "reason"));
		}
	}
}

/* 1 when two events are firings of the same level at the same moment. */
static int
same_firing(const struct val *a, const struct val *b)
{
	const char *ka = v_get_str(a, "kind"), *kb = v_get_str(b, "kind");
	const char *da = v_get_str(a, "deadline"), *db = v_get_str(b, "deadline");
	const char *la = v_get_str(a, "level"), *lb = v_get_str(b, "level");

	return !strcmp(ka, "escalated") && !strcmp(kb, "escalated") && da &&
	       db && la && lb && !strcmp(da, db) && !strcmp(la, lb) &&
	       v_get_int(a, "at") == v_get_int(b, "at");
}

/*
 * The timeline for people: the ladder records one event per address it
 * mailed; firings of one level at one moment are shown as one line.
 */
static struct val *
timeline(struct fq *fq, const struct val *events)
{
	struct val *v = v_arr(fq->mem), *last = NULL, *to;
	const struct val *more;
	int i, j;

	for (i = 0; i < events->n; i++) {
		const struct val *e = events->items[i];

		if (last && same_firing(last, e)) {
			to = (struct val *)v_get(last, "to");
			more = v_get(e, "to");
			for (j = 0; to && more && j < more->n; j++)
				v_push(fq->mem, to, more->items[j]);
			continue;
		}
		last = v_obj(fq->mem);
		for (j = 0; j < e->n; j++)
			v_set(fq->mem, last, e->keys[j], e->items[j]);
		if ((more = v_get(e, "to")) && more->kind == V_ARR) {
			to = v_arr(fq->mem);
			for (j = 0; j < more->n; j++)
				v_push(fq->mem, to, more->items[j]);
			v_set(fq->mem, last, "to", to);
		}
		v_push(fq->mem, v, last);
	}
	return v;
}

/* The human view: heading, holders, timeline (always as tables). */
static int
print_case(struct fq *fq, const struct fq_case *c, struct val *events,
	   struct val *holders, const struct val *explain)
{
	struct view *v = view_new(fq);

	heading(v, fq, c);
	if (explain)
		explained(v, fq, explain);
	view_line(v, "  holders");
	view_list(v, FMT_TABLE, holder_cols, 4, holders);
	view_line(v, "  timeline");
	view_list(v, FMT_TABLE, timeline_cols, 4, timeline(fq, events));
	return view_print(v);
}

int
cmd_show(struct fq *fq, int argc, char **argv)
{
	struct val *events, *holders, *o, *ex;
	struct fq_case c;
	int opt, rc, explain = 0;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (opt == 'e')
			explain = 1;
		else
			return FQ_EUSAGE;
	if ((rc = opts_count(fq, argc, argv, 1, 1, "ID")) ||
	    (rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = events_of(fq, c.id, &events)))
		return rc;
	holders = holders_of(fq, &c, events);
	ex = explain ? explain_case(fq, &c, events) : NULL;
	if (fq->format != FMT_JSON && fq->format != FMT_JSONL)
		return print_case(fq, &c, events, holders, ex);
	o = case_json(fq, &c);
	v_set(fq->mem, o, "events", events);
	v_set(fq->mem, o, "holders", holders);
	if (ex)
		v_set(fq->mem, o, "explain", ex);
	return out_json(fq, o);
}
