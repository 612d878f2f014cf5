/* test_callgraph.c - the edge index, callers/callees shares, roots, lazy
 * call trees with cycles, reachable sets, inline candidates, and every
 * analysis on a generated profile of 100,000 functions and 500,000 edges. */
#include <math.h>
#include <time.h>

#include "src/base/alloc.h"
#include "tests/testutil.h"

#include "analysis/branches.h"
#include "analysis/callgraph.h"
#include "analysis/hotspots.h"
#include "analysis/loops.h"

#define assert_near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-12)

/* examples/full.vitprof, functions and edges. Ids by name: add 0, compute 1,
 * engine::step 2, io::flush 3, main 4, main::loop 5, parse 6. */

static uint32_t fid(const struct profile *p, const char *name)
{
	uint32_t id = profile_find_function(p, name);

	if (id == PF_NONE)
		fail_msg("no function %s", name);
	return id;
}

static const char *fname(const struct profile *p, uint32_t id)
{
	return profile_str(p, p->funcs.v[id].name);
}

/* compute (calls 302, time 12003221) is called by
 *   engine::step  300 / 302 = 0.99337748...,  11950000 / 12003221 = 0.99556617...
 *   main::loop      2 / 302 = 0.00662251...,     53221 / 12003221 = 0.00443382...
 * main::loop (time 19500000, outgoing counts 300 + 2 = 302) calls
 *   engine::step  300 / 302,  18000000 / 19500000 = 0.92307692...
 *   compute         2 / 302,     53221 / 19500000 = 0.00272928...
 * main (time 20000000, outgoing 1 + 1 = 2) calls, ties by name:
 *   main::loop  1 / 2 = 0.5,  19500000 / 20000000 = 0.975
 *   parse       1 / 2 = 0.5,    400000 / 20000000 = 0.02 */
static void test_callers_callees_shares(void **state)
{
	struct profile *p = tu_load_file("examples/full.vitprof");
	struct callgraph *g = callgraph_build(p);
	struct cg_link *l;
	uint32_t n;

	(void)state;
	assert_int_equal(g->nfuncs, 7);
	assert_int_equal(g->nedges, 6);
	/* 1 + 1 + 300 + 2 + 300 + 152343 */
	assert_int_equal(g->total_count, 152947);

	n = callgraph_get_callers(g, fid(p, "compute"), &l);
	assert_int_equal(n, 2);
	assert_string_equal(fname(p, l[0].func), "engine::step");
	assert_int_equal(l[0].count, 300);
	assert_int_equal(l[0].time_ns, 11950000);
	assert_true(l[0].has_time);
	assert_false(l[0].recursive);
	assert_near(l[0].count_share, 300.0 / 302.0);
	assert_near(l[0].time_share, 11950000.0 / 12003221.0);
	assert_string_equal(fname(p, l[1].func), "main::loop");
	assert_near(l[1].count_share, 2.0 / 302.0);
	assert_near(l[1].time_share, 53221.0 / 12003221.0);
	free(l);

	n = callgraph_get_callees(g, fid(p, "main::loop"), &l);
	assert_int_equal(n, 2);
	assert_string_equal(fname(p, l[0].func), "engine::step");
	assert_near(l[0].count_share, 300.0 / 302.0);
	assert_near(l[0].time_share, 18000000.0 / 19500000.0);
	assert_string_equal(fname(p, l[1].func), "compute");
	assert_near(l[1].count_share, 2.0 / 302.0);
	assert_near(l[1].time_share, 53221.0 / 19500000.0);
	free(l);

	n = callgraph_get_callees(g, fid(p, "main"), &l);
	assert_int_equal(n, 2);
	assert_string_equal(fname(p, l[0].func), "main::loop");
	assert_near(l[0].count_share, 0.5);
	assert_near(l[0].time_share, 0.975);
	assert_string_equal(fname(p, l[1].func), "parse");
	assert_near(l[1].count_share, 0.5);
	assert_near(l[1].time_share, 0.02);
	free(l);

	/* no callers, no callees */
	assert_int_equal(callgraph_get_callers(g, fid(p, "main"), &l), 0);
	assert_null(l);
	assert_int_equal(callgraph_get_callees(g, fid(p, "add"), &l), 0);
	assert_null(l);
	callgraph_free(g);
	profile_free(p);
}

/* tests/data/sampled.vitprof counts samples, not calls (calls 0): the
 * callers' counts are shares of the samples reaching the function through
 * a caller. compute is reached from main in 77 samples and from parse in
 * 10: 77 / 87 and 10 / 87 (time 77 ms and 10 ms of its 87 ms). */
static void test_sampled_callers_shares(void **state)
{
	struct profile *p = tu_load_file("tests/data/sampled.vitprof");
	struct callgraph *g = callgraph_build(p);
	struct cg_link *l;

	(void)state;
	assert_int_equal(callgraph_get_callers(g, fid(p, "compute"), &l), 2);
	assert_string_equal(fname(p, l[0].func), "main");
	assert_int_equal(l[0].count, 77);
	assert_near(l[0].count_share, 77.0 / 87.0);
	assert_near(l[0].time_share, 77.0 / 87.0);
	assert_string_equal(fname(p, l[1].func), "parse");
	assert_near(l[1].count_share, 10.0 / 87.0);
	free(l);
	/* callees: of the outgoing samples, 77 + 20 = 97, as before */
	assert_int_equal(callgraph_get_callees(g, fid(p, "main"), &l), 2);
	assert_near(l[0].count_share, 77.0 / 97.0);
	assert_near(l[1].count_share, 20.0 / 97.0);
	free(l);
	callgraph_free(g);
	profile_free(p);
}

/* Roots: main (time 20000000) and io::flush (0) have no callers.
 * Tree: main -> main::loop (1), parse (1) by name;
 *   main::loop -> engine::step (300), compute (2);
 *   engine::step -> compute (300) -> add (152343) -> nothing. */
static void test_tree_full(void **state)
{
	struct profile *p = tu_load_file("examples/full.vitprof");
	struct callgraph *g = callgraph_build(p);
	struct cg_tree t;
	uint32_t loop, step, comp, add;

	(void)state;
	assert_int_equal(g->nroots, 2);
	assert_string_equal(fname(p, g->roots[0]), "main");
	assert_string_equal(fname(p, g->roots[1]), "io::flush");

	callgraph_tree_init(&t, g);
	assert_int_equal(t.ntop, 2);
	assert_int_equal(t.n, 2);
	assert_true(t.v[1].leaf); /* io::flush */
	assert_int_equal(t.v[0].count, 1);
	assert_int_equal(t.v[0].time_ns, 20000000);
	assert_int_equal(callgraph_tree_expand(&t, 0), 2);
	loop = t.v[0].child_at;
	assert_string_equal(fname(p, t.v[loop].func), "main::loop");
	assert_string_equal(fname(p, t.v[loop + 1].func), "parse");
	assert_int_equal(t.v[loop].parent, 0);
	assert_int_equal(t.v[loop].depth, 1);
	assert_int_equal(t.v[loop].time_ns, 19500000);
	assert_true(t.v[loop + 1].leaf);

	assert_int_equal(callgraph_tree_expand(&t, loop), 2);
	step = t.v[loop].child_at;
	assert_string_equal(fname(p, t.v[step].func), "engine::step");
	assert_int_equal(t.v[step].count, 300);
	assert_string_equal(fname(p, t.v[step + 1].func), "compute");
	assert_int_equal(t.v[step + 1].count, 2);

	assert_int_equal(callgraph_tree_expand(&t, step), 1);
	comp = t.v[step].child_at;
	assert_int_equal(callgraph_tree_expand(&t, comp), 1);
	add = t.v[comp].child_at;
	assert_string_equal(fname(p, t.v[add].func), "add");
	assert_int_equal(t.v[add].count, 152343);
	assert_int_equal(t.v[add].depth, 4);
	assert_true(t.v[add].leaf);
	assert_false(t.v[add].recursive);
	assert_int_equal(callgraph_tree_expand(&t, add), 0);
	callgraph_tree_free(&t);
	callgraph_free(g);
	profile_free(p);
}

/* A node's function, count and time, and whether it is a leaf. */
static void assert_node(const struct cg_tree *t, uint32_t node, const char *name, uint64_t count,
			uint64_t time_ns, bool leaf)
{
	const struct cg_node *nd = &t->v[node];

	assert_string_equal(fname(t->g->p, nd->func), name);
	assert_int_equal(nd->count, count);
	assert_int_equal(nd->time_ns, time_ns);
	assert_true(nd->has_time);
	assert_true(nd->has_count);
	assert_int_equal(nd->leaf, leaf);
	assert_int_equal(nd->edge, PF_NONE);
	assert_false(nd->recursive);
}

/* tests/data/contexts.vitprof: main > a > c > d (c 5 calls, 1000 ns with
 * d's 900) and main > b > c > d (c 5 calls, 100 ns with d's 10). The call
 * tree is the contexts' (the edges would give d 910 ns under both c). */
static void test_tree_contexts(void **state)
{
	struct profile *p = tu_load_file("tests/data/contexts.vitprof");
	struct callgraph *g = callgraph_build(p);
	struct cg_tree t;
	uint32_t a, b, c;

	(void)state;
	callgraph_tree_init(&t, g);
	assert_true(t.contexts);
	assert_int_equal(t.ntop, 1);
	assert_node(&t, 0, "main", 1, 1310, false);
	assert_int_equal(callgraph_tree_expand(&t, 0), 2);
	a = t.v[0].child_at; /* by time: a 1050, then b 150 */
	b = a + 1;
	assert_node(&t, a, "a", 1, 1050, false);
	assert_node(&t, b, "b", 1, 150, false);
	assert_int_equal(t.v[b].depth, 1);
	assert_int_equal(callgraph_tree_expand(&t, b), 1);
	c = t.v[b].child_at;
	assert_node(&t, c, "c", 5, 100, false);
	assert_int_equal(callgraph_tree_expand(&t, c), 1);
	assert_node(&t, t.v[c].child_at, "d", 5, 10, true);
	assert_int_equal(t.v[t.v[c].child_at].depth, 3);
	assert_int_equal(callgraph_tree_expand(&t, t.v[c].child_at), 0);
	assert_int_equal(callgraph_tree_expand(&t, a), 1);
	assert_node(&t, t.v[a].child_at, "c", 5, 1000, false);
	/* c's heaviest context is main > a > c (1000 > 100) */
	c = callgraph_tree_reveal_context(&t, fid(p, "c"));
	assert_int_equal(c, t.v[a].child_at);
	callgraph_tree_free(&t);

	/* the callers of d: all d's numbers, split by the path of callers */
	callgraph_tree_init_callers(&t, g, fid(p, "d"));
	assert_true(t.contexts);
	assert_int_equal(t.ntop, 1);
	assert_node(&t, 0, "d", 10, 910, false);
	assert_int_equal(callgraph_tree_expand(&t, 0), 1);
	c = t.v[0].child_at;
	assert_node(&t, c, "c", 10, 910, false);
	assert_int_equal(callgraph_tree_expand(&t, c), 2);
	a = t.v[c].child_at;
	assert_node(&t, a, "a", 5, 900, false);
	assert_node(&t, a + 1, "b", 5, 10, false);
	assert_int_equal(callgraph_tree_expand(&t, a + 1), 1);
	assert_node(&t, t.v[a + 1].child_at, "main", 5, 10, true);
	assert_int_equal(t.v[t.v[a + 1].child_at].depth, 3);
	assert_int_equal(callgraph_tree_reveal_context(&t, fid(p, "d")), PF_NONE); /* inverted */
	callgraph_tree_free(&t);
	/* main's callers: none */
	callgraph_tree_init_callers(&t, g, fid(p, "main"));
	assert_node(&t, 0, "main", 1, 1310, true);
	assert_int_equal(callgraph_tree_expand(&t, 0), 0);
	callgraph_tree_free(&t);
	callgraph_free(g);
	profile_free(p);
}

/* Sampled contexts have no calls: the nodes say so; sums of several
 * contexts too (f under two roots). */
static void test_tree_contexts_sampled(void **state)
{
	struct profile *p =
	    tu_load_q("{'functions': {'f': {'calls': 0, 'time_ns': 7},"
		      " 'r': {'calls': 0, 'time_ns': 3}, 's': {'calls': 0, 'time_ns': 6}},"
		      " 'contexts': [{'function': 'r', 'self_ns': 1},"
		      " {'parent': 0, 'function': 'f', 'self_ns': 2},"
		      " {'function': 's', 'self_ns': 1, 'calls': 1},"
		      " {'parent': 2, 'function': 'f', 'self_ns': 5, 'calls': 3}]}");
	struct callgraph *g = callgraph_build(p);
	struct cg_tree t;

	(void)state;
	callgraph_tree_init(&t, g);
	assert_int_equal(t.ntop, 2);
	assert_string_equal(fname(p, t.v[0].func), "s"); /* 6 > 3 */
	assert_true(t.v[0].has_count);
	assert_false(t.v[1].has_count);
	callgraph_tree_free(&t);
	callgraph_tree_init_callers(&t, g, fid(p, "f"));
	assert_int_equal(t.v[0].time_ns, 7);
	assert_int_equal(t.v[0].count, 3);
	assert_false(t.v[0].has_count); /* one of its contexts has no calls */
	assert_int_equal(callgraph_tree_expand(&t, 0), 2);
	assert_string_equal(fname(p, t.v[1].func), "s");
	assert_true(t.v[1].has_count);
	assert_int_equal(t.v[1].time_ns, 5);
	assert_string_equal(fname(p, t.v[2].func), "r");
	assert_false(t.v[2].has_count);
	assert_int_equal(t.v[2].time_ns, 2);
	callgraph_tree_free(&t);
	callgraph_free(g);
	profile_free(p);
}

/* a -> b -> c -> a, c -> c, b -> d; every function has a caller other than
 * itself, so the root is the one with the most time: a (100 > 80 > 50 > 10).
 * calls: a 3, b 5, c 4 + 7 = 11, d 2; self: a 20, b 30, c 40, d 10. */
static const char cycle_json[] = "{\"functions\": {"
				 " \"a\": {\"calls\": 3, \"time_ns\": 100, \"self_ns\": 20},"
				 " \"b\": {\"calls\": 5, \"time_ns\": 80, \"self_ns\": 30},"
				 " \"c\": {\"calls\": 11, \"time_ns\": 50, \"self_ns\": 40},"
				 " \"d\": {\"calls\": 2, \"time_ns\": 10, \"self_ns\": 10}},"
				 "\"calls\": ["
				 " {\"caller\": \"a\", \"callee\": \"b\", \"count\": 5},"
				 " {\"caller\": \"b\", \"callee\": \"c\", \"count\": 4},"
				 " {\"caller\": \"b\", \"callee\": \"d\", \"count\": 2},"
				 " {\"caller\": \"c\", \"callee\": \"a\", \"count\": 3},"
				 " {\"caller\": \"c\", \"callee\": \"c\", \"count\": 7}]}";

/* Tree from a: a -> b (5) -> c (4), d (2);
 *   c -> c (7, itself: recursive), a (3, on the path: recursive).
 * Recursive nodes have no children: the walk stops. */
static void test_tree_cycle(void **state)
{
	struct profile *p = tu_load(cycle_json);
	struct callgraph *g = callgraph_build(p);
	struct cg_tree t;
	uint32_t b, c, cc, n;

	(void)state;
	assert_int_equal(g->nroots, 1);
	assert_string_equal(fname(p, g->roots[0]), "a");
	callgraph_tree_init(&t, g);
	assert_int_equal(callgraph_tree_expand(&t, 0), 1);
	b = t.v[0].child_at;
	assert_string_equal(fname(p, t.v[b].func), "b");
	assert_int_equal(callgraph_tree_expand(&t, b), 2);
	c = t.v[b].child_at;
	assert_string_equal(fname(p, t.v[c].func), "c");
	assert_string_equal(fname(p, t.v[c + 1].func), "d");
	assert_true(t.v[c + 1].leaf);
	assert_false(t.v[c + 1].recursive);
	assert_int_equal(callgraph_tree_expand(&t, c), 2);
	cc = t.v[c].child_at;
	assert_string_equal(fname(p, t.v[cc].func), "c");
	assert_int_equal(t.v[cc].count, 7);
	assert_true(t.v[cc].recursive);
	assert_true(t.v[cc].leaf);
	assert_string_equal(fname(p, t.v[cc + 1].func), "a");
	assert_true(t.v[cc + 1].recursive);
	assert_int_equal(callgraph_tree_expand(&t, cc), 0);
	assert_int_equal(callgraph_tree_expand(&t, cc + 1), 0);
	/* expanding again computes nothing new */
	n = t.n;
	assert_int_equal(callgraph_tree_expand(&t, c), 2);
	assert_int_equal(t.n, n);
	assert_int_equal(t.n, 6); /* a, b, c, d, c, a */
	callgraph_tree_free(&t);

	/* callers tree of a: a <- c (3); c <- c (7, recursive), b (4);
	 * b <- a (5): a is the top, so recursive */
	callgraph_tree_init_callers(&t, g, fid(p, "a"));
	assert_int_equal(t.ntop, 1);
	assert_int_equal(callgraph_tree_expand(&t, 0), 1);
	c = t.v[0].child_at;
	assert_string_equal(fname(p, t.v[c].func), "c");
	assert_int_equal(callgraph_tree_expand(&t, c), 2);
	cc = t.v[c].child_at;
	assert_string_equal(fname(p, t.v[cc].func), "c");
	assert_true(t.v[cc].recursive);
	assert_string_equal(fname(p, t.v[cc + 1].func), "b");
	assert_false(t.v[cc + 1].recursive);
	assert_int_equal(callgraph_tree_expand(&t, cc + 1), 1);
	b = t.v[cc + 1].child_at;
	assert_string_equal(fname(p, t.v[b].func), "a");
	assert_true(t.v[b].recursive);
	assert_int_equal(t.v[b].depth, 3);
	callgraph_tree_free(&t);
	callgraph_free(g);
	profile_free(p);
}

/* Reachable from a: a, b, c, d once each (a is reached again through c and
 * c through itself); self 20 + 30 + 40 + 10 = 100, not more.
 * From d: only d, 10. From c: c, a, b, d = 100.
 * Lists of c: callers c (7/11, recursive), b (4/11); callees c (7 of the
 * 10 outgoing = 0.7, recursive), a (3/10 = 0.3); no edge time: shares 0. */
static void test_reachable_and_self_edge(void **state)
{
	struct profile *p = tu_load(cycle_json);
	struct callgraph *g = callgraph_build(p);
	uint32_t *set, n;
	uint64_t self;
	struct cg_link *l;

	(void)state;
	n = callgraph_reachable(g, fid(p, "a"), &set, &self);
	assert_int_equal(n, 4);
	assert_int_equal(self, 100);
	assert_string_equal(fname(p, set[0]), "a");
	assert_string_equal(fname(p, set[1]), "b");
	assert_string_equal(fname(p, set[2]), "c");
	assert_string_equal(fname(p, set[3]), "d");
	free(set);
	n = callgraph_reachable(g, fid(p, "d"), &set, &self);
	assert_int_equal(n, 1);
	assert_int_equal(self, 10);
	free(set);
	n = callgraph_reachable(g, fid(p, "c"), &set, NULL);
	assert_int_equal(n, 4);
	free(set);

	n = callgraph_get_callers(g, fid(p, "c"), &l);
	assert_int_equal(n, 2);
	assert_string_equal(fname(p, l[0].func), "c");
	assert_true(l[0].recursive);
	assert_near(l[0].count_share, 7.0 / 11.0);
	assert_string_equal(fname(p, l[1].func), "b");
	assert_false(l[1].recursive);
	assert_near(l[1].count_share, 4.0 / 11.0);
	assert_false(l[1].has_time);
	assert_true(l[1].time_share == 0.0);
	free(l);
	n = callgraph_get_callees(g, fid(p, "c"), &l);
	assert_int_equal(n, 2);
	assert_true(l[0].recursive);
	assert_near(l[0].count_share, 0.7);
	assert_string_equal(fname(p, l[1].func), "a");
	assert_near(l[1].count_share, 0.3);
	free(l);
	callgraph_free(g);
	profile_free(p);
}

/* main has no callers; r only calls itself; x <-> y is a cycle nobody else
 * calls, so its most expensive function y (9 > 5) becomes a root too; w,
 * called by y only, is not one although its time equals y's and its name
 * comes first. Roots by time: main 100, y 9, r 7. */
static void test_roots(void **state)
{
	struct profile *p = tu_load("{\"functions\": {"
				    " \"main\": {\"calls\": 1, \"time_ns\": 100},"
				    " \"leaf\": {\"calls\": 1, \"time_ns\": 1},"
				    " \"r\": {\"calls\": 4, \"time_ns\": 7},"
				    " \"x\": {\"calls\": 1, \"time_ns\": 5},"
				    " \"y\": {\"calls\": 1, \"time_ns\": 9},"
				    " \"w\": {\"calls\": 1, \"time_ns\": 9}},"
				    "\"calls\": ["
				    " {\"caller\": \"main\", \"callee\": \"leaf\", \"count\": 1},"
				    " {\"caller\": \"r\", \"callee\": \"r\", \"count\": 3},"
				    " {\"caller\": \"x\", \"callee\": \"y\", \"count\": 1},"
				    " {\"caller\": \"y\", \"callee\": \"x\", \"count\": 1},"
				    " {\"caller\": \"y\", \"callee\": \"w\", \"count\": 1}]}");
	struct callgraph *g = callgraph_build(p);
	struct cg_tree t;
	uint32_t r;

	(void)state;
	assert_int_equal(g->nroots, 3);
	assert_string_equal(fname(p, g->roots[0]), "main");
	assert_string_equal(fname(p, g->roots[1]), "y");
	assert_string_equal(fname(p, g->roots[2]), "r");
	/* r's only child is itself, recursive */
	callgraph_tree_init(&t, g);
	assert_false(t.v[2].leaf);
	assert_int_equal(callgraph_tree_expand(&t, 2), 1);
	r = t.v[2].child_at;
	assert_string_equal(fname(p, t.v[r].func), "r");
	assert_true(t.v[r].recursive);
	callgraph_tree_free(&t);
	callgraph_free(g);
	profile_free(p);

	/* no functions at all: no roots, an empty tree */
	p = tu_load("{\"functions\": {}}");
	g = callgraph_build(p);
	assert_int_equal(g->nroots, 0);
	assert_int_equal(g->total_count, 0);
	callgraph_tree_init(&t, g);
	assert_int_equal(t.n, 0);
	callgraph_tree_free(&t);
	callgraph_free(g);
	profile_free(p);
}

/* Edge counts: a->a 20, a->b 10, a->c 10, a->e 951, a->g 9; total 1000,
 * so 1 % is 10. Sizes: b 64, c 65, e unknown, g 1.
 *   a->a  self edge                      no
 *   a->b  10 >= 10, size 64 <= 64        yes (share 0.01)
 *   a->c  10 >= 10, size 65 > 64         no
 *   a->e  951, size unknown              yes (share 0.951)
 *   a->g  9 < 10                         no
 * With min_share 0.009 (9) and max_size 65: e 951, b 10 (edge 1),
 * c 10 (edge 2), g 9. */
static void test_inline_candidates(void **state)
{
	struct profile *p = tu_load("{\"functions\": {"
				    " \"a\": {\"calls\": 1, \"time_ns\": 10, \"size\": 10},"
				    " \"b\": {\"calls\": 10, \"time_ns\": 1, \"size\": 64},"
				    " \"c\": {\"calls\": 10, \"time_ns\": 1, \"size\": 65},"
				    " \"e\": {\"calls\": 951, \"time_ns\": 1},"
				    " \"g\": {\"calls\": 9, \"time_ns\": 1, \"size\": 1}},"
				    "\"calls\": ["
				    " {\"caller\": \"a\", \"callee\": \"g\", \"count\": 9},"
				    " {\"caller\": \"a\", \"callee\": \"e\", \"count\": 951},"
				    " {\"caller\": \"a\", \"callee\": \"c\", \"count\": 10},"
				    " {\"caller\": \"a\", \"callee\": \"b\", \"count\": 10},"
				    " {\"caller\": \"a\", \"callee\": \"a\", \"count\": 20}]}");
	struct callgraph *g = callgraph_build(p);
	struct callgraph_inline_opts o = {.min_share = 0.009, .max_size = 65};
	struct cg_inline *v;
	uint32_t n;

	(void)state;
	assert_near(callgraph_inline_opts_default().min_share, 0.01);
	assert_int_equal(callgraph_inline_opts_default().max_size, 64);
	{
		static const struct callgraph_inline_opts init = CALLGRAPH_INLINE_OPTS_DEFAULT;
		struct callgraph_inline_opts d = callgraph_inline_opts_default();

		assert_true(init.min_share == d.min_share);
		assert_int_equal(init.max_size, d.max_size);
	}
	assert_int_equal(g->total_count, 1000);
	n = callgraph_find_inline_candidates(g, NULL, &v);
	assert_int_equal(n, 2);
	assert_string_equal(fname(p, v[0].callee), "e");
	assert_int_equal(v[0].count, 951);
	assert_false(v[0].has_size);
	assert_near(v[0].share, 0.951);
	assert_string_equal(fname(p, v[1].callee), "b");
	assert_string_equal(fname(p, v[1].caller), "a");
	assert_int_equal(v[1].edge, 1); /* edges sort by callee: a, b, c, e, g */
	assert_true(v[1].has_size);
	assert_int_equal(v[1].size, 64);
	assert_near(v[1].share, 0.01);
	free(v);

	n = callgraph_find_inline_candidates(g, &o, &v);
	assert_int_equal(n, 4);
	assert_string_equal(fname(p, v[0].callee), "e");
	assert_string_equal(fname(p, v[1].callee), "b");
	assert_string_equal(fname(p, v[2].callee), "c");
	assert_string_equal(fname(p, v[3].callee), "g");
	free(v);
	callgraph_free(g);
	profile_free(p);

	/* full.vitprof: total 152947, 1 % = 1529.47: only compute -> add
	 * (152343, add size 12). At 0.1 % (152.947) engine::step -> compute
	 * (300, size 58) joins; main::loop -> engine::step (300) does not
	 * (size 220). With max_size 12 compute (58) drops out again. */
	p = tu_load_file("examples/full.vitprof");
	g = callgraph_build(p);
	n = callgraph_find_inline_candidates(g, NULL, &v);
	assert_int_equal(n, 1);
	assert_string_equal(fname(p, v[0].callee), "add");
	free(v);
	o = (struct callgraph_inline_opts){.min_share = 0.001, .max_size = 64};
	n = callgraph_find_inline_candidates(g, &o, &v);
	assert_int_equal(n, 2);
	assert_string_equal(fname(p, v[1].caller), "engine::step");
	assert_string_equal(fname(p, v[1].callee), "compute");
	free(v);
	o.max_size = 12;
	n = callgraph_find_inline_candidates(g, &o, &v);
	assert_int_equal(n, 1);
	free(v);
	callgraph_free(g);
	profile_free(p);

	/* all counts 0: no candidates */
	p = tu_load("{\"functions\": {\"a\": {\"calls\": 0, \"time_ns\": 0},"
		    " \"b\": {\"calls\": 0, \"time_ns\": 0}},"
		    " \"calls\": [{\"caller\": \"a\", \"callee\": \"b\", \"count\": 0}]}");
	g = callgraph_build(p);
	assert_int_equal(callgraph_find_inline_candidates(g, NULL, &v), 0);
	assert_null(v);
	callgraph_free(g);
	profile_free(p);
}

/* ---- a large generated profile: invariants and speed ---- */

#define BIG_FUNCS 100000u
#define BIG_OUT	  5u /* edges per function: 500,000 */

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

/* Function i calls (31 i + 20011 j + 1) mod N for j < 5: for a fixed j
 * that is a bijection, so every function has 5 callers and no edge repeats. */
static struct profile *big_profile(void)
{
	struct profile *p = profile_new();
	struct pf_duplicate dup;
	uint32_t i, j;

	for (i = 0; i < BIG_FUNCS; i++) {
		char name[16];
		int len = snprintf(name, sizeof(name), "f%06u", BIG_FUNCS - 1 - i);
		uint32_t id = profile_add_function(p, profile_intern(p, name, (size_t)len), NULL);
		struct pf_function *f = &p->funcs.v[id];
		struct pf_branch *b;
		struct pf_loop *l;

		f->calls = mix(i) % 1000;
		f->time_ns = 1000000 + mix(i + 7) % 100000000;
		if (i % 3) {
			f->size = (uint32_t)(mix(i + 3) % 200);
			f->flags |= PF_HAS_SIZE;
		}
		b = profile_add_branch(p);
		b->func = id, b->line = 1, b->id = PF_NONE;
		b->taken = mix(i + 11) % 1000, b->not_taken = mix(i + 13) % 1000;
		l = profile_add_loop(p);
		l->func = id, l->line = 1, l->name = PF_NONE;
		l->entries = mix(i + 17) % 100, l->iterations = mix(i + 19) % 10000;
		l->time_ns = mix(i + 23) % 1000000, l->flags = i % 2 ? PF_HAS_TIME : 0;
	}
	for (i = 0; i < BIG_FUNCS; i++) {
		for (j = 0; j < BIG_OUT; j++) {
			struct pf_edge *e = profile_add_edge(p);

			e->caller = i;
			e->callee = (uint32_t)((31ULL * i + 20011ULL * j + 1) % BIG_FUNCS);
			e->count = mix((uint64_t)i * 8 + j) % 10000;
			if (i % 20000 == 0 && j == 0) /* a few inline candidates */
				e->count = 100000000;
			e->time_ns = mix((uint64_t)i * 8 + j + 1) % 100000;
			e->flags = PF_HAS_TIME;
		}
	}
	assert_true(profile_finalize(p, &dup));
	return p;
}

static void check_hotspots(const struct profile *p)
{
	struct hotspots h;
	double sum = 0;
	uint32_t i;
	enum hot_class last = HOT_CLASS_HOT;

	hotspots_compute(p, NULL, &h);
	assert_int_equal(h.n, BIG_FUNCS);
	for (i = 0; i < h.n; i++) {
		sum += h.v[i].self_share;
		if (i > 0) {
			assert_true(h.v[i - 1].self_ns >= h.v[i].self_ns);
			assert_true(h.v[i - 1].cum_share <= h.v[i].cum_share);
		}
		if (h.v[i].calls > 0) { /* hot, then warm, then cold */
			assert_true(h.v[i].cls >= last);
			last = h.v[i].cls;
		}
	}
	assert_true(fabs(sum - 1.0) < 1e-9);
	assert_true(fabs(h.v[h.n - 1].cum_share - 1.0) < 1e-9);
	assert_true(h.n50 > 0 && h.n50 <= h.n90 && h.n90 <= h.n99 && h.n99 <= h.n);
	assert_int_equal(h.count[0] + h.count[1] + h.count[2], BIG_FUNCS);
	hotspots_sort(h.v, h.n, HOTSPOTS_BY_CALLS, true);
	for (i = 1; i < h.n; i++)
		assert_true(h.v[i - 1].calls > h.v[i].calls ||
			    (h.v[i - 1].calls == h.v[i].calls && h.v[i - 1].func < h.v[i].func));
	hotspots_free(&h);
}

static void check_sites(const struct profile *p)
{
	struct branches b;
	struct loops l;
	uint32_t i;

	branches_compute(p, NULL, &b);
	for (i = 1; i < b.n; i++)
		assert_true(b.v[i - 1].executions >= b.v[i].executions);
	assert_true(b.biased + b.unpredictable <= b.executions);
	branches_free(&b);
	loops_compute(p, NULL, &l);
	for (i = 1; i < l.n; i++)
		assert_true(l.v[i - 1].time_ns >= l.v[i].time_ns);
	loops_free(&l);
}

static void check_callgraph(const struct profile *p)
{
	struct callgraph *g = callgraph_build(p);
	struct cg_inline *v;
	struct cg_tree t;
	uint32_t *set, n, i, node, depth;
	bool *seen = xcalloc(BIG_FUNCS, sizeof(*seen));

	assert_int_equal(g->out_at[BIG_FUNCS], BIG_FUNCS * BIG_OUT);
	assert_int_equal(g->in_at[BIG_FUNCS], BIG_FUNCS * BIG_OUT);
	for (i = 0; i < BIG_FUNCS; i++)
		assert_int_equal(g->in_at[i + 1] - g->in_at[i], BIG_OUT);
	/* every function hangs below some root, each counted once */
	assert_true(g->nroots >= 1 && g->nroots <= 10);
	for (i = 0, n = 0; i < g->nroots; i++) {
		uint32_t k, m = callgraph_reachable(g, g->roots[i], &set, NULL);

		for (k = 0; k < m; k++) {
			n += !seen[set[k]];
			seen[set[k]] = true;
		}
		free(set);
	}
	assert_int_equal(n, BIG_FUNCS);
	/* callee count shares of one function sum to 1 */
	{
		struct cg_link *l;
		double sum = 0;
		uint32_t k, m = callgraph_get_callees(g, g->roots[0], &l);

		for (k = 0; k < m; k++)
			sum += l[k].count_share;
		assert_true(g->out_count[g->roots[0]] == 0 || fabs(sum - 1.0) < 1e-9);
		free(l);
	}
	/* inline candidates: each at least 1 % of the total, sorted */
	n = callgraph_find_inline_candidates(g, NULL, &v);
	for (i = 0; i < n; i++) {
		assert_true((double)v[i].count * 100 >= (double)g->total_count);
		assert_true(i == 0 || v[i - 1].count >= v[i].count);
	}
	assert_true(n > 0);
	free(v);
	/* a path 2000 levels deep, one lazy expansion at a time */
	callgraph_tree_init(&t, g);
	for (node = 0, depth = 0; depth < 2000; depth++) {
		uint32_t k, m = callgraph_tree_expand(&t, node), next = PF_NONE;

		for (k = 0; k < m && next == PF_NONE; k++)
			if (!t.v[t.v[node].child_at + k].recursive)
				next = t.v[node].child_at + k;
		if (next == PF_NONE)
			break;
		node = next;
	}
	assert_true(t.v[node].depth == depth);
	assert_true(t.n < 2000 * BIG_OUT + t.ntop + 1);
	callgraph_tree_free(&t);
	free(seen);
	callgraph_free(g);
}

static void test_big_profile(void **state)
{
	struct timespec t0, t1;
	struct profile *p = big_profile();
	double secs;

	(void)state;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	check_hotspots(p);
	check_sites(p);
	check_callgraph(p);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	/* linear or n log n takes a fraction of a second; quadratic, hours */
	assert_true(secs < 10.0);
	profile_free(p);
}

/* A graph retargeted to a profile of the same functions and edges with
 * other counters is the one built for it: here the cycle a <-> b, which
 * nobody else calls, has a root by time (a: 50 ns, b: 40 ns), then b: 90
 * ns; c, alone, is the other root; the counts are the second profile's
 * (a -> b 7, b -> a 1: a's 7, total 8). */
static void test_retarget(void **state)
{
	static const char shape[] =
	    "{'functions': {'a': {'calls': 1, 'time_ns': %s}, 'b': {'calls': 1, 'time_ns': %s},"
	    " 'c': {'calls': 1, 'time_ns': 1}}, 'calls': [{'caller': 'a', 'callee': 'b', 'count':"
	    " %s}, {'caller': 'b', 'callee': 'a', 'count': 1}]}";
	char t1[512], t2[512];
	struct profile *p1, *p2;
	struct callgraph *g, *fresh;
	uint32_t i;

	(void)state;
	snprintf(t1, sizeof(t1), shape, "50", "40", "3");
	snprintf(t2, sizeof(t2), shape, "10", "90", "7");
	p1 = tu_load_q(t1);
	p2 = tu_load_q(t2);
	g = callgraph_build(p1);
	assert_int_equal(g->roots[0], fid(p1, "a"));
	callgraph_retarget(g, p2);
	fresh = callgraph_build(p2);
	assert_ptr_equal(g->p, p2);
	assert_int_equal(g->nroots, 2);
	assert_int_equal(g->roots[0], fid(p2, "b")); /* 90 ns now */
	assert_int_equal(g->roots[1], fid(p2, "c"));
	assert_int_equal(g->out_count[fid(p2, "a")], 7);
	assert_int_equal(g->total_count, 8);
	assert_int_equal(fresh->nroots, g->nroots);
	for (i = 0; i < g->nroots; i++)
		assert_int_equal(fresh->roots[i], g->roots[i]);
	for (i = 0; i < g->nfuncs; i++)
		assert_int_equal(fresh->out_count[i], g->out_count[i]);
	callgraph_free(g);
	callgraph_free(fresh);
	profile_free(p1);
	profile_free(p2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_callers_callees_shares),
	    cmocka_unit_test(test_sampled_callers_shares),
	    cmocka_unit_test(test_tree_full),
	    cmocka_unit_test(test_tree_cycle),
	    cmocka_unit_test(test_tree_contexts),
	    cmocka_unit_test(test_tree_contexts_sampled),
	    cmocka_unit_test(test_reachable_and_self_edge),
	    cmocka_unit_test(test_roots),
	    cmocka_unit_test(test_inline_candidates),
	    cmocka_unit_test(test_big_profile),
	    cmocka_unit_test(test_retarget),
	};

	return cmocka_run_group_tests_name("callgraph", tests, NULL, NULL);
}
