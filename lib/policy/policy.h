/*
 * policy.h - the YAML policy, parsed and validated (see fq-policy(5)).
 *
 * policy_load() reads the whole file with libyaml, checks every section,
 * and either returns a complete policy or collects every error it found,
 * each as "FILE:LINE:COL: message", and fails with FQ_ECONFIG.  No
 * command ever runs on half a policy.  A file past the limits of
 * fq-policy(5) (1 MiB, 64 levels of nesting, 4 MiB with its aliases
 * expanded) is refused before that, with the one error, in time linear
 * in its size.
 */
#ifndef FQ_POLICY_H
#define FQ_POLICY_H

#include "fq.h"
#include "calendar.h"

enum role { ROLE_STAFF, ROLE_SUPERVISOR, ROLE_MANAGER };

struct dept {
	const char *id, *name;
	const char *phone, *email;	/* NULL when not given */
};

struct staff {
	const char *id;		/* the login name */
	const char *name;	/* display name */
	const char *email;	/* NULL when not given */
	const char *language;	/* of the mail to them; NULL when not given */
	int dept;		/* index into policy.depts */
	enum role role;
	int nact_for;		/* may_act_for: logins and department ids */
	const char **act_for;	/* whom this member may act for (--as) */
};

struct category {
	const char *id, *name;
	int dept;		/* index into policy.depts */
	int nkeywords;
	const char **keywords;
	struct dur accept, reply, resolve;	/* defaults filled in */
	int callback;		/* closing needs the owner's call back */
	int major;		/* escalated as soon as logged */
};

/* One rung of the escalation ladder. */
struct level {
	int pct;		/* % of the limit it fires at (80, 100, 200) */
	int nnotify;
	const char **notify;	/* role words (holder, ...) or logins */
	struct dur repeat;	/* set: fires again every interval */
};

/* A named range of holidays ("2026-10-01..2026-10-07 国庆节"). */
struct holiday_name {
	long first, last;	/* day numbers */
	const char *name;
};

struct policy {
	struct arena *mem;
	const char *path;
	int version;
	const char *organization;
	const char *timezone;	/* IANA name (required) */
	const char *mail_from;	/* NULL when not given */
	const char *language;	/* the site's default; NULL when not given */
	struct calendar cal;
	int ndepts;
	struct dept *depts;
	int nstaff;
	struct staff *staff;
	struct dur def_accept, def_reply, def_resolve;	/* `defaults` */
	int ncats;
	struct category *cats;
	int default_cat;	/* index into cats */
	int nlevels;
	struct level *levels;
	int nforbidden;
	const char **forbidden;
	int npatterns;
	const char **patterns;	/* forbidden_patterns: POSIX EREs */
	int nholiday_names;
	struct holiday_name *holiday_names;
	int holidays_none;	/* `holidays: []`: none, on purpose */
	int nshifts;
	int *shifts;		/* minutes after midnight, ascending */
};

/*
 * Loads and validates the policy at `path`.  On success *out is set and
 * 0 returned; free it with policy_free().  A missing file is FQ_ECONFIG
 * with a message that says how to get one ('fq init').
 */
int policy_load(struct fq *fq, const char *path, struct policy **out);
void policy_free(struct policy *p);

/* Lookups by id; -1 (or NULL) when there is none. */
int policy_dept(const struct policy *p, const char *id);
int policy_category(const struct policy *p, const char *id);
const struct staff *policy_staff(const struct policy *p, const char *id);
/* Looks a department up by id or by display name. */
int policy_dept_find(const struct policy *p, const char *id_or_name);
/* Looks a category up by id or by display name. */
int policy_category_find(const struct policy *p, const char *id_or_name);

/* The name of the holiday on day number `day`, or NULL. */
const char *policy_holiday_name(const struct policy *p, long day);
/*
 * The first year, from the local year of `from` to that of `to`, in
 * which a calendar that counts working time lists no holiday (so a
 * public holiday there would count as a working day); 0 when there is
 * none, under `calendar: always`, and after `holidays: []`.
 */
int policy_unlisted_year(const struct policy *p, time_t from, time_t to);

/*
 * 1 when `text` matches the extended regular expression `pattern`
 * (regcomp(3), REG_EXTENDED), read as UTF-8 whatever the locale, with
 * the bytes [*so, *eo) of text that matched first; 0 when not; -1 when
 * the pattern is not one.
 */
int policy_pattern_find(const char *pattern, const char *text, size_t *so,
			size_t *eo);

#endif
