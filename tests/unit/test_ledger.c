/*
 * test_ledger.c: reading prior_awards[] (src/ledger.c): which awards are
 * a program's, which count against a cap per year or cumulative on a
 * claim date, and which names a contract.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ledger.h"
#include "profile.h"
#include "rules.h"

/* Four awards: two of the voucher (2024 and 2025), one of another
 * program naming the same contract, one of the voucher after the claim
 * date. */
static const char PROFILE[] =
	"{\"kind\":\"enterprise\",\"prior_awards\":["
	"{\"id\":\"pa-0\",\"program\":\"c.voucher\",\"date\":\"2024-12-31\","
	"\"amount\":100000,\"contract\":\"C-0\"},"
	"{\"id\":\"pa-1\",\"program\":\"c.voucher\",\"date\":\"2025-01-01\","
	"\"amount\":400000.25,\"contract\":\"C-1\"},"
	"{\"id\":\"pa-2\",\"program\":\"c.other\",\"date\":\"2025-02-01\","
	"\"amount\":5,\"contract\":\"C-2\"},"
	"{\"program\":\"c.voucher\",\"date\":\"2025-07-01\","
	"\"amount\":7,\"contract\":\"C-2\"}]}";

/* The built-in rules, for their profile contract. */
static struct ais_rules *R;

static int
setup(void **state)
{
	static struct ais_profile p;
	struct ais_error err;

	ais_profile_init(&p);
	if (ais_profile_read(&p, R, PROFILE, strlen(PROFILE), &err) < 0) {
		print_message("%s: %s\n", err.path, err.msg);
		return -1;
	}
	*state = &p;
	return 0;
}

static int
teardown(void **state)
{
	ais_profile_release(*state);
	return 0;
}

static ais_date
day(int y, int m, int d)
{
	return ais_date_from_ymd(y, m, d);
}

static void
prior_awards_should_read_each_entry_in_fen(void **state)
{
	struct ais_profile *p = *state;
	const struct ais_list *l = ais_prior_awards(&p->root);
	struct ais_prior_award a;

	assert_non_null(l);
	assert_int_equal(l->n, 4);
	assert_int_equal(ais_prior_award_read(&l->items[1], &a), 0);
	assert_ptr_equal(a.entry, &l->items[1]);
	assert_int_equal(a.amount, 40000025);
	assert_int_equal(a.date, day(2025, 1, 1));
	assert_true(ais_prior_award_of(&a, "c.voucher"));
	assert_false(ais_prior_award_of(&a, "c.vouche"));
	assert_false(ais_prior_award_of(&a, "c.voucher2"));
	assert_false(ais_prior_award_of(&a, NULL));
	assert_int_equal(a.contract_len, 3);
	assert_memory_equal(a.contract, "C-1", 3);
	assert_null(ais_prior_awards(NULL));
	assert_int_equal(ais_prior_award_read(NULL, &a), -1);
}

static void
prior_awards_should_be_empty_when_the_profile_gives_none(void **state)
{
	static const char ONE[] = "{\"kind\":\"enterprise\"}";
	struct ais_profile q;
	struct ais_error err;
	const struct ais_list *l;

	(void)state;
	ais_profile_init(&q);
	assert_int_equal(ais_profile_read(&q, R, ONE, strlen(ONE), &err), 0);
	l = ais_prior_awards(&q.root);
	assert_non_null(l);
	assert_int_equal(l->n, 0);
	ais_profile_release(&q);
}

static void
an_annual_cap_should_count_the_year_of_the_claim_only(void **state)
{
	struct ais_profile *p = *state;
	const struct ais_list *l = ais_prior_awards(&p->root);
	struct ais_prior_award y2024, y2025, later;
	ais_date claim = day(2025, 6, 30);

	ais_prior_award_read(&l->items[0], &y2024);
	ais_prior_award_read(&l->items[1], &y2025);
	ais_prior_award_read(&l->items[3], &later);
	assert_int_equal(ais_prior_award_counts(&y2024, AIS_PER_YEAR, claim),
	    AIS_PRIOR_OTHER_YEAR);
	assert_int_equal(ais_prior_award_counts(&y2025, AIS_PER_YEAR, claim),
	    AIS_PRIOR_COUNTED);
	assert_int_equal(ais_prior_award_counts(&later, AIS_PER_YEAR, claim),
	    AIS_PRIOR_AFTER_AS_OF);
	/* an award of the claim date itself counts */
	assert_int_equal(ais_prior_award_counts(&later, AIS_PER_YEAR,
	    day(2025, 7, 1)), AIS_PRIOR_COUNTED);
	/* the last day of the year before is another year */
	assert_int_equal(ais_prior_award_counts(&y2024, AIS_PER_YEAR,
	    day(2025, 1, 1)), AIS_PRIOR_OTHER_YEAR);
	assert_int_equal(ais_prior_award_counts(&y2025, AIS_PER_YEAR,
	    day(2024, 12, 31)), AIS_PRIOR_AFTER_AS_OF);
}

static void
a_cumulative_cap_should_count_every_year_up_to_the_claim(void **state)
{
	struct ais_profile *p = *state;
	const struct ais_list *l = ais_prior_awards(&p->root);
	struct ais_prior_award y2024, later;
	ais_date claim = day(2025, 6, 30);

	ais_prior_award_read(&l->items[0], &y2024);
	ais_prior_award_read(&l->items[3], &later);
	assert_int_equal(ais_prior_award_counts(&y2024, AIS_PER_CUMULATIVE,
	    claim), AIS_PRIOR_COUNTED);
	assert_int_equal(ais_prior_award_counts(&later, AIS_PER_CUMULATIVE,
	    claim), AIS_PRIOR_AFTER_AS_OF);
}

static void
a_contract_should_be_found_among_the_programs_own_awards(void **state)
{
	struct ais_profile *p = *state;
	const struct ais_list *l = ais_prior_awards(&p->root);
	const struct ais_value *later = &l->items[0];
	ais_date claim = day(2025, 6, 30);

	assert_ptr_equal(ais_prior_award_for_contract(&p->root, "c.voucher",
	    claim, "C-1", 3, &later), &l->items[1]);
	assert_null(later);
	/* C-2 is the other program's, and the voucher's only after the
	 * claim date */
	assert_null(ais_prior_award_for_contract(&p->root, "c.voucher", claim,
	    "C-2", 3, &later));
	assert_ptr_equal(later, &l->items[3]);
	assert_ptr_equal(ais_prior_award_for_contract(&p->root, "c.other",
	    claim, "C-2", 3, &later), &l->items[2]);
	assert_null(ais_prior_award_for_contract(&p->root, "c.voucher", claim,
	    "C-", 2, &later));
	assert_null(later);
	assert_ptr_equal(ais_prior_award_for_contract(&p->root, "c.voucher",
	    claim, "C-1", 3, NULL), &l->items[1]);
	assert_null(ais_prior_award_for_contract(NULL, "c.voucher", claim,
	    "C-1", 3, &later));
	assert_null(ais_prior_award_for_contract(&p->root, NULL, claim,
	    "C-1", 3, &later));
	assert_string_equal(ais_cap_per_names[AIS_PER_CUMULATIVE],
	    "cumulative");
	assert_string_equal(ais_prior_why_names[AIS_PRIOR_AFTER_AS_OF],
	    "after_as_of");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(prior_awards_should_read_each_entry_in_fen, setup, teardown),
		cmocka_unit_test(prior_awards_should_be_empty_when_the_profile_gives_none),
		cmocka_unit_test_setup_teardown(an_annual_cap_should_count_the_year_of_the_claim_only, setup, teardown),
		cmocka_unit_test_setup_teardown(a_cumulative_cap_should_count_every_year_up_to_the_claim, setup, teardown),
		cmocka_unit_test_setup_teardown(a_contract_should_be_found_among_the_programs_own_awards, setup, teardown),
	};

	struct ais_error err;
	int failed;

	if ((R = ais_rules_load_builtin(&err)) == NULL) {
		fprintf(stderr, "the built-in rules did not load: %s\n", err.msg);
		return 1;
	}
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	ais_rules_free(R);
	return failed;
}
