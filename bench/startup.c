/*
 * startup: runs a command N times, one after the other, standard output
 * to /dev/null, and prints the median and the best of its wall times,
 * process start to exit, in milliseconds: "MEDIAN BEST".  Exits 1 when a
 * run fails.
 *
 *     startup N COMMAND [ARG...]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct timespec a, b;
	double *ms;
	int i, n, status;
	pid_t pid;

	if (argc < 3 || (n = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: startup N COMMAND [ARG...]\n");
		return 2;
	}
	ms = calloc((size_t)n, sizeof *ms);
	if (!ms)
		return 1;
	for (i = 0; i < n; i++) {
		clock_gettime(CLOCK_MONOTONIC, &a);
		pid = fork();
		if (pid == 0) {
			int out = open("/dev/null", O_WRONLY);

			if (out < 0 || dup2(out, 1) < 0)
				_exit(127);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0 ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "startup: %s failed\n", argv[2]);
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		ms[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 +
		    (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	}
	qsort(ms, (size_t)n, sizeof *ms, cmp);
	printf("%.3f %.3f\n", ms[n / 2], ms[0]);
	free(ms);
	return 0;
}
