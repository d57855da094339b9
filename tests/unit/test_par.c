/*
 * test_par.c: lines evaluated in worker threads, handed on in input
 * order, read as a batch reads them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "par.h"

/* What the test job collects: each emitted line, "LINENO STATUS OUT|MSG"
 * a line, and how many workers it made and freed. */
struct ctx {
	struct ais_buf got;
	long emitted;
	long stop_at;		/* emit returns AIS_EIO at this line handed
				 * on (counted from 1), or 0 */
	int delay;		/* eval sleeps a random while */
	int fail_worker;	/* worker_new fails */
	int made, freed;	/* atomics not needed: the calling thread */
};

struct wk {
	unsigned seed;
	int delay;
};

static void *
worker_new(void *arg)
{
	struct ctx *c = arg;
	struct wk *w;

	if (c->fail_worker)
		return NULL;
	w = calloc(1, sizeof *w);
	assert_non_null(w);
	w->seed = (unsigned)++c->made;
	w->delay = c->delay;
	return w;
}

static void
worker_free(void *w)
{
	free(w);
}

static int
eval(void *worker, long lineno, const char *text, size_t len,
	struct ais_buf *out, struct ais_buf *msg)
{
	struct wk *w = worker;

	if (w->delay) {
		/* a random pause of up to 200 us */
		struct timespec ts = {0, 0};

		w->seed = w->seed * 1103515245u + 12345u;
		ts.tv_nsec = (long)((w->seed >> 8) % 200) * 1000;
		nanosleep(&ts, NULL);
	}
	ais_buf_addf(out, "[%.*s]", (int)len, text);
	if (len && text[0] == 'w')
		ais_buf_addf(msg, "warn %ld;", lineno);
	if (len == 3 && memcmp(text, "oom", 3) == 0) {
		ais_buf_adds(out, "lost");
		ais_oom();	/* as an allocator that fails does */
	}
	return len && text[0] == 'x' ? AIS_EPROFILE : AIS_OK;
}

static int
emit(void *arg, long lineno, int status, const char *out, size_t outlen,
	const char *msg, size_t msglen)
{
	struct ctx *c = arg;

	c->emitted++;
	ais_buf_addf(&c->got, "%ld %d %.*s|%.*s\n", lineno, status,
	    (int)outlen, out, (int)msglen, msg);
	if (c->stop_at && c->emitted == c->stop_at)
		return AIS_EIO;
	return 0;
}

/* Runs the job over text with jobs threads; its status. */
static int
run(struct ctx *c, const char *text, size_t n, int jobs)
{
	struct ais_par_job job = {c, worker_new, worker_free, eval, emit};
	FILE *in = fmemopen((void *)text, n, "rb");
	int rc;

	assert_non_null(in);
	ais_buf_init(&c->got);
	c->emitted = 0;
	rc = ais_par_run(&job, in, "test", jobs, NULL);
	fclose(in);
	return rc;
}

/* n lines "p0".."p(n-1)", every 7th blank, every 5th with a CR, every
 * 11th a warning, every 13th rejected. */
static char *
population(size_t n, size_t *len)
{
	struct ais_buf b = AIS_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i % 7 == 3)
			ais_buf_adds(&b, i % 2 ? "   \t\n" : "\n");
		ais_buf_addf(&b, "%s%zu%s\n", i % 13 == 4 ? "x" :
		    i % 11 == 2 ? "w" : "p", i, i % 5 == 1 ? "\r" : "");
	}
	*len = b.len;
	return ais_buf_detach(&b);
}

static void
lines_should_come_out_in_input_order_with_any_number_of_jobs(void **state)
{
	struct ctx c;
	size_t len;
	char *text = population(3000, &len);
	char *first = NULL;
	int jobs;

	(void)state;
	for (jobs = 1; jobs <= 4; jobs++) {
		memset(&c, 0, sizeof c);
		assert_int_equal(run(&c, text, len, jobs), AIS_OK);
		assert_int_equal(c.emitted, 3000);
		assert_int_equal(c.made, jobs);	/* one state a worker */
		if (!first)
			first = ais_buf_detach(&c.got);
		else {
			assert_string_equal(c.got.p, first);
			ais_buf_release(&c.got);
		}
	}
	/* the first lines as they should be: CR and blank lines gone */
	assert_memory_equal(first, "1 0 [p0]|\n2 0 [p1]|\n3 0 [w2]|warn 3;\n"
	    "5 0 [p3]|\n6 1 [x4]|\n", 45);
	free(first);
	free(text);
}

static void
order_should_hold_when_evaluation_takes_random_time(void **state)
{
	struct ais_par_job job;
	struct ctx c;
	size_t len;
	char *text = population(1200, &len), *one;
	FILE *in;
	int jobs;

	(void)state;
	memset(&c, 0, sizeof c);
	assert_int_equal(run(&c, text, len, 1), AIS_OK);
	one = ais_buf_detach(&c.got);
	for (jobs = 2; jobs <= 4; jobs++) {
		memset(&c, 0, sizeof c);
		c.delay = 1;
		job = (struct ais_par_job){&c, worker_new, worker_free, eval,
		    emit};
		in = fmemopen(text, len, "rb");
		ais_buf_init(&c.got);
		assert_int_equal(ais_par_run(&job, in, "t", jobs, NULL), AIS_OK);
		fclose(in);
		assert_string_equal(c.got.p, one);
		ais_buf_release(&c.got);
	}
	free(one);
	free(text);
}

static void
a_status_from_emit_should_end_the_run(void **state)
{
	struct ctx c;
	size_t len;
	char *text = population(5000, &len);
	int jobs;

	(void)state;
	for (jobs = 1; jobs <= 4; jobs++) {
		memset(&c, 0, sizeof c);
		c.stop_at = 100;
		assert_int_equal(run(&c, text, len, jobs), AIS_EIO);
		/* none after the 100th */
		assert_int_equal(c.emitted, 100);
		ais_buf_release(&c.got);
	}
	free(text);
}

static void
a_byte_order_mark_a_last_line_and_empty_input_should_be_read(void **state)
{
	static const char bom[] = "\xef\xbb\xbf" "a\r\n\n  \n\xef\xbb\xbf" "b\r\r\nc";
	struct ctx c;
	int jobs;

	(void)state;
	for (jobs = 1; jobs <= 3; jobs++) {
		memset(&c, 0, sizeof c);
		assert_int_equal(run(&c, bom, sizeof bom - 1, jobs), AIS_OK);
		/* the mark only before the first line */
		assert_string_equal(c.got.p, "1 0 [a]|\n4 0 [\xef\xbb\xbf" "b]|\n"
		    "5 0 [c]|\n");
		ais_buf_release(&c.got);
		memset(&c, 0, sizeof c);
		assert_int_equal(run(&c, "\n\n", 2, jobs), AIS_OK);
		assert_int_equal(c.emitted, 0);
		ais_buf_release(&c.got);
	}
}

static void
memory_running_out_in_a_worker_should_fail_that_line_only(void **state)
{
	static const char text[] = "a\noom\nb\n";
	struct ctx c;
	int jobs;

	(void)state;
	for (jobs = 1; jobs <= 3; jobs++) {
		memset(&c, 0, sizeof c);
		assert_int_equal(run(&c, text, sizeof text - 1, jobs), AIS_OK);
		/* the line's bytes cut back, AIS_ENOMEM for it */
		assert_string_equal(c.got.p, "1 0 [a]|\n2 5 |\n3 0 [b]|\n");
		ais_buf_release(&c.got);
	}
}

static void
a_worker_state_that_cannot_be_made_should_end_the_run(void **state)
{
	struct ctx c;
	int jobs;

	(void)state;
	for (jobs = 1; jobs <= 3; jobs++) {
		memset(&c, 0, sizeof c);
		c.fail_worker = 1;
		assert_int_equal(run(&c, "a\n", 2, jobs), AIS_ENOMEM);
		assert_int_equal(c.emitted, 0);
		ais_buf_release(&c.got);
	}
}

static void
jobs_of_zero_or_too_many_should_still_run(void **state)
{
	struct ctx c;

	(void)state;
	memset(&c, 0, sizeof c);
	assert_int_equal(run(&c, "a\nb\n", 4, 0), AIS_OK);
	assert_string_equal(c.got.p, "1 0 [a]|\n2 0 [b]|\n");
	ais_buf_release(&c.got);
	memset(&c, 0, sizeof c);
	assert_int_equal(run(&c, "a\nb\n", 4, 100000), AIS_OK);
	assert_string_equal(c.got.p, "1 0 [a]|\n2 0 [b]|\n");
	ais_buf_release(&c.got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    lines_should_come_out_in_input_order_with_any_number_of_jobs),
		cmocka_unit_test(
		    order_should_hold_when_evaluation_takes_random_time),
		cmocka_unit_test(a_status_from_emit_should_end_the_run),
		cmocka_unit_test(
		    a_byte_order_mark_a_last_line_and_empty_input_should_be_read),
		cmocka_unit_test(
		    memory_running_out_in_a_worker_should_fail_that_line_only),
		cmocka_unit_test(
		    a_worker_state_that_cannot_be_made_should_end_the_run),
		cmocka_unit_test(jobs_of_zero_or_too_many_should_still_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
