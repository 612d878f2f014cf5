/* test_branches.c - branch bias, hints at every threshold, order, summary, legacy. */
#include <math.h>

#include "tests/testutil.h"

#include "analysis/branches.h"

#define assert_near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-12)

/* Sites of f by line (site index = line - 1):
 *   line  taken/not   executions  p      hint
 *    1     9 /  1        10       0.90   likely (exactly 0.90)
 *    2    89 / 11       100       0.89   none
 *    3     1 /  9        10       0.10   unlikely (exactly 0.10)
 *    4    11 / 89       100       0.11   none
 *    5     3 /  7        10       0.30   unpredictable (exactly 0.30)
 *    6     7 /  3        10       0.70   unpredictable (exactly 0.70)
 *    7    29 / 71       100       0.29   none
 *    8    71 / 29       100       0.71   none
 *    9     0 /  0         0       -      none, bias 0
 *   10   270 / 30       300       0.90   likely
 *   11    30 / 270      300       0.10   unlikely
 *   12   150 / 150      300       0.50   unpredictable, bias 0.5 */
static const char sites_json[] =
    "{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}},"
    "\"branches\": {\"sites\": ["
    " {\"function\": \"f\", \"line\": 1, \"taken\": 9, \"not_taken\": 1},"
    " {\"function\": \"f\", \"line\": 2, \"taken\": 89, \"not_taken\": 11},"
    " {\"function\": \"f\", \"line\": 3, \"taken\": 1, \"not_taken\": 9},"
    " {\"function\": \"f\", \"line\": 4, \"taken\": 11, \"not_taken\": 89},"
    " {\"function\": \"f\", \"line\": 5, \"taken\": 3, \"not_taken\": 7},"
    " {\"function\": \"f\", \"line\": 6, \"taken\": 7, \"not_taken\": 3},"
    " {\"function\": \"f\", \"line\": 7, \"taken\": 29, \"not_taken\": 71},"
    " {\"function\": \"f\", \"line\": 8, \"taken\": 71, \"not_taken\": 29},"
    " {\"function\": \"f\", \"line\": 9, \"taken\": 0, \"not_taken\": 0},"
    " {\"function\": \"f\", \"line\": 12, \"taken\": 150, \"not_taken\": 150},"
    " {\"function\": \"f\", \"line\": 11, \"taken\": 30, \"not_taken\": 270},"
    " {\"function\": \"f\", \"line\": 10, \"taken\": 270, \"not_taken\": 30}]}}";

/* The entry of the site at a line. */
static const struct branch_stat *stat_of(const struct profile *p, const struct branches *b,
					 uint32_t line)
{
	uint32_t i;

	for (i = 0; i < b->n; i++)
		if (p->branches.v[b->v[i].site].line == line)
			return &b->v[i];
	fail_msg("no site at line %u", line);
	return NULL;
}

static void test_hint_boundaries(void **state)
{
	struct profile *p = tu_load(sites_json);
	struct branches b;
	static const enum branch_hint want[] = {
	    BRANCH_HINT_LIKELY, BRANCH_HINT_NONE,	   BRANCH_HINT_UNLIKELY,
	    BRANCH_HINT_NONE,	BRANCH_HINT_UNPREDICTABLE, BRANCH_HINT_UNPREDICTABLE,
	    BRANCH_HINT_NONE,	BRANCH_HINT_NONE,	   BRANCH_HINT_NONE,
	    BRANCH_HINT_LIKELY, BRANCH_HINT_UNLIKELY,	   BRANCH_HINT_UNPREDICTABLE,
	};
	uint32_t line;

	(void)state;
	branches_compute(p, NULL, &b);
	assert_int_equal(b.n, 12);
	for (line = 1; line <= 12; line++)
		assert_int_equal(stat_of(p, &b, line)->hint, want[line - 1]);
	/* line 1: p = 9/10 = 0.9, bias 0.9; line 3: p = 0.1, bias 1 - 0.1 = 0.9 */
	assert_near(stat_of(p, &b, 1)->p_taken, 0.9);
	assert_near(stat_of(p, &b, 1)->bias, 0.9);
	assert_near(stat_of(p, &b, 3)->p_taken, 0.1);
	assert_near(stat_of(p, &b, 3)->bias, 0.9);
	/* line 8: p = 0.71, bias 0.71; line 12: 0.5 both ways */
	assert_near(stat_of(p, &b, 8)->bias, 0.71);
	assert_near(stat_of(p, &b, 12)->bias, 0.5);
	/* never executed */
	assert_int_equal(stat_of(p, &b, 9)->executions, 0);
	assert_true(stat_of(p, &b, 9)->bias == 0.0);
	assert_true(stat_of(p, &b, 9)->p_taken == 0.0);
	branches_free(&b);
	profile_free(p);
}

/* Executions descending, ties by site index (= line - 1 here):
 *   300: lines 10, 11, 12 -> sites 9, 10, 11
 *   100: lines 2, 4, 7, 8 -> sites 1, 3, 6, 7
 *    10: lines 1, 3, 5, 6 -> sites 0, 2, 4, 5
 *     0: line 9           -> site 8
 * Summary: executions 3*300 + 4*100 + 4*10 = 1340;
 *   biased (likely, unlikely): 10 + 10 + 300 + 300 = 620, share 620/1340;
 *   unpredictable: 10 + 10 + 300 = 320, share 320/1340. */
static void test_order_and_summary(void **state)
{
	struct profile *p = tu_load(sites_json);
	struct branches b;
	static const uint32_t order[] = {9, 10, 11, 1, 3, 6, 7, 0, 2, 4, 5, 8};
	uint32_t i;

	(void)state;
	branches_compute(p, NULL, &b);
	for (i = 0; i < 12; i++)
		assert_int_equal(b.v[i].site, order[i]);
	assert_int_equal(b.v[0].executions, 300);
	assert_int_equal(b.executions, 1340);
	assert_int_equal(b.biased, 620);
	assert_int_equal(b.unpredictable, 320);
	assert_near(b.biased_share, 620.0 / 1340.0);
	assert_near(b.unpredictable_share, 320.0 / 1340.0);
	assert_false(b.has_legacy);
	branches_free(&b);
	profile_free(p);
}

/* likely 0.80, unlikely 0.20, unpredictable 0.40..0.60:
 *   line 2 (0.89) likely, line 4 (0.11) unlikely, line 5 (0.30) none,
 *   line 12 (0.50) unpredictable, line 7 (0.29) none, line 9 none. */
static void test_custom_thresholds(void **state)
{
	struct profile *p = tu_load(sites_json);
	struct branches_opts o = {
	    .likely = 0.80, .unlikely = 0.20, .unpredictable_lo = 0.40, .unpredictable_hi = 0.60};
	struct branches b;

	(void)state;
	branches_compute(p, &o, &b);
	assert_int_equal(stat_of(p, &b, 2)->hint, BRANCH_HINT_LIKELY);
	assert_int_equal(stat_of(p, &b, 4)->hint, BRANCH_HINT_UNLIKELY);
	assert_int_equal(stat_of(p, &b, 5)->hint, BRANCH_HINT_NONE);
	assert_int_equal(stat_of(p, &b, 7)->hint, BRANCH_HINT_NONE);
	assert_int_equal(stat_of(p, &b, 12)->hint, BRANCH_HINT_UNPREDICTABLE);
	assert_int_equal(stat_of(p, &b, 9)->hint, BRANCH_HINT_NONE);
	branches_free(&b);
	/* the documented defaults */
	o = branches_opts_default();
	assert_near(o.likely, 0.90);
	assert_near(o.unlikely, 0.10);
	assert_near(o.unpredictable_lo, 0.30);
	assert_near(o.unpredictable_hi, 0.70);
	{
		static const struct branches_opts init = BRANCHES_OPTS_DEFAULT;

		assert_memory_equal(&init, &o, sizeof(o));
	}
	/* the classifier alone, default options: 0.9 and 0.1 exactly at scale */
	assert_int_equal(branches_classify(900000, 100000, NULL), BRANCH_HINT_LIKELY);
	assert_int_equal(branches_classify(899999, 100001, NULL), BRANCH_HINT_NONE);
	assert_int_equal(branches_classify(100000, 900000, NULL), BRANCH_HINT_UNLIKELY);
	assert_int_equal(branches_classify(0, 0, NULL), BRANCH_HINT_NONE);
	assert_int_equal(branches_classify(0, 5, NULL), BRANCH_HINT_UNLIKELY);
	assert_int_equal(branches_classify(5, 0, NULL), BRANCH_HINT_LIKELY);
	/* huge counts do not overflow: p = 1/2 */
	assert_int_equal(branches_classify(UINT64_MAX, UINT64_MAX, NULL),
			 BRANCH_HINT_UNPREDICTABLE);
	profile_free(p);
}

/* The seed format: no sites, only aggregate percentages 91.3 / 8.7. */
static void test_legacy_and_names(void **state)
{
	struct profile *p = tu_load("{\"functions\": {\"add\": {\"calls\": 1, \"time_ns\": 1}},"
				    " \"branches\": {\"taken\": 91.3, \"not_taken\": 8.7}}");
	struct branches b;

	(void)state;
	branches_compute(p, NULL, &b);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.executions, 0);
	assert_true(b.biased_share == 0.0);
	assert_true(b.unpredictable_share == 0.0);
	assert_true(b.has_legacy);
	assert_near(b.legacy_taken, 91.3);
	assert_near(b.legacy_not_taken, 8.7);
	branches_free(&b);
	profile_free(p);
	assert_string_equal(branches_hint_name(BRANCH_HINT_NONE), "none");
	assert_string_equal(branches_hint_name(BRANCH_HINT_LIKELY), "likely");
	assert_string_equal(branches_hint_name(BRANCH_HINT_UNLIKELY), "unlikely");
	assert_string_equal(branches_hint_name(BRANCH_HINT_UNPREDICTABLE), "unpredictable");
	assert_string_equal(branches_hint_name(BRANCH_HINT_COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hint_boundaries),
	    cmocka_unit_test(test_order_and_summary),
	    cmocka_unit_test(test_custom_thresholds),
	    cmocka_unit_test(test_legacy_and_names),
	};

	return cmocka_run_group_tests_name("branches", tests, NULL, NULL);
}
