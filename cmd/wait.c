/*
 * wait.c - fq wait: stop the clocks while the case waits on the guest.
 */
#include "clock.h"
#include "cmds.h"
#include "i18n.h"
#include "lifecycle.h"
#include "opts.h"
#include "out.h"
#include "outcase.h"

const char usage_wait[] = "fq wait ID --reason TEXT [--until WHEN]";

static const struct opt longopts[] = {
	{ "reason", required_argument, 'r', "TEXT",
	  "what the case waits for (required)" },
	{ "until", required_argument, 'u', "WHEN", "resume by itself at WHEN" },
	{ NULL, 0, 0, NULL, NULL },
};

int
cmd_wait(struct fq *fq, int argc, char **argv)
{
	const char *reason = NULL;
	time_t until = 0;
	struct fq_case c;
	int opt, rc;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1) {
		switch (opt) {
		case 'r': reason = optarg; break;
		case 'u':
			if ((rc = when_parse(fq, optarg, "--until", &until)))
				return rc;
			break;
		default: return FQ_EUSAGE;
		}
	}
	if ((rc = opts_count(fq, argc, argv, 1, 1, "ID")))
		return rc;
	if (!reason)
		return fq_fail(fq, FQ_EUSAGE, "missing --reason: say what the "
			       "case waits for");
	if ((rc = case_lookup(fq, argv[optind], &c)) ||
	    (rc = case_wait(fq, &c, reason, until)))
		return rc;
	return out_case_step(fq, &c, until ? arena_printf(fq->mem,
		_("waiting until %s; the clocks are stopped"),
		time_short(fq, until)) : _("waiting; the clocks are stopped "
		"until 'fq resume'"));
}
