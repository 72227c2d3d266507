/*
 * cell.c - how a value reads in a cell of a list, in each format; and
 * the short time for people.
 *
 *	value	TSV, CSV	table		Markdown	JSON
 *	null	(empty)		-		-		null
 *	bool	true/false	yes/no		yes/no		true/false
 *	time	ISO 8601	time_short()	time_local()	ISO 8601
 *	dur	seconds		"1h30m"		"1h30m"		seconds
 *	rate	0.6087		"61%"		"61%"		0.6087
 *	array	a,b		a,b		a,b		array
 *	[]	(empty)		-		-		[]
 *	object	JSON		JSON		JSON		object
 *
 * A table column with COL_ISO shows times as time_local(); a Markdown
 * table always does, as a document outlives "today".  In a COL_WORD
 * column, the table and Markdown show fq's own words (a status, a
 * deadline, an event kind: words.h) in the language of the messages;
 * "yes" and "no" are translated too.  TSV, CSV and JSON never are.
 */
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "i18n.h"
#include "json.h"
#include "view-private.h"
#include "words.h"
#include "visible.h"

char *
time_short(struct fq *fq, time_t t)
{
	struct tm tm, now;
	time_t n = fq_now();

	time_tm(t, &tm);
	time_tm(n, &now);
	if (tm.tm_year == now.tm_year && tm.tm_yday == now.tm_yday)
		return arena_printf(fq->mem, "%02d:%02d", tm.tm_hour,
				    tm.tm_min);
	if (tm.tm_year == now.tm_year)
		return arena_printf(fq->mem, "%02d-%02d %02d:%02d",
				    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
				    tm.tm_min);
	return arena_printf(fq->mem, "%04d-%02d-%02d %02d:%02d",
			    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			    tm.tm_hour, tm.tm_min);
}

static const char *text_of(struct fq *fq, const struct val *v,
			   enum cell_mode m);

/* The items of an array as text, joined with "," (from the arena). */
static const char *
join(struct fq *fq, const struct val *arr, enum cell_mode m)
{
	const char *s = "";
	int i;

	for (i = 0; i < arr->n; i++)
		s = arena_printf(fq->mem, "%s%s%s", s, i ? "," : "",
				 text_of(fq, arr->items[i], m));
	return s;
}

/* A duration for people: "1h30m" (from the arena). */
static const char *
dur_text(struct fq *fq, long long secs)
{
	char buf[64];

	return arena_strdup(fq->mem, dur_format((long)secs, buf, sizeof(buf)));
}

/* A value as the text of a cell (see the table above). */
static const char *
text_of(struct fq *fq, const struct val *v, enum cell_mode m)
{
	switch (v ? v->kind : V_NULL) {
	case V_NULL:
		return m == M_PLAIN ? "" : "-";
	case V_BOOL:
		if (m == M_PLAIN)
			return v->i ? "true" : "false";
		return v->i ? _("yes") : _("no");
	case V_INT:
		return arena_printf(fq->mem, "%lld", v->i);
	case V_DUR:
		if (m == M_PLAIN)
			return arena_printf(fq->mem, "%lld", v->i);
		return dur_text(fq, v->i);
	case V_RATE:
		if (m == M_PLAIN)
			return json_text(fq->mem, v);	/* as in JSON */
		return arena_printf(fq->mem, "%.0f%%", v->r * 100.0);
	case V_STR:
		return v->s ? v->s : "";
	case V_TIME:
		if (m == M_PLAIN)
			return time_iso(fq->mem, (time_t)v->i);
		if (m == M_SHORT)
			return time_short(fq, (time_t)v->i);
		return time_local(fq->mem, (time_t)v->i);
	case V_ARR:
		if (v->n == 0)
			return m == M_PLAIN ? "" : "-";
		return join(fq, v, m);
	case V_OBJ:
		return json_text(fq->mem, v);
	}
	return "";
}

/* A COL_WORD cell for people: a word, or words joined with ",". */
static const char *
words_text(struct fq *fq, const struct val *v, enum cell_mode m)
{
	const char *s = "";
	int i;

	if (v && v->kind == V_STR && v->s)
		return fq_word(v->s);
	if (!v || v->kind != V_ARR || v->n == 0)
		return text_of(fq, v, m);
	for (i = 0; i < v->n; i++)
		s = arena_printf(fq->mem, "%s%s%s", s, i ? "," : "",
				 words_text(fq, v->items[i], m));
	return s;
}

const char *
cell_unmark(struct fq *fq, const char *s, const char *on, const char *off)
{
	const char *t = "";
	size_t n;

	while (*s) {
		n = strcspn(s, OUT_MARK_ON OUT_MARK_OFF);
		t = arena_printf(fq->mem, "%s%.*s%s", t, (int)n, s, !s[n] ? "" :
				 s[n] == OUT_MARK_ON[0] ? on : off);
		s += n + (s[n] != '\0');
	}
	return t;
}

const char *
cell_marks_visible(struct fq *fq, const char *s)
{
	const char *t = "", *seg;
	size_t n;

	while (*s) {
		n = strcspn(s, OUT_MARK_ON OUT_MARK_OFF);
		seg = text_visible(fq->mem, arena_strndup(fq->mem, s, n),
				   VIS_FOLD);
		t = arena_printf(fq->mem, "%s%s%.1s", t, seg, s + n);
		s += n + (s[n] != '\0');
	}
	return t;
}

/* Whether the render function now called renders for people. */
static int for_people;

int
out_cell_for_people(void)
{
	return for_people;
}

const char *
cell_text(struct fq *fq, const struct column *c, const struct val *row,
	  enum cell_mode m)
{
	const struct val *v;
	const char *s;

	if (c->render) {
		for_people = m != M_PLAIN;
		s = c->render(fq, row);
		for_people = 0;
		/* Marks: bold in a table (table.c), **bold** in Markdown. */
		if (s && (c->flags & COL_MARKS) && m != M_SHORT)
			s = m == M_LOCAL ? cell_unmark(fq, s, "**", "**") :
			    cell_unmark(fq, s, "", "");
		return s ? s : text_of(fq, NULL, m);
	}
	if (m == M_SHORT && (c->flags & COL_ISO))
		m = M_LOCAL;
	v = v_get(row, c->path ? c->path : c->key);
	if (m != M_PLAIN && (c->flags & COL_WORD))
		return words_text(fq, v, m);
	return text_of(fq, v, m);
}
