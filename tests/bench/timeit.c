/*
 * timeit.c - wall time of commands run many times, interleaved.
 *
 *   timeit [-n ROUNDS] [-m MIN -t SECONDS] [-w WARMUP] [-e ERRFILE]
 *          [-r RAWFILE] [-b BEFORE] [-T TIMEOUT]
 *          LABEL CMD [ARG...] [::: LABEL CMD [ARG...]]...
 *
 * Each round runs every command once, the starting command rotating from
 * round to round (ABC, BCA, CAB, ...), so that the machine's noise falls
 * on all of them alike.  A run is timed with CLOCK_MONOTONIC from just
 * before fork() to just after wait4() returns; its standard input and
 * output are /dev/null, its standard error is appended to ERRFILE
 * (default /dev/null).  WARMUP rounds (default 3) run first, untimed.
 * With -t, it stops early once SECONDS have passed since the first timed
 * round, but never before MIN rounds (default 1): a loop that adapts to
 * commands that take seconds and to a machine that is busy.
 *
 * With -b, the command BEFORE runs, untimed, before every run (warm-up or
 * timed) of every command, with that command's LABEL as its argument and
 * its output to ERRFILE: the way to give a command that writes a fresh
 * copy of its database each time.  A BEFORE that fails stops timeit.
 * With -T, a run still going after TIMEOUT seconds is killed (its whole
 * process group: each run is put in one of its own), counted as failed
 * and as timed out, and timed at the moment it was killed.
 *
 * For each command it prints one line, tab-separated:
 *   LABEL  runs  failed  median_ms  p10_ms  p90_ms  min_ms  max_ms
 *   maxrss_kib  timedout
 * where maxrss_kib is the largest ru_maxrss wait4() reported.  With -r,
 * every timed run is also written to RAWFILE as "LABEL<TAB>round<TAB>ms".
 * Exit status 0; 1 on a usage or system error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct cmd {
	const char *label;
	char **argv;
	double *ms;		/* one per timed round */
	int n, failed, timedout;
	long maxrss;
};

static double timeout_s;	/* -T; 0: none */
static volatile sig_atomic_t alarmed;

static void
die(const char *what)
{
	fprintf(stderr, "timeit: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: timeit [-n ROUNDS] [-m MIN -t SECONDS] "
		"[-w WARMUP] [-e ERRFILE] [-r RAWFILE] [-b BEFORE] "
		"[-T TIMEOUT] LABEL CMD [ARG...] [::: LABEL CMD [ARG...]]...\n");
	exit(1);
}

static void
on_alarm(int sig)
{
	(void)sig;
	alarmed = 1;
}

/* Arms (seconds > 0) or disarms (0) the one-shot timer of -T. */
static void
arm(double seconds)
{
	struct itimerval it = { { 0, 0 }, { 0, 0 } };

	it.it_value.tv_sec = (time_t)seconds;
	it.it_value.tv_usec = (suseconds_t)((seconds - (double)(time_t)seconds)
					    * 1e6);
	if (setitimer(ITIMER_REAL, &it, NULL))
		die("setitimer");
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/*
 * Runs argv once; returns its wall time in ms, sets *ok and *rss, and
 * *late when -T killed it.
 */
static double
run_once(char **argv, int errfd, int *ok, long *rss, int *late)
{
	struct rusage ru;
	double t0, t1 = 0;
	pid_t pid;
	int st, null;

	*late = 0;
	alarmed = 0;
	t0 = now_ms();
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		null = open("/dev/null", O_RDWR);
		if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 ||
		    dup2(errfd, 2) < 0)
			_exit(126);
		if (timeout_s > 0 && setpgid(0, 0))
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (timeout_s > 0) {
		setpgid(pid, pid);	/* either side may win the race */
		arm(timeout_s);
	}
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR)
			die("wait4");
		if (alarmed && !*late) {
			t1 = now_ms();
			*late = 1;
			kill(-pid, SIGKILL);
		}
	}
	if (timeout_s > 0)
		arm(0);
	if (!*late)
		t1 = now_ms();
	*ok = !*late && WIFEXITED(st) && WEXITSTATUS(st) == 0;
	*rss = ru.ru_maxrss;
	return t1 - t0;
}

/* Runs BEFORE LABEL, untimed; stops timeit when it fails. */
static void
before(const char *cmd, const char *label, int errfd)
{
	char *argv[] = { (char *)cmd, (char *)label, NULL };
	double saved = timeout_s;
	int ok, late;
	long rss;

	timeout_s = 0;
	run_once(argv, errfd, &ok, &rss, &late);
	timeout_s = saved;
	if (!ok) {
		fprintf(stderr, "timeit: %s %s failed\n", cmd, label);
		exit(1);
	}
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The nearest-rank percentile p (0..100) of sorted v[0..n-1]. */
static double
pct(const double *v, int n, double p)
{
	int i = (int)(p / 100.0 * n + 0.5) - 1;

	if (i < 0)
		i = 0;
	if (i >= n)
		i = n - 1;
	return v[i];
}

static double
median(const double *v, int n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

int
main(int argc, char **argv)
{
	const char *errpath = "/dev/null", *rawpath = NULL, *pre = NULL;
	int rounds = 100, warmup = 3, min = 1, ncmd = 0, i, r, k, ok, errfd;
	int late;
	double ms, budget = 0, start;
	struct cmd *cmds;
	FILE *raw = NULL;
	long rss;
	int c;

	while ((c = getopt(argc, argv, "+n:m:t:w:e:r:b:T:")) != -1) {
		switch (c) {
		case 'n': rounds = atoi(optarg); break;
		case 'm': min = atoi(optarg); break;
		case 't': budget = atof(optarg) * 1e3; break;
		case 'w': warmup = atoi(optarg); break;
		case 'e': errpath = optarg; break;
		case 'r': rawpath = optarg; break;
		case 'b': pre = optarg; break;
		case 'T': timeout_s = atof(optarg); break;
		default: usage();
		}
	}
	if (rounds < 1 || warmup < 0 || min < 1 || budget < 0 ||
	    timeout_s < 0 || optind + 2 > argc)
		usage();
	if (timeout_s > 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;	/* no SA_RESTART: wait4 returns */
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGALRM, &sa, NULL))
			die("sigaction");
	}
	cmds = calloc((size_t)argc, sizeof(*cmds));
	if (!cmds)
		die("calloc");
	/* Split the rest at ":::" into LABEL CMD ARGS groups (in place). */
	for (i = optind; i < argc; ) {
		if (i + 1 >= argc || !strcmp(argv[i + 1], ":::"))
			usage();
		cmds[ncmd].label = argv[i];
		cmds[ncmd].argv = &argv[i + 1];
		for (i += 2; i < argc && strcmp(argv[i], ":::"); i++)
			;
		if (i < argc)
			argv[i++] = NULL;	/* ends the previous argv */
		cmds[ncmd].ms = calloc((size_t)rounds, sizeof(double));
		if (!cmds[ncmd].ms)
			die("calloc");
		ncmd++;
	}
	errfd = open(errpath, O_WRONLY | O_APPEND | O_CREAT, 0644);
	if (errfd < 0)
		die(errpath);
	if (rawpath && !(raw = fopen(rawpath, "w")))
		die(rawpath);
	for (r = 0; r < warmup; r++)
		for (k = 0; k < ncmd; k++) {
			if (pre)
				before(pre, cmds[k].label, errfd);
			run_once(cmds[k].argv, errfd, &ok, &rss, &late);
		}
	start = now_ms();
	for (r = 0; r < rounds; r++) {
		if (budget > 0 && r >= min && now_ms() - start >= budget)
			break;
		for (i = 0; i < ncmd; i++) {
			struct cmd *cm = &cmds[(r + i) % ncmd];

			if (pre)
				before(pre, cm->label, errfd);
			ms = run_once(cm->argv, errfd, &ok, &rss, &late);
			cm->ms[cm->n++] = ms;
			if (!ok)
				cm->failed++;
			cm->timedout += late;
			if (rss > cm->maxrss)
				cm->maxrss = rss;
			if (raw)
				fprintf(raw, "%s\t%d\t%.4f\n", cm->label, r, ms);
		}
	}
	for (k = 0; k < ncmd; k++) {
		struct cmd *cm = &cmds[k];

		qsort(cm->ms, (size_t)cm->n, sizeof(double), cmp_double);
		printf("%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%ld\t%d\n",
		       cm->label, cm->n, cm->failed, median(cm->ms, cm->n),
		       pct(cm->ms, cm->n, 10), pct(cm->ms, cm->n, 90),
		       cm->ms[0], cm->ms[cm->n - 1], cm->maxrss, cm->timedout);
	}
	if (raw && fclose(raw))
		die(rawpath);
	return fflush(stdout) ? 1 : 0;
}
