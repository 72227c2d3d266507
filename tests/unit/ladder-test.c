/*
 * ladder-test.c - unit tests of the escalation ladder's pure core
 * (lib/case/ladder.c), as a TAP program: a case, its memory and a
 * moment in, the notifications owed out; no database, no clock.
 *
 *   ladder-test HOTEL.YAML	(policies/hotel.yaml)
 *
 * The case is the seed's lost phone: logged at 03:00 (seq 1), held by
 * security unaccepted; accept 5m, reply 30m, resolve 1d; the ladder
 * 80% to the holder, 100% to the supervisor and the owner, 200% to the
 * managers every hour.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases.h"
#include "ladder.h"
#include "policy.h"

static int tests, failed;

/* One TAP line. */
static void
ok(int pass, const char *what)
{
	tests++;
	if (!pass)
		failed++;
	printf("%s %d - %s\n", pass ? "ok" : "not ok", tests, what);
}

/* 2026-11-27T03:00:00+08:00 */
#define T0 ((time_t)1795719600)

/* The lost phone, logged at T0, unaccepted. */
static struct fq_case
phone(void)
{
	struct fq_case c = { .id = 17, .summary = "手机忘在棋牌室",
		.category = "lost_property", .department = "security",
		.owner = "li.na", .status = "open", .created_at = T0 };

	c.due[DUE_ACCEPT] = T0 + 300;
	c.due[DUE_REPLY] = T0 + 1800;
	c.due[DUE_RESOLVE] = T0 + 86400;
	return c;
}

/* A memory of n rows, the clocks started by the logging (seq 1). */
static struct store_ladder
memory(const struct store_told *v, int n)
{
	struct store_ladder h = { .start = 1, .accept_start = 1,
				  .ntold = n, .told = v };

	return h;
}

/* What is owed at `now`, as "deadline level to[+passed...]" joined by
 * spaces, in the order found. */
static const char *
owed(struct fq *fq, const struct fq_case *c, const struct store_ladder *h,
     time_t now)
{
	struct firings out = { 0 };
	const char *s = "";
	int i, j;

	ladder_owed(fq, c, h, now, &out);
	for (i = 0; i < out.n; i++) {
		const struct firing *f = &out.v[i];

		s = arena_printf(fq->mem, "%s%s%s %s %s", s, *s ? " " : "",
				 due_names[f->k], f->name, f->to);
		for (j = 0; j < f->npassed; j++)
			s = arena_printf(fq->mem, "%s+%s", s,
					 level_name(fq, f->passed[j]));
	}
	return s;
}

/* Checks one expectation, printing what came when it is not that. */
static void
expect(const char *got, const char *want, const char *what)
{
	ok(!strcmp(got, want), what);
	if (strcmp(got, want))
		printf("# got:  '%s'\n# want: '%s'\n", got, want);
}

static void
test_levels(struct fq *fq)
{
	struct fq_case c = phone();
	struct store_ladder none = memory(NULL, 0);

	expect(owed(fq, &c, &none, T0 + 239), "",
	       "at 03:03:59 nothing is owed");
	ok(!ladder_may_fire(fq, &c, T0 + 239), "... nor may anything fire");
	ok(ladder_may_fire(fq, &c, T0 + 240), "at 03:04 something may");
	expect(owed(fq, &c, &none, T0 + 240),
	       "accept 80% wang.qiang accept 80% gao.feng "
	       "accept 80% zhang.wei",
	       "at 03:04, 80% of accept: every member of the holding "
	       "department");
	expect(owed(fq, &c, &none, T0 + 300),
	       "accept 100% zhang.wei+80% accept 100% li.na+80%",
	       "a first run at 03:05: 100% only, 80% passed over");
	expect(owed(fq, &c, &none, T0 + 600),
	       "accept 200% zhou.min+80%+100% accept 200% yang.fan+80%+100%",
	       "a first run at 03:10: 200% only, 80% and 100% passed over");
}

static void
test_memory(struct fq *fq)
{
	struct fq_case c = phone();
	const struct store_told warned[] = {
		{ "accept", "80%", "wang.qiang", 2, T0 + 240, 0 },
		{ "accept", "80%", "gao.feng", 2, T0 + 240, 0 },
		{ "accept", "80%", "zhang.wei", 2, T0 + 240, 0 },
	};
	const struct store_told passed[] = {
		{ "accept", "80%", "", 2, T0 + 300, 0 },
		{ "accept", "100%", "zhang.wei", 2, T0 + 300, 0 },
		{ "accept", "100%", "li.na", 2, T0 + 300, 0 },
	};
	const struct store_told late[] = {
		{ "accept", "80%", "", 3, T0 + 600, 0 },
		{ "accept", "100%", "", 3, T0 + 600, 0 },
		{ "accept", "200%", "zhou.min", 3, T0 + 600, 0 },
		{ "accept", "200%", "yang.fan", 3, T0 + 600, 0 },
	};
	struct store_ladder h = memory(warned, 3);

	expect(owed(fq, &c, &h, T0 + 240), "", "80% told: not again");
	expect(owed(fq, &c, &h, T0 + 300),
	       "accept 100% zhang.wei accept 100% li.na",
	       "80% told, then 100%: nothing passed over");
	h = memory(passed, 3);
	expect(owed(fq, &c, &h, T0 + 420), "",
	       "80% passed over and 100% told: nothing at 140%");
	expect(owed(fq, &c, &h, T0 + 600),
	       "accept 200% zhou.min accept 200% yang.fan",
	       "then 200%, passing nothing over again");
	h = memory(late, 4);
	c.due[DUE_REPLY] = c.due[DUE_RESOLVE] = 0;
	expect(owed(fq, &c, &h, T0 + 600 + 3599), "",
	       "200% repeats after an hour, not before");
	expect(owed(fq, &c, &h, T0 + 600 + 3600),
	       "accept 200% zhou.min accept 200% yang.fan",
	       "... and at the hour");
	c = phone();
	h = memory(warned, 3);
	h.accept_start = 3;	/* transferred at seq 3 */
	c.due[DUE_ACCEPT] = T0 + 900;
	expect(owed(fq, &c, &h, T0 + 840),
	       "accept 80% wang.qiang accept 80% gao.feng "
	       "accept 80% zhang.wei",
	       "a transfer starts a new accept clock: 80% again");
}

static void
test_seen(struct fq *fq)
{
	struct fq_case c = phone();
	const struct store_told old[] = {
		{ "accept", "100%", "li.na", 2, T0 + 300, 0 },
	};
	struct store_ladder h = memory(old, 1);
	struct firings out = { 0 };
	int i;

	h.accept_start = 5;
	ladder_owed(fq, &c, &h, T0 + 300, &out);
	for (i = 0; i < out.n && strcmp(out.v[i].to, "li.na"); i++)
		;
	ok(i < out.n && out.v[i].seen == 2,
	   "a firing remembers the memory's seq, of an earlier clock too");
	ok(out.n > 0 && out.v[0].c.id == 17 && out.v[0].level == 1,
	   "... and carries its case and level");
}

static void
test_quiet(struct fq *fq)
{
	struct fq_case c = phone();
	struct store_ladder none = memory(NULL, 0);

	c.waiting_since = T0 + 60;
	expect(owed(fq, &c, &none, T0 + 7200), "", "a waiting case does not "
	       "climb");
	ok(!ladder_may_fire(fq, &c, T0 + 7200), "... nor may it fire");
	c = phone();
	c.due[DUE_ACCEPT] = 0;
	c.handler = "wang.qiang";
	expect(owed(fq, &c, &none, T0 + 1440), "reply 80% wang.qiang",
	       "accepted: the holder is the handler alone");
}

static void
test_promise(struct fq *fq)
{
	struct fq_case c = phone();
	struct store_ladder none = memory(NULL, 0);

	c.due[DUE_ACCEPT] = c.due[DUE_REPLY] = c.due[DUE_RESOLVE] = 0;
	c.handler = "wang.qiang";
	c.due[DUE_PROMISE] = T0 + 36000;
	expect(owed(fq, &c, &none, T0 + 28799), "",
	       "a promise in 10 h: nothing at 7:59 h");
	expect(owed(fq, &c, &none, T0 + 28800), "promise 80% wang.qiang",
	       "80% of the time from logging to the promise");
	ok(ladder_horizon(fq, T0) >= T0 + 86400 / 5,
	   "the horizon reaches 20% of the longest limit ahead");
}

static void
test_notice(struct fq *fq)
{
	struct fq_case c = phone();
	const struct store_told owe = { "", "manual", "zhang.wei", 4,
					T0 + 120, 0 };
	const struct store_told done = { "", "manual", "zhang.wei", 4,
					 T0 + 120, 4 };
	const struct store_told nobody = { "", "manual", "", 4, T0 + 120, 0 };
	struct firings out = { 0 };

	ladder_notice(fq, &c, &owe, "请张队长协调", &out);
	ok(out.n == 1 && out.v[0].k < 0 && !strcmp(out.v[0].name, "manual") &&
	   out.v[0].about == 4 && !strcmp(out.v[0].note, "请张队长协调"),
	   "a manual escalation not mailed is owed, with its note");
	ladder_notice(fq, &c, &done, NULL, &out);
	ladder_notice(fq, &c, &nobody, NULL, &out);
	ok(out.n == 1, "once mailed, or for nobody, it is not");
}

int
main(int argc, char **argv)
{
	struct fq fq = { .cmd = "test", .actor = "fq" };
	struct policy *p;

	if (argc != 2) {
		fprintf(stderr, "usage: ladder-test HOTEL.YAML\n");
		return 64;
	}
	fq.mem = arena_new();
	if (policy_load(&fq, argv[1], &p)) {
		printf("Bail out! %s\n", fq.err);
		return 1;
	}
	fq.pol = p;
	setenv("TZ", p->timezone, 1);
	tzset();
	test_levels(&fq);
	test_memory(&fq);
	test_seen(&fq);
	test_quiet(&fq);
	test_promise(&fq);
	test_notice(&fq);
	printf("1..%d\n", tests);
	policy_free(p);
	arena_free(fq.mem);
	return failed != 0;
}
