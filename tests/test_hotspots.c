/* test_hotspots.c - shares, hot/warm/cold classification, 50/90/99 counts, re-sorting. */
#include <math.h>

#include "tests/testutil.h"

#include "analysis/hotspots.h"

#define assert_near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9)

static const char *name_at(const struct profile *p, const struct hotspots *h, uint32_t i)
{
	return profile_str(p, p->funcs.v[h->v[i].func].name);
}

/* Self times (time_ns minus the timed edges out of it):
 *   add          93210                              =    93210
 *   compute      12003221 - 93210                   = 11910011
 *   engine::step 18000000 - 11950000                =  6050000
 *   io::flush    0
 *   main         20000000 - 400000 - 19500000       =   100000
 *   main::loop   19500000 - 18000000 - 53221        =  1446779
 *   parse        given                              =   400000
 *   total                                           = 20000000
 * Rank order and the cumulative self before each:
 *   0 compute       0          -> 0         < 0.90   hot
 *   1 engine::step  11910011   -> 0.5955    < 0.90   hot
 *   2 main::loop    17960011   -> 0.8980    < 0.90   hot
 *   3 parse         19406790   -> 0.9703    < 0.99   warm
 *   4 main          19806790   -> 0.9903   >= 0.99   cold
 *   5 add           19906790   -> 0.9953   >= 0.99   cold
 *   6 io::flush     calls 0                          cold
 * 50 %: top 1 = 11910011 >= 10000000                 -> 1
 * 90 %: top 2 = 17960011 < 18000000, top 3 = 19406790 -> 3
 * 99 %: top 3 = 19406790 < 19800000, top 4 = 19806790 -> 4 */
static void test_full_profile(void **state)
{
	struct profile *p = tu_load_file("examples/full.vitprof");
	struct hotspots h;
	static const char *const order[] = {"compute", "engine::step", "main::loop", "parse",
					    "main",    "add",	       "io::flush"};
	static const enum hot_class cls[] = {HOT_CLASS_HOT,  HOT_CLASS_HOT,  HOT_CLASS_HOT,
					     HOT_CLASS_WARM, HOT_CLASS_COLD, HOT_CLASS_COLD,
					     HOT_CLASS_COLD};
	uint32_t i;

	(void)state;
	hotspots_compute(p, NULL, &h);
	assert_int_equal(h.n, 7);
	assert_int_equal(h.total, 20000000);
	for (i = 0; i < 7; i++) {
		assert_string_equal(name_at(p, &h, i), order[i]);
		assert_int_equal(h.v[i].cls, cls[i]);
		assert_int_equal(h.v[i].rank, i);
	}
	assert_int_equal(h.n50, 1);
	assert_int_equal(h.n90, 3);
	assert_int_equal(h.n99, 4);
	assert_int_equal(h.count[HOT_CLASS_HOT], 3);
	assert_int_equal(h.count[HOT_CLASS_WARM], 1);
	assert_int_equal(h.count[HOT_CLASS_COLD], 3);
	/* compute: self 11910011 / 20000000 = 0.59550055,
	 * time 12003221 / 20000000 = 0.60016105, avg 12003221 / 302 (inclusive) */
	assert_int_equal(h.v[0].self_ns, 11910011);
	assert_int_equal(h.v[0].time_ns, 12003221);
	assert_int_equal(h.v[0].calls, 302);
	assert_near(h.v[0].self_share, 0.59550055);
	assert_near(h.v[0].time_share, 0.60016105);
	assert_near(h.v[0].avg_ns, 12003221.0 / 302.0);
	assert_near(h.v[0].cum_share, 0.59550055);
	/* main::loop: cumulative 19406790 / 20000000 = 0.9703395 */
	assert_near(h.v[2].cum_share, 0.9703395);
	/* main: time 20000000 / 20000000 = 1, avg 20000000 / 1 */
	assert_near(h.v[4].time_share, 1.0);
	assert_near(h.v[4].avg_ns, 20000000.0);
	/* io::flush: 0 calls, avg 0; the last cumulative share is 1 */
	assert_near(h.v[6].avg_ns, 0.0);
	assert_near(h.v[6].cum_share, 1.0);
	assert_string_equal(hotspots_class_name(HOT_CLASS_WARM), "warm");
	assert_string_equal(hotspots_class_name(HOT_CLASS_COUNT), "");
	hotspots_free(&h);
	assert_null(h.v);
	profile_free(p);
}

/* No edges: self = time. Total 50 + 40 + 9 + 1 = 100.
 *   a  before 0             hot
 *   b  before 50 = 0.50     hot  (< 0.90)
 *   c  before 90 = 0.90     not below the hot cutoff, below 0.99: warm
 *   d  before 99 = 0.99     at the cold cutoff: cold
 * 50 %: top 1 = 50, exactly 50 % -> 1; 90 %: 50 + 40 = 90 -> 2;
 * 99 %: 90 + 9 = 99 -> 3. */
static const char exact_json[] = "{\"functions\": {"
				 " \"a\": {\"calls\": 1, \"time_ns\": 50},"
				 " \"b\": {\"calls\": 1, \"time_ns\": 40},"
				 " \"c\": {\"calls\": 1, \"time_ns\": 9},"
				 " \"d\": {\"calls\": 1, \"time_ns\": 1}}}";

static void test_exact_boundaries(void **state)
{
	struct profile *p = tu_load(exact_json);
	struct hotspots h;

	(void)state;
	hotspots_compute(p, NULL, &h);
	assert_int_equal(h.total, 100);
	assert_string_equal(name_at(p, &h, 2), "c");
	assert_int_equal(h.v[0].cls, HOT_CLASS_HOT);
	assert_int_equal(h.v[1].cls, HOT_CLASS_HOT);
	assert_int_equal(h.v[2].cls, HOT_CLASS_WARM);
	assert_int_equal(h.v[3].cls, HOT_CLASS_COLD);
	assert_int_equal(h.n50, 1);
	assert_int_equal(h.n90, 2);
	assert_int_equal(h.n99, 3);
	hotspots_free(&h);
	profile_free(p);
}

/* Two functions of 2^64-1 ns each (item 9): the total, 2^65-2, is shown
 * clamped at 2^64-1 and said so, but the shares are of the exact sum: 50 %
 * each, 1 function makes 50 %, 2 make 90 %; with the default cutoffs (hot
 * while the share ranked before is below 0.90) both are hot. */
static void test_saturated_total(void **state)
{
	struct profile *p =
	    tu_load("{\"functions\": {\"a\": {\"calls\": 1, \"time_ns\": 18446744073709551615},"
		    " \"b\": {\"calls\": 1, \"time_ns\": 18446744073709551615}}}");
	struct hotspots h;

	(void)state;
	hotspots_compute(p, NULL, &h);
	assert_true(h.total == UINT64_MAX);
	assert_non_null(hotspots_saturated(p));
	assert_true(h.v[0].self_share == 0.5 && h.v[1].self_share == 0.5);
	assert_true(h.v[0].cum_share == 0.5 && h.v[1].cum_share == 1.0);
	assert_int_equal(h.n50, 1);
	assert_int_equal(h.n90, 2);
	assert_int_equal(h.n99, 2);
	assert_int_equal(h.count[HOT_CLASS_HOT], 2);
	hotspots_free(&h);
	profile_free(p);
	p = tu_load(exact_json);
	assert_null(hotspots_saturated(p));
	profile_free(p);
}

/* The same profile with hot 0.50 and cold 0.90:
 *   a  before 0     hot
 *   b  before 0.50  not below 0.50, below 0.90: warm
 *   c  before 0.90  at 0.90: cold
 *   d  before 0.99  cold
 * With hot 0.51 b is hot (0.50 < 0.51); with cold 1.0 nothing with calls is
 * cold (the largest "before" is 0.99). The counts do not depend on cutoffs. */
static void test_custom_cutoffs(void **state)
{
	struct profile *p = tu_load(exact_json);
	struct hotspots_opts o = {.hot_cutoff = 0.50, .cold_cutoff = 0.90};
	struct hotspots h;

	(void)state;
	hotspots_compute(p, &o, &h);
	assert_int_equal(h.v[0].cls, HOT_CLASS_HOT);
	assert_int_equal(h.v[1].cls, HOT_CLASS_WARM);
	assert_int_equal(h.v[2].cls, HOT_CLASS_COLD);
	assert_int_equal(h.v[3].cls, HOT_CLASS_COLD);
	assert_int_equal(h.n90, 2);
	hotspots_free(&h);

	/* the documented defaults */
	o = hotspots_opts_default();
	assert_near(o.hot_cutoff, 0.90);
	assert_near(o.cold_cutoff, 0.99);
	{
		static const struct hotspots_opts init = HOTSPOTS_OPTS_DEFAULT;

		assert_memory_equal(&init, &o, sizeof(o));
	}

	o = (struct hotspots_opts){.hot_cutoff = 0.51, .cold_cutoff = 1.0};
	hotspots_compute(p, &o, &h);
	assert_int_equal(h.v[1].cls, HOT_CLASS_HOT);
	assert_int_equal(h.v[2].cls, HOT_CLASS_WARM);
	assert_int_equal(h.v[3].cls, HOT_CLASS_WARM);
	hotspots_free(&h);
	profile_free(p);
}

/* Ties by name, and calls == 0 wins over hot.
 *   z: calls 0, self 60; q, p: self 20 each; total 100.
 * Rank: z (60), then p before q (equal self, name order).
 *   z  before 0 but calls 0          cold
 *   p  before 60 = 0.60              hot
 *   q  before 80 = 0.80              hot
 * 50 %: top 1 = 60 -> 1; 90 %: 80 < 90, 100 -> 3; 99 %: 3. */
static void test_ties_and_uncalled(void **state)
{
	struct profile *p = tu_load("{\"functions\": {"
				    " \"q\": {\"calls\": 2, \"time_ns\": 20},"
				    " \"z\": {\"calls\": 0, \"time_ns\": 60},"
				    " \"p\": {\"calls\": 5, \"time_ns\": 20}}}");
	struct hotspots h;

	(void)state;
	hotspots_compute(p, NULL, &h);
	assert_string_equal(name_at(p, &h, 0), "z");
	assert_string_equal(name_at(p, &h, 1), "p");
	assert_string_equal(name_at(p, &h, 2), "q");
	assert_int_equal(h.v[0].cls, HOT_CLASS_COLD);
	assert_int_equal(h.v[1].cls, HOT_CLASS_HOT);
	assert_int_equal(h.v[2].cls, HOT_CLASS_HOT);
	assert_int_equal(h.n50, 1);
	assert_int_equal(h.n90, 3);
	assert_int_equal(h.n99, 3);
	hotspots_free(&h);
	profile_free(p);
}

/* Total 0: every share is 0 (not NaN), counts are 0; "before" is 0, below
 * 0.90, so the called function is hot and the uncalled one cold. */
static void test_zero_total(void **state)
{
	struct profile *p = tu_load("{\"functions\": {"
				    " \"f\": {\"calls\": 3, \"time_ns\": 0},"
				    " \"g\": {\"calls\": 0, \"time_ns\": 0}}}");
	struct hotspots h;
	uint32_t i;

	(void)state;
	hotspots_compute(p, NULL, &h);
	assert_int_equal(h.total, 0);
	assert_int_equal(h.n50, 0);
	assert_int_equal(h.n90, 0);
	assert_int_equal(h.n99, 0);
	for (i = 0; i < h.n; i++) {
		assert_true(h.v[i].self_share == 0.0);
		assert_true(h.v[i].time_share == 0.0);
		assert_true(h.v[i].cum_share == 0.0);
		assert_true(h.v[i].avg_ns == 0.0);
	}
	assert_string_equal(name_at(p, &h, 0), "f");
	assert_int_equal(h.v[0].cls, HOT_CLASS_HOT);
	assert_int_equal(h.v[1].cls, HOT_CLASS_COLD);
	hotspots_free(&h);
	/* said, with the runtime's precise clock as the way to times */
	assert_non_null(strstr(hotspots_no_time(p), "VITPROF_CLOCK=precise"));

	/* no functions at all: nothing to say */
	profile_free(p);
	p = tu_load("{\"functions\": {}}");
	hotspots_compute(p, NULL, &h);
	assert_int_equal(h.n, 0);
	assert_int_equal(h.n50, 0);
	hotspots_free(&h);
	assert_null(hotspots_no_time(p));
	profile_free(p);

	/* sampled: no sample */
	p = tu_load("{\"meta\": {\"mode\": \"sampled\"}, \"functions\": {"
		    "\"f\": {\"calls\": 0, \"time_ns\": 0}}}");
	assert_string_equal(
	    hotspots_no_time(p),
	    "no time recorded (no sample: a run shorter than the sampling period?)");
	profile_free(p);

	/* one nanosecond is time */
	p = tu_load("{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}}}");
	assert_null(hotspots_no_time(p));
	profile_free(p);
}

static void assert_order(const struct profile *p, const struct hotspots *h,
			 const char *const *names)
{
	uint32_t i;

	for (i = 0; i < h->n; i++)
		assert_string_equal(name_at(p, h, i), names[i]);
}

/* Re-sorting full.vitprof:
 *   calls desc: add 152343, compute 302, engine::step 300, then the three
 *     with 1 call by name (main, main::loop, parse), io::flush 0
 *   name desc: parse, main::loop, main, io::flush, engine::step, compute, add
 *   avg asc (time / calls): io::flush 0, add 93210/152343 = 0.61,
 *     compute 12003221/302 = 39745.8, engine::step 18000000/300 = 60000,
 *     parse 400000, main::loop 19500000, main 20000000
 *   time asc: io::flush 0, add 93210, parse 400000, compute 12003221,
 *     engine::step 18000000, main::loop 19500000, main 20000000
 *   self desc gives back the rank order.
 * compute keeps rank 0, class hot and cumulative share 0.59550055. */
static void test_resort_keeps_classes(void **state)
{
	struct profile *p = tu_load_file("examples/full.vitprof");
	struct hotspots h;
	static const char *const by_calls[] = {"add",	     "compute", "engine::step", "main",
					       "main::loop", "parse",	"io::flush"};
	static const char *const by_name_desc[] = {
	    "parse", "main::loop", "main", "io::flush", "engine::step", "compute", "add"};
	static const char *const by_avg[] = {"io::flush", "add",	"compute", "engine::step",
					     "parse",	  "main::loop", "main"};
	static const char *const by_time[] = {"io::flush",    "add",	    "parse", "compute",
					      "engine::step", "main::loop", "main"};
	static const char *const by_self[] = {"compute", "engine::step", "main::loop", "parse",
					      "main",	 "add",		 "io::flush"};

	(void)state;
	hotspots_compute(p, NULL, &h);
	hotspots_sort(h.v, h.n, HOTSPOTS_BY_CALLS, true);
	assert_order(p, &h, by_calls);
	assert_int_equal(h.v[1].rank, 0);
	assert_int_equal(h.v[1].cls, HOT_CLASS_HOT);
	assert_near(h.v[1].cum_share, 0.59550055);
	assert_int_equal(h.v[0].cls, HOT_CLASS_COLD); /* add */
	hotspots_sort(h.v, h.n, HOTSPOTS_BY_NAME, true);
	assert_order(p, &h, by_name_desc);
	hotspots_sort(h.v, h.n, HOTSPOTS_BY_AVG, false);
	assert_order(p, &h, by_avg);
	hotspots_sort(h.v, h.n, HOTSPOTS_BY_TIME, false);
	assert_order(p, &h, by_time);
	hotspots_sort(h.v, h.n, HOTSPOTS_BY_SELF, true);
	assert_order(p, &h, by_self);
	hotspots_free(&h);
	profile_free(p);
}

/* A sampled profile counts no calls: classes come from the shares alone,
 * and only what was never sampled is cold for having no calls. Shares:
 * hot 800/1000 (before 0: hot), warm 150 (before 0.80 < 0.90: hot), tail
 * 50 (before 0.95: warm), idle 0 (no time: cold). */
static void test_sampled_profile_classes(void **state)
{
	struct profile *p = tu_load("{\"meta\": {\"mode\": \"sampled\"}, \"functions\": {"
				    "\"hot\": {\"calls\": 0, \"time_ns\": 800},"
				    "\"warm\": {\"calls\": 0, \"time_ns\": 150},"
				    "\"tail\": {\"calls\": 0, \"time_ns\": 50},"
				    "\"idle\": {\"calls\": 0, \"time_ns\": 0}}}");
	struct hotspots h;

	(void)state;
	hotspots_compute(p, NULL, &h);
	assert_string_equal(profile_str(p, p->funcs.v[h.v[0].func].name), "hot");
	assert_int_equal(h.v[0].cls, HOT_CLASS_HOT);
	assert_int_equal(h.v[1].cls, HOT_CLASS_HOT);
	assert_int_equal(h.v[2].cls, HOT_CLASS_WARM);
	assert_int_equal(h.v[3].cls, HOT_CLASS_COLD);
	hotspots_free(&h);
	profile_free(p);
}

/* In a sampled profile a function is also classed by the samples it is on
 * the stack of (time_ns): hot above 1 - 0.90 = 10 % of the total, not cold
 * above 1 - 0.99 = 1 %. Self times (total 1000) and the self-time rank:
 *   work    900  before 0            hot   stack 0.900        hot
 *   helper   80  before 0.900        warm  stack 0.080 > 0.01  warm
 *   tail     15  before 0.980        warm  stack 0.015 > 0.01  warm
 *   main      5  before 0.995        cold  stack 1.000 > 0.10  hot
 *   at10      0  before 1            cold  stack 0.100 = 0.10  warm
 *   at1       0  before 1            cold  stack 0.010 = 0.01  cold
 *   idle      0  no time: never sampled                       cold
 * The same numbers with calls counted keep the self-time classes only:
 * main, at10 and at1 cold. With hot_cutoff 0.95 the stack bar is 5 %:
 * helper (8 %) is hot. */
static const char on_stack_profile[] = "{%s 'functions': {"
				       "'main': {'calls': %d, 'time_ns': 1000, 'self_ns': 5},"
				       "'work': {'calls': %d, 'time_ns': 900, 'self_ns': 900},"
				       "'helper': {'calls': %d, 'time_ns': 80, 'self_ns': 80},"
				       "'tail': {'calls': %d, 'time_ns': 15, 'self_ns': 15},"
				       "'at10': {'calls': %d, 'time_ns': 100, 'self_ns': 0},"
				       "'at1': {'calls': %d, 'time_ns': 10, 'self_ns': 0},"
				       "'idle': {'calls': 0, 'time_ns': 0}}}";

static enum hot_class class_of(const struct profile *p, const struct hotspots *h, const char *name)
{
	uint32_t i;

	for (i = 0; i < h->n; i++)
		if (!strcmp(name_at(p, h, i), name))
			return h->v[i].cls;
	fail_msg("no function %s", name);
	return HOT_CLASS_COUNT;
}

static struct profile *load_on_stack(bool sampled)
{
	char json[1024];
	int c = sampled ? 0 : 1;

	snprintf(json, sizeof(json), on_stack_profile,
		 sampled ? "'meta': {'mode': 'sampled'}," : "", c, c, c, c, c, c);
	return tu_load_q(json);
}

static void test_sampled_classes_on_stack(void **state)
{
	static const char *const names[] = {"work", "helper", "tail", "main",
					    "at10", "at1",    "idle"};
	static const enum hot_class sampled[] = {HOT_CLASS_HOT, HOT_CLASS_WARM, HOT_CLASS_WARM,
						 HOT_CLASS_HOT, HOT_CLASS_WARM, HOT_CLASS_COLD,
						 HOT_CLASS_COLD};
	static const enum hot_class counted[] = {HOT_CLASS_HOT,	 HOT_CLASS_WARM, HOT_CLASS_WARM,
						 HOT_CLASS_COLD, HOT_CLASS_COLD, HOT_CLASS_COLD,
						 HOT_CLASS_COLD};
	struct hotspots_opts opts = hotspots_opts_default();
	struct profile *p = load_on_stack(true), *q = load_on_stack(false);
	struct hotspots h;
	uint32_t i;

	(void)state;
	hotspots_compute(p, NULL, &h);
	for (i = 0; i < 7; i++)
		assert_int_equal(class_of(p, &h, names[i]), sampled[i]);
	assert_int_equal(h.count[HOT_CLASS_HOT], 2);
	assert_int_equal(h.count[HOT_CLASS_WARM], 3);
	assert_int_equal(h.count[HOT_CLASS_COLD], 2);
	assert_int_equal(h.n99, 3); /* 50/90/99 % stay self-time counts */
	hotspots_free(&h);
	hotspots_compute(q, NULL, &h);
	for (i = 0; i < 7; i++)
		assert_int_equal(class_of(q, &h, names[i]), counted[i]);
	hotspots_free(&h);
	opts.hot_cutoff = 0.95;
	hotspots_compute(p, &opts, &h);
	assert_int_equal(class_of(p, &h, "helper"), HOT_CLASS_HOT);
	assert_int_equal(class_of(p, &h, "tail"), HOT_CLASS_WARM);
	hotspots_free(&h);
	profile_free(p);
	profile_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sampled_profile_classes),
	    cmocka_unit_test(test_full_profile),
	    cmocka_unit_test(test_exact_boundaries),
	    cmocka_unit_test(test_custom_cutoffs),
	    cmocka_unit_test(test_ties_and_uncalled),
	    cmocka_unit_test(test_zero_total),
	    cmocka_unit_test(test_resort_keeps_classes),
	    cmocka_unit_test(test_sampled_classes_on_stack),
	    cmocka_unit_test(test_saturated_total),
	};

	return cmocka_run_group_tests_name("hotspots", tests, NULL, NULL);
}
