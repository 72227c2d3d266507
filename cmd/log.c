/*
 * log.c - fq log: record a new case; the actor becomes its owner.
 */
#include <string.h>

#include "clock.h"
#include "cmds.h"
#include "i18n.h"
#include "intake.h"
#include "names.h"
#include "opts.h"
#include "out.h"
#include "outcase.h"
#include "policy.h"
#include "text.h"
#include "view.h"

const char usage_log[] =
	"fq log SUMMARY [--guest NAME] [--room ROOM] [--phone PHONE]\n"
	"              [--via desk|phone|online|letter|other] [--category C]\n"
	"              [--major] [--promise WHEN] [--details TEXT|-]\n"
	"              [--resolved ANSWER] [--key KEY]";

static const struct opt longopts[] = {
	{ "guest", required_argument, 'g', "NAME",
	  "the guest's name, as they gave it" },
	{ "room", required_argument, 'r', "ROOM", "the guest's room or unit" },
	{ "phone", required_argument, 'p', "PHONE",
	  "a number to call the guest back on" },
	{ "via", required_argument, 'v', "desk|phone|online|letter|other",
	  "how the request came (default desk)" },
	{ "category", required_argument, 'c', "C",
	  "route it to this category, not by its keywords" },
	{ "major", no_argument, 'm', NULL,
	  "a major matter: escalated as soon as logged" },
	{ "promise", required_argument, 'P', "WHEN",
	  "the answer promised to the guest by WHEN" },
	{ "details", required_argument, 'd', "TEXT|-",
	  "the longer story (- reads standard input)" },
	{ "resolved", required_argument, 'R', "ANSWER",
	  "settled on the spot: the answer; closes it" },
	{ "key", required_argument, 'k', "KEY",
	  "an idempotency key for scripted intake" },
	{ NULL, 0, 0, NULL, NULL },
};

/* The summary: the remaining words, joined by spaces. */
static char *
join(struct fq *fq, int argc, char **argv)
{
	char *s = argv[optind];
	int i;

	for (i = optind + 1; i < argc; i++)
		s = arena_printf(fq->mem, "%s %s", s, argv[i]);
	return s;
}

/* The deadline the guest is answered by: the promise, else reply. */
static time_t
answer_due(const struct fq_case *c)
{
	return c->due[DUE_PROMISE] ? c->due[DUE_PROMISE] : c->due[DUE_REPLY];
}

/* The sentence to read back to the guest (复述). */
static void
read_back(struct view *v, struct fq *fq, const struct fq_case *c)
{
	const char *who = c->guest ? c->guest : "";
	time_t due = answer_due(c);

	view_add(v, "    Read it back to the guest: \"%s%s您好，您反映的“%s”已"
		 "记录，由%s负责处理", who, *who ? "，" : "", c->summary,
		 dept_name(fq->pol, c->department));
	if (due)
		view_add(v, "，我们会在 %s 前给您答复", time_short(fq, due));
	view_line(v, "。\"");
}

/* Prints the new case for the person who logged it. */
static int
print_logged(struct fq *fq, const struct fq_case *c)
{
	const struct policy *p = fq->pol;
	int d = policy_dept(p, c->department);
	const char *phone = d >= 0 ? p->depts[d].phone : NULL;
	const char *due = case_due_line(fq, c);
	struct view *v = view_new(fq);

	if (c->first_contact)
		view_add(v, "#%lld logged and closed (settled at once)  %s → %s",
			 c->id, category_name(p, c->category),
			 dept_name(p, c->department));
	else
		view_add(v, "#%lld logged  %s → %s", c->id,
			 category_name(p, c->category),
			 dept_name(p, c->department));
	if (phone)
		view_add(v, " (ext %s)", phone);
	view_line(v, "   owner %s%s", staff_name(p, c->owner),
		  c->major ? _("   MAJOR") : "");
	view_line(v, "    %s", case_guest_line(fq, c, 1));
	if (!c->first_contact)
		view_line(v, "    %s", due ? due : _("no time limit"));
	if (fq->tty && !c->first_contact)
		read_back(v, fq, c);
	return view_print(v);
}

/* Reads the options into an intake. */
static int
parse(struct fq *fq, int argc, char **argv, struct intake *in)
{
	const char *promise = NULL;
	int c, rc;

	opts_reset();
	while ((c = opts_next(fq, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'g': in->guest = optarg; break;
		case 'r': in->room = optarg; break;
		case 'p': in->phone = optarg; break;
		case 'v': in->via = optarg; break;
		case 'c': in->category = optarg; break;
		case 'm': in->major = 1; break;
		case 'P': promise = optarg; break;
		case 'd': in->details = optarg; break;
		case 'R': in->resolved = optarg; break;
		case 'k': in->key = optarg; break;
		default: return FQ_EUSAGE;
		}
	}
	if ((rc = opts_count(fq, argc, argv, 1, -1, "SUMMARY")))
		return rc;
	in->summary = join(fq, argc, argv);
	if (in->details && !strcmp(in->details, "-") &&
	    (rc = text_read_stdin(fq, "--details", MAX_DETAILS,
				  (char **)&in->details)))
		return rc;
	if (promise && (rc = when_parse(fq, promise, "--promise", &in->promise)))
		return rc;
	return 0;
}

int
cmd_log(struct fq *fq, int argc, char **argv)
{
	struct intake in = { .via = "desk" };
	struct fq_case c;
	int rc, dup;

	if ((rc = parse(fq, argc, argv, &in)) ||
	    (rc = case_log(fq, &in, &c, &dup)))
		return rc;
	if (dup)
		fq_warn(fq, "key '%s' was logged before as #%lld; nothing new "
			"was recorded", in.key, c.id);
	if (fq->quiet)
		return view_say(fq, "%lld", c.id);
	if (fq->format == FMT_JSON || fq->format == FMT_JSONL)
		return out_json(fq, case_json(fq, &c));
	return print_logged(fq, &c);
}
