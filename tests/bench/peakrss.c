/*
 * peakrss.c - the peak resident set size of one command, for machines
 * without GNU time (whose "/usr/bin/time -f %M" reports the same number).
 *
 *   peakrss CMD [ARG...]
 *
 * Runs the command with standard input and output on /dev/null (standard
 * error is left as it is), and prints its ru_maxrss from wait4() in KiB.
 * Exit status: the command's, or 1 when it could not be run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	int st, null;

	if (argc < 2) {
		fprintf(stderr, "usage: peakrss CMD [ARG...]\n");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "peakrss: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		null = open("/dev/null", O_RDWR);
		if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0)
			_exit(126);
		execvp(argv[1], argv + 1);
		fprintf(stderr, "peakrss: %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "peakrss: wait4: %s\n", strerror(errno));
			return 1;
		}
	printf("%ld\n", ru.ru_maxrss);
	if (fflush(stdout))
		return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
