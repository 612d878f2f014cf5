/* test_loops.c - trip counts, unroll/vectorize boundaries, time shares, order, legacy. */
#include <math.h>

#include "tests/testutil.h"

#include "analysis/loops.h"

#define assert_near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-12)

/* f has time 1000 and no edges: total self 1000. Sites by line (index =
 * line - 1):
 *   line entries iterations avg    time     hint       share
 *    1      0        5       0     -        none       -1 (no time)
 *    2     10       80       8     500      unroll     500/1000 = 0.5
 *    3     10       81       8.1   250      none       0.25
 *    4     10      640      64     250      vectorize  0.25
 *    5     10      639      63.9   -        none       -1
 *    6      4        0       0     0        none       0
 *    7      1        1       1     -        unroll     -1 */
static const char loops_json[] =
    "{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1000}},"
    "\"loops\": {\"sites\": ["
    " {\"function\": \"f\", \"line\": 7, \"entries\": 1, \"iterations\": 1},"
    " {\"function\": \"f\", \"line\": 1, \"entries\": 0, \"iterations\": 5},"
    " {\"function\": \"f\", \"line\": 2, \"entries\": 10, \"iterations\": 80, \"time_ns\": 500},"
    " {\"function\": \"f\", \"line\": 3, \"entries\": 10, \"iterations\": 81, \"time_ns\": 250},"
    " {\"function\": \"f\", \"line\": 4, \"entries\": 10, \"iterations\": 640, "
    "\"time_ns\": 250},"
    " {\"function\": \"f\", \"line\": 5, \"entries\": 10, \"iterations\": 639},"
    " {\"function\": \"f\", \"line\": 6, \"entries\": 4, \"iterations\": 0, \"time_ns\": 0}]}}";

static const struct loop_stat *stat_of(const struct profile *p, const struct loops *l,
				       uint32_t line)
{
	uint32_t i;

	for (i = 0; i < l->n; i++)
		if (p->loops.v[l->v[i].site].line == line)
			return &l->v[i];
	fail_msg("no loop at line %u", line);
	return NULL;
}

static void test_hints_and_shares(void **state)
{
	struct profile *p = tu_load(loops_json);
	struct loops l;
	static const enum loop_hint want[] = {LOOP_HINT_NONE,	   LOOP_HINT_UNROLL, LOOP_HINT_NONE,
					      LOOP_HINT_VECTORIZE, LOOP_HINT_NONE,   LOOP_HINT_NONE,
					      LOOP_HINT_UNROLL};
	static const double share[] = {-1, 0.5, 0.25, 0.25, -1, 0, -1};
	static const double avg[] = {0, 8, 8.1, 64, 63.9, 0, 1};
	uint32_t line;

	(void)state;
	loops_compute(p, NULL, &l);
	assert_int_equal(l.n, 7);
	assert_int_equal(l.total, 1000);
	for (line = 1; line <= 7; line++) {
		const struct loop_stat *s = stat_of(p, &l, line);

		assert_int_equal(s->hint, want[line - 1]);
		assert_near(s->time_share, share[line - 1]);
		assert_near(s->avg_trip, avg[line - 1]);
		assert_int_equal(s->has_time, share[line - 1] >= 0);
	}
	assert_int_equal(stat_of(p, &l, 4)->iterations, 640);
	assert_int_equal(stat_of(p, &l, 4)->entries, 10);
	assert_int_equal(stat_of(p, &l, 2)->time_ns, 500);
	loops_free(&l);
	assert_null(l.v);
	profile_free(p);
}

/* Order: time descending, iterations descending, site index:
 *   line 2 (500), line 4 (250, 640 it.), line 3 (250, 81 it.),
 *   then time 0 or none, by iterations: line 5 (639), line 1 (5),
 *   line 7 (1), line 6 (0).
 * Site indices (line - 1): 1, 3, 2, 4, 0, 6, 5. */
static void test_order(void **state)
{
	struct profile *p = tu_load(loops_json);
	struct loops l;
	static const uint32_t order[] = {1, 3, 2, 4, 0, 6, 5};
	uint32_t i;

	(void)state;
	loops_compute(p, NULL, &l);
	for (i = 0; i < 7; i++)
		assert_int_equal(l.v[i].site, order[i]);
	loops_free(&l);
	profile_free(p);
}

/* unroll_max 4, vectorize_min 8: avg 8 -> vectorize, 8.1 -> vectorize,
 * 1 -> unroll, 0 -> none; the classifier alone at the default bounds. */
static void test_custom_thresholds(void **state)
{
	struct profile *p = tu_load(loops_json);
	struct loops_opts o = {.unroll_max = 4, .vectorize_min = 8};
	struct loops l;

	(void)state;
	loops_compute(p, &o, &l);
	assert_int_equal(stat_of(p, &l, 2)->hint, LOOP_HINT_VECTORIZE);
	assert_int_equal(stat_of(p, &l, 3)->hint, LOOP_HINT_VECTORIZE);
	assert_int_equal(stat_of(p, &l, 7)->hint, LOOP_HINT_UNROLL);
	assert_int_equal(stat_of(p, &l, 1)->hint, LOOP_HINT_NONE);
	loops_free(&l);
	profile_free(p);
	o = loops_opts_default();
	assert_near(o.unroll_max, 8);
	assert_near(o.vectorize_min, 64);
	{
		static const struct loops_opts init = LOOPS_OPTS_DEFAULT;

		assert_memory_equal(&init, &o, sizeof(o));
	}
	assert_int_equal(loops_classify(8.0, NULL), LOOP_HINT_UNROLL);
	assert_int_equal(loops_classify(8.0000001, NULL), LOOP_HINT_NONE);
	assert_int_equal(loops_classify(63.9999999, NULL), LOOP_HINT_NONE);
	assert_int_equal(loops_classify(64.0, NULL), LOOP_HINT_VECTORIZE);
	assert_int_equal(loops_classify(0.0, NULL), LOOP_HINT_NONE);
	assert_int_equal(loops_classify(0.5, NULL), LOOP_HINT_UNROLL);
	assert_string_equal(loops_hint_name(LOOP_HINT_UNROLL), "unroll");
	assert_string_equal(loops_hint_name(LOOP_HINT_VECTORIZE), "vectorize");
	assert_string_equal(loops_hint_name(LOOP_HINT_NONE), "none");
	assert_string_equal(loops_hint_name(LOOP_HINT_COUNT), "");
}

/* A zero total: a timed site has share 0, not NaN or infinity. The seed
 * format has no sites; its "loops.hot" names stay in profile->legacy_hot. */
static void test_zero_total_and_legacy(void **state)
{
	struct profile *p = tu_load("{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 0}},"
				    " \"loops\": {\"sites\": [{\"function\": \"f\", \"line\": 1,"
				    " \"entries\": 2, \"iterations\": 6, \"time_ns\": 5}]}}");
	struct loops l;

	(void)state;
	loops_compute(p, NULL, &l);
	assert_int_equal(l.total, 0);
	assert_true(l.v[0].has_time);
	assert_true(l.v[0].time_share == 0.0);
	assert_near(l.v[0].avg_trip, 3.0); /* 6 / 2 */
	loops_free(&l);
	profile_free(p);

	p = tu_load("{\"functions\": {\"add\": {\"calls\": 1, \"time_ns\": 1}},"
		    " \"loops\": {\"hot\": [\"main::loop\", \"engine::step\"]}}");
	loops_compute(p, NULL, &l);
	assert_int_equal(l.n, 0);
	assert_int_equal(p->legacy_hot.n, 2);
	assert_string_equal(profile_str(p, p->legacy_hot.v[0]), "main::loop");
	loops_free(&l);
	profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hints_and_shares),
	    cmocka_unit_test(test_order),
	    cmocka_unit_test(test_custom_thresholds),
	    cmocka_unit_test(test_zero_total_and_legacy),
	};

	return cmocka_run_group_tests_name("loops", tests, NULL, NULL);
}
