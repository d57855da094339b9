/*
 * run: runs a command with standard input from a file (or its own standard
 * input, for "-") and standard output to /dev/null, and prints its wall
 * time in seconds and its peak resident memory in KiB (from wait4), as
 * "SECONDS KIB".  Exits with the command's status.
 *
 *     run INPUT COMMAND [ARG...]
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec a, b;
	struct rusage ru;
	int status, in, out;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: run INPUT COMMAND [ARG...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid == 0) {
		in = argv[1][0] == '-' && !argv[1][1] ? 0 :
		    open(argv[1], O_RDONLY);
		out = open("/dev/null", O_WRONLY);
		if (in < 0 || out < 0 || (in != 0 && dup2(in, 0) < 0) ||
		    dup2(out, 1) < 0)
			_exit(127);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
		perror("run");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%ld.%06ld %ld\n", (long)(b.tv_sec - a.tv_sec) -
	    (b.tv_nsec < a.tv_nsec), (long)((b.tv_nsec - a.tv_nsec +
	    1000000000L) % 1000000000L) / 1000, ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
