/* test_numeric.c - the saturating arithmetic of src/base/numeric.h. */
#include "tests/testutil.h"

#include <math.h>

#include "src/base/numeric.h"

/* u64_round_sat: nearest, 0 below, UINT64_MAX from 2^64 (issue 12, item 8) */
static void test_round_sat(void **state)
{
	(void)state;
	assert_int_equal(u64_round_sat(0), 0);
	assert_int_equal(u64_round_sat(0.49), 0);
	assert_int_equal(u64_round_sat(0.5), 1);
	assert_int_equal(u64_round_sat(2.5), 3);
	assert_int_equal(u64_round_sat(-7), 0);
	assert_int_equal(u64_round_sat(NAN), 0);
	assert_int_equal(u64_round_sat(-INFINITY), 0);
	assert_true(u64_round_sat(INFINITY) == UINT64_MAX);
	/* (double)UINT64_MAX is 2^64: a cast would be undefined behaviour */
	assert_true(u64_round_sat((double)UINT64_MAX) == UINT64_MAX);
	assert_true(u64_round_sat(0x1p70) == UINT64_MAX);
	/* the largest double below 2^64 is exact: 2^64 - 2^11 */
	assert_true(u64_round_sat(0x1p64 - 0x1p11) == UINT64_MAX - 2047);
	assert_true(u64_round_sat(0x1p53) == (uint64_t)1 << 53);
}

static void test_add_sat(void **state)
{
	(void)state;
	assert_true(add_sat_u64(UINT64_MAX - 1, 1) == UINT64_MAX);
	assert_true(add_sat_u64(UINT64_MAX, UINT64_MAX) == UINT64_MAX);
	assert_int_equal(add_sat_u64(2, 3), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_sat),
	    cmocka_unit_test(test_add_sat),
	};

	return cmocka_run_group_tests_name("numeric", tests, NULL, NULL);
}
