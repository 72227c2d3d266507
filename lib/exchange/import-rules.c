/*
 * import-rules.c - fq import: the input rules of fq log applied to every
 * imported line (text.h's text_check, the same function fq log calls),
 * so that an import cannot store text that fq itself would refuse to
 * record; ids shaped as the policy's are.
 *
 * Runs in the reader thread: text_check() reports into the reader's own
 * struct fq (rd->check, whose memory is the batch's), never into the
 * command's.
 */
#include <string.h>

#include "i18n.h"
#include "import.h"
#include "text.h"

#define MAX_ID_BYTES 64		/* a staff, department or category id */
#define MAX_KEY_CHARS 64	/* a key of event data */
#define MAX_SHOWN 64		/* characters of a value a message quotes */

/* text_check() for the line being read: FQ_EDATA after bad(). */
static int
text_rule(struct reader *rd, const char *what, const char *s, int max,
	  int flags)
{
	if (text_check(&rd->check, what, s, max, flags))
		return bad(rd, "%s", rd->check.err);
	return 0;
}

const char *
import_shown(struct reader *rd, const char *s)
{
	size_t n;

	if (!s)
		return "null";
	if (text_check(&rd->check, "", s, MAX_SHOWN, 0) == 0)
		return arena_printf(rd->b->mem, "'%s'", s);
	n = strlen(s);
	return arena_printf(rd->b->mem, n == 1 ? _("<%zu byte, not shown: too "
			    "long, or with control characters>") : _("<%zu "
			    "bytes, not shown: too long, or with control "
			    "characters>"), n);
}

/* 1 for an ASCII letter or digit. */
static int
alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* 1 when s is shaped like an id of the policy (fq-policy(5)). */
static int
id_shaped(const char *s)
{
	if (!alnum(*s))
		return 0;
	for (; *s; s++)
		if (!alnum(*s) && *s != '.' && *s != '_' && *s != '-')
			return 0;
	return 1;
}

/*
 * An id (NULL passes: the caller knows whether it may be null): up to
 * MAX_ID_BYTES letters, digits, '.', '_' or '-', a letter or digit
 * first, as the policy's ids are (which leaves no room for a control
 * character).
 */
static int
id_rule(struct reader *rd, const char *what, const char *s)
{
	size_t n;

	if (!s)
		return 0;
	if (!*s)
		return bad(rd, "%s is empty", what);
	if ((n = strlen(s)) > MAX_ID_BYTES)
		return bad(rd, "%s is %zu bytes long; the most is %d", what, n,
			   MAX_ID_BYTES);
	if (!id_shaped(s))
		return bad(rd, "%s is not an id: %s (use letters, digits, '.', "
			   "'_' or '-', a letter or digit first)", what,
			   import_shown(rd, s));
	return 0;
}

/* `via` as fq log takes it. */
static int
via_rule(struct reader *rd, const char *via)
{
	static const char *const vias[] = { "desk", "phone", "online",
					     "letter", "other" };
	size_t i;

	for (i = 0; i < sizeof(vias) / sizeof(vias[0]); i++)
		if (!strcmp(via, vias[i]))
			return 0;
	return bad(rd, "'via' must be desk, phone, online, letter or other, "
		   "not %s", import_shown(rd, via));
}

int
import_case_rules(struct reader *rd, const struct fq_case *c)
{
	int rc;

	if ((rc = text_rule(rd, "'summary'", c->summary, MAX_SUMMARY,
			    TEXT_REQUIRED)) ||
	    (rc = text_rule(rd, "'details'", c->details, MAX_DETAILS,
			    TEXT_MULTILINE)) ||
	    (rc = text_rule(rd, "'guest.name'", c->guest, MAX_NAME, 0)) ||
	    (rc = text_rule(rd, "'guest.room'", c->room, MAX_SHORT, 0)) ||
	    (rc = text_rule(rd, "'guest.phone'", c->phone, MAX_SHORT, 0)) ||
	    (rc = text_rule(rd, "'request_key'", c->request_key, MAX_NAME,
			    0)) ||
	    (rc = id_rule(rd, "'owner'", c->owner)) ||
	    (rc = id_rule(rd, "'handler'", c->handler)) ||
	    (rc = id_rule(rd, "'department'", c->department)) ||
	    (rc = id_rule(rd, "'category'", c->category)))
		return rc;
	return via_rule(rd, c->via);
}

/*
 * 1 when s is printable ASCII (newlines and tabs allowed) of at most
 * `max` bytes: such a text passes every rule of event data, so that the
 * ids and numbers most data holds need not go through text_check().
 */
static int
plain(const char *s, int max)
{
	int n;

	for (n = 0; n <= max && s[n]; n++)
		if ((s[n] < ' ' || s[n] > '~') && s[n] != '\n' && s[n] != '\t')
			return 0;
	return n <= max;
}

/* The most characters of a string of event data at key `key`. */
static int
data_max(const char *key, int top)
{
	return top && key && (!strcmp(key, "text") ||
			      !strcmp(key, "reason")) ? MAX_NOTE : MAX_DETAILS;
}

/* The name of item i under `path`: PATH.KEY, or PATH[I] in an array. */
static const char *
item_name(struct reader *rd, const char *path, const char *key, int i)
{
	if (key)
		return arena_printf(rd->b->mem, "%s.%s", path, key);
	return arena_printf(rd->b->mem, "%s[%d]", path, i);
}

int
import_data_text(struct reader *rd, const struct event_row *e,
		 const char *path, const char *key, int i, const char *s)
{
	int max = data_max(key, !strcmp(path, "data"));

	if (!text_check(&rd->check, "", s, max, TEXT_MULTILINE))
		return 0;
	return text_rule(rd, arena_printf(rd->b->mem, "event %lld: '%s'",
					  e->id, item_name(rd, path, key, i)),
			 s, max, TEXT_MULTILINE);
}

/*
 * The texts in an event's data (the object or array v, at `path`; `top`
 * for the data object itself): keys and strings without control
 * characters (newlines and tabs allowed in the strings), its notes
 * ("text", "reason") no longer than MAX_NOTE characters, any other
 * string no longer than MAX_DETAILS.  A text is named only when it
 * fails (the check runs for every event, the naming once).  The fields
 * of a `logged` event that its case row repeats are left to the story
 * (import-story.c), which holds them to the row's stricter rules.
 */
static int
data_rule(struct reader *rd, const struct event_row *e, const char *path,
	  const struct val *v, int top)
{
	const struct val *item;
	const char *key;
	int i, rc;

	for (i = 0; i < v->n; i++) {
		item = v->items[i];
		key = v->kind == V_OBJ ? v->keys[i] : NULL;
		if (key && !(id_shaped(key) && strlen(key) <= MAX_KEY_CHARS) &&
		    text_check(&rd->check, "", key, MAX_KEY_CHARS, 0))
			return bad(rd, "event %lld: '%s' has a key %s", e->id,
				   path, import_shown(rd, key));
		if (item->kind == V_STR && !plain(item->s, MAX_NOTE) &&
		    !(top && import_story_checks(e, key)) &&
		    (rc = import_data_text(rd, e, path, key, i, item->s)))
			return rc;
		if ((item->kind == V_ARR || item->kind == V_OBJ) &&
		    (rc = data_rule(rd, e, item_name(rd, path, key, i), item,
				    0)))
			return rc;
	}
	return 0;
}

/* id_rule() for an event's field, named only when it fails. */
static int
event_id_rule(struct reader *rd, const struct event_row *e,
	      const char *field, const char *s)
{
	if (*s && strlen(s) <= MAX_ID_BYTES && id_shaped(s))
		return 0;
	return id_rule(rd, arena_printf(rd->b->mem, "event %lld: '%s'",
					e->id, field), s);
}

int
import_event_rules(struct reader *rd, const struct event_row *e,
		   const struct val *data)
{
	int rc;

	if ((rc = event_id_rule(rd, e, "actor", e->actor)) ||
	    (rc = event_id_rule(rd, e, "kind", e->kind)))
		return rc;
	return data_rule(rd, e, "data", data, 1);
}
