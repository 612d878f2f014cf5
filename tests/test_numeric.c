/* test_numeric.c - the saturating arithmetic and ranks of src/base/numeric.h
 * and the key sorts of src/base/sort.h. */
#include "tests/testutil.h"

#include <math.h>

#include "src/base/numeric.h"
#include "src/base/sort.h"

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

struct keyed {
	uint64_t key;
	uint32_t tag;
};

static uint64_t keyed_key(const void *a)
{
	return ((const struct keyed *)a)->key;
}

/* Largest key first, equal keys in their first order; keys that differ
 * only in their high digits (2^40 apart), 0 and UINT64_MAX. */
static void test_sort_desc_stable(void **state)
{
	struct keyed v[] = {{5, 0},	     {1ULL << 40, 1},	    {5, 2}, {0, 3},
			    {UINT64_MAX, 4}, {(1ULL << 40) + 5, 5}, {5, 6}, {0, 7}};
	static const uint32_t want[] = {4, 5, 1, 0, 2, 6, 3, 7};
	struct keyed one = {3, 9};
	size_t i;

	(void)state;
	sort_desc_u64(v, 8, sizeof(v[0]), keyed_key);
	for (i = 0; i < 8; i++)
		assert_int_equal(v[i].tag, want[i]);
	sort_desc_u64(&one, 1, sizeof(one), keyed_key); /* one, or none: nothing to do */
	sort_desc_u64(NULL, 0, sizeof(one), keyed_key);
	assert_int_equal(one.tag, 9);
}

/* Ranks of doubles order them as cmp_double does, -0 and 0 tied. */
static void test_rank_double(void **state)
{
	static const double v[] = {-INFINITY, -1e300, -2.5, -1,	 -0x1p-1074, -0.0,    0.0,
				   0x1p-1074, 1e-9,   1,    2.5, 1e300,	     INFINITY};
	size_t i, j, n = sizeof(v) / sizeof(v[0]);

	(void)state;
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			assert_int_equal(cmp_u64(u64_rank_double(v[i]), u64_rank_double(v[j])),
					 cmp_double(v[i], v[j]));
	assert_true(u64_rank_double(-0.0) == u64_rank_double(0.0));
	assert_true(u64_rank_double(NAN) > u64_rank_double(INFINITY));
}

/* radix_sort: by key, equal keys in their order, keys that differ only in
 * high digits, in low ones, and all equal. */
static void test_radix_sort(void **state)
{
	struct radix_kv a[1000], tmp[1000];
	uint32_t i, n = 1000;
	uint64_t x = 88172645463325252u;

	(void)state;
	for (i = 0; i < n; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift */
		a[i] = (struct radix_kv){i % 3 == 0 ? x : i % 3 == 1 ? x % 50 : x << 40 >> 40, i};
	}
	radix_sort(a, tmp, n);
	for (i = 1; i < n; i++)
		assert_true(a[i - 1].key < a[i].key ||
			    (a[i - 1].key == a[i].key && a[i - 1].val < a[i].val));
	for (i = 0; i < n; i++)
		a[i] = (struct radix_kv){i % 4 == 0 ? UINT64_MAX : 7, n - i};
	radix_sort(a, tmp, n);
	assert_true(a[0].key == 7 && a[0].val == n - 1 && a[1].val == n - 2);
	assert_true(a[750].key == UINT64_MAX && a[750].val == n && a[751].val == n - 4);
	for (i = 0; i < n; i++)
		a[i] = (struct radix_kv){5, i};
	radix_sort(a, tmp, n);
	for (i = 0; i < n; i++)
		assert_int_equal(a[i].val, i);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_sat),	     cmocka_unit_test(test_add_sat),
	    cmocka_unit_test(test_sort_desc_stable), cmocka_unit_test(test_rank_double),
	    cmocka_unit_test(test_radix_sort),
	};

	return cmocka_run_group_tests_name("numeric", tests, NULL, NULL);
}
