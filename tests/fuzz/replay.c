/*
 * replay: runs a libFuzzer target's LLVMFuzzerTestOneInput on files,
 * without libFuzzer, so that the inputs of tests/fuzz/regress/ (and any
 * corpus) are replayed by any compiler and in any build (make
 * fuzz-regress).  Arguments are files, or directories whose files are all
 * replayed; each name is printed before it runs, so that the last line
 * names the input of a crash.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
replay_file(const char *path, int quiet)
{
	struct ais_error err;
	char *data;
	size_t len;

	memset(&err, 0, sizeof err);
	if (ais_read_file(path, &data, &len, 1, &err) < 0) {
		fprintf(stderr, "replay: %s\n", err.msg);
		return -1;
	}
	if (!quiet) {
		fprintf(stderr, "replay: %s\n", path);
		fflush(stderr);
	}
	/* the exact bytes, in their own allocation, as libFuzzer gives them */
	{
		uint8_t *copy = ais_xmalloc(len ? len : 1);

		memcpy(copy, data, len);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
	}
	free(data);
	return 0;
}

static int
replay_dir(const char *dir, int quiet, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;
	int rc = 0;

	if (!d) {
		fprintf(stderr, "replay: unable to open '%s'\n", dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		struct ais_buf p = AIS_BUF_INIT;

		if (e->d_name[0] == '.')
			continue;
		ais_buf_addf(&p, "%s%s%s", dir, dir[0] &&
		    dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		names = ais_xrealloc(names, sizeof *names * (n + 1));
		names[n++] = ais_buf_detach(&p);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++) {
		struct stat st;

		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(names[i], quiet) < 0)
				rc = -1;
			(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	size_t count = 0;
	int i, rc = 0, quiet = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;

		if (strcmp(argv[i], "-q") == 0) {
			quiet = 1;
			continue;
		}
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], quiet, &count) < 0)
				rc = 1;
		} else {
			if (replay_file(argv[i], quiet) < 0)
				rc = 1;
			count++;
		}
	}
	printf("%s: %zu inputs replayed\n", argv[0], count);
	return rc;
}
