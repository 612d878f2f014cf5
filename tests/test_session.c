/* test_session.c - the session: inputs and weights, the merge and its
 * analyses redone at each update, marks that follow names, the diff, and
 * the errors that leave it usable. Expected numbers are worked out by hand
 * next to each assertion. */
#include "tests/testutil.h"

#include "analysis/merge.h"
#include "analysis/session.h"

/* a: f 2 calls 300 ns (self), g 1 call 100 ns; total self 400 */
static const char prof_a[] = "{'functions': {'f': {'calls': 2, 'time_ns': 300, 'checksum': 'aaa'},"
			     " 'g': {'calls': 1, 'time_ns': 100}}}";
/* b: f 3 calls 600 ns, h 1 call 200 ns; total self 800 */
static const char prof_b[] = "{'functions': {'f': {'calls': 3, 'time_ns': 600, 'checksum': 'bbb'},"
			     " 'h': {'calls': 1, 'time_ns': 200}}}";

static struct strbuf warnings;

static void collect(void *arg, const char *text)
{
	(*(unsigned *)arg)++;
	sb_adds(&warnings, text);
	sb_addc(&warnings, '\n');
}

static void session_two(struct session *s, unsigned *n_warnings)
{
	*n_warnings = 0;
	sb_reset(&warnings);
	session_init(s, collect, n_warnings);
	assert_int_equal(session_add_input(s, "a.vitprof", tu_load_q(prof_a), 1), 0);
	assert_int_equal(session_add_input(s, "b.vitprof", tu_load_q(prof_b), 1), 1);
}

static uint32_t func_id(const struct session *s, const char *name)
{
	return profile_find_function(s->merged, name);
}

static void test_one_input_used_as_is(void **state)
{
	struct session s;
	struct error err = {0};
	unsigned n = 0;

	(void)state;
	session_two(&s, &n);
	s.inputs[1].included = false;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_ptr_equal(s.merged, s.inputs[0].p); /* no copy */
	assert_false(s.merged_owned);
	assert_int_equal(session_hotspots(&s)->n, 2);
	assert_int_equal(session_hotspots(&s)->total, 400);		     /* 300 + 100 */
	assert_int_equal(session_hotspots(&s)->v[0].func, func_id(&s, "f")); /* 300 ns first */
	assert_non_null(session_callgraph(&s));
	assert_int_equal(s.generation, 1);
	session_free(&s);
}

static void test_weights_merge_and_analyses(void **state)
{
	struct session s;
	struct error err = {0};
	unsigned n = 0;

	(void)state;
	session_two(&s, &n);
	s.inputs[1].weight = 2;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_true(s.merged_owned);
	assert_int_equal(s.merged->funcs.n, 3);			 /* f, g, h */
	assert_int_equal(tu_func(s.merged, "f")->calls, 8);	 /* 2 + 2*3 */
	assert_int_equal(tu_func(s.merged, "f")->self_ns, 1500); /* 300 + 2*600 */
	assert_int_equal(tu_func(s.merged, "h")->calls, 2);	 /* 2*1 */
	assert_int_equal(session_hotspots(&s)->total, 2000);	 /* 1500 + 100 + 2*200 */
	/* f's checksum differs: one warning, one stale function */
	assert_int_equal(n, 1);
	assert_int_equal(s.n_stale, 1);
	assert_non_null(strstr(sb_str(&warnings), "\"f\""));
	session_free(&s);
}

static void test_marks_follow_names(void **state)
{
	struct session s;
	struct error err = {0};
	unsigned n = 0;

	(void)state;
	session_two(&s, &n);
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	/* ids by name: f 0, g 1, h 2 */
	session_set_mark(&s, func_id(&s, "h"), true);
	session_set_mark(&s, func_id(&s, "h"), true); /* twice: still one */
	session_set_mark(&s, func_id(&s, "g"), true);
	assert_int_equal(s.n_marked, 2);
	/* without a: g goes, h moves from id 2 to id 1 and stays marked */
	s.inputs[0].included = false;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_int_equal(s.n_marked, 1);
	assert_int_equal(func_id(&s, "h"), 1);
	assert_true(s.marked[1]);
	assert_false(s.marked[0]);
	session_set_mark(&s, 1, false);
	assert_int_equal(s.n_marked, 0);
	session_set_mark(&s, 99, true); /* out of range: nothing */
	assert_int_equal(s.n_marked, 0);
	assert_int_equal(s.generation, 2);
	session_free(&s);
}

static void test_errors_leave_it_usable(void **state)
{
	struct session s;
	struct error err = {0};
	unsigned n = 0;

	(void)state;
	session_two(&s, &n);
	s.inputs[0].included = s.inputs[1].included = false;
	assert_int_equal(session_update(&s, &err), STATUS_USAGE);
	assert_non_null(strstr(err.text, "no profile is included"));
	assert_int_equal(s.merged->funcs.n, 0); /* empty, not NULL */
	assert_int_equal(session_hotspots(&s)->n, 0);
	s.inputs[0].included = s.inputs[1].included = true;
	s.inputs[1].weight = 0;
	assert_int_equal(session_update(&s, &err), STATUS_USAGE);
	assert_non_null(strstr(err.text, "input 2: the weight must be a positive number"));
	assert_int_equal(s.merged->funcs.n, 0);
	s.inputs[1].weight = 1;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_int_equal(s.merged->funcs.n, 3);
	session_free(&s);
}

static void test_diff_of_two_inputs(void **state)
{
	struct session s;
	struct error err = {0};
	unsigned n = 0, gen;

	(void)state;
	session_two(&s, &n);
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	gen = s.generation;
	session_set_diff(&s, 0, 1);
	assert_true(s.has_diff);
	assert_int_equal(s.generation, gen + 1);
	assert_int_equal(s.diff.base_total, 400);
	assert_int_equal(s.diff.new_total, 800);
	assert_int_equal(s.diff.n_funcs, 3); /* f both, g removed, h added */
	/* overlap: min(300/400, 600/800) for f = 0.75, g and h on one side */
	assert_true(s.diff.overlap > 0.7499 && s.diff.overlap < 0.7501);
	session_set_diff(&s, 1, 0); /* swapped: replaces the first */
	assert_int_equal(s.diff_base, 1);
	assert_int_equal(s.diff.base_total, 800);
	session_free(&s);
}

/* The last pair asked for the other way round (x in the Diff view) is
 * swapped in place, not compared again: the rows keep their order and
 * their names, which still point into input 0's profile. a vs b: g -0.25
 * (removed), h +0.25 (added), f 0 (300/400 = 600/800). */
static void test_diff_swapped_in_place(void **state)
{
	struct session s;
	struct error err = {0};
	const struct profile *a;
	const struct diff_function *row;
	unsigned n = 0, gen;

	(void)state;
	session_two(&s, &n);
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	a = s.inputs[0].p;
	session_set_diff(&s, 0, 1);
	assert_int_equal(s.diff.n_funcs, 3);
	assert_int_equal(s.diff.n_branches, 0); /* functions only */
	row = s.diff.funcs;
	gen = s.generation;
	session_set_diff(&s, 1, 0);
	assert_int_equal(s.generation, gen + 1);
	assert_int_equal(s.diff_base, 1);
	assert_int_equal(s.diff_new, 0);
	assert_ptr_equal(s.diff.base, s.inputs[1].p);
	assert_int_equal(s.diff.base_total, 800);
	assert_int_equal(s.diff.new_total, 400);
	assert_ptr_equal(s.diff.funcs, row);
	/* b vs a, in the same |delta| order (ties by name) */
	assert_string_equal(row[0].name, "g");
	assert_int_equal(row[0].status, DIFF_ADDED);
	assert_true(row[0].delta_share == 0.25); /* 100/400 - 0 */
	assert_false(row[0].has_ratio);
	assert_string_equal(row[1].name, "h");
	assert_int_equal(row[1].status, DIFF_REMOVED);
	assert_true(row[1].base_share == 0.25); /* 200/800 */
	assert_true(row[1].delta_share == -0.25);
	assert_true(row[1].has_ratio && row[1].ratio == 0);
	assert_string_equal(row[2].name, "f");
	assert_true(row[2].delta_share == 0); /* 300/400 - 600/800 */
	assert_true(row[2].ratio == 0.5);     /* 300/600 */
	/* f's name is still a's string: nothing was matched again */
	assert_ptr_equal(row[2].name, profile_str(a, a->funcs.v[row[2].new_id].name));
	session_set_diff(&s, 0, 1); /* and back */
	assert_true(row[0].delta_share == -0.25);
	assert_int_equal(row[0].status, DIFF_REMOVED);
	assert_true(row[2].ratio == 2.0); /* 600/300 */
	session_free(&s);
}

/* Reloading: input 0 (a, the merge used as it is) read again as b: the
 * merge is b's, the mark on f stays, g's goes with g; a NULL keeps an
 * input; weights and the diff follow. */
static void test_reload(void **state)
{
	struct profile *fresh[2] = {NULL, NULL};
	struct session s;
	struct error err = {0};
	unsigned n = 0;

	(void)state;
	session_two(&s, &n);
	s.inputs[1].included = false;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	session_set_mark(&s, func_id(&s, "f"), true);
	session_set_mark(&s, func_id(&s, "g"), true);
	session_set_diff(&s, 0, 1);
	assert_int_equal(s.diff.base_total, 400);
	fresh[0] = tu_load_q(prof_b);
	assert_int_equal(session_reload(&s, fresh, &err), STATUS_OK);
	assert_ptr_equal(s.inputs[0].p, fresh[0]);
	assert_string_equal(s.inputs[0].path, "a.vitprof");
	assert_int_equal(session_hotspots(&s)->total, 800); /* b's: 600 + 200 */
	assert_int_equal(s.n_marked, 1);
	assert_true(s.marked[func_id(&s, "f")]);
	assert_int_equal(func_id(&s, "g"), PF_NONE);
	assert_int_equal(s.diff.base_total, 800); /* b against b */
	/* both included, weight 3 on input 1: f = 600 + 3 * 600 */
	s.inputs[1].included = true;
	s.inputs[1].weight = 3;
	fresh[0] = NULL;
	fresh[1] = tu_load_q(prof_a);
	assert_int_equal(session_reload(&s, fresh, &err), STATUS_OK);
	assert_int_equal(s.inputs[1].weight, 3);
	assert_int_equal(s.merged->funcs.v[func_id(&s, "f")].time_ns, 600 + 3 * 300);
	session_free(&s);
}

/* After a full merge, a weight change, an input left out and put back are
 * merged again through the plan (the result is not the plan's merge), with
 * the numbers of a full merge; a reload drops the plan. The call graph of
 * the same inputs is kept, retargeted: through a weight change, and when
 * an input left out comes back. */
static void test_merges_replay_the_plan(void **state)
{
	struct session s;
	struct error err = {0};
	unsigned n = 0;
	struct profile *fresh[2] = {NULL, NULL};
	struct callgraph *g0, *g1;

	(void)state;
	session_two(&s, &n);
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	g0 = session_callgraph(&s);
	assert_non_null(s.plan);
	assert_ptr_equal(s.merged, merge_plan_profile(s.plan)); /* the full merge */
	s.inputs[0].weight = 0.5;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_true(s.merged != merge_plan_profile(s.plan)); /* replayed */
	assert_ptr_equal(session_callgraph(&s), g0);
	assert_ptr_equal(session_callgraph(&s)->p, s.merged);
	assert_true(s.merged_owned);
	assert_int_equal(tu_func(s.merged, "f")->calls, 4);    /* 0.5*2 + 3 */
	assert_int_equal(tu_func(s.merged, "g")->time_ns, 50); /* 0.5*100 */
	assert_int_equal(session_hotspots(&s)->total, 1000);   /* 0.5*400 + 800 */
	assert_int_equal(s.n_stale, 1);			       /* f's checksums */
	assert_int_equal(n, 2);				       /* warned at each merge */
	s.inputs[1].weight = 3;
	s.inputs[0].included = false; /* b alone, weight 3: g goes */
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_int_equal(s.merged->funcs.n, 2);		    /* f, h */
	assert_int_equal(tu_func(s.merged, "h")->calls, 3); /* 3*1 */
	assert_int_equal(profile_find_function(s.merged, "g"), PF_NONE);
	assert_int_equal(s.n_stale, 0);
	assert_true(session_callgraph(&s) != g0); /* other functions: another graph */
	assert_int_equal(session_callgraph(&s)->nfuncs, 2);
	g1 = session_callgraph(&s);
	s.inputs[0].included = true; /* back: g too */
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_ptr_equal(session_callgraph(&s), g0); /* the graph of a and b again */
	assert_ptr_equal(session_callgraph(&s)->p, s.merged);
	assert_int_equal(session_callgraph(&s)->nfuncs, 3);
	s.inputs[0].included = false; /* and b's alone again */
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_ptr_equal(session_callgraph(&s), g1);
	s.inputs[0].included = true;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_int_equal(s.merged->funcs.n, 3);
	assert_int_equal(tu_func(s.merged, "f")->self_ns, 1950); /* 0.5*300 + 3*600 */
	assert_int_equal(session_reload(&s, fresh, &err), STATUS_OK);
	assert_ptr_equal(s.merged, merge_plan_profile(s.plan)); /* a new full merge */
	assert_int_equal(tu_func(s.merged, "f")->self_ns, 1950);
	session_free(&s);
}

/* Inputs with calling contexts are merged in full every time: no plan is
 * kept for them (it could never replay their trees). */
static void test_no_plan_with_contexts(void **state)
{
	static const char ctx[] = "{'functions': {'f': {'calls': 1, 'time_ns': 5}}, 'contexts':"
				  " [{'function': 'f', 'calls': 1, 'self_ns': 5}]}";
	struct session s;
	struct error err = {0};

	(void)state;
	session_init(&s, NULL, NULL);
	session_add_input(&s, "a.vitprof", tu_load_q(ctx), 1);
	session_add_input(&s, "b.vitprof", tu_load_q(ctx), 2);
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_null(s.plan);
	assert_int_equal(s.merged->contexts.n, 1);
	assert_int_equal(s.merged->contexts.v[0].self_ns, 15); /* 5 + 2*5 */
	s.inputs[1].weight = 3;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_null(s.plan);
	assert_int_equal(s.merged->contexts.v[0].self_ns, 20); /* 5 + 3*5 */
	session_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_one_input_used_as_is),
	    cmocka_unit_test(test_weights_merge_and_analyses),
	    cmocka_unit_test(test_marks_follow_names),
	    cmocka_unit_test(test_errors_leave_it_usable),
	    cmocka_unit_test(test_diff_of_two_inputs),
	    cmocka_unit_test(test_diff_swapped_in_place),
	    cmocka_unit_test(test_reload),
	    cmocka_unit_test(test_merges_replay_the_plan),
	    cmocka_unit_test(test_no_plan_with_contexts),
	};
	int rc = cmocka_run_group_tests_name("session", tests, NULL, NULL);

	sb_free(&warnings);
	return rc;
}
