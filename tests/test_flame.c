/* test_flame.c - the flame graph's layout: frame widths from inclusive
 * times, worked out by hand on tests/data/contexts.vitprof. */
#include "src/base/alloc.h"
#include "tests/testutil.h"

#include "analysis/callgraph.h"
#include "analysis/flame.h"

/* Frame f is function name at depth, columns [x, x + w). */
static void check_frame(const struct profile *p, const struct cg_tree *t, const struct flame *fl,
			uint32_t f, const char *name, uint32_t depth, int x, int w)
{
	const struct flame_frame *fr = &fl->v[f];

	assert_true(f < fl->n);
	assert_string_equal(profile_str(p, p->funcs.v[t->v[fr->node].func].name), name);
	assert_int_equal(fr->depth, depth);
	assert_int_equal(fr->x, x);
	assert_int_equal(fr->w, w);
}

/* The contexts (inclusive times): main 1310 > a 1050 > c 1000 > d 900,
 * main > b 150 > c 100 > d 10. In 100 columns a frame from time s to e
 * spans [round(100 s / 1310), round(100 e / 1310)):
 *   main [0, 100); a [0, 80.15 -> 80); b [80, 91.60 -> 92);
 *   c under a [0, 76.34 -> 76); c under b [80, 87.79 -> 88);
 *   d under a [0, 68.70 -> 69); d under b [80, 80.92 -> 81).
 * Breadth first: by depth, then by column. */
static void test_flame_contexts(void **state)
{
	struct profile *p = tu_load_file("tests/data/contexts.vitprof");
	struct callgraph *g = callgraph_build(p);
	struct flame fl = {0};
	struct cg_tree t;

	(void)state;
	callgraph_tree_init(&t, g);
	assert_true(t.contexts);
	flame_layout(&fl, &t, PF_NONE, 100, 64);
	assert_int_equal(fl.n, 7);
	assert_int_equal(fl.depth, 4);
	assert_true(fl.total_ns == 1310);
	check_frame(p, &t, &fl, 0, "main", 0, 0, 100);
	check_frame(p, &t, &fl, 1, "a", 1, 0, 80);
	check_frame(p, &t, &fl, 2, "b", 1, 80, 12);
	check_frame(p, &t, &fl, 3, "c", 2, 0, 76);
	check_frame(p, &t, &fl, 4, "c", 2, 80, 8);
	check_frame(p, &t, &fl, 5, "d", 3, 0, 69);
	check_frame(p, &t, &fl, 6, "d", 3, 80, 1);
	assert_int_equal(fl.v[6].parent, 4);
	assert_int_equal(fl.v[6].time_ns, 10);

	/* two rows at most: main, a, b */
	flame_layout(&fl, &t, PF_NONE, 100, 2);
	assert_int_equal(fl.n, 3);
	assert_int_equal(fl.depth, 2);

	/* in 40 columns d under b (0.31 of a column) is left out:
	 * [round(40 * 1050 / 1310), round(40 * 1060 / 1310)) = [32, 32) */
	flame_layout(&fl, &t, PF_NONE, 40, 64);
	assert_int_equal(fl.n, 6);
	check_frame(p, &t, &fl, 4, "c", 2, 32, 3); /* [32.06, 35.11) */

	/* zoomed on main > a (1050) in 50 columns: c [0, 47.62 -> 48), d [0, 42.86 -> 43) */
	{
		uint32_t path[] = {profile_find_function(p, "main"), profile_find_function(p, "a")};
		uint32_t node = flame_find_path(&t, path, 2);

		assert_true(node != PF_NONE);
		flame_layout(&fl, &t, node, 50, 64);
		assert_int_equal(fl.n, 3);
		check_frame(p, &t, &fl, 0, "a", 0, 0, 50);
		check_frame(p, &t, &fl, 1, "c", 1, 0, 48);
		check_frame(p, &t, &fl, 2, "d", 2, 0, 43);
		path[1] = profile_find_function(p, "d"); /* main does not call d */
		assert_int_equal(flame_find_path(&t, path, 2), PF_NONE);
	}
	flame_free(&fl);
	callgraph_tree_free(&t);
	callgraph_free(g);
	profile_free(p);
}

/* The same profile without its contexts: estimated from the edges. Under
 * b > c (the edge b -> c: 100 ns) the edge c -> d says 910 ns, more than
 * c's 100: d is scaled to c's width, [80, 88). Under a > c (1000 ns) d's
 * 910 fits: [0, round(100 * 910 / 1310) = round(69.47) = 69).
 * d -> e says 900 ns, which fits in d's 910; under a > c > d it is
 * [0, round(100 * 900 / 1310) = round(68.70) = 69). Under b > c > d, d
 * was drawn at 100/910 of its time, from b's start 1050 ns: e is scaled
 * with it to 900 * 100 / 910 = 98.90 ns, [round(80.15), round(100 *
 * 1148.90 / 1310) = round(87.70)) = [80, 88): at its own 900 ns it
 * would reach column 149, past its caller and past the width. */
static void test_flame_estimated(void **state)
{
	struct profile *p =
	    tu_load("{\"functions\": {"
		    "\"main\": {\"calls\": 1, \"time_ns\": 1310},"
		    "\"a\": {\"calls\": 1, \"time_ns\": 1050},"
		    "\"b\": {\"calls\": 1, \"time_ns\": 150},"
		    "\"c\": {\"calls\": 10, \"time_ns\": 1100},"
		    "\"d\": {\"calls\": 10, \"time_ns\": 910},"
		    "\"e\": {\"calls\": 10, \"time_ns\": 900}},"
		    "\"calls\": ["
		    "{\"caller\": \"a\", \"callee\": \"c\", \"count\": 5, \"time_ns\": 1000},"
		    "{\"caller\": \"b\", \"callee\": \"c\", \"count\": 5, \"time_ns\": 100},"
		    "{\"caller\": \"c\", \"callee\": \"d\", \"count\": 10, \"time_ns\": 910},"
		    "{\"caller\": \"d\", \"callee\": \"e\", \"count\": 10, \"time_ns\": 900},"
		    "{\"caller\": \"main\", \"callee\": \"a\", \"count\": 1, \"time_ns\": 1050},"
		    "{\"caller\": \"main\", \"callee\": \"b\", \"count\": 1, \"time_ns\": 150}]}");
	struct callgraph *g = callgraph_build(p);
	struct flame fl = {0};
	struct cg_tree t;

	(void)state;
	callgraph_tree_init(&t, g);
	assert_false(t.contexts);
	flame_layout(&fl, &t, PF_NONE, 100, 64);
	assert_int_equal(fl.n, 9);
	check_frame(p, &t, &fl, 3, "c", 2, 0, 76);
	check_frame(p, &t, &fl, 4, "c", 2, 80, 8);
	check_frame(p, &t, &fl, 5, "d", 3, 0, 69);
	check_frame(p, &t, &fl, 6, "d", 3, 80, 8);
	assert_int_equal(fl.v[6].time_ns, 910); /* its own number stays the edge's */
	check_frame(p, &t, &fl, 7, "e", 4, 0, 69);
	check_frame(p, &t, &fl, 8, "e", 4, 80, 8);
	assert_int_equal(fl.v[8].parent, 6);
	flame_free(&fl);
	callgraph_tree_free(&t);
	callgraph_free(g);
	profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_flame_contexts),
	    cmocka_unit_test(test_flame_estimated),
	};

	return cmocka_run_group_tests_name("flame", tests, NULL, NULL);
}
