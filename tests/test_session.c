/* test_session.c - the session: inputs and weights, the merge and its
 * analyses computed when asked for after each update, marks that follow names, the diff, and
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
	/* the same pair again, after a merge: the diff made is kept (the
	 * inputs do not change), not compared again */
	s.inputs[1].weight = 2;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	s.diff.overlap = -1; /* what a diff made again would not keep */
	session_set_diff(&s, 0, 1);
	assert_true(s.diff.overlap == -1);
	assert_int_equal(s.generation, gen + 3); /* the update, then the diff */
	s.diff.overlap = 0.75;
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
	const struct diff_row *rows;
	struct diff_function row[3];
	unsigned n = 0, gen, i;

	(void)state;
	session_two(&s, &n);
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	a = s.inputs[0].p;
	session_set_diff(&s, 0, 1);
	assert_int_equal(s.diff.n_funcs, 3);
	assert_int_equal(s.diff.n_branches, 0); /* functions only */
	rows = s.diff.rows;
	gen = s.generation;
	session_set_diff(&s, 1, 0);
	assert_int_equal(s.generation, gen + 1);
	assert_int_equal(s.diff_base, 1);
	assert_int_equal(s.diff_new, 0);
	assert_ptr_equal(s.diff.base, s.inputs[1].p);
	assert_int_equal(s.diff.base_total, 800);
	assert_int_equal(s.diff.new_total, 400);
	assert_ptr_equal(s.diff.rows, rows);
	for (i = 0; i < 3; i++)
		diff_function_get(&s.diff, i, &row[i]);
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
	/* f's row still has a's id for f and a's string for its name:
	 * nothing was matched again */
	assert_int_equal(rows[2].new_id, profile_find_function(a, "f"));
	assert_ptr_equal(rows[2].name, profile_str(a, a->funcs.v[rows[2].new_id].name));
	assert_int_equal(s.diff.n_added, 1); /* g */
	assert_int_equal(s.diff.n_removed, 1);
	session_set_diff(&s, 0, 1); /* and back */
	for (i = 0; i < 3; i++)
		diff_function_get(&s.diff, i, &row[i]);
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

/* Two runs with a call, a branch site and a loop site, for the analyses:
 *            main calls/time  work calls/time  main->work count/time
 *   lz_a         1 / 1000          4 / 600          4 / 600
 *   lz_b         1 /  500          2 / 300          2 / 300
 * self: main 1000 - 600 = 400 in a, 500 - 300 = 200 in b; work 600, 300.
 *   branch work:3 taken/not   loop work:5 entries/iterations/time
 *   lz_a     9 / 1                 4 / 40 / 300
 *   lz_b     1 / 9                 2 /  2 / 100 */
static const char lz_a[] =
    "{'functions': {'main': {'calls': 1, 'time_ns': 1000}, 'work': {'calls': 4, 'time_ns': 600}},"
    " 'calls': [{'caller': 'main', 'callee': 'work', 'count': 4, 'time_ns': 600}],"
    " 'branches': {'sites': [{'function': 'work', 'line': 3, 'taken': 9, 'not_taken': 1}]},"
    " 'loops': {'sites': [{'function': 'work', 'line': 5, 'entries': 4, 'iterations': 40,"
    " 'time_ns': 300}]}}";
static const char lz_b[] =
    "{'functions': {'main': {'calls': 1, 'time_ns': 500}, 'work': {'calls': 2, 'time_ns': 300}},"
    " 'calls': [{'caller': 'main', 'callee': 'work', 'count': 2, 'time_ns': 300}],"
    " 'branches': {'sites': [{'function': 'work', 'line': 3, 'taken': 1, 'not_taken': 9}]},"
    " 'loops': {'sites': [{'function': 'work', 'line': 5, 'entries': 2, 'iterations': 2,"
    " 'time_ns': 100}]}}";

static void session_lz(struct session *s, double wa, double wb)
{
	session_init(s, NULL, NULL);
	session_add_input(s, "a.vitprof", tu_load_q(lz_a), wa);
	session_add_input(s, "b.vitprof", tu_load_q(lz_b), wb);
}

/* The count of the edge from caller to callee, through the call graph. */
static uint64_t lz_caller_count(struct session *s, const char *callee, const char *caller)
{
	struct cg_link *links;
	uint32_t n = callgraph_get_callers(session_callgraph(s), func_id(s, callee), &links), i;
	uint64_t count = UINT64_MAX;

	for (i = 0; i < n; i++)
		if (links[i].func == func_id(s, caller))
			count = links[i].count;
	free(links);
	return count;
}

/* An update computes no analysis; each is computed when asked for, with
 * the numbers of the merge of that moment: those of a weight changed after
 * it was last asked for, not the old ones. */
static void test_analyses_computed_when_asked(void **state)
{
	struct session s;
	struct error err = {0};

	(void)state;
	session_lz(&s, 1, 1);
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_null(s.hot.v); /* nothing computed yet */
	assert_null(s.br.v);
	assert_null(s.lp.v);
	assert_null(s.cg);
	/* weights 1, 1: main self 400 + 200, work 600 + 300 */
	assert_int_equal(session_hotspots(&s)->total, 1500);
	assert_null(s.br.v); /* only what was asked for */
	assert_int_equal(session_hotspots(&s)->v[0].func, func_id(&s, "work")); /* 900 first */
	assert_int_equal(session_branches(&s)->executions, 20);			/* 9+1 + 1+9 */
	assert_true(session_branches(&s)->v[0].p_taken == 0.5);			/* 10 / 20 */
	assert_int_equal(session_loops(&s)->v[0].iterations, 42);		/* 40 + 2 */
	assert_int_equal(lz_caller_count(&s, "work", "main"), 6);		/* 4 + 2 */
	/* b weighs 3: every analysis stale, then computed again */
	s.inputs[1].weight = 3;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_null(s.hot.v);
	assert_null(s.br.v);
	assert_null(s.lp.v);
	/* main self 400 + 3*200 = 1000, work 600 + 3*300 = 1500 */
	assert_int_equal(session_hotspots(&s)->total, 2500);
	assert_int_equal(session_hotspots(&s)->v[0].self_ns, 1500);
	assert_int_equal(session_hotspots(&s)->v[1].self_ns, 1000);
	assert_true(session_hotspots(&s)->v[0].self_share == 0.6); /* 1500 / 2500 */
	/* taken 9 + 3*1 = 12, not taken 1 + 3*9 = 28 */
	assert_int_equal(session_branches(&s)->executions, 40);
	assert_true(session_branches(&s)->v[0].p_taken == 0.3); /* 12 / 40 */
	/* entries 4 + 3*2 = 10, iterations 40 + 3*2 = 46, time 300 + 3*100 */
	assert_int_equal(session_loops(&s)->v[0].entries, 10);
	assert_int_equal(session_loops(&s)->v[0].iterations, 46);
	assert_int_equal(session_loops(&s)->v[0].time_ns, 600);
	assert_true(session_loops(&s)->v[0].time_share == 0.24);   /* 600 / 2500 */
	assert_int_equal(lz_caller_count(&s, "work", "main"), 10); /* 4 + 3*2 */
	assert_ptr_equal(session_callgraph(&s)->p, s.merged);
	session_free(&s);
}

/* Every analysis of two sessions is the same, field for field. */
static void lz_assert_same(struct session *s, struct session *f)
{
	const struct hotspots *h = session_hotspots(s), *hf = session_hotspots(f);
	const struct branches *b = session_branches(s), *bf = session_branches(f);
	const struct loops *l = session_loops(s), *lf = session_loops(f);
	uint32_t i, k;

	assert_int_equal(s->merged->funcs.n, f->merged->funcs.n);
	assert_int_equal(h->n, hf->n);
	assert_int_equal(h->total, hf->total);
	assert_int_equal(h->n50, hf->n50);
	assert_int_equal(h->n90, hf->n90);
	for (i = 0; i < h->n; i++) {
		assert_int_equal(h->v[i].func, hf->v[i].func);
		assert_int_equal(h->v[i].calls, hf->v[i].calls);
		assert_int_equal(h->v[i].time_ns, hf->v[i].time_ns);
		assert_int_equal(h->v[i].self_ns, hf->v[i].self_ns);
		assert_true(h->v[i].cum_share == hf->v[i].cum_share);
		assert_int_equal(h->v[i].cls, hf->v[i].cls);
	}
	assert_int_equal(b->n, bf->n);
	assert_int_equal(b->executions, bf->executions);
	for (i = 0; i < b->n; i++) {
		assert_int_equal(b->v[i].site, bf->v[i].site);
		assert_int_equal(b->v[i].executions, bf->v[i].executions);
		assert_true(b->v[i].p_taken == bf->v[i].p_taken);
		assert_int_equal(b->v[i].hint, bf->v[i].hint);
	}
	assert_int_equal(l->n, lf->n);
	for (i = 0; i < l->n; i++) {
		assert_int_equal(l->v[i].entries, lf->v[i].entries);
		assert_int_equal(l->v[i].iterations, lf->v[i].iterations);
		assert_int_equal(l->v[i].time_ns, lf->v[i].time_ns);
		assert_true(l->v[i].time_share == lf->v[i].time_share);
	}
	assert_ptr_equal(session_callgraph(s)->p, s->merged);
	for (i = 0; i < s->merged->funcs.n; i++)
		for (k = 0; k < 2; k++) {
			uint32_t (*get)(const struct callgraph *, uint32_t, struct cg_link **) =
			    k ? callgraph_get_callees : callgraph_get_callers;
			struct cg_link *x, *y;
			uint32_t n = get(session_callgraph(s), i, &x), j;

			assert_int_equal(get(session_callgraph(f), i, &y), n);
			for (j = 0; j < n; j++) {
				assert_int_equal(x[j].func, y[j].func);
				assert_int_equal(x[j].count, y[j].count);
				assert_int_equal(x[j].time_ns, y[j].time_ns);
			}
			free(x);
			free(y);
		}
}

/* Analyses asked for at some of several re-merges and not at others (a
 * graph left stale through a weight change, taken back when an input comes
 * back) end as those of a fresh session of the last weights: a 2, b 3,
 * main self 2*400 + 3*200 = 1400, work 2*600 + 3*300 = 2100. */
static void test_analyses_after_merges_as_fresh(void **state)
{
	struct session s, f;
	struct error err = {0};

	(void)state;
	session_lz(&s, 1, 1);
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_int_equal(session_hotspots(&s)->total, 1500);
	assert_int_equal(lz_caller_count(&s, "work", "main"), 6);
	s.inputs[1].weight = 3;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_int_equal(session_branches(&s)->executions, 40);
	s.inputs[1].included = false; /* a alone: its own graph */
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_int_equal(session_loops(&s)->v[0].iterations, 40);
	assert_int_equal(lz_caller_count(&s, "work", "main"), 4);
	s.inputs[1].included = true; /* a and b again: nothing asked for */
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	s.inputs[0].weight = 2;
	assert_int_equal(session_update(&s, &err), STATUS_OK);
	assert_true(s.merged != merge_plan_profile(s.plan)); /* replayed */
	session_lz(&f, 2, 3);
	assert_int_equal(session_update(&f, &err), STATUS_OK);
	assert_int_equal(session_hotspots(&s)->total, 3500);
	assert_int_equal(session_hotspots(&s)->v[0].self_ns, 2100);
	assert_int_equal(lz_caller_count(&s, "work", "main"), 14); /* 2*4 + 3*2 */
	lz_assert_same(&s, &f);
	session_free(&f);
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
	    cmocka_unit_test(test_analyses_computed_when_asked),
	    cmocka_unit_test(test_analyses_after_merges_as_fresh),
	};
	int rc = cmocka_run_group_tests_name("session", tests, NULL, NULL);

	sb_free(&warnings);
	return rc;
}
