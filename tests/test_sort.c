/* test_sort.c - sort_kv: ascending keys, equal keys kept in their order,
 * every digit of the 64 bits, against an insertion sort. */
#include "tests/testutil.h"

#include "src/base/sort.h"

static void test_small(void **state)
{
	struct sort_kv one = {7, 0};
	/* positions 0..4; the 5s and the 3s keep their order */
	struct sort_kv kv[] = {{5, 0}, {3, 1}, {5, 2}, {3, 3}, {5, 4}};
	static const uint32_t want[] = {1, 3, 0, 2, 4};
	uint32_t i;

	(void)state;
	sort_kv(NULL, 0);
	sort_kv(&one, 1);
	assert_int_equal(one.key, 7);
	sort_kv(kv, 5);
	for (i = 0; i < 5; i++)
		assert_int_equal(kv[i].pos, want[i]);
}

/* Keys that differ only in the top bits, only in the bottom ones, or in
 * the one digit between: 0 < 1 < 2^11 < 2^40 < 2^63 < 2^63 + 1 < 2^64 - 1. */
static void test_all_digits(void **state)
{
	struct sort_kv kv[] = {
	    {UINT64_MAX, 0},	    {(uint64_t)1 << 63, 1},	  {1, 2},
	    {(uint64_t)1 << 40, 3}, {((uint64_t)1 << 63) + 1, 4}, {0, 5},
	    {(uint64_t)1 << 11, 6},
	};
	static const uint32_t want[] = {5, 2, 6, 3, 1, 4, 0};
	uint32_t i;

	(void)state;
	sort_kv(kv, 7);
	for (i = 0; i < 7; i++)
		assert_int_equal(kv[i].pos, want[i]);
}

/* 5,000 keys of 40 values spread over all 64 bits, against a stable
 * insertion sort. */
static void test_against_insertion_sort(void **state)
{
	enum { N = 5000 };
	struct sort_kv *kv = xmalloc(N * sizeof(*kv)), *ref = xmalloc(N * sizeof(*ref)), t;
	uint64_t x = 88172645463325252u;
	uint32_t i, j;

	(void)state;
	for (i = 0; i < N; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
		kv[i] = ref[i] = (struct sort_kv){(x % 40) * 0x0123456789abcdefu, i};
	}
	for (i = 1; i < N; i++)
		for (j = i, t = ref[i]; j > 0 && ref[j - 1].key > t.key; j--)
			ref[j] = ref[j - 1], ref[j - 1] = t;
	sort_kv(kv, N);
	for (i = 0; i < N; i++) {
		assert_true(kv[i].key == ref[i].key);
		assert_int_equal(kv[i].pos, ref[i].pos);
	}
	free(kv);
	free(ref);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_small),
	    cmocka_unit_test(test_all_digits),
	    cmocka_unit_test(test_against_insertion_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
