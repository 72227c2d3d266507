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
#include "history.h"
#include "holders.h"
#include "i18n.h"
#include "lifecycle.h"
#include "names.h"
#include "opts.h"
#include "out.h"
#include "outcase.h"
#include "policy.h"
#include "view.h"
#include "width.h"
#include "words.h"

/*
 * The view of a case is for people only (--format json gives the
 * data), so every word composed here is in the language of the
 * messages: fq's words through fq_word(), the rest through _().
 */

const char usage_show[] = "fq show ID [--explain]";

static const struct opt longopts[] = {
	{ "explain", no_argument, 'e', NULL,
	  "also how each running deadline was derived" },
	{ NULL, 0, 0, NULL, NULL },
};

/* `s` padded with spaces to `cols` display columns (from the arena). */
static const char *
pad(struct fq *fq, const char *s, int cols)
{
	int w = str_width(s);

	return arena_printf(fq->mem, "%s%*s", s, w < cols ? cols - w : 0, "");
}

/*
 * A deadline's name padded so that its times line up: to the widest
 * name and a space, in the language of the messages ("resolve " in
 * English, 8 columns as ever).
 */
static const char *
due_label(struct fq *fq, const char *name)
{
	int k, w, widest = 0;

	for (k = 0; k < NDUE; k++)
		if ((w = str_width(fq_word(due_names[k]))) > widest)
			widest = w;
	return pad(fq, fq_word(name), widest + 1);
}

/* "reply 100% → 张伟, 李娜", "note → 张伟"; notified: "mailed → 张伟". */
static const char *
escalated_text(struct fq *fq, const struct val *e)
{
	const struct val *to = v_get(e, "to");
	const char *deadline = v_get_str(e, "deadline");
	const char *text = fq_phrase(v_get_str(e, "text"));
	const char *s = deadline ? arena_printf(fq->mem, "%s %s",
						fq_word(deadline),
						v_get_str(e, "level"))
				 : text ? text : _("mailed");
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
	if (!strcmp(kind, "escalated") || !strcmp(kind, "notified"))
		return escalated_text(fq, e);
	if (!strcmp(kind, "replied") && v_get_str(e, "forbidden"))
		return arena_printf(fq->mem, _("FORCED past '%s': %s"),
				    v_get_str(e, "forbidden"),
				    text ? text : "");
	if (!strcmp(kind, "promised"))
		/* TRANSLATORS: fq show: promised "by 06:00", then the note */
		return arena_printf(fq->mem, _("by %s%s%s"), time_short(fq,
				    (time_t)v_get_int(e, "due")),
				    text ? "  " : "", text ? text : "");
	if (text)
		return fq_phrase(text);
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
			    time_short(fq, (time_t)to->i) : _("now"));
}

static const struct column timeline_cols[] = {
	{ "at", "at", NULL, 0, 0, NULL },
	{ "actor", "who", NULL, 0, 12, actor_cell },
	{ "kind", "step", NULL, COL_WORD, 0, NULL },
	{ "text", "what", NULL, COL_FLEX, 60, what_cell },
};

/* One clock of a span: "reply 3m late 2m (due 14:03 passed here)". */
static const char *
one_clock(struct fq *fq, const struct val *k)
{
	const char *passed = v_get_str(k, "passed");
	const struct val *kept = v_get(k, "kept");
	long late = (long)v_get_int(k, "late_seconds");
	char used[32], over[32];
	const char *s;

	dur_format((long)v_get_int(k, "seconds"), used, sizeof(used));
	s = arena_printf(fq->mem, "%s %s", fq_word(v_get_str(k, "clock")),
			 used);
	/* TRANSLATORS: fq show, a holder's use of a clock: "reply 3m kept" */
	if (kept && kept->kind == V_BOOL && kept->i)
		s = arena_printf(fq->mem, _("%s kept"), s);
	/* TRANSLATORS: "reply 3m late 2m" */
	if (late > 0)
		s = arena_printf(fq->mem, _("%s late %s"), s,
				 dur_format(late, over, sizeof(over)));
	if (passed && !strcmp(passed, "during"))
		s = arena_printf(fq->mem, _("%s (due %s passed here)"), s,
				 time_short(fq, (time_t)v_get_int(k, "due")));
	return s;
}

/* Every clock of a span: "accept 1m kept; reply 1m; resolve 1m". */
static const char *
clock_cell(struct fq *fq, const struct val *row)
{
	const struct val *clocks = v_get(row, "clocks");
	const char *s = NULL;
	int i;

	for (i = 0; clocks && clocks->kind == V_ARR && i < clocks->n; i++)
		s = arena_printf(fq->mem, "%s%s%s", s ? s : "", s ? "; " : "",
				 one_clock(fq, clocks->items[i]));
	return s;
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
	view_line(v, "   %s%s%s", fq_word(c->status),
		  c->waiting_since ? _(" (waiting)") : "",
		  c->major ? _("  MAJOR") : "");
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
		view_add(v, "    %s due ", due_label(fq, due_names[k]));
		if (case_late(c, k, now))
			view_style(v, VIEW_RED);
		view_line(v, "%s%s", time_local(fq->mem, c->due[k]),
			  case_late(c, k, now) ? _("  LATE") : "");
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

/* "10-01..10-07 国庆节, 10-10..10-11 day off": the days not counted. */
static const char *
skipped_text(struct fq *fq, const struct val *skipped)
{
	const char *s = NULL;
	int i;

	for (i = 0; skipped && i < skipped->n; i++) {
		const struct val *d = skipped->items[i];
		const char *from = v_get_str(d, "from") + 5;
		const char *to = v_get_str(d, "to") + 5;
		const char *name = v_get_str(d, "name");

		s = arena_printf(fq->mem, "%s%s%s%s%s %s", s ? s : "",
				 s ? ", " : "", from, strcmp(from, to) ?
				 ".." : "", strcmp(from, to) ? to : "",
				 name ? name : i18n_text(v_get_str(d, "why")));
	}
	return s;
}

/* "前台 · 陈静 3m (late 2m); 财务部 · 吴敏 5m": each holder's use. */
static const char *
spans_text(struct fq *fq, const struct val *spans)
{
	const char *s = NULL;
	char used[32], late[32];
	int i;

	for (i = 0; spans && i < spans->n; i++) {
		const struct val *p = spans->items[i];
		long over = (long)v_get_int(p, "late_seconds");

		dur_format((long)v_get_int(p, "seconds"), used, sizeof(used));
		s = arena_printf(fq->mem, "%s%s%s %s%s%s%s", s ? s : "",
				 s ? "; " : "", holder_name(fq->mem, fq->pol,
				 v_get_str(p, "department"),
				 v_get_str(p, "handler")), used,
				 over ? _(" (late ") : "", over ?
				 dur_format(over, late, sizeof(late)) : "",
				 over ? _(")") : "");
	}
	return s;
}

/* The pauses of one deadline, each with its real end. */
static void
explained_pauses(struct view *v, struct fq *fq, const struct val *pauses)
{
	int j;

	for (j = 0; pauses && j < pauses->n; j++) {
		const struct val *p = pauses->items[j];
		const struct val *to = v_get(p, "to");
		const char *ended = v_get_str(p, "ended");

		view_line(v, "             paused  %s–%s (%s)%s",
			  time_local(fq->mem, (time_t)v_get_int(p, "from")),
			  to && to->kind != V_NULL ?
			  time_short(fq, (time_t)to->i) : _("now"),
			  v_get_str(p, "reason"), ended && !strcmp(ended,
			  "until") ? _(", ended by --until") : "");
	}
}

/* The lines of one deadline's explanation after its rule and start. */
static void
explained_use(struct view *v, struct fq *fq, const struct val *e)
{
	const struct val *w = v_get(e, "warnings");
	const char *skipped = skipped_text(fq, v_get(e, "skipped"));
	const char *spans = spans_text(fq, v_get(e, "spans"));
	const char *ended = v_get_str(e, "ended");
	int j;

	if (skipped)
		view_line(v, "             skipped %s", skipped);
	explained_pauses(v, fq, v_get(e, "pauses"));
	if (ended)
		view_line(v, "             ended   %s (%s)", time_local(fq->mem,
			  (time_t)v_get_int(e, "ended_at")), fq_word(ended));
	if (spans)
		view_line(v, "             used    %s", spans);
	for (j = 0; w && j < w->n; j++)
		view_line(v, "             warning %s",
			  explain_warning_text(fq, w->items[j]->s));
}

/* The --explain lines: rule, start, pauses and result of each deadline. */
static void
explained(struct view *v, struct fq *fq, const struct val *ex)
{
	int i;

	view_line(v, "  deadlines explained");
	for (i = 0; i < ex->n; i++) {
		const struct val *e = ex->items[i];
		char buf[32];

		view_line(v, "    %s due %s",
			  due_label(fq, v_get_str(e, "deadline")),
			  time_local(fq->mem, (time_t)v_get_int(e, "due")));
		/* the rule is "lost_property.reply_within = 30m", or one of
		 * explain.c's sentences (N_() there) */
		view_line(v, "             rule    %s, counting %s time",
			  i18n_text(v_get_str(e, "rule")),
			  fq_word(v_get_str(e, "counts")));
		view_line(v, "             start   %s (%s)",
			  time_local(fq->mem, (time_t)v_get_int(e, "start")),
			  fq_word(v_get_str(e, "start_kind") ?
				  v_get_str(e, "start_kind") : "logged"));
		if (v_get_int(e, "counting_from") != v_get_int(e, "start"))
			view_line(v, "             counting from %s (the next "
				  "working time)", time_local(fq->mem,
				  (time_t)v_get_int(e, "counting_from")));
		view_line(v, "             counted %s of %s time",
			  v_get_str(e, "limit") ? v_get_str(e, "limit") :
			  dur_format((long)v_get_int(e, "counted_seconds"),
				     buf, sizeof(buf)),
			  fq_word(v_get_str(e, "counts")));
		explained_use(v, fq, e);
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
	struct history h;
	struct fq_case c;
	int opt, rc, explain = 0;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (opt == 'e')
			explain = 1;
		else
			return FQ_EUSAGE;
	if (fq->format_given && fq->format != FMT_TABLE &&
	    fq->format != FMT_JSON && fq->format != FMT_JSONL)
		return fq_fail(fq, FQ_EUSAGE, "a case is shown as table, json "
			       "or jsonl, not as '%s' (tsv, csv and markdown "
			       "are for lists, as of fq list)",
			       fq->format == FMT_TSV ? "tsv" :
			       fq->format == FMT_CSV ? "csv" : "markdown");
	if ((rc = opts_count(fq, argc, argv, 1, 1, "ID")) ||
	    (rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = events_of(fq, c.id, &events)))
		return rc;
	history_of(fq, &c, events, fq_now(), &h);
	holders = holders_of(fq, &h);
	ex = explain ? explain_case(fq, &h) : NULL;
	if (fq->format != FMT_JSON && fq->format != FMT_JSONL)
		return print_case(fq, &c, events, holders, ex);
	o = case_json(fq, &c);
	v_set(fq->mem, o, "events", events);
	v_set(fq->mem, o, "holders", holders);
	if (ex)
		v_set(fq->mem, o, "explain", ex);
	return out_json(fq, o);
}
