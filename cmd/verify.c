/*
 * verify.c - fq verify: the database's integrity and the hash chain.
 */
#include <string.h>

#include "cmds.h"
#include "opts.h"
#include "out.h"
#include "verify.h"

const char usage_verify[] = "fq verify [--head DIGEST]";

static const struct opt longopts[] = {
	{ "head", required_argument, 'H', "DIGEST",
	  "check that the chain still ends at DIGEST" },
	{ NULL, 0, 0, NULL, NULL },
};

/* The result as one JSON object. */
static struct val *
result_json(struct fq *fq, const struct verify_result *r)
{
	struct val *o = v_obj(fq->mem);

	v_set(fq->mem, o, "ok", v_bool(fq->mem, r->problems->n == 0));
	v_set_int(fq->mem, o, "events", r->events);
	v_set_int(fq->mem, o, "cases", r->cases);
	v_set_str(fq->mem, o, "head", r->head);
	v_set(fq->mem, o, "problems", r->problems);
	return o;
}

int
cmd_verify(struct fq *fq, int argc, char **argv)
{
	struct verify_result r;
	const char *head = NULL;
	int rc, i, opt;

	opts_reset();
	while ((opt = opts_next(fq, argc, argv, "", longopts)) != -1)
		if (opt == 'H')
			head = optarg;
		else
			return FQ_EUSAGE;
	if (head && (strlen(head) != 64 || strspn(head, "0123456789abcdef") != 64))
		return fq_fail(fq, FQ_EDATA, "--head takes the 64 hexadecimal "
			       "digits fq verify printed, not '%s'", head);
	if ((rc = opts_count(fq, argc, argv, 0, 0, "")) ||
	    (rc = verify_all(fq, &r)) ||
	    (head && (rc = verify_head(fq, &r, head))))
		return rc;
	if (fq->format == FMT_JSON || fq->format == FMT_JSONL)
		rc = out_json(fq, result_json(fq, &r));
	else if (r.problems->n == 0 && !fq->quiet)
		printf("ok: %lld events in %lld cases; chain head %s\n",
		       r.events, r.cases, r.head);
	for (i = 0; i < r.problems->n && fq->format != FMT_JSON &&
	     fq->format != FMT_JSONL; i++)
		printf("DAMAGED: %s\n", r.problems->items[i]->s);
	if (rc == 0 && r.problems->n) {
		fq_warn(fq, "%d problem%s found; the head digest of the damaged "
			"chain is %s", r.problems->n, r.problems->n > 1 ? "s" : "",
			r.head);
		return FQ_MATCH;
	}
	return rc;
}
