/*
 * outcase.c - how a command reports the case it has just changed, and
 * the lines and cells about a case that several views share.
 */
#include "clock.h"
#include "i18n.h"
#include "lifecycle.h"
#include "names.h"
#include "out.h"
#include "outcase.h"
#include "policy.h"
#include "text.h"
#include "view.h"
#include "words.h"

const char *
case_due_line(struct fq *fq, const struct fq_case *c)
{
	time_t now = fq_now();
	const char *s = NULL, *one;
	int k;

	for (k = 0; k < NDUE; k++) {
		if (!c->due[k])
			continue;
		/* TRANSLATORS: "reply due 03:30", " (LATE)" or "" */
		one = arena_printf(fq->mem, _("%s due %s%s"),
				   fq_word(due_names[k]),
				   time_short(fq, c->due[k]),
				   case_late(c, k, now) ? _(" (LATE)") : "");
		s = s ? arena_printf(fq->mem, "%s · %s", s, one) : one;
	}
	return s;
}

const char *
cell_owner(struct fq *fq, const struct val *row)
{
	return staff_name(fq->pol, v_get_str(row, "owner"));
}

const char *
cell_holder(struct fq *fq, const struct val *row)
{
	const char *dept = v_get_str(row, "department");

	/* TSV and CSV keep the English of holder_name() (names.c). */
	if (!out_cell_for_people() && !v_get_str(row, "handler"))
		return arena_printf(fq->mem, "%s (unaccepted)",
				    dept_name(fq->pol, dept));
	return holder_name(fq->mem, fq->pol, dept, v_get_str(row, "handler"));
}

const char *
cell_last_note(struct fq *fq, const struct val *row)
{
	const char *note = v_get_str(row, "last_note");

	return out_cell_for_people() ? fq_phrase(note) : note;
}

const char *
cell_category(struct fq *fq, const struct val *row)
{
	return category_name(fq->pol, v_get_str(row, "category"));
}

/* The guest's name and room, for the list's guest column. */
static const char *
guest_cell(struct fq *fq, const struct val *row)
{
	const char *g = v_get_str(row, "guest.name");
	const char *r = v_get_str(row, "guest.room");

	if (g && r)
		return arena_printf(fq->mem, "%s %s", g, r);
	return g ? g : r;
}

const struct column case_list_columns[] = {
	{ "id", "#", NULL, COL_RIGHT, 0, NULL },
	{ "status", "status", NULL, COL_WORD, 0, NULL },
	{ "next_due", "due", NULL, 0, 0, NULL },
	{ "late", "late", NULL, COL_WORD, 0, NULL },
	{ "category", "category", NULL, 0, 12, cell_category },
	{ "holder", "holder", NULL, 0, 24, cell_holder },
	{ "owner", "owner", NULL, 0, 10, cell_owner },
	{ "guest", "guest", NULL, 0, 16, guest_cell },
	{ "summary", "summary", NULL, COL_FLEX, 40, NULL },
};

const int case_list_ncolumns =
	sizeof(case_list_columns) / sizeof(case_list_columns[0]);

struct val *
case_list_row(struct fq *fq, struct fq_case *c)
{
	struct val *row;

	case_catch_up(fq, c);
	row = case_json(fq, c);
	v_set_time(fq->mem, row, "next_due", case_next_due(c));
	return row;
}

const char *
case_guest_line(struct fq *fq, const struct fq_case *c, int mask)
{
	const char *s = "";

	if (c->guest)
		s = arena_printf(fq->mem, "%s · ", c->guest);
	if (c->room)
		s = arena_printf(fq->mem, "%s%s · ", s, c->room);
	if (c->phone)
		s = arena_printf(fq->mem, "%s%s · ", s, mask ?
				 text_mask_phone(fq->mem, c->phone) : c->phone);
	/* TRANSLATORS: "周先生 · 1208 · " or "", then "by phone" */
	return arena_printf(fq->mem, _("%sby %s"), s, fq_word(c->via));
}

int
out_case_step(struct fq *fq, const struct fq_case *c, const char *what)
{
	struct view *v;
	const char *due;

	if (fq->quiet)
		return 0;
	if (fq->format == FMT_JSON || fq->format == FMT_JSONL)
		return out_json(fq, case_json(fq, c));
	v = view_new(fq);
	view_line(v, "#%lld %s", c->id, what);
	view_add(v, "    %s · %s · owner %s", fq_word(c->status),
		 holder_name(fq->mem, fq->pol, c->department, c->handler),
		 staff_name(fq->pol, c->owner));
	if (c->waiting_since)
		view_add(v, " · waiting");
	if ((due = case_due_line(fq, c)) && !c->waiting_since)
		view_add(v, " · %s", due);
	view_end(v);
	return view_print(v);
}
